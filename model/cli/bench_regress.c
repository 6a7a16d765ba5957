/* bench_regress.c -- the regression figure of `fanout bench` (issue 17): the
 * wall-clock and CPU time of the whole golden-vector regression, model and
 * co-simulation of every vector, two runs at a time (`fanout regress DIR
 * -j 2`), and each run's own time beside it. */
#define _POSIX_C_SOURCE 200809L
#include "bench_int.h"
#include "regress.h"
#include "fanout_rtl.h"
#include <string.h>
#include <sys/stat.h>

#define REG_JOBS      2     /* the project's machine: 2 cores */
#define REG_WALL_MAX  30.0  /* seconds, issue 17 item 4 */
#define REG_CPU_MAX   45.0

static const char FIG[] = "regression, model + cosim of every vector, -j 2";
static const char TARGET[] = "<= 30 s wall, <= 45 CPU s";   /* REG_WALL_MAX, REG_CPU_MAX */

/* Whether some run is an error (status 2: its configuration's RTL is not built),
 * which makes the regression's time no measurement. */
static int some_run_unbuilt(const vecs *vs, const result *res)
{
    for (size_t i = 0; i < vs->n; i++)
        if (res[i].status == 2)
            return 1;
    return 0;
}

int bench_fig_regress(bctx *b)
{
    if (!b->vectors) {
        bench_row(b, R_INFO, FIG, TARGET, "not run (--quick without --vectors DIR)");
        return FO_OK;
    }
    struct stat st;
    if (stat(b->vectors, &st) || !S_ISDIR(st.st_mode)) {
        bench_row(b, R_INFO, FIG, TARGET, "not measured: no folder %.60s", b->vectors);
        return FO_OK;
    }
    if (!b->rtl || !fo_rtl_built()) {
        bench_row(b, R_INFO, FIG, TARGET, "%s",
                  b->rtl ? "not measured: no RTL built in" : "left out (--no-rtl)");
        return FO_OK;
    }
    bench_progress("regression");
    vecs vs;
    result *res;
    double wall, cpu;
    if (fo_regress_all(b->vectors, REG_JOBS, &vs, &res, &wall, &cpu)) {
        snprintf(b->err.msg, sizeof b->err.msg, "bench: the regression of %s could not run", b->vectors);
        return FO_EINPUT;
    }
    int rc = FO_OK;
    int unbuilt = some_run_unbuilt(&vs, res);
    for (size_t i = 0; i < vs.n && !unbuilt && !rc; i++) {
        if (res[i].status) {            /* a mismatch is a broken check, not a figure */
            snprintf(b->err.msg, sizeof b->err.msg, "bench: regression run %.120s failed: %.300s", vs.v[i].name,
                     res[i].msg);
            rc = FO_EMISMATCH;
        }
    }
    if (!rc && unbuilt) {
        bench_row(b, R_INFO, FIG, TARGET, "not measured: the RTL is not built for every vector's configuration");
    } else if (!rc) {
        uint64_t cycles = 0;
        for (size_t i = 0; i < vs.n; i++)
            cycles += res[i].cycles;
        bench_row(b, wall <= REG_WALL_MAX ? R_PASS : R_MISS, "regression, wall clock (fanout regress -j 2)",
                  "<= 30 s", "%.1f s, %zu runs passed, %llu cycles", wall, vs.n, (unsigned long long)cycles);
        bench_row(b, cpu <= REG_CPU_MAX ? R_PASS : R_MISS, "regression, CPU time of its runs", "<= 45 s",
                  "%.1f s", cpu);
        size_t dl = strlen(b->vectors);
        for (size_t i = 0; i < vs.n; i++) {
            const char *name = vs.v[i].name;   /* DIR/small/moe: small/moe */
            if (!strncmp(name, b->vectors, dl) && name[dl] == '/')
                name += dl + 1;
            char fig[96];
            snprintf(fig, sizeof fig, "regression run %s", name);
            bench_row(b, R_INFO, fig, "", "%.2f s wall, %.2f CPU s, %llu cycles", res[i].seconds, res[i].cpu,
                      (unsigned long long)res[i].cycles);
        }
    }
    fo_regress_free(&vs, res);
    return rc;
}
