/* test_parser.c -- stage 1, the ingress parser (docs/microarchitecture.md):
 * when in_ready is high, what needs a slot, what waits for the in-band grant. */
#include "tb.h"
#include "internal.h"

/* A forwarded header needs a free slot: with SLOTS=2 and the egress stalled,
 * the third header waits until the first packet's slot is released: its copy
 * reads its one cell (asked the cycle after the slot reaches the queue at
 * 1 + L + D, granted the next), the slot is released at the start of the
 * cycle after that grant and free in the next: 1 + L + D + 4, whatever L. */
static void test_parser_header_waits_for_free_slot(void **state)
{
    (void)state;
    for (unsigned L = 1; L <= 4; L++) {
        tb *b = tb_new_default(4, 1024, 2, L);
        tb_stall(b, 1, 0, 100);
        int k0 = tb_send(b, 0, 0, tb_hdr(0, 1, 4, 1), NULL);
        int k1 = tb_send(b, 0, 0, tb_hdr(0, 1, 4, 2), NULL);
        int k2 = tb_send(b, 0, 0, tb_hdr(0, 1, 4, 3), NULL);
        tb_run(b, 10000);
        assert_int_equal(b->pkt[k0].acc, 0);
        assert_int_equal(b->pkt[k1].acc, 5);
        assert_int_equal(b->pkt[k2].acc, 1 + L + fo_queue_delay(&b->p) + 4);
        for (int k = k0; k <= k2; k++)
            tb_expect_copies(b, k, 1u << 1);
        tb_free(b);
    }
}

/* A forwarded header also needs its cells: a port with two 256-flit packets
 * in flight (32 cells each, 16 per bank) takes no third one until one is
 * read, even with slots free (8 ports: 512 cells, 256 a bank, so the bench
 * fills them with eight). */
static void test_parser_header_waits_for_its_cells(void **state)
{
    (void)state;
    tb *b = tb_new_default(8, 1024, 16, 2);
    tb_stall(b, 1, 0, 3000);
    int k[10];
    for (unsigned i = 0; i < 10; i++)
        k[i] = tb_send(b, 0, 0, tb_hdr(0, 1, 255, i), NULL);
    tb_run(b, 100000);
    /* 512 cells hold 16 packets of 32 cells; the egress stages 6 cells of
     * the first, which keeps it (its reads are not all done) */
    for (unsigned i = 0; i < 10; i++)
        tb_expect_copies(b, k[i], 1u << 1);
    for (unsigned i = 1; i < 10; i++)
        assert_true(b->pkt[k[i]].acc >= b->pkt[k[i - 1]].acc + 256);
    assert_true(b->pkt[k[9]].acc < 3000);
    tb_free(b);
}

/* Issue 13, buffer efficiency: a port holds 64 one-flit packets in flight at
 * the defaults (v1: 16).  With the egress stalled, the port takes SLOTS
 * headers held in slots, plus the ones whose reads are done: the one in the
 * output register and FO_STAGE_CELLS staged. */
static void test_port_holds_64_one_flit_packets_in_flight(void **state)
{
    (void)state;
    const unsigned np[] = { 8, 32 };
    for (unsigned i = 0; i < 2; i++) {
        fo_params p;
        fo_params_default(&p);
        p.nports = np[i];
        p.ngroups = 1024;
        tb *b = tb_new(&p, 1);
        assert_int_equal(p.slots, 64);
        tb_stall(b, 1, 0, 5000);
        for (unsigned k = 0; k < 100; k++)
            tb_send(b, 0, 0, tb_hdr(0, 1, 0, k), NULL);
        tb_run_to(b, 4000);
        unsigned taken = 0;
        for (unsigned k = 0; k < 100; k++)
            taken += b->pkt[k].acc != TB_NONE;
        assert_int_equal(taken, 64 + FO_STAGE_CELLS + 1);
        tb_run(b, 100000);
        for (unsigned k = 0; k < 100; k++)
            tb_expect_copies(b, (int)k, 1u << 1);
        tb_free(b);
    }
}

/* The payload of a forwarded packet is never back-pressured: its flits are
 * taken on consecutive cycles even when every egress is stalled. */
static void test_parser_payload_never_backpressured(void **state)
{
    (void)state;
    tb *b = tb_new_default(8, 1024, 2, 2);
    for (unsigned e = 0; e < 8; e++)
        tb_stall(b, e, 0, 2000);
    tb_command(b, 0, FO_OP_WRITE, 7, 0xff);
    int k[4];
    for (unsigned p = 0; p < 4; p++)
        k[p] = tb_send(b, p, 10, tb_hdr(p & 1, p & 1 ? 7 : 5, 255, p), NULL);
    tb_run(b, 10000);
    for (unsigned p = 0; p < 4; p++) {
        assert_int_equal(b->pkt[k[p]].acc, 10);
        assert_int_equal(b->pkt[k[p]].last_in, 10 + 255);
    }
    tb_free(b);
}

/* A header judged drop needs no slot: it is taken even while every slot of
 * the port is held, and the drop is reported in the cycle of its header. */
static void test_parser_dropped_header_needs_no_slot(void **state)
{
    (void)state;
    tb *b = tb_new_default(4, 1024, 2, 2);
    tb_stall(b, 1, 0, 500);
    tb_send(b, 0, 0, tb_hdr(0, 1, 3, 1), NULL);
    tb_send(b, 0, 0, tb_hdr(0, 1, 3, 2), NULL);      /* both slots now held */
    int kd = tb_send(b, 0, 0, tb_hdr(3, 0, 2, 3), NULL);
    int ku = tb_send(b, 0, 0, tb_hdr(0, 9, 0, 4), NULL);  /* port 9 >= 4 */
    int kg = tb_send(b, 0, 0, tb_hdr(1, 2000, 1, 5), NULL);   /* group >= 1024 */
    tb_run(b, 10000);
    assert_int_equal(b->pkt[kd].acc, 8);
    assert_int_equal(b->pkt[kd].drop_cycle, 8);
    assert_int_equal(b->pkt[ku].acc, 11);
    assert_int_equal(b->pkt[ku].drop_cycle, 11);
    assert_int_equal(b->pkt[kg].acc, 12);
    assert_int_equal(b->pkt[kg].drop_cycle, 12);
    assert_true(b->pkt[kg].acc < 500);
    tb_free(b);
}

/* A config packet needs no slot either: it commits while the slots are held. */
static void test_parser_config_needs_no_slot(void **state)
{
    (void)state;
    tb *b = tb_new_default(4, 1024, 2, 2);
    tb_stall(b, 1, 0, 500);
    tb_send(b, 0, 0, tb_hdr(0, 1, 3, 1), NULL);
    tb_send(b, 0, 0, tb_hdr(0, 1, 3, 2), NULL);
    int kc = tb_cfg(b, 0, 0, FO_OP_WRITE, 5, 0x6, 3);
    tb_run(b, 10000);
    assert_true(b->pkt[kc].commit < 100);
    assert_int_equal(b->pkt[kc].commit - b->pkt[kc].last_in, 2);
    tb_free(b);
}

/* The command port has priority on its config bank: an in-band clear (its
 * header is its last flit) on that bank waits while commands to the bank
 * are offered; a write's payload flit on another bank is not delayed. */
static void test_parser_inband_waits_while_commands_offered_to_its_bank(void **state)
{
    (void)state;
    tb *b = tb_new_default(4, 1024, 16, 2);
    for (unsigned i = 0; i < 20; i++)
        tb_command(b, 0, FO_OP_READ, 101 + 4 * i, 0);      /* bank 1 */
    int kc = tb_cfg(b, 0, 0, FO_OP_CLEAR, 5, 0, 1);       /* bank 1 */
    int kw = tb_cfg(b, 1, 0, FO_OP_WRITE, 6, 0x3, 2);     /* bank 2 */
    tb_run(b, 1000);
    assert_int_equal(b->pkt[kc].acc, 20);          /* first cycle without a command to bank 1 */
    assert_int_equal(b->pkt[kw].acc, 0);           /* a write's header is taken at once */
    assert_int_equal(b->pkt[kw].last_in, 1);       /* and its payload as it is offered */
    assert_int_equal(b->pkt[kc].commit, 22);
    assert_int_equal(b->pkt[kw].commit, 3);
    tb_free(b);
}

/* In-band grant, per config bank: round robin among the ports requesting
 * the bank, starting at port 0 after reset, then at the port after the last
 * one granted on that bank.  Here every op is on bank 0 (group ids 8k). */
static void test_parser_inband_grant_round_robin(void **state)
{
    (void)state;
    tb *b = tb_new_default(8, 1024, 16, 2);
    int k[8];
    for (unsigned p = 0; p < 8; p++)
        k[p] = tb_cfg(b, 7 - p, 0, FO_OP_CLEAR, 8 * p, 0, p);   /* queued in reverse order */
    /* second round: ports 2 and 5 ask again at cycle 20 */
    int r5 = tb_cfg(b, 5, 20, FO_OP_CLEAR, 400, 0, 50);
    int r2 = tb_cfg(b, 2, 20, FO_OP_CLEAR, 416, 0, 52);
    tb_command(b, 30, FO_OP_READ, 8, 0);
    int r1 = tb_cfg(b, 1, 29, FO_OP_CLEAR, 424, 0, 53);
    int r6 = tb_cfg(b, 6, 29, FO_OP_CLEAR, 432, 0, 54);
    tb_run(b, 1000);
    for (unsigned p = 0; p < 8; p++)
        assert_int_equal(b->pkt[k[7 - p]].acc, p);      /* port p granted at cycle p */
    assert_int_equal(b->pkt[r2].acc, 20);               /* after 7 comes 0: 2 first, then 5 */
    assert_int_equal(b->pkt[r5].acc, 21);
    /* at 29: 1 and 6 ask, last granted 5: 6 wins; at 30 the command blocks; 1 at 31 */
    assert_int_equal(b->pkt[r6].acc, 29);
    assert_int_equal(b->pkt[r1].acc, 31);
    tb_free(b);
}

/* A config packet's last flit waits until every earlier packet of its port
 * has had its lookup issued by this cycle (lookup FIFO empty, or its one
 * entry issuing in this cycle: fo_lookup_drained). */
static void test_parser_config_waits_for_earlier_lookups(void **state)
{
    (void)state;
    tb *b = tb_new_default(8, 1024, 16, 2);
    /* every port sends three multicasts from cycle 12, each port to its own
     * one-member group; port 0 shares lookup engine 0 with port 4 (4
     * engines, port mod 4), and wins it first (rr starts at port 0) */
    for (unsigned p = 0; p < 8; p++)
        tb_command(b, 0, FO_OP_WRITE, 10 + p, 1ULL << p);
    for (unsigned p = 0; p < 8; p++)
        for (unsigned i = 0; i < 3; i++)
            tb_send(b, p, 12, tb_hdr(1, 10 + p, 0, 16 * p + i), NULL);
    int kc = tb_cfg(b, 0, 12, FO_OP_CLEAR, 9, 0, 999);
    tb_run(b, 1000);
    /* port 0's three lookups alternate with port 4's: its last one is
     * issued at cycle 13 + 2*2 = 17, and the clear is granted in that cycle
     * (not at 16, when that entry waits for port 4's lookup) */
    int last0 = 2;
    assert_int_equal(b->pkt[last0].acc, 14);
    /* issued 17, out at issue + L + D + 5 */
    assert_int_equal(b->pkt[last0].first_out, 17 + 2 + fo_queue_delay(&b->p) + 5);
    assert_int_equal(b->pkt[kc].acc, 17);
    tb_free(b);
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_parser_header_waits_for_free_slot),
    cmocka_unit_test(test_parser_header_waits_for_its_cells),
    cmocka_unit_test(test_port_holds_64_one_flit_packets_in_flight),
    cmocka_unit_test(test_parser_payload_never_backpressured),
    cmocka_unit_test(test_parser_dropped_header_needs_no_slot),
    cmocka_unit_test(test_parser_config_needs_no_slot),
    cmocka_unit_test(test_parser_inband_waits_while_commands_offered_to_its_bank),
    cmocka_unit_test(test_parser_inband_grant_round_robin),
    cmocka_unit_test(test_parser_config_waits_for_earlier_lookups),
};

TB_MAIN("parser", tests)
