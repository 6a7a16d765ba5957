/* fcov.c -- functional coverage counted in the model (see fcov.h).
 *
 * Drops, ops and fan-out come from the events of fo_outputs, so the model
 * counts what co-simulation compares; the points inside the stages (a config
 * op waiting, a commit meeting a lookup, slots and queues full) from the bits
 * the model's stages set in fo_outputs.cov (model/fcov.c, the twin of
 * rtl/fanout_fcov.v). */
#include "fcov.h"
#include <stdlib.h>
#include <string.h>

static const char *const NAMES[FO_FCOV_NPOINTS] = {
    "drop_kind", "drop_rsvd", "drop_port", "drop_group", "drop_len", "drop_empty",
    "op_cmd_write", "op_cmd_add", "op_cmd_remove", "op_cmd_clear", "op_cmd_read",
    "op_inband_write", "op_inband_add", "op_inband_remove", "op_inband_clear",
    "commit_lookup_same_group",
    "fanout_1", "fanout_2_3", "fanout_4_7", "fanout_8_15", "fanout_16_31", "fanout_32_63", "fanout_64",
    "bp_ingress", "bp_egress", "bp_cfg",
    "full_slots", "full_lookup", "full_egress", "full_lookup_fifo", "full_egress_queue",
    "full_cells", "full_stage", "read_wait", "read_merged",
};

const char *fo_fcov_name(unsigned i) { return i < FO_FCOV_NPOINTS ? NAMES[i] : NULL; }

int fo_fcov_exists(unsigned i, unsigned nports)
{
    if (i >= FO_FCOV_NPOINTS)
        return 0;
    if (i >= FO_FCOV_FANOUT && i < FO_FCOV_FANOUT + 7)
        return (1u << (i - FO_FCOV_FANOUT)) <= nports;
    return 1;
}

int fo_fcov_find(const char *name)
{
    for (unsigned i = 0; i < FO_FCOV_NPOINTS; i++)
        if (!strcmp(NAMES[i], name))
            return (int)i;
    return -1;
}

/* The copies of a multicast packet all carry its header with src = the
 * ingress port, so the copies of one packet are the out events with one
 * header word: a table of header -> copies, bucketed at the end (a unicast
 * packet is one copy, bucket 1, as in the RTL).  Two
 * packets of one port with the same header (same group, length and tag)
 * would count as one; the generators number tags, so they do not occur. */
struct fo_fcov {
    uint64_t  n[FO_FCOV_NPOINTS];
    uint64_t *key;            /* header words, 0 = empty (a multicast header is never 0) */
    uint32_t *cnt;
    size_t    cap, used;
    int       oom;
};

fo_fcov *fo_fcov_new(void) { return calloc(1, sizeof(fo_fcov)); }

static size_t slot_of(const fo_fcov *f, uint64_t h)
{
    size_t i = (size_t)((h * 0x9e3779b97f4a7c15ull) >> 20) & (f->cap - 1);
    while (f->key[i] && f->key[i] != h)
        i = (i + 1) & (f->cap - 1);
    return i;
}

static int grow(fo_fcov *f)
{
    fo_fcov old = *f;
    f->cap = f->cap ? f->cap * 2 : 1024;
    f->key = calloc(f->cap, sizeof *f->key);
    f->cnt = calloc(f->cap, sizeof *f->cnt);
    if (!f->key || !f->cnt) {
        free(f->key), free(f->cnt);
        *f = old;
        return -1;
    }
    for (size_t i = 0; i < old.cap; i++) {
        if (!old.key[i])
            continue;
        size_t j = slot_of(f, old.key[i]);
        f->key[j] = old.key[i], f->cnt[j] = old.cnt[i];
    }
    free(old.key), free(old.cnt);
    return 0;
}

static void copy_seen(fo_fcov *f, uint64_t h)
{
    if (f->oom || ((f->used + 1) * 2 > f->cap && grow(f))) {
        f->oom = 1;
        return;
    }
    size_t i = slot_of(f, h);
    if (!f->key[i])
        f->key[i] = h, f->used++;
    f->cnt[i]++;
}

void fo_fcov_observe(void *ctx, uint64_t t, const fo_inputs *in, const fo_outputs *out)
{
    fo_fcov *f = ctx;
    (void)t;
    for (unsigned k = 0; k < out->nev; k++) {
        const fo_event *e = &out->ev[k];
        if (e->kind == FO_EV_DROP && e->op < FO_DROP_NREASONS)
            f->n[FO_FCOV_DROP + e->op]++;
        else if (e->kind == FO_EV_CSR && e->op <= FO_OP_READ)
            f->n[FO_FCOV_OP_CMD + e->op]++;
        else if (e->kind == FO_EV_CFG && e->op < FO_OP_READ)
            f->n[FO_FCOV_OP_INBAND + e->op]++;
        else if (e->kind == FO_EV_OUT && FO_HDR_KIND(e->word) == FO_KIND_MULTICAST)
            copy_seen(f, e->word);
        else if (e->kind == FO_EV_OUT && FO_HDR_KIND(e->word) == FO_KIND_UNICAST)
            f->n[FO_FCOV_FANOUT]++;         /* a unicast packet: one copy, as the replicator pushes it */
    }
    if (in->in_valid & ~out->in_ready)
        f->n[FO_FCOV_BP_INGRESS]++;
    if (out->out_valid & ~in->out_ready)
        f->n[FO_FCOV_BP_EGRESS]++;
    static const struct { uint32_t bit; unsigned point; } INSIDE[] = {
        { FO_COV_BP_CFG, FO_FCOV_BP_CFG },
        { FO_COV_COMMIT_LOOKUP, FO_FCOV_COMMIT_LOOKUP },
        { FO_COV_FULL_SLOTS, FO_FCOV_FULL_SLOTS },
        { FO_COV_FULL_LOOKUP, FO_FCOV_FULL_LOOKUP },
        { FO_COV_FULL_EGRESS, FO_FCOV_FULL_EGRESS },
        { FO_COV_FULL_LOOKUP_FIFO, FO_FCOV_FULL_LOOKUP_FIFO },
        { FO_COV_FULL_EGRESS_QUEUE, FO_FCOV_FULL_EGRESS_QUEUE },
        { FO_COV_FULL_CELLS, FO_FCOV_FULL_CELLS },
        { FO_COV_FULL_STAGE, FO_FCOV_FULL_STAGE },
        { FO_COV_READ_WAIT, FO_FCOV_READ_WAIT },
        { FO_COV_READ_MERGED, FO_FCOV_READ_MERGED },
    };
    for (unsigned i = 0; i < sizeof INSIDE / sizeof INSIDE[0]; i++)
        if (out->cov & INSIDE[i].bit)
            f->n[INSIDE[i].point]++;
}

void fo_fcov_finish(fo_fcov *f, uint64_t *n)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->cap; i++) {
        if (!f->key[i])
            continue;
        unsigned k = 0;
        while (k < 6 && f->cnt[i] >= (2u << k))
            k++;
        f->n[FO_FCOV_FANOUT + k]++;
    }
    for (unsigned i = 0; i < FO_FCOV_NPOINTS; i++)
        n[i] += f->n[i];
    free(f->key), free(f->cnt), free(f);
}
