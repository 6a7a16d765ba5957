/* replicator.c -- the replication engine of each ingress port: the entry that
 * completes its lookup this cycle becomes one queue entry on every member's
 * egress queue, all in this one cycle, or an `empty` drop. */
#include "internal.h"

void fo_queue_push(fo_model *m, unsigned e, unsigned p, unsigned s)
{
    fo_egress *eg = &m->out[e];
    unsigned S = m->p.slots;
    if (eg->qcount[p] >= S) {   /* one entry per live slot of p: cannot happen */
        fo_fault(m, "queue_overflow", "push onto full queue (%u,%u)", e, p);
        return;
    }
    unsigned tail = (eg->qhead[p] + eg->qcount[p]) % S;
    eg->q[p * S + tail] = (uint8_t)s;
    eg->qcount[p]++;
    eg->nonempty |= (uint64_t)1 << p;
}

static void replicate(fo_model *m, unsigned p, const fo_lkp *l, fo_outputs *out)
{
    fo_slot *sl = &m->in[p].slots[l->slot];
    uint64_t h = sl->hdr;
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
    sl->pend = members;
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
