/* replicator.c -- the replication engine of each ingress port: the entry that
 * completes its lookup this cycle becomes one queue entry on every member's
 * egress queue, or an `empty` drop.  The queue entries enter a delay line of
 * D cycles first, which fixes the zero-load latency (docs/
 * microarchitecture.md, stage 3).  It owns the port's slot state, as
 * rtl/fanout_replicator.v does: which slots are in use, whose lookup is
 * pending, each slot's pending-copy bitmap (the reference count), and the
 * release of one finished slot per cycle with its cells. */
#include "internal.h"

/* The lowest slot that was free at the start of the cycle, or -1.  Slots
 * freed during this cycle are seen only from the next one, as in the RTL. */
int fo_slot_alloc(fo_model *m, unsigned p)
{
    fo_ingress *in = &m->in[p];
    uint64_t freem = fo_slots_free_start(m, p);
    if (!freem)
        return -1;
    unsigned s = (unsigned)__builtin_ctzll(freem);
    in->busy |= (uint64_t)1 << s;
    in->lkp |= (uint64_t)1 << s;
    in->pend[s] = 0;
    in->pzero |= (uint64_t)1 << s;
    m->slot_busy |= (uint64_t)1 << p;
    return (int)s;
}

/* The end of a cycle: the slots released in it, and their cells, are free
 * from the next one. */
void fo_slot_cycle_end(fo_model *m)
{
    for (uint64_t w = m->slot_freed; w; w &= w - 1) {
        fo_ingress *in = &m->in[__builtin_ctzll(w)];
        in->freed = 0;
        for (unsigned b = 0; b < FO_BANKS; b++) {
            in->cavail[b] += in->cavail_rel[b];
            in->cavail_rel[b] = 0;
        }
    }
    m->slot_freed = 0;
}

/* Egress e has read the last cell of its copy of slot (p, s). */
void fo_slot_release(fo_model *m, unsigned p, unsigned s, unsigned e)
{
    uint64_t *pend = &m->in[p].pend[s];
    if (!(*pend >> e & 1))      /* the reference count would go below zero */
        fo_fault(m, "refcount_underflow", "egress %u releases slot (%u,%u) it holds no copy of", e, p, s);
    *pend &= ~((uint64_t)1 << e);
    if (!*pend)
        m->in[p].pzero |= (uint64_t)1 << s;
}

/* At the start of the cycle: per port, one busy slot whose lookup is done,
 * whose copies have all read their last cell and whose flits are all
 * written is released, the lowest, with its cells.  One per cycle keeps the cell count's update to one adder. */
void fo_slot_release_step(fo_model *m)
{
    for (uint64_t w = m->slot_busy; w; w &= w - 1) {
        unsigned p = (unsigned)__builtin_ctzll(w);
        fo_ingress *in = &m->in[p];
        uint64_t ready = in->busy & ~in->lkp & in->wdone & in->pzero;
        if (!ready)
            continue;
        uint64_t pick = ready & (~ready + 1);   /* the lowest */
        unsigned s = (unsigned)__builtin_ctzll(pick);
        in->busy &= ~pick;
        in->freed |= pick;
        for (unsigned b = 0; b < FO_BANKS; b++)
            in->cavail_rel[b] += fo_cells_in_bank(s, in->slots[s].ncells, b);
        m->slot_freed |= (uint64_t)1 << p;
        if (!in->busy)
            m->slot_busy &= ~((uint64_t)1 << p);
    }
}

/* At the start of the cycle: the replications of D cycles ago reach the
 * egress queues (visible from this cycle). */
void fo_queue_deliver(fo_model *m)
{
    unsigned i = (unsigned)(m->cycle % m->D);
    for (unsigned j = 0; j < m->dpn[i]; j++) {
        const struct fo_dpipe *d = &m->dp[i][j];
        for (uint64_t w = d->members; w; w &= w - 1)
            fo_queue_push(m, (unsigned)__builtin_ctzll(w), d->p, d->s);
    }
    m->dpn[i] = 0;
}

static void replicate(fo_model *m, unsigned p, const fo_lkp *l, fo_outputs *out)
{
    fo_ingress *in = &m->in[p];
    uint64_t h = in->slots[l->slot].hdr;
    uint64_t members = FO_HDR_KIND(h) == FO_KIND_MULTICAST ? l->word
                                                           : (uint64_t)1 << FO_HDR_DST(h);
    if (FO_HDR_XSRC(h))
        members &= ~((uint64_t)1 << p);
    in->lkp &= ~((uint64_t)1 << l->slot);
    if (!members) {             /* released once its flits are written */
        fo_event *ev = fo_ev_add(out, FO_EV_DROP, p);
        ev->tag = FO_HDR_TAG(h);
        ev->op = FO_DROP_EMPTY;
        ev->stage = 0;
        m->n_drop++;
        return;
    }
    in->pend[l->slot] = members;
    in->pzero &= ~((uint64_t)1 << l->slot);
    m->n_fwd++;
    m->copies_exp += (uint64_t)__builtin_popcountll(members);
    unsigned i = (unsigned)(m->cycle % m->D);
    m->dp[i][m->dpn[i]++] = (struct fo_dpipe){ (uint8_t)p, l->slot, members };
}

/* The ports whose lookup completes this cycle (the pipeline entry of this
 * cycle, which the lookup step refills after this step). */
void fo_replicator_step(fo_model *m, fo_outputs *out)
{
    unsigned idx = m->idx;
    for (uint64_t w = m->lkp_valid[idx]; w; w &= w - 1) {
        unsigned p = (unsigned)__builtin_ctzll(w);
        replicate(m, p, &m->in[p].pipe[idx], out);
    }
}
