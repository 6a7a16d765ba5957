/* gen_sat.c -- the saturation scenarios of `fanout gen` (issue 12): every
 * port sending as fast as its link allows, in the two shapes where the group
 * table's rates, not the links, could bound the switch:
 *   short_mcast  short multicast packets over lengths and fan-outs (lookup rate);
 *   token_setup  per-token in-band setup, a config write before every token
 *                (update rate and the sender-side setup wait).
 * Same conventions as gen.c: offers are lower bounds, paced by the
 * generator's estimate; deterministic for a seed. */
#include "gen_int.h"

/* ---- Scenario: short_mcast ------------------------------------------------ */

const char *const gen_cm_short_mcast[] = {
    "short_mcast: multicast at saturation.  Groups are written first (commands): for each",
    "fan-out k in 1, 2, 4, 8 (and NPORTS), NPORTS/k disjoint balanced groups (ports",
    "ik..ik+k-1), and 64 random overlapping groups of each k.  Then phases, one per",
    "(len, k, disjoint or random): every port sends `size` packets (default 8) back to",
    "back, packet j of port p to disjoint group (p + j) mod (NPORTS/k), or to a random",
    "group of that k.  len in 0, 1, 3, 7; the link, not the lookups, should bound a phase",
    "when k(len+1) >= 16.", NULL };

#define NK 5
#define NRAND 64

void gen_sc_short_mcast(gen *g)
{
    static const unsigned lens[] = { 0, 1, 3, 7 };
    unsigned ks[NK] = { 1, 2, 4, 8, g->np }, nk = 0;
    while (nk < NK && ks[nk] <= g->np && (nk == 0 || ks[nk] > ks[nk - 1]))
        nk++;                       /* the fan-outs that fit, each once */
    unsigned per = g->size ? g->size : 8;
    unsigned base[NK], rgid[NK][NRAND];
    uint64_t rmem[NK][NRAND], t = 0;
    /* disjoint groups of fan-out k at ids base[k] + i*B-strided blocks, random ones after */
    unsigned next = 0;
    for (unsigned ki = 0; ki < nk; ki++) {
        unsigned k = ks[ki], ng = g->np / k;
        base[ki] = next;
        for (unsigned i = 0; i < ng; i++) {
            uint64_t m = (k == 64 ? ~0ull : ((1ull << k) - 1)) << (i * k);
            t = gen_csr(g, t, 1, FO_OP_WRITE, (next++) % g->ng, m);
        }
        for (unsigned i = 0; i < NRAND; i++) {
            rgid[ki][i] = (next++) % g->ng;
            rmem[ki][i] = gen_pick_k(g, 0, g->np, k);
            t = gen_csr(g, t, 1, FO_OP_WRITE, rgid[ki][i], rmem[ki][i]);
        }
    }
    t += g->L + 1;
    for (unsigned li = 0; li < 4; li++)
        for (unsigned ki = 0; ki < nk; ki++)
            for (int rnd_groups = 0; rnd_groups < 2; rnd_groups++) {
                unsigned k = ks[ki], ng = g->np / k;
                uint64_t start = gen_est_end(g);
                if (start < t) start = t;
                for (unsigned j = 0; j < per && !g->fail; j++)
                    for (unsigned p = 0; p < g->np; p++) {
                        unsigned gid, i;
                        uint64_t m;
                        if (rnd_groups) {
                            i = gen_rnd(g, NRAND);
                            gid = rgid[ki][i];
                            m = rmem[ki][i];
                        } else {
                            i = (p + j) % ng;
                            gid = base[ki] + i;
                            m = (k == 64 ? ~0ull : ((1ull << k) - 1)) << (i * k);
                        }
                        gen_dpkt(g, start, 0, p, FO_KIND_MULTICAST, 0, gid, lens[li], m, PAY_SEED);
                    }
            }
}

/* ---- Scenario: token_setup ------------------------------------------------ */

const char *const gen_cm_token_setup[] = {
    "token_setup: per-token in-band setup at saturation.  Every port sends `size` (default",
    "24) pairs back to back: an in-band config write of a group to 2 random ports, then an",
    "8-flit token (len 7) multicast to that group, right behind it.  First half: group ids",
    "follow the allocation rule (port p uses ids of its own config bank, gid mod B == p),",
    "so no config packet waits for another port's; second half: arbitrary ids (any bank),",
    "where ports sharing a bank take turns.", NULL };

void gen_sc_token_setup(gen *g)
{
    unsigned per = g->size ? g->size : 24, B = gen_banks(g), words = g->ng / B;
    for (int arbitrary = 0; arbitrary < 2; arbitrary++) {
        uint64_t start = gen_est_end(g);
        for (unsigned j = 0; j < per && !g->fail; j++)
            for (unsigned p = 0; p < g->np; p++) {
                unsigned gid = arbitrary ? gen_rnd(g, g->ng) : p + B * gen_rnd(g, words);
                uint64_t m = gen_pick_k(g, 0, g->np, 2);
                uint64_t c = gen_cfgpkt(g, start, 0, p, FO_OP_WRITE, gid, m);
                gen_dpkt(g, c, 1, p, FO_KIND_MULTICAST, 0, gid, 7, m, PAY_SEED);
            }
    }
}
