/* payload_buf.c -- the payload buffer of each ingress port: SLOTS slots of
 * one packet each, allocated at the header, shared by every copy, freed when
 * the pending-copy bitmap (the reference count) reaches zero. */
#include "internal.h"
#include <zlib.h>

/* The lowest slot that was free at the start of the cycle, or -1.  Slots
 * freed during this cycle are seen only from the next one, as in the RTL. */
int fo_slot_alloc(fo_model *m, unsigned p, uint64_t hdr)
{
    uint64_t freem = m->free_start[p];
    if (!freem)
        return -1;
    unsigned s = (unsigned)__builtin_ctzll(freem);
    fo_ingress *in = &m->in[p];
    in->busy |= (uint64_t)1 << s;
    m->free_start[p] &= ~((uint64_t)1 << s);
    in->slots[s].hdr = hdr;
    in->slots[s].pend = 0;
    in->slots[s].crc = 0;
    return (int)s;
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

void fo_slot_free(fo_model *m, unsigned p, unsigned s)
{
    m->in[p].busy &= ~((uint64_t)1 << s);
}

void fo_slot_release(fo_model *m, unsigned p, unsigned s, unsigned e)
{
    fo_slot *sl = &m->in[p].slots[s];
    if (!(sl->pend >> e & 1))   /* the reference count would go below zero */
        fo_fault(m, "refcount_underflow", "egress %u releases slot (%u,%u) it holds no copy of", e, p, s);
    sl->pend &= ~((uint64_t)1 << e);
    if (!sl->pend)
        fo_slot_free(m, p, s);
}
