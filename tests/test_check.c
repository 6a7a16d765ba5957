/* test_check.c -- every invariant of the model's debug mode (model/check.c)
 * can fire: the state is corrupted through the test-only back door (the
 * model's internal.h), and fo_model_check must name the broken invariant.
 * A check that cannot fail proves nothing. */
#include "tb.h"
#include "internal.h"
#include <stdio.h>
#include <string.h>

/* Port 0 has sent three multicast packets of 6 cells to egresses 1 and 2,
 * both stalled: each egress has staged the 6 cells of the first (whose reads
 * are all done, so its slot 0 was released and taken again by the third),
 * its reader holds the second, slot 1 (no staging room to ask), and its
 * queue the third, slot 0.  Slots 2 and 3 are free.  The state is
 * consistent. */
static tb *busy_bench(void)
{
    tb *b = tb_new_default(4, 1024, 4, 2);
    tb_command(b, 0, FO_OP_WRITE, 1, 0x6);
    tb_stall(b, 1, 0, 1000);
    tb_stall(b, 2, 0, 1000);
    for (unsigned i = 0; i < 3; i++)
        tb_send(b, 0, 5, tb_hdr(1, 1, 40, i), NULL);
    tb_run_to(b, 200);
    fo_model *m = b->m;
    assert_int_equal(m->in[0].busy, 0x3);
    assert_int_equal(m->in[0].pend[1], 0x6);
    assert_int_equal(m->in[0].pend[0], 0x6);
    assert_true(m->out[1].active && m->out[1].cs == 0);
    assert_true(m->out[1].rv && m->out[1].rs == 1 && m->out[1].sc == FO_STAGE_CELLS);
    assert_int_equal(m->out[1].qcount[0], 1);
    fo_error err = { "" };
    if (fo_model_check(m, &err))
        fail_msg("consistent state reported broken: %s", err.msg);
    return b;
}

/* fo_model_check fails and names the invariant. */
static void expect_broken(tb *b, const char *name)
{
    fo_error err = { "" };
    char want[64];
    snprintf(want, sizeof want, "invariant %s:", name);
    assert_int_equal(fo_model_check(b->m, &err), FO_EMISMATCH);
    if (!strstr(err.msg, want))
        fail_msg("expected '%s', got '%s'", want, err.msg);
    tb_free(b);
}

static void test_check_refcount_underflow_is_caught(void **state)
{
    (void)state;
    tb *b = busy_bench();
    fo_slot_release(b->m, 0, 1, 3);         /* egress 3 holds no copy of slot 1 */
    expect_broken(b, "refcount_underflow");
}

static void test_check_pending_copy_nobody_holds_is_caught(void **state)
{
    (void)state;
    tb *b = busy_bench();
    b->m->in[0].pend[1] |= 0x8;       /* a copy for egress 3, never queued */
    expect_broken(b, "refcount");
}

static void test_check_queued_copy_not_pending_is_caught(void **state)
{
    (void)state;
    tb *b = busy_bench();
    b->m->in[0].pend[0] &= ~(uint64_t)0x4;   /* queue (2,0) still holds slot 0 */
    b->m->copies_done++;
    expect_broken(b, "refcount");
}

static void test_check_slot_owned_by_nobody_is_caught(void **state)
{
    (void)state;
    tb *b = busy_bench();
    b->m->in[0].busy |= 0x8;                /* slot 3 busy, waiting for a lookup nobody holds */
    b->m->in[0].lkp |= 0x8;
    expect_broken(b, "slot_leak");
}

static void test_check_zero_pending_flag_wrong_is_caught(void **state)
{
    (void)state;
    tb *b = busy_bench();
    b->m->in[0].pzero |= 0x2;               /* slot 1 would be released under its copies */
    expect_broken(b, "pend_zero");
}

static void test_check_header_cell_write_mask_wrong_is_caught(void **state)
{
    (void)state;
    tb *b = busy_bench();
    b->m->hcw_busy |= 0x4;                  /* port 2 has no 1-flit packet's cell due */
    expect_broken(b, "active_mask");
}

static void test_check_header_cell_write_of_written_slot_is_caught(void **state)
{
    (void)state;
    tb *b = busy_bench();
    b->m->in[0].hcw = 2;                    /* slot 1, whose cells are already written */
    b->m->hcw_busy |= 0x1;
    expect_broken(b, "cell_count");
}

static void test_check_free_slot_with_copies_is_caught(void **state)
{
    (void)state;
    tb *b = busy_bench();
    b->m->in[0].busy &= ~(uint64_t)0x2;     /* slot 1 freed under its pending copies */
    expect_broken(b, "free_pending");
}

static void test_check_busy_beyond_slots_is_caught(void **state)
{
    (void)state;
    tb *b = busy_bench();
    b->m->in[0].busy |= 0x20;               /* slot 5 of 4 */
    expect_broken(b, "busy_range");
}

static void test_check_pending_beyond_ports_is_caught(void **state)
{
    (void)state;
    tb *b = busy_bench();
    b->m->in[0].pend[1] |= 0x10;      /* egress 4 of 4 */
    expect_broken(b, "busy_range");
}

static void test_check_lookup_fifo_overflow_is_caught(void **state)
{
    (void)state;
    tb *b = busy_bench();
    b->m->in[2].fcount = 5;                 /* 5 of SLOTS 4 */
    expect_broken(b, "fifo_range");
}

static void test_check_egress_queue_overflow_is_caught(void **state)
{
    (void)state;
    tb *b = busy_bench();
    b->m->out[1].qcount[0] = 5;
    expect_broken(b, "queue_range");
}

static void test_check_queue_flag_wrong_is_caught(void **state)
{
    (void)state;
    tb *b = busy_bench();
    b->m->out[3].nonempty |= 0x1;           /* queue (3,0) is empty */
    expect_broken(b, "queue_range");
}

static void test_check_push_onto_full_queue_is_caught(void **state)
{
    (void)state;
    tb *b = busy_bench();
    for (unsigned i = 0; i < 5; i++)
        fo_queue_push(b->m, 3, 1, 0);
    expect_broken(b, "queue_overflow");
}

static void test_check_lookup_fifo_push_when_full_is_caught(void **state)
{
    (void)state;
    tb *b = tb_new_default(4, 1024, 4, 2);
    fo_model *m = b->m;
    m->in[3].fcount = 4;                    /* lookup FIFO full, yet slots look free */
    m->in[3].hold = 100;                    /* and no lookup drains it this cycle */
    fo_inputs in;
    fo_outputs out;
    memset(&in, 0, sizeof in);
    in.in_valid = 0x8;
    in.in_data[3] = tb_hdr(0, 1, 0, 7);
    in.out_ready = 0xf;
    assert_int_equal(fo_model_step(m, &in, &out), FO_EMISMATCH);   /* even without checks on */
    assert_non_null(strstr(m->err.msg, "invariant fifo_overflow:"));
    tb_free(b);
}

static void test_check_two_config_ops_in_one_cycle_is_caught(void **state)
{
    (void)state;
    tb *b = busy_bench();
    fo_cfg_issue(b->m, 0, 0, FO_OP_READ, 1, 0);
    fo_cfg_issue(b->m, 1, 2, FO_OP_CLEAR, 1, 0);
    expect_broken(b, "cfg_pipeline");
}

static void test_check_config_count_wrong_is_caught(void **state)
{
    (void)state;
    tb *b = busy_bench();
    b->m->cfg_inflight = 1;                 /* nothing is in the pipeline */
    expect_broken(b, "cfg_pipeline");
}

static void test_check_config_group_out_of_range_is_caught(void **state)
{
    (void)state;
    tb *b = busy_bench();
    b->m->cfg[0][0] = (fo_cfgop){ 1, 0, 0, FO_OP_READ, 1024, 0 };
    b->m->ncfg[0] = 1;
    b->m->cfg_banks[0] = 1;                 /* bank of 1024 with 4 ports */
    b->m->cfg_inflight = 1;
    expect_broken(b, "cfg_pipeline");
}

static void test_check_hold_beyond_latency_is_caught(void **state)
{
    (void)state;
    tb *b = busy_bench();
    b->m->in[1].hold = 3;                   /* SRAM_LAT 2 */
    expect_broken(b, "hold_range");
}

static void test_check_stream_past_its_len_is_caught(void **state)
{
    (void)state;
    tb *b = busy_bench();
    b->m->out[1].cidx = b->m->out[1].clen;
    expect_broken(b, "stream_range");
}

static void test_check_egress_missing_from_its_active_mask_is_caught(void **state)
{
    (void)state;
    tb *b = busy_bench();
    b->m->eg_busy &= ~(uint64_t)0x2;       /* egress 1 streams: its step would skip it */
    expect_broken(b, "active_mask");
}

static void test_check_lookup_missing_from_its_active_mask_is_caught(void **state)
{
    (void)state;
    tb *b = busy_bench();
    b->m->in[2].hold = 1;                   /* a hold the lookup step would never count down */
    expect_broken(b, "active_mask");
}

static void test_check_cell_count_wrong_is_caught(void **state)
{
    (void)state;
    tb *b = busy_bench();
    b->m->in[0].cavail[1]++;                /* a cell free that a busy slot holds */
    expect_broken(b, "cell_count");
}

static void test_check_cells_written_beyond_the_packet_is_caught(void **state)
{
    (void)state;
    tb *b = busy_bench();
    fo_ingress *in = &b->m->in[0];
    unsigned s = (unsigned)__builtin_ctzll(in->busy);
    in->slots[s].wcnt = (uint8_t)(in->slots[s].ncells + 1);
    expect_broken(b, "cell_count");
}

static void test_check_copy_count_is_caught(void **state)
{
    (void)state;
    tb *b = busy_bench();
    b->m->copies_exp++;                     /* a copy replicated that no bit stands for */
    expect_broken(b, "copy_count");
}

static void test_check_packet_count_is_caught(void **state)
{
    (void)state;
    tb *b = busy_bench();
    b->m->n_acc++;                          /* a header taken that went nowhere */
    expect_broken(b, "packet_count");
}

static void test_check_lost_copy_when_idle_is_caught(void **state)
{
    (void)state;
    tb *b = tb_new_default(4, 1024, 4, 2);
    tb_send(b, 0, 0, tb_hdr(0, 1, 3, 1), NULL);
    tb_run(b, 1000);
    fo_error err = { "" };
    assert_int_equal(fo_model_check(b->m, &err), FO_OK);
    b->m->copies_exp++;                     /* the switch is empty, one copy never left */
    expect_broken(b, "lossless");
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_check_refcount_underflow_is_caught),
    cmocka_unit_test(test_check_pending_copy_nobody_holds_is_caught),
    cmocka_unit_test(test_check_queued_copy_not_pending_is_caught),
    cmocka_unit_test(test_check_slot_owned_by_nobody_is_caught),
    cmocka_unit_test(test_check_zero_pending_flag_wrong_is_caught),
    cmocka_unit_test(test_check_header_cell_write_mask_wrong_is_caught),
    cmocka_unit_test(test_check_header_cell_write_of_written_slot_is_caught),
    cmocka_unit_test(test_check_free_slot_with_copies_is_caught),
    cmocka_unit_test(test_check_busy_beyond_slots_is_caught),
    cmocka_unit_test(test_check_pending_beyond_ports_is_caught),
    cmocka_unit_test(test_check_lookup_fifo_overflow_is_caught),
    cmocka_unit_test(test_check_egress_queue_overflow_is_caught),
    cmocka_unit_test(test_check_queue_flag_wrong_is_caught),
    cmocka_unit_test(test_check_push_onto_full_queue_is_caught),
    cmocka_unit_test(test_check_lookup_fifo_push_when_full_is_caught),
    cmocka_unit_test(test_check_two_config_ops_in_one_cycle_is_caught),
    cmocka_unit_test(test_check_config_count_wrong_is_caught),
    cmocka_unit_test(test_check_config_group_out_of_range_is_caught),
    cmocka_unit_test(test_check_hold_beyond_latency_is_caught),
    cmocka_unit_test(test_check_stream_past_its_len_is_caught),
    cmocka_unit_test(test_check_egress_missing_from_its_active_mask_is_caught),
    cmocka_unit_test(test_check_lookup_missing_from_its_active_mask_is_caught),
    cmocka_unit_test(test_check_cell_count_wrong_is_caught),
    cmocka_unit_test(test_check_cells_written_beyond_the_packet_is_caught),
    cmocka_unit_test(test_check_copy_count_is_caught),
    cmocka_unit_test(test_check_packet_count_is_caught),
    cmocka_unit_test(test_check_lost_copy_when_idle_is_caught),
};

TB_MAIN("check", tests)
