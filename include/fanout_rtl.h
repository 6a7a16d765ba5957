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
} fo_rtl_opts;

typedef struct fo_rtl fo_rtl;

void fo_rtl_opts_default(fo_rtl_opts *o);
/* 1 if the RTL was built into this program at all. */
int  fo_rtl_built(void);
/* Writes the list of built configurations ("nports=32 ngroups=65536 slots=16
 * sram_latency=2; ...") into buf. */
void fo_rtl_configs(char *buf, size_t n);
/* FO_EINPUT (err names the built configurations) if p matches none. */
int  fo_rtl_create(const fo_params *p, const fo_rtl_opts *o, fo_rtl **out, fo_error *err);
int  fo_rtl_step(fo_rtl *r, const fo_inputs *in, fo_outputs *out);
void fo_rtl_destroy(fo_rtl *r);
/* Writes "gid bitmap" lines for every non-empty group, read from the RTL's
 * SRAM (copy D) through Verilator's public access.  FO_OK or FO_EIO. */
int  fo_rtl_dump_table(fo_rtl *r, const char *path, fo_error *err);
void fo_rtl_stepper(fo_rtl *r, fo_stepper *s);
/* 1 if the RTL was built with Verilator coverage (FANOUT_RTL_COVERAGE=ON). */
int  fo_rtl_coverage_built(void);
/* Writes this run's line and toggle coverage (Verilator's coverage.dat
 * format, for verilator_coverage).  FO_EINPUT when not a coverage build. */
int  fo_rtl_write_coverage(fo_rtl *r, const char *path, fo_error *err);

#ifdef __cplusplus
}
#endif
#endif /* FANOUT_RTL_H */
