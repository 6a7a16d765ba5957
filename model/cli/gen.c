/* gen.c -- the stimulus generator behind `fanout gen` (SPEC sections 6, 7).
 *
 * A scenario builds a list of events in memory (packets, commands, stalls),
 * each with an offer cycle; the list is then sorted by (cycle, creation
 * order) and written out.  Creation order is kept among events of one
 * cycle, and every port's packets and the command port's commands are
 * created with non-decreasing cycles, so the file order of each port is the
 * order in which the scenario meant to send them.
 *
 * Timing.  Offer cycles are lower bounds (a port that is busy or
 * back-pressured offers later), so the generator paces traffic with a rough
 * estimate of when each ingress link is free and when each egress link has
 * drained (`pace`/`load`), letting offers run at most AHEAD cycles ahead of
 * the estimated egress backlog.  Commands are offered on a cycle at which the
 * command port is free, so their acceptance cycle is their offer cycle and a
 * packet offered L = sram_latency cycles later is accepted at or after the
 * commit (docs/microarchitecture.md, config engine).
 *
 * Determinism: a local splitmix64 seeded from opts->seed, integer arithmetic
 * only, and a sort on a total order.  No global mutable state.
 */
#include "gen_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GEN_MAX_SIZE  (1u << 20)   /* largest --size accepted */
#define AHEAD         512u         /* offers may run this far ahead of the egress estimate */
#define TAG_LIMIT     (1u << 24)

/* ---- PRNG ----------------------------------------------------------------- */

static uint64_t sm64(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}
static uint64_t rnd64(gen *g) { return sm64(&g->rng); }
static unsigned rnd(gen *g, unsigned n) { return n ? (unsigned)(rnd64(g) % n) : 0u; }
static int chance(gen *g, unsigned num, unsigned den) { return rnd(g, den) < num; }
static uint64_t bit(unsigned p) { return 1ull << p; }
static uint64_t max64(uint64_t a, uint64_t b) { return a > b ? a : b; }

static unsigned popc(uint64_t m)
{
    unsigned k = 0;
    for (; m; m &= m - 1) k++;
    return k;
}

/* k distinct random ports of [lo, hi) as a bitmap. */
static uint64_t pick_k(gen *g, unsigned lo, unsigned hi, unsigned k)
{
    unsigned a[FO_MAX_PORTS], n = hi - lo, i;
    uint64_t m = 0;
    for (i = 0; i < n; i++) a[i] = lo + i;
    for (i = 0; i < k && i < n; i++) {
        unsigned j = i + rnd(g, n - i), t = a[i];
        a[i] = a[j];
        a[j] = t;
        m |= bit(a[i]);
    }
    return m;
}

/* A non-empty random member set: one port, a few ports, or a dense random set. */
static uint64_t rand_bitmap(gen *g)
{
    switch (rnd(g, 4)) {
    case 0: return pick_k(g, 0, g->np, 1);
    case 1: return pick_k(g, 0, g->np, 2 + rnd(g, 3));
    default: {
        uint64_t m = rnd64(g) & g->all;
        return m ? m : pick_k(g, 0, g->np, 1);
    }
    }
}

/* A random port in the bitmap m (non-empty), or any port if m is empty. */
static unsigned member_of(gen *g, uint64_t m)
{
    unsigned k = popc(m), i, p;
    if (!k) return rnd(g, g->np);
    i = rnd(g, k);
    for (p = 0; p < 64; p++)
        if ((m >> p & 1) && i-- == 0) return p;
    return 0;
}

/* A fresh group id, distinct from every other one handed out. */
static unsigned new_gid(gen *g)
{
    unsigned x;
    do x = rnd(g, g->ng); while (g->used[x]);
    g->used[x] = 1;
    return x;
}

/* ---- Events --------------------------------------------------------------- */

static gev *push(gen *g, uint8_t type, uint64_t cycle)
{
    gev *e;
    if (g->fail) return NULL;
    if (g->n == g->cap) {
        size_t nc = g->cap ? g->cap * 2 : 4096;
        gev *nv = realloc(g->v, nc * sizeof *nv);
        if (!nv) {
            g->fail = FO_ENOMEM;
            return NULL;
        }
        g->v = nv;
        g->cap = nc;
    }
    e = &g->v[g->n];
    memset(e, 0, sizeof *e);
    e->type = type;
    e->cycle = cycle;
    e->seq = (uint32_t)g->n;
    g->n++;
    return e;
}

/* Estimated offer cycle of a packet on port p to `members`, at or after want. */
static uint64_t pace(gen *g, unsigned p, uint64_t members, uint64_t want)
{
    uint64_t c = max64(want, g->in_free[p]);
    unsigned e;
    for (e = 0; e < g->np; e++)
        if ((members >> e & 1) && g->eg_free[e] > c + AHEAD) c = g->eg_free[e] - AHEAD;
    return c;
}

/* Account a packet of `flits` flits offered at c on port p to `members`. */
static void load(gen *g, unsigned p, uint64_t members, uint64_t c, unsigned flits)
{
    uint64_t t = c + g->L + 3;
    unsigned e;
    g->in_free[p] = max64(g->in_free[p], c) + flits;
    for (e = 0; e < g->np; e++)
        if (members >> e & 1) g->eg_free[e] = max64(g->eg_free[e], t) + flits;
}

static uint64_t est_end(const gen *g)
{
    uint64_t t = max64(g->cmd_free, g->last_csr);
    unsigned p;
    for (p = 0; p < g->np; p++) {
        t = max64(t, g->in_free[p]);
        t = max64(t, g->eg_free[p]);
        t = max64(t, g->stall_end[p]);
    }
    return t;
}

/* A packet line.  Returns the offer cycle used (>= the port's previous one). */
static uint64_t pkt(gen *g, uint64_t c, unsigned p, unsigned kind, unsigned xsrc, unsigned op,
                    unsigned rsvd, unsigned dst, unsigned len, int pay, uint64_t first,
                    const char *note)
{
    gev *e;
    unsigned src = 0;
    if (c < g->last_pkt[p]) c = g->last_pkt[p];
    g->last_pkt[p] = c;
    if (g->ntag >= TAG_LIMIT) {
        if (!g->fail) {
            g->fail = FO_EINPUT;
            snprintf(g->err->msg, sizeof g->err->msg,
                     "gen %s: more than %u packets: tags would not be unique", g->scen, TAG_LIMIT);
        }
        return c;
    }
    if (chance(g, 1, 16)) src = rnd(g, 64);      /* junk that the switch overwrites */
    e = push(g, EV_PKT, c);
    if (!e) return c;
    e->port = (uint8_t)p;
    e->hdr = fo_hdr_make(kind, xsrc, src, op, rsvd, dst, len, g->ntag);
    e->pay = (uint8_t)pay;
    e->note = note;
    if (pay == PAY_TAGSEED) {
        e->pay = PAY_SEED;
        e->a = g->ntag;
    } else if (pay == PAY_SEED) {
        e->a = rnd64(g);
    } else {
        e->a = first;
        e->b = rnd64(g);
    }
    g->ntag++;
    g->npkt++;
    if (kind == FO_KIND_CONFIG) g->ncfg++;
    return c;
}

/* A packet paced (exact = 0: at the estimate, at or after want) or offered at
   want exactly (exact = 1, still not before the port's previous offer). */
static uint64_t send(gen *g, uint64_t want, int exact, unsigned p, unsigned kind, unsigned xsrc,
                     unsigned op, unsigned rsvd, unsigned dst, unsigned len, int pay,
                     uint64_t first, uint64_t members, const char *note)
{
    uint64_t c = exact ? want : pace(g, p, members, want);
    c = pkt(g, c, p, kind, xsrc, op, rsvd, dst, len, pay, first, note);
    load(g, p, members, c, 1 + len);
    return c;
}

/* A well-formed data packet (unicast dst = port, multicast dst = gid with
   the expected member set `m`). */
static uint64_t dpkt(gen *g, uint64_t want, int exact, unsigned p, unsigned kind, unsigned xsrc,
                     unsigned dst, unsigned len, uint64_t m, int pay)
{
    if (kind == FO_KIND_UNICAST) m = bit(dst);
    if (xsrc) m &= ~bit(p);
    return send(g, want, exact, p, kind, xsrc, 0, 0, dst, len, pay, 0, m, NULL);
}

/* A well-formed in-band config packet (always `flits`: the bitmap or port). */
static uint64_t cfgpkt(gen *g, uint64_t want, int exact, unsigned p, unsigned op, unsigned gid,
                       uint64_t data)
{
    unsigned len = op == FO_OP_CLEAR ? 0 : 1;
    if (op == FO_OP_WRITE) data &= g->all;
    else data %= g->np;
    return send(g, want, exact, p, FO_KIND_CONFIG, 0, op, 0, gid, len, PAY_FIRST, data, 0, NULL);
}

/* A command.  exact: offered when the command port is free, so that it is
   accepted at its offer cycle; otherwise offered at want (it may queue).
   Returns the acceptance cycle. */
static uint64_t csr(gen *g, uint64_t want, int exact, unsigned op, unsigned gid, uint64_t data)
{
    uint64_t acc, off;
    gev *e;
    if (want < g->last_csr) want = g->last_csr;
    acc = max64(want, g->cmd_free);
    off = exact ? acc : want;
    g->cmd_free = acc + 1;
    g->last_csr = off;
    e = push(g, EV_CSR, off);
    if (!e) return acc;
    e->op = (uint8_t)op;
    e->n = gid % g->ng;
    e->hdr = op == FO_OP_WRITE ? (data & g->all) : op == FO_OP_ADD || op == FO_OP_REMOVE ? data % g->np : 0;
    g->ncsr++;
    return acc;
}

/* An egress stall: ready low on port p for `cycles` cycles, not overlapping
   an earlier stall of the same port.  Returns its start. */
static uint64_t stall(gen *g, uint64_t want, unsigned p, unsigned cycles)
{
    gev *e;
    if (want < g->stall_end[p]) want = g->stall_end[p];
    g->stall_end[p] = want + cycles + 1;
    if (g->eg_free[p] > want) g->eg_free[p] += cycles;
    e = push(g, EV_STALL, want);
    if (!e) return want;
    e->port = (uint8_t)p;
    e->n = cycles;
    g->nstall++;
    return want;
}

/* A random group op through the command port (never read) or in-band. */
static unsigned rand_op(gen *g)
{
    unsigned r = rnd(g, 8);
    return r < 3 ? FO_OP_WRITE : r < 5 ? FO_OP_ADD : r < 7 ? FO_OP_REMOVE : FO_OP_CLEAR;
}

/* Operand of op on a group believed to hold m; updates *m. */
static uint64_t op_data(gen *g, unsigned op, uint64_t *m)
{
    uint64_t d = 0;
    switch (op) {
    case FO_OP_WRITE: d = chance(g, 1, 16) ? 0 : rand_bitmap(g); *m = d; break;
    case FO_OP_ADD: d = rnd(g, g->np); *m |= bit((unsigned)d); break;
    case FO_OP_REMOVE:
        d = (*m && chance(g, 3, 4)) ? member_of(g, *m) : rnd(g, g->np);
        *m &= ~bit((unsigned)d);
        break;
    default: *m = 0; break;
    }
    return d;
}

/* ---- For the scenarios of other files (gen_int.h) ------------------------- */

unsigned gen_rnd(gen *g, unsigned n) { return rnd(g, n); }
uint64_t gen_pick_k(gen *g, unsigned lo, unsigned hi, unsigned k) { return pick_k(g, lo, hi, k); }
uint64_t gen_dpkt(gen *g, uint64_t want, int exact, unsigned p, unsigned kind, unsigned xsrc,
                  unsigned dst, unsigned len, uint64_t m)
{
    return dpkt(g, want, exact, p, kind, xsrc, dst, len, m, PAY_SEED);
}
uint64_t gen_cfgpkt(gen *g, uint64_t want, int exact, unsigned p, unsigned op, unsigned gid, uint64_t data)
{
    return cfgpkt(g, want, exact, p, op, gid, data);
}
uint64_t gen_csr(gen *g, uint64_t want, int exact, unsigned op, unsigned gid, uint64_t data)
{
    return csr(g, want, exact, op, gid, data);
}
uint64_t gen_est_end(const gen *g) { return est_end(g); }
unsigned gen_banks(const gen *g)
{
    unsigned b = 1;
    while (b < g->np) b <<= 1;
    return b;
}

/* ---- Scenario: unicast ------------------------------------------------------ */

static const char *const cm_unicast[] = {
    "unicast: random unicast traffic (kind 0), lengths 0..255, every port to every port",
    "(including to itself), some with xsrc (never to itself), about 40% of the packets",
    "offered back to back behind the port's previous packet, the rest after random gaps.",
    "Exercises the parser, slot allocation, egress round-robin and per-port order.", NULL };

static void sc_unicast(gen *g)
{
    unsigned n = g->size ? g->size : 300 * g->np, i;
    for (i = 0; i < n; i++) {
        unsigned p = rnd(g, g->np), dst = rnd(g, g->np), len = rnd(g, 256);
        unsigned xsrc = dst != p && chance(g, 1, 8);
        if (chance(g, 2, 5))
            dpkt(g, g->last_pkt[p], 1, p, FO_KIND_UNICAST, xsrc, dst, len, 0, PAY_SEED);
        else
            dpkt(g, g->in_free[p] + rnd(g, 160), 0, p, FO_KIND_UNICAST, xsrc, dst, len, 0, PAY_SEED);
    }
}

/* ---- Scenario: moe ---------------------------------------------------------- */

static const char *const cm_moe[] = {
    "moe: mixture-of-experts dispatch.  Attention ports (the first quarter) send tokens",
    "of 64 flits; each token goes to its top-k expert ports (k = min(8, experts)) through",
    "a group written just before the data.  Group ids follow the allocation rule",
    "(docs/microarchitecture.md): sender s's in-band writes use only ids of its own",
    "config bank (gid mod B == s, B = the smallest power of two >= NPORTS), its command",
    "writes ids of bank ns+s (ns senders: a bank no in-band op uses), 64 ids of each.",
    "Even tokens: `csr write gid bitmap` accepted at c, the multicast header offered at",
    "c+L (L = sram_latency): the earliest header that must see the new group.",
    "Odd tokens: an in-band config write (kind 2, len 1, payload = bitmap) on the sender's",
    "port with the data packet right behind it, offered the same cycle (no wait).", NULL };

/* One token: group gid := m, then `len` flits multicast from port s. */
static void moe_token(gen *g, uint64_t want, unsigned s, uint64_t m, unsigned gid, unsigned len,
                      int inband, int pay)
{
    if (!inband) {
        uint64_t d0 = pace(g, s, m, want);
        uint64_t acc = csr(g, d0 >= g->L ? d0 - g->L : 0, 1, FO_OP_WRITE, gid, m);
        dpkt(g, acc + g->L, 1, s, FO_KIND_MULTICAST, 0, gid, len, m, pay);
    } else {
        uint64_t c = pace(g, s, m, want);
        c = cfgpkt(g, c, 1, s, FO_OP_WRITE, gid, m);
        dpkt(g, c, 1, s, FO_KIND_MULTICAST, 0, gid, len, m, pay);
    }
}

static void sc_moe(gen *g)
{
    unsigned ns = g->np / 4, ne = g->np - ns, k = ne < 8 ? ne : 8, B = gen_banks(g);
    unsigned n = g->size ? g->size : 2000, words = g->ng / B, pool = words < 64 ? words : 64;
    unsigned base = rnd(g, words), t;
    for (t = 0; t < n; t++) {
        unsigned s = t % ns, j = t / ns;
        uint64_t m = pick_k(g, ns, g->np, k);
        unsigned bank = (t & 1) ? s : ns + s;                   /* in-band: own bank */
        unsigned gid = bank + B * ((base + j % pool) % words);
        moe_token(g, 0, s, m, gid, 64, t & 1, PAY_SEED);
    }
}

/* ---- Scenario: allgather ---------------------------------------------------- */

static const char *const cm_allgather[] = {
    "allgather: collectives with groups known in advance.  Set up first through csr",
    "writes: every port's \"all others\" group, one \"all ports\" group (used with xsrc),",
    "and 256 random groups.  Then every port sends, round-robin: 60% to its all-others",
    "group, 20% to the all-ports group with xsrc, 20% to a random group (some with",
    "xsrc); chunks of 64 flits mostly, some of random length.  Ends with csr reads.", NULL };

static void sc_allgather(gen *g)
{
    unsigned n = g->size ? g->size : 800, nr = 256, i, p;
    unsigned ao[FO_MAX_PORTS], gall, rg[256];
    uint64_t rm[256], t0, te;
    for (p = 0; p < g->np; p++) {
        ao[p] = new_gid(g);
        csr(g, 0, 1, FO_OP_WRITE, ao[p], g->all & ~bit(p));
    }
    gall = new_gid(g);
    csr(g, 0, 1, FO_OP_WRITE, gall, g->all);
    for (i = 0; i < nr; i++) {
        rg[i] = new_gid(g);
        rm[i] = rand_bitmap(g);
        csr(g, 0, 1, FO_OP_WRITE, rg[i], rm[i]);
    }
    t0 = g->cmd_free - 1 + g->L;
    for (i = 0; i < n; i++) {
        unsigned r = rnd(g, 10), len = chance(g, 7, 10) ? 64 : rnd(g, 256);
        p = i % g->np;
        if (r < 6)
            dpkt(g, t0, 0, p, FO_KIND_MULTICAST, 0, ao[p], len, g->all & ~bit(p), PAY_SEED);
        else if (r < 8)
            dpkt(g, t0, 0, p, FO_KIND_MULTICAST, 1, gall, len, g->all, PAY_SEED);
        else {
            unsigned j = rnd(g, nr);
            dpkt(g, t0, 0, p, FO_KIND_MULTICAST, chance(g, 1, 4), rg[j], len, rm[j], PAY_SEED);
        }
    }
    te = est_end(g) + 16;
    for (p = 0; p < g->np; p++) csr(g, te, 0, FO_OP_READ, ao[p], 0);
    csr(g, te, 0, FO_OP_READ, gall, 0);
    for (i = 0; i < 16; i++) csr(g, te, 0, FO_OP_READ, rg[rnd(g, nr)], 0);
}

/* ---- Scenario: capacity ----------------------------------------------------- */

static const char *const cm_capacity[] = {
    "capacity: the whole group table.  Every group 0..ngroups-1 is written once by",
    "csr write (a non-empty random member set), one command per cycle, and used by a",
    "multicast packet (len 0..4, from a random port) offered L..L+15 cycles after its",
    "write was accepted, so lookups run beside the writes; then further packets to",
    "random groups (some with xsrc).  Payload seeds are the tags (gzip-friendly).", NULL };

static void sc_capacity(gen *g)
{
    unsigned n = g->size > g->ng ? g->size : g->ng, gid, i;
    uint64_t last = 0;
    g->bm = malloc((size_t)g->ng * sizeof *g->bm);
    if (!g->bm) {
        g->fail = FO_ENOMEM;
        return;
    }
    for (gid = 0; gid < g->ng && !g->fail; gid++) {
        unsigned p = rnd(g, g->np);
        g->bm[gid] = rand_bitmap(g);
        unsigned lag = rnd(g, 16), len = rnd(g, 5);
        last = csr(g, 0, 1, FO_OP_WRITE, gid, g->bm[gid]);
        dpkt(g, last + g->L + lag, 0, p, FO_KIND_MULTICAST, 0, gid, len, g->bm[gid], PAY_TAGSEED);
    }
    for (i = g->ng; i < n && !g->fail; i++) {
        unsigned p = rnd(g, g->np), xsrc = chance(g, 1, 8), len = rnd(g, 5);
        gid = rnd(g, g->ng);
        dpkt(g, last + g->L, 0, p, FO_KIND_MULTICAST, xsrc, gid, len, g->bm[gid], PAY_TAGSEED);
    }
}

/* ---- Scenario: churn -------------------------------------------------------- */

static const char *const cm_churn[] = {
    "churn: a pool of 16 groups rewritten (write, add, remove, clear; csr and in-band)",
    "while multicast packets to those same groups are in flight.  Commands are placed",
    "relative to a packet's offer cycle a: accepted at a-L-1, a-L, a-L+1, a-L+2, a, a+1",
    "(the commit just before, at and after the lookup), in-band ops on other ports and",
    "right behind data on the same port.  Every 64 packets a probe at a quiet moment:",
    "a csr write accepted at c and packets to that group from distinct ports offered",
    "at c, c+1, ..., c+L+2, then an in-band add with data behind it and other ports'",
    "data around its commit (other traffic pauses around a probe).  Some groups become",
    "empty (drops `empty`).  Ends with csr reads of every group.",
    NULL };

#define CHURN_G 16

static void churn_probe(gen *g, const unsigned *pool, uint64_t *pm)
{
    unsigned gi = rnd(g, CHURN_G), gid = pool[gi], d, nd = g->L + 3;
    uint64_t t = est_end(g) + 64, acc, ports, c;
    uint64_t m = rand_bitmap(g);
    acc = csr(g, t, 1, FO_OP_WRITE, gid, m);
    pm[gi] = m;
    ports = pick_k(g, 0, g->np, nd);
    for (d = 0; d < nd && ports; d++) {
        unsigned p = member_of(g, ports);
        ports &= ~bit(p);
        dpkt(g, acc + d, 1, p, FO_KIND_MULTICAST, 0, gid, rnd(g, 9), m, PAY_SEED);
    }
    /* in-band: port q adds a port, its data right behind; others send around the commit */
    {
        unsigned q = rnd(g, g->np), a = rnd(g, g->np), k;
        t = est_end(g) + 64;
        c = cfgpkt(g, t, 1, q, FO_OP_ADD, gid, a);
        pm[gi] |= bit(a);
        dpkt(g, c, 1, q, FO_KIND_MULTICAST, 0, gid, rnd(g, 9), pm[gi], PAY_SEED);
        /* headers at c+L-1 .. c+L+3: the config's last flit is taken at c+1 at the earliest,
           so it commits at c+1+L: the first two lookups are before or at it, the rest after */
        for (k = 0; k < 5; k++) {
            unsigned r = rnd(g, g->np);
            if (r == q) continue;
            dpkt(g, c + g->L - 1 + k, 1, r, FO_KIND_MULTICAST, 0, gid, rnd(g, 5), pm[gi], PAY_SEED);
        }
    }
}

static void sc_churn(gen *g)
{
    unsigned n = g->size ? g->size : 2500, i, pool[CHURN_G];
    uint64_t pm[CHURN_G], t0, te;
    for (i = 0; i < CHURN_G; i++) {
        pool[i] = new_gid(g);
        pm[i] = rand_bitmap(g);
        csr(g, 0, 1, FO_OP_WRITE, pool[i], pm[i]);
    }
    t0 = g->cmd_free - 1 + g->L;
    for (i = 0; i < n && !g->fail; i++) {
        unsigned p = rnd(g, g->np), gi = rnd(g, CHURN_G), len = rnd(g, 65), r, op;
        uint64_t a, d;
        if (i % 64 == 63) {
            churn_probe(g, pool, pm);
            t0 = est_end(g);       /* the traffic resumes after the probe */
        }
        a = dpkt(g, t0, 0, p, FO_KIND_MULTICAST, chance(g, 1, 4), pool[gi], len, pm[gi], PAY_SEED);
        r = rnd(g, 8);
        op = rand_op(g);
        if (r < 3) {
            /* accepted at a-L-1 .. a-L+2 (commit before, at, after the lookup at a+1), a, a+1 */
            static const int off[6] = { -1, 0, 1, 2, 100, 101 };
            int o = off[rnd(g, 6)];
            int64_t w = o >= 100 ? (int64_t)a + (o - 100) : (int64_t)a + o - (int64_t)g->L;
            d = op_data(g, op, &pm[gi]);
            csr(g, w < 0 ? 0 : (uint64_t)w, 1, op, pool[gi], d);
        } else if (r < 5) {
            unsigned q = rnd(g, g->np);
            d = op_data(g, op, &pm[gi]);
            cfgpkt(g, a, q == p, q, op, pool[gi], d);
        } else if (r == 5) {
            /* in-band right behind this data on the same port, then more data */
            d = op_data(g, op, &pm[gi]);
            cfgpkt(g, a, 1, p, op, pool[gi], d);
            dpkt(g, a, 1, p, FO_KIND_MULTICAST, 0, pool[gi], rnd(g, 17), pm[gi], PAY_SEED);
        } else if (r == 6 && chance(g, 1, 2)) {
            /* several commands queued on one cycle */
            unsigned k, nk = 2 + rnd(g, 3);
            for (k = 0; k < nk; k++) {
                unsigned gj = rnd(g, CHURN_G), opk = rand_op(g);
                d = op_data(g, opk, &pm[gj]);
                csr(g, a, 0, opk, pool[gj], d);
            }
        }
    }
    te = est_end(g) + 16;
    for (i = 0; i < CHURN_G; i++) csr(g, te, 0, FO_OP_READ, pool[i], 0);
}

/* ---- Scenario: backpressure ------------------------------------------------- */

static const char *const cm_backpressure[] = {
    "backpressure: unicast and multicast traffic (8 preset groups, lengths 0..255) with",
    "long egress stalls (ready low for 100..3000 cycles) in overlapping clusters of 2..5",
    "ports, one stall from cycle 0 and one 6000-cycle stall; slots fill, ingress is",
    "back-pressured and multicast heads block.  Nothing may be lost or reordered.", NULL };

static void sc_backpressure(gen *g)
{
    unsigned n = g->size ? g->size : 100 * (g->np < 32 ? g->np : 32), i, pool[8], nc, k;
    uint64_t pm[8], t0, end;
    for (i = 0; i < 8; i++) {
        pool[i] = new_gid(g);
        pm[i] = rand_bitmap(g);
        csr(g, 0, 1, FO_OP_WRITE, pool[i], pm[i]);
    }
    t0 = g->cmd_free - 1 + g->L;
    for (i = 0; i < n; i++) {
        unsigned p = rnd(g, g->np), len = rnd(g, 256);
        uint64_t want = max64(t0, g->in_free[p] + (chance(g, 1, 2) ? 0 : rnd(g, 200)));
        if (chance(g, 1, 2)) {
            unsigned dst = rnd(g, g->np);
            dpkt(g, want, 0, p, FO_KIND_UNICAST, dst != p && chance(g, 1, 8), dst, len, 0, PAY_SEED);
        } else {
            unsigned j = rnd(g, 8);
            dpkt(g, want, 0, p, FO_KIND_MULTICAST, chance(g, 1, 8), pool[j], len, pm[j], PAY_SEED);
        }
    }
    end = est_end(g);
    {
        unsigned p0 = rnd(g, g->np), l0 = 500 + rnd(g, 1000);
        stall(g, 0, p0, l0);
    }
    nc = (unsigned)(end / 2500) + 4;
    for (k = 0; k < nc; k++) {
        uint64_t t = rnd64(g) % (end + 1);
        uint64_t ports = pick_k(g, 0, g->np, 2 + rnd(g, 4));
        while (ports) {
            unsigned p = member_of(g, ports), dt = rnd(g, 300), len = 100 + rnd(g, 2901);
            ports &= ~bit(p);
            if (max64(t + dt, g->stall_end[p]) < end) stall(g, t + dt, p, len);  /* within the traffic */
        }
    }
    stall(g, end / 2, rnd(g, g->np), 6000);
}

/* ---- Scenario: inband ------------------------------------------------------- */

static const char *const cm_inband[] = {
    "inband: in-band config packets (write, add, remove, clear) with data right behind",
    "them on the same port (same offer cycle): each port owns 2 groups, 4 are shared",
    "(their ops from several ports commit in grant order); sometimes two config packets",
    "in a row, or two data packets behind, some with xsrc; a few commands compete with",
    "the in-band grants; csr reads along the way and of every group at the end.", NULL };

static void sc_inband(gen *g)
{
    unsigned n = g->size ? g->size : 1200, i, p, own[FO_MAX_PORTS][2], sh[4];
    uint64_t om[FO_MAX_PORTS][2], sm[4], te;
    for (p = 0; p < g->np; p++) {
        own[p][0] = new_gid(g);
        own[p][1] = new_gid(g);
        om[p][0] = om[p][1] = 0;
    }
    for (i = 0; i < 4; i++) {
        sh[i] = new_gid(g);
        sm[i] = 0;
    }
    for (i = 0; i < n && !g->fail; i++) {
        unsigned gid, op, len = 16 + rnd(g, 113);
        uint64_t *m, d, c;
        p = rnd(g, g->np);
        if (chance(g, 7, 10)) {
            unsigned j = rnd(g, 2);
            gid = own[p][j];
            m = &om[p][j];
        } else {
            unsigned j = rnd(g, 4);
            gid = sh[j];
            m = &sm[j];
        }
        op = *m == 0 ? FO_OP_WRITE : rand_op(g);
        if (op == FO_OP_WRITE) {
            d = rand_bitmap(g);
            *m = d;
        } else {
            d = op_data(g, op, m);
        }
        c = pace(g, p, *m, 0);
        c = cfgpkt(g, c, 1, p, op, gid, d);
        if (chance(g, 1, 6)) {          /* a second config packet in a row */
            unsigned op2 = rand_op(g);
            uint64_t d2 = op_data(g, op2, m);
            cfgpkt(g, c, 1, p, op2, gid, d2);
        }
        dpkt(g, c, 1, p, FO_KIND_MULTICAST, chance(g, 1, 4), gid, len, *m, PAY_SEED);
        if (chance(g, 1, 5)) dpkt(g, c, 1, p, FO_KIND_MULTICAST, 0, gid, rnd(g, 32), *m, PAY_SEED);
        if (chance(g, 1, 10)) {         /* a command on a shared group, competing */
            unsigned j = rnd(g, 4), op3 = sm[j] ? rand_op(g) : FO_OP_WRITE;
            uint64_t d3 = op_data(g, op3, &sm[j]);
            csr(g, c + rnd(g, 4), 0, op3, sh[j], d3);
        }
        if (chance(g, 1, 8)) csr(g, c + g->L + rnd(g, 8), 0, FO_OP_READ, gid, 0);
    }
    te = est_end(g) + 16;
    for (p = 0; p < g->np; p++) {
        csr(g, te, 0, FO_OP_READ, own[p][0], 0);
        csr(g, te, 0, FO_OP_READ, own[p][1], 0);
    }
    for (i = 0; i < 4; i++) csr(g, te, 0, FO_OP_READ, sh[i], 0);
}

/* ---- Scenario: malformed ---------------------------------------------------- */

static const char *const cm_malformed[] = {
    "malformed: every drop reason of SPEC section 4 and their precedence (kind, rsvd,",
    "port, group, len, empty): a catalogue, each case preceded by a comment naming the",
    "expected outcome, then random repeats of it from random ports, interleaved with",
    "good unicast/multicast traffic (often right behind the bad packet on its port),",
    "good config packets and csr reads (a dropped config packet changes nothing).",
    "Every dropped packet carries its len payload flits.  Cases that the parameters",
    "cannot produce (bitmap bits >= nports at 64 ports, group >= ngroups at 65536",
    "groups) are left out.", NULL };

typedef struct malctx {
    unsigned ok, ok2, empty, clr, clr2, self[FO_MAX_PORTS];
    uint64_t okm, ok2m;
} malctx;

#define MAL_NCASES 56

/* Case idx from port p at or after want; 0 if the parameters cannot produce it. */
static int mal_case(gen *g, const malctx *mc, unsigned idx, unsigned p, uint64_t want, int notes)
{
    unsigned np = g->np, ng = g->ng, q = (p + 1) % np;
    int big64 = np < 64, bigng = ng < 65536;
    int pay = chance(g, 1, 2) ? PAY_FLITS : PAY_SEED;
    const char *nt = NULL;
    uint64_t c;
#define N(s) (nt = notes ? (s) : NULL)
#define BAD(kind, xsrc, op, rsvd, dst, len, py, first) \
    send(g, want, 0, p, kind, xsrc, op, rsvd, dst, len, py, first, 0, nt)
    switch (idx) {
    case 0: N("# expect drop kind: kind 3, len 0"); BAD(3, 0, 0, 0, 0, 0, pay, 0); break;
    case 1: N("# expect drop kind: kind 3, len 7"); BAD(3, 0, 0, 0, rnd(g, 65536), 7, PAY_FLITS, 0); break;
    case 2: N("# expect drop kind: kind 3 with xsrc, op 5, rsvd 15, dst 65535 (precedence)");
        BAD(3, 1, 5, 15, 65535, 3, pay, 0); break;
    case 3: N("# expect drop rsvd: unicast, rsvd 1"); BAD(0, 0, 0, 1, q, 2, pay, 0); break;
    case 4: N("# expect drop rsvd: unicast, rsvd 8, len 0"); BAD(0, 0, 0, 8, q, 0, pay, 0); break;
    case 5: N("# expect drop rsvd: multicast, rsvd 4"); BAD(1, 0, 0, 4, mc->ok, 5, pay, 0); break;
    case 6: N("# expect drop rsvd: config write, rsvd 2");
        BAD(2, 0, FO_OP_WRITE, 2, mc->ok, 1, PAY_FIRST, mc->okm); break;
    case 7: N("# expect drop rsvd: unicast, op 1"); BAD(0, 0, 1, 0, q, 1, pay, 0); break;
    case 8: N("# expect drop rsvd: unicast, op 7, len 0"); BAD(0, 0, 7, 0, q, 0, pay, 0); break;
    case 9: N("# expect drop rsvd: multicast, op 3"); BAD(1, 0, 3, 0, mc->ok, 4, pay, 0); break;
    case 10: N("# expect drop rsvd: config op 4, len 0"); BAD(2, 0, 4, 0, mc->ok, 0, PAY_FIRST, 0); break;
    case 11: N("# expect drop rsvd: config op 5, len 1"); BAD(2, 0, 5, 0, mc->ok, 1, PAY_FIRST, 1); break;
    case 12: N("# expect drop rsvd: config op 6, len 2"); BAD(2, 0, 6, 0, mc->ok, 2, PAY_FIRST, 0); break;
    case 13: N("# expect drop rsvd: config op 7, len 0"); BAD(2, 0, 7, 0, mc->ok, 0, PAY_FIRST, 0); break;
    case 14: N("# expect drop rsvd: config write with xsrc");
        BAD(2, 1, FO_OP_WRITE, 0, mc->ok, 1, PAY_FIRST, mc->okm); break;
    case 15: N("# expect drop rsvd: config clear with xsrc");
        BAD(2, 1, FO_OP_CLEAR, 0, mc->ok, 0, PAY_FIRST, 0); break;
    case 16: N("# expect drop port: unicast dst = nports"); BAD(0, 0, 0, 0, np, 3, pay, 0); break;
    case 17: N("# expect drop port: unicast dst 65535, len 0"); BAD(0, 0, 0, 0, 65535, 0, pay, 0); break;
    case 18: N("# expect drop port: unicast dst 64"); BAD(0, 0, 0, 0, 64, 1, pay, 0); break;
    case 19: N("# expect drop port: config add, port = nports");
        BAD(2, 0, FO_OP_ADD, 0, mc->ok, 1, PAY_FIRST, np); break;
    case 20: N("# expect drop port: config remove, port 2^63");
        BAD(2, 0, FO_OP_REMOVE, 0, mc->ok, 1, PAY_FIRST, 1ull << 63); break;
    case 21: N("# expect drop port: config add, port ffffffffffffffff");
        BAD(2, 0, FO_OP_ADD, 0, mc->ok2, 1, PAY_FIRST, ~0ull); break;
    case 22: if (!big64) return 0;
        N("# expect drop port: config write, bitmap bit nports");
        BAD(2, 0, FO_OP_WRITE, 0, mc->ok, 1, PAY_FIRST, bit(np)); break;
    case 23: if (!big64) return 0;
        N("# expect drop port: config write, bitmap all ones");
        BAD(2, 0, FO_OP_WRITE, 0, mc->ok2, 1, PAY_FIRST, ~0ull); break;
    case 24: if (!bigng) return 0;
        N("# expect drop group: multicast gid = ngroups"); BAD(1, 0, 0, 0, ng, 2, pay, 0); break;
    case 25: if (!bigng) return 0;
        N("# expect drop group: multicast gid 65535 with xsrc"); BAD(1, 1, 0, 0, 65535, 0, pay, 0); break;
    case 26: if (!bigng) return 0;
        N("# expect drop group: config write gid = ngroups");
        BAD(2, 0, FO_OP_WRITE, 0, ng, 1, PAY_FIRST, mc->okm); break;
    case 27: if (!bigng) return 0;
        N("# expect drop group: config clear gid 65535");
        BAD(2, 0, FO_OP_CLEAR, 0, 65535, 0, PAY_FIRST, 0); break;
    case 28: N("# expect drop len: config write, len 0"); BAD(2, 0, FO_OP_WRITE, 0, mc->ok, 0, PAY_FIRST, 0); break;
    case 29: N("# expect drop len: config write, len 2");
        BAD(2, 0, FO_OP_WRITE, 0, mc->ok, 2, PAY_FIRST, mc->okm); break;
    case 30: N("# expect drop len: config add, len 0"); BAD(2, 0, FO_OP_ADD, 0, mc->ok, 0, PAY_FIRST, 0); break;
    case 31: N("# expect drop len: config remove, len 3");
        BAD(2, 0, FO_OP_REMOVE, 0, mc->ok, 3, PAY_FIRST, 0); break;
    case 32: N("# expect drop len: config clear, len 1"); BAD(2, 0, FO_OP_CLEAR, 0, mc->ok, 1, PAY_FIRST, 0); break;
    case 33: N("# expect drop len: config clear, len 255");
        BAD(2, 0, FO_OP_CLEAR, 0, mc->ok2, 255, PAY_FIRST, 0); break;
    case 34: N("# expect drop len: config write, len 255");
        BAD(2, 0, FO_OP_WRITE, 0, mc->ok2, 255, PAY_FIRST, mc->ok2m); break;
    case 35: N("# expect drop empty: unicast to itself with xsrc"); BAD(0, 1, 0, 0, p, 4, pay, 0); break;
    case 36: N("# expect drop empty: unicast to itself with xsrc, len 0"); BAD(0, 1, 0, 0, p, 0, pay, 0); break;
    case 37: N("# expect drop empty: multicast to a group never written"); BAD(1, 0, 0, 0, mc->empty, 3, pay, 0); break;
    case 38: N("# expect drop empty: multicast to a cleared group"); BAD(1, 0, 0, 0, mc->clr, 0, pay, 0); break;
    case 39: N("# expect drop empty: multicast with xsrc, the sender is the only member");
        BAD(1, 1, 0, 0, mc->self[p], 2, pay, 0); break;
    case 40: N("# expect drop rsvd: unicast rsvd 3 and dst 65535 (rsvd before port)");
        BAD(0, 0, 0, 3, 65535, 2, pay, 0); break;
    case 41: N("# expect drop rsvd: unicast op 2, dst = nports, xsrc (rsvd before port)");
        BAD(0, 1, 2, 0, np, 1, pay, 0); break;
    case 42: N("# expect drop rsvd: multicast rsvd 1 to a bad or empty group (rsvd before group/empty)");
        BAD(1, 0, 0, 1, bigng ? ng : mc->empty, 2, pay, 0); break;
    case 43: N("# expect drop rsvd: config op 6, gid 65535, len 9 (rsvd before group, len)");
        BAD(2, 0, 6, 0, 65535, 9, PAY_FIRST, 0); break;
    case 44: N("# expect drop rsvd: config write with xsrc, len 3 (rsvd before group, len)");
        BAD(2, 1, FO_OP_WRITE, 0, bigng ? ng : mc->ok, 3, PAY_FIRST, 0); break;
    case 45: if (!bigng) return 0;
        N("# expect drop group: config write gid = ngroups, len 0 (group before len)");
        BAD(2, 0, FO_OP_WRITE, 0, ng, 0, PAY_FIRST, 0); break;
    case 46: if (!bigng || !big64) return 0;
        N("# expect drop group: config write gid = ngroups, bad bitmap (header before payload)");
        BAD(2, 0, FO_OP_WRITE, 0, ng, 1, PAY_FIRST, ~0ull); break;
    case 47: N("# expect drop len: config add, len 2, port ffffffffffffffff (header before payload)");
        BAD(2, 0, FO_OP_ADD, 0, mc->ok, 2, PAY_FIRST, ~0ull); break;
    case 48: N("# expect drop port: unicast dst = nports with xsrc (port before empty)");
        BAD(0, 1, 0, 0, np, 5, pay, 0); break;
    case 49: if (!bigng) return 0;
        N("# expect drop group: multicast gid 65535, xsrc (group before empty)");
        BAD(1, 1, 0, 0, 65535, 1, pay, 0); break;
    case 50: N("# expect drop rsvd: multicast rsvd 2, xsrc, sender the only member (rsvd before empty)");
        BAD(1, 1, 0, 2, mc->self[p], 3, pay, 0); break;
    case 51: if (!big64) return 0;
        N("# expect drop port: config write of a bad bitmap to a good group; the read shows it unchanged");
        c = BAD(2, 0, FO_OP_WRITE, 0, mc->ok, 1, PAY_FIRST, mc->okm | bit(63));
        csr(g, c + 8, 0, FO_OP_READ, mc->ok, 0);
        break;
    case 52: N("# expect ok: multicast with xsrc to a good group (copies to every member but the sender)");
        send(g, want, 0, p, 1, 1, 0, 0, mc->ok2, 3, pay, 0, mc->ok2m & ~bit(p), nt); break;
    case 53: N("# expect ok: unicast with xsrc to another port");
        send(g, want, 0, p, 0, 1, 0, 0, q, 3, pay, 0, bit(q), nt); break;
    case 54: N("# expect cfg clear, then drop empty: in-band clear with data right behind");
        c = send(g, want, 0, p, 2, 0, FO_OP_CLEAR, 0, mc->clr2, 0, PAY_FIRST, 0, 0, nt);
        send(g, c, 1, p, 1, 0, 0, 0, mc->clr2, 2, pay, 0, 0, NULL); break;
    case 55: N("# expect drop empty (unicast) then ok: xsrc to itself, a good packet right behind");
        c = BAD(0, 1, 0, 0, p, 3, pay, 0);
        send(g, c, 1, p, 0, 0, 0, 0, q, 2, pay, 0, bit(q), NULL); break;
    default: return 0;
    }
#undef N
#undef BAD
    return 1;
}

static void mal_good(gen *g, const malctx *mc, unsigned p, uint64_t want, int exact)
{
    int pay = chance(g, 1, 4) ? PAY_FLITS : PAY_SEED;
    unsigned len = rnd(g, 256);
    if (chance(g, 1, 2)) {
        unsigned dst = rnd(g, g->np);
        dpkt(g, want, exact, p, FO_KIND_UNICAST, dst != p && chance(g, 1, 4), dst, len, 0, pay);
    } else if (chance(g, 1, 2)) {
        unsigned xsrc = chance(g, 1, 4);
        dpkt(g, want, exact, p, FO_KIND_MULTICAST, xsrc, mc->ok, len / 4, mc->okm, pay);
    } else {
        dpkt(g, want, exact, p, FO_KIND_MULTICAST, 0, mc->ok2, len / 2, mc->ok2m, pay);
    }
}

static void sc_malformed(gen *g)
{
    unsigned n = g->size ? g->size : 1500, i, p;
    malctx mc;
    uint64_t t0, te;
    mc.ok = new_gid(g);
    mc.okm = g->all;
    csr(g, 0, 1, FO_OP_WRITE, mc.ok, mc.okm);
    mc.ok2 = new_gid(g);
    mc.ok2m = pick_k(g, 0, g->np, 2 + rnd(g, g->np - 1));
    csr(g, 0, 1, FO_OP_WRITE, mc.ok2, mc.ok2m);
    mc.empty = new_gid(g);
    mc.clr = new_gid(g);
    csr(g, 0, 1, FO_OP_WRITE, mc.clr, rand_bitmap(g));
    csr(g, 0, 1, FO_OP_CLEAR, mc.clr, 0);
    mc.clr2 = new_gid(g);
    csr(g, 0, 1, FO_OP_WRITE, mc.clr2, rand_bitmap(g));
    for (p = 0; p < g->np; p++) {
        mc.self[p] = new_gid(g);
        csr(g, 0, 1, FO_OP_WRITE, mc.self[p], bit(p));
    }
    t0 = g->cmd_free - 1 + g->L;
    /* the catalogue, with a good packet of another port between cases */
    for (i = 0; i < MAL_NCASES; i++) {
        p = rnd(g, g->np);
        if (mal_case(g, &mc, i, p, t0, 1)) mal_good(g, &mc, rnd(g, g->np), t0, 0);
    }
    /* random repeats, interleaved with good traffic and good config */
    for (i = 0; i < n && !g->fail; i++) {
        unsigned r = rnd(g, 10);
        p = rnd(g, g->np);
        while (!mal_case(g, &mc, rnd(g, MAL_NCASES), p, t0, 0)) {}
        if (r < 5) mal_good(g, &mc, p, g->last_pkt[p], 1);     /* right behind it */
        mal_good(g, &mc, rnd(g, g->np), t0, 0);
        if (r == 5) {                                           /* good config: ok2 rewritten */
            uint64_t m = pick_k(g, 0, g->np, 2 + rnd(g, g->np - 1));
            uint64_t c = cfgpkt(g, pace(g, p, 0, t0), 1, p, FO_OP_WRITE, mc.ok2, m);
            mc.ok2m = m;
            dpkt(g, c, 1, p, FO_KIND_MULTICAST, 0, mc.ok2, rnd(g, 64), m, PAY_SEED);
        }
        if (r == 6) {
            unsigned j = rnd(g, 5);
            unsigned gid = j == 0 ? mc.ok : j == 1 ? mc.ok2 : j == 2 ? mc.empty : j == 3 ? mc.clr : mc.self[p];
            csr(g, g->last_pkt[p], 0, FO_OP_READ, gid, 0);
        }
    }
    te = est_end(g) + 16;
    csr(g, te, 0, FO_OP_READ, mc.ok, 0);
    csr(g, te, 0, FO_OP_READ, mc.ok2, 0);
    csr(g, te, 0, FO_OP_READ, mc.empty, 0);
    csr(g, te, 0, FO_OP_READ, mc.clr, 0);
    csr(g, te, 0, FO_OP_READ, mc.clr2, 0);
}

/* ---- Scenario: random ------------------------------------------------------- */

static const char *const cm_random[] = {
    "random: a seeded mix of every feature on one timeline: unicast (some back to",
    "back), multicast to a pool of 32 groups (some with xsrc), MoE tokens (csr or",
    "in-band setup right before the data), in-band config with data behind, csr ops",
    "and reads near packet arrivals (some queued on one cycle), egress stalls, and",
    "malformed packets; about a quarter of the data payloads are `flits`.", NULL };

#define RND_G 32

static void sc_random(gen *g)
{
    unsigned n = g->size ? g->size : 4000, i, pool[RND_G], ns = g->np / 4;
    uint64_t pm[RND_G], t0, te;
    malctx mc;
    mc.ok = new_gid(g);
    mc.okm = g->all;
    csr(g, 0, 1, FO_OP_WRITE, mc.ok, mc.okm);
    mc.ok2 = new_gid(g);
    mc.ok2m = pick_k(g, 0, g->np, 2);
    csr(g, 0, 1, FO_OP_WRITE, mc.ok2, mc.ok2m);
    mc.empty = new_gid(g);
    mc.clr = new_gid(g);
    csr(g, 0, 1, FO_OP_CLEAR, mc.clr, 0);
    mc.clr2 = new_gid(g);
    for (i = 0; i < g->np; i++) {
        mc.self[i] = new_gid(g);
        csr(g, 0, 1, FO_OP_WRITE, mc.self[i], bit(i));
    }
    for (i = 0; i < RND_G; i++) {
        pool[i] = new_gid(g);
        pm[i] = rand_bitmap(g);
        csr(g, 0, 1, FO_OP_WRITE, pool[i], pm[i]);
    }
    t0 = g->cmd_free - 1 + g->L;
    for (i = 0; i < n && !g->fail; i++) {
        unsigned r = rnd(g, 100), p = rnd(g, g->np), gi = rnd(g, RND_G);
        int pay = chance(g, 1, 4) ? PAY_FLITS : PAY_SEED;
        uint64_t d;
        if (r < 25) {                           /* unicast */
            unsigned dst = rnd(g, g->np);
            int b2b = chance(g, 1, 3);
            uint64_t want = b2b ? g->last_pkt[p] : g->in_free[p] + rnd(g, 100);
            unsigned xsrc = dst != p && chance(g, 1, 8), len = rnd(g, 256);
            dpkt(g, want, b2b, p, FO_KIND_UNICAST, xsrc, dst, len, 0, pay);
        } else if (r < 45) {                    /* multicast to the pool */
            unsigned xsrc = chance(g, 1, 5), len = rnd(g, 256);
            dpkt(g, t0, 0, p, FO_KIND_MULTICAST, xsrc, pool[gi], len, pm[gi], pay);
        } else if (r < 55) {                    /* moe token */
            unsigned s = rnd(g, ns), ne = g->np - ns;
            uint64_t m = pick_k(g, ns, g->np, ne < 8 ? ne : 8);
            moe_token(g, t0, s, m, pool[gi], 64, chance(g, 1, 2), pay);
            pm[gi] = m;
        } else if (r < 65) {                    /* in-band op, data right behind */
            unsigned op = rand_op(g);
            uint64_t c = pace(g, p, pm[gi], t0);
            d = op_data(g, op, &pm[gi]);
            unsigned xsrc, len;
            c = cfgpkt(g, c, 1, p, op, pool[gi], d);
            xsrc = chance(g, 1, 5);
            len = rnd(g, 128);
            dpkt(g, c, 1, p, FO_KIND_MULTICAST, xsrc, pool[gi], len, pm[gi], pay);
        } else if (r < 75) {                    /* csr op near a packet's arrival */
            uint64_t a = dpkt(g, t0, 0, p, FO_KIND_MULTICAST, 0, pool[gi], rnd(g, 64), pm[gi], pay);
            unsigned op = chance(g, 1, 5) ? FO_OP_READ : rand_op(g);
            int64_t w = (int64_t)a - (int64_t)g->L + 1 - 2 + (int64_t)rnd(g, 5);
            d = op == FO_OP_READ ? 0 : op_data(g, op, &pm[gi]);
            csr(g, w < 0 ? 0 : (uint64_t)w, chance(g, 3, 4), op, pool[gi], d);
        } else if (r < 79) {                    /* egress stall */
            uint64_t t = g->in_free[p] > 200 ? g->in_free[p] - rnd(g, 200) : 0;
            unsigned sp = rnd(g, g->np), sl = 50 + rnd(g, 1500);
            stall(g, t, sp, sl);
        } else if (r < 92) {                    /* malformed */
            while (!mal_case(g, &mc, rnd(g, MAL_NCASES), p, t0, 0)) {}
        } else if (r < 96) {                    /* back-to-back burst on one port */
            unsigned k, nk = 2 + rnd(g, 6);
            for (k = 0; k < nk; k++) {
                unsigned dst = rnd(g, g->np);
                if (chance(g, 1, 2))
                    dpkt(g, g->last_pkt[p], 1, p, FO_KIND_UNICAST, 0, dst, rnd(g, 32), 0, pay);
                else
                    dpkt(g, g->last_pkt[p], 1, p, FO_KIND_MULTICAST, 0, pool[gi], rnd(g, 32), pm[gi], pay);
            }
        } else {                                /* several commands on one cycle */
            unsigned k, nk = 2 + rnd(g, 4);
            uint64_t t = g->in_free[p];
            for (k = 0; k < nk; k++) {
                unsigned gj = rnd(g, RND_G), op = chance(g, 1, 4) ? FO_OP_READ : rand_op(g);
                d = op == FO_OP_READ ? 0 : op_data(g, op, &pm[gj]);
                csr(g, t, 0, op, pool[gj], d);
            }
        }
    }
    te = est_end(g) + 16;
    for (i = 0; i < RND_G; i++) csr(g, te, 0, FO_OP_READ, pool[i], 0);
}

/* ---- Table of scenarios ----------------------------------------------------- */

typedef struct scen {
    const char *name;
    const char *desc;
    void (*run)(gen *g);
    const char *const *comment;
} scen;

static const scen scens[] = {
    { "unicast", "random unicast traffic, lengths 0..255, some back to back", sc_unicast, cm_unicast },
    { "moe", "MoE dispatch: each token's top-k group written just before its data (csr or in-band)",
      sc_moe, cm_moe },
    { "allgather", "many groups set up in advance (all-others, all, random), then used by all ports",
      sc_allgather, cm_allgather },
    { "capacity", "every one of NGROUPS groups written, then each used at least once",
      sc_capacity, cm_capacity },
    { "churn", "groups rewritten (csr and in-band) while packets to them are in flight",
      sc_churn, cm_churn },
    { "backpressure", "traffic with long, overlapping egress stalls on several ports",
      sc_backpressure, cm_backpressure },
    { "inband", "in-band config packets with data right behind them, csr reads to check",
      sc_inband, cm_inband },
    { "malformed", "every drop reason and its precedence, interleaved with good traffic",
      sc_malformed, cm_malformed },
    { "random", "a seeded mix of all of the above", sc_random, cm_random },
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
                whex(w, (i == 0 && e->pay == PAY_FIRST) ? e->a : sm64(&s));
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
             (unsigned long long)last, (unsigned long long)est_end(g));
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
    g->all = g->np == 64 ? ~0ull : bit(g->np) - 1;
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
