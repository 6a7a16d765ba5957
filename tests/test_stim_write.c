/* test_stim_write.c -- fo_stim_write (what `fanout bench --out` keeps):
 * a stimulus written and read back is the stimulus, field by field. */
#include "tb.h"
#include "fanout_io.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_written_stimulus_reads_back_the_same),
    cmocka_unit_test(test_unwritable_stimulus_is_an_error),
};

TB_MAIN("stim_write", tests)
