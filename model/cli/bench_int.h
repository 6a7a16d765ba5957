/* bench_int.h -- the parts of `fanout bench` (not a public interface):
 *   cmd_bench.c     the verb: options, the figures in order, the summary
 *   bench_table.c   the table of figures and the plot data files
 *   bench_measure.c one workload run through the model and checked, and
 *                   per-token latencies of it
 *   bench_figs.c    the cycle figures (SPEC 8), one function each
 *   bench_speed.c   the simulation speed of the model and the RTL
 *   bench_regress.c the time of the whole golden-vector regression
 * bench.h has the workloads (bench_load.c). */
#ifndef FO_BENCH_INT_H
#define FO_BENCH_INT_H

#include "bench.h"
#include "inband_wait.h"
#include "run.h"
#include <stdio.h>

/* ---- The table (bench_table.c) ---------------------------------------- */

enum { R_PASS = 0, R_MISS, R_INFO };

typedef struct brow {
    char figure[96], measured[96], target[40];
    int  result;
} brow;

typedef struct bctx {
    int quick, rtl;
    uint64_t seed;
    const char *out;
    const char *vectors;           /* the golden vectors' folder (the regression figure) */
    fo_params p;                   /* the default parameters */
    brow row[192];
    unsigned nrow;
    /* setup latencies over every run (command port, in-band) */
    uint64_t setup_min, setup_max, setup_n, inband_min, inband_max, inband_n;
    fo_error err;
} bctx;

/* Appends a row: its figure, its target, whether it met it, and the measured text. */
void bench_row(bctx *b, int result, const char *fig, const char *target, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;
const char *bench_result_name(int r);
/* Plain text (md 0) or a Markdown table (md 1). */
void bench_print_table(const bctx *b, FILE *f, int md);
/* --out DIR/name opened for writing, or NULL (no --out, or it failed: said on stderr). */
FILE *bench_data_file(const bctx *b, const char *name);
/* The workload now running, on a terminal. */
void bench_progress(const char *what);

/* ---- One run (bench_measure.c) ----------------------------------------- */

typedef struct bmeas {
    const bload *bl;
    uint64_t *first;               /* per token: its first header accepted */
    uint64_t *hdr_out;             /* per token: its first copy's header out */
    uint64_t *done;                /* per token: the last flit of its last copy out */
    uint32_t  cur[FO_MAX_PORTS];   /* per egress: the token of the copy on the wire */
    uint64_t  in_flits[FO_MAX_PORTS];    /* flits taken on each ingress */
    uint64_t  out_flits[FO_MAX_PORTS];   /* flits out of each egress (whole copies) */
    uint64_t  copies, drops, strays, last_flit;
    fo_inband_wait iw;             /* in-band setup: sender-side wait, commit latency */
    fo_run_result res;
} bmeas;

/* Runs workload bl through the C model, measuring every token and checking
 * that the run carried what the workload needs; m is freed on failure. */
int  bench_run_model(bctx *b, const bload *bl, const char *name, bmeas *m);
void bench_meas_free(bmeas *m);
/* --out: DIR/stim/NAME.stim.gz. */
int  bench_keep_stim(const bctx *b, const bload *bl, const char *name);
/* Adds a run's setup latencies to the figures over every run. */
void bench_note_setup(bctx *b, const fo_run_result *r);
/* Per-token latency from `from` (first header accepted, or release when
 * NULL) to the last flit of its last copy, sorted; bl->ntok of them. */
uint64_t *bench_latencies(const bmeas *m, const uint64_t *from);
/* Cycles from t0 through the last flit out. */
uint64_t bench_span(const bmeas *m);

/* ---- The figures (bench_figs.c, bench_speed.c, bench_regress.c) -------- */

int bench_fig_zero_load(bctx *b);
int bench_fig_saturate(bctx *b);
int bench_fig_shapes(bctx *b);
int bench_fig_token_setup(bctx *b);
int bench_fig_dispatch(bctx *b);
int bench_fig_limited(bctx *b);
int bench_fig_offered(bctx *b);
int bench_fig_setup(bctx *b);
int bench_fig_speed(bctx *b);
int bench_fig_regress(bctx *b);

#endif
