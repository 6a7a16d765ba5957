/* cmd_stats.c -- `fanout stats`: per-port load, latency percentiles, drops
 * by reason and setup latency, from a trace or from running a stimulus. */
#define _POSIX_C_SOURCE 200809L
#include "verbs.h"
#include "args.h"
#include "run.h"
#include "inband_wait.h"
#include "stats_math.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static const char USAGE[] =
    "usage: fanout stats FILE [--stim STIM]\n"
    "  FILE is a trace, or a stimulus: then the model runs it first, and the\n"
    "  model's speed (simulated cycles per second) is reported too.\n"
    "  Reports per-port load (copies, flits, link utilisation), latency from a\n"
    "  header's acceptance to each copy's header leaving (p50/p90/p99/max),\n"
    "  drops by reason, commits, the setup latency of commands (measured\n"
    "  against STIM's command timing when the stimulus is known), and for\n"
    "  in-band config packets the sender-side wait (last flit offered to\n"
    "  commit; from the pins when FILE is a stimulus, else header accepted +\n"
    "  len, which needs --stim) beside the commit latency after the switch\n"
    "  took the last flit (known only when FILE is a stimulus).\n"
    "  Percentiles are nearest-rank (p = the ceil(p n / 100)-th smallest), as\n"
    "  in `fanout bench`.\n";

/* (ingress port, tag) -> acceptance cycle, open addressing. */
typedef struct accmap { uint64_t *key, *val; size_t cap, n; } accmap;

static uint64_t *acc_slot(accmap *m, uint64_t key)
{
    size_t i = (size_t)((key * 0x9e3779b97f4a7c15ULL) >> 20) & (m->cap - 1);
    while (m->key[i] && m->key[i] != key)
        i = (i + 1) & (m->cap - 1);
    return &m->key[i];
}

static int acc_put(accmap *m, uint64_t key, uint64_t cycle)
{
    if (2 * (m->n + 1) > m->cap) {
        accmap b = { calloc(m->cap ? m->cap * 2 : 4096, 8), calloc(m->cap ? m->cap * 2 : 4096, 8),
                     m->cap ? m->cap * 2 : 4096, 0 };
        if (!b.key || !b.val) {
            free(b.key);
            free(b.val);
            return -1;
        }
        for (size_t i = 0; i < m->cap; i++)
            if (m->key[i]) {
                uint64_t *k = acc_slot(&b, m->key[i]);
                *k = m->key[i];
                b.val[k - b.key] = m->val[i];
                b.n++;
            }
        free(m->key);
        free(m->val);
        *m = b;
    }
    uint64_t *k = acc_slot(m, key);
    if (!*k)
        m->n++;
    *k = key;
    m->val[k - m->key] = cycle;
    return 0;
}

static void print_lat(const char *what, fo_samples *v)
{
    if (!v->n) {
        printf("%-26s none\n", what);
        return;
    }
    printf("%-26s p50 %llu  p90 %llu  p99 %llu  max %llu  min %llu  (%zu samples, cycles)\n", what,
           (unsigned long long)fo_samples_pct(v, 50), (unsigned long long)fo_samples_pct(v, 90),
           (unsigned long long)fo_samples_pct(v, 99), (unsigned long long)fo_samples_pct(v, 100),
           (unsigned long long)fo_samples_pct(v, 0), v->n);
}

/* The in-band setup of config packets: what the sender waited (from its
 * last flit offered; `how` says how that was known) and what the switch
 * took after the flit. */
static void print_inband(fo_inband_wait *iw, const char *how, unsigned design)
{
    if (!iw->packets) {
        printf("\nin-band setup: no config packets\n");
        return;
    }
    printf("\nin-band setup (%llu config packets accepted, %zu committed):\n",
           (unsigned long long)iw->packets, iw->wait.n);
    print_lat("  sender-side wait", &iw->wait);
    printf("    (cycles from the last flit offered (%s) to its commit)\n", how);
    if (iw->lat.n)
        print_lat("  commit after flit taken", &iw->lat);
    else
        printf("  commit after flit taken  design constant %u cycles (not in a trace)\n", design);
}

typedef struct port_load { uint64_t acc, drops, copies, flits, in_flits; } port_load;

/* The stimulus packets of each port in file order: the k-th header a port
 * accepts is its k-th packet (every packet offered is taken). */
typedef struct pkt_cursor { size_t next[FO_MAX_PORTS]; } pkt_cursor;

static const fo_stim_pkt *next_pkt(const fo_stim *st, pkt_cursor *c, unsigned port)
{
    size_t *i = &c->next[port];
    while (*i < st->npkts && st->pkts[*i].port != port)
        (*i)++;
    return *i < st->npkts ? &st->pkts[(*i)++] : NULL;
}

/* What `stats` accumulates, line by line, from a trace or from the events
 * of a run in memory (the same lines, never written to a file). */
typedef struct stats_acc {
    const fo_stim   *st;                    /* the stimulus, when known */
    fo_inband_wait  *pins;                  /* in-band figures from a run's pins, or NULL */
    port_load        load[FO_MAX_PORTS];
    uint64_t         reasons[FO_DROP_NREASONS], ncsr, ncfg, end;
    accmap           acc;
    fo_samples       lat, first, setup;
    fo_inband_wait   tiw;                   /* from the trace: header accepted + len */
    pkt_cursor       cur;
    int              foreign;               /* an acceptance that is not st's next packet */
    uint64_t         next_cmd, prev_acc;    /* command acceptance: max(offer, previous + 1) */
    int              fail;                  /* out of memory */
} stats_acc;

static void stats_init(stats_acc *a, const fo_stim *st, fo_inband_wait *pins)
{
    memset(a, 0, sizeof *a);
    a->st = st;
    a->pins = pins;
    fo_iw_init(&a->tiw);
}

static void stats_free(stats_acc *a)
{
    free(a->acc.key);
    free(a->acc.val);
    fo_samples_free(&a->lat);
    fo_samples_free(&a->first);
    fo_samples_free(&a->setup);
    fo_iw_free(&a->tiw);
}

/* One trace line (or the same event of a run). */
static void stats_line(stats_acc *a, fo_trace_line *ln)
{
    fo_event *e = &ln->ev;
    int rc = 0;
    switch (ln->kind) {
    case FO_EV_ACC:
        a->load[e->port].acc++;
        rc = acc_put(&a->acc, ((uint64_t)e->port << 24 | e->tag) + 1, ln->cycle << 1);
        if (a->st && !a->pins && !a->foreign) {
            const fo_stim_pkt *k = next_pkt(a->st, &a->cur, e->port);
            if (!k || FO_HDR_TAG(k->hdr) != e->tag)
                a->foreign = 1;
            else if (FO_HDR_KIND(k->hdr) == FO_KIND_CONFIG)
                fo_iw_accepted(&a->tiw, e->port, e->tag, ln->cycle + FO_HDR_LEN(k->hdr));
        }
        break;
    case FO_EV_DROP:
        a->load[e->port].drops++;
        a->reasons[e->op]++;
        /* a trace does not say which stage dropped it: any drop but
         * `empty` (data packets only) may be a config packet's */
        e->stage = e->op != FO_DROP_EMPTY;
        fo_iw_event(&a->tiw, ln->cycle, e);
        break;
    case FO_EV_OUT: {
        a->load[e->port].copies++;
        a->load[e->port].flits += 1 + FO_HDR_LEN(e->word);
        /* an out with no acc before it (a hand-made trace): no table yet */
        uint64_t key = ((uint64_t)FO_HDR_SRC(e->word) << 24 | FO_HDR_TAG(e->word)) + 1;
        uint64_t *k = a->acc.cap ? acc_slot(&a->acc, key) : NULL;
        if (k && *k) {
            uint64_t *v = &a->acc.val[k - a->acc.key];
            uint64_t d = ln->cycle - (*v >> 1);
            rc = fo_samples_push(&a->lat, d);
            if (!(*v & 1)) {
                *v |= 1;              /* the packet's first copy */
                rc |= fo_samples_push(&a->first, d);
            }
        }
        break;
    }
    case FO_EV_CSR:
        a->ncsr++;
        if (a->st && a->next_cmd < a->st->ncmds) {
            uint64_t c = a->st->cmds[a->next_cmd].cycle;
            uint64_t at = a->next_cmd && a->prev_acc + 1 > c ? a->prev_acc + 1 : c;
            a->prev_acc = at;
            a->next_cmd++;
            rc = fo_samples_push(&a->setup, ln->cycle - at);
        }
        break;
    case FO_EV_CFG:
        a->ncfg++;
        fo_iw_event(&a->tiw, ln->cycle, e);
        break;
    case FO_TRACE_END: a->end = ln->cycle; break;
    }
    if (rc < 0 || a->tiw.fail)
        a->fail = 1;
}

/* The report, for a switch of parameters p; `shown` names the input. */
static void stats_print(stats_acc *a, const fo_params *p, const char *shown)
{
    unsigned n = p->nports;
    if (a->st)
        for (size_t i = 0; i < a->st->npkts; i++)
            a->load[a->st->pkts[i].port].in_flits += 1 + FO_HDR_LEN(a->st->pkts[i].hdr);
    printf("%s: nports %u, ngroups %u, slots %u, sram_latency %u, %llu cycles\n", shown, n,
           p->ngroups, p->slots, p->sram_latency, (unsigned long long)a->end);
    printf("\nport  accepted  dropped    copies     flits  egress-util%s\n", a->st ? "  ingress-util" : "");
    uint64_t tot[4] = { 0 }, maxlink = 0;
    for (unsigned i = 0; i < n; i++) {
        port_load *l = &a->load[i];
        printf("%4u %9llu %8llu %9llu %9llu  %10.3f", i, (unsigned long long)l->acc,
               (unsigned long long)l->drops, (unsigned long long)l->copies,
               (unsigned long long)l->flits, a->end ? (double)l->flits / (double)a->end : 0.0);
        if (a->st)
            printf("  %12.3f", a->end ? (double)l->in_flits / (double)a->end : 0.0);
        printf("\n");
        tot[0] += l->acc, tot[1] += l->drops, tot[2] += l->copies, tot[3] += l->flits;
        if (l->flits > maxlink) maxlink = l->flits;
        if (l->in_flits > maxlink) maxlink = l->in_flits;
    }
    printf(" all %9llu %8llu %9llu %9llu\n", (unsigned long long)tot[0], (unsigned long long)tot[1],
           (unsigned long long)tot[2], (unsigned long long)tot[3]);
    if (maxlink && a->end)
        printf("\nbusiest link: %llu flits; efficiency (busiest link / cycles): %.4f%s\n",
               (unsigned long long)maxlink, (double)maxlink / (double)a->end,
               a->st ? "" : " (egress links only; give --stim to count ingress)");
    printf("\nlatency, header accepted to header out:\n");
    print_lat("  first copy", &a->first);
    print_lat("  every copy", &a->lat);
    printf("\ndrops:");
    for (unsigned r = 0; r < FO_DROP_NREASONS; r++)
        printf(" %s %llu", fo_reason_name(r), (unsigned long long)a->reasons[r]);
    printf("\ncommits: %llu command (csr), %llu in-band (cfg)\n", (unsigned long long)a->ncsr,
           (unsigned long long)a->ncfg);
    if (a->setup.n)
        print_lat("setup latency (commands)", &a->setup);
    else
        printf("setup latency (commands): design constant %u cycles%s\n", fo_setup_latency(p),
               a->ncsr ? " (give --stim to measure it)" : "");
    if (a->pins)
        print_inband(a->pins, "the cycle it is first offered on the ingress pins", fo_inband_latency(p));
    else if (a->st && !a->foreign)
        print_inband(&a->tiw, "as for a burst: header accepted + len", fo_inband_latency(p));
    else if (a->ncfg)
        printf("\nin-band setup: %s\n", a->st ? "the trace's acceptances are not STIM's packets: no wait measured"
                                            : "give --stim to measure the sender-side wait");
}

/* Every line of a trace file into a. */
static int read_trace(stats_acc *a, const char *path, const char *shown, fo_error *err)
{
    fo_tr *tr;
    int rc = fo_tr_open(path, &tr, err);
    if (rc)
        return rc;
    fo_trace_line ln;
    while ((rc = fo_tr_next(tr, &ln, err)) == 1 && !a->fail)
        stats_line(a, &ln);
    if (!rc && a->fail) {
        snprintf(err->msg, sizeof err->msg, "out of memory");
        rc = FO_ENOMEM;
    }
    if (!rc)
        stats_print(a, fo_tr_params(tr), shown);
    fo_tr_close(tr);
    return rc;
}

/* A run of the stimulus, observed: its pins for the in-band sender-side
 * wait, and its events as the trace lines they would be. */
typedef struct stats_run { stats_acc *a; fo_inband_wait *iw; } stats_run;

static void observe(void *ctx, uint64_t t, const fo_inputs *in, const fo_outputs *out)
{
    stats_run *r = ctx;
    fo_iw_cycle(r->iw, t, in, out);
    for (unsigned i = 0; i < out->nev && !r->a->fail; i++) {
        if (out->ev[i].kind == FO_EV_OUTEND)
            continue;                       /* not a trace line */
        fo_trace_line ln = { t, out->ev[i].kind, out->ev[i] };
        stats_line(r->a, &ln);
    }
}

/* Runs the model on the stimulus a->st, the trace kept in memory. */
static int run_stim(stats_acc *a, fo_inband_wait *iw, const char *file, fo_error *err)
{
    stats_run sr = { a, iw };
    fo_run_opts ro;
    fo_run_opts_default(&ro);
    ro.observe = observe;
    ro.observe_ctx = &sr;
    fo_run_result r;
    int rc = fo_run_model(a->st, &ro, &r, err);
    if (!rc && (a->fail || iw->fail)) {
        snprintf(err->msg, sizeof err->msg, "out of memory");
        rc = FO_ENOMEM;
    }
    if (rc)
        return rc;
    printf("model run of %s: %llu cycles in %.3f s: %.0f simulated cycles/s\n", file,
           (unsigned long long)r.cycles, r.seconds, r.seconds > 0 ? (double)r.cycles / r.seconds : 0.0);
    if (r.setup_n)
        printf("setup latency measured: commands %llu..%llu cycles (%llu ops)", (unsigned long long)r.setup_min,
               (unsigned long long)r.setup_max, (unsigned long long)r.setup_n);
    else
        printf("setup latency measured: no commands");
    if (r.inband_n)
        printf("; in-band %llu..%llu cycles (%llu ops)\n", (unsigned long long)r.inband_min,
               (unsigned long long)r.inband_max, (unsigned long long)r.inband_n);
    else
        printf("; no in-band config\n");
    fo_trace_line end = { r.cycles, FO_TRACE_END, { 0 } };
    stats_line(a, &end);
    stats_print(a, &a->st->params, file);
    return FO_OK;
}

/* Is the file a stimulus (its first line)? */
static int is_stim(const char *path)
{
    char buf[32] = "";
    gzFile f = gzopen(path, "rb");
    if (!f)
        return 0;
    int ok = gzgets(f, buf, sizeof buf) && !strncmp(buf, "fanout-stim ", 12);
    gzclose(f);
    return ok;
}

int fo_cmd_stats(int argc, char **argv)
{
    fo_args a;
    fo_args_init(&a, argc, argv, "stats", USAGE);
    const char *stim = NULL, *o;
    while ((o = fo_args_next(&a))) {
        if (!strcmp(o, "--stim")) stim = fo_args_value(&a, o);
        else return fo_usage_error(&a, "unknown option '%s'", o);
        if (a.bad) return 2;
    }
    if (a.bad) return 2;
    if (a.npos != 1)
        return fo_usage_error(&a, "one trace or stimulus, please");
    const char *file = a.pos[0];
    fo_error err = { "" };
    fo_stim *st = NULL;
    int run = is_stim(file), rc = FO_OK;
    if (run)
        stim = file;
    if (stim)
        rc = fo_stim_load(stim, &st, &err);
    fo_inband_wait iw;
    fo_iw_init(&iw);
    stats_acc sa;
    stats_init(&sa, st, run ? &iw : NULL);
    if (!rc && run)
        rc = run_stim(&sa, &iw, file, &err);
    else if (!rc)
        rc = read_trace(&sa, file, file, &err);
    stats_free(&sa);
    fo_iw_free(&iw);
    fo_stim_free(st);
    if (rc) {
        fprintf(stderr, "%s\n", err.msg);
        return fo_exit_code(rc);
    }
    return 0;
}
