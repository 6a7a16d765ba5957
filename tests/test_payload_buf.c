/* test_payload_buf.c -- the payload buffer's cell writes (docs/
 * microarchitecture.md, "Payload buffer"): when a packet's cells count as
 * written, which the egresses and the slot release read. */
#include "tb.h"
#include "internal.h"

/* A packet whose header is its only flit has its cell written in the cycle
 * after the header (from registers in the RTL: logic depth), so its cell
 * and its "all flits written" count from the cycle after that; with it the
 * next 1-flit packet's header is taken beside the write. */
static void test_one_flit_cell_is_written_the_cycle_after_its_header(void **state)
{
    (void)state;
    tb *b = tb_new_default(4, 1024, 4, 2);
    int k0 = tb_send(b, 0, 0, tb_hdr(0, 1, 0, 1), NULL);
    int k1 = tb_send(b, 0, 0, tb_hdr(0, 2, 0, 2), NULL);
    tb_run_to(b, 1);                        /* through cycle 0: header 0 taken into slot 0 */
    const fo_ingress *in = &b->m->in[0];
    assert_int_equal(b->pkt[k0].acc, 0);
    assert_int_equal(in->busy, 0x1);
    assert_int_equal(in->slots[0].wcnt, 0);
    assert_int_equal(in->wdone & 1, 0);
    assert_int_equal(in->hcw, 1);
    tb_run_to(b, 2);                        /* cycle 1: slot 0's cell written, header 1 taken */
    assert_int_equal(b->pkt[k1].acc, 1);
    assert_int_equal(in->slots[0].wcnt, 1);
    assert_int_equal(in->wdone & 3, 1);
    assert_int_equal(in->hcw, 2);
    tb_run_to(b, 3);
    assert_int_equal(in->slots[1].wcnt, 1);
    assert_int_equal(in->wdone & 3, 3);
    assert_int_equal(in->hcw, 0);
    assert_int_equal(b->m->hcw_busy, 0);
    tb_run(b, 1000);
    tb_expect_copies(b, k0, 1u << 1);
    tb_expect_copies(b, k1, 1u << 2);
    tb_free(b);
}

/* A payload flit completes its cell in its own cycle: flit 8k+7 or the
 * packet's last.  len 7: flit 7 (payload flit 6, taken in cycle 7) completes
 * cell 0, which is the packet's last; len 8 adds cell 1 with flit 8. */
static void test_payload_cell_counts_in_the_cycle_its_last_flit_is_taken(void **state)
{
    (void)state;
    for (unsigned len = 7; len <= 8; len++) {
        tb *b = tb_new_default(4, 1024, 4, 2);
        int k = tb_send(b, 0, 0, tb_hdr(0, 1, len, 1), NULL);
        const fo_ingress *in = &b->m->in[0];
        tb_run_to(b, 7);                    /* through cycle 6 */
        assert_int_equal(in->slots[0].wcnt, 0);
        tb_run_to(b, 8);
        assert_int_equal(in->slots[0].wcnt, 1);
        assert_int_equal(in->wdone & 1, len == 7);
        tb_run_to(b, len + 1);              /* through cycle len */
        assert_int_equal(in->slots[0].wcnt, len / 8 + 1);
        assert_int_equal(in->wdone & 1, 1);
        assert_int_equal(in->hcw, 0);
        tb_run(b, 1000);
        tb_expect_copies(b, k, 1u << 1);
        tb_free(b);
    }
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_one_flit_cell_is_written_the_cycle_after_its_header),
    cmocka_unit_test(test_payload_cell_counts_in_the_cycle_its_last_flit_is_taken),
};

TB_MAIN("payload_buf", tests)
