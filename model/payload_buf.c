/* payload_buf.c -- the payload buffer of each ingress port: SLOTS slots of
 * one packet each (its header register and payload words), written by the
 * parser, read by every copy.  Which slots are free is the replicator's
 * (replicator.c), as in the RTL. */
#include "internal.h"

/* The parser took a data header into slot s (allocated by the replicator). */
void fo_slot_hdr(fo_model *m, unsigned p, unsigned s, uint64_t hdr)
{
    m->in[p].slots[s].hdr = hdr;
    m->in[p].slots[s].crc = 0;
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
    if (++in->npay == FO_HDR_LEN(sl->hdr)) {
        sl->crc = ~c;
        in->npay = 0;
    }
}
