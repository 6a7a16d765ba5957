/* cmd_bench.c -- `fanout bench`: the figures of SPEC section 8, measured
 * side by side, each against its target (docs/benchmarks.md).
 *
 * Every figure but simulation speed is a cycle count of the C model, exact
 * and the same on every machine.  The model and the RTL agree cycle for
 * cycle (the golden vectors and the co-simulation tests hold them to it), so
 * these are the RTL's cycle counts too; `--out DIR` writes each workload's
 * stimulus so that any of them can be rerun through `fanout cosim`.  Speed is
 * wall-clock, so only the ratio of the model's and the RTL's speed, measured
 * in one run on one stimulus, is compared with a target. */
#define _POSIX_C_SOURCE 200809L
#include "verbs.h"
#include "args.h"
#include "bench.h"
#include "gen.h"
#include "run.h"
#include "inband_wait.h"
#include "stats_math.h"
#include "fanout_rtl.h"
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char USAGE[] =
    "usage: fanout bench [--quick] [--seed N] [--out DIR] [--no-rtl]\n"
    "  Measures the headline figures (SPEC section 8) at the default parameters\n"
    "  (32 ports, 65,536 groups) and prints them in a table, each against its\n"
    "  target: setup latency (command port and in-band), zero-load latency,\n"
    "  efficiency under saturating load, efficiency over packet shape (len x\n"
    "  fan-out, disjoint and overlapping groups), per-token in-band setup at\n"
    "  saturation (efficiency; the sender-side wait from the last flit offered\n"
    "  to the commit, beside the commit latency after the flit is taken), MoE\n"
    "  dispatch with multicast against one unicast copy per member port,\n"
    "  device-limited routing, and the simulation speed of the model and the\n"
    "  Verilated RTL on the same stimulus.\n"
    "  Cycle figures are exact; speeds are simulated cycles per CPU second of\n"
    "  this process, compared as a ratio measured in the same run.\n"
    "  Percentiles are nearest-rank (p = the ceil(p n / 100)-th smallest), as in\n"
    "  `fanout stats`.\n"
    "  --quick    smaller workloads (seconds; what CI runs)\n"
    "  --seed N   workload seed (default 1)\n"
    "  --out DIR  also write DIR/table.md, the plot data (DIR/*.dat) and every\n"
    "             workload's stimulus (DIR/stim/NAME.stim.gz)\n"
    "  --no-rtl   leave the RTL out of the speed figure\n"
    "  Exit status 1 if a run broke a check (a copy lost, duplicated or dropped).\n";

/* ---- Options and the table -------------------------------------------- */

enum { R_PASS = 0, R_MISS, R_INFO };

typedef struct brow {
    char figure[96], measured[96], target[40];
    int  result;
} brow;

typedef struct bctx {
    int quick, rtl;
    uint64_t seed;
    const char *out;
    fo_params p;                   /* the default parameters */
    brow row[128];
    unsigned nrow;
    /* setup latencies over every run (command port, in-band) */
    uint64_t setup_min, setup_max, setup_n, inband_min, inband_max, inband_n;
    fo_error err;
} bctx;

static void row(bctx *b, int result, const char *fig, const char *target, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

static void row(bctx *b, int result, const char *fig, const char *target, const char *fmt, ...)
{
    if (b->nrow == sizeof b->row / sizeof b->row[0])
        return;
    brow *r = &b->row[b->nrow++];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->measured, sizeof r->measured, fmt, ap);
    va_end(ap);
    snprintf(r->figure, sizeof r->figure, "%s", fig);
    snprintf(r->target, sizeof r->target, "%s", target);
    r->result = result;
}

static const char *result_name(int r) { return r == R_PASS ? "pass" : r == R_MISS ? "MISS" : "-"; }

static void progress(const char *what)
{
    if (isatty(2))
        fprintf(stderr, "\rbench: %-60s", what);
}

/* ---- Measuring one run -------------------------------------------------- */

typedef struct bmeas {
    const bload *bl;
    uint64_t *first;               /* per token: its first header accepted */
    uint64_t *hdr_out;             /* per token: its first copy's header out */
    uint64_t *done;                /* per token: the last flit of its last copy out */
    uint32_t  cur[FO_MAX_PORTS];   /* per egress: the token of the copy on the wire */
    uint64_t  in_flits[FO_MAX_PORTS];    /* flits taken on each ingress */
    uint64_t  out_flits[FO_MAX_PORTS];   /* flits out of each egress (whole copies) */
    uint64_t  copies, drops, strays, last_flit;
    fo_inband_wait iw;             /* in-band setup: sender-side wait, commit latency */
    fo_run_result res;
} bmeas;

static void observe(void *ctx, uint64_t t, const fo_inputs *in, const fo_outputs *o)
{
    bmeas *m = ctx;
    const bload *bl = m->bl;
    for (uint64_t w = in->in_valid & o->in_ready; w; w &= w - 1)
        m->in_flits[__builtin_ctzll(w)]++;
    fo_iw_cycle(&m->iw, t, in, o);
    for (unsigned i = 0; i < o->nev; i++) {
        const fo_event *e = &o->ev[i];
        uint32_t tag = e->kind == FO_EV_OUT ? FO_HDR_TAG(e->word) : e->tag;
        if ((e->kind == FO_EV_ACC || e->kind == FO_EV_OUT) && tag >= bl->ntags) {
            m->strays++;                   /* a tag the workload never sent */
            continue;
        }
        switch (e->kind) {
        case FO_EV_ACC:
            if (m->first[bl->tok[tag]] == BL_NONE)
                m->first[bl->tok[tag]] = t;
            break;
        case FO_EV_OUT:
            m->cur[e->port] = bl->tok[tag];
            m->out_flits[e->port] += 1 + FO_HDR_LEN(e->word);
            m->copies++;
            if (m->hdr_out[bl->tok[tag]] == BL_NONE)
                m->hdr_out[bl->tok[tag]] = t;
            break;
        case FO_EV_OUTEND: {
            uint64_t *d = &m->done[m->cur[e->port]];
            if (*d == BL_NONE || *d < t)
                *d = t;
            if (t > m->last_flit)
                m->last_flit = t;
            break;
        }
        case FO_EV_DROP: m->drops++; break;
        default: break;
        }
    }
}

static void meas_free(bmeas *m)
{
    free(m->first);
    free(m->hdr_out);
    free(m->done);
    m->first = m->hdr_out = m->done = NULL;
    fo_iw_free(&m->iw);
}

/* What the run carried must be what the workload needs: every copy out
 * once, nothing dropped, every link's load as planned. */
static int verify(const bmeas *m, const char *name, fo_error *err)
{
    const bload *bl = m->bl;
    const char *what = NULL;
    unsigned q = 0;
    if (m->drops) what = "packets dropped";
    else if (m->strays) what = "copies of packets never sent";
    else if (m->copies != bl->copies) what = "copies out differ from copies due";
    for (; !what && q < bl->s->params.nports; q++)
        if (m->out_flits[q] != bl->out_flits[q]) what = "an egress link's flits differ from its load";
        else if (m->in_flits[q] != bl->in_flits[q]) what = "an ingress link's flits differ from its load";
    for (size_t k = 0; !what && k < bl->ntok; k++)
        if (m->done[k] == BL_NONE) what = "a token never fully delivered";
    if (!what && (m->iw.fail || m->iw.unpaired || m->iw.packets != bl->configs ||
                  m->iw.wait.n != bl->configs || m->iw.lat.n != bl->configs))
        what = "in-band commits differ from the config packets sent";
    if (!what)
        return FO_OK;
    snprintf(err->msg, sizeof err->msg, "bench: %s: check failed: %s (copies %llu of %llu, drops %llu)",
             name, what, (unsigned long long)m->copies, (unsigned long long)bl->copies,
             (unsigned long long)m->drops);
    return FO_EMISMATCH;
}

static int keep_stim(const bctx *b, const bload *bl, const char *name)
{
    if (!b->out)
        return FO_OK;
    char path[1024];
    fo_error e;
    snprintf(path, sizeof path, "%s/stim/%s.stim.gz", b->out, name);
    int rc = fo_stim_write(bl->s, path, &e);
    if (rc)
        fprintf(stderr, "%s\n", e.msg);
    return rc;
}

static void note_setup(bctx *b, const fo_run_result *r)
{
    if (r->setup_n) {
        if (!b->setup_n || r->setup_min < b->setup_min) b->setup_min = r->setup_min;
        if (r->setup_max > b->setup_max) b->setup_max = r->setup_max;
        b->setup_n += r->setup_n;
    }
    if (r->inband_n) {
        if (!b->inband_n || r->inband_min < b->inband_min) b->inband_min = r->inband_min;
        if (r->inband_max > b->inband_max) b->inband_max = r->inband_max;
        b->inband_n += r->inband_n;
    }
}

/* Runs workload bl through the C model, measuring every token. */
static int run_model(bctx *b, const bload *bl, const char *name, bmeas *m)
{
    memset(m, 0, sizeof *m);
    m->bl = bl;
    fo_iw_init(&m->iw);
    size_t n = bl->ntok ? bl->ntok : 1;
    m->first = malloc(n * sizeof *m->first);
    m->hdr_out = malloc(n * sizeof *m->hdr_out);
    m->done = malloc(n * sizeof *m->done);
    if (!m->first || !m->hdr_out || !m->done) {
        meas_free(m);
        snprintf(b->err.msg, sizeof b->err.msg, "out of memory");
        return FO_ENOMEM;
    }
    for (size_t k = 0; k < n; k++)
        m->first[k] = m->hdr_out[k] = m->done[k] = BL_NONE;
    progress(name);
    fo_run_opts o;
    fo_run_opts_default(&o);
    o.label = name;
    o.observe = observe;
    o.observe_ctx = m;
    int rc = keep_stim(b, bl, name);
    if (!rc)
        rc = fo_run_model(bl->s, &o, &m->res, &b->err);
    if (!rc)
        rc = verify(m, name, &b->err);
    if (!rc)
        note_setup(b, &m->res);
    else
        meas_free(m);
    return rc;
}

/* ---- Statistics ---------------------------------------------------------- */

static int cmp64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Per-token latency from `from` (first header accepted, or release when
 * NULL) to the last flit of its last copy, sorted; n tokens. */
static uint64_t *latencies(const bmeas *m, const uint64_t *from)
{
    const bload *bl = m->bl;
    uint64_t *v = malloc((bl->ntok ? bl->ntok : 1) * sizeof *v);
    if (!v)
        return NULL;
    for (size_t k = 0; k < bl->ntok; k++)
        v[k] = m->done[k] + 1 - (from ? from[k] : bl->tk[k].release);
    qsort(v, bl->ntok, sizeof *v, cmp64);
    return v;
}

/* Nearest-rank percentile of a sorted array (stats_math.h: the rule
 * `fanout stats` uses too). */
static uint64_t pct(const uint64_t *v, size_t n, unsigned percent) { return fo_pct(v, n, percent); }

/* Cycles from t0 through the last flit out. */
static uint64_t span(const bmeas *m) { return m->last_flit + 1 - m->bl->t0; }

static FILE *data_file(const bctx *b, const char *name)
{
    if (!b->out)
        return NULL;
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", b->out, name);
    FILE *f = fopen(path, "w");
    if (!f)
        fprintf(stderr, "bench: %s: cannot write: %s\n", path, strerror(errno));
    return f;
}

/* ---- The figures ------------------------------------------------------- */

/* Device-limited routing: a sender's token is ready every this many cycles.
 * At 32 ports, unlimited top-8 multicast then loads the expert links about
 * 47%, limited unicast copies load the sender links about 80%, and
 * unlimited unicast copies would need 140% of a sender link. */
#define LIMITED_PERIOD 320

static int fig_zero_load(bctx *b)
{
    bload bl;
    bmeas m;
    int rc = bl_init(&bl, &b->p, b->seed) ? FO_ENOMEM : bl_zero_load(&bl, b->quick ? 4 : 16);
    if (!rc)
        rc = run_model(b, &bl, "zero-load", &m);
    static const char *const names[4] = { "zero-load latency, unicast len 0",
        "zero-load latency, unicast len 255", "zero-load latency, multicast len 0",
        "zero-load latency, multicast len 255" };
    uint64_t lo[4], hi[4];
    for (unsigned c = 0; c < 4; c++)
        lo[c] = UINT64_MAX, hi[c] = 0;
    for (size_t k = 0; !rc && k < bl.ntok; k++) {
        unsigned c = bl.tk[k].cls;
        uint64_t d = m.hdr_out[k] - m.first[k];
        if (d < lo[c]) lo[c] = d;
        if (d > hi[c]) hi[c] = d;
    }
    for (unsigned c = 0; !rc && c < 4; c++) {
        int ok = hi[c] <= 8 && lo[c] == hi[c] && lo[c] == lo[0];
        if (lo[c] == hi[c])
            row(b, ok ? R_PASS : R_MISS, names[c], "<= 8, any length", "%llu cycles", (unsigned long long)lo[c]);
        else
            row(b, R_MISS, names[c], "<= 8, any length", "%llu..%llu cycles (not constant)",
                (unsigned long long)lo[c], (unsigned long long)hi[c]);
    }
    if (!rc)
        meas_free(&m);
    bl_free(&bl);
    return rc;
}

static int fig_saturate(bctx *b)
{
    static const char *const names[3] = { "efficiency, saturating unicast",
        "efficiency, saturating multicast (4 members)", "efficiency, AllGather" };
    static const char *const stims[3] = { "saturate-unicast", "saturate-mc4", "saturate-allgather" };
    const unsigned per[3] = { b->quick ? 40 : 400, b->quick ? 10 : 100, b->quick ? 2 : 8 };
    int rc = FO_OK;
    for (int pat = 0; pat < 3 && !rc; pat++) {
        bload bl;
        bmeas m;
        rc = bl_init(&bl, &b->p, b->seed + 10 + (uint64_t)pat) ? FO_ENOMEM : bl_saturate(&bl, pat, per[pat]);
        if (!rc)
            rc = run_model(b, &bl, stims[pat], &m);
        if (!rc) {
            uint64_t lb = bl_bound(&bl), c = span(&m);
            double eff = (double)lb / (double)c;
            row(b, eff >= 0.98 ? R_PASS : R_MISS, names[pat], ">= 0.98", "%.4f (%llu cycles, bound %llu)",
                eff, (unsigned long long)c, (unsigned long long)lb);
            meas_free(&m);
        }
        bl_free(&bl);
    }
    return rc;
}

/* Efficiency over packet shape: len x fan-out, every port saturating, on
 * disjoint balanced groups and on random overlapping ones.  Each run is
 * sized so that its lower bound is about `flits` cycles (the busiest link's
 * load), whatever the shape: the short and narrow shapes have many packets,
 * len 255 to 32 members one per port.  A shape's target applies where
 * fan-out x (len+1) >= 16 (issue 12: there one lookup per cycle per 16
 * flits of link time or more must suffice); narrower shapes are reported. */
static const unsigned shape_len[] = { 0, 1, 3, 7, 15, 31, 255 };
static const unsigned shape_fanout[] = { 1, 2, 4, 8, 32 };
#define NLEN (sizeof shape_len / sizeof *shape_len)
#define NFAN (sizeof shape_fanout / sizeof *shape_fanout)

static int fig_shapes(bctx *b)
{
    static const char *const kind[2] = { "disjoint", "overlapping" };
    const uint64_t flits = b->quick ? 600 : 8000;
    double eff[2][NLEN][NFAN];
    int rc = FO_OK;
    for (int ov = 0; ov < 2 && !rc; ov++)
        for (unsigned f = 0; f < NFAN && !rc; f++)
            for (unsigned l = 0; l < NLEN && !rc; l++) {
                unsigned k = shape_fanout[f], len = shape_len[l];
                uint64_t per_copy = (uint64_t)(len + 1) * k;
                unsigned per_port = (unsigned)((flits + per_copy - 1) / per_copy);
                char name[64], fig[96];
                snprintf(name, sizeof name, "shape-%s-k%u-len%u", kind[ov], k, len);
                bload bl;
                bmeas m;
                rc = bl_init(&bl, &b->p, b->seed + 3000 + 100 * (uint64_t)ov + 10 * f + l)
                     ? FO_ENOMEM : bl_shape(&bl, ov, k, len, per_port);
                if (!rc)
                    rc = run_model(b, &bl, name, &m);
                if (!rc) {
                    uint64_t lb = bl_bound(&bl), c = span(&m);
                    eff[ov][l][f] = (double)lb / (double)c;
                    int judged = per_copy >= 16;
                    snprintf(fig, sizeof fig, "efficiency, %s groups, fan-out %u, len %u", kind[ov], k, len);
                    row(b, judged ? (eff[ov][l][f] >= 0.98 ? R_PASS : R_MISS) : R_INFO, fig,
                        judged ? ">= 0.98" : "(info)", "%.4f (%llu cycles, bound %llu)", eff[ov][l][f],
                        (unsigned long long)c, (unsigned long long)lb);
                    meas_free(&m);
                }
                bl_free(&bl);
            }
    FILE *f = rc ? NULL : data_file(b, "efficiency.dat");
    if (f) {
        fprintf(f, "# flits(len+1)  disjoint fan-out");
        for (unsigned i = 0; i < NFAN; i++)
            fprintf(f, " %u", shape_fanout[i]);
        fprintf(f, "  overlapping fan-out");
        for (unsigned i = 0; i < NFAN; i++)
            fprintf(f, " %u", shape_fanout[i]);
        fprintf(f, "\n");
        for (unsigned l = 0; l < NLEN; l++) {
            fprintf(f, "%u", shape_len[l] + 1);
            for (int ov = 0; ov < 2; ov++)
                for (unsigned i = 0; i < NFAN; i++)
                    fprintf(f, " %.4f", eff[ov][l][i]);
            fprintf(f, "\n");
        }
        fclose(f);
    }
    return rc;
}

/* "p50 A, p99 B, max C cycles", or "constant C cycles" when every sample
 * is C. */
static void spread(char *buf, size_t n, fo_samples *v)
{
    uint64_t lo = fo_samples_pct(v, 0), hi = fo_samples_pct(v, 100);
    if (lo == hi)
        snprintf(buf, n, "constant %llu cycles", (unsigned long long)lo);
    else
        snprintf(buf, n, "p50 %llu, p99 %llu, max %llu cycles", (unsigned long long)fo_samples_pct(v, 50),
                 (unsigned long long)fo_samples_pct(v, 99), (unsigned long long)hi);
}

/* Per-token in-band setup at saturation (issue 12, point 2): every port
 * sends (config write, 8-flit token to the 2-member group) pairs back to
 * back, with arbitrary group ids and with ids by the allocation rule.
 * Beside the efficiency, per config packet: the sender-side wait (its last
 * flit first offered on the pins to its commit) and the commit latency
 * after the switch took that flit. */
static int fig_token_setup(bctx *b)
{
    static const char *const name[2] = { "token-setup-arbitrary", "token-setup-own-bank" };
    static const char *const what[2] = { "arbitrary gids", "gids by the allocation rule" };
    int rc = FO_OK;
    for (int own = 0; own < 2 && !rc; own++) {
        bload bl;
        bmeas m;
        rc = bl_init(&bl, &b->p, b->seed + 4000 + (uint64_t)own) ? FO_ENOMEM
             : bl_token_setup(&bl, own, b->quick ? 64 : 512);
        if (!rc)
            rc = run_model(b, &bl, name[own], &m);
        if (!rc) {
            char fig[96], lat[96];
            uint64_t lb = bl_bound(&bl), c = span(&m);
            double eff = (double)lb / (double)c;
            fo_samples *w = &m.iw.wait;
            uint64_t min = fo_samples_pct(w, 0), p50 = fo_samples_pct(w, 50), p99 = fo_samples_pct(w, 99),
                     max = fo_samples_pct(w, 100);
            snprintf(fig, sizeof fig, "in-band per token, %s: efficiency", what[own]);
            row(b, own ? R_INFO : (eff >= 0.95 ? R_PASS : R_MISS), fig, own ? "(info)" : ">= 0.95",
                "%.4f (%llu cycles, bound %llu)", eff, (unsigned long long)c, (unsigned long long)lb);
            snprintf(fig, sizeof fig, "in-band per token, %s: sender-side wait", what[own]);
            /* By the rule the wait must be one constant (issue 12); arbitrary ids: a bound. */
            row(b, own ? (max <= 4 && min == max ? R_PASS : R_MISS) : (p99 <= 6 ? R_PASS : R_MISS), fig,
                own ? "<= 4, constant" : "p99 <= 6",
                "p50 %llu, p99 %llu, max %llu, min %llu cycles (%zu config packets)", (unsigned long long)p50,
                (unsigned long long)p99, (unsigned long long)max, (unsigned long long)min, w->n);
            spread(lat, sizeof lat, &m.iw.lat);
            snprintf(fig, sizeof fig, "in-band per token, %s: commit after last flit taken", what[own]);
            row(b, R_INFO, fig, "", "%s", lat);
            meas_free(&m);
        }
        bl_free(&bl);
    }
    return rc;
}

/* Efficiency and latency against offered load (the report's plot). */
static int fig_offered(bctx *b)
{
    FILE *f = data_file(b, "offered.dat");
    if (f)
        fprintf(f, "# load  eff_unicast  eff_mc4  p50_unicast  p99_unicast  p50_mc4  p99_mc4\n");
    int rc = FO_OK;
    double worst = 2.0, worst_at = 0;
    const unsigned steps = b->quick ? 4 : 10;
    for (unsigned i = 1; i <= steps && !rc; i++) {
        double load = (double)i / steps;
        double eff[2];
        uint64_t p50[2], p99[2];
        for (int mc = 0; mc < 2 && !rc; mc++) {
            bload bl;
            bmeas m;
            char name[64];
            snprintf(name, sizeof name, "offered-%s-%03u", mc ? "mc4" : "unicast", (unsigned)(load * 100 + 50));
            rc = bl_init(&bl, &b->p, b->seed + 100 * i + (uint64_t)mc) ? FO_ENOMEM
                 : bl_offered(&bl, mc, load, b->quick ? (mc ? 8 : 30) : (mc ? 40 : 150));
            if (!rc)
                rc = run_model(b, &bl, name, &m);
            if (!rc) {
                eff[mc] = (double)bl_bound(&bl) / (double)span(&m);
                uint64_t *v = latencies(&m, NULL);
                p50[mc] = v ? pct(v, bl.ntok, 50) : 0;
                p99[mc] = v ? pct(v, bl.ntok, 99) : 0;
                free(v);
                meas_free(&m);
                if (eff[mc] < worst)
                    worst = eff[mc], worst_at = load;
            }
            bl_free(&bl);
        }
        if (!rc && f)
            fprintf(f, "%.2f %.4f %.4f %llu %llu %llu %llu\n", load, eff[0], eff[1],
                    (unsigned long long)p50[0], (unsigned long long)p99[0],
                    (unsigned long long)p50[1], (unsigned long long)p99[1]);
    }
    if (f)
        fclose(f);
    if (!rc)
        row(b, R_INFO, "efficiency, offered load 0.1..1.0", "(plot)", "lowest %.4f (at load %.2f)",
            worst, worst_at);
    return rc;
}

static void cdf(const bctx *b, const char *name, const uint64_t *v, size_t n)
{
    FILE *f = data_file(b, name);
    if (!f)
        return;
    fprintf(f, "# latency_cycles  fraction_of_tokens\n");
    for (size_t i = 0; i < n; i++)
        if (i + 1 == n || v[i + 1] != v[i])
            fprintf(f, "%llu %.5f\n", (unsigned long long)v[i], (double)(i + 1) / (double)n);
    fclose(f);
}

/* MoE dispatch, all tokens ready at cycle 0: multicast with in-band setup
 * against one unicast copy per member port.  A token's dispatch latency is
 * the cycles from the start of the batch until its last copy's last flit has
 * left: when every expert it was routed to can start on it. */
static int fig_dispatch(bctx *b)
{
    bdispatch d = { 1, 0, b->quick ? 32 : 256, 0, b->seed * 7919 + 1 };
    bload bl[2];
    bmeas m[2];
    uint64_t *lat[2] = { NULL, NULL };
    int rc = FO_OK, ran = 0;
    for (int uc = 0; uc < 2 && !rc; uc++) {
        d.multicast = !uc;
        rc = bl_init(&bl[uc], &b->p, b->seed + 1000) ? FO_ENOMEM : bl_dispatch(&bl[uc], &d);
        if (!rc && !(rc = run_model(b, &bl[uc], uc ? "dispatch-unicast" : "dispatch-multicast", &m[uc])))
            ran++;
        if (!rc && !(lat[uc] = latencies(&m[uc], NULL)))
            rc = FO_ENOMEM;
    }
    if (!rc) {
        uint64_t c[2] = { span(&m[0]), span(&m[1]) }, lb[2] = { bl_bound(&bl[0]), bl_bound(&bl[1]) };
        double ratio = (double)c[1] / (double)c[0], ideal = (double)lb[1] / (double)lb[0];
        row(b, R_INFO, "MoE dispatch 8->24 ports, multicast", "", "%llu cycles (bound %llu)",
            (unsigned long long)c[0], (unsigned long long)lb[0]);
        row(b, R_INFO, "MoE dispatch 8->24 ports, unicast copies", "", "%llu cycles (bound %llu)",
            (unsigned long long)c[1], (unsigned long long)lb[1]);
        row(b, ratio >= 0.95 * ideal ? R_PASS : R_MISS, "MoE dispatch speed-up", ">= 0.95 of ideal",
            "%.3fx, ideal %.3fx: %.3f of ideal", ratio, ideal, ratio / ideal);
        size_t n = bl[0].ntok;
        row(b, R_INFO, "token delivered after, multicast", "", "p50 %llu, p99 %llu cycles",
            (unsigned long long)pct(lat[0], n, 50), (unsigned long long)pct(lat[0], n, 99));
        row(b, R_INFO, "token delivered after, unicast copies", "", "p50 %llu, p99 %llu cycles",
            (unsigned long long)pct(lat[1], n, 50), (unsigned long long)pct(lat[1], n, 99));
        cdf(b, "dispatch-multicast.dat", lat[0], n);
        cdf(b, "dispatch-unicast.dat", lat[1], bl[1].ntok);
    }
    for (int i = 0; i < 2; i++) {
        free(lat[i]);
        if (i < ran)
            meas_free(&m[i]);
        bl_free(&bl[i]);
    }
    return rc;
}

/* Device-limited routing (DeepSeek-V3 sends a token to at most 4 nodes,
 * because on a unicast fabric every copy costs the sender link): tokens ready
 * at a steady rate, routed to at most 4 expert ports or to any, sent with
 * multicast or with unicast copies.  Latency is from the token being ready
 * to its last copy's last flit out. */
typedef struct lim_run { uint64_t p50, p99, cycles; double sender_flits; } lim_run;

static int limited_run(bctx *b, int i, lim_run *out)
{
    static const char *const stims[4] = { "limited-mc-any", "limited-mc-4", "limited-uc-any", "limited-uc-4" };
    bdispatch d = { i < 2, (i & 1) ? 4u : 0u, b->quick ? 32 : 256, LIMITED_PERIOD, b->seed * 7919 + 2 };
    bload bl;
    bmeas m;
    int rc = bl_init(&bl, &b->p, b->seed + 2000) ? FO_ENOMEM : bl_dispatch(&bl, &d);
    if (!rc)
        rc = run_model(b, &bl, stims[i], &m);
    if (!rc) {
        uint64_t *v = latencies(&m, NULL), sent = 0;
        if (!v)
            rc = FO_ENOMEM;
        else {
            out->p50 = pct(v, bl.ntok, 50);
            out->p99 = pct(v, bl.ntok, 99);
            out->cycles = span(&m);
            for (unsigned q = 0; q < b->p.nports / 4; q++)
                sent += m.in_flits[q];
            out->sender_flits = (double)sent / (double)bl.ntok;
        }
        free(v);
        meas_free(&m);
    }
    bl_free(&bl);
    return rc;
}

static int fig_limited(bctx *b)
{
    static const char *const names[4] = { "multicast, top-8 on any ports", "multicast, top-8 on <= 4 ports",
                                           "unicast copies, top-8 on any ports", "unicast copies, top-8 on <= 4 ports" };
    lim_run r[4];
    int rc = FO_OK;
    for (int i = 0; i < 4 && !rc; i++)
        rc = limited_run(b, i, &r[i]);
    if (rc)
        return rc;
    for (int i = 0; i < 4; i++) {
        char fig[80];
        snprintf(fig, sizeof fig, "limited routing: %s", names[i]);
        row(b, R_INFO, fig, "", "p50 %llu, p99 %llu cycles; %.1f sender flits/token",
            (unsigned long long)r[i].p50, (unsigned long long)r[i].p99, r[i].sender_flits);
    }
    double mc = r[0].sender_flits / r[1].sender_flits, uc = r[2].sender_flits / r[3].sender_flits;
    row(b, mc == 1.0 ? R_PASS : R_MISS, "4-port limit saves the sender, multicast", "1.00x (nothing)",
        "%.2fx", mc);
    row(b, R_INFO, "4-port limit saves the sender, unicast copies", "", "%.2fx", uc);
    row(b, r[0].p99 <= r[3].p99 ? R_PASS : R_MISS, "p99: multicast any ports / unicast <= 4",
        "<= 1.00", "%.2f (%llu / %llu cycles)", (double)r[0].p99 / (double)r[3].p99,
        (unsigned long long)r[0].p99, (unsigned long long)r[3].p99);
    row(b, R_INFO, "p99 gain of the limit, multicast / unicast", "", "%.2fx / %.2fx",
        (double)r[0].p99 / (double)r[1].p99, (double)r[2].p99 / (double)r[3].p99);
    return FO_OK;
}

/* Setup latency over every command and in-band op of every run so far,
 * plus two generated scenarios that hold every op kind: `random` (all
 * features under load) and `capacity` (every group of the table written). */
static int fig_setup(bctx *b)
{
    static const char *const scen[2] = { "random", "capacity" };
    char tmp[] = "/tmp/fanout-bench-XXXXXX";
    int fd = mkstemp(tmp), rc = FO_OK;
    if (fd < 0) {
        snprintf(b->err.msg, sizeof b->err.msg, "bench: cannot create a temporary file in /tmp");
        return FO_EIO;
    }
    close(fd);
    for (int i = 0; i < 2 && !rc; i++) {
        fo_gen_opts go = { b->seed, b->p.nports, b->p.ngroups, 0, b->p };
        if (b->quick && i == 1)
            go.ngroups = 4096;         /* the whole table of a smaller switch */
        gzFile f = gzopen(tmp, "wb1");
        rc = f ? fo_gen_write(scen[i], &go, f, &b->err) : FO_EIO;
        if (f && gzclose(f) != Z_OK && !rc)
            rc = FO_EIO;
        fo_stim *st = NULL;
        if (!rc)
            rc = fo_stim_load(tmp, &st, &b->err);
        if (!rc) {
            fo_run_opts o;
            fo_run_opts_default(&o);
            fo_run_result r;
            progress(scen[i]);
            rc = fo_run_model(st, &o, &r, &b->err);
            if (!rc)
                note_setup(b, &r);
        }
        fo_stim_free(st);
    }
    unlink(tmp);
    if (rc)
        return rc;
    unsigned want = fo_setup_latency(&b->p);
    row(b, b->setup_max <= 4 && b->setup_min == b->setup_max ? R_PASS : R_MISS,
        "setup latency, command port", "<= 4, constant", "%llu..%llu cycles over %llu ops (design: %u)",
        (unsigned long long)b->setup_min, (unsigned long long)b->setup_max,
        (unsigned long long)b->setup_n, want);
    row(b, b->inband_max <= 4 && b->inband_min == b->inband_max ? R_PASS : R_MISS,
        "setup latency, in-band (last flit taken to commit)", "<= 4, constant",
        "%llu..%llu cycles over %llu ops (design: %u)",
        (unsigned long long)b->inband_min, (unsigned long long)b->inband_max,
        (unsigned long long)b->inband_n, fo_inband_latency(&b->p));
    return FO_OK;
}

/* ---- Simulation speed ---------------------------------------------------- */

typedef struct speed { double model, rtl; uint64_t cycles; } speed;

/* CPU seconds of this process: the speed figures count the time spent
 * simulating, not the time spent waiting for a core on a loaded machine. */
static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Runs the first `cycles` cycles of st on a fresh model or RTL (made and
 * destroyed outside the timing: the RTL's reset and table sweep are not
 * simulated cycles of the stimulus) and adds the CPU seconds to *sec. */
static int time_window(const fo_stim *st, int rtl, uint64_t cycles, double *sec, fo_error *err)
{
    fo_stepper s;
    fo_model *md = NULL;
    fo_rtl *r = NULL;
    fo_rtl_opts ro;
    fo_rtl_opts_default(&ro);
    int rc = rtl ? fo_rtl_create(&st->params, &ro, &r, err) : fo_model_create(&st->params, &md, err);
    if (rc)
        return rc;
    if (rtl)
        fo_rtl_stepper(r, &s);
    else
        fo_model_stepper(md, &s);
    fo_run_opts o;
    fo_run_opts_default(&o);
    o.stop_at = cycles - 1;
    fo_run_result res;
    double t0 = cpu_now();
    rc = fo_run(st, &s, NULL, &o, &res, err);
    *sec += cpu_now() - t0;
    s.destroy(s.obj);
    if (!rc && res.cycles + 1 != cycles) {
        snprintf(err->msg, sizeof err->msg, "bench: the speed stimulus ended after %llu cycles, before %llu",
                 (unsigned long long)res.cycles, (unsigned long long)cycles);
        rc = FO_EINPUT;
    }
    return rc;
}

/* The model's and (when built for p) the RTL's speed on one stimulus: every
 * port saturating 4-member multicast, the busiest load the switch carries.
 * The two are timed in alternation, round after round (an RTL window, then
 * model windows for at least half as long), so that a machine whose load
 * changes during the bench slows both alike. */
static int measure_speed(bctx *b, const fo_params *p, int rtl, uint64_t cycles, speed *sp)
{
    bload bl;
    char name[64];
    snprintf(name, sizeof name, "speed-%uports", p->nports);
    memset(sp, 0, sizeof *sp);
    sp->cycles = cycles;
    int rc = bl_init(&bl, p, b->seed + 5000) ? FO_ENOMEM : bl_saturate(&bl, BP_MC4, (unsigned)(cycles / 400 + 4));
    if (!rc)
        rc = keep_stim(b, &bl, name);
    progress(name);
    /* the 32-port RTL sweeps 65,536 words at each reset: one round there */
    unsigned rounds = rtl && p->nports <= 16 ? (b->quick ? 3 : 5) : 1, nmodel = 0;
    double rtl_s = 0, model_s = 0, min_model = (b->quick ? 0.2 : 1.0) / rounds;
    for (unsigned r = 0; r < rounds && !rc; r++) {
        double before = rtl_s, round = 0;
        if (rtl)
            rc = time_window(bl.s, 1, cycles, &rtl_s, &b->err);
        double want = rtl ? (rtl_s - before) / 2 : min_model;
        while (!rc && round < (want > min_model ? want : min_model)) {
            rc = time_window(bl.s, 0, cycles, &round, &b->err);
            nmodel++;
        }
        model_s += round;
    }
    if (!rc) {
        sp->model = model_s > 0 ? (double)nmodel * (double)cycles / model_s : 0;
        sp->rtl = rtl && rtl_s > 0 ? (double)rounds * (double)cycles / rtl_s : 0;
    }
    bl_free(&bl);
    return rc;
}

/* The RTL configurations built into this fanout (fo_rtl_configs). */
static unsigned rtl_configs(fo_params *cfg, unsigned max)
{
    char buf[1024];
    const char *s = buf;
    unsigned n = 0;
    if (!fo_rtl_built())
        return 0;
    fo_rtl_configs(buf, sizeof buf);
    while (n < max) {
        fo_params p;
        int used = 0, more = 0;
        fo_params_default(&p);
        if (sscanf(s, " nports=%u ngroups=%u slots=%u sram_latency=%u%n", &p.nports, &p.ngroups,
                   &p.slots, &p.sram_latency, &used) != 4)
            break;
        s += used;
        if (sscanf(s, " lookups=%u%n", &p.lookups, &more) == 1)   /* issue 12 */
            s += more;
        cfg[n++] = p;
        while (*s == ';' || *s == ' ')
            s++;
    }
    return n;
}

static int fig_speed(bctx *b)
{
    fo_params cfg[8];
    unsigned ncfg = b->rtl ? rtl_configs(cfg, 8) : 0;
    FILE *f = data_file(b, "speed.dat");
    if (f)
        fprintf(f, "# ports  model_cycles_per_s  rtl_cycles_per_s (- where not built)\n");
    static const unsigned ports[] = { 4, 8, 16, 32, 64 };
    int rc = FO_OK;
    for (unsigned i = 0; i < sizeof ports / sizeof *ports && !rc; i++) {
        fo_params p = b->p;
        p.nports = ports[i];
        int rtl = 0;
        for (unsigned c = 0; c < ncfg; c++)
            if (cfg[c].nports == p.nports)
                p = cfg[c], rtl = 1;
        /* the RTL at 32 ports steps ~10k cycles/s: a shorter window there */
        uint64_t cycles = b->quick ? (p.nports > 16 ? 2000 : 20000) : (p.nports > 16 ? 30000 : 200000);
        speed sp;
        rc = measure_speed(b, &p, rtl, cycles, &sp);
        if (rc)
            break;
        if (f) {
            fprintf(f, "%u %.0f ", p.nports, sp.model);
            if (rtl) fprintf(f, "%.0f\n", sp.rtl);
            else fprintf(f, "-\n");
        }
        char fig[64];
        snprintf(fig, sizeof fig, "simulation speed, %u ports", p.nports);
        if (rtl) {
            double ratio = sp.model / sp.rtl;
            row(b, ratio >= 30 ? R_PASS : R_MISS, fig, "model >= 30x RTL",
                "model %.2fM, RTL %.3fM cycles/s: %.1fx", sp.model / 1e6, sp.rtl / 1e6, ratio);
        } else if (p.nports == b->p.nports || p.nports == 8) {
            row(b, R_INFO, fig, "model >= 30x RTL", "model %.2fM cycles/s; RTL %s", sp.model / 1e6,
                b->rtl ? "not built for this configuration" : "left out (--no-rtl)");
        }
    }
    if (f)
        fclose(f);
    return rc;
}

/* ---- Output -------------------------------------------------------------- */

static void print_table(const bctx *b, FILE *f, int md)
{
    size_t w[3] = { 6, 8, 6 };
    for (unsigned i = 0; i < b->nrow; i++) {
        const brow *r = &b->row[i];
        if (strlen(r->figure) > w[0]) w[0] = strlen(r->figure);
        if (strlen(r->measured) > w[1]) w[1] = strlen(r->measured);
        if (strlen(r->target) > w[2]) w[2] = strlen(r->target);
    }
    const char *sep = md ? " | " : "  ";
    fprintf(f, "%s%-*s%s%-*s%s%-*s%sresult%s\n", md ? "| " : "", (int)w[0], "figure", sep, (int)w[1],
            "measured", sep, (int)w[2], "target", sep, md ? " |" : "");
    if (md) {
        for (int c = 0; c < 3; c++) {
            fputc('|', f);
            for (size_t k = 0; k < w[c] + 2; k++)
                fputc('-', f);
        }
        fputs("|--------|\n", f);
    }
    for (unsigned i = 0; i < b->nrow; i++) {
        const brow *r = &b->row[i];
        fprintf(f, "%s%-*s%s%-*s%s%-*s%s%-6s%s\n", md ? "| " : "", (int)w[0], r->figure, sep, (int)w[1],
                r->measured, sep, (int)w[2], r->target, sep, result_name(r->result), md ? " |" : "");
    }
}

static int make_dirs(const char *out)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/stim", out);
    if ((mkdir(out, 0777) && errno != EEXIST) || (mkdir(path, 0777) && errno != EEXIST)) {
        fprintf(stderr, "fanout bench: %s: cannot create: %s\n", path, strerror(errno));
        return 2;
    }
    return 0;
}

int fo_cmd_bench(int argc, char **argv)
{
    fo_args a;
    bctx b;
    memset(&b, 0, sizeof b);
    b.seed = 1;
    b.rtl = 1;
    fo_args_init(&a, argc, argv, "bench", USAGE);
    const char *o;
    while ((o = fo_args_next(&a))) {
        if (!strcmp(o, "--quick")) b.quick = 1;
        else if (!strcmp(o, "--no-rtl")) b.rtl = 0;
        else if (!strcmp(o, "--out")) b.out = fo_args_value(&a, o);
        else if (!strcmp(o, "--seed")) { if (fo_args_u64(&a, o, UINT32_MAX, &b.seed)) return 2; }
        else return fo_usage_error(&a, "unknown option '%s'", o);
        if (a.bad) return 2;
    }
    if (a.bad) return 2;
    if (a.npos)
        return fo_usage_error(&a, "no file arguments, please");
    if (b.out && make_dirs(b.out))
        return 2;
    fo_params_default(&b.p);
    double t0 = fo_now();
    int (*const figs[])(bctx *) = { fig_zero_load, fig_saturate, fig_shapes, fig_token_setup,
                                    fig_dispatch, fig_limited, fig_offered, fig_setup, fig_speed };
    int rc = FO_OK;
    for (size_t i = 0; i < sizeof figs / sizeof *figs && !rc; i++)
        rc = figs[i](&b);
    if (isatty(2))
        fprintf(stderr, "\r%-70s\r", "");
    if (rc) {
        fprintf(stderr, "%s\n", b.err.msg[0] ? b.err.msg : "out of memory");
        return fo_exit_code(rc);
    }
    unsigned met = 0, targets = 0;
    for (unsigned i = 0; i < b.nrow; i++)
        if (b.row[i].result != R_INFO)
            targets++, met += b.row[i].result == R_PASS;
    printf("fanout bench%s: nports %u, ngroups %u, slots %u, sram_latency %u, seed %llu\n\n",
           b.quick ? " --quick" : "", b.p.nports, b.p.ngroups, b.p.slots, b.p.sram_latency,
           (unsigned long long)b.seed);
    print_table(&b, stdout, 0);
    printf("\n%u of %u targets met; %.1f s\n", met, targets, fo_now() - t0);
    FILE *f = data_file(&b, "table.md");
    if (f) {
        print_table(&b, f, 1);
        fclose(f);
    }
    return 0;
}
