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
    uint64_t freem = m->free_start[p];
    if (!freem)
        return -1;
    unsigned s = (unsigned)__builtin_ctzll(freem);
    m->in[p].busy |= (uint64_t)1 << s;
    m->in[p].pend[s] = 0;
    m->free_start[p] &= ~((uint64_t)1 << s);
    return (int)s;
}

void fo_slot_free(fo_model *m, unsigned p, unsigned s)
{
    m->in[p].busy &= ~((uint64_t)1 << s);
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

void fo_replicator_step(fo_model *m, fo_outputs *out)
{
    unsigned idx = (unsigned)(m->cycle % m->L);
    for (unsigned p = 0; p < m->p.nports; p++) {
        fo_lkp *l = &m->in[p].pipe[idx];
        if (l->valid) {
            replicate(m, p, l, out);
            l->valid = 0;
        }
    }
}
