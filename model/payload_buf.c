/* payload_buf.c -- the payload buffer of each ingress port: SLOTS slots of
 * one packet each (its header register and payload words), written by the
 * parser, read by every copy.  Which slots are free is the replicator's
 * (replicator.c), as in the RTL. */
#include "internal.h"
#include <zlib.h>

/* The parser took a data header into slot s (allocated by the replicator). */
void fo_slot_hdr(fo_model *m, unsigned p, unsigned s, uint64_t hdr)
{
    m->in[p].slots[s].hdr = hdr;
    m->in[p].slots[s].crc = 0;
}

/* A port writes one packet at a time, so its flits are gathered and the crc
 * is taken once, over the whole payload, when the last one is written: the
 * same value as a crc updated flit by flit, at a fraction of the cost (one
 * zlib call per packet instead of one per flit), and complete at the same
 * point, since no copy reads its last flit before that flit is written. */
void fo_slot_write(fo_model *m, unsigned p, unsigned s, uint64_t flit)
{
    fo_ingress *in = &m->in[p];
    fo_slot *sl = &in->slots[s];
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    flit = __builtin_bswap64(flit);     /* the crc is over little-endian bytes (SPEC 6) */
#endif
    in->pay[in->npay++] = flit;
    if (in->npay == FO_HDR_LEN(sl->hdr)) {
        sl->crc = (uint32_t)crc32(0L, (const Bytef *)in->pay, (uInt)(8u * in->npay));
        in->npay = 0;
    }
}
