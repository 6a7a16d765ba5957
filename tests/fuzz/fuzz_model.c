/* fuzz_model.c -- fuzz target: the model driven by arbitrary stimuli.  The
 * input is parsed as a stimulus; if it loads (and is small enough to run in
 * milliseconds), the model runs it with its invariant checks on until the
 * switch is idle with nothing left to offer.  A broken invariant, a packet
 * never accepted, a command never committed, or a run past a generous bound
 * (a hang) aborts: the fuzzer reports it as a finding. */
#include "fuzz_file.h"
#include "fanout_io.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CAP_EVENTS 64      /* packets, commands, stalls each */
#define CAP_CYCLE  4096    /* last event cycle, and a stall's length */

static void finding(const char *what, uint64_t t, const char *msg)
{
    fprintf(stderr, "fuzz_model: cycle %llu: %s%s%s\n", (unsigned long long)t, what, msg ? ": " : "",
            msg ? msg : "");
    abort();
}

/* 0 if the stimulus is small enough; else the cycle by which it must end. */
static uint64_t bound(const fo_stim *s)
{
    if (s->npkts > CAP_EVENTS || s->ncmds > CAP_EVENTS || s->nstalls > CAP_EVENTS ||
        s->last_cycle > CAP_CYCLE)
        return 0;
    uint64_t start = s->last_cycle, work = 2 * s->ncmds + 16;
    for (size_t i = 0; i < s->nstalls; i++) {
        if (s->stalls[i].cycles > CAP_CYCLE)
            return 0;
        if (s->stalls[i].cycle + s->stalls[i].cycles > start)
            start = s->stalls[i].cycle + s->stalls[i].cycles;
    }
    /* every flit through one egress, one after the other, with a lookup and
     * a config hold each: far more than any schedule needs */
    for (size_t i = 0; i < s->npkts; i++)
        work += FO_HDR_LEN(s->pkts[i].hdr) + 1 + s->params.sram_latency + 4;
    return start + 4 * work + 1000;
}

static void run(const fo_stim *s, uint64_t end)
{
    fo_model *m;
    fo_driver *d;
    fo_error err = { "" };
    fo_inputs in;
    static fo_outputs out;
    if (fo_model_create(&s->params, &m, &err) || fo_driver_create(s, &d))
        finding("cannot create the model for a stimulus that loaded", 0, err.msg);
    fo_model_set_checks(m, 1);
    uint64_t acc = 0, csr = 0, t;
    for (t = 0; t <= end; t++) {
        memset(&in, 0, sizeof in);
        fo_driver_inputs(d, t, &in);
        fo_stepper st;
        fo_model_stepper(m, &st);
        if (fo_model_step(m, &in, &out))
            finding("broken invariant", t, st.error(st.obj));
        if (out.idle && fo_driver_done(d))
            break;
        for (unsigned i = 0; i < out.nev; i++) {
            acc += out.ev[i].kind == FO_EV_ACC;
            csr += out.ev[i].kind == FO_EV_CSR;
            if (out.ev[i].port >= s->params.nports)
                finding("event on a port beyond nports", t, NULL);
        }
        fo_driver_taken(d, &in, out.in_ready);
    }
    if (t > end)
        finding("hang: not idle by the bound", t, NULL);
    if (acc != s->npkts || csr != s->ncmds)
        finding("idle, but a packet was never accepted or a command never committed", t, NULL);
    fo_driver_destroy(d);
    fo_model_destroy(m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fo_stim *s;
    fo_error err = { "" };
    if (fo_stim_load(fz_file(data, size), &s, &err))
        return 0;
    uint64_t end = bound(s);
    if (end)
        run(s, end);
    fo_stim_free(s);
    return 0;
}
