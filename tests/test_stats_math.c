/* test_stats_math.c -- the one percentile rule of `fanout bench` and
 * `fanout stats` (model/run/stats_math.c): nearest rank, the p-th
 * percentile of n samples is the ceil(p * n / 100)-th smallest.  Before it
 * the two tools disagreed on 10 samples (v[4] against v[5] as p50). */
#include "tb.h"
#include "stats_math.h"
#include "fanout.h"
#include <stdlib.h>

/* 1..n in a shuffled order (the samples' order must not matter). */
static void fill(fo_samples *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        assert_int_equal(fo_samples_push(s, (i * 7919) % n + 1), 0);
}

/* Ten samples 1..10: p50 is the 5th (v[4] = 5), not the 6th; p90 the 9th;
 * p99 and p100 the 10th; p0 and p1 the 1st. */
static void test_percentiles_ten_samples_nearest_rank(void **state)
{
    (void)state;
    fo_samples s = { 0 };
    fill(&s, 10);
    assert_int_equal(fo_samples_pct(&s, 50), 5);
    assert_int_equal(fo_samples_pct(&s, 90), 9);
    assert_int_equal(fo_samples_pct(&s, 99), 10);
    assert_int_equal(fo_samples_pct(&s, 100), 10);
    assert_int_equal(fo_samples_pct(&s, 0), 1);
    assert_int_equal(fo_samples_pct(&s, 1), 1);
    assert_int_equal(fo_samples_pct(&s, 11), 2);
    fo_samples_free(&s);
}

/* p * n / 100 a whole number: exactly that rank, no rounding up past it
 * (0.99 * 100 in floating point is what a double-based rule gets wrong). */
static void test_percentiles_whole_rank_not_rounded_up(void **state)
{
    (void)state;
    fo_samples s = { 0 };
    fill(&s, 100);
    assert_int_equal(fo_samples_pct(&s, 99), 99);
    assert_int_equal(fo_samples_pct(&s, 50), 50);
    assert_int_equal(fo_samples_pct(&s, 90), 90);
    fo_samples_free(&s);
    fill(&s, 1000);
    assert_int_equal(fo_samples_pct(&s, 99), 990);
    assert_int_equal(fo_samples_pct(&s, 100), 1000);
    fo_samples_free(&s);
}

/* Odd counts round the rank up: of 3, p50 is the 2nd; of 7, p50 the 4th
 * and p99 the 7th. */
static void test_percentiles_odd_counts_round_rank_up(void **state)
{
    (void)state;
    const uint64_t three[3] = { 10, 20, 30 }, seven[7] = { 1, 2, 3, 4, 5, 6, 7 };
    assert_int_equal(fo_pct(three, 3, 50), 20);
    assert_int_equal(fo_pct(three, 3, 34), 20);
    assert_int_equal(fo_pct(three, 3, 33), 10);
    assert_int_equal(fo_pct(seven, 7, 50), 4);
    assert_int_equal(fo_pct(seven, 7, 99), 7);
}

/* No samples: 0 for every percentile; one sample: it, for every one;
 * repeated values; a percent over 100 is the maximum. */
static void test_percentiles_edges(void **state)
{
    (void)state;
    fo_samples s = { 0 };
    assert_int_equal(fo_samples_pct(&s, 50), 0);
    assert_int_equal(fo_pct(NULL, 0, 99), 0);
    assert_int_equal(fo_samples_push(&s, 42), 0);
    for (unsigned p = 0; p <= 100; p++)
        assert_int_equal(fo_samples_pct(&s, p), 42);
    for (int i = 0; i < 3; i++)
        assert_int_equal(fo_samples_push(&s, 7), 0);
    assert_int_equal(fo_samples_pct(&s, 75), 7);
    assert_int_equal(fo_samples_pct(&s, 76), 42);
    assert_int_equal(fo_samples_pct(&s, 1000), 42);
    fo_samples_free(&s);
    assert_null(s.v);
    assert_int_equal(s.n, 0);
}

/* A push after a percentile keeps the rule (the samples sort again). */
static void test_percentiles_push_after_query_resorts(void **state)
{
    (void)state;
    fo_samples s = { 0 };
    fill(&s, 10);
    assert_int_equal(fo_samples_pct(&s, 100), 10);
    assert_int_equal(fo_samples_push(&s, 0), 0);
    assert_int_equal(fo_samples_pct(&s, 0), 0);
    assert_int_equal(fo_samples_pct(&s, 50), 5);   /* ceil(5.5) = 6th of 0..10 */
    fo_samples_free(&s);
}

/* The latency FIFO pops in push order, across a wrap of its head and a
 * growth past its first allocation. */
static void test_latq_pops_in_push_order_across_growth(void **state)
{
    (void)state;
    fo_latq q = { 0 };
    fo_latq_ent e;
    assert_int_equal(fo_latq_pop(&q, &e), 0);
    uint32_t next = 0;
    for (uint32_t i = 0; i < 1000; i++) {
        assert_int_equal(fo_latq_push(&q, (fo_latq_ent){ i, i + 1, i }), 0);
        if (i % 3 == 2) {                       /* pop one of three: the head moves */
            assert_int_equal(fo_latq_pop(&q, &e), 1);
            assert_int_equal(e.tag, next);
            assert_int_equal(e.offered, next);
            assert_int_equal(e.taken, next + 1);
            next++;
        }
    }
    while (fo_latq_pop(&q, &e))
        assert_int_equal(e.tag, next++);
    assert_int_equal(next, 1000);
    assert_int_equal(q.n, 0);
    fo_latq_free(&q);
    assert_null(q.v);
}

/* A request taken out by its tag (a dropped config packet) never pairs:
 * the newest entry with the tag goes, the order of the others stays. */
static void test_latq_remove_by_tag_keeps_order(void **state)
{
    (void)state;
    fo_latq q = { 0 };
    fo_latq_ent e;
    static const uint32_t tags[] = { 5, 7, 5, 9 };
    for (unsigned i = 0; i < 4; i++)
        assert_int_equal(fo_latq_push(&q, (fo_latq_ent){ FO_LATQ_NONE, i, tags[i] }), 0);
    assert_non_null(fo_latq_find(&q, 5));
    assert_int_equal(fo_latq_find(&q, 5)->taken, 2);      /* the newest */
    assert_null(fo_latq_find(&q, 6));
    assert_int_equal(fo_latq_remove(&q, 6), 0);
    assert_int_equal(fo_latq_remove(&q, 5), 1);
    fo_latq_find(&q, 9)->offered = 33;                    /* completed in place */
    static const uint64_t want[] = { 0, 1, 3 };
    for (unsigned i = 0; i < 3; i++) {
        assert_int_equal(fo_latq_pop(&q, &e), 1);
        assert_int_equal(e.taken, want[i]);
    }
    assert_int_equal(e.offered, 33);
    assert_int_equal(fo_latq_pop(&q, &e), 0);
    fo_latq_free(&q);
}

/* The one growable-array rule (fo_grow): room for what is asked, the
 * contents kept, no reallocation while there is room. */
static void test_grow_makes_room_and_keeps_contents(void **state)
{
    (void)state;
    uint64_t *v = NULL;
    size_t cap = 0;
    for (size_t n = 0; n < 1000; n++) {
        assert_int_equal(fo_grow((void **)&v, &cap, n + 1, sizeof *v), 0);
        assert_true(cap >= n + 1);
        v[n] = n * 7;
    }
    uint64_t *before = v;
    size_t c = cap;
    assert_int_equal(fo_grow((void **)&v, &cap, c, sizeof *v), 0);   /* room already */
    assert_ptr_equal(v, before);
    assert_int_equal(cap, c);
    assert_int_equal(fo_grow((void **)&v, &cap, 5000, sizeof *v), 0);  /* more than double */
    assert_true(cap >= 5000);
    for (size_t n = 0; n < 1000; n++)
        assert_int_equal(v[n], n * 7);
    free(v);
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_percentiles_ten_samples_nearest_rank),
    cmocka_unit_test(test_percentiles_whole_rank_not_rounded_up),
    cmocka_unit_test(test_percentiles_odd_counts_round_rank_up),
    cmocka_unit_test(test_percentiles_edges),
    cmocka_unit_test(test_percentiles_push_after_query_resorts),
    cmocka_unit_test(test_latq_pops_in_push_order_across_growth),
    cmocka_unit_test(test_latq_remove_by_tag_keeps_order),
    cmocka_unit_test(test_grow_makes_room_and_keeps_contents),
};

TB_MAIN("stats_math", tests)
