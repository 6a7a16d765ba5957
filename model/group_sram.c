/* group_sram.c -- the group table and its data read port.
 *
 * The RTL reads the SRAM with SRAM_LAT cycles of latency; the model reads the
 * word at the cycle the read is issued and carries it down the lookup
 * pipeline, which gives the same result: a read issued at t sees the writes
 * of cycles < t (the config engine writes after the lookups in switch.c). */
#include "internal.h"

uint64_t fo_sram_read(const fo_model *m, unsigned gid) { return m->table[gid]; }
void fo_sram_write(fo_model *m, unsigned gid, uint64_t word) { m->table[gid] = word; }

/* Issue one entry per port from its lookup FIFO into the lookup pipeline;
 * multicast entries compete for the one data read port, round-robin. */
void fo_lookup_step(fo_model *m)
{
    unsigned n = m->p.nports, idx = (unsigned)(m->cycle % m->L);
    uint64_t mcreq = 0;

    for (unsigned p = 0; p < n; p++) {
        fo_ingress *in = &m->in[p];
        in->pipe[idx].valid = 0;
        if (!m->fcount_start[p] || in->hold)
            continue;
        unsigned s = in->fifo[in->fhead];
        if (FO_HDR_KIND(in->slots[s].hdr) == FO_KIND_MULTICAST) {
            mcreq |= (uint64_t)1 << p;
            continue;
        }
        in->pipe[idx] = (fo_lkp){ 1, (uint8_t)s, 0 };
        in->fhead = (in->fhead + 1) % m->p.slots;
        in->fcount--;
    }
    if (!mcreq)
        return;
    unsigned p = fo_rr_pick(mcreq, m->lookup_rr, n);
    fo_ingress *in = &m->in[p];
    unsigned s = in->fifo[in->fhead];
    in->pipe[idx] = (fo_lkp){ 1, (uint8_t)s, fo_sram_read(m, FO_HDR_DST(in->slots[s].hdr)) };
    in->fhead = (in->fhead + 1) % m->p.slots;
    in->fcount--;
    m->lookup_rr = p;
}
