/* cmd_run.c -- the verbs that run a stimulus: model, rtl, cosim. */
#include "verbs.h"
#include "args.h"
#include "run.h"
#include "fanout_rtl.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "waves.h"

/* Options shared by the three verbs. */
typedef struct run_cli {
    const char *verb;
    const char *stim, *out, *gold, *wave, *table;
    int fst, check, quiet, window_set;
    uint64_t from, to, window;
    int rand_reset, sweep;
    uint64_t seed, threads;
} run_cli;

static const char USAGE_MODEL[] =
    "usage: fanout model STIM [-o TRACE] [--gold TRACE] [--check] [--quiet]\n"
    "  Runs the C reference model on STIM (plain or .gz) and writes its trace\n"
    "  (to stdout without -o or --gold; gzip when TRACE ends in .gz).\n"
    "  --gold T  compare every line with the golden trace T; the first difference\n"
    "            is reported with its line (exit 1)\n"
    "  --check   check the model's internal invariants every cycle (slower)\n"
    "  --quiet   no summary line on stderr\n";

static const char USAGE_RTL[] =
    "usage: fanout rtl STIM [-o TRACE] [--gold TRACE] [--vcd F | --fst F] [--from C] [--to C]\n"
    "                  [--rand-reset SEED] [--sweep] [--dump-table F] [--threads N] [--quiet]\n"
    "  Runs the Verilated RTL alone on STIM and writes its trace (or compares it\n"
    "  with --gold, naming the first differing line, exit 1).\n"
    "  --vcd F / --fst F   write a waveform (cycles --from..--to only, when given)\n"
    "  --rand-reset SEED   start every register and memory at random values\n"
    "                      (+verilator+rand+reset+2 +verilator+seed+SEED)\n"
    "  --sweep             simulate the reset's clear sweep of the group table\n"
    "                      (ceil(NGROUPS/B) cycles) instead of starting it cleared\n"
    "                      (+fanout_fast_clear, simulation only); cycle 0 is the same\n"
    "  --dump-table F      at the end, write every non-empty group (gid bitmap)\n"
    "  --threads N         the model verilated with --threads N (built with cmake\n"
    "                      -DFANOUT_RTL_THREADS=N): for a lone run on an idle machine;\n"
    "                      its threads busy-wait, so it is slower beside other runs\n"
    "                      (regress and cosim always use the single-threaded model)\n";

static const char USAGE_COSIM[] =
    "usage: fanout cosim STIM [--gold TRACE] [-o TRACE] [--vcd F | --fst F] [--from C] [--to C]\n"
    "                    [--window N] [--rand-reset SEED] [--sweep] [--check] [--quiet]\n"
    "  Steps the C model and the RTL in lock-step on STIM and compares, every cycle,\n"
    "  in_ready, out_valid, the headers leaving and every event; stops at the first\n"
    "  difference (exit 1) naming the cycle, the field, the RTL's value and the\n"
    "  expected one.  --gold also compares every trace line with a golden trace.\n"
    "  With --vcd/--fst and no --from, a mismatch reruns the RTL (in lock-step, the\n"
    "  model's pins beside) and dumps the --window cycles (default 2000) that lead\n"
    "  up to it and 100 after; a GTKWave save file (F with .gtkw) opens on it.\n"
    "  The mismatch names the pins' full paths in the waveform.\n"
    "  --check   the model checks its internal invariants every cycle (slower)\n"
    "  --rand-reset SEED, --sweep: as for `fanout rtl`\n";

/* --help of rtl and cosim: which configurations this fanout can run. */
static void built_configs(FILE *f)
{
    char b[2048];
    fo_rtl_configs(b, sizeof b);
    fprintf(f, "RTL configurations built (a stimulus's params must match one; add more with\n"
               "cmake -DFANOUT_RTL_CONFIGS=\"NPORTS:NGROUPS:SLOTS:SRAM_LAT;...\"):\n");
    for (char *s = fo_rtl_built() ? strtok(b, ";") : NULL; s; s = strtok(NULL, ";"))
        fprintf(f, "  %s\n", s + strspn(s, " "));
    if (!fo_rtl_built())
        fprintf(f, "  none: this fanout was built without the RTL (cmake -DFANOUT_RTL=ON)\n");
    else {
        fprintf(f, "FST waveforms (--fst): %s\n", fo_rtl_fst_all() ? "every configuration"
                   : "not every configuration (-DFANOUT_RTL_FST=ON builds them all)");
        if (fo_rtl_threads_built() > 1)
            fprintf(f, "Threaded models (rtl --threads): %u threads\n", fo_rtl_threads_built());
        else
            fprintf(f, "Threaded models (rtl --threads): none (-DFANOUT_RTL_THREADS=N builds them)\n");
    }
}

static int parse(int argc, char **argv, const char *verb, const char *usage, run_cli *c, fo_args *a)
{
    memset(c, 0, sizeof *c);
    c->verb = verb;
    c->to = UINT64_MAX;
    c->window = 2000;
    fo_args_init(a, argc, argv, verb, usage);
    if (strcmp(verb, "model"))
        a->help_more = built_configs;
    int is_model = !strcmp(verb, "model"), is_cosim = !strcmp(verb, "cosim");
    const char *o;
    while ((o = fo_args_next(a))) {
        if (!strcmp(o, "-o")) c->out = fo_args_value(a, o);
        else if (!strcmp(o, "--quiet")) c->quiet = 1;
        else if ((is_model || is_cosim) && !strcmp(o, "--check")) c->check = 1;
        else if (!is_model && !strcmp(o, "--vcd")) c->wave = fo_args_value(a, o), c->fst = 0;
        else if (!is_model && !strcmp(o, "--fst")) c->wave = fo_args_value(a, o), c->fst = 1;
        else if (!is_model && !strcmp(o, "--from")) { if (fo_args_u64(a, o, UINT64_MAX, &c->from)) return 2; }
        else if (!is_model && !strcmp(o, "--to")) { if (fo_args_u64(a, o, UINT64_MAX, &c->to)) return 2; }
        else if (!is_model && !strcmp(o, "--rand-reset")) {
            if (fo_args_u64(a, o, UINT32_MAX, &c->seed)) return 2;
            c->rand_reset = 1;
        }
        else if (!is_model && !strcmp(o, "--sweep")) c->sweep = 1;
        else if (!strcmp(verb, "rtl") && !strcmp(o, "--dump-table")) c->table = fo_args_value(a, o);
        else if (!strcmp(verb, "rtl") && !strcmp(o, "--threads")) {
            if (fo_args_u64(a, o, 256, &c->threads)) return 2;
            if (c->threads == 0) return fo_usage_error(a, "--threads wants at least 1");
        }
        else if (!strcmp(o, "--gold")) c->gold = fo_args_value(a, o);
        else if (is_cosim && !strcmp(o, "--window")) {
            if (fo_args_u64(a, o, UINT32_MAX, &c->window)) return 2;
            c->window_set = 1;
        }
        else return fo_usage_error(a, "unknown option '%s'", o);
        if (a->bad) return 2;
    }
    if (a->bad) return 2;
    if (a->npos != 1)
        return fo_usage_error(a, a->npos ? "one stimulus file, please" : "no stimulus file given");
    c->stim = a->pos[0];
    if (c->from > c->to)
        return fo_usage_error(a, "--from is after --to");
    if (!c->wave && (c->from || c->to != UINT64_MAX))
        return fo_usage_error(a, "--from and --to choose the cycles of a waveform: give --vcd F or --fst F");
    if (!c->wave && c->window_set)
        return fo_usage_error(a, "--window sizes the waveform of a mismatch: give --vcd F or --fst F");
    return 0;
}

static int fail(int rc, const fo_error *err)
{
    fprintf(stderr, "%s\n", err->msg[0] ? err->msg : "out of memory");
    return fo_exit_code(rc);
}

static void summary(const char *verb, const char *stim, const fo_run_result *r, const char *extra)
{
    fprintf(stderr, "%s: %s: %llu cycles, %llu packets, %llu copies, %llu drops, %llu commits, "
            "%.0f cycles/s%s\n", verb, stim, (unsigned long long)r->cycles,
            (unsigned long long)r->packets, (unsigned long long)r->copies,
            (unsigned long long)r->drops, (unsigned long long)r->commits,
            r->seconds > 0 ? (double)r->cycles / r->seconds : 0.0, extra);
}

static int make_model(const fo_params *p, fo_sim *sim, int check, fo_error *err)
{
    fo_sim_opts so;
    fo_sim_opts_default(&so);
    so.checks = check;
    return fo_sim_open(sim, FO_SIM_MODEL, p, &so, err);
}

static int make_rtl(const fo_params *p, const run_cli *c, uint64_t from, uint64_t to, fo_sim *sim,
                    fo_error *err)
{
    fo_sim_opts so;
    fo_sim_opts_default(&so);
    fo_meter m;
    fo_meter_init(&m, "rtl", c->quiet);
    so.rtl.progress = fo_meter_sweep;
    so.rtl.progress_ctx = &m;
    so.rtl.wave = c->wave;
    so.rtl.fst = c->fst;
    so.rtl.wave_from = from;
    so.rtl.wave_to = to;
    so.rtl.rand_reset = c->rand_reset;
    so.rtl.seed = (uint32_t)c->seed;
    so.rtl.sweep = c->sweep;
    so.rtl.threads = c->threads > 1 ? (unsigned)c->threads : 1;
    int rc = fo_sim_open(sim, FO_SIM_RTL, p, &so, err);
    if (rc == FO_EINPUT) {                  /* "fanout VERB: STIM: no RTL built for ..." */
        char msg[sizeof err->msg];
        snprintf(msg, sizeof msg, "%s", err->msg);
        snprintf(err->msg, sizeof err->msg, "fanout %.8s: %.100s: %.380s", c->verb, c->stim, msg);
    }
    return rc;
}

/* The options, then the stimulus: 0, or the exit status. */
static int begin(int argc, char **argv, const char *verb, const char *usage, run_cli *c, fo_stim **st)
{
    fo_args a;
    if (parse(argc, argv, verb, usage, c, &a))
        return 2;
    fo_error err = { "" };
    int rc = fo_stim_load(c->stim, st, &err);
    return rc ? fail(rc, &err) : 0;
}

/* `model` and `rtl`: one stepper, its trace written (or compared with --gold). */
static int run_single(int argc, char **argv, const char *verb, const char *usage)
{
    run_cli c;
    fo_stim *st;
    int is_rtl = !strcmp(verb, "rtl");
    int rc = begin(argc, argv, verb, usage, &c, &st);
    if (rc)
        return rc;
    fo_error err = { "" };
    fo_sim sim = { 0 };
    rc = is_rtl ? make_rtl(&st->params, &c, c.from, c.to, &sim, &err)
                : make_model(&st->params, &sim, c.check, &err);
    fo_run_opts o;
    fo_run_opts_default(&o);
    o.trace = c.out ? c.out : c.gold ? NULL : "-";
    o.gold = c.gold;
    o.label = verb;
    /* not between trace lines on one terminal */
    o.progress = !c.quiet && !(!strcmp(o.trace ? o.trace : "", "-") && isatty(1) && isatty(2));
    o.plain = !isatty(2);
    fo_run_result res;
    if (!rc)
        rc = fo_run(st, &sim.s, NULL, &o, &res, &err);
    if (!rc && c.table)
        rc = fo_rtl_dump_table(sim.rtl, c.table, &err);
    fo_sim_close(&sim);
    fo_stim_free(st);
    if (rc == FO_EMISMATCH || rc == FO_EHANG) {
        char where[256];
        fo_wave_where(&res, where, sizeof where);
        fprintf(stderr, "%s: %s: MISMATCH: %s%s\n", verb, c.stim, err.msg, is_rtl ? where : "");
        if (is_rtl && c.wave && res.mismatch_cycle >= c.from)   /* its view beside the waveform */
            fo_wave_view(verb, c.wave, c.fst, &res, err.msg, c.from,
                         c.to < res.cycles ? c.to : res.cycles);
        return 1;
    }
    if (rc)
        return fail(rc, &err);
    if (!c.quiet)
        summary(verb, c.stim, &res, c.gold ? ", golden trace matched" : c.wave ? " (waveform written)" : "");
    return 0;
}

int fo_cmd_model(int argc, char **argv) { return run_single(argc, argv, "model", USAGE_MODEL); }
int fo_cmd_rtl(int argc, char **argv) { return run_single(argc, argv, "rtl", USAGE_RTL); }

static void rtl_expect(void *ctx, const fo_outputs *ref) { fo_rtl_expect(ctx, ref); }

/* After a mismatch: rerun the RTL in lock-step with the model up to the
 * mismatch, dumping the cycles that lead to it (the model's pins beside). */
static void waves_to(const fo_stim *st, const run_cli *c, const fo_run_result *mis, const char *what)
{
    uint64_t at = mis->mismatch_cycle;
    uint64_t from = at > c->window ? at - c->window : 0;
    uint64_t to = at + FO_WAVE_AFTER;   /* past it: GTKWave's view around the marker fits */
    fo_error err = { "" };
    fo_sim dut, ref = { 0 };
    int rc = make_rtl(&st->params, c, from, to, &dut, &err);
    if (!rc && (rc = make_model(&st->params, &ref, 0, &err)))
        fo_sim_close(&dut);
    if (rc) {
        fprintf(stderr, "cosim: waveform: %s\n", err.msg);
        return;
    }
    fo_run_opts o;
    fo_run_opts_default(&o);
    o.stop_at = to;
    o.expect = rtl_expect;
    o.expect_ctx = dut.rtl;
    o.no_compare = 1;                   /* the mismatch is known; dump past it */
    fo_run_result res;
    fo_run(st, &dut.s, &ref.s, &o, &res, &err);
    fo_sim_close(&dut);
    fo_sim_close(&ref);
    fo_wave_view("cosim", c->wave, c->fst, mis, what, from, res.cycles < to ? res.cycles : to);
}

/* `cosim` with its options parsed (fo_cmd_cosim, fo_cosim). */
static int cosim_run(const run_cli *cp)
{
    run_cli c = *cp;
    fo_stim *st;
    fo_error lerr = { "" };
    int rc = fo_stim_load(c.stim, &st, &lerr);
    if (rc)
        return fail(rc, &lerr);
    fo_error err = { "" };
    /* With a waveform and no window asked for, dump nothing on the first
     * pass: a mismatch reruns with the window that leads up to it. */
    int rerun = c.wave && c.from == 0 && c.to == UINT64_MAX;
    run_cli first = c;
    if (rerun)
        first.wave = NULL;
    fo_sim dut = { 0 }, ref = { 0 };
    rc = make_rtl(&st->params, &first, c.from, c.to, &dut, &err);
    if (!rc)
        rc = make_model(&st->params, &ref, c.check, &err);
    fo_run_opts o;
    fo_run_opts_default(&o);
    o.trace = c.out;
    o.gold = c.gold;
    o.label = "cosim";
    o.progress = !c.quiet;
    o.plain = !isatty(2);
    if (first.wave) {                 /* a waveform now: the model's pins in it */
        o.expect = rtl_expect;
        o.expect_ctx = dut.rtl;
    }
    fo_run_result res = { 0 };
    if (!rc)
        rc = fo_run(st, &dut.s, &ref.s, &o, &res, &err);
    fo_sim_close(&dut);
    fo_sim_close(&ref);
    if (rc == FO_EMISMATCH || rc == FO_EHANG) {
        char where[256];
        fo_wave_where(&res, where, sizeof where);
        fprintf(stderr, "cosim: %s: MISMATCH: %s%s\n", c.stim, err.msg, where);
        if (rerun)
            waves_to(st, &c, &res, err.msg);
        else if (c.wave)
            fo_wave_view("cosim", c.wave, c.fst, &res, err.msg, c.from,
                         c.to < res.mismatch_cycle ? c.to : res.mismatch_cycle);
        fo_stim_free(st);
        return 1;
    }
    fo_stim_free(st);
    if (rc)
        return fail(rc, &err);
    if (!c.quiet)
        printf("cosim: %s: %llu cycles, %llu packets, %llu copies matched%s; "
               "rtl %.0f cycles/s, model %.0f cycles/s (model %.0fx)\n", c.stim,
               (unsigned long long)res.cycles, (unsigned long long)res.packets,
               (unsigned long long)res.copies, c.gold ? ", golden trace matched" : "",
               res.dut_seconds > 0 ? (double)res.cycles / res.dut_seconds : 0.0,
               res.ref_seconds > 0 ? (double)res.cycles / res.ref_seconds : 0.0,
               res.ref_seconds > 0 ? res.dut_seconds / res.ref_seconds : 0.0);
    return 0;
}

int fo_cmd_cosim(int argc, char **argv)
{
    run_cli c;
    fo_args a;
    if (parse(argc, argv, "cosim", USAGE_COSIM, &c, &a))
        return 2;
    return cosim_run(&c);
}

int fo_cosim(const fo_cosim_req *r)
{
    run_cli c;
    memset(&c, 0, sizeof c);
    c.verb = "cosim";
    c.stim = r->stim, c.gold = r->gold, c.out = r->out, c.wave = r->wave;
    c.fst = r->fst, c.check = r->check, c.quiet = r->quiet;
    c.to = UINT64_MAX;
    c.window = 2000;
    return cosim_run(&c);
}
