/* gen_traffic.c -- the data-traffic scenarios of `fanout gen`: unicast, moe,
 * allgather, backpressure and incast (gen_int.h). */
#include "gen_int.h"

#include <stdio.h>
#include <string.h>

/* ---- Scenario: unicast ------------------------------------------------------ */

const char *const gen_cm_unicast[] = {
    "unicast: random unicast traffic (kind 0), lengths 0..255, every port to every port",
    "(including to itself), some with xsrc (never to itself), about 40% of the packets",
    "offered back to back behind the port's previous packet, the rest after random gaps.",
    "Exercises the parser, slot allocation, egress round-robin and per-port order.", NULL };

void gen_sc_unicast(gen *g)
{
    unsigned n = g->size ? g->size : 300 * g->np, i;
    for (i = 0; i < n; i++) {
        unsigned p = gen_rnd(g, g->np), dst = gen_rnd(g, g->np), len = gen_rnd(g, 256);
        unsigned xsrc = dst != p && gen_chance(g, 1, 8);
        if (gen_chance(g, 2, 5))
            gen_dpkt(g, g->last_pkt[p], 1, p, FO_KIND_UNICAST, xsrc, dst, len, 0, PAY_SEED);
        else
            gen_dpkt(g, g->in_free[p] + gen_rnd(g, 160), 0, p, FO_KIND_UNICAST, xsrc, dst, len, 0, PAY_SEED);
    }
}

/* ---- Scenario: moe ---------------------------------------------------------- */

const char *const gen_cm_moe[] = {
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

void gen_moe_token(gen *g, uint64_t want, unsigned s, uint64_t m, unsigned gid, unsigned len,
                      int inband, int pay)
{
    if (!inband) {
        uint64_t d0 = gen_pace(g, s, m, want);
        uint64_t acc = gen_csr(g, d0 >= g->L ? d0 - g->L : 0, 1, FO_OP_WRITE, gid, m);
        gen_dpkt(g, acc + g->L, 1, s, FO_KIND_MULTICAST, 0, gid, len, m, pay);
    } else {
        uint64_t c = gen_pace(g, s, m, want);
        c = gen_cfgpkt(g, c, 1, s, FO_OP_WRITE, gid, m);
        gen_dpkt(g, c, 1, s, FO_KIND_MULTICAST, 0, gid, len, m, pay);
    }
}

void gen_sc_moe(gen *g)
{
    unsigned ns = g->np / 4, ne = g->np - ns, k = ne < 8 ? ne : 8, B = gen_banks(g);
    unsigned n = g->size ? g->size : 2000, words = g->ng / B, pool = words < 64 ? words : 64;
    unsigned base = gen_rnd(g, words), t;
    for (t = 0; t < n; t++) {
        unsigned s = t % ns, j = t / ns;
        uint64_t m = gen_pick_k(g, ns, g->np, k);
        unsigned bank = (t & 1) ? s : ns + s;                   /* in-band: own bank */
        unsigned gid = bank + B * ((base + j % pool) % words);
        gen_moe_token(g, 0, s, m, gid, 64, t & 1, PAY_SEED);
    }
}

/* ---- Scenario: allgather ---------------------------------------------------- */

const char *const gen_cm_allgather[] = {
    "allgather: collectives with groups known in advance.  Set up first through csr",
    "writes: every port's \"all others\" group, one \"all ports\" group (used with xsrc),",
    "and 256 random groups.  Then every port sends, round-robin: 60% to its all-others",
    "group, 20% to the all-ports group with xsrc, 20% to a random group (some with",
    "xsrc); chunks of 64 flits mostly, some of random length.  Ends with csr reads.", NULL };

void gen_sc_allgather(gen *g)
{
    unsigned n = g->size ? g->size : 800, nr = 256, i, p;
    unsigned ao[FO_MAX_PORTS], gall, rg[256];
    uint64_t rm[256], t0, te;
    for (p = 0; p < g->np; p++) {
        ao[p] = gen_new_gid(g);
        gen_csr(g, 0, 1, FO_OP_WRITE, ao[p], g->all & ~gen_bit(p));
    }
    gall = gen_new_gid(g);
    gen_csr(g, 0, 1, FO_OP_WRITE, gall, g->all);
    gen_pool(g, nr, rg, rm);
    t0 = g->cmd_free - 1 + g->L;
    for (i = 0; i < n; i++) {
        unsigned r = gen_rnd(g, 10), len = gen_chance(g, 7, 10) ? 64 : gen_rnd(g, 256);
        p = i % g->np;
        if (r < 6)
            gen_dpkt(g, t0, 0, p, FO_KIND_MULTICAST, 0, ao[p], len, g->all & ~gen_bit(p), PAY_SEED);
        else if (r < 8)
            gen_dpkt(g, t0, 0, p, FO_KIND_MULTICAST, 1, gall, len, g->all, PAY_SEED);
        else {
            unsigned j = gen_rnd(g, nr);
            gen_dpkt(g, t0, 0, p, FO_KIND_MULTICAST, gen_chance(g, 1, 4), rg[j], len, rm[j], PAY_SEED);
        }
    }
    te = gen_est_end(g) + 16;
    for (p = 0; p < g->np; p++) gen_csr(g, te, 0, FO_OP_READ, ao[p], 0);
    gen_csr(g, te, 0, FO_OP_READ, gall, 0);
    for (i = 0; i < 16; i++) gen_csr(g, te, 0, FO_OP_READ, rg[gen_rnd(g, nr)], 0);
}

/* ---- Scenario: backpressure ------------------------------------------------- */

const char *const gen_cm_backpressure[] = {
    "backpressure: unicast and multicast traffic (8 preset groups, lengths 0..255) with",
    "long egress stalls (ready low for 100..3000 cycles) in overlapping clusters of 2..5",
    "ports, one stall from cycle 0 and one 6000-cycle stall; slots fill, ingress is",
    "back-pressured and multicast heads block.  Nothing may be lost or reordered.", NULL };

void gen_sc_backpressure(gen *g)
{
    unsigned n = g->size ? g->size : 100 * (g->np < 32 ? g->np : 32), i, pool[8], nc, k;
    uint64_t pm[8], t0, end;
    gen_pool(g, 8, pool, pm);
    t0 = g->cmd_free - 1 + g->L;
    for (i = 0; i < n; i++) {
        unsigned p = gen_rnd(g, g->np), len = gen_rnd(g, 256);
        uint64_t want = gen_max64(t0, g->in_free[p] + (gen_chance(g, 1, 2) ? 0 : gen_rnd(g, 200)));
        if (gen_chance(g, 1, 2)) {
            unsigned dst = gen_rnd(g, g->np);
            gen_dpkt(g, want, 0, p, FO_KIND_UNICAST, dst != p && gen_chance(g, 1, 8), dst, len, 0, PAY_SEED);
        } else {
            unsigned j = gen_rnd(g, 8);
            gen_dpkt(g, want, 0, p, FO_KIND_MULTICAST, gen_chance(g, 1, 8), pool[j], len, pm[j], PAY_SEED);
        }
    }
    end = gen_est_end(g);
    {
        unsigned p0 = gen_rnd(g, g->np), l0 = 500 + gen_rnd(g, 1000);
        gen_stall(g, 0, p0, l0);
    }
    nc = (unsigned)(end / 2500) + 4;
    for (k = 0; k < nc; k++) {
        uint64_t t = gen_rnd64(g) % (end + 1);
        uint64_t ports = gen_pick_k(g, 0, g->np, 2 + gen_rnd(g, 4));
        while (ports) {
            unsigned p = gen_member_of(g, ports), dt = gen_rnd(g, 300), len = 100 + gen_rnd(g, 2901);
            ports &= ~gen_bit(p);
            if (gen_max64(t + dt, g->stall_end[p]) < end) gen_stall(g, t + dt, p, len);  /* within the traffic */
        }
    }
    gen_stall(g, end / 2, gen_rnd(g, g->np), 6000);
}

/* ---- Scenario: incast ------------------------------------------------------- */

const char *const gen_cm_incast[] = {
    "incast: every port but one (the hot one) sends short unicast packets (1..4 flits, one",
    "cell each) back to back, three of four to the hot port, whose egress is stalled for the",
    "first 3000 cycles and again for 1500 in the middle; the rest to random ports.  The",
    "senders' slots fill (every slot of a port busy), the hot egress holds every slot of a",
    "sender (queued or being read), and other traffic waits behind them.  Nothing may be",
    "lost or reordered.", NULL };

void gen_sc_incast(gen *g)
{
    unsigned n = g->size ? g->size : 250 * g->np, i, hot = gen_rnd(g, g->np);
    uint64_t t0 = g->cmd_free - 1 + g->L, end;
    gen_stall(g, 0, hot, 3000);
    for (i = 0; i < n; i++) {
        unsigned p = gen_rnd(g, g->np - 1), len = gen_rnd(g, 4), dst;
        p += p >= hot;                              /* any port but the hot one */
        dst = gen_chance(g, 3, 4) ? hot : gen_rnd(g, g->np);
        gen_dpkt(g, gen_max64(t0, g->last_pkt[p]), 0, p, FO_KIND_UNICAST, 0, dst, len, 0, PAY_SEED);
    }
    end = gen_est_end(g);
    if (end / 2 > g->stall_end[hot])
        gen_stall(g, end / 2, hot, 1500);
}
