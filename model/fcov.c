/* fcov.c -- the functional coverage points inside the stages: the model's
 * twin of rtl/fanout_fcov.v (which counts the same events with cover
 * properties).  It reads the stages' state and changes none; each cycle it
 * sets fo_outputs.cov, which the counter (model/cli/fcov.c) adds up.  The
 * definitions follow the RTL's word for word: "at the start of the cycle" is
 * the registered state the RTL's cover property samples. */
#include "internal.h"

/* Slots of port p between its lookup FIFO push and its lookup's completion:
 * the FIFO and every stage of the lookup pipeline (the entry completing this
 * cycle included). */
static unsigned lookup_held(const fo_model *m, unsigned p)
{
    const fo_ingress *in = &m->in[p];
    unsigned n = in->fcount;
    for (unsigned k = 0; k < m->L; k++)
        n += in->pipe[k].valid;
    return n;
}

/* Copies of port p's slots that egress e holds: queued or being read. */
static unsigned egress_held(const fo_egress *eg, unsigned p)
{
    return eg->qcount[p] + (eg->rv && eg->rp == p);
}

static uint32_t full_points(const fo_model *m)
{
    uint32_t cov = 0;
    unsigned n = m->p.nports, S = m->p.slots;
    for (unsigned p = 0; p < n; p++) {
        if (!fo_slots_free_start(m, p))
            cov |= FO_COV_FULL_SLOTS;
        if (m->in[p].fcount == S)
            cov |= FO_COV_FULL_LOOKUP_FIFO;
        if (lookup_held(m, p) == S)
            cov |= FO_COV_FULL_LOOKUP;
    }
    for (unsigned e = 0; e < n; e++) {
        const fo_egress *eg = &m->out[e];
        if (eg->sc == FO_STAGE_CELLS)
            cov |= FO_COV_FULL_STAGE;
        for (uint64_t w = eg->nonempty | (eg->rv ? (uint64_t)1 << eg->rp : 0); w; w &= w - 1) {
            unsigned p = (unsigned)__builtin_ctzll(w);
            if (eg->qcount[p] == S)
                cov |= FO_COV_FULL_EGRESS_QUEUE;
            if (egress_held(eg, p) == S)
                cov |= FO_COV_FULL_EGRESS;
        }
    }
    return cov;
}

void fo_fcov_start(const fo_model *m, fo_outputs *out, fo_fcov_cycle *c)
{
    unsigned idx = m->idx;
    c->ngid = 0;
    for (unsigned p = 0; p < m->p.nports; p++) {
        const fo_lkp *l = &m->in[p].pipe[idx];
        uint64_t h = m->in[p].slots[l->slot].hdr;
        if (l->valid && FO_HDR_KIND(h) == FO_KIND_MULTICAST)
            c->gid[c->ngid++] = FO_HDR_DST(h);
    }
    out->cov |= full_points(m);
}

void fo_fcov_end(const fo_model *m, fo_outputs *out, const fo_fcov_cycle *c)
{
    (void)m;
    for (unsigned k = 0; k < out->nev; k++) {
        const fo_event *e = &out->ev[k];
        int commit = e->kind == FO_EV_CFG || (e->kind == FO_EV_CSR && e->op != FO_OP_READ);
        for (unsigned i = 0; commit && i < c->ngid; i++)
            if (c->gid[i] == e->gid)
                out->cov |= FO_COV_COMMIT_LOOKUP;
    }
}
