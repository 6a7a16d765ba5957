/* payload_buf.c -- the cell buffer of each ingress port (docs/
 * microarchitecture.md, "Payload buffer"): cells of FO_CELL_FLITS flits in
 * one SRAM per read copy, written by the parser, read by the egresses of
 * each copy through its read port, one cell per cycle, round-robin.  The
 * model keeps what timing depends on: the cells not reserved (cavail), the
 * cells of each packet written so far (wcnt), and each copy's round-robin
 * pointer; and what the trace shows, the header and the payload crc.  Which
 * slots are free is the replicator's (replicator.c), as in the RTL. */
#include "internal.h"

/* Cells of a packet of len payload flits: its len + 1 flits, header first. */
unsigned fo_cells_of(unsigned len) { return len / FO_CELL_FLITS + 1; }

/* Of the n cells of slot s, those in bank b: cell k is in bank (s + k) mod 2,
 * so that one-cell packets use both banks. */
unsigned fo_cells_in_bank(unsigned s, unsigned n, unsigned b)
{
    return ((s + b) & 1) ? n / 2 : (n + 1) / 2;
}

/* Port p can take a header of len payload flits into slot s: both banks
 * have its cells free (as at the start of the cycle). */
int fo_cells_free(const fo_model *m, unsigned p, unsigned s, unsigned len)
{
    unsigned n = fo_cells_of(len);
    for (unsigned b = 0; b < FO_BANKS; b++)
        if (m->in[p].cavail[b] < fo_cells_in_bank(s, n, b))
            return 0;
    return 1;
}

/* The parser took a data header into slot s (allocated by the replicator):
 * the packet's cells are reserved.  When the header is the packet's only
 * flit, its cell is written in the next cycle (fo_buf_write_step), not in
 * this one: the RTL's cell write then starts from registers, not from the
 * ingress pins through the header's judgement and the slot pick (issue 13,
 * logic depth).  No flit of the port can complete a cell in that next
 * cycle (the parser is idle: its flit is a header), so the writes never
 * meet. */
void fo_slot_hdr(fo_model *m, unsigned p, unsigned s, uint64_t hdr)
{
    fo_ingress *in = &m->in[p];
    fo_slot *sl = &in->slots[s];
    unsigned len = FO_HDR_LEN(hdr);
    sl->hdr = hdr;
    sl->crc = 0;
    sl->gen++;
    sl->ncells = (uint8_t)fo_cells_of(len);
    sl->wcnt = 0;
    for (unsigned b = 0; b < FO_BANKS; b++) {
        unsigned need = fo_cells_in_bank(s, sl->ncells, b);
        if (in->cavail[b] < need) {     /* ready promised the cells */
            fo_fault(m, "cell_overflow", "port %u bank %u: %u cells reserved, %u free", p, b, need,
                     in->cavail[b]);
            need = in->cavail[b];
        }
        in->cavail[b] -= need;
    }
    in->wdone &= ~((uint64_t)1 << s);
    if (len == 0) {
        in->hcw = (uint8_t)(s + 1);
        m->hcw_busy |= (uint64_t)1 << p;
    }
}

/* The cell of a 1-flit packet whose header was taken in the last cycle is
 * written: counted, and the packet's flits are all written (both seen from
 * the next cycle, as every cell write). */
void fo_buf_write_step(fo_model *m)
{
    for (uint64_t w = m->hcw_busy; w; w &= w - 1) {
        fo_ingress *in = &m->in[__builtin_ctzll(w)];
        unsigned s = in->hcw - 1u;
        in->slots[s].wcnt = 1;
        in->wdone |= (uint64_t)1 << s;
        in->hcw = 0;
    }
    m->hcw_busy = 0;
}

/* Read grants: per port p, read copy r (the egresses r*FO_COPY_EGRESS ..
 * +FO_COPY_EGRESS-1) and bank b, one of the egresses of the copy that ask
 * for a cell of p in bank b (req[b]), round-robin after the last one
 * granted there; with it, every other one asking for the same cell. */
void fo_buf_arbitrate(fo_model *m, const uint64_t *req, uint64_t *grant)
{
    for (unsigned b = 0; b < FO_BANKS; b++) {
        uint64_t left = req[b];
        grant[b] = 0;
        while (left) {
            unsigned e0 = (unsigned)__builtin_ctzll(left), r = e0 / FO_COPY_EGRESS;
            unsigned p = m->out[e0].ask[b].p;
            uint64_t same = 0;
            for (uint64_t w = left; w; w &= w - 1) {
                unsigned e = (unsigned)__builtin_ctzll(w);
                if (e / FO_COPY_EGRESS == r && m->out[e].ask[b].p == p)
                    same |= (uint64_t)1 << e;
            }
            left &= ~same;
            unsigned e = fo_rr_pick(same, m->in[p].rd_rr[r][b], m->p.nports);
            m->in[p].rd_rr[r][b] = e;
            /* the word read serves every egress of the copy that asks for
             * the same cell (the copies of a multicast leave together) */
            const struct fo_ask *w0 = &m->out[e].ask[b];
            unsigned served = 0;
            for (uint64_t w = same; w; w &= w - 1) {
                const struct fo_ask *a = &m->out[__builtin_ctzll(w)].ask[b];
                if (a->s == w0->s && a->k == w0->k) {
                    grant[b] |= w & -w;
                    served++;
                }
            }
            m->merged |= served > 1;
        }
    }
}

/* The crc32 of the trace (zlib's: reflected 0xedb88320, SPEC 6) taken 8
 * bytes a step, one payload flit, by 8 tables (slicing-by-8): T[0] the
 * byte table, T[k] a byte followed by k zero bytes. */
void fo_payload_init(fo_model *m)
{
    for (unsigned i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1)));
        m->crc_tab[0][i] = c;
    }
    for (unsigned i = 0; i < 256; i++)
        for (unsigned k = 1; k < 8; k++) {
            uint32_t c = m->crc_tab[k - 1][i];
            m->crc_tab[k][i] = (c >> 8) ^ m->crc_tab[0][c & 0xff];
        }
}

/* A port writes one packet at a time, so the crc of its payload is taken
 * flit by flit in one register per port, over the flit's bytes in
 * little-endian order (SPEC 6), and latched into the slot with the last
 * flit: the value the trace shows, complete at the point where no copy has
 * read that last flit yet. */
void fo_slot_write(fo_model *m, unsigned p, unsigned s, uint64_t flit)
{
    fo_ingress *in = &m->in[p];
    fo_slot *sl = &in->slots[s];
    const uint32_t (*t)[256] = m->crc_tab;
    uint32_t c = (in->npay ? in->pcrc : 0xffffffffu) ^ (uint32_t)flit, h = (uint32_t)(flit >> 32);
    c = t[7][c & 0xff] ^ t[6][(c >> 8) & 0xff] ^ t[5][(c >> 16) & 0xff] ^ t[4][c >> 24] ^
        t[3][h & 0xff] ^ t[2][(h >> 8) & 0xff] ^ t[1][(h >> 16) & 0xff] ^ t[0][h >> 24];
    in->pcrc = c;
    unsigned f = ++in->npay;            /* the flit's index in the packet (header 0) */
    if (f == FO_HDR_LEN(sl->hdr)) {
        sl->crc = ~c;
        sl->wcnt++;
        in->wdone |= (uint64_t)1 << s;
        in->npay = 0;
    } else if (f % FO_CELL_FLITS == FO_CELL_FLITS - 1) {
        sl->wcnt++;
    }
}
