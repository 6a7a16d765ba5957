/* test_spec_groups.c -- SPEC section 5 end to end: setup latency, in-band
 * latency, reads, commit order, atomicity, visibility, in-band order, the
 * command port, reset, and all 65536 groups. */
#include "tb.h"
#include "fanout_io.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/* Saturating multicast traffic: every port back to back to random groups
 * among `ng` (already written). */
static void saturate(tb *b, unsigned ng, unsigned per_port, uint64_t at, uint64_t seed)
{
    for (unsigned p = 0; p < b->p.nports; p++)
        for (unsigned i = 0; i < per_port; i++)
            tb_send(b, p, at, tb_hdr(1, (unsigned)(tb_rand(&seed) % ng), (unsigned)(tb_rand(&seed) % 64),
                                     (unsigned)(p * per_port + i)), NULL);
}

/* commit - acceptance == fo_setup_latency for every op, on an empty table
 * and on a full one (all 65536 groups written), idle and under saturating
 * traffic; the in-band ops in the same runs: commit - last flit ==
 * fo_inband_latency. */
static void test_setup_latency_is_constant(void **state)
{
    (void)state;
    for (int full = 0; full < 2; full++)
        for (int load = 0; load < 2; load++) {
            fo_params p;
            fo_params_default(&p);
            tb *b = tb_new(&p, 0);
            uint64_t r = 11 + full * 2 + load, t0 = 0;
            if (full) {
                for (unsigned g = 0; g < 65536; g++)
                    tb_command(b, 0, FO_OP_WRITE, g, (tb_rand(&r) & 0xffffffffULL) | 1);
                t0 = 65536;
            }
            if (load) {
                for (unsigned g = 0; g < 64 && !full; g++)
                    tb_command(b, 0, FO_OP_WRITE, g, 0x0f0f0f0fULL << (g % 4));
                saturate(b, full ? 65536 : 64, 60, t0, r);
            }
            for (unsigned i = 0; i < 500; i++) {
                unsigned op = i % 5, g = (unsigned)(tb_rand(&r) % 65536);
                uint64_t arg = op == FO_OP_WRITE ? tb_rand(&r) & 0xffffffffULL : tb_rand(&r) % 32;
                tb_command(b, t0 + 3 * i, op, g, op >= FO_OP_CLEAR ? 0 : arg);
            }
            /* in-band: one config packet every few cycles on port 31 (loaded or not) */
            for (unsigned i = 0; i < 40; i++)
                tb_cfg(b, 31, t0 + 30 * i, i % 4, 60000 + i, i % 4 == 0 ? 0xffULL : i % 32, 0x100000 + i);
            tb_run(b, 2000000);
            unsigned L = fo_setup_latency(&p);
            for (size_t i = 0; i < b->ncmd; i++)
                if (b->cmd[i].commit - b->cmd[i].acc != L)
                    fail_msg("full %d load %d: command %zu (%s gid %u) accepted %llu committed %llu", full, load,
                             i, fo_op_name(b->cmd[i].op), b->cmd[i].gid, (unsigned long long)b->cmd[i].acc,
                             (unsigned long long)b->cmd[i].commit);
            for (size_t i = 0; i < b->npkt; i++)
                if ((b->pkt[i].hdr >> 62) == 2)
                    assert_int_equal(b->pkt[i].commit - b->pkt[i].last_in, fo_inband_latency(&p));
            tb_free(b);
        }
}

/* The in-band latency alone, over SRAM_LAT 1..4, every op. */
static void test_inband_latency_is_constant(void **state)
{
    (void)state;
    for (unsigned L = 1; L <= 4; L++) {
        tb *b = tb_new_default(8, 1024, 16, L);
        fo_params p = b->p;
        for (unsigned i = 0; i < 64; i++)
            tb_cfg(b, i % 8, i * (i % 3), i % 4, i % 5, i % 4 == 0 ? (uint64_t)i : i % 8, i);
        saturate(b, 5, 10, 0, L);
        tb_run(b, 100000);
        for (size_t i = 0; i < b->npkt; i++)
            if ((b->pkt[i].hdr >> 62) == 2) {
                assert_true(b->pkt[i].commit != TB_NONE);
                assert_int_equal(b->pkt[i].commit - b->pkt[i].last_in, fo_inband_latency(&p));
            }
        tb_free(b);
    }
}

/* A read returns the bitmap of every commit before it in the trace (ours,
 * replayed from the commit lines, command and in-band mixed). */
static void test_read_returns_every_earlier_commit(void **state)
{
    (void)state;
    static uint64_t table[1024];
    tb *b = tb_new_default(8, 1024, 16, 3);
    uint64_t r = 4;
    for (unsigned i = 0; i < 2000; i++) {
        unsigned g = (unsigned)(tb_rand(&r) % 4);
        if (i % 2)
            tb_command(b, i / 2, FO_OP_READ, g, 0);
        else if (i % 6 == 0)
            tb_cfg(b, (unsigned)(tb_rand(&r) % 8), i / 2, FO_OP_ADD, g, tb_rand(&r) % 8, i);
        else
            tb_command(b, i / 2, (unsigned)(tb_rand(&r) % 4), g, i % 3 ? tb_rand(&r) % 8 : 0);
    }
    tb_run(b, 100000);
    for (size_t i = 0; i < b->ncom; i++) {
        const tb_commit *c = &b->com[i];
        uint64_t arg = c->inband ? b->pkt[c->idx].flits[0] : b->cmd[c->idx].arg;
        uint64_t want = apply(c->op, table[c->gid], arg);
        assert_int_equal(c->word, want);
        table[c->gid] = want;
    }
    tb_free(b);
}

/* Commits in one cycle take effect in trace order: replaying the commit
 * lines in order reproduces every reported bitmap, with several ports'
 * config packets and the command port all hitting one group at once. */
static void test_commits_same_cycle_order(void **state)
{
    (void)state;
    static uint64_t table[1024];
    tb *b = tb_new_default(16, 1024, 16, 2);
    for (unsigned i = 0; i < 200; i++) {
        tb_cfg(b, i % 16, 0, i % 2 ? FO_OP_ADD : FO_OP_REMOVE, 3, i % 16, i);
        if (i % 3 == 0)
            tb_command(b, 0, i % 2 ? FO_OP_REMOVE : FO_OP_ADD, 3, (i + 5) % 16);
    }
    tb_run(b, 100000);
    assert_true(b->ncom == 200 + 67);
    for (size_t i = 0; i < b->ncom; i++) {
        const tb_commit *c = &b->com[i];
        uint64_t arg = c->inband ? b->pkt[c->idx].flits[0] : b->cmd[c->idx].arg;
        uint64_t want = apply(c->op, table[c->gid], arg);
        assert_int_equal(c->word, want);
        table[c->gid] = want;
        if (i + 1 < b->ncom && b->com[i + 1].cycle == c->cycle)   /* cfg lines before csr */
            assert_true(c->inband >= b->com[i + 1].inband);
    }
    assert_int_equal(fo_model_group(b->m, 3), table[3]);
    tb_free(b);
}

/* A group rewritten every cycle between two disjoint bitmaps while packets
 * to it stream from every port: each packet's copies are exactly one of the
 * two bitmaps, never a mix (and both are seen). */
static void test_atomicity_under_rewrite(void **state)
{
    (void)state;
    for (unsigned L = 1; L <= 4; L++) {
        tb *b = tb_new_default(32, 65536, 16, L);
        fo_model_set_checks(b->m, 0);
        const uint64_t A = 0x0000ffff00ff00ffULL & 0xffffffff, B = 0xffffffffULL & ~A;
        for (unsigned i = 0; i < 3000; i++)
            tb_command(b, 0, FO_OP_WRITE, 4242, i % 2 ? B : A);
        for (unsigned p = 0; p < 32; p++)
            for (unsigned i = 0; i < 40; i++)
                tb_send(b, p, 2 + L, tb_hdr(1, 4242, (p + i) % 4, p * 40 + i), NULL);
        tb_run(b, 1000000);
        unsigned na = 0, nb = 0;
        for (size_t i = 0; i < b->npkt; i++) {
            uint64_t c = b->pkt[i].copies;
            if (c == A && b->pkt[i].ncopies == tb_popcount(A)) na++;
            else if (c == B && b->pkt[i].ncopies == tb_popcount(B)) nb++;
            else fail_msg("packet %zu: copies %016llx, neither A nor B", i, (unsigned long long)c);
        }
        assert_true(na > 0 && nb > 0);
        tb_free(b);
    }
}

/* Visibility: a multicast header accepted at the commit cycle or later sees
 * the new group; one accepted (and looked up) before sees the old one.  For
 * every op and SRAM_LAT. */
static void test_visibility_after_commit(void **state)
{
    (void)state;
    for (unsigned L = 1; L <= 4; L++)
        for (unsigned op = 0; op < 4; op++) {
            tb *b = tb_new_default(8, 1024, 16, L);
            const uint64_t old = 0x0f;
            tb_command(b, 0, FO_OP_WRITE, 9, old);
            uint64_t arg = op == FO_OP_WRITE ? 0xf0 : op == FO_OP_ADD ? 6 : 1;
            uint64_t nw = apply(op, old, arg);
            uint64_t c = 20;
            tb_command(b, c, op, 9, op == FO_OP_CLEAR ? 0 : arg);
            int before = tb_send(b, 0, c + L - 1, tb_hdr(1, 9, 3, 1), NULL);
            int at = tb_send(b, 1, c + L, tb_hdr(1, 9, 3, 2), NULL);
            int after = tb_send(b, 2, c + L + 1, tb_hdr(1, 9, 3, 3), NULL);
            tb_run(b, 1000);
            assert_int_equal(b->cmd[1].commit, c + L);
            tb_expect_copies(b, before, old);
            if (nw) {
                tb_expect_copies(b, at, nw);
                tb_expect_copies(b, after, nw);
            } else {
                tb_expect_drop(b, at, FO_DROP_EMPTY);
                tb_expect_drop(b, after, FO_DROP_EMPTY);
            }
            tb_free(b);
        }
}

/* In-band setup: data right behind its config packet, no wait, sees the
 * new group (the group was empty before: the data would have been dropped),
 * and is accepted the cycle after the config's last flit. */
static void test_inband_config_then_data_no_wait(void **state)
{
    (void)state;
    for (unsigned L = 1; L <= 4; L++) {
        tb *b = tb_new_default(32, 65536, 16, L);
        int c[32], d[32];
        for (unsigned p = 0; p < 32; p++) {
            uint64_t bm = (0x7ULL << (p % 29)) | (1ULL << ((p + 16) % 32));
            c[p] = tb_cfg(b, p, 5, FO_OP_WRITE, 1000 + p, bm, 2 * p);
            d[p] = tb_send(b, p, 5, tb_hdr(1, 1000 + p, 16, 2 * p + 1), NULL);
            tb_send(b, p, 5, tb_hdr(1, 1000 + p, 0, 0x800 + p), NULL);
        }
        tb_run(b, 10000);
        for (unsigned p = 0; p < 32; p++) {
            uint64_t bm = (0x7ULL << (p % 29)) | (1ULL << ((p + 16) % 32));
            assert_true(b->pkt[c[p]].commit != TB_NONE);
            assert_int_equal(b->pkt[d[p]].acc, b->pkt[c[p]].last_in + 1);
            tb_expect_copies(b, d[p], bm);
            tb_expect_copies(b, d[p] + 1, bm);
        }
        tb_free(b);
    }
}

/* A config packet does not overtake data before it on its port, even when
 * that data waits for the lookup port: data before sees the old group, data
 * after the new one; with 31 other ports hammering the lookup port. */
static void test_inband_config_does_not_overtake_earlier_data(void **state)
{
    (void)state;
    for (unsigned L = 1; L <= 4; L++) {
        tb *b = tb_new_default(32, 65536, 16, L);
        fo_model_set_checks(b->m, 0);
        tb_command(b, 0, FO_OP_WRITE, 7, 0x1);
        tb_command(b, 0, FO_OP_WRITE, 8, 0xffff0000ULL);
        for (unsigned p = 1; p < 32; p++)
            for (unsigned i = 0; i < 200; i++)
                tb_send(b, p, 10, tb_hdr(1, 8, 0, p * 1000 + i), NULL);
        uint64_t cur = 0x1;
        int data[60];
        uint64_t want[60];
        for (unsigned i = 0; i < 30; i++) {
            uint64_t nw = (cur << 1) | (i % 2);
            nw &= 0xffff;
            if (!nw) nw = 2;
            data[2 * i] = tb_send(b, 0, 10, tb_hdr(1, 7, i % 3, 2 * i), NULL);
            want[2 * i] = cur;
            tb_cfg(b, 0, 10, FO_OP_WRITE, 7, nw, 0x10000 + i);
            data[2 * i + 1] = tb_send(b, 0, 10, tb_hdr(1, 7, 1, 2 * i + 1), NULL);
            want[2 * i + 1] = nw;
            cur = nw;
        }
        tb_run(b, 1000000);
        for (unsigned i = 0; i < 60; i++)
            tb_expect_copies(b, data[i], want[i]);
        tb_free(b);
    }
}

/* The command port takes one command a cycle: commands offered in one cycle
 * (stimulus file, through the driver) are accepted at c, c+1, ...: they
 * commit at c+L, c+L+1, ..., in file order. */
static void test_command_port_accepts_one_per_cycle(void **state)
{
    (void)state;
    char path[] = "/tmp/fo_cmdport_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fprintf(f, "fanout-stim 1\nparam nports 8\nparam ngroups 1024\nparam sram_latency 3\n");
    for (unsigned i = 0; i < 50; i++)
        fprintf(f, "10 csr add 5 %u\n", i % 8);
    fprintf(f, "12 csr read 5\n100 csr write 6 00000000000000ff\n100 csr read 6\n");
    fclose(f);
    fo_stim *s;
    fo_error err;
    assert_int_equal(fo_stim_load(path, &s, &err), FO_OK);
    unlink(path);
    fo_driver *d;
    assert_int_equal(fo_driver_create(s, &d), FO_OK);
    fo_model *m;
    assert_int_equal(fo_model_create(&s->params, &m, &err), FO_OK);
    fo_inputs in;
    fo_outputs out;
    uint64_t commits[64];
    unsigned nc = 0;
    uint64_t words[64];
    for (uint64_t t = 0; t < 200; t++) {
        memset(&in, 0, sizeof in);
        fo_driver_inputs(d, t, &in);
        if (t < 10 || (t >= 61 && t < 100) || t >= 102)
            assert_false(in.cmd_valid);
        else
            assert_true(in.cmd_valid);
        assert_int_equal(fo_model_step(m, &in, &out), FO_OK);
        fo_driver_taken(d, &in, out.in_ready);
        for (unsigned i = 0; i < out.nev; i++)
            if (out.ev[i].kind == FO_EV_CSR) {
                assert_true(nc < 64);
                words[nc] = out.ev[i].word;
                commits[nc++] = t;
            }
    }
    assert_int_equal(nc, 53);
    for (unsigned i = 0; i < 51; i++)
        assert_int_equal(commits[i], 10 + i + 3);
    assert_int_equal(words[50], 0xff);        /* the read, after the 50 adds */
    assert_int_equal(commits[51], 103);
    assert_int_equal(commits[52], 104);
    assert_int_equal(words[52], 0xff);
    fo_model_destroy(m);
    fo_driver_destroy(d);
    fo_stim_free(s);
}

/* At reset every group is empty: a multicast to any group is dropped
 * `empty`, and a read of any group returns 0. */
static void test_reset_groups_empty(void **state)
{
    (void)state;
    tb *b = tb_new_default(64, 65536, 16, 2);
    fo_model_set_checks(b->m, 0);
    uint64_t r = 8;
    for (unsigned i = 0; i < 64 * 20; i++)
        tb_send(b, i % 64, 0, tb_hdr(1, (unsigned)(tb_rand(&r) % 65536), 1, i), NULL);
    for (unsigned g = 0; g < 65536; g += 13)
        tb_command(b, 0, FO_OP_READ, g, 0);
    tb_run(b, 100000);
    for (size_t i = 0; i < b->npkt; i++)
        tb_expect_drop(b, (int)i, FO_DROP_EMPTY);
    for (size_t i = 0; i < b->ncmd; i++)
        assert_int_equal(b->cmd[i].word, 0);
    tb_free(b);
}

/* Every one of the 65536 groups holds its own bitmap at once: write each
 * (distinct bitmaps), then one multicast to each, in random order. */
static void test_all_65536_groups_usable(void **state)
{
    (void)state;
    tb *b = tb_new_default(32, 65536, 16, 2);
    fo_model_set_checks(b->m, 0);
    uint64_t *bm = malloc(65536 * sizeof *bm);
    unsigned *perm = malloc(65536 * sizeof *perm);
    for (unsigned g = 0; g < 65536; g++) {
        /* distinct and non-empty: 16 bits of g, spread, plus a high marker */
        bm[g] = ((uint64_t)g & 0xffff) | ((uint64_t)(g >> 8 & 0xff) << 16) | (1ULL << 31);
        tb_command(b, 0, FO_OP_WRITE, g, bm[g]);
        perm[g] = g;
    }
    uint64_t r = 77;
    for (unsigned g = 65535; g > 0; g--) {
        unsigned j = (unsigned)(tb_rand(&r) % (g + 1)), x = perm[g];
        perm[g] = perm[j];
        perm[j] = x;
    }
    int *k = malloc(65536 * sizeof *k);
    for (unsigned i = 0; i < 65536; i++)
        k[i] = tb_send(b, i % 32, 65540, tb_hdr(1, perm[i], 0, i), NULL);
    tb_run(b, 5000000);
    for (unsigned i = 0; i < 65536; i++)
        tb_expect_copies(b, k[i], bm[perm[i]]);
    for (unsigned g = 0; g < 65536; g++)
        assert_int_equal(fo_model_group(b->m, g), bm[g]);
    free(k);
    free(perm);
    free(bm);
    tb_free(b);
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_setup_latency_is_constant),
    cmocka_unit_test(test_inband_latency_is_constant),
    cmocka_unit_test(test_read_returns_every_earlier_commit),
    cmocka_unit_test(test_commits_same_cycle_order),
    cmocka_unit_test(test_atomicity_under_rewrite),
    cmocka_unit_test(test_visibility_after_commit),
    cmocka_unit_test(test_inband_config_then_data_no_wait),
    cmocka_unit_test(test_inband_config_does_not_overtake_earlier_data),
    cmocka_unit_test(test_command_port_accepts_one_per_cycle),
    cmocka_unit_test(test_reset_groups_empty),
    cmocka_unit_test(test_all_65536_groups_usable),
};

TB_MAIN("spec_groups", tests)
