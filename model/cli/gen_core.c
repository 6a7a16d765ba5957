/* gen_core.c -- the stimulus generator's event list and the helpers every
 * scenario builds with (gen_int.h): the seeded random numbers, packets,
 * commands and stalls appended to the list, and the pacing estimate.
 *
 * Timing.  Offer cycles are lower bounds (a port that is busy or
 * back-pressured offers later), so the generator paces traffic with a rough
 * estimate of when each ingress link is free and when each egress link has
 * drained (`gen_pace`/`gen_load`), letting offers run at most AHEAD cycles
 * ahead of the estimated egress backlog.  Commands are offered on a cycle at
 * which the command port is free, so their acceptance cycle is their offer
 * cycle and a packet offered L = sram_latency cycles later is accepted at or
 * after the commit (docs/microarchitecture.md, config engine). */
#include "gen_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AHEAD         512u         /* offers may run this far ahead of the egress estimate */
#define TAG_LIMIT     (1u << 24)

/* ---- PRNG ----------------------------------------------------------------- */

uint64_t gen_rnd64(gen *g) { return fo_splitmix64(&g->rng); }
unsigned gen_rnd(gen *g, unsigned n) { return n ? (unsigned)(gen_rnd64(g) % n) : 0u; }
int gen_chance(gen *g, unsigned num, unsigned den) { return gen_rnd(g, den) < num; }

/* k distinct random ports of [lo, hi) as a bitmap. */
uint64_t gen_pick_k(gen *g, unsigned lo, unsigned hi, unsigned k)
{
    unsigned a[FO_MAX_PORTS], n = hi - lo, i;
    uint64_t m = 0;
    for (i = 0; i < n; i++) a[i] = lo + i;
    for (i = 0; i < k && i < n; i++) {
        unsigned j = i + gen_rnd(g, n - i), t = a[i];
        a[i] = a[j];
        a[j] = t;
        m |= gen_bit(a[i]);
    }
    return m;
}

/* A non-empty random member set: one port, a few ports, or a dense random set. */
uint64_t gen_rand_bitmap(gen *g)
{
    switch (gen_rnd(g, 4)) {
    case 0: return gen_pick_k(g, 0, g->np, 1);
    case 1: return gen_pick_k(g, 0, g->np, 2 + gen_rnd(g, 3));
    default: {
        uint64_t m = gen_rnd64(g) & g->all;
        return m ? m : gen_pick_k(g, 0, g->np, 1);
    }
    }
}

/* A random port in the bitmap m (non-empty), or any port if m is empty. */
unsigned gen_member_of(gen *g, uint64_t m)
{
    unsigned k = gen_popc(m), i, p;
    if (!k) return gen_rnd(g, g->np);
    i = gen_rnd(g, k);
    for (p = 0; p < 64; p++)
        if ((m >> p & 1) && i-- == 0) return p;
    return 0;
}

/* A fresh group id, distinct from every other one handed out. */
unsigned gen_new_gid(gen *g)
{
    unsigned x;
    do x = gen_rnd(g, g->ng); while (g->used[x]);
    g->used[x] = 1;
    return x;
}

/* ---- Events --------------------------------------------------------------- */

gev *gen_push(gen *g, uint8_t type, uint64_t cycle)
{
    gev *e;
    if (g->fail) return NULL;
    if (fo_grow((void **)&g->v, &g->cap, g->n + 1, sizeof *g->v)) {
        g->fail = FO_ENOMEM;
        return NULL;
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
uint64_t gen_pace(gen *g, unsigned p, uint64_t members, uint64_t want)
{
    uint64_t c = gen_max64(want, g->in_free[p]);
    unsigned e;
    for (e = 0; e < g->np; e++)
        if ((members >> e & 1) && g->eg_free[e] > c + AHEAD) c = g->eg_free[e] - AHEAD;
    return c;
}

/* Account a packet of `flits` flits offered at c on port p to `members`. */
void gen_load(gen *g, unsigned p, uint64_t members, uint64_t c, unsigned flits)
{
    uint64_t t = c + g->L + 3;
    unsigned e;
    g->in_free[p] = gen_max64(g->in_free[p], c) + flits;
    for (e = 0; e < g->np; e++)
        if (members >> e & 1) g->eg_free[e] = gen_max64(g->eg_free[e], t) + flits;
}

uint64_t gen_est_end(const gen *g)
{
    uint64_t t = gen_max64(g->cmd_free, g->last_csr);
    unsigned p;
    for (p = 0; p < g->np; p++) {
        t = gen_max64(t, g->in_free[p]);
        t = gen_max64(t, g->eg_free[p]);
        t = gen_max64(t, g->stall_end[p]);
    }
    return t;
}

/* A packet line.  Returns the offer cycle used (>= the port's previous one). */
uint64_t gen_pkt(gen *g, uint64_t c, unsigned p, unsigned kind, unsigned xsrc, unsigned op,
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
    if (gen_chance(g, 1, 16)) src = gen_rnd(g, 64);      /* junk that the switch overwrites */
    e = gen_push(g, EV_PKT, c);
    if (!e) return c;
    e->port = (uint8_t)p;
    e->hdr = fo_hdr_make(kind, xsrc, src, op, rsvd, dst, len, g->ntag);
    e->pay = (uint8_t)pay;
    e->note = note;
    if (pay == PAY_TAGSEED) {
        e->pay = PAY_SEED;
        e->a = g->ntag;
    } else if (pay == PAY_SEED) {
        e->a = gen_rnd64(g);
    } else {
        e->a = first;
        e->b = gen_rnd64(g);
    }
    g->ntag++;
    g->npkt++;
    if (kind == FO_KIND_CONFIG) g->ncfg++;
    return c;
}

/* A packet paced (exact = 0: at the estimate, at or after want) or offered at
   want exactly (exact = 1, still not before the port's previous offer). */
uint64_t gen_send(gen *g, uint64_t want, int exact, unsigned p, unsigned kind, unsigned xsrc,
                     unsigned op, unsigned rsvd, unsigned dst, unsigned len, int pay,
                     uint64_t first, uint64_t members, const char *note)
{
    uint64_t c = exact ? want : gen_pace(g, p, members, want);
    c = gen_pkt(g, c, p, kind, xsrc, op, rsvd, dst, len, pay, first, note);
    gen_load(g, p, members, c, 1 + len);
    return c;
}

/* A well-formed data packet (unicast dst = port, multicast dst = gid with
   the expected member set `m`). */
uint64_t gen_dpkt(gen *g, uint64_t want, int exact, unsigned p, unsigned kind, unsigned xsrc,
                     unsigned dst, unsigned len, uint64_t m, int pay)
{
    if (kind == FO_KIND_UNICAST) m = gen_bit(dst);
    if (xsrc) m &= ~gen_bit(p);
    return gen_send(g, want, exact, p, kind, xsrc, 0, 0, dst, len, pay, 0, m, NULL);
}

/* A well-formed in-band config packet (always `flits`: the bitmap or port). */
uint64_t gen_cfgpkt(gen *g, uint64_t want, int exact, unsigned p, unsigned op, unsigned gid,
                       uint64_t data)
{
    unsigned len = op == FO_OP_CLEAR ? 0 : 1;
    if (op == FO_OP_WRITE) data &= g->all;
    else data %= g->np;
    return gen_send(g, want, exact, p, FO_KIND_CONFIG, 0, op, 0, gid, len, PAY_FIRST, data, 0, NULL);
}

/* A command.  exact: offered when the command port is free, so that it is
   accepted at its offer cycle; otherwise offered at want (it may queue).
   Returns the acceptance cycle. */
uint64_t gen_csr(gen *g, uint64_t want, int exact, unsigned op, unsigned gid, uint64_t data)
{
    uint64_t acc, off;
    gev *e;
    if (want < g->last_csr) want = g->last_csr;
    acc = gen_max64(want, g->cmd_free);
    off = exact ? acc : want;
    g->cmd_free = acc + 1;
    g->last_csr = off;
    e = gen_push(g, EV_CSR, off);
    if (!e) return acc;
    e->op = (uint8_t)op;
    e->n = gid % g->ng;
    e->hdr = op == FO_OP_WRITE ? (data & g->all) : op == FO_OP_ADD || op == FO_OP_REMOVE ? data % g->np : 0;
    g->ncsr++;
    return acc;
}

/* An egress stall: ready low on port p for `cycles` cycles, not overlapping
   an earlier stall of the same port.  Returns its start. */
uint64_t gen_stall(gen *g, uint64_t want, unsigned p, unsigned cycles)
{
    gev *e;
    if (want < g->stall_end[p]) want = g->stall_end[p];
    g->stall_end[p] = want + cycles + 1;
    if (g->eg_free[p] > want) g->eg_free[p] += cycles;
    e = gen_push(g, EV_STALL, want);
    if (!e) return want;
    e->port = (uint8_t)p;
    e->n = cycles;
    g->nstall++;
    return want;
}

/* A random group op through the command port (never read) or in-band. */
unsigned gen_rand_op(gen *g)
{
    unsigned r = gen_rnd(g, 8);
    return r < 3 ? FO_OP_WRITE : r < 5 ? FO_OP_ADD : r < 7 ? FO_OP_REMOVE : FO_OP_CLEAR;
}

/* Operand of op on a group believed to hold m; updates *m. */
uint64_t gen_op_data(gen *g, unsigned op, uint64_t *m)
{
    uint64_t d = 0;
    switch (op) {
    case FO_OP_WRITE: d = gen_chance(g, 1, 16) ? 0 : gen_rand_bitmap(g); *m = d; break;
    case FO_OP_ADD: d = gen_rnd(g, g->np); *m |= gen_bit((unsigned)d); break;
    case FO_OP_REMOVE:
        d = (*m && gen_chance(g, 3, 4)) ? gen_member_of(g, *m) : gen_rnd(g, g->np);
        *m &= ~gen_bit((unsigned)d);
        break;
    default: *m = 0; break;
    }
    return d;
}

void gen_pool(gen *g, unsigned n, unsigned *gid, uint64_t *m)
{
    for (unsigned i = 0; i < n; i++) {
        gid[i] = gen_new_gid(g);
        m[i] = gen_rand_bitmap(g);
        gen_csr(g, 0, 1, FO_OP_WRITE, gid[i], m[i]);
    }
}

unsigned gen_banks(const gen *g)
{
    unsigned b = 1;
    while (b < g->np) b <<= 1;
    return b;
}
