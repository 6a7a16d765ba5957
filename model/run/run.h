/* run.h -- the run engine of every verb: the stepper factory (sim.c: a C
 * model or the Verilated RTL for a stimulus's parameters), and running a
 * stimulus through one stepper, or two in lock-step (co-simulation), into a
 * trace (run.c). */
#ifndef FO_RUN_H
#define FO_RUN_H

#include "fanout.h"
#include "fanout_io.h"
#include "fanout_rtl.h"

/* ---- The stepper factory (sim.c) ----------------------------------------- */

enum { FO_SIM_MODEL = 0, FO_SIM_RTL };

typedef struct fo_sim_opts {
    int         checks;       /* model: check its invariants every cycle */
    int         coverage;     /* model: fill fo_outputs.cov (functional coverage) */
    fo_rtl_opts rtl;          /* RTL: waveform, random reset, progress of the sweep */
} fo_sim_opts;

/* An open stepper and what it steps (the one that is not NULL), for what
 * only that side has: the RTL's waveform, coverage and table dump. */
typedef struct fo_sim {
    fo_stepper s;
    fo_model  *model;
    fo_rtl    *rtl;
} fo_sim;

void fo_sim_opts_default(fo_sim_opts *o);
/* Opens a model (FO_SIM_MODEL) or the RTL (FO_SIM_RTL) for parameters p
 * (o NULL: the defaults).  FO_OK, or as fo_model_create / fo_rtl_create
 * (FO_EINPUT names the RTL configurations built) with *sim zeroed. */
int  fo_sim_open(fo_sim *sim, int kind, const fo_params *p, const fo_sim_opts *o, fo_error *err);
/* Destroys what is open; a zeroed sim is fine. */
void fo_sim_close(fo_sim *sim);

/* ---- The run loop (run.c) -------------------------------------------------- */

typedef struct fo_run_opts {
    const char *trace;        /* trace to write ("-": stdout), or NULL */
    const char *gold;         /* golden trace to compare each line with, or NULL */
    const char *label;        /* progress label, e.g. "model" */
    int         progress;     /* live progress line on stderr */
    uint64_t    hang_cycles;  /* no activity for this long (and no stall): FO_EHANG */
    uint64_t    stop_at;      /* stop after this cycle (UINT64_MAX: run to the end) */
    /* Called after every cycle with that cycle's inputs and the dut's outputs
     * (its sorted events): how `bench` measures without reading a trace back. */
    void      (*observe)(void *ctx, uint64_t t, const fo_inputs *in, const fo_outputs *out);
    void       *observe_ctx;
    int         observe_ref;  /* in lock-step, observe ref's outputs (the model's, which
                                 carry fo_outputs.cov) instead of the dut's */
    /* In lock-step: called each cycle with ref's outputs before dut steps
     * (ref steps first), so that the RTL's waveform shows the model's pins. */
    void      (*expect)(void *ctx, const fo_outputs *ref);
    void       *expect_ctx;
    /* Lock-step without comparing (a rerun that dumps a waveform past a
     * mismatch already found). */
    int         no_compare;
    /* With progress: 0 a live line on a terminal (after the first second),
     * 1 a plain line every 10 s instead (stderr is a log, not a terminal). */
    int         plain;
} fo_run_opts;

typedef struct fo_run_result {
    uint64_t cycles;          /* the cycle of the end line */
    uint64_t packets;         /* headers accepted */
    uint64_t copies;          /* copies that left */
    uint64_t drops;
    uint64_t commits;
    uint64_t mismatch_cycle;  /* when FO_EMISMATCH in lock-step (against a golden
                                 trace: the cycle of the line that differs) */
    /* Where the first mismatch is, for its waveform (fo_wave_focus). */
    char     mismatch_pin[16];   /* the pin that differs (fo_rtl_wave_name), "" */
    int      mismatch_port;      /* that pin's port, -1 */
    int      mismatch_ingress;   /* the failing packet's ingress port, -1 unknown */
    int      mismatch_egress;    /* the failing egress port, -1 none */
    int      mismatch_config;    /* a commit differs (mismatch_port: its commit lane) */
    unsigned banks;              /* config banks of the run: a group's commit lane is gid mod banks */
    double   seconds;         /* wall-clock of the run */
    double   dut_seconds;     /* of which in dut->step (the whole run without ref) */
    double   ref_seconds;     /* of which in ref->step */
    /* setup latencies seen (min and max), command port and in-band */
    uint64_t setup_min, setup_max, setup_n;
    uint64_t inband_min, inband_max, inband_n;
} fo_run_result;

void fo_run_opts_default(fo_run_opts *o);
/* Runs stim through `dut`; with `ref`, steps it beside and compares every
 * cycle's pins and events (the first difference is FO_EMISMATCH, with
 * err naming the cycle, the field, the dut's value and the expected one). */
int fo_run(const fo_stim *stim, fo_stepper *dut, fo_stepper *ref, const fo_run_opts *o,
           fo_run_result *res, fo_error *err);

/* fo_run on a fresh C model made for stim's parameters, destroyed after. */
int fo_run_model(const fo_stim *stim, const fo_run_opts *o, fo_run_result *res, fo_error *err);

double fo_now(void);

#endif
