/* test_group_sram.c -- stage 2: lookup FIFO, lookup issue and the group SRAM
 * (one multicast read a cycle, round robin; unicast needs no read; read
 * latency SRAM_LAT; a read sees the writes of earlier cycles only; reset
 * empties every word; config reads use their own copy). */
#include "tb.h"
#include <stdlib.h>

/* Every port sends one multicast in one cycle, each to its own one-member
 * group: each lookup engine (port mod LOOKUPS) serves one a cycle, its ports
 * in turn (p, p + LOOKUPS, ...), and the engines run independently. */
static void test_sram_one_multicast_lookup_per_engine_per_cycle_round_robin(void **state)
{
    (void)state;
    const unsigned np[] = { 4, 8, 32, 64 }, nl[] = { 1, 2, 4, 16 };
    for (unsigned i = 0; i < 4; i++)
        for (unsigned j = 0; j < 4; j++)
            for (unsigned L = 1; L <= 4; L++) {
                unsigned n = np[i], E = nl[j];
                if (E > n)
                    continue;
                fo_params p;
                fo_params_default(&p);
                p.nports = n;
                p.ngroups = 1024;
                p.slots = 2;
                p.sram_latency = L;
                p.lookups = E;
                tb *b = tb_new(&p, 1);
                for (unsigned q = 0; q < n; q++)
                    tb_command(b, 0, FO_OP_WRITE, 100 + q, 1ULL << q);
                int k[64];
                uint64_t start = n + L;            /* every group committed */
                for (unsigned q = 0; q < n; q++)
                    k[q] = tb_send(b, q, start, tb_hdr(1, 100 + q, 0, q), NULL);
                tb_run(b, 10000);
                for (unsigned q = 0; q < n; q++) {
                    tb_expect_copies(b, k[q], 1ULL << q);
                    assert_int_equal(b->pkt[k[q]].acc, start);
                    /* lookup issued at start+1+q/E, out L+D+5 cycles after the issue */
                    assert_int_equal(b->pkt[k[q]].first_out, start + 1 + q / E + L + fo_queue_delay(&p) + 5);
                }
                tb_free(b);
            }
}

/* A commit is seen by every lookup engine from the same cycle on: ports
 * 0..3 (one per engine) are looked up at the commit cycle and all read the
 * old word; ports 4..7 (the same four engines) one cycle later and all read
 * the new one. */
static void test_sram_commit_seen_by_every_engine_same_cycle(void **state)
{
    (void)state;
    for (unsigned L = 1; L <= 4; L++) {
        tb *b = tb_new_default(8, 1024, 16, L);
        tb_command(b, 0, FO_OP_WRITE, 77, 0x01);         /* commits at L */
        tb_command(b, 20, FO_OP_WRITE, 77, 0xc0);        /* commits at 20+L */
        int before[4], after[4];
        for (unsigned g = 0; g < 4; g++) {
            before[g] = tb_send(b, g, 20 + L - 1, tb_hdr(1, 77, 3, g), NULL);
            after[g] = tb_send(b, 4 + g, 20 + L, tb_hdr(1, 77, 3, 10 + g), NULL);
        }
        tb_run(b, 1000);
        assert_int_equal(b->cmd[1].commit, 20 + L);
        for (unsigned g = 0; g < 4; g++) {
            assert_int_equal(b->pkt[before[g]].acc, 20 + L - 1);   /* lookup at 20+L: old */
            assert_int_equal(b->pkt[after[g]].acc, 20 + L);        /* lookup at 21+L: new */
            tb_expect_copies(b, before[g], 0x01);
            tb_expect_copies(b, after[g], 0xc0);
        }
        tb_free(b);
    }
}

/* Unicast entries do not use the read port: every port's unicast in one
 * cycle leaves after the zero-load latency. */
static void test_sram_unicast_needs_no_read_port(void **state)
{
    (void)state;
    for (unsigned L = 1; L <= 4; L++) {
        tb *b = tb_new_default(64, 1024, 2, L);
        int k[64];
        for (unsigned p = 0; p < 64; p++)
            k[p] = tb_send(b, p, 3, tb_hdr(0, 63 - p, 7, p), NULL);
        tb_run(b, 10000);
        for (unsigned p = 0; p < 64; p++) {
            tb_expect_copies(b, k[p], 1ULL << (63 - p));
            assert_int_equal(b->pkt[k[p]].first_out, 3 + fo_zero_load_latency(&b->p));
        }
        tb_free(b);
    }
}

/* A lookup issued at the commit cycle reads the old word, one issued the
 * cycle after reads the new one (multicast header accepted at commit-1 and
 * at commit, zero load: lookup at acceptance + 1). */
static void test_sram_read_sees_only_earlier_cycles_writes(void **state)
{
    (void)state;
    for (unsigned L = 1; L <= 4; L++) {
        tb *b = tb_new_default(8, 1024, 16, L);
        tb_command(b, 0, FO_OP_WRITE, 9, 0x06);          /* commits at L */
        tb_command(b, 20, FO_OP_WRITE, 9, 0x30);         /* commits at 20+L */
        int a = tb_send(b, 0, 20 + L - 1, tb_hdr(1, 9, 2, 1), NULL);
        int c = tb_send(b, 1, 20 + L, tb_hdr(1, 9, 2, 2), NULL);
        tb_run(b, 1000);
        assert_int_equal(b->cmd[1].commit, 20 + L);
        assert_int_equal(b->pkt[a].acc, 20 + L - 1);
        assert_int_equal(b->pkt[c].acc, 20 + L);
        tb_expect_copies(b, a, 0x06);
        tb_expect_copies(b, c, 0x30);
        tb_free(b);
    }
}

/* At reset every word is 0 (back door, and through the read command). */
static void test_sram_reset_every_word_empty(void **state)
{
    (void)state;
    const unsigned ng[] = { 1024, 65536 };
    for (unsigned i = 0; i < 2; i++) {
        tb *b = tb_new_default(64, ng[i], 0, 0);
        for (unsigned g = 0; g < ng[i]; g++)
            assert_int_equal(fo_model_group(b->m, g), 0);
        for (unsigned g = 0; g < ng[i]; g += 97)
            tb_command(b, 0, FO_OP_READ, g, 0);
        tb_command(b, 0, FO_OP_READ, ng[i] - 1, 0);
        tb_run(b, 100000);
        for (size_t j = 0; j < b->ncmd; j++)
            assert_int_equal(b->cmd[j].word, 0);
        tb_free(b);
    }
}

/* Config reads use their own SRAM copy: commands every cycle to other groups
 * change neither the acceptance nor the leave cycle of any multicast. */
static void test_sram_config_does_not_steal_lookups(void **state)
{
    (void)state;
    uint64_t acc[2][256], out[2][256];
    for (int with = 0; with < 2; with++) {
        tb *b = tb_new_default(8, 1024, 4, 2);
        for (unsigned g = 0; g < 8; g++)
            tb_command(b, 0, FO_OP_WRITE, g, 0xffULL ^ (1ULL << g));
        if (with)
            for (unsigned i = 0; i < 400; i++) {
                unsigned op = i % 5 == 4 ? FO_OP_READ : i % 4;
                tb_command(b, 20, op, 500 + i % 37, op == FO_OP_WRITE ? 0x55 : i % 8);
            }
        uint64_t r = 7;
        for (unsigned i = 0; i < 256; i++)
            tb_send(b, i % 8, 20, tb_hdr(1, (unsigned)(tb_rand(&r) % 8), (unsigned)(tb_rand(&r) % 4), i), NULL);
        tb_run(b, 100000);
        for (unsigned i = 0; i < 256; i++) {
            acc[with][i] = b->pkt[8 * 0 + i].acc;
            out[with][i] = b->pkt[i].first_out;
        }
        tb_free(b);
    }
    for (unsigned i = 0; i < 256; i++) {
        assert_int_equal(acc[0][i], acc[1][i]);
        assert_int_equal(out[0][i], out[1][i]);
    }
}

/* With ngroups 1024 the last group is 1023 and works like any other. */
static void test_sram_last_group_of_small_table(void **state)
{
    (void)state;
    tb *b = tb_new_default(4, 1024, 2, 1);
    tb_command(b, 0, FO_OP_WRITE, 1023, 0xa);
    tb_command(b, 0, FO_OP_WRITE, 0, 0x5);
    int k0 = tb_send(b, 2, 5, tb_hdr(1, 1023, 1, 1), NULL);
    int k1 = tb_send(b, 2, 5, tb_hdr(1, 0, 1, 2), NULL);
    tb_run(b, 1000);
    tb_expect_copies(b, k0, 0xa);
    tb_expect_copies(b, k1, 0x5);
    tb_free(b);
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_sram_one_multicast_lookup_per_engine_per_cycle_round_robin),
    cmocka_unit_test(test_sram_commit_seen_by_every_engine_same_cycle),
    cmocka_unit_test(test_sram_unicast_needs_no_read_port),
    cmocka_unit_test(test_sram_read_sees_only_earlier_cycles_writes),
    cmocka_unit_test(test_sram_reset_every_word_empty),
    cmocka_unit_test(test_sram_config_does_not_steal_lookups),
    cmocka_unit_test(test_sram_last_group_of_small_table),
};

TB_MAIN("group_sram", tests)
