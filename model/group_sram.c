/* group_sram.c -- stage 2: the lookup FIFOs, the lookup engines and the group
 * table (docs/microarchitecture.md, stage 2).
 *
 * Engine g (g = port mod LOOKUPS) serves its ports with its own copy of the
 * table: one multicast read per cycle, round-robin among its requesting
 * ports; engines are independent.  Every commit writes every copy in the
 * same cycle, so all copies always hold the same words and the model keeps
 * one array for all of them.
 *
 * The RTL reads a copy with SRAM_LAT cycles of latency; the model reads the
 * word at the cycle the read is issued and carries it down the lookup
 * pipeline, which gives the same result: a read issued at t sees the writes
 * of cycles < t (the config engine writes after the lookups in switch.c). */
#include "internal.h"

uint64_t fo_sram_read(const fo_model *m, unsigned gid) { return m->table[gid]; }
void fo_sram_write(fo_model *m, unsigned gid, uint64_t word) { m->table[gid] = word; }

/* The parser took a data header into slot s: the slot joins p's FIFO. */
void fo_lookup_push(fo_model *m, unsigned p, unsigned s)
{
    fo_ingress *in = &m->in[p];
    unsigned S = m->p.slots, tail = in->fhead + in->fcount;
    if (in->fcount >= S) {              /* one entry per slot: cannot happen */
        fo_fault(m, "fifo_overflow", "port %u: lookup FIFO push when full", p);
        return;
    }
    in->fifo[tail >= S ? tail - S : tail] = (uint8_t)s;
    in->fcount++;
    m->lkp_busy |= (uint64_t)1 << p;
}

/* Port p's config op was granted: its next lookups wait for the commit. */
void fo_lookup_hold(fo_model *m, unsigned p)
{
    m->in[p].hold = m->L;
    m->lkp_busy |= (uint64_t)1 << p;
}

/* Every packet port p took before this cycle has had its lookup issued by
 * the end of this cycle's lookup step: its FIFO was empty at the start of the
 * cycle, or its one entry issued in this cycle (a read issued at t sees only
 * writes of cycles < t, so a config op granted at t cannot overtake it).  The
 * parser's in-band request waits for this; run after fo_lookup_step and
 * before p's own push of this cycle, when both cases leave the FIFO empty. */
int fo_lookup_drained(const fo_model *m, unsigned p)
{
    return m->in[p].fcount == 0;
}

static void issue(fo_model *m, unsigned p, unsigned idx, uint64_t word)
{
    fo_ingress *in = &m->in[p];
    in->pipe[idx] = (fo_lkp){ 1, in->fifo[in->fhead], word };
    m->lkp_valid[idx] |= (uint64_t)1 << p;
    if (++in->fhead == m->p.slots)
        in->fhead = 0;
    if (--in->fcount == 0)              /* not holding: the caller saw to it */
        m->lkp_busy &= ~((uint64_t)1 << p);
}

/* Issue one entry per port from its lookup FIFO into the lookup pipeline;
 * multicast entries compete for their engine's read port, round-robin.  The
 * hold counters count down here (a grant later this cycle sets them).  The
 * pipeline entry of this cycle was read by the replicator before this step:
 * it is refilled here. */
void fo_lookup_step(fo_model *m)
{
    unsigned n = m->p.nports, idx = m->idx;
    uint64_t mcreq = 0;

    for (uint64_t w = m->lkp_valid[idx]; w; w &= w - 1)
        m->in[__builtin_ctzll(w)].pipe[idx].valid = 0;
    m->lkp_valid[idx] = 0;
    for (uint64_t w = m->lkp_busy; w; w &= w - 1) {
        unsigned p = (unsigned)__builtin_ctzll(w);
        fo_ingress *in = &m->in[p];
        if (in->hold) {
            if (--in->hold == 0 && !in->fcount)
                m->lkp_busy &= ~((uint64_t)1 << p);
            continue;
        }
        if (!in->fcount) {              /* cannot happen: the mask is kept with fcount */
            m->lkp_busy &= ~((uint64_t)1 << p);
            continue;
        }
        unsigned s = in->fifo[in->fhead];
        if (FO_HDR_KIND(in->slots[s].hdr) == FO_KIND_MULTICAST)
            mcreq |= (uint64_t)1 << p;
        else
            issue(m, p, idx, 0);
    }
    while (mcreq) {
        unsigned g = fo_lookup_engine(&m->p, (unsigned)__builtin_ctzll(mcreq));
        uint64_t mine = m->engine_ports[g];
        unsigned p = fo_rr_pick(mcreq & mine, m->lookup_rr[g], n);
        fo_ingress *in = &m->in[p];
        issue(m, p, idx, fo_sram_read(m, FO_HDR_DST(in->slots[in->fifo[in->fhead]].hdr)));
        m->lookup_rr[g] = p;
        mcreq &= ~mine;
    }
}
