/* fuzz_trace.c -- fuzz target: the trace reader (fo_tr_open, fo_tr_next),
 * as `fanout diff` and `fanout stats` use it.  Every line read must be in
 * range for the trace's own params; bad input is an error, never a crash. */
#include "fuzz_file.h"
#include "fanout_io.h"
#include <stdio.h>
#include <stdlib.h>

static void check_line(const fo_tr *tr, const fo_trace_line *ln)
{
    const fo_params *p = fo_tr_params(tr);
    const fo_event *e = &ln->ev;
    if (ln->kind == FO_TRACE_END)
        return;
    if (fo_params_check(p, NULL) || e->port >= p->nports ||
        (ln->kind == FO_EV_DROP && e->op >= FO_DROP_NREASONS) ||
        ((ln->kind == FO_EV_CFG || ln->kind == FO_EV_CSR) && (e->gid >= p->ngroups || e->op > FO_OP_READ))) {
        fprintf(stderr, "line %lu read with a field out of range\n", fo_tr_lineno(tr));
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fo_tr *tr;
    fo_error err = { "" };
    if (fo_tr_open(fz_file(data, size), &tr, &err))
        return 0;
    fo_trace_line ln;
    int rc;
    while ((rc = fo_tr_next(tr, &ln, &err)) == 1)
        check_line(tr, &ln);
    fo_tr_close(tr);
    return 0;
}
