/* egress_queue.c -- the egress side of each port (docs/microarchitecture.md,
 * stage 4): queues (e, p) of slot numbers, the reader that asks for a
 * packet's cells from its ingress port's buffer copy (one read per bank
 * outstanding), the staging cells, and the output register that streams each
 * copy out, one flit per cycle, whole packets, back to back. */
#include "internal.h"

/* Queue (e, p) gets slot s (the replicator's delay line delivers it). */
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

/* Index of staging entry i after the head (i <= FO_STAGE_CELLS): a subtraction,
 * not a % by 6, which this, the model's most frequent index, spent its time on.
 * (check.c keeps its %: it reads state that may be corrupt.) */
static unsigned stage_idx(const fo_egress *eg, unsigned i)
{
    unsigned j = eg->sh + i;
    return j >= FO_STAGE_CELLS ? j - FO_STAGE_CELLS : j;
}

static fo_cell *stage_at(fo_egress *eg, unsigned i) { return &eg->stg[stage_idx(eg, i)]; }

static void pop_stage(fo_egress *eg)
{
    eg->sh = (uint8_t)stage_idx(eg, 1);
    eg->sc--;
}

/* The copy's last flit is loaded for output. */
static void last_flit(fo_model *m, fo_egress *eg, const fo_cell *c)
{
    eg->olast = 1;
    eg->ocrc = c->crc;
    eg->active = 0;
    m->copies_done++;
    pop_stage(eg);
}

/* A packet may start (its header be loaded) once its first two cells are
 * staged, or its only one: every later cell is then read in time (docs/
 * microarchitecture.md, stage 4, "why the output waits for two cells"). */
static int may_start(fo_egress *eg)
{
    const fo_cell *c = stage_at(eg, 0);
    if (!eg->sc || c->state != FO_CELL_FULL || c->k != 0)
        return 0;
    return c->last || (eg->sc > 1 && stage_at(eg, 1)->state == FO_CELL_FULL);
}

/* Load the output register of egress e: the next flit of its copy from the
 * staging cell at the head, or the header of the next copy, or nothing. */
static void load_next(fo_model *m, fo_egress *eg, unsigned e)
{
    uint64_t bit = (uint64_t)1 << e;
    const fo_cell *c = stage_at(eg, 0);
    if (eg->active) {
        unsigned f = eg->cidx + 1u;     /* the flit's index in the packet */
        if (!eg->sc || c->state != FO_CELL_FULL || c->k != f / FO_CELL_FLITS)
            fo_fault(m, "egress_underrun", "egress %u: flit %u of (%u,%u) not staged", e, f, eg->cp, eg->cs);
        eg->ohdr = 0;
        eg->cidx = (uint16_t)f;
        if (f == eg->clen)
            last_flit(m, eg, c);
        else if (f % FO_CELL_FLITS == FO_CELL_FLITS - 1)
            pop_stage(eg);
        return;
    }
    if (!may_start(eg)) {
        eg->ov = 0;
        m->eg_out &= ~bit;
        return;
    }
    eg->ov = 1;
    m->eg_out |= bit;
    eg->ohdr = 1;
    eg->olast = 0;
    eg->oword = fo_hdr_with_src(c->hdr, c->p);
    eg->clen = (uint16_t)FO_HDR_LEN(c->hdr);
    eg->cidx = 0;
    eg->cp = c->p;
    eg->cs = c->s;
    eg->cgen = c->gen;
    if (eg->clen == 0)
        last_flit(m, eg, c);
    else
        eg->active = 1;
}

/* The output register of egress e: its flit leaves when ready, and it loads
 * again where it is empty or its flit left. */
static void output(fo_model *m, fo_egress *eg, unsigned e, uint64_t ready, fo_outputs *out)
{
    uint64_t bit = (uint64_t)1 << e;
    if (eg->ov) {
        if (eg->ohdr) {
            out->out_sop |= bit;
            out->out_hdr[e] = eg->oword;
        }
        if (!(ready & bit))
            return;
        if (eg->ohdr)
            fo_ev_add(out, FO_EV_OUT, e)->word = eg->oword;
        if (eg->olast) {
            fo_ev_add(out, FO_EV_OUTEND, e)->crc = eg->ocrc;
            eg->olast = 0;
        }
    }
    load_next(m, eg, e);
}

/* A granted read of bank b: the cell is copied into its staging entry (it
 * arrives in the next cycle).  The copy is done with the slot when its last
 * cell and the one before (the other bank) are read: the grant that comes
 * second releases it. */
static void granted(fo_model *m, fo_egress *eg, unsigned e, unsigned b)
{
    struct fo_ask *a = &eg->ask[b], *o = &eg->ask[b ^ 1];
    const fo_slot *sl = &m->in[a->p].slots[a->s];
    fo_cell *c = &eg->stg[a->pos];
    c->state = FO_CELL_READ;
    c->hdr = sl->hdr;
    c->crc = sl->crc;
    c->gen = sl->gen;
    a->valid = 0;
    if (!a->fin)
        return;
    if (o->valid && o->p == a->p && o->s == a->s) {
        o->fin = 1;
        o->lpos = a->lpos;
        return;
    }
    fo_slot_release(m, a->p, a->s, e);
    eg->stg[a->lpos].rel = 1;
}

/* Ask for the reader's next cell in its bank, if that bank has no read
 * outstanding, the cell is written and staging has room (*room: entries
 * free as at the start of the cycle, less the ones asked for since). */
static int ask(fo_model *m, fo_egress *eg, unsigned *room)
{
    unsigned b = (eg->rs + eg->rk) & 1;
    struct fo_ask *a = &eg->ask[b];
    if (a->valid || !*room || m->in[eg->rp].slots[eg->rs].wcnt <= eg->rk)
        return 0;
    unsigned pos = stage_idx(eg, eg->sc), last = eg->rk + 1u == eg->rn;
    eg->stg[pos] = (fo_cell){ FO_CELL_ASKED, eg->rp, eg->rs, eg->rk, (uint8_t)last, 0, 0, 0, 0 };
    *a = (struct fo_ask){ 1, eg->rp, eg->rs, eg->rk, (uint8_t)pos, (uint8_t)last, (uint8_t)pos };
    eg->sc++;
    eg->rk++;
    (*room)--;
    return 1;
}

/* The reader after the read grants: the cells read in the last cycle are
 * staged; granted reads done; the reader's packet asks for up to two
 * cells, in order, one per bank; a reader whose packet has asked for all its
 * cells (or that had none) takes the next queue entry, round-robin among the
 * non-empty queues, and asks from the next cycle. */
static void reader(fo_model *m, fo_egress *eg, unsigned e, const uint64_t *grant, unsigned sc0)
{
    uint64_t bit = (uint64_t)1 << e;
    /* every entry, as the RTL's loop: one outside the ring is never READ (a cell
     * is READ for one cycle, and leaves the ring only when FULL) */
    for (unsigned i = 0; i < FO_STAGE_CELLS; i++)
        if (eg->stg[i].state == FO_CELL_READ)
            eg->stg[i].state = FO_CELL_FULL;
    for (unsigned b = 0; b < FO_BANKS; b++)
        if (grant[b] & bit)
            granted(m, eg, e, b);
    if (eg->rv) {
        unsigned room = FO_STAGE_CELLS - sc0;
        if (ask(m, eg, &room) && eg->rk < eg->rn)
            ask(m, eg, &room);
        if (eg->rk == eg->rn)
            eg->rv = 0;
    }
    if (!eg->rv && eg->nonempty) {
        unsigned S = m->p.slots, p = fo_rr_pick(eg->nonempty, eg->rr, m->p.nports);
        unsigned s = eg->q[p * S + eg->qhead[p]];
        eg->qhead[p] = (uint8_t)(eg->qhead[p] + 1u == S ? 0u : eg->qhead[p] + 1u);
        if (--eg->qcount[p] == 0)
            eg->nonempty &= ~((uint64_t)1 << p);
        eg->rr = p;
        eg->rv = 1;
        eg->rp = (uint8_t)p;
        eg->rs = (uint8_t)s;
        eg->rk = 0;
        eg->rn = m->in[p].slots[s].ncells;
    }
    if (!(eg->rv | eg->sc | eg->ov | eg->active | eg->ask[0].valid | eg->ask[1].valid) && !eg->nonempty)
        m->eg_busy &= ~bit;
}

/* One cycle of every busy egress: the read requests (state at the start of
 * the cycle), the output registers, the read grants, then the readers. */
void fo_egress_step(fo_model *m, const fo_inputs *in, fo_outputs *out)
{
    uint64_t ready = in->out_ready, req[FO_BANKS] = { 0 }, grant[FO_BANKS];
    unsigned sc0[FO_MAX_PORTS];
    out->out_valid = m->eg_out;
    for (uint64_t w = m->eg_busy; w; w &= w - 1) {
        unsigned e = (unsigned)__builtin_ctzll(w);
        for (unsigned b = 0; b < FO_BANKS; b++)
            if (m->out[e].ask[b].valid)
                req[b] |= (uint64_t)1 << e;
        sc0[e] = m->out[e].sc;
    }
    for (uint64_t w = m->eg_busy; w; w &= w - 1) {
        unsigned e = (unsigned)__builtin_ctzll(w);
        output(m, &m->out[e], e, ready, out);
    }
    fo_buf_arbitrate(m, req, grant);
    if (m->coverage && ((req[0] & ~grant[0]) | (req[1] & ~grant[1])))
        out->cov |= FO_COV_READ_WAIT;
    if (m->coverage && m->merged)
        out->cov |= FO_COV_READ_MERGED;
    m->merged = 0;
    for (uint64_t w = m->eg_busy; w; w &= w - 1) {
        unsigned e = (unsigned)__builtin_ctzll(w);
        reader(m, &m->out[e], e, grant, sc0[e]);
    }
}
