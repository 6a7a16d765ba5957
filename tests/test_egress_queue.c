/* test_egress_queue.c -- stage 4: queues (e, p), round robin between ingress
 * queues, whole packets back to back at one flit a cycle, the receiver's
 * ready honoured; and the stage under cross traffic (idle, back to back,
 * random stalls) over a parameter sweep.  The bench checks on every cycle
 * that packets never interleave, crcs, headers, and per-port order. */
#include "tb.h"
#include <stdlib.h>

/* Copies to one egress leave back to back: each header exactly len+1 cycles
 * after the previous one, once the queue is never empty. */
static void test_egress_back_to_back_whole_packets(void **state)
{
    (void)state;
    tb *b = tb_new_default(8, 1024, 16, 2);
    uint64_t r = 3;
    for (unsigned p = 1; p < 4; p++)
        for (unsigned i = 0; i < 5; i++)
            tb_send(b, p, 0, tb_hdr(0, 0, (unsigned)(tb_rand(&r) % 40), 16 * p + i), NULL);
    tb_run(b, 10000);
    /* order the 15 copies by leave cycle */
    int idx[15];
    for (int i = 0; i < 15; i++)
        idx[i] = i;
    for (int i = 0; i < 15; i++)
        for (int j = i + 1; j < 15; j++)
            if (b->pkt[idx[j]].first_out < b->pkt[idx[i]].first_out) {
                int x = idx[i]; idx[i] = idx[j]; idx[j] = x;
            }
    assert_int_equal(b->pkt[idx[0]].first_out, fo_zero_load_latency(&b->p));
    for (int i = 0; i + 1 < 15; i++) {
        const tb_pkt *a = &b->pkt[idx[i]], *c = &b->pkt[idx[i + 1]];
        assert_int_equal(c->first_out, a->first_out + ((a->hdr >> 24) & 0xff) + 1);
    }
    assert_int_equal(b->last_end + 1 - b->pkt[idx[0]].first_out, b->flits_out[0]);
    tb_free(b);
}

/* Round robin between the queues of ingress ports 1, 2, 3: 1 2 3 1 2 3. */
static void test_egress_round_robin_between_ingress_queues(void **state)
{
    (void)state;
    tb *b = tb_new_default(4, 1024, 16, 2);
    int k[3][2];
    for (unsigned p = 1; p < 4; p++)
        for (unsigned i = 0; i < 2; i++)
            k[p - 1][i] = tb_send(b, p, 0, tb_hdr(0, 0, 0, 10 * p + i), NULL);
    tb_run(b, 1000);
    for (unsigned i = 0; i < 2; i++)
        for (unsigned p = 0; p < 3; p++)
            assert_int_equal(b->pkt[k[p][i]].first_out, fo_zero_load_latency(&b->p) + 3 * i + p);
    tb_free(b);
}

/* Every flit leaves on a cycle the receiver is ready, in order: with ready
 * on two cycles of three, a copy's flits leave on the next len+1 ready
 * cycles from the cycle its header is first offered. */
static uint64_t two_of_three(tb *b, uint64_t t, void *ctx)
{
    (void)b; (void)ctx;
    return t % 3 != 0 ? ~0ULL : 0;
}

static void test_egress_honours_receiver_ready(void **state)
{
    (void)state;
    for (unsigned L = 1; L <= 4; L++) {
        tb *b = tb_new_default(4, 1024, 16, L);
        b->ready_fn = two_of_three;
        int k = tb_send(b, 1, 0, tb_hdr(0, 2, 30, 1), NULL);
        tb_run(b, 1000);
        uint64_t t = fo_zero_load_latency(&b->p), n = 0, first = TB_NONE, last = 0;
        for (; n < 31; t++)
            if (t % 3 != 0) {
                if (first == TB_NONE) first = t;
                last = t;
                n++;
            }
        assert_int_equal(b->pkt[k].first_out, first);
        assert_int_equal(b->pkt[k].done, last);
        tb_free(b);
    }
}

/* A long stall: nothing leaves while stalled, the waiting header leaves on
 * the first ready cycle, and the rest follows back to back. */
static void test_egress_header_leaves_on_first_ready_cycle(void **state)
{
    (void)state;
    tb *b = tb_new_default(4, 1024, 16, 2);
    tb_stall(b, 3, 0, 1000);
    int k0 = tb_send(b, 0, 0, tb_hdr(0, 3, 10, 1), NULL);
    int k1 = tb_send(b, 1, 0, tb_hdr(0, 3, 5, 2), NULL);
    tb_run_to(b, 1000);
    assert_int_equal(b->flits_out[3], 0);
    tb_run(b, 5000);
    assert_int_equal(b->pkt[k0].first_out, 1000);
    assert_int_equal(b->pkt[k1].first_out, 1011);
    assert_int_equal(b->pkt[k1].done, 1016);
    tb_free(b);
}

/* ---- cross traffic over the parameter sweep ---------------------------- */

typedef struct sweep_ctx { uint64_t rng; unsigned pct; } sweep_ctx;

static uint64_t random_ready(tb *b, uint64_t t, void *ctx)
{
    (void)b; (void)t;
    sweep_ctx *c = ctx;
    uint64_t m = 0;
    for (unsigned e = 0; e < 64; e++)
        if (tb_rand(&c->rng) % 100 < c->pct)
            m |= 1ULL << e;
    return m;
}

enum { PAT_IDLE, PAT_BACK_TO_BACK, PAT_RANDOM_STALLS };

/* Random unicast and multicast (xsrc at random) to static groups; every
 * packet must reach exactly its member set. */
static void cross_traffic(unsigned pattern)
{
    const unsigned np[] = { 4, 8, 32, 64 }, ng[] = { 1024, 65536 }, sl[] = { 2, 16 };
    for (unsigned a = 0; a < 4; a++)
        for (unsigned g = 0; g < 2; g++)
            for (unsigned s = 0; s < 2; s++)
                for (unsigned L = 1; L <= 4; L++) {
                    unsigned n = np[a], ngr = ng[g];
                    tb *b = tb_new_default(n, ngr, sl[s], L);
                    if (n > 16)
                        fo_model_set_checks(b->m, 0);
                    uint64_t r = 1000 * a + 100 * g + 10 * s + L + 7 * pattern;
                    sweep_ctx ctx = { r ^ 0xabcdef, 70 };
                    if (pattern == PAT_RANDOM_STALLS) {
                        b->ready_fn = random_ready;
                        b->ready_ctx = &ctx;
                    }
                    uint64_t pm = n == 64 ? ~0ULL : (1ULL << n) - 1;
                    unsigned gids[16];
                    uint64_t gbm[16];
                    for (unsigned i = 0; i < 16; i++) {
                        gids[i] = (unsigned)(tb_rand(&r) % ngr);
                        for (unsigned j = 0; j < i; j++)
                            if (gids[j] == gids[i]) gids[i] = (gids[i] + 1 + i) % ngr, j = (unsigned)-1;
                        gbm[i] = i == 0 ? 0 : tb_rand(&r) & tb_rand(&r) & pm;
                        tb_command(b, 0, FO_OP_WRITE, gids[i], gbm[i]);
                    }
                    unsigned per_port = n >= 32 ? 6 : 16;
                    uint64_t expect[64 * 16];
                    int idx[64 * 16];
                    unsigned np_ = 0;
                    uint64_t gat = 20;
                    for (unsigned p = 0; p < n; p++) {
                        uint64_t at = 20;
                        for (unsigned i = 0; i < per_port; i++) {
                            unsigned len = (unsigned)(tb_rand(&r) % (pattern == PAT_IDLE ? 8 : 64));
                            unsigned xs = (unsigned)(tb_rand(&r) & 1);
                            uint64_t h, m;
                            if (tb_rand(&r) % 3 == 0) {
                                unsigned d = (unsigned)(tb_rand(&r) % n);
                                h = tb_hdr_x(0, xs, d, len, np_);
                                m = 1ULL << d;
                            } else {
                                unsigned gi = (unsigned)(tb_rand(&r) % 16);
                                h = tb_hdr_x(1, xs, gids[gi], len, np_);
                                m = gbm[gi];
                            }
                            if (xs)
                                m &= ~(1ULL << p);
                            if (pattern == PAT_IDLE)      /* one packet at a time, switch-wide */
                                at = gat, gat += 20 + tb_rand(&r) % 8;
                            idx[np_] = tb_send(b, p, at, h, NULL);
                            expect[np_++] = m;
                        }
                    }
                    tb_run(b, 200000);
                    for (unsigned i = 0; i < np_; i++) {
                        if (expect[i])
                            tb_expect_copies(b, idx[i], expect[i]);
                        else
                            tb_expect_drop(b, idx[i], FO_DROP_EMPTY);
                        if (pattern == PAT_IDLE && expect[i])
                            /* nothing else in flight: zero-load latency */
                            assert_int_equal(b->pkt[idx[i]].first_out - b->pkt[idx[i]].acc, fo_zero_load_latency(&b->p));
                    }
                    tb_free(b);
                }
}

/* Idle: packets far apart; every copy at the zero-load latency. */
static void test_egress_sweep_idle_traffic(void **state) { (void)state; cross_traffic(PAT_IDLE); }
/* Back to back: every port offers all its packets at once. */
static void test_egress_sweep_back_to_back(void **state) { (void)state; cross_traffic(PAT_BACK_TO_BACK); }
/* Random stalls: every receiver ready 70% of the cycles, at random. */
static void test_egress_sweep_random_stalls(void **state) { (void)state; cross_traffic(PAT_RANDOM_STALLS); }

/* The even-numbered receivers ready on about 3 cycles of 4, at random; the
 * odd-numbered ones always. */
static uint64_t mostly_ready(tb *b, uint64_t t, void *ctx)
{
    (void)b; (void)ctx;
    uint64_t x = (t + 1) * 0x9e3779b97f4a7c15ULL;
    x ^= x >> 29;
    x *= 0xbf58476d1ce4e5b9ULL;
    return ~(x & (x >> 1) & 0x5555555555555555ULL) | 1;
}

/* The cell buffer's functional coverage points (model/fcov.c; the RTL's
 * twin is rtl/fanout_fcov.v) are reached by a load that needs them: a port
 * out of cells with slots free (256-flit packets, 32 cells each, to a
 * stalled egress), an egress's staging full (a stalled one), a read
 * merged (members in step read each cell together), a read waiting for its
 * bank (receivers ready at random put members out of step, each asking for
 * its own cells). */
static void test_cell_buffer_coverage_points_are_reached(void **state)
{
    (void)state;
    fo_params p;
    fo_params_default(&p);
    p.nports = 8;
    p.ngroups = 1024;
    tb *b = tb_new(&p, 1);
    fo_model_set_coverage(b->m, 1);
    tb_command(b, 0, FO_OP_WRITE, 1, 0xfe);
    tb_stall(b, 1, 0, 8000);
    b->ready_fn = mostly_ready;
    int k[20];
    for (unsigned i = 0; i < 20; i++)
        k[i] = tb_send(b, 0, 5, tb_hdr(1, 1, 255, i), NULL);
    uint32_t seen = 0;
    while (b->t < 30000)
        seen |= tb_step(b)->cov;
    for (unsigned i = 0; i < 20; i++)
        tb_expect_copies(b, k[i], 0xfe);
    assert_true(seen & FO_COV_FULL_CELLS);
    assert_true(seen & FO_COV_FULL_STAGE);
    assert_true(seen & FO_COV_READ_MERGED);
    assert_true(seen & FO_COV_READ_WAIT);
    tb_free(b);
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_cell_buffer_coverage_points_are_reached),
    cmocka_unit_test(test_egress_back_to_back_whole_packets),
    cmocka_unit_test(test_egress_round_robin_between_ingress_queues),
    cmocka_unit_test(test_egress_honours_receiver_ready),
    cmocka_unit_test(test_egress_header_leaves_on_first_ready_cycle),
    cmocka_unit_test(test_egress_sweep_idle_traffic),
    cmocka_unit_test(test_egress_sweep_back_to_back),
    cmocka_unit_test(test_egress_sweep_random_stalls),
};

TB_MAIN("egress_queue", tests)
