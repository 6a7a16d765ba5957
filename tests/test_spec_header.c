/* test_spec_header.c -- SPEC section 4 end to end: the header flit, every
 * drop reason and its precedence, dropped payloads consumed, src overwritten
 * on every copy, the crc. */
#include "tb.h"

static uint64_t hdr_full(unsigned kind, unsigned xsrc, unsigned src, unsigned op, unsigned rsvd,
                         unsigned dst, unsigned len, unsigned tag)
{
    return ((uint64_t)kind << 62) | ((uint64_t)xsrc << 61) | ((uint64_t)src << 55) | ((uint64_t)op << 52) |
           ((uint64_t)rsvd << 48) | ((uint64_t)dst << 32) | ((uint64_t)len << 24) | tag;
}

/* One packet on port 1 of a 4-port, 1024-group switch (group 5 = {0, 2}). */
static void expect_one(uint64_t hdr, const uint64_t *flits, int reason)
{
    tb *b = tb_new_default(4, 1024, 4, 2);
    tb_command(b, 0, FO_OP_WRITE, 5, 0x5);
    int k = tb_send(b, 1, 5, hdr, flits);
    tb_run(b, 2000);
    if (reason >= 0) {
        tb_expect_drop(b, k, (unsigned)reason);
        assert_int_equal(b->ncom, 1);              /* a dropped config packet never commits */
    }
    tb_free(b);
}

static void test_drop_reason_kind(void **state)
{
    (void)state;
    expect_one(hdr_full(3, 0, 0, 0, 0, 0, 0, 1), NULL, FO_DROP_KIND);
    expect_one(hdr_full(3, 0, 0, 0, 0, 1, 3, 2), NULL, FO_DROP_KIND);
}

static void test_drop_reason_rsvd(void **state)
{
    (void)state;
    const uint64_t one = 1, bm = 0x1;
    for (unsigned r = 1; r < 16; r++) {                 /* rsvd bits, every kind */
        expect_one(hdr_full(0, 0, 0, 0, r, 2, 0, r), NULL, FO_DROP_RSVD);
        expect_one(hdr_full(1, 0, 0, 0, r, 5, 0, r), NULL, FO_DROP_RSVD);
        expect_one(hdr_full(2, 0, 0, 0, r, 5, 1, r), &bm, FO_DROP_RSVD);
    }
    for (unsigned op = 1; op < 8; op++) {               /* op bits on kinds 0 and 1 */
        expect_one(hdr_full(0, 0, 0, op, 0, 2, 0, op), NULL, FO_DROP_RSVD);
        expect_one(hdr_full(1, 0, 0, op, 0, 5, 0, op), NULL, FO_DROP_RSVD);
    }
    for (unsigned op = 4; op < 8; op++) {               /* ops 4..7 */
        expect_one(hdr_full(2, 0, 0, op, 0, 5, 1, op), &one, FO_DROP_RSVD);
        expect_one(hdr_full(2, 0, 0, op, 0, 5, 0, op), NULL, FO_DROP_RSVD);
    }
    for (unsigned op = 0; op < 4; op++)                 /* xsrc on kind 2 */
        expect_one(hdr_full(2, 1, 0, op, 0, 5, op == 3 ? 0 : 1, op), op == 3 ? NULL : &one, FO_DROP_RSVD);
}

static void test_drop_reason_port(void **state)
{
    (void)state;
    for (unsigned d = 4; d < 65536; d = d * 3 + 1)      /* unicast dst >= nports */
        expect_one(hdr_full(0, 0, 0, 0, 0, d, 2, d & 0xffff), NULL, FO_DROP_PORT);
    const uint64_t ports[] = { 4, 5, 63, 64, 1ULL << 32, ~0ULL };
    for (unsigned i = 0; i < 6; i++) {                  /* config add/remove port >= nports */
        expect_one(hdr_full(2, 0, 0, FO_OP_ADD, 0, 5, 1, i), &ports[i], FO_DROP_PORT);
        expect_one(hdr_full(2, 0, 0, FO_OP_REMOVE, 0, 5, 1, i), &ports[i], FO_DROP_PORT);
    }
    for (unsigned bit = 4; bit < 64; bit++) {           /* write bitmap bits >= nports */
        uint64_t bm = 0x3 | (1ULL << bit);
        expect_one(hdr_full(2, 0, 0, FO_OP_WRITE, 0, 5, 1, bit), &bm, FO_DROP_PORT);
    }
    /* and nothing changed: group 5 still {0, 2} */
    tb *b = tb_new_default(4, 1024, 4, 2);
    tb_command(b, 0, FO_OP_WRITE, 5, 0x5);
    uint64_t bad = 0x10, port = 9;
    int a = tb_send(b, 1, 3, hdr_full(2, 0, 0, FO_OP_WRITE, 0, 5, 1, 1), &bad);
    int c = tb_send(b, 1, 3, hdr_full(2, 0, 0, FO_OP_ADD, 0, 5, 1, 2), &port);
    int m = tb_send(b, 1, 3, hdr_full(1, 0, 0, 0, 0, 5, 0, 3), NULL);
    tb_run(b, 1000);
    tb_expect_drop(b, a, FO_DROP_PORT);
    tb_expect_drop(b, c, FO_DROP_PORT);
    tb_expect_copies(b, m, 0x5);
    assert_int_equal(fo_model_group(b->m, 5), 0x5);
    tb_free(b);
}

static void test_drop_reason_group(void **state)
{
    (void)state;
    const uint64_t one = 1;
    for (unsigned g = 1024; g < 65536; g = g * 2 + 1) {
        expect_one(hdr_full(1, 0, 0, 0, 0, g, 3, g & 0xffff), NULL, FO_DROP_GROUP);
        expect_one(hdr_full(2, 0, 0, FO_OP_WRITE, 0, g, 1, 1), &one, FO_DROP_GROUP);
        expect_one(hdr_full(2, 0, 0, FO_OP_ADD, 0, g, 1, 2), &one, FO_DROP_GROUP);
        expect_one(hdr_full(2, 0, 0, FO_OP_REMOVE, 0, g, 1, 3), &one, FO_DROP_GROUP);
        expect_one(hdr_full(2, 0, 0, FO_OP_CLEAR, 0, g, 0, 4), NULL, FO_DROP_GROUP);
    }
    expect_one(hdr_full(1, 0, 0, 0, 0, 65535, 0, 9), NULL, FO_DROP_GROUP);
}

static void test_drop_reason_len(void **state)
{
    (void)state;
    uint64_t f[255];
    for (unsigned i = 0; i < 255; i++)
        f[i] = 1;
    for (unsigned op = 0; op < 3; op++) {               /* write/add/remove: len 1 only */
        expect_one(hdr_full(2, 0, 0, op, 0, 5, 0, op), NULL, FO_DROP_LEN);
        expect_one(hdr_full(2, 0, 0, op, 0, 5, 2, op), f, FO_DROP_LEN);
        expect_one(hdr_full(2, 0, 0, op, 0, 5, 255, op), f, FO_DROP_LEN);
    }
    expect_one(hdr_full(2, 0, 0, FO_OP_CLEAR, 0, 5, 1, 3), f, FO_DROP_LEN);   /* clear: len 0 only */
    expect_one(hdr_full(2, 0, 0, FO_OP_CLEAR, 0, 5, 200, 3), f, FO_DROP_LEN);
}

static void test_drop_reason_empty(void **state)
{
    (void)state;
    tb *b = tb_new_default(8, 1024, 4, 2);
    tb_command(b, 0, FO_OP_WRITE, 1, 1ULL << 3);        /* only member: port 3 */
    tb_command(b, 0, FO_OP_WRITE, 2, 0xff);
    tb_command(b, 0, FO_OP_CLEAR, 2, 0);                /* written, then cleared */
    int a = tb_send(b, 3, 5, hdr_full(0, 1, 0, 0, 0, 3, 4, 1), NULL);   /* unicast to self, xsrc */
    int c = tb_send(b, 4, 5, hdr_full(1, 0, 0, 0, 0, 9, 4, 2), NULL);   /* never-written group */
    int d = tb_send(b, 5, 5, hdr_full(1, 0, 0, 0, 0, 2, 0, 3), NULL);   /* cleared group */
    int e = tb_send(b, 3, 5, hdr_full(1, 1, 0, 0, 0, 1, 7, 4), NULL);   /* only member is sender, xsrc */
    /* not empty: the same without xsrc */
    int f = tb_send(b, 3, 5, hdr_full(0, 0, 0, 0, 0, 3, 4, 5), NULL);
    int g = tb_send(b, 3, 5, hdr_full(1, 0, 0, 0, 0, 1, 7, 6), NULL);
    tb_run(b, 1000);
    tb_expect_drop(b, a, FO_DROP_EMPTY);
    tb_expect_drop(b, c, FO_DROP_EMPTY);
    tb_expect_drop(b, d, FO_DROP_EMPTY);
    tb_expect_drop(b, e, FO_DROP_EMPTY);
    tb_expect_copies(b, f, 1u << 3);
    tb_expect_copies(b, g, 1u << 3);
    tb_free(b);
}

/* Several reasons at once: the first of kind, rsvd, port, group, len,
 * empty counts; a config header is judged before its payload. */
static void test_drop_precedence(void **state)
{
    (void)state;
    const uint64_t bad_port = 77, bad_bm = ~0ULL;
    /* kind beats everything */
    expect_one(hdr_full(3, 1, 0, 7, 15, 60000, 9, 1), NULL, FO_DROP_KIND);
    /* rsvd beats port (unicast), group (multicast), and empty */
    expect_one(hdr_full(0, 0, 0, 0, 1, 60000, 0, 2), NULL, FO_DROP_RSVD);
    expect_one(hdr_full(0, 0, 0, 3, 0, 60000, 0, 3), NULL, FO_DROP_RSVD);
    expect_one(hdr_full(1, 0, 0, 0, 8, 60000, 0, 4), NULL, FO_DROP_RSVD);
    expect_one(hdr_full(0, 1, 0, 0, 2, 1, 0, 5), NULL, FO_DROP_RSVD);          /* else empty */
    expect_one(hdr_full(1, 0, 0, 1, 0, 9, 0, 6), NULL, FO_DROP_RSVD);          /* else empty */
    /* config: rsvd beats group and len; group beats len; all beat the payload */
    expect_one(hdr_full(2, 1, 0, 0, 0, 60000, 0, 7), NULL, FO_DROP_RSVD);
    expect_one(hdr_full(2, 0, 0, 5, 0, 60000, 1, 8), &bad_port, FO_DROP_RSVD);
    expect_one(hdr_full(2, 0, 0, FO_OP_ADD, 0, 60000, 0, 9), NULL, FO_DROP_GROUP);
    expect_one(hdr_full(2, 0, 0, FO_OP_ADD, 0, 60000, 1, 10), &bad_port, FO_DROP_GROUP);  /* header first */
    expect_one(hdr_full(2, 0, 0, FO_OP_WRITE, 0, 60000, 1, 11), &bad_bm, FO_DROP_GROUP);
    expect_one(hdr_full(2, 0, 0, FO_OP_CLEAR, 0, 60000, 1, 12), &bad_port, FO_DROP_GROUP);
    expect_one(hdr_full(2, 0, 0, FO_OP_REMOVE, 0, 5, 2, 13), (uint64_t[]){ 99, 99 }, FO_DROP_LEN);
    /* unicast: port beats empty (dst >= nports with xsrc) */
    expect_one(hdr_full(0, 1, 0, 0, 0, 4, 0, 14), NULL, FO_DROP_PORT);
    /* multicast: group beats empty */
    expect_one(hdr_full(1, 1, 0, 0, 0, 5000, 0, 15), NULL, FO_DROP_GROUP);
}

/* A dropped packet's payload is taken from the port, flit after flit, and
 * never parsed as headers: payload flits that look like valid unicast
 * headers produce no acc and no copy; the next packet follows at once. */
static void test_dropped_payload_is_consumed(void **state)
{
    (void)state;
    uint64_t fake[255];
    for (unsigned i = 0; i < 255; i++)
        fake[i] = hdr_full(0, 0, 0, 0, 0, 2, 0, 0xf00000 + i);   /* each a valid header */
    const uint64_t drops[] = {
        hdr_full(3, 0, 0, 0, 0, 0, 255, 1),                     /* kind */
        hdr_full(0, 0, 0, 0, 1, 2, 17, 2),                      /* rsvd */
        hdr_full(0, 0, 0, 0, 0, 9, 3, 3),                       /* port */
        hdr_full(1, 0, 0, 0, 0, 4000, 8, 4),                    /* group */
        hdr_full(2, 0, 0, FO_OP_WRITE, 0, 5, 5, 5),             /* len */
        hdr_full(2, 0, 0, FO_OP_ADD, 0, 5, 1, 6),               /* port (payload) */
        hdr_full(1, 0, 0, 0, 0, 6, 12, 7),                      /* empty */
        hdr_full(0, 1, 0, 0, 0, 1, 30, 8),                      /* empty (unicast to self) */
    };
    for (unsigned i = 0; i < 8; i++) {
        tb *b = tb_new_default(4, 1024, 2, 2);
        uint64_t *pl = fake;
        uint64_t badport = hdr_full(0, 0, 0, 0, 0, 2, 0, 0xf00000);   /* also >= nports */
        if (i == 5)
            pl = &badport;
        int d = tb_send(b, 1, 0, drops[i], pl);
        int n = tb_send(b, 1, 0, hdr_full(0, 0, 0, 0, 0, 3, 2, 0x42), NULL);
        tb_run(b, 2000);
        unsigned len = (unsigned)(drops[i] >> 24) & 0xff;
        tb_expect_drop(b, d, i == 0 ? FO_DROP_KIND : i == 1 ? FO_DROP_RSVD : i == 2 ? FO_DROP_PORT :
                             i == 3 ? FO_DROP_GROUP : i == 4 ? FO_DROP_LEN : i == 5 ? FO_DROP_PORT :
                             FO_DROP_EMPTY);
        assert_int_equal(b->pkt[d].last_in, len);      /* every payload flit taken, back to back */
        assert_int_equal(b->pkt[n].acc, len + 1);
        tb_expect_copies(b, n, 1u << 3);
        assert_int_equal(b->flits_out[2], 0);          /* no fake header became a packet */
        tb_free(b);
    }
}

/* Every copy carries the header unchanged except src = ingress port
 * (random src, xsrc, tag, len, dst in every field). The bench compares each
 * copy's 64 bits with the sent header and src replaced. */
static void test_copy_src_overwritten_rest_unchanged(void **state)
{
    (void)state;
    tb *b = tb_new_default(64, 65536, 16, 2);
    uint64_t r = 5;
    tb_command(b, 0, FO_OP_WRITE, 65535, ~0ULL);
    tb_command(b, 0, FO_OP_WRITE, 12345, 0x8000000100000001ULL);
    int k[640];
    for (unsigned i = 0; i < 640; i++) {
        unsigned p = i % 64, src = (unsigned)(tb_rand(&r) % 64), xs = (unsigned)(tb_rand(&r) & 1);
        unsigned len = (unsigned)(tb_rand(&r) % 6), tag = (unsigned)(tb_rand(&r) & 0xffffff);
        unsigned kind = (unsigned)(tb_rand(&r) % 2), dst;
        if (kind)
            dst = tb_rand(&r) & 1 ? 65535 : 12345;
        else
            dst = (unsigned)(tb_rand(&r) % 64);
        k[i] = tb_send(b, p, 10, hdr_full(kind, xs, src, 0, 0, dst, len, tag), NULL);
    }
    tb_run(b, 100000);
    for (unsigned i = 0; i < 640; i++) {
        const tb_pkt *q = &b->pkt[k[i]];
        unsigned dst = (unsigned)(q->hdr >> 32) & 0xffff;
        uint64_t m = (q->hdr >> 62) ? (dst == 65535 ? ~0ULL : 0x8000000100000001ULL) : 1ULL << dst;
        if (q->hdr >> 61 & 1)
            m &= ~(1ULL << q->port);
        if (m)
            tb_expect_copies(b, k[i], m);
        else
            tb_expect_drop(b, k[i], FO_DROP_EMPTY);
    }
    tb_free(b);
}

/* The crc is zlib's crc32 of the payload, each flit as 8 bytes little
 * endian: our own crc32 matches the published check values, "12345678" as
 * one flit gives 9ae0daaf, and an empty payload 00000000. */
static void test_crc_is_zlib_crc32_of_payload_le(void **state)
{
    (void)state;
    assert_int_equal(tb_crc32(0, (const unsigned char *)"123456789", 9), 0xcbf43926u);
    tb *b = tb_new_default(4, 1024, 4, 2);
    uint64_t f[3] = { 0x3837363534333231ULL, 0, ~0ULL };    /* LE bytes "12345678" */
    tb_send(b, 0, 0, hdr_full(0, 0, 0, 0, 0, 1, 1, 1), f);
    tb_send(b, 0, 0, hdr_full(0, 0, 0, 0, 0, 1, 0, 2), NULL);
    tb_send(b, 0, 0, hdr_full(0, 0, 0, 0, 0, 1, 3, 3), f);
    for (unsigned len = 0; len < 256; len += 17)
        tb_send(b, 2, 0, hdr_full(0, 0, 0, 0, 0, 3, len, 10 + len), NULL);
    assert_int_equal(b->pkt[0].crc, 0x9ae0daafu);
    assert_int_equal(b->pkt[1].crc, 0);
    tb_run(b, 10000);           /* the bench compares every crc event with its own */
    for (size_t i = 0; i < b->npkt; i++)
        assert_true(b->pkt[i].done != TB_NONE);
    tb_free(b);
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_drop_reason_kind),
    cmocka_unit_test(test_drop_reason_rsvd),
    cmocka_unit_test(test_drop_reason_port),
    cmocka_unit_test(test_drop_reason_group),
    cmocka_unit_test(test_drop_reason_len),
    cmocka_unit_test(test_drop_reason_empty),
    cmocka_unit_test(test_drop_precedence),
    cmocka_unit_test(test_dropped_payload_is_consumed),
    cmocka_unit_test(test_copy_src_overwritten_rest_unchanged),
    cmocka_unit_test(test_crc_is_zlib_crc32_of_payload_le),
};

TB_MAIN("spec_header", tests)
