/* test_replicator.c -- stage 3: one descriptor and one member bitmap become a
 * queue entry on every member in one cycle; xsrc pruning; `empty` drops; the
 * pending-copy bitmap holds the slot until the last copy has read it. */
#include "tb.h"

/* A fan-out of k is pushed in one cycle: at zero load every copy's header
 * leaves in the same cycle, acceptance + zero-load latency, for any k. */
static void test_replicator_all_copies_leave_together(void **state)
{
    (void)state;
    const unsigned ks[] = { 1, 2, 3, 8, 31, 63, 64 };
    for (unsigned L = 1; L <= 4; L++)
        for (unsigned i = 0; i < 7; i++) {
            tb *b = tb_new_default(64, 65536, 16, L);
            uint64_t members = ks[i] == 64 ? ~0ULL : ((1ULL << ks[i]) - 1) << (64 - ks[i]);
            tb_command(b, 0, FO_OP_WRITE, 40000, members);
            int k = tb_send(b, 5, 10, tb_hdr(1, 40000, 17, 77), NULL);
            tb_run(b, 1000);
            tb_expect_copies(b, k, members);
            assert_int_equal(b->pkt[k].first_out, 10 + fo_zero_load_latency(&b->p));
            assert_int_equal(b->pkt[k].last_out, 10 + fo_zero_load_latency(&b->p));
            assert_int_equal(b->pkt[k].done, 10 + fo_zero_load_latency(&b->p) + 17);
            tb_free(b);
        }
}

/* xsrc leaves the ingress port out of the member set; without xsrc a member
 * sender gets its own copy. */
static void test_replicator_xsrc_prunes_only_the_sender(void **state)
{
    (void)state;
    tb *b = tb_new_default(8, 1024, 16, 2);
    tb_command(b, 0, FO_OP_WRITE, 3, 0x07);
    int a = tb_send(b, 1, 5, tb_hdr_x(1, 1, 3, 2, 1), NULL);    /* member, xsrc */
    int c = tb_send(b, 2, 5, tb_hdr_x(1, 0, 3, 2, 2), NULL);    /* member, no xsrc */
    int d = tb_send(b, 6, 5, tb_hdr_x(1, 1, 3, 2, 3), NULL);    /* not a member, xsrc */
    int u = tb_send(b, 4, 5, tb_hdr_x(0, 0, 4, 0, 4), NULL);    /* unicast to self */
    int v = tb_send(b, 5, 5, tb_hdr_x(0, 1, 6, 0, 5), NULL);    /* unicast, xsrc, not self */
    tb_run(b, 1000);
    tb_expect_copies(b, a, 0x05);
    tb_expect_copies(b, c, 0x07);
    tb_expect_copies(b, d, 0x07);
    tb_expect_copies(b, u, 1u << 4);
    tb_expect_copies(b, v, 1u << 6);
    tb_free(b);
}

/* `empty` is decided by the replicator, L+1 cycles after the header. */
static void test_replicator_empty_drop_after_lookup(void **state)
{
    (void)state;
    for (unsigned L = 1; L <= 4; L++) {
        tb *b = tb_new_default(4, 1024, 16, L);
        int a = tb_send(b, 0, 0, tb_hdr(1, 12, 3, 1), NULL);           /* empty group */
        int c = tb_send(b, 1, 0, tb_hdr_x(0, 1, 1, 0, 2), NULL);       /* unicast to self, xsrc */
        tb_run(b, 1000);
        tb_expect_drop(b, a, FO_DROP_EMPTY);
        tb_expect_drop(b, c, FO_DROP_EMPTY);
        assert_int_equal(b->pkt[a].drop_cycle, 0 + 1 + L);
        assert_int_equal(b->pkt[c].drop_cycle, 0 + 1 + L);
        assert_int_equal(b->pkt[a].drop_stage, 0);
        tb_free(b);
    }
}

/* An empty drop frees its slot as soon as it can: with SLOTS=2, packet k+2
 * is taken L+3 cycles after packet k (dropped at k+1+L, released at the
 * start of k+2+L, free from k+3+L). */
static void test_replicator_empty_frees_slot_at_once(void **state)
{
    (void)state;
    for (unsigned L = 1; L <= 4; L++) {
        tb *b = tb_new_default(4, 1024, 2, L);
        for (unsigned i = 0; i < 20; i++)
            tb_send(b, 3, 0, tb_hdr(1, 500, 0, i), NULL);
        tb_run(b, 1000);
        for (unsigned i = 0; i < 20; i++)
            tb_expect_drop(b, (int)i, FO_DROP_EMPTY);
        for (unsigned i = 0; i + 2 < 20; i++)
            assert_int_equal(b->pkt[i + 2].acc, b->pkt[i].acc + L + 3);
        tb_free(b);
    }
}

/* The payload is stored once and shared: a slot stays held until its last
 * copy has read its last cell (a stalled member holds it once its staging is
 * full; the other member goes on).  Packets of 41 flits take 6 cells, the
 * staging of one egress. */
static void test_replicator_slot_held_until_last_copy(void **state)
{
    (void)state;
    tb *b = tb_new_default(4, 1024, 2, 2);
    tb_command(b, 0, FO_OP_WRITE, 1, 0x6);
    tb_run_to(b, 5);
    tb_stall(b, 2, 5, 600);
    int k[4];
    for (unsigned i = 0; i < 4; i++)
        k[i] = tb_send(b, 0, 5, tb_hdr(1, 1, 40, i), NULL);
    tb_run_to(b, 300);
    /* egress 1 is not held up by egress 2: three copies have left */
    assert_int_equal(b->flits_out[1], 3 * 41);
    assert_int_equal(b->flits_out[2], 0);
    /* egress 2 staged the first packet (its slot released), and holds the
     * second and third: no slot for the fourth */
    assert_true(b->pkt[k[2]].acc < 300);
    assert_true(b->pkt[k[3]].acc == TB_NONE);
    tb_run(b, 5000);
    for (unsigned i = 0; i < 4; i++)
        tb_expect_copies(b, k[i], 0x6);
    assert_true(b->pkt[k[3]].acc > 605);
    tb_free(b);
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_replicator_all_copies_leave_together),
    cmocka_unit_test(test_replicator_xsrc_prunes_only_the_sender),
    cmocka_unit_test(test_replicator_empty_drop_after_lookup),
    cmocka_unit_test(test_replicator_empty_frees_slot_at_once),
    cmocka_unit_test(test_replicator_slot_held_until_last_copy),
};

TB_MAIN("replicator", tests)
