/* bench_speed.c -- the simulation speed figure of `fanout bench`: the
 * model's and the Verilated RTL's cycles per CPU second on one stimulus,
 * timed in alternation (bench_int.h). */
#define _POSIX_C_SOURCE 200809L
#include "bench_int.h"
#include <string.h>
#include <time.h>
typedef struct speed { double model, rtl; uint64_t cycles; } speed;

/* CPU seconds of this process: the speed figures count the time spent
 * simulating, not the time spent waiting for a core on a loaded machine. */
static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Runs the first `cycles` cycles of st on a fresh model or RTL (made and
 * destroyed outside the timing: the RTL's reset and table sweep are not
 * simulated cycles of the stimulus) and adds the CPU seconds to *sec. */
static int time_window(const fo_stim *st, int rtl, uint64_t cycles, double *sec, fo_error *err)
{
    fo_sim sim;
    int rc = fo_sim_open(&sim, rtl ? FO_SIM_RTL : FO_SIM_MODEL, &st->params, NULL, err);
    if (rc)
        return rc;
    fo_run_opts o;
    fo_run_opts_default(&o);
    o.stop_at = cycles - 1;
    fo_run_result res;
    double t0 = cpu_now();
    rc = fo_run(st, &sim.s, NULL, &o, &res, err);
    *sec += cpu_now() - t0;
    fo_sim_close(&sim);
    if (!rc && res.cycles + 1 != cycles) {
        snprintf(err->msg, sizeof err->msg, "bench: the speed stimulus ended after %llu cycles, before %llu",
                 (unsigned long long)res.cycles, (unsigned long long)cycles);
        rc = FO_EINPUT;
    }
    return rc;
}

/* The model's and (when built for p) the RTL's speed on one stimulus: every
 * port saturating 4-member multicast, the busiest load the switch carries.
 * The two are timed in alternation, round after round (an RTL window, then
 * model windows for at least half as long), so that a machine whose load
 * changes during the bench slows both alike. */
static int measure_speed(bctx *b, const fo_params *p, int rtl, uint64_t cycles, speed *sp)
{
    bload bl;
    char name[64];
    snprintf(name, sizeof name, "speed-%uports", p->nports);
    memset(sp, 0, sizeof *sp);
    sp->cycles = cycles;
    int rc = bl_init(&bl, p, b->seed + 5000) ? FO_ENOMEM : bl_saturate(&bl, BP_MC4, (unsigned)(cycles / 400 + 4));
    if (!rc)
        rc = bench_keep_stim(b, &bl, name);
    bench_progress(name);
    /* the 32-port RTL sweeps 65,536 words at each reset: one round there */
    unsigned rounds = rtl && p->nports <= 16 ? (b->quick ? 3 : 5) : 1, nmodel = 0;
    double rtl_s = 0, model_s = 0, min_model = (b->quick ? 0.2 : 1.0) / rounds;
    for (unsigned r = 0; r < rounds && !rc; r++) {
        double before = rtl_s, round = 0;
        if (rtl)
            rc = time_window(bl.s, 1, cycles, &rtl_s, &b->err);
        double want = rtl ? (rtl_s - before) / 2 : min_model;
        while (!rc && round < (want > min_model ? want : min_model)) {
            rc = time_window(bl.s, 0, cycles, &round, &b->err);
            nmodel++;
        }
        model_s += round;
    }
    if (!rc) {
        sp->model = model_s > 0 ? (double)nmodel * (double)cycles / model_s : 0;
        sp->rtl = rtl && rtl_s > 0 ? (double)rounds * (double)cycles / rtl_s : 0;
    }
    bl_free(&bl);
    return rc;
}

int bench_fig_speed(bctx *b)
{
    fo_params cfg[8];
    size_t ncfg = b->rtl ? fo_rtl_config_list(cfg, 8) : 0;
    if (ncfg > 8)
        ncfg = 8;
    FILE *f = bench_data_file(b, "speed.dat");
    if (f)
        fprintf(f, "# ports  model_cycles_per_s  rtl_cycles_per_s (- where not built)\n");
    static const unsigned ports[] = { 4, 8, 16, 32, 64 };
    int rc = FO_OK;
    for (unsigned i = 0; i < sizeof ports / sizeof *ports && !rc; i++) {
        fo_params p = b->p;
        p.nports = ports[i];
        int rtl = 0;
        for (size_t c = 0; c < ncfg; c++)
            if (cfg[c].nports == p.nports)
                p = cfg[c], rtl = 1;
        /* the RTL at 32 ports steps several times slower than at 8: a shorter window there */
        uint64_t cycles = b->quick ? (p.nports > 16 ? 2000 : 20000) : (p.nports > 16 ? 30000 : 200000);
        speed sp;
        rc = measure_speed(b, &p, rtl, cycles, &sp);
        if (rc)
            break;
        if (f) {
            fprintf(f, "%u %.0f ", p.nports, sp.model);
            if (rtl) fprintf(f, "%.0f\n", sp.rtl);
            else fprintf(f, "-\n");
        }
        char fig[64];
        snprintf(fig, sizeof fig, "simulation speed, %u ports", p.nports);
        if (rtl) {
            double ratio = sp.model / sp.rtl;
            bench_row(b, ratio >= 30 ? R_PASS : R_MISS, fig, "model >= 30x RTL",
                "model %.2fM, RTL %.3fM cycles/s: %.1fx", sp.model / 1e6, sp.rtl / 1e6, ratio);
        } else if (p.nports == b->p.nports || p.nports == 8) {
            bench_row(b, R_INFO, fig, "model >= 30x RTL", "model %.2fM cycles/s; RTL %s", sp.model / 1e6,
                b->rtl ? "not built for this configuration" : "left out (--no-rtl)");
        }
    }
    if (f)
        fclose(f);
    return rc;
}

