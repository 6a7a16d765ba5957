/* check.c -- the model's own invariants (debug mode, fo_model_set_checks):
 * the bookkeeping that the RTL's simulation assertions also check. */
#include "internal.h"
#include <stdio.h>

#define FAIL(...) do { if (err) snprintf(err->msg, sizeof err->msg, __VA_ARGS__); \
                       return FO_EMISMATCH; } while (0)

int fo_model_check(const fo_model *m, fo_error *err)
{
    unsigned n = m->p.nports, S = m->p.slots;
    /* refs[p][s]: egress queue entries and copies in flight naming slot s */
    uint64_t refs[FO_MAX_PORTS] = { 0 };
    for (unsigned p = 0; p < n; p++) {
        const fo_ingress *in = &m->in[p];
        if (in->busy & ~m->slotmask)
            FAIL("cycle %llu: port %u: busy slots 0x%llx beyond SLOTS", (unsigned long long)m->cycle, p,
                 (unsigned long long)in->busy);
        if (in->fcount > S)
            FAIL("cycle %llu: port %u: lookup FIFO overflow (%u)", (unsigned long long)m->cycle, p, in->fcount);
        for (unsigned i = 0; i < in->fcount; i++) {
            unsigned s = in->fifo[(in->fhead + i) % S];
            if (!(in->busy >> s & 1))
                FAIL("cycle %llu: port %u: lookup FIFO names free slot %u", (unsigned long long)m->cycle, p, s);
        }
        for (unsigned s = 0; s < S; s++)
            if (!(in->busy >> s & 1) && in->slots[s].pend && !(in->state == PRS_DATA && in->slot == s))
                FAIL("cycle %llu: port %u slot %u: free but copies pending", (unsigned long long)m->cycle, p, s);
    }
    for (unsigned e = 0; e < n; e++) {
        const fo_egress *eg = &m->out[e];
        for (unsigned p = 0; p < n; p++) {
            if (eg->qcount[p] > S)
                FAIL("cycle %llu: queue (%u,%u) overflow", (unsigned long long)m->cycle, e, p);
            if (!!eg->qcount[p] != (int)(eg->nonempty >> p & 1))
                FAIL("cycle %llu: queue (%u,%u) non-empty flag wrong", (unsigned long long)m->cycle, e, p);
            for (unsigned i = 0; i < eg->qcount[p]; i++) {
                unsigned s = eg->q[p * S + (eg->qhead[p] + i) % S];
                if (!(m->in[p].slots[s].pend >> e & 1) || !(m->in[p].busy >> s & 1))
                    FAIL("cycle %llu: queue (%u,%u) names slot %u with no copy pending", (unsigned long long)m->cycle, e, p, s);
                refs[p] |= (uint64_t)1 << s;
            }
        }
        if (eg->active) {
            if (!(m->in[eg->cp].slots[eg->cs].pend >> e & 1))
                FAIL("cycle %llu: egress %u streams slot (%u,%u) it does not hold", (unsigned long long)m->cycle, e, eg->cp, eg->cs);
            refs[eg->cp] |= (uint64_t)1 << eg->cs;
        }
    }
    /* Every slot with copies pending is reachable from a queue or a stream:
     * a reference count never leaks. */
    for (unsigned p = 0; p < n; p++)
        for (unsigned s = 0; s < S; s++) {
            const fo_slot *sl = &m->in[p].slots[s];
            if ((m->in[p].busy >> s & 1) && sl->pend && !(refs[p] >> s & 1))
                FAIL("cycle %llu: port %u slot %u: copies 0x%llx pending but no queue holds it",
                     (unsigned long long)m->cycle, p, s, (unsigned long long)sl->pend);
        }
    return FO_OK;
}
