/* gen.c -- `fanout gen`'s entry point (SPEC sections 6, 7): the table of
 * scenarios, the checks of the options, and the file written.
 *
 * A scenario (gen_traffic.c, gen_groups.c, gen_malformed.c, gen_random.c,
 * gen_sat.c) builds a list of events in memory (packets, commands, stalls)
 * with the helpers of gen_core.c, each with an offer cycle; the list is then
 * sorted by (cycle, creation order) and written out.  Creation order is kept
 * among events of one cycle, and every port's packets and the command port's
 * commands are created with non-decreasing cycles, so the file order of each
 * port is the order in which the scenario meant to send them.
 *
 * Determinism: splitmix64 (fo_splitmix64, SPEC 6) seeded from opts->seed,
 * integer arithmetic only, and a sort on a total order.  No global mutable
 * state.
 */
#include "gen_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GEN_MAX_SIZE  (1u << 20)   /* largest --size accepted */

/* ---- Table of scenarios ----------------------------------------------------- */

typedef struct scen {
    const char *name;
    const char *desc;
    void (*run)(gen *g);
    const char *const *comment;
} scen;

static const scen scens[] = {
    { "unicast", "random unicast traffic, lengths 0..255, some back to back", gen_sc_unicast, gen_cm_unicast },
    { "moe", "MoE dispatch: each token's top-k group written just before its data (csr or in-band)",
      gen_sc_moe, gen_cm_moe },
    { "allgather", "many groups set up in advance (all-others, all, random), then used by all ports",
      gen_sc_allgather, gen_cm_allgather },
    { "capacity", "every one of NGROUPS groups written, then each used at least once",
      gen_sc_capacity, gen_cm_capacity },
    { "churn", "groups rewritten (csr and in-band) while packets to them are in flight",
      gen_sc_churn, gen_cm_churn },
    { "backpressure", "traffic with long, overlapping egress stalls on several ports",
      gen_sc_backpressure, gen_cm_backpressure },
    { "inband", "in-band config packets with data right behind them, csr reads to check",
      gen_sc_inband, gen_cm_inband },
    { "malformed", "every drop reason and its precedence, interleaved with good traffic",
      gen_sc_malformed, gen_cm_malformed },
    { "random", "a seeded mix of all of the above", gen_sc_random, gen_cm_random },
    { "short_mcast", "short multicast packets from every port at saturation, over len and fan-out",
      gen_sc_short_mcast, gen_cm_short_mcast },
    { "token_setup", "every port sends (in-band config write, 8-flit token) pairs back to back",
      gen_sc_token_setup, gen_cm_token_setup },
};
#define NSCENS (sizeof scens / sizeof scens[0])

const char *const fo_gen_scenarios[] = {
    "unicast", "moe", "allgather", "capacity", "churn", "backpressure", "inband", "malformed",
    "random", "short_mcast", "token_setup", NULL };

static const scen *find_scen(const char *name)
{
    size_t i;
    if (!name) return NULL;
    for (i = 0; i < NSCENS; i++)
        if (strcmp(scens[i].name, name) == 0) return &scens[i];
    return NULL;
}

const char *fo_gen_describe(const char *scenario)
{
    const scen *s = find_scen(scenario);
    return s ? s->desc : NULL;
}

/* ---- Output ----------------------------------------------------------------- */

#define WBUF_CAP (1u << 16)
#define WLINE_MAX 8192u            /* longest line: a 255-flit `flits` packet, ~4.4 KB */

typedef struct wbuf {
    gzFile f;
    char *b;
    size_t n;
    int bad;
} wbuf;

static void wflush(wbuf *w)
{
    if (w->n && !w->bad) {
        if (gzwrite(w->f, w->b, (unsigned)w->n) != (int)w->n) w->bad = 1;
    }
    w->n = 0;
}

static void wroom(wbuf *w)
{
    if (w->n > WBUF_CAP - WLINE_MAX) wflush(w);
}

static void wstr(wbuf *w, const char *s)
{
    size_t k = strlen(s);
    if (k > WLINE_MAX / 2) k = WLINE_MAX / 2;
    memcpy(w->b + w->n, s, k);
    w->n += k;
}

static void wu64(wbuf *w, uint64_t x)
{
    char t[24];
    int k = 0;
    do t[k++] = (char)('0' + x % 10); while ((x /= 10) != 0);
    while (k) w->b[w->n++] = t[--k];
}

static void whex(wbuf *w, uint64_t x)
{
    static const char hx[] = "0123456789abcdef";
    int i;
    for (i = 15; i >= 0; i--) w->b[w->n + (size_t)(15 - i)] = hx[(x >> (4 * i)) & 15];
    w->n += 16;
}

static void wch(wbuf *w, char c) { w->b[w->n++] = c; }

static int ev_cmp(const void *pa, const void *pb)
{
    const gev *a = pa, *b = pb;
    if (a->cycle != b->cycle) return a->cycle < b->cycle ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static const char *csr_name(unsigned op)
{
    switch (op) {
    case FO_OP_WRITE: return "write";
    case FO_OP_ADD: return "add";
    case FO_OP_REMOVE: return "remove";
    case FO_OP_CLEAR: return "clear";
    default: return "read";
    }
}

static void write_event(wbuf *w, const gev *e)
{
    wroom(w);
    if (e->note) {
        wstr(w, e->note);
        wch(w, '\n');
    }
    wu64(w, e->cycle);
    switch (e->type) {
    case EV_PKT: {
        unsigned len = FO_HDR_LEN(e->hdr), i;
        wstr(w, " pkt ");
        wu64(w, e->port);
        wch(w, ' ');
        whex(w, e->hdr);
        if (e->pay == PAY_SEED) {
            wstr(w, " seed ");
            whex(w, e->a);
        } else {
            uint64_t s = e->b;
            wstr(w, " flits");
            for (i = 0; i < len; i++) {
                wch(w, ' ');
                whex(w, (i == 0 && e->pay == PAY_FIRST) ? e->a : fo_splitmix64(&s));
            }
        }
        break;
    }
    case EV_CSR:
        wstr(w, " csr ");
        wstr(w, csr_name(e->op));
        wch(w, ' ');
        wu64(w, e->n);
        if (e->op == FO_OP_WRITE) {
            wch(w, ' ');
            whex(w, e->hdr);
        } else if (e->op == FO_OP_ADD || e->op == FO_OP_REMOVE) {
            wch(w, ' ');
            wu64(w, e->hdr);
        }
        break;
    default:
        wstr(w, " stall ");
        wu64(w, e->port);
        wch(w, ' ');
        wu64(w, e->n);
        break;
    }
    wch(w, '\n');
}

static void wline(wbuf *w, const char *s)
{
    wroom(w);
    wstr(w, s);
    wch(w, '\n');
}

static void write_file(gen *g, const scen *s, wbuf *w)
{
    char line[512];
    const char *const *c;
    size_t i;
    uint64_t last = g->n ? g->v[g->n - 1].cycle : 0;
    wline(w, "fanout-stim 1");
    snprintf(line, sizeof line, "param nports %u", g->np);
    wline(w, line);
    snprintf(line, sizeof line, "param ngroups %u", g->ng);
    wline(w, line);
    if (g->o->extra.slots && g->o->extra.slots != FO_DEFAULT_SLOTS) {
        snprintf(line, sizeof line, "param slots %u", g->o->extra.slots);
        wline(w, line);
    }
    if (g->o->extra.sram_latency && g->o->extra.sram_latency != FO_DEFAULT_SRAM_LAT) {
        snprintf(line, sizeof line, "param sram_latency %u", g->o->extra.sram_latency);
        wline(w, line);
    }
    if (g->o->extra.lookups && g->o->extra.lookups != FO_DEFAULT_LOOKUPS) {
        snprintf(line, sizeof line, "param lookups %u", g->o->extra.lookups);
        wline(w, line);
    }
    snprintf(line, sizeof line, "# scenario %s seed %llu size %u", s->name,
             (unsigned long long)g->o->seed, g->size);
    wline(w, line);
    for (c = s->comment; *c; c++) {
        snprintf(line, sizeof line, "# %s", *c);
        wline(w, line);
    }
    snprintf(line, sizeof line,
             "# %llu packets (%llu in-band config), %llu commands, %llu stalls; last offer at "
             "cycle %llu; generator's pacing estimate ~%llu cycles",
             (unsigned long long)g->npkt, (unsigned long long)g->ncfg,
             (unsigned long long)g->ncsr, (unsigned long long)g->nstall,
             (unsigned long long)last, (unsigned long long)gen_est_end(g));
    wline(w, line);
    for (i = 0; i < g->n && !w->bad; i++) write_event(w, &g->v[i]);
    wflush(w);
}

/* ---- Entry point ------------------------------------------------------------ */

int fo_gen_write(const char *scenario, const fo_gen_opts *o, gzFile out, fo_error *err)
{
    const scen *s = find_scen(scenario);
    gen *g;
    wbuf w;
    int rc = FO_OK;
    unsigned L;

    if (err) err->msg[0] = 0;
    if (!err || !o || !out) {
        if (err) snprintf(err->msg, sizeof err->msg, "gen: missing argument");
        return FO_EINPUT;
    }
    if (!s) {
        snprintf(err->msg, sizeof err->msg, "gen: unknown scenario '%s'", scenario ? scenario : "");
        return FO_EINPUT;
    }
    if (o->nports < 4 || o->nports > FO_MAX_PORTS) {
        snprintf(err->msg, sizeof err->msg, "gen %s: --ports %u out of range 4..64", s->name, o->nports);
        return FO_EINPUT;
    }
    if (o->ngroups < 1024 || o->ngroups > FO_MAX_GROUPS) {
        snprintf(err->msg, sizeof err->msg, "gen %s: --groups %u out of range 1024..65536", s->name,
                 o->ngroups);
        return FO_EINPUT;
    }
    if (o->extra.slots && (o->extra.slots < 2 || o->extra.slots > 64)) {
        snprintf(err->msg, sizeof err->msg, "gen %s: slots %u out of range 2..64", s->name, o->extra.slots);
        return FO_EINPUT;
    }
    if (o->extra.sram_latency > 4) {
        snprintf(err->msg, sizeof err->msg, "gen %s: sram_latency %u out of range 1..4", s->name,
                 o->extra.sram_latency);
        return FO_EINPUT;
    }
    if (o->extra.lookups > FO_MAX_LOOKUPS || o->extra.lookups > o->nports) {
        snprintf(err->msg, sizeof err->msg, "gen %s: lookups %u out of range 1..%u", s->name,
                 o->extra.lookups, o->nports < FO_MAX_LOOKUPS ? o->nports : FO_MAX_LOOKUPS);
        return FO_EINPUT;
    }
    if (o->size > GEN_MAX_SIZE) {
        snprintf(err->msg, sizeof err->msg, "gen %s: --size %u too large (at most %u)", s->name, o->size,
                 GEN_MAX_SIZE);
        return FO_EINPUT;
    }
    L = o->extra.sram_latency ? o->extra.sram_latency : FO_DEFAULT_SRAM_LAT;

    g = calloc(1, sizeof *g);
    if (!g) {
        snprintf(err->msg, sizeof err->msg, "gen %s: out of memory", s->name);
        return FO_ENOMEM;
    }
    g->o = o;
    g->scen = s->name;
    g->np = o->nports;
    g->ng = o->ngroups;
    g->L = L;
    g->size = o->size;
    g->all = g->np == 64 ? ~0ull : gen_bit(g->np) - 1;
    g->rng = o->seed;
    g->err = err;
    g->used = calloc(g->ng, 1);
    if (!g->used) g->fail = FO_ENOMEM;

    if (!g->fail) s->run(g);
    if (!g->fail) {
        qsort(g->v, g->n, sizeof *g->v, ev_cmp);
        w.f = out;
        w.n = 0;
        w.bad = 0;
        w.b = malloc(WBUF_CAP);
        if (!w.b) {
            g->fail = FO_ENOMEM;
        } else {
            write_file(g, s, &w);
            if (w.bad) {
                int zerr = 0;
                const char *m = gzerror(out, &zerr);
                snprintf(err->msg, sizeof err->msg, "gen %s: write failed: %s", s->name,
                         (m && *m) ? m : "I/O error");
                rc = FO_EIO;
            }
            free(w.b);
        }
    }
    if (g->fail) {
        rc = g->fail;
        if (!err->msg[0])
            snprintf(err->msg, sizeof err->msg, "gen %s: %s", s->name,
                     rc == FO_ENOMEM ? "out of memory" : "cannot generate");
    }
    free(g->bm);
    free(g->used);
    free(g->v);
    free(g);
    return rc;
}
