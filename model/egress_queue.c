/* egress_queue.c -- the egress side of each port: queues (e, p), the output
 * register, and the packet being streamed out (docs/microarchitecture.md,
 * stage 4).  One flit per cycle, whole packets, back to back. */
#include "internal.h"

/* The replicator of port p pushes slot s onto queue (e, p). */
void fo_queue_push(fo_model *m, unsigned e, unsigned p, unsigned s)
{
    fo_egress *eg = &m->out[e];
    unsigned S = m->p.slots;
    if (eg->qcount[p] >= S) {   /* one entry per live slot of p: cannot happen */
        fo_fault(m, "queue_overflow", "push onto full queue (%u,%u)", e, p);
        return;
    }
    unsigned tail = eg->qhead[p] + eg->qcount[p];
    eg->q[p * S + (tail >= S ? tail - S : tail)] = (uint8_t)s;
    eg->qcount[p]++;
    eg->nonempty |= (uint64_t)1 << p;
    m->eg_busy |= (uint64_t)1 << e;
}

/* The copy for egress e has read its last flit: latch the payload crc (the
 * ingress has written every flit by now: the egress cannot overtake it) and
 * release the slot. */
static void final_load(fo_model *m, fo_egress *eg, unsigned e, unsigned p, unsigned s)
{
    eg->olast = 1;
    eg->ocrc = m->in[p].slots[s].crc;
    m->copies_done++;
    fo_slot_release(m, p, s, e);
}

/* Load the output register of egress e for the next cycle: the next payload
 * flit of its copy, or the header of the next copy, or nothing. */
static void load_next(fo_model *m, fo_egress *eg, unsigned e)
{
    unsigned S = m->p.slots;
    uint64_t bit = (uint64_t)1 << e;
    if (eg->active) {                       /* the first payload flit, after the header */
        eg->ohdr = 0;
        if (++eg->cidx == eg->clen) {
            eg->active = 0;
            final_load(m, eg, e, eg->cp, eg->cs);
        } else {                            /* flits 1 .. clen-1 need no look until the last */
            m->eg_mid |= bit;
            eg->due = m->cycle + eg->clen - 1;
            if (eg->due < m->eg_next_due)
                m->eg_next_due = eg->due;
        }
        return;
    }
    if (!eg->nonempty) {
        eg->ov = 0;
        m->eg_out &= ~bit;
        m->eg_busy &= ~bit;
        return;
    }
    unsigned p = fo_rr_pick(eg->nonempty, eg->rr, m->p.nports);
    unsigned s = eg->q[p * S + eg->qhead[p]];
    eg->qhead[p] = (uint8_t)(eg->qhead[p] + 1u == S ? 0u : eg->qhead[p] + 1u);
    if (--eg->qcount[p] == 0)
        eg->nonempty &= ~((uint64_t)1 << p);
    eg->rr = p;
    uint64_t h = m->in[p].slots[s].hdr;
    eg->ov = 1;
    m->eg_out |= bit;
    eg->ohdr = 1;
    eg->olast = 0;
    eg->oword = fo_hdr_with_src(h, p);
    eg->clen = (uint16_t)FO_HDR_LEN(h);
    eg->cidx = 0;
    if (eg->clen == 0) {
        final_load(m, eg, e, p, s);
    } else {
        eg->active = 1;
        eg->cp = (uint8_t)p;
        eg->cs = (uint8_t)s;
    }
}

/* The egresses of eg_mid whose copy's last flit loads in this cycle: none
 * before eg_next_due, which this scan makes exact again. */
static void mid_due(fo_model *m)
{
    uint64_t next = UINT64_MAX;
    for (uint64_t w = m->eg_mid; w; w &= w - 1) {
        unsigned e = (unsigned)__builtin_ctzll(w);
        fo_egress *eg = &m->out[e];
        if (eg->due == m->cycle) {
            eg->cidx = eg->clen;
            eg->active = 0;
            m->eg_mid &= ~((uint64_t)1 << e);
            final_load(m, eg, e, eg->cp, eg->cs);
        } else if (eg->due < next) {
            next = eg->due;
        }
    }
    m->eg_next_due = next;
}

/* Egresses in the middle of a copy (eg_mid: a payload flit out that is not
 * the last) show only out_valid and load the next payload flit when it is
 * taken: most busy egresses in most cycles.  Their work is counted, not
 * done: a stalled one's last flit comes a cycle later, and one whose last
 * flit is due loads it (mid_due).  The other egresses with something to do
 * (eg_busy) show the output register, and load it again where it is empty
 * or its flit is taken. */
void fo_egress_step(fo_model *m, const fo_inputs *in, fo_outputs *out)
{
    uint64_t ready = in->out_ready, mid = m->eg_mid;
    out->out_valid = m->eg_out;
    for (uint64_t w = mid & ~ready; w; w &= w - 1)
        m->out[__builtin_ctzll(w)].due++;
    if (mid && m->cycle >= m->eg_next_due)
        mid_due(m);
    for (uint64_t w = m->eg_busy & ~mid; w; w &= w - 1) {
        unsigned e = (unsigned)__builtin_ctzll(w);
        fo_egress *eg = &m->out[e];
        uint64_t bit = (uint64_t)1 << e;
        if (eg->ov) {
            if (!(ready & bit)) {
                if (eg->ohdr) {
                    out->out_sop |= bit;
                    out->out_hdr[e] = eg->oword;
                }
                continue;
            }
            if (eg->ohdr) {
                out->out_sop |= bit;
                out->out_hdr[e] = eg->oword;
                fo_ev_add(out, FO_EV_OUT, e)->word = eg->oword;
            }
            if (eg->olast) {
                fo_ev_add(out, FO_EV_OUTEND, e)->crc = eg->ocrc;
                eg->olast = 0;
            }
        }
        load_next(m, eg, e);
    }
}
