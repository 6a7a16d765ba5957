/* fanout_rtl.h -- C interface of the Verilated RTL harness (harness/).
 *
 * The harness wraps one Verilated `fanout_switch` behind the same stepping
 * contract as the C model (fanout.h): fo_rtl_step() takes one cycle's input
 * pins, returns that cycle's output pins and the events derived from them,
 * and clocks the RTL once.  Implemented in C++ (harness/); callable from C.
 */
#ifndef FANOUT_RTL_H
#define FANOUT_RTL_H

#include "fanout.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct fo_rtl_opts {
    const char *wave;       /* waveform file, or NULL for none */
    int      fst;           /* 1: FST, 0: VCD */
    uint64_t wave_from;     /* first cycle dumped */
    uint64_t wave_to;       /* last cycle dumped (UINT64_MAX: to the end) */
    int      rand_reset;    /* 1: random initial values (+verilator+rand+reset+2) */
    uint32_t seed;          /* +verilator+seed+N when rand_reset */
    int      sweep;         /* 1: simulate the reset's clear sweep of the group table
                               (ceil(NGROUPS/B) cycles); 0 (default): the table starts
                               cleared (+fanout_fast_clear, simulation only) and the
                               first reset skips the sweep; cycle 0 is the same */
    /* Called during fo_rtl_create's clear sweep of the group table (NGROUPS
     * cycles) every few thousand cycles and at its end (done == total); NULL: none. */
    void   (*progress)(void *ctx, uint64_t done, uint64_t total);
    void    *progress_ctx;
    unsigned threads;       /* 1 (default): the single-threaded model; N > 1: the model
                               verilated with --threads N, built only with
                               -DFANOUT_RTL_THREADS=N (fo_rtl_threads_built()); for lone
                               runs: its threads busy-wait, so never beside other runs */
} fo_rtl_opts;

typedef struct fo_rtl fo_rtl;

void fo_rtl_opts_default(fo_rtl_opts *o);
/* 1 if the RTL was built into this program at all. */
int  fo_rtl_built(void);
/* Writes the list of built configurations ("nports=32 ngroups=65536 slots=16
 * sram_latency=2; ...") into buf. */
void fo_rtl_configs(char *buf, size_t n);
/* The same configurations as parameters, in the same order: fills up to max
 * of out (NULL with max 0 only counts) and returns how many are built (0
 * without the RTL).  The one place a verb learns them: never parse the text. */
size_t fo_rtl_config_list(fo_params *out, size_t max);
/* N if a model verilated with --threads N is built for every configuration
 * (fo_rtl_opts.threads), 1 if none is. */
unsigned fo_rtl_threads_built(void);
/* How the RTL was built: the C++ compiler (from its own macros) and flags
 * ("C++ clang 14.0.6, generated code -O2 ..."); "none" without the RTL. */
const char *fo_rtl_build_info(void);
/* 1 if every configuration built has an FST model too (fo_rtl_opts.fst). */
int  fo_rtl_fst_all(void);
/* FO_EINPUT (err names the built configurations) if p matches none. */
int  fo_rtl_create(const fo_params *p, const fo_rtl_opts *o, fo_rtl **out, fo_error *err);
int  fo_rtl_step(fo_rtl *r, const fo_inputs *in, fo_outputs *out);
void fo_rtl_destroy(fo_rtl *r);
/* Writes "gid bitmap" lines for every non-empty group, read from the RTL's
 * SRAM (copy D) through Verilator's public access.  FO_OK or FO_EIO. */
int  fo_rtl_dump_table(fo_rtl *r, const char *path, fo_error *err);
void fo_rtl_stepper(fo_rtl *r, fo_stepper *s);
/* The model's outputs for the cycle about to be stepped: the waveform shows
 * them under the `model` scope beside the RTL's pins (harness/fanout_tb.v).
 * Without a waveform it does nothing. */
void fo_rtl_expect(fo_rtl *r, const fo_outputs *ref);

/* ---- Waveforms of a mismatch (harness/waves.cpp) ---------------------- */

/* Cycle c of a trace is time c ns in every waveform (the clock rises at c.5 ns). */
#define FO_WAVE_PS_PER_CYCLE 1000

/* What a GTKWave save file opens on. */
typedef struct fo_wave_focus {
    uint64_t cycle;        /* the mismatch: the marker, the view around it */
    uint64_t from, to;     /* the cycles the waveform holds (the view stays inside) */
    int      ingress;      /* the failing packet's ingress port (parser, lookup, replicator), -1 unknown */
    int      egress;       /* the failing egress port (its queue, its pins), -1 none */
    int      config;       /* 1: a commit differs: the config engine and the commit pins */
    const char *pin;       /* the pin that differs ("out_data", "in_ready", ... see fo_rtl_wave_name), or NULL */
    const char *what;      /* the mismatch message, a comment in the file, or NULL */
    int      lane;         /* config: the commit lane (the config bank of the group) that differs */
} fo_wave_focus;

/* Writes the GTKWave save file `save` for the waveform `wave` (VCD or FST,
 * already closed), grouped per stage: the cycle number, the pin that differs
 * with the model's value below it, the ingress port's parser, lookup and
 * replicator, the egress queue of the failing port, the config engine when a
 * commit differs; a marker at the start of the mismatch cycle (where every
 * pin, the model's too, shows that cycle), zoomed around it.  Every
 * signal name is resolved against the waveform's own declarations; one that
 * the RTL no longer has is written as named (GTKWave then omits it; the test
 * waves_savefile_signals_exist catches it).  FO_OK, FO_EIO. */
int fo_rtl_write_view(const char *wave, int fst, const char *save, const fo_wave_focus *f,
                      fo_error *err);
/* The full name, as GTKWave lists it, of the pin `pin` of port `port` (-1
 * for a pin that is not per port) in the waveform: the RTL's (model 0) or the
 * model's (model 1).  Pins: in_ready, out_valid, out_data, idle, commit_valid,
 * commit_op, commit_gid, commit_bitmap.  Returns buf ("" for an unknown pin). */
const char *fo_rtl_wave_name(const char *pin, int port, int model, char *buf, size_t n);

/* 1 if the RTL was built with Verilator coverage (FANOUT_RTL_COVERAGE=ON). */
int  fo_rtl_coverage_built(void);
/* Writes this run's line and toggle coverage (Verilator's coverage.dat
 * format, for verilator_coverage).  FO_EINPUT when not a coverage build. */
int  fo_rtl_write_coverage(fo_rtl *r, const char *path, fo_error *err);

#ifdef __cplusplus
}
#endif
#endif /* FANOUT_RTL_H */
