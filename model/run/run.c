/* run.c -- the run loop shared by `model`, `rtl`, `cosim`, `stats`,
 * `regress` and `bench`: drive the stimulus cycle by cycle, step the switch,
 * write or compare the trace, and watch for a hang. */
#define _POSIX_C_SOURCE 200809L
#include "run.h"
#include "stats_math.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

double fo_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

void fo_run_opts_default(fo_run_opts *o)
{
    memset(o, 0, sizeof *o);
    o->label = "run";
    o->hang_cycles = 1000000;
    o->stop_at = UINT64_MAX;
}

/* ---- lock-step comparison ---------------------------------------------- */

static void describe(char *buf, size_t n, uint64_t t, const fo_event *ev)
{
    if (ev->kind == FO_EV_OUTEND)
        snprintf(buf, n, "last flit out on port %u, payload crc %08x", ev->port, ev->crc);
    else
        fo_trace_format(buf, n, t, ev, ev->crc);
}

/* Where a mismatch is: the pin, its port, the packet's ingress and egress. */
static void locate(fo_run_result *r, const char *pin, int port, int ingress, int egress, int config)
{
    snprintf(r->mismatch_pin, sizeof r->mismatch_pin, "%s", pin);
    r->mismatch_port = port;
    r->mismatch_ingress = ingress;
    r->mismatch_egress = egress;
    r->mismatch_config = config;
}

/* The lowest set bit of w, as an int. */
static int low_bit(uint64_t w) { return w ? __builtin_ctzll(w) : -1; }

/* A header's ingress port (the src field every copy carries). */
static int src_of(uint64_t hdr) { return (int)FO_HDR_SRC(hdr); }

/* An event that differs: its pin and ports.  last_src[e]: the ingress port
 * of the copy leaving egress e (for a payload crc). */
static void locate_event(fo_run_result *r, const fo_event *ev, const int *last_src)
{
    int p = ev->port;
    switch (ev->kind) {
    case FO_EV_ACC:  locate(r, "in_ready", p, p, -1, 0); break;
    case FO_EV_DROP: locate(r, "", -1, p, -1, 0); break;
    case FO_EV_CFG:  locate(r, "commit_bitmap", (int)(ev->gid & (r->banks - 1)), p, -1, 1); break;
    case FO_EV_CSR:  locate(r, "commit_bitmap", (int)(ev->gid & (r->banks - 1)), -1, -1, 1); break;
    case FO_EV_OUT:  locate(r, "out_data", p, src_of(ev->word), p, 0); break;
    default:         locate(r, "out_data", p, last_src[p], p, 0); break;
    }
}

/* A golden trace line that differs ("C KIND PORT ..."): its cycle and place. */
static void locate_line(fo_run_result *r, const char *msg)
{
    const char *q = strstr(msg, "expected '");
    unsigned long long c, w;
    unsigned port, gid;
    char kind[8], op[8];
    if (!q || sscanf(q + 10, "%llu %7s", &c, kind) != 2)
        return;
    r->mismatch_cycle = c;
    int n = sscanf(q + 10, "%*u %*s %u %llx", &port, &w);
    if (!strcmp(kind, "out") && n == 2)
        locate(r, "out_data", (int)port, src_of(w), (int)port, 0);
    else if ((!strcmp(kind, "acc") || !strcmp(kind, "drop")) && n >= 1)
        locate(r, !strcmp(kind, "acc") ? "in_ready" : "", (int)port, (int)port, -1, 0);
    else if (!strcmp(kind, "cfg") && sscanf(q + 10, "%*u %*s %u %7s %u", &port, op, &gid) == 3)
        locate(r, "commit_bitmap", (int)(gid & (r->banks - 1)), (int)port, -1, 1);
    else if (!strcmp(kind, "csr") && sscanf(q + 10, "%*u %*s %7s %u", op, &gid) == 2)
        locate(r, "commit_bitmap", (int)(gid & (r->banks - 1)), -1, -1, 1);
}

static int mismatch(fo_error *err, uint64_t t, const char *name, const char *field, uint64_t got,
                    uint64_t exp)
{
    snprintf(err->msg, sizeof err->msg, "cycle %llu: %s: %s 0x%llx, expected 0x%llx",
             (unsigned long long)t, field, name, (unsigned long long)got, (unsigned long long)exp);
    return FO_EMISMATCH;
}

/* The egress port e whose pins differ: the ingress of the copy on it. */
static int ingress_at(const fo_outputs *a, const fo_outputs *b, int e, const int *last_src)
{
    if ((b->out_sop >> e) & 1)
        return src_of(b->out_hdr[e]);
    if ((a->out_sop >> e) & 1)
        return src_of(a->out_hdr[e]);
    return last_src[e];
}

static int compare(uint64_t t, const fo_inputs *in, const char *name, const fo_outputs *a,
                   const fo_outputs *b, const int *last_src, fo_run_result *r, fo_error *err)
{
    char f[64];
    uint64_t v = in->in_valid;
    int e;
    if ((a->in_ready & v) != (b->in_ready & v)) {
        int p = low_bit((a->in_ready ^ b->in_ready) & v);
        locate(r, "in_ready", p, p, -1, 0);
        return mismatch(err, t, name, "in_ready (where in_valid)", a->in_ready & v, b->in_ready & v);
    }
    if (a->out_valid != b->out_valid) {
        e = low_bit(a->out_valid ^ b->out_valid);
        locate(r, "out_valid", e, ingress_at(a, b, e, last_src), e, 0);
        return mismatch(err, t, name, "out_valid", a->out_valid, b->out_valid);
    }
    if (a->out_sop != b->out_sop) {
        e = low_bit(a->out_sop ^ b->out_sop);
        locate(r, "out_data", e, ingress_at(a, b, e, last_src), e, 0);
        return mismatch(err, t, name, "out header flags", a->out_sop, b->out_sop);
    }
    for (uint64_t w = a->out_sop; w; w &= w - 1) {
        e = low_bit(w);
        snprintf(f, sizeof f, "out_data[%d] (header)", e);
        if (a->out_hdr[e] != b->out_hdr[e]) {
            locate(r, "out_data", e, src_of(b->out_hdr[e]), e, 0);
            return mismatch(err, t, name, f, a->out_hdr[e], b->out_hdr[e]);
        }
    }
    if (a->idle != b->idle) {
        locate(r, "idle", -1, -1, -1, 0);
        return mismatch(err, t, name, "idle", (uint64_t)a->idle, (uint64_t)b->idle);
    }
    for (unsigned i = 0; i < a->nev || i < b->nev; i++) {
        char ga[160] = "nothing", ex[160] = "nothing";
        if (i < a->nev)
            describe(ga, sizeof ga, t, &a->ev[i]);
        if (i < b->nev)
            describe(ex, sizeof ex, t, &b->ev[i]);
        if (i >= a->nev || i >= b->nev || fo_event_cmp(&a->ev[i], &b->ev[i])) {
            locate_event(r, i < b->nev ? &b->ev[i] : &a->ev[i], last_src);
            snprintf(err->msg, sizeof err->msg, "cycle %llu: event %u: %s '%s', expected '%s'",
                     (unsigned long long)t, i + 1, name, ga, ex);
            return FO_EMISMATCH;
        }
    }
    return FO_OK;
}

/* ---- latency bookkeeping ----------------------------------------------- */

/* Commands are accepted in order, one a cycle; their commits come in the
 * same order, so a FIFO of acceptance cycles matches them.  In-band ops
 * likewise per port: an entry per config packet from its header on (by
 * tag), its cycle set when its last flit is taken; one that the parser drops
 * (by its header or its payload flit, before or after that flit) leaves the
 * FIFO by its tag, so that it never pairs with a later packet's commit. */
#define LAT_NONE FO_LATQ_NONE

/* The FIFO's `taken` stamp: the cycle a command is offered, or the last
 * flit of a config packet taken. */
static void lat_push(fo_latq *f, uint64_t c, uint32_t tag)
{
    (void)fo_latq_push(f, (fo_latq_ent){ LAT_NONE, c, tag });   /* latency stats only; the run goes on */
}

static void lat_note(uint64_t d, uint64_t *mn, uint64_t *mx, uint64_t *n)
{
    if (!*n || d < *mn) *mn = d;
    if (!*n || d > *mx) *mx = d;
    (*n)++;
}

/* Per ingress port: how far into its packet, and the packet's header. */
typedef struct in_track { uint64_t hdr; unsigned left; } in_track;

static void track_inputs(const fo_inputs *in, uint64_t taken, in_track *tr, fo_latq *cfgq, uint64_t t)
{
    for (uint64_t w = taken; w; w &= w - 1) {
        unsigned p = (unsigned)__builtin_ctzll(w);
        uint64_t d = in->in_data[p];
        if (!tr[p].left) {                         /* a header */
            tr[p].hdr = d;
            tr[p].left = FO_HDR_LEN(d) + 1;
            if (FO_HDR_KIND(d) == FO_KIND_CONFIG)
                lat_push(&cfgq[p], LAT_NONE, FO_HDR_TAG(d));
        }
        if (--tr[p].left == 0 && FO_HDR_KIND(tr[p].hdr) == FO_KIND_CONFIG) {
            fo_latq_ent *e = fo_latq_find(&cfgq[p], FO_HDR_TAG(tr[p].hdr));
            if (e)                                 /* NULL: dropped by its header already */
                e->taken = t;
        }
    }
}

static void account(const fo_outputs *o, uint64_t t, fo_run_result *r, fo_latq *cmdq, fo_latq *cfgq)
{
    fo_latq_ent c;
    for (unsigned i = 0; i < o->nev; i++) {
        const fo_event *ev = &o->ev[i];
        switch (ev->kind) {
        case FO_EV_ACC: r->packets++; break;
        case FO_EV_OUT: r->copies++; break;
        case FO_EV_DROP:
            r->drops++;
            if (ev->stage == 1)                    /* a dropped config packet never commits */
                fo_latq_remove(&cfgq[ev->port], ev->tag);
            break;
        case FO_EV_CSR:
            r->commits++;
            if (fo_latq_pop(cmdq, &c))
                lat_note(t - c.taken, &r->setup_min, &r->setup_max, &r->setup_n);
            break;
        case FO_EV_CFG:
            r->commits++;
            if (fo_latq_pop(&cfgq[ev->port], &c) && c.taken != LAT_NONE)
                lat_note(t - c.taken, &r->inband_min, &r->inband_max, &r->inband_n);
            break;
        default: break;
        }
    }
}

/* ---- the loop ---------------------------------------------------------- */

/* On a terminal one live line, rewritten; in a log a plain line each time. */
static void progress(const fo_run_opts *o, uint64_t t, double t0, int final)
{
    double dt = fo_now() - t0;
    fprintf(stderr, "%s%s: cycle %llu, %.1f s, %.0f cycles/s%s", !o->plain ? "\r" : "", o->label,
            (unsigned long long)t, dt, dt > 0 ? (double)t / dt : 0.0,
            !o->plain && !final ? "   " : "\n");
    fflush(stderr);
}

int fo_run(const fo_stim *stim, fo_stepper *dut, fo_stepper *ref, const fo_run_opts *o,
           fo_run_result *res, fo_error *err)
{
    fo_driver *drv = NULL;
    fo_tw *tw = NULL;
    fo_inputs *in = calloc(1, sizeof *in);
    fo_outputs *a = calloc(1, sizeof *a), *b = ref ? calloc(1, sizeof *b) : NULL;
    fo_latq cmdq = { 0 }, cfgq[FO_MAX_PORTS];
    in_track *trk = calloc(FO_MAX_PORTS, sizeof *trk);
    memset(cfgq, 0, sizeof cfgq);
    memset(res, 0, sizeof *res);
    int rc = (!in || !a || (ref && !b) || !trk) ? FO_ENOMEM : fo_driver_create(stim, &drv);
    if (!rc && (o->trace || o->gold))
        rc = fo_tw_open(o->trace, o->gold, &stim->params, &tw, err);
    if (rc == FO_ENOMEM)
        snprintf(err->msg, sizeof err->msg, "out of memory");

    /* The first report after 1 s: a shorter run shows none. */
    double t0 = fo_now(), next_report = t0 + 1.0;
    uint64_t t = 0, quiet = 0;
    int last_src[FO_MAX_PORTS], reported = 0;
    for (unsigned e = 0; e < FO_MAX_PORTS; e++)
        last_src[e] = -1;
    res->mismatch_port = res->mismatch_ingress = res->mismatch_egress = -1;
    res->banks = fo_cfg_banks(&stim->params);
    for (; !rc; t++) {
        fo_driver_inputs(drv, t, in);
        if (in->cmd_valid)
            lat_push(&cmdq, t, 0);
        /* In lock-step each stepper is timed apart, so that their speeds are
         * compared in one run; alone, the clock is not read every cycle. */
        fo_stepper *failed = NULL;
        if (ref && o->expect) {              /* ref first: the dut shows its outputs */
            double s0 = fo_now();
            failed = ref->step(ref->obj, in, b) ? ref : NULL;
            double s1 = fo_now();
            if (!failed) {
                o->expect(o->expect_ctx, b);
                failed = dut->step(dut->obj, in, a) ? dut : NULL;
            }
            res->ref_seconds += s1 - s0;
            res->dut_seconds += fo_now() - s1;
        } else {
            double s0 = ref ? fo_now() : 0.0;
            failed = dut->step(dut->obj, in, a) ? dut : NULL;
            double s1 = ref ? fo_now() : 0.0;
            if (!failed && ref && ref->step(ref->obj, in, b))
                failed = ref;
            if (ref) {
                res->dut_seconds += s1 - s0;
                res->ref_seconds += fo_now() - s1;
            }
        }
        if (failed) {
            snprintf(err->msg, sizeof err->msg, "cycle %llu: %s: %s", (unsigned long long)t,
                     failed->name, failed->error ? failed->error(failed->obj) : "step failed");
            res->mismatch_cycle = t;
            rc = FO_EMISMATCH;
            break;
        }
        if (ref && !o->no_compare && (rc = compare(t, in, dut->name, a, b, last_src, res, err))) {
            res->mismatch_cycle = t;
            break;
        }
        if (a->idle && fo_driver_done(drv))
            break;                                   /* t is the end cycle */
        track_inputs(in, in->in_valid & a->in_ready, trk, cfgq, t);
        account(a, t, res, &cmdq, cfgq);
        if (o->observe)
            o->observe(o->observe_ctx, t, in, ref && o->observe_ref ? b : a);
        for (unsigned i = 0; i < a->nev; i++)
            if (a->ev[i].kind == FO_EV_OUT)
                last_src[a->ev[i].port] = src_of(a->ev[i].word);
        if (tw && (rc = fo_tw_cycle(tw, t, a->ev, a->nev, err))) {
            res->mismatch_cycle = t;
            if (rc == FO_EMISMATCH)
                locate_line(res, err->msg);
            break;
        }
        fo_driver_taken(drv, in, a->in_ready);
        quiet = (a->nev || in->in_valid || fo_driver_stalled(drv)) ? 0 : quiet + 1;
        if (quiet >= o->hang_cycles && !a->idle) {
            snprintf(err->msg, sizeof err->msg, "cycle %llu: no progress for %llu cycles (switch not "
                     "idle, nothing offered, no stall): hang", (unsigned long long)t,
                     (unsigned long long)quiet);
            rc = FO_EHANG;
        }
        if (t >= o->stop_at)
            break;
        if (o->progress && (t & 0xfff) == 0 && fo_now() > next_report) {
            progress(o, t, t0, 0);
            next_report = fo_now() + (o->plain ? 10.0 : 0.5);
            reported = 1;
        }
    }
    res->cycles = t;
    res->seconds = fo_now() - t0;
    if (!ref)
        res->dut_seconds = res->seconds;
    if (o->progress && reported)
        progress(o, t, t0, 1);
    if (!rc && tw && t < o->stop_at) {
        rc = fo_tw_finish(tw, t, err);
        tw = NULL;
        if (rc == FO_EMISMATCH) {
            res->mismatch_cycle = t;
            locate_line(res, err->msg);
        }
    }
    fo_tw_abort(tw);
    fo_driver_destroy(drv);
    free(in);
    free(a);
    free(b);
    free(trk);
    fo_latq_free(&cmdq);
    for (unsigned p = 0; p < FO_MAX_PORTS; p++)
        fo_latq_free(&cfgq[p]);
    return rc;
}

int fo_run_model(const fo_stim *stim, const fo_run_opts *o, fo_run_result *res, fo_error *err)
{
    fo_sim m;
    int rc = fo_sim_open(&m, FO_SIM_MODEL, &stim->params, NULL, err);
    if (rc)
        return rc;
    rc = fo_run(stim, &m.s, NULL, o, res, err);
    fo_sim_close(&m);
    return rc;
}
