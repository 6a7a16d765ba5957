/* cmd_bench.c -- `fanout bench`: the figures of SPEC section 8, measured
 * side by side, each against its target (docs/benchmarks.md).
 *
 * Every figure but simulation speed is a cycle count of the C model, exact
 * and the same on every machine.  The model and the RTL agree cycle for
 * cycle (the golden vectors and the co-simulation tests hold them to it), so
 * these are the RTL's cycle counts too; `--out DIR` writes each workload's
 * stimulus so that any of them can be rerun through `fanout cosim`.  Speed is
 * wall-clock, so only the ratio of the model's and the RTL's speed, measured
 * in one run on one stimulus, is compared with a target. */
#define _POSIX_C_SOURCE 200809L
#include "verbs.h"
#include "args.h"
#include "bench_int.h"
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
static const char USAGE[] =
    "usage: fanout bench [--quick] [--seed N] [--out DIR] [--no-rtl] [--vectors DIR]\n"
    "  Measures the headline figures (SPEC section 8) at the default parameters\n"
    "  (32 ports, 65,536 groups) and prints them in a table, each against its\n"
    "  target: setup latency (command port and in-band), zero-load latency,\n"
    "  efficiency under saturating load, efficiency over packet shape (len x\n"
    "  fan-out, disjoint and overlapping groups), per-token in-band setup at\n"
    "  saturation (efficiency; the sender-side wait from the last flit offered\n"
    "  to the commit, beside the commit latency after the flit is taken), MoE\n"
    "  dispatch with multicast against one unicast copy per member port,\n"
    "  device-limited routing, and the simulation speed of the model and the\n"
    "  Verilated RTL on the same stimulus, and the time of the whole golden-vector\n"
    "  regression (`fanout regress DIR -j 2`: wall clock, CPU, and each run's).\n"
    "  Cycle figures are exact; speeds are simulated cycles per CPU second of\n"
    "  this process, compared as a ratio measured in the same run.\n"
    "  Percentiles are nearest-rank (p = the ceil(p n / 100)-th smallest), as in\n"
    "  `fanout stats`.\n"
    "  --quick    smaller workloads (seconds; what CI runs)\n"
    "  --seed N   workload seed (default 1)\n"
    "  --out DIR  also write DIR/table.md, the plot data (DIR/*.dat) and every\n"
    "             workload's stimulus (DIR/stim/NAME.stim.gz)\n"
    "  --no-rtl   leave the RTL out of the speed and regression figures\n"
    "  --vectors DIR  the golden vectors for the regression figure (default: the\n"
    "             source tree's, " FANOUT_SOURCE_DIR "/vectors; with --quick, the\n"
    "             regression runs only when --vectors is given)\n"
    "  Exit status 1 if a run broke a check (a copy lost, duplicated or dropped).\n";

static int make_dirs(const char *out)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/stim", out);
    if ((mkdir(out, 0777) && errno != EEXIST) || (mkdir(path, 0777) && errno != EEXIST)) {
        fprintf(stderr, "fanout bench: %s: cannot create: %s\n", path, strerror(errno));
        return 2;
    }
    return 0;
}

int fo_cmd_bench(int argc, char **argv)
{
    fo_args a;
    bctx b;
    memset(&b, 0, sizeof b);
    b.seed = 1;
    b.rtl = 1;
    fo_args_init(&a, argc, argv, "bench", USAGE);
    const char *o;
    while ((o = fo_args_next(&a))) {
        if (!strcmp(o, "--quick")) b.quick = 1;
        else if (!strcmp(o, "--no-rtl")) b.rtl = 0;
        else if (!strcmp(o, "--out")) b.out = fo_args_value(&a, o);
        else if (!strcmp(o, "--vectors")) b.vectors = fo_args_value(&a, o);
        else if (!strcmp(o, "--seed")) { if (fo_args_u64(&a, o, UINT32_MAX, &b.seed)) return 2; }
        else return fo_usage_error(&a, "unknown option '%s'", o);
        if (a.bad) return 2;
    }
    if (a.bad) return 2;
    if (a.npos)
        return fo_usage_error(&a, "no file arguments, please");
    if (!b.vectors && !b.quick)         /* --quick runs the regression only when asked */
        b.vectors = FANOUT_SOURCE_DIR "/vectors";
    if (b.out && make_dirs(b.out))
        return 2;
    fo_params_default(&b.p);
    double t0 = fo_now();
    int (*const figs[])(bctx *) = { bench_fig_zero_load, bench_fig_saturate, bench_fig_shapes,
                                    bench_fig_token_setup, bench_fig_dispatch, bench_fig_limited,
                                    bench_fig_offered, bench_fig_setup, bench_fig_speed,
                                    bench_fig_regress };
    int rc = FO_OK;
    for (size_t i = 0; i < sizeof figs / sizeof *figs && !rc; i++)
        rc = figs[i](&b);
    if (isatty(2))
        fprintf(stderr, "\r%-70s\r", "");
    if (rc) {
        fprintf(stderr, "%s\n", b.err.msg[0] ? b.err.msg : "out of memory");
        return fo_exit_code(rc);
    }
    unsigned met = 0, targets = 0;
    for (unsigned i = 0; i < b.nrow; i++)
        if (b.row[i].result != R_INFO)
            targets++, met += b.row[i].result == R_PASS;
    printf("fanout bench%s: nports %u, ngroups %u, slots %u, sram_latency %u, seed %llu\n\n",
           b.quick ? " --quick" : "", b.p.nports, b.p.ngroups, b.p.slots, b.p.sram_latency,
           (unsigned long long)b.seed);
    bench_print_table(&b, stdout, 0);
    printf("\n%u of %u targets met; %.1f s\n", met, targets, fo_now() - t0);
    FILE *f = bench_data_file(&b, "table.md");
    if (f) {
        bench_print_table(&b, f, 1);
        fclose(f);
    }
    return 0;
}

