/* fuzz_stim.c -- fuzz target: the stimulus reader (fo_stim_load).  Any
 * input must give FO_OK with a stimulus that obeys SPEC 6, or an error
 * "FILE:LINE: ..." -- never a crash, a leak or an out-of-range field. */
#include "fuzz_file.h"
#include "fanout_io.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void check_loaded(const fo_stim *s)
{
    fo_error e;
    if (fo_params_check(&s->params, &e)) {
        fprintf(stderr, "loaded a stimulus with bad params: %s\n", e.msg);
        abort();
    }
    uint64_t last = 0;
    for (size_t i = 0; i < s->npkts; i++)
        if (s->pkts[i].port >= s->params.nports || s->pkts[i].cycle < last)
            abort();
        else
            last = s->pkts[i].cycle;
    for (size_t i = 0; i < s->ncmds; i++)
        if (s->cmds[i].gid >= s->params.ngroups || s->cmds[i].op > FO_OP_READ)
            abort();
    for (size_t i = 0; i < s->nstalls; i++)
        if (s->stalls[i].port >= s->params.nports)
            abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fo_stim *s = NULL;
    fo_error err = { "" };
    const char *path = fz_file(data, size);
    int rc = fo_stim_load(path, &s, &err);
    if (rc == FO_OK) {
        check_loaded(s);
        fo_stim_free(s);
    } else if (s || (rc == FO_EINPUT && strncmp(err.msg, path, strlen(path)))) {
        fprintf(stderr, "bad input not reported as '%s:LINE: ...': rc %d '%s'\n", path, rc, err.msg);
        abort();
    }
    return 0;
}
