/* test_stim_write.c -- fo_stim_write, the one writer of the stimulus format
 * (`fanout gen`, `bench --out`, a kept reseed): a stimulus written and read
 * back is the stimulus, field by field, its events in their file order; and
 * what gen writes through it (terse params, comments, notes) comes out as
 * meant. */
#include "tb.h"
#include "fanout_io.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

static void assert_same_stim(const fo_stim *a, const fo_stim *b)
{
    assert_memory_equal(&a->params, &b->params, sizeof a->params);
    assert_int_equal(a->npkts, b->npkts);
    assert_int_equal(a->ncmds, b->ncmds);
    assert_int_equal(a->nstalls, b->nstalls);
    assert_int_equal(a->last_cycle, b->last_cycle);
    /* packets of one port keep their order; compare them port by port */
    for (unsigned p = 0; p < a->params.nports; p++) {
        size_t i = 0, j = 0;
        for (;;) {
            while (i < a->npkts && a->pkts[i].port != p) i++;
            while (j < b->npkts && b->pkts[j].port != p) j++;
            if (i == a->npkts || j == b->npkts)
                break;
            const fo_stim_pkt *x = &a->pkts[i++], *y = &b->pkts[j++];
            assert_int_equal(x->cycle, y->cycle);
            assert_int_equal(x->hdr, y->hdr);
            assert_int_equal(!x->flits, !y->flits);
            if (x->flits)
                assert_memory_equal(x->flits, y->flits, FO_HDR_LEN(x->hdr) * sizeof *x->flits);
            else
                assert_int_equal(x->seed, y->seed);
        }
        assert_true(i == a->npkts && j == b->npkts);
    }
    for (size_t i = 0; i < a->ncmds; i++) {
        assert_int_equal(a->cmds[i].cycle, b->cmds[i].cycle);
        assert_int_equal(a->cmds[i].op, b->cmds[i].op);
        assert_int_equal(a->cmds[i].gid, b->cmds[i].gid);
        assert_int_equal(a->cmds[i].arg, b->cmds[i].arg);
    }
    for (size_t i = 0; i < a->nstalls; i++) {
        assert_int_equal(a->stalls[i].cycle, b->stalls[i].cycle);
        assert_int_equal(a->stalls[i].port, b->stalls[i].port);
        assert_int_equal(a->stalls[i].cycles, b->stalls[i].cycles);
    }
}

static void round_trip(const char *vector, const char *suffix)
{
    char in[1024], out[64];
    snprintf(in, sizeof in, "%s/%s", FANOUT_VECTORS, vector);
    snprintf(out, sizeof out, "/tmp/fo_stim_write_%d%s", (int)getpid(), suffix);
    fo_stim *a, *b;
    fo_error err = { "" };
    if (fo_stim_load(in, &a, &err))
        fail_msg("%s", err.msg);
    if (fo_stim_write(a, out, &err))
        fail_msg("%s", err.msg);
    if (fo_stim_load(out, &b, &err))
        fail_msg("%s", err.msg);
    assert_same_stim(a, b);
    fo_stim_free(a);
    fo_stim_free(b);
    unlink(out);
}

/* Every line kind: seeded and explicit payloads, all five commands, stalls. */
static void test_written_stimulus_reads_back_the_same(void **state)
{
    (void)state;
    round_trip("small/random.stim.gz", ".stim");
    round_trip("small/malformed.stim.gz", ".stim.gz");
    round_trip("small/backpressure.stim.gz", ".stim");
}

/* A file that cannot be written is an error, and leaves nothing behind. */
static void test_unwritable_stimulus_is_an_error(void **state)
{
    (void)state;
    fo_stim *a;
    fo_error err = { "" };
    char in[1024];
    snprintf(in, sizeof in, "%s/small/moe.stim.gz", FANOUT_VECTORS);
    if (fo_stim_load(in, &a, &err))
        fail_msg("%s", err.msg);
    assert_int_equal(fo_stim_write(a, "/nonexistent-dir/x.stim", &err), FO_EIO);
    assert_non_null(strstr(err.msg, "/nonexistent-dir/x.stim"));
    fo_stim_free(a);
}

/* The whole text of a (possibly gzip) file, or only its event lines. */
static char *slurp(const char *path, int events_only)
{
    gzFile f = gzopen(path, "rb");
    assert_non_null(f);
    size_t cap = 1 << 16, n = 0;
    char *t = malloc(cap), line[8192];
    assert_non_null(t);
    while (gzgets(f, line, sizeof line)) {
        if (events_only && (line[0] == '#' || !strncmp(line, "param ", 6) || !strncmp(line, "fanout-stim", 11)))
            continue;
        size_t k = strlen(line);
        if (n + k + 1 > cap) {
            cap = 2 * (n + k + 1);
            t = realloc(t, cap);
            assert_non_null(t);
        }
        memcpy(t + n, line, k);
        n += k;
    }
    t[n] = 0;
    gzclose(f);
    return t;
}

/* A stimulus read and written again keeps its file's event order line for
 * line, across kinds within one cycle too (the reader's seq). */
static void test_written_events_keep_file_order(void **state)
{
    (void)state;
    static const char *const v[] = { "small/random.stim.gz", "small/churn.stim.gz", "small/inband.stim.gz" };
    for (unsigned i = 0; i < 3; i++) {
        char in[1024], out[64];
        snprintf(in, sizeof in, "%s/%s", FANOUT_VECTORS, v[i]);
        snprintf(out, sizeof out, "/tmp/fo_stim_order_%d.stim", (int)getpid());
        fo_stim *a;
        fo_error err = { "" };
        if (fo_stim_load(in, &a, &err) || fo_stim_write(a, out, &err))
            fail_msg("%s", err.msg);
        char *x = slurp(in, 1), *y = slurp(out, 1);
        assert_string_equal(x, y);
        free(x);
        free(y);
        fo_stim_free(a);
        unlink(out);
    }
}

/* What `fanout gen` needs of the one writer: terse param lines, the header
 * comment, a packet's note, and one cycle's events in seq order whatever
 * their kind. */
static void test_terse_comment_notes_and_seq_written(void **state)
{
    (void)state;
    fo_stim *s = fo_stim_new();
    assert_non_null(s);
    s->params.nports = 8, s->params.ngroups = 1024, s->params.sram_latency = 3;
    s->terse = 1;
    s->comment = strdup("scenario test\ntwo lines");
    s->pkts = calloc(2, sizeof *s->pkts);
    s->cmds = calloc(1, sizeof *s->cmds);
    s->stalls = calloc(1, sizeof *s->stalls);
    assert_true(s->comment && s->pkts && s->cmds && s->stalls);
    s->pkts[0] = (fo_stim_pkt){ .cycle = 5, .hdr = fo_hdr_make(FO_KIND_UNICAST, 0, 0, 0, 0, 3, 0, 1),
                                .seed = 0x1234, .port = 2, .seq = 2, .note = "# expect out on 3" };
    s->pkts[1] = (fo_stim_pkt){ .cycle = 9, .hdr = fo_hdr_make(FO_KIND_UNICAST, 0, 0, 0, 0, 1, 0, 2),
                                .seed = 7, .port = 0, .seq = 3 };
    s->npkts = 2;
    s->cmds[0] = (fo_stim_cmd){ .cycle = 5, .arg = 0x81, .gid = 12, .op = FO_OP_WRITE, .seq = 1 };
    s->ncmds = 1;
    s->stalls[0] = (fo_stim_stall){ .cycle = 5, .cycles = 4, .port = 1, .seq = 0 };
    s->nstalls = 1;
    char out[64];
    snprintf(out, sizeof out, "/tmp/fo_stim_terse_%d.stim.gz", (int)getpid());
    fo_error err = { "" };
    if (fo_stim_write(s, out, &err))
        fail_msg("%s", err.msg);
    char *t = slurp(out, 0);
    char want[1024];
    snprintf(want, sizeof want,
             "fanout-stim 1\nparam nports 8\nparam ngroups 1024\nparam sram_latency 3\n"
             "# scenario test\n# two lines\n"
             "5 stall 1 4\n5 csr write 12 0000000000000081\n# expect out on 3\n"
             "5 pkt 2 %016llx seed 0000000000001234\n9 pkt 0 %016llx seed 0000000000000007\n",
             (unsigned long long)s->pkts[0].hdr, (unsigned long long)s->pkts[1].hdr);
    assert_string_equal(t, want);
    free(t);
    fo_stim *b;
    if (fo_stim_load(out, &b, &err))        /* and it reads back */
        fail_msg("%s", err.msg);
    assert_int_equal(b->params.sram_latency, 3);
    assert_int_equal(b->params.slots, FO_DEFAULT_SLOTS);
    assert_int_equal(b->npkts + b->ncmds + b->nstalls, 4);
    fo_stim_free(b);
    fo_stim_free(s);
    unlink(out);
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_written_stimulus_reads_back_the_same),
    cmocka_unit_test(test_unwritable_stimulus_is_an_error),
    cmocka_unit_test(test_written_events_keep_file_order),
    cmocka_unit_test(test_terse_comment_notes_and_seq_written),
};

TB_MAIN("stim_write", tests)
