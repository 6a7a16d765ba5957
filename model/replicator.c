/* replicator.c -- the replication engine of each ingress port: the entry that
 * completes its lookup this cycle becomes one queue entry on every member's
 * egress queue, all in this one cycle, or an `empty` drop.  It owns the
 * port's slot state, as rtl/fanout_replicator.v does: which slots are in use and
 * each slot's pending-copy bitmap (the reference count). */
#include "internal.h"

/* The lowest slot that was free at the start of the cycle, or -1.  Slots
 * freed during this cycle are seen only from the next one, as in the RTL. */
int fo_slot_alloc(fo_model *m, unsigned p)
{
    uint64_t freem = fo_slots_free_start(m, p);
    if (!freem)
        return -1;
    unsigned s = (unsigned)__builtin_ctzll(freem);
    m->in[p].busy |= (uint64_t)1 << s;
    m->in[p].pend[s] = 0;
    m->slot_busy |= (uint64_t)1 << p;
    return (int)s;
}

void fo_slot_free(fo_model *m, unsigned p, unsigned s)
{
    fo_ingress *in = &m->in[p];
    uint64_t bit = (uint64_t)1 << s;
    if (in->busy & bit) {               /* free again in the next cycle, not in this one */
        in->freed |= bit;
        m->slot_freed |= (uint64_t)1 << p;
    }
    in->busy &= ~bit;
    if (!in->busy)
        m->slot_busy &= ~((uint64_t)1 << p);
}

/* The end of a cycle: the slots freed in it are free from the next one. */
void fo_slot_cycle_end(fo_model *m)
{
    for (uint64_t w = m->slot_freed; w; w &= w - 1)
        m->in[__builtin_ctzll(w)].freed = 0;
    m->slot_freed = 0;
}

/* Egress e has read the last flit of its copy of slot (p, s). */
void fo_slot_release(fo_model *m, unsigned p, unsigned s, unsigned e)
{
    uint64_t *pend = &m->in[p].pend[s];
    if (!(*pend >> e & 1))      /* the reference count would go below zero */
        fo_fault(m, "refcount_underflow", "egress %u releases slot (%u,%u) it holds no copy of", e, p, s);
    *pend &= ~((uint64_t)1 << e);
    if (!*pend)
        fo_slot_free(m, p, s);
}

static void replicate(fo_model *m, unsigned p, const fo_lkp *l, fo_outputs *out)
{
    uint64_t h = m->in[p].slots[l->slot].hdr;
    uint64_t members = FO_HDR_KIND(h) == FO_KIND_MULTICAST ? l->word
                                                           : (uint64_t)1 << FO_HDR_DST(h);
    if (FO_HDR_XSRC(h))
        members &= ~((uint64_t)1 << p);
    if (!members) {
        fo_event *ev = fo_ev_add(out, FO_EV_DROP, p);
        ev->tag = FO_HDR_TAG(h);
        ev->op = FO_DROP_EMPTY;
        ev->stage = 0;
        m->n_drop++;
        fo_slot_free(m, p, l->slot);
        return;
    }
    m->in[p].pend[l->slot] = members;
    m->n_fwd++;
    m->copies_exp += (uint64_t)__builtin_popcountll(members);
    for (uint64_t w = members; w; w &= w - 1)
        fo_queue_push(m, (unsigned)__builtin_ctzll(w), p, l->slot);
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
