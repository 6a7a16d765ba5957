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
    { "incast", "short packets from every port to one egress stalled at times: slots fill",
      gen_sc_incast, gen_cm_incast },
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
    "unicast", "moe", "allgather", "capacity", "churn", "backpressure", "incast", "inband", "malformed",
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

/* ---- The stimulus in memory ------------------------------------------------ */

/* Events of one cycle keep their creation order: the sort key is total. */
static int ev_cmp(const void *pa, const void *pb)
{
    const gev *a = pa, *b = pb;
    if (a->cycle != b->cycle) return a->cycle < b->cycle ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* The header comment: the scenario and its options, its description, and
 * what it holds. */
static char *head_comment(const gen *g, const char *name, const char *const *cm)
{
    size_t n = 512;
    for (const char *const *c = cm; *c; c++)
        n += strlen(*c) + 1;
    char *t = malloc(n), *e;
    if (!t)
        return NULL;
    e = t + snprintf(t, n, "scenario %s seed %llu size %u\n", name, (unsigned long long)g->o->seed, g->size);
    for (const char *const *c = cm; *c; c++)
        e += snprintf(e, n - (size_t)(e - t), "%s\n", *c);
    snprintf(e, n - (size_t)(e - t),
             "%llu packets (%llu in-band config), %llu commands, %llu stalls; last offer at "
             "cycle %llu; generator's pacing estimate ~%llu cycles",
             (unsigned long long)g->npkt, (unsigned long long)g->ncfg, (unsigned long long)g->ncsr,
             (unsigned long long)g->nstall, (unsigned long long)(g->n ? g->v[g->n - 1].cycle : 0),
             (unsigned long long)gen_est_end(g));
    return t;
}

/* A packet's payload: its seed, or its flits made from the event's seed
 * (the first one given for PAY_FIRST); an empty `flits` payload is kept as
 * one (a one-word array that no flit reads). */
static int pkt_payload(fo_stim_pkt *k, const gev *e)
{
    unsigned len = FO_HDR_LEN(e->hdr);
    if (e->pay == PAY_SEED) {
        k->seed = e->a;
        return 0;
    }
    k->flits = calloc(len ? len : 1, sizeof *k->flits);
    if (!k->flits)
        return -1;
    uint64_t s = e->b;
    for (unsigned i = 0; i < len; i++)
        k->flits[i] = (i == 0 && e->pay == PAY_FIRST) ? e->a : fo_splitmix64(&s);
    return 0;
}

/* The sorted event list as a stimulus; NULL when out of memory. */
static fo_stim *to_stim(const gen *g, const scen *sc)
{
    fo_stim *s = fo_stim_new();
    if (!s)
        return NULL;
    s->params.nports = g->np;
    s->params.ngroups = g->ng;
    if (g->o->extra.slots) s->params.slots = g->o->extra.slots;
    if (g->o->extra.sram_latency) s->params.sram_latency = g->o->extra.sram_latency;
    if (g->o->extra.lookups) s->params.lookups = g->o->extra.lookups;
    s->terse = 1;
    s->comment = head_comment(g, sc->name, sc->comment);
    s->pkts = malloc((g->npkt ? g->npkt : 1) * sizeof *s->pkts);
    s->cmds = malloc((g->ncsr ? g->ncsr : 1) * sizeof *s->cmds);
    s->stalls = malloc((g->nstall ? g->nstall : 1) * sizeof *s->stalls);
    if (!s->comment || !s->pkts || !s->cmds || !s->stalls) {
        fo_stim_free(s);
        return NULL;
    }
    for (size_t i = 0; i < g->n; i++) {
        const gev *e = &g->v[i];
        if (e->type == EV_PKT) {
            fo_stim_pkt *k = &s->pkts[s->npkts];
            memset(k, 0, sizeof *k);
            k->cycle = e->cycle, k->hdr = e->hdr, k->port = e->port, k->seq = e->seq, k->note = e->note;
            int bad = pkt_payload(k, e);
            s->npkts++;                    /* owns k->flits from here */
            if (bad) {
                fo_stim_free(s);
                return NULL;
            }
        } else if (e->type == EV_CSR) {
            s->cmds[s->ncmds++] = (fo_stim_cmd){ e->cycle, e->hdr, e->n, e->op, e->seq };
        } else {
            s->stalls[s->nstalls++] = (fo_stim_stall){ e->cycle, e->n, e->port, e->seq };
        }
        s->last_cycle = e->cycle;
    }
    return s;
}

/* ---- Entry point ------------------------------------------------------------ */

int fo_gen_build(const char *scenario, const fo_gen_opts *o, fo_stim **out, fo_error *err)
{
    const scen *s = find_scen(scenario);
    gen *g;
    int rc = FO_OK;
    unsigned L;

    if (err) err->msg[0] = 0;
    if (out) *out = NULL;
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
        *out = to_stim(g, s);
        if (!*out) g->fail = FO_ENOMEM;
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

int fo_gen_write(const char *scenario, const fo_gen_opts *o, gzFile out, fo_error *err)
{
    fo_stim *s;
    if (!out) {
        if (err) snprintf(err->msg, sizeof err->msg, "gen: missing argument");
        return FO_EINPUT;
    }
    int rc = fo_gen_build(scenario, o, &s, err);
    if (rc)
        return rc;
    rc = fo_stim_write_gz(s, out, err);
    if (rc == FO_EIO) {
        char m[sizeof err->msg];
        snprintf(m, sizeof m, "%s", err->msg);
        snprintf(err->msg, sizeof err->msg, "gen %s: %.400s", scenario, m);
    }
    fo_stim_free(s);
    return rc;
}
