/* fcov.h -- functional coverage: the events that matter for this switch,
 * counted in the model from a run's pins, events and the stages' coverage
 * bits (fo_outputs.cov, set by model/fcov.c; fo_run's observer), and in the
 * RTL by rtl/fanout_fcov.v's cover properties of the same names. */
#ifndef FO_FCOV_H
#define FO_FCOV_H

#include "fanout.h"

enum {
    FO_FCOV_DROP = 0,                         /* + FO_DROP_*: drop_kind .. drop_empty */
    FO_FCOV_OP_CMD = FO_FCOV_DROP + FO_DROP_NREASONS,   /* + FO_OP_*: op_cmd_write .. op_cmd_read */
    FO_FCOV_OP_INBAND = FO_FCOV_OP_CMD + 5,   /* + FO_OP_* (no read): op_inband_write .. clear */
    FO_FCOV_COMMIT_LOOKUP = FO_FCOV_OP_INBAND + 4,
    FO_FCOV_FANOUT,                           /* + k: 2^k .. 2^(k+1)-1 copies, k = 0..6 */
    FO_FCOV_BP_INGRESS = FO_FCOV_FANOUT + 7,
    FO_FCOV_BP_EGRESS,
    FO_FCOV_BP_CFG,
    FO_FCOV_FULL_SLOTS,
    FO_FCOV_FULL_LOOKUP,
    FO_FCOV_FULL_EGRESS,
    FO_FCOV_FULL_LOOKUP_FIFO,
    FO_FCOV_FULL_EGRESS_QUEUE,
    FO_FCOV_FULL_CELLS,
    FO_FCOV_FULL_STAGE,
    FO_FCOV_READ_WAIT,
    FO_FCOV_READ_MERGED,
    FO_FCOV_NPOINTS
};

/* The point's name ("drop_kind", "fanout_2_3", ...), as the RTL names it. */
const char *fo_fcov_name(unsigned i);
/* 1 if the point exists in a switch of `nports` ports (fan-out buckets up to
 * nports), 0 if not. */
int fo_fcov_exists(unsigned i, unsigned nports);
/* The point of that name, or -1. */
int fo_fcov_find(const char *name);

/* Counting from a run: fo_fcov_new, then fo_fcov_observe as fo_run's
 * observer (ctx = the fo_fcov), then fo_fcov_finish adds the counts. */
typedef struct fo_fcov fo_fcov;
fo_fcov *fo_fcov_new(void);
/* out: the model's outputs (in co-simulation, the reference's: the RTL's
 * pins are equal, and only the model sets out->cov). */
void     fo_fcov_observe(void *ctx, uint64_t t, const fo_inputs *in, const fo_outputs *out);
/* Adds this run's counts to n[FO_FCOV_NPOINTS] and frees the counter. */
void     fo_fcov_finish(fo_fcov *f, uint64_t *n);

#endif
