/* test_cfg_engine.c -- the config engine: op semantics (command port and
 * in-band), ops to one group on consecutive cycles (forwarding), one op per
 * config bank a cycle entering, command priority on its bank, commit = entry
 * + SRAM_LAT, in order; several commits in one cycle on different banks. */
#include "tb.h"
#include <string.h>

static uint64_t apply(unsigned op, uint64_t old, uint64_t arg)
{
    switch (op) {
    case FO_OP_WRITE:  return arg;
    case FO_OP_ADD:    return old | (1ULL << arg);
    case FO_OP_REMOVE: return old & ~(1ULL << arg);
    case FO_OP_CLEAR:  return 0;
    default:           return old;
    }
}

/* Replays the commits in trace order against our own table and checks each
 * reported bitmap; commits of one cycle are on different config banks. */
static void replay_commits(const tb *b, uint64_t *table)
{
    for (size_t i = 0; i < b->ncom; i++) {
        const tb_commit *c = &b->com[i];
        uint64_t arg;
        if (c->inband) {
            const tb_pkt *k = &b->pkt[c->idx];
            arg = k->flits ? k->flits[0] : 0;
        } else {
            arg = b->cmd[c->idx].arg;
        }
        uint64_t want = apply(c->op, table[c->gid], arg);
        if (c->word != want)
            fail_msg("commit %zu (cycle %llu, %s %s gid %u): bitmap %016llx, expected %016llx", i,
                     (unsigned long long)c->cycle, c->inband ? "cfg" : "csr", fo_op_name(c->op), c->gid,
                     (unsigned long long)c->word, (unsigned long long)want);
        table[c->gid] = want;
        if (i && b->com[i - 1].cycle == c->cycle &&
            fo_cfg_bank(&b->p, b->com[i - 1].gid) == fo_cfg_bank(&b->p, c->gid))
            fail_msg("two commits on bank %u in cycle %llu", fo_cfg_bank(&b->p, c->gid),
                     (unsigned long long)c->cycle);
    }
}

/* Each op on the command port: write, add, remove, clear, read, including
 * add of a present port, remove of an absent one, and bit 63 of 64 ports. */
static void test_cfg_command_op_semantics(void **state)
{
    (void)state;
    static uint64_t table[65536];
    tb *b = tb_new_default(64, 65536, 16, 2);
    const struct { unsigned op, gid; uint64_t arg; uint64_t want; } s[] = {
        { FO_OP_READ, 7, 0, 0 },
        { FO_OP_WRITE, 7, 0x8000000000000001ULL, 0x8000000000000001ULL },
        { FO_OP_ADD, 7, 5, 0x8000000000000021ULL },
        { FO_OP_ADD, 7, 5, 0x8000000000000021ULL },
        { FO_OP_REMOVE, 7, 63, 0x21 },
        { FO_OP_REMOVE, 7, 63, 0x21 },
        { FO_OP_READ, 7, 0, 0x21 },
        { FO_OP_ADD, 65535, 63, 0x8000000000000000ULL },
        { FO_OP_CLEAR, 7, 0, 0 },
        { FO_OP_READ, 7, 0, 0 },
        { FO_OP_READ, 65535, 0, 0x8000000000000000ULL },
    };
    for (unsigned i = 0; i < sizeof s / sizeof *s; i++)
        tb_command(b, 3 * i, s[i].op, s[i].gid, s[i].arg);
    tb_run(b, 1000);
    for (unsigned i = 0; i < sizeof s / sizeof *s; i++) {
        assert_int_equal(b->cmd[i].word, s[i].want);
        assert_int_equal(b->com[i].op, s[i].op);
        assert_int_equal(b->com[i].gid, s[i].gid);
        assert_int_equal(b->com[i].inband, 0);
    }
    assert_int_equal(fo_model_group(b->m, 7), 0);
    assert_int_equal(fo_model_group(b->m, 65535), 0x8000000000000000ULL);
    replay_commits(b, table);
    tb_free(b);
}

/* Each op in-band: the cfg commit names the ingress port, op and group. */
static void test_cfg_inband_op_semantics(void **state)
{
    (void)state;
    static uint64_t table[65536];
    tb *b = tb_new_default(8, 1024, 16, 2);
    int k[5];
    k[0] = tb_cfg(b, 3, 0, FO_OP_WRITE, 1000, 0x81, 1);
    k[1] = tb_cfg(b, 3, 0, FO_OP_ADD, 1000, 4, 2);
    k[2] = tb_cfg(b, 5, 10, FO_OP_REMOVE, 1000, 0, 3);
    k[3] = tb_cfg(b, 6, 20, FO_OP_CLEAR, 1000, 0, 4);
    k[4] = tb_cfg(b, 6, 30, FO_OP_ADD, 1023, 7, 5);
    tb_run(b, 1000);
    const uint64_t want[5] = { 0x81, 0x91, 0x90, 0, 0x80 };
    const unsigned port[5] = { 3, 3, 5, 6, 6 };
    for (unsigned i = 0; i < 5; i++) {
        assert_int_equal(b->pkt[k[i]].commit_word, want[i]);
        assert_int_equal(b->com[i].inband, 1);
        assert_int_equal(b->com[i].port, port[i]);
        assert_int_equal(b->pkt[k[i]].commit - b->pkt[k[i]].last_in, 2);
        assert_int_equal(b->pkt[k[i]].ncopies, 0);        /* consumed, never forwarded */
    }
    replay_commits(b, table);
    tb_free(b);
}

/* Ops to one group on consecutive cycles each see all the earlier ones
 * (the engine forwards its own writes still in flight), for L = 1..4. */
static void test_cfg_back_to_back_same_group(void **state)
{
    (void)state;
    for (unsigned L = 1; L <= 4; L++) {
        static uint64_t table[65536];
        memset(table, 0, sizeof table);
        tb *b = tb_new_default(16, 1024, 16, L);
        const unsigned op[] = { FO_OP_ADD, FO_OP_ADD, FO_OP_ADD, FO_OP_REMOVE, FO_OP_READ, FO_OP_WRITE,
                                FO_OP_ADD, FO_OP_READ, FO_OP_CLEAR, FO_OP_ADD, FO_OP_READ, FO_OP_REMOVE,
                                FO_OP_READ };
        const uint64_t arg[] = { 0, 1, 2, 0, 0, 0xf000, 3, 0, 0, 15, 0, 15, 0 };
        for (unsigned i = 0; i < 13; i++)
            tb_command(b, 0, op[i], 77, arg[i]);
        tb_run(b, 1000);
        for (unsigned i = 0; i < 13; i++) {
            assert_int_equal(b->cmd[i].acc, i);
            assert_int_equal(b->cmd[i].commit, i + L);
        }
        assert_int_equal(b->cmd[4].word, 0x6);
        assert_int_equal(b->cmd[7].word, 0xf008);
        assert_int_equal(b->cmd[10].word, 0x8000);
        assert_int_equal(b->cmd[12].word, 0);
        replay_commits(b, table);
        tb_free(b);
    }
}

/* Command port and in-band ops mixed on a few groups, from every port:
 * commits one a cycle, each exactly SRAM_LAT after its op entered (command
 * accepted / last config flit taken), in the order they entered, and each
 * bitmap is what sequential application in trace order gives. */
static void test_cfg_mixed_ops_commit_in_entry_order(void **state)
{
    (void)state;
    for (unsigned L = 1; L <= 4; L++) {
        static uint64_t table[65536];
        memset(table, 0, sizeof table);
        tb *b = tb_new_default(8, 1024, 16, L);
        uint64_t r = 99 + L;
        for (unsigned i = 0; i < 300; i++) {
            unsigned op = (unsigned)(tb_rand(&r) % 5), gid = (unsigned)(tb_rand(&r) % 3);
            uint64_t arg = op == FO_OP_WRITE ? tb_rand(&r) & 0xff : tb_rand(&r) % 8;
            if (i % 3 == 0)
                tb_command(b, 2 * i / 3 + tb_rand(&r) % 3, op, gid, op >= FO_OP_CLEAR ? 0 : arg);
            else
                tb_cfg(b, (unsigned)(tb_rand(&r) % 8), i, op == FO_OP_READ ? FO_OP_ADD : op, gid, arg,
                       i);
        }
        tb_run(b, 100000);
        replay_commits(b, table);
        uint64_t prev_entry = 0;
        for (size_t i = 0; i < b->ncom; i++) {
            const tb_commit *c = &b->com[i];
            uint64_t entry = c->inband ? b->pkt[c->idx].last_in : b->cmd[c->idx].acc;
            assert_int_equal(c->cycle - entry, L);
            if (i)
                assert_true(entry >= prev_entry);
            prev_entry = entry;
        }
        /* every op committed */
        for (size_t i = 0; i < b->ncmd; i++)
            assert_true(b->cmd[i].commit != TB_NONE);
        for (size_t i = 0; i < b->npkt; i++)
            assert_true(b->pkt[i].commit != TB_NONE);
        tb_free(b);
    }
}

/* The command port has priority over in-band ops on its bank; in-band ops of
 * that bank take its free cycles (at most one op per bank enters a cycle). */
static void test_cfg_command_priority(void **state)
{
    (void)state;
    tb *b = tb_new_default(4, 1024, 16, 2);
    for (unsigned i = 0; i < 10; i++)
        tb_command(b, 2 * i, FO_OP_ADD, 1, i % 4);        /* cycles 0, 2, 4, ... 18 */
    int k[4];
    for (unsigned p = 0; p < 4; p++)
        k[p] = tb_cfg(b, p, 0, FO_OP_CLEAR, 5 + 4 * p, 0, p);   /* all on bank 1, as group 1 */
    tb_run(b, 1000);
    /* free cycles are 1, 3, 5, 7: ports 0..3 in turn */
    for (unsigned p = 0; p < 4; p++) {
        assert_int_equal(b->pkt[k[p]].acc, 2 * p + 1);
        assert_int_equal(b->pkt[k[p]].commit, 2 * p + 3);
    }
    tb_free(b);
}


/* Ports following the allocation rule (group ids in their own bank) send
 * (config write, 8-flit token) pairs back to back, while commands go to
 * other banks every cycle: every config packet's last flit is taken the
 * cycle it is offered (header + 1) and commits SRAM_LAT after it. */
static void test_cfg_inband_in_own_bank_commits_at_constant_latency(void **state)
{
    (void)state;
    for (unsigned L = 1; L <= 4; L++) {
        tb *b = tb_new_default(8, 1024, 16, L);
        uint64_t r = 5 + L;
        for (unsigned p = 0; p < 6; p++)
            for (unsigned j = 0; j < 40; j++) {
                unsigned gid = p + 8 * (unsigned)(tb_rand(&r) % 128);
                uint64_t m = (tb_rand(&r) & 0xff) | 1;
                tb_cfg(b, p, 0, FO_OP_WRITE, gid, m, 1000 * p + 2 * j);
                tb_send(b, p, 0, tb_hdr(1, gid, 7, 1000 * p + 2 * j + 1), NULL);
            }
        for (unsigned i = 0; i < 600; i++)           /* commands on banks 6 and 7 only */
            tb_command(b, i, i % 3 ? FO_OP_ADD : FO_OP_READ, 6 + (i & 1) + 8 * (i % 50), i % 8);
        tb_run(b, 100000);
        unsigned ncfg = 0;
        for (size_t i = 0; i < b->npkt; i++) {
            const tb_pkt *k = &b->pkt[i];
            if (FO_HDR_KIND(k->hdr) != FO_KIND_CONFIG)
                continue;
            ncfg++;
            assert_int_equal(k->last_in, k->acc + 1);       /* never held */
            assert_int_equal(k->commit, k->acc + 1 + L);
        }
        assert_int_equal(ncfg, 240);
        for (size_t i = 0; i < b->ncmd; i++)
            assert_int_equal(b->cmd[i].commit, b->cmd[i].acc + L);
        tb_free(b);
    }
}

/* A burst of commands to one bank, one every cycle: in-band ops on other
 * banks are not delayed at all; the in-band ops of the busy bank wait for
 * the burst (round-robin among themselves) and the first commits SRAM_LAT
 * after the first cycle without a command to that bank. */
static void test_cfg_command_burst_does_not_delay_other_banks(void **state)
{
    (void)state;
    tb *b = tb_new_default(8, 1024, 16, 2);
    for (unsigned i = 0; i < 30; i++)
        tb_command(b, 0, FO_OP_ADD, 3 + 8 * i, i % 8);       /* bank 3, cycles 0..29 */
    int other[8], busy[2];
    for (unsigned p = 0; p < 8; p++)
        other[p] = tb_cfg(b, p, 2, FO_OP_WRITE, p == 3 ? 11 : p, 0x10 + p, p);
    busy[0] = tb_cfg(b, 0, 10, FO_OP_CLEAR, 19, 0, 20);       /* bank 3, not in port 0's bank */
    busy[1] = tb_cfg(b, 5, 10, FO_OP_CLEAR, 27, 0, 21);       /* bank 3 */
    tb_run(b, 10000);
    for (unsigned p = 0; p < 8; p++) {
        if (p == 3)
            continue;
        assert_int_equal(b->pkt[other[p]].last_in, 3);          /* offered at 3, taken at 3 */
        assert_int_equal(b->pkt[other[p]].commit, 5);
    }
    /* port 3's write to group 11 (bank 3) waits for the burst too */
    uint64_t end = 30;                                          /* first cycle without a command */
    uint64_t c[3] = { b->pkt[other[3]].commit, b->pkt[busy[0]].commit, b->pkt[busy[1]].commit };
    uint64_t first = c[0] < c[1] ? (c[0] < c[2] ? c[0] : c[2]) : (c[1] < c[2] ? c[1] : c[2]);
    assert_int_equal(first, end + 2);
    /* then one per cycle: bounded by the waiting ops of the bank */
    assert_true(c[0] <= end + 4 && c[1] <= end + 4 && c[2] <= end + 4);
    assert_true(c[0] != c[1] && c[1] != c[2] && c[0] != c[2]);
    tb_free(b);
}

/* Ops on different banks commit in the same cycle; the trace lists them
 * cfg by port, then csr, and every one of them is applied: a multicast
 * looked up the cycle after sees all of them. */
static void test_cfg_several_commits_in_one_cycle(void **state)
{
    (void)state;
    static uint64_t table[65536];
    memset(table, 0, sizeof table);
    tb *b = tb_new_default(8, 1024, 16, 2);
    int k[7];
    for (unsigned p = 0; p < 7; p++)
        k[p] = tb_cfg(b, 6 - p, 0, FO_OP_WRITE, 6 - p + 8 * p, 1ULL << p, p);  /* own banks */
    tb_command(b, 1, FO_OP_WRITE, 15, 0x80);                                   /* bank 7 */
    int d[8];
    for (unsigned g = 0; g < 8; g++)                 /* header at 3: looked up at 4 */
        d[g] = tb_send(b, 7, 3, tb_hdr(1, g == 7 ? 15 : g + 8 * (6 - g), 0, 100 + g), NULL);
    tb_run(b, 10000);
    assert_int_equal(b->ncom, 8);
    for (size_t i = 0; i < 8; i++) {
        assert_int_equal(b->com[i].cycle, 3);
        assert_int_equal(b->com[i].inband, i < 7);
        if (i < 7)
            assert_int_equal(b->com[i].port, i);
    }
    replay_commits(b, table);
    for (unsigned p = 0; p < 7; p++)
        assert_int_equal(b->pkt[k[p]].commit, 3);
    for (unsigned g = 0; g < 8; g++)
        tb_expect_copies(b, d[g], g == 7 ? 0x80 : 1ULL << (6 - g));
    assert_int_equal(b->pkt[d[0]].acc, 3);
    tb_free(b);
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_cfg_command_op_semantics),
    cmocka_unit_test(test_cfg_inband_op_semantics),
    cmocka_unit_test(test_cfg_back_to_back_same_group),
    cmocka_unit_test(test_cfg_mixed_ops_commit_in_entry_order),
    cmocka_unit_test(test_cfg_command_priority),
    cmocka_unit_test(test_cfg_inband_in_own_bank_commits_at_constant_latency),
    cmocka_unit_test(test_cfg_command_burst_does_not_delay_other_banks),
    cmocka_unit_test(test_cfg_several_commits_in_one_cycle),
};

TB_MAIN("cfg_engine", tests)
