/* regress_run.c -- one run of `fanout regress`, in a child process: a golden
 * vector (the model against its trace, then co-simulation against it), or a
 * reseeded scenario (generated here, co-simulated with the model's invariant
 * checks on, no golden trace: model and RTL must agree and the checks hold).
 * A reseeded run that fails is kept as a vector: its stimulus and the
 * model's trace, and a .repro file with the commands that reproduce it. */
#define _POSIX_C_SOURCE 200809L
#include "regress.h"
#include "run.h"
#include "gen.h"
#include "fanout_io.h"
#include "fanout_rtl.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

void fo_regress_cfg_name(const fo_params *p, char *buf, size_t n)
{
    int k = snprintf(buf, n, "p%u_g%u_s%u_l%u", p->nports, p->ngroups, p->slots, p->sram_latency);
    if (k > 0 && (size_t)k < n && p->lookups != FO_DEFAULT_LOOKUPS)
        snprintf(buf + k, n - (size_t)k, "_k%u", p->lookups);
}

#ifdef FANOUT_TEST_HOOKS
/* Test builds only (fanout-testhooks): FANOUT_TEST_BREAK_SEED=S makes the RTL
 * of every reseeded run with seed S report a wrong tag on its first event, a
 * mismatch as a broken RTL would make, so that tests can watch a failing
 * seed being kept (tests/regress.sh reseed_failure_kept). */
typedef struct broken { fo_stepper in; int done; } broken;

static int broken_step(void *obj, const fo_inputs *in, fo_outputs *out)
{
    broken *b = obj;
    int rc = b->in.step(b->in.obj, in, out);
    if (!rc && !b->done && out->nev) {
        out->ev[0].tag ^= 1;
        if (out->ev[0].kind == FO_EV_OUT || out->ev[0].kind == FO_EV_CFG || out->ev[0].kind == FO_EV_CSR)
            out->ev[0].word ^= 1;
        b->done = 1;
    }
    return rc;
}

static void maybe_break(const vector *v, fo_stepper *dut, broken *b)
{
    const char *s = getenv("FANOUT_TEST_BREAK_SEED");
    if (!v->scenario || !s || strtoull(s, NULL, 10) != v->seed)
        return;
    b->in = *dut;
    b->done = 0;
    dut->obj = b;
    dut->step = broken_step;
}
#endif

/* The model against the golden trace (gold) or alone with its checks on. */
static int run_model(const fo_stim *st, const char *gold, int check, fo_fcov *fc, fo_run_result *res,
                     fo_error *err)
{
    fo_sim m;
    fo_sim_opts so;
    fo_sim_opts_default(&so);
    so.checks = check;
    so.coverage = fc != NULL;
    int rc = fo_sim_open(&m, FO_SIM_MODEL, &st->params, &so, err);
    if (rc)
        return rc;
    fo_run_opts o;
    fo_run_opts_default(&o);
    o.gold = gold;
    o.observe = fc ? fo_fcov_observe : NULL;
    o.observe_ctx = fc;
    rc = fo_run(st, &m.s, NULL, &o, res, err);
    fo_sim_close(&m);
    return rc;
}

/* The RTL in lock-step with the model (checks on or off), against gold if given. */
static int run_cosim(const vector *v, const fo_stim *st, const char *gold, int check, fo_fcov *fc,
                     const char *cov, fo_run_result *res, fo_error *err)
{
    fo_sim rt, m = { 0 };
    fo_sim_opts so;
    fo_sim_opts_default(&so);
    so.checks = check;
    so.coverage = fc != NULL;
    so.rtl.sweep = cov != NULL;     /* coverage counts the reset's clear sweep (design logic
                                       that the simulation-only fast clear skips) */
    int rc = fo_sim_open(&rt, FO_SIM_RTL, &st->params, &so, err);
    if (!rc)
        rc = fo_sim_open(&m, FO_SIM_MODEL, &st->params, &so, err);
    if (!rc) {
        fo_stepper dut = rt.s;
#ifdef FANOUT_TEST_HOOKS
        broken b;
        maybe_break(v, &dut, &b);
#else
        (void)v;
#endif
        fo_run_opts o;
        fo_run_opts_default(&o);
        o.gold = gold;
        o.observe = fc ? fo_fcov_observe : NULL;   /* the model's: pins equal to the RTL's, or a mismatch */
        o.observe_ctx = fc;
        o.observe_ref = 1;                          /* and only the model sets out->cov */
        rc = fo_run(st, &dut, &m.s, &o, res, err);
    }
    if (rt.rtl && cov) {
        fo_error e2;
        if (fo_rtl_write_coverage(rt.rtl, cov, &e2) && !rc) {
            *err = e2;
            rc = FO_EIO;
        }
    }
    fo_sim_close(&m);
    fo_sim_close(&rt);
    return rc;
}

static int mkdirs(const char *path)
{
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = 0;
        if (mkdir(buf, 0777) && errno != EEXIST)
            return -1;
        *p = '/';
    }
    return mkdir(buf, 0777) && errno != EEXIST ? -1 : 0;
}

/* The gen arguments of a reseeded run (its MANIFEST line after the name). */
static void gen_args(const vector *v, char *buf, size_t n)
{
    int k = snprintf(buf, n, "%s --seed %llu --ports %u --groups %u", v->scenario,
                     (unsigned long long)v->seed, v->params.nports, v->params.ngroups);
    if (k > 0 && (size_t)k < n && v->params.slots != FO_DEFAULT_SLOTS)
        k += snprintf(buf + k, n - (size_t)k, " --slots %u", v->params.slots);
    if (k > 0 && (size_t)k < n && v->params.sram_latency != FO_DEFAULT_SRAM_LAT)
        k += snprintf(buf + k, n - (size_t)k, " --sram-latency %u", v->params.sram_latency);
    if (k > 0 && (size_t)k < n && v->params.lookups != FO_DEFAULT_LOOKUPS)
        snprintf(buf + k, n - (size_t)k, " --lookups %u", v->params.lookups);
}

/* Keep a failing reseeded run as a vector under keep/CONFIG/: the stimulus,
 * the model's trace (the golden trace once the RTL is fixed), a .repro. */
static void keep_failure(const vector *v, const regress_opts *ro, const fo_stim *st, result *r)
{
    char cfg[64], dir[1024], stem[1200], path[1300], args[256];
    fo_regress_cfg_name(&v->params, cfg, sizeof cfg);
    snprintf(dir, sizeof dir, "%s/%s", ro->keep, cfg);
    snprintf(stem, sizeof stem, "%s/%s-s%llu", dir, v->scenario, (unsigned long long)v->seed);
    snprintf(path, sizeof path, "%s.stim.gz", stem);
    fo_error werr;
    if (mkdirs(dir) || fo_stim_write(st, path, &werr)) {
        snprintf(r->msg + strlen(r->msg), sizeof r->msg - strlen(r->msg), " (could not keep it in %s)", dir);
        return;
    }
    fo_run_opts o;
    fo_run_opts_default(&o);
    snprintf(path, sizeof path, "%s.trace.gz", stem);
    o.trace = path;
    fo_run_result res;
    fo_error err;
    int trc = fo_run_model(st, &o, &res, &err);
    snprintf(path, sizeof path, "%s.repro", stem);
    FILE *f = fopen(path, "w");
    if (f) {
        gen_args(v, args, sizeof args);
        const char *base = strrchr(stem, '/') + 1;
        fprintf(f, "# fanout regress --reseed: %s seed %llu at %s failed [%s]: %s\n", v->scenario,
                (unsigned long long)v->seed, cfg, r->phase, r->msg);
        if (trc)
            fprintf(f, "# the model's trace could not be written: %s\n", err.msg);
        fprintf(f, "fanout gen %s -o %s.stim.gz\n", args, base);
        fprintf(f, "fanout cosim %s.stim.gz --gold %s.trace.gz --check --vcd %s.vcd\n", stem, stem, base);
        fprintf(f, "# as a golden vector, vectors/MANIFEST line: reseed/%s/%s %s\n", cfg, base, args);
        fclose(f);
    }
    snprintf(r->kept, sizeof r->kept, "%.500s", stem);
}

/* A reseeded run's stimulus, built in memory. */
static int generate(const vector *v, fo_stim **st, fo_error *err)
{
    fo_gen_opts g;
    memset(&g, 0, sizeof g);
    g.seed = v->seed;
    g.nports = v->params.nports;
    g.ngroups = v->params.ngroups;
    g.extra = v->params;
    return fo_gen_build(v->scenario, &g, st, err);
}

void fo_regress_run(const vector *v, const regress_opts *ro, const char *cov, result *r)
{
    memset(r, 0, sizeof *r);
    double t0 = fo_now();
    fo_error err = { "" };
    fo_stim *st = NULL;
    fo_run_result res = { 0 };
    fo_fcov *fc = fo_fcov_new();
    int rc;
    if (v->scenario) {
        strcpy(r->phase, "gen");
        rc = generate(v, &st, &err);
        if (!rc && ro->rtl) {
            strcpy(r->phase, "cosim");
            rc = run_cosim(v, st, NULL, 1, fc, cov, &res, &err);
        } else if (!rc) {
            strcpy(r->phase, "model");
            rc = run_model(st, NULL, 1, fc, &res, &err);
        }
        if (rc == FO_EMISMATCH || rc == FO_EHANG) {
            snprintf(r->msg, sizeof r->msg, "%s", err.msg);
            keep_failure(v, ro, st, r);
        }
    } else if (!v->trace) {
        snprintf(err.msg, sizeof err.msg, "%s: no golden trace beside it", v->stim);
        rc = FO_EINPUT;
    } else {
        rc = fo_stim_load(v->stim, &st, &err);
        if (!rc && ro->model) {
            strcpy(r->phase, "model");
            rc = run_model(st, v->trace, 0, fc, &res, &err);
        }
        if (!rc && ro->rtl) {
            strcpy(r->phase, "cosim");
            rc = run_cosim(v, st, v->trace, 0, ro->model ? NULL : fc, cov, &res, &err);
        }
    }
    r->nports = st ? st->params.nports : 0;
    fo_stim_free(st);
    fo_fcov_finish(fc, r->fcov);
    r->status = rc == FO_OK ? 0 : (rc == FO_EMISMATCH || rc == FO_EHANG) ? 1 : 2;
    r->cycles = res.cycles;
    r->packets = res.packets;
    r->copies = res.copies;
    r->mismatch_cycle = res.mismatch_cycle;
    r->seconds = fo_now() - t0;
    if (rc && !r->msg[0])
        snprintf(r->msg, sizeof r->msg, "%s", err.msg);
}
