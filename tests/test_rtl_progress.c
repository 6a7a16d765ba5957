/* test_rtl_progress.c -- with the clear sweep simulated (fo_rtl_opts.sweep),
 * fo_rtl_opts.progress reports it at fo_rtl_create: rising counts, every few
 * thousand cycles, ending at done == total == NGROUPS; and the RTL is ready
 * (cycle 0) after it.  With the default fast clear there is no sweep to
 * report (no call) and the RTL is just as ready.
 * usage: test_rtl_progress NPORTS NGROUPS (a built configuration). */
#include "fanout_rtl.h"
#include <stdio.h>
#include <stdlib.h>

typedef struct seen { uint64_t calls, last, total; int bad; } seen;

static void on_progress(void *ctx, uint64_t done, uint64_t total)
{
    seen *s = ctx;
    if (s->calls && done < s->last)
        s->bad = 1;                 /* went backwards */
    s->calls++;
    s->last = done;
    s->total = total;
}

/* Creates the RTL (sweep or fast clear), steps cycle 0: 0 when it is idle. */
static int create_and_step(const fo_params *p, int sweep, seen *s)
{
    fo_rtl_opts o;
    fo_rtl_opts_default(&o);
    o.sweep = sweep;
    o.progress = on_progress;
    o.progress_ctx = s;
    fo_rtl *r;
    fo_error err = { "" };
    if (fo_rtl_create(p, &o, &r, &err)) {
        printf("FAIL: create: %s\n", err.msg);
        return 1;
    }
    fo_inputs in = { 0 };
    fo_outputs out;
    int rc = fo_rtl_step(r, &in, &out);
    fo_rtl_destroy(r);
    return rc || !out.idle;
}

int main(int argc, char **argv)
{
    if (argc != 3)
        return 2;
    fo_params p;
    fo_params_default(&p);
    p.nports = (unsigned)atoi(argv[1]);
    p.ngroups = (unsigned)atoi(argv[2]);
    seen s = { 0, 0, 0, 0 }, f = { 0, 0, 0, 0 };
    int bad = create_and_step(&p, 1, &s);
    uint64_t want = p.ngroups / 4096 + 2;   /* at 0, every 4,096 cycles, and at the end */
    printf("sweep of %u groups: %llu reports, last %llu of %llu\n", p.ngroups, (unsigned long long)s.calls,
           (unsigned long long)s.last, (unsigned long long)s.total);
    if (bad || s.bad || s.calls < want - 1 || s.last != p.ngroups || s.total != p.ngroups) {
        printf("FAIL: wanted >= %llu rising reports ending at %u of %u, then an idle cycle 0\n",
               (unsigned long long)(want - 1), p.ngroups, p.ngroups);
        return 1;
    }
    bad = create_and_step(&p, 0, &f);
    printf("fast clear: %llu reports\n", (unsigned long long)f.calls);
    if (bad || f.calls) {
        printf("FAIL: with the fast clear, wanted no sweep to report and an idle cycle 0\n");
        return 1;
    }
    return 0;
}
