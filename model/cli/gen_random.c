/* gen_random.c -- the random scenario of `fanout gen`: a seeded mix of every
 * feature (gen_int.h). */
#include "gen_int.h"

#include <stdio.h>
#include <string.h>

/* ---- Scenario: random ------------------------------------------------------- */

const char *const gen_cm_random[] = {
    "random: a seeded mix of every feature on one timeline: unicast (some back to",
    "back), multicast to a pool of 32 groups (some with xsrc), MoE tokens (csr or",
    "in-band setup right before the data), in-band config with data behind, csr ops",
    "and reads near packet arrivals (some queued on one cycle), egress stalls, and",
    "malformed packets; about a quarter of the data payloads are `flits`.", NULL };

#define RND_G 32

void gen_sc_random(gen *g)
{
    unsigned n = g->size ? g->size : 4000, i, pool[RND_G], ns = g->np / 4;
    uint64_t pm[RND_G], t0, te;
    malctx mc;
    mc.ok = gen_new_gid(g);
    mc.okm = g->all;
    gen_csr(g, 0, 1, FO_OP_WRITE, mc.ok, mc.okm);
    mc.ok2 = gen_new_gid(g);
    mc.ok2m = gen_pick_k(g, 0, g->np, 2);
    gen_csr(g, 0, 1, FO_OP_WRITE, mc.ok2, mc.ok2m);
    mc.empty = gen_new_gid(g);
    mc.clr = gen_new_gid(g);
    gen_csr(g, 0, 1, FO_OP_CLEAR, mc.clr, 0);
    mc.clr2 = gen_new_gid(g);
    for (i = 0; i < g->np; i++) {
        mc.self[i] = gen_new_gid(g);
        gen_csr(g, 0, 1, FO_OP_WRITE, mc.self[i], gen_bit(i));
    }
    gen_pool(g, RND_G, pool, pm);
    t0 = g->cmd_free - 1 + g->L;
    for (i = 0; i < n && !g->fail; i++) {
        unsigned r = gen_rnd(g, 100), p = gen_rnd(g, g->np), gi = gen_rnd(g, RND_G);
        int pay = gen_chance(g, 1, 4) ? PAY_FLITS : PAY_SEED;
        uint64_t d;
        if (r < 25) {                           /* unicast */
            unsigned dst = gen_rnd(g, g->np);
            int b2b = gen_chance(g, 1, 3);
            uint64_t want = b2b ? g->last_pkt[p] : g->in_free[p] + gen_rnd(g, 100);
            unsigned xsrc = dst != p && gen_chance(g, 1, 8), len = gen_rnd(g, 256);
            gen_dpkt(g, want, b2b, p, FO_KIND_UNICAST, xsrc, dst, len, 0, pay);
        } else if (r < 45) {                    /* multicast to the pool */
            unsigned xsrc = gen_chance(g, 1, 5), len = gen_rnd(g, 256);
            gen_dpkt(g, t0, 0, p, FO_KIND_MULTICAST, xsrc, pool[gi], len, pm[gi], pay);
        } else if (r < 55) {                    /* moe token */
            unsigned s = gen_rnd(g, ns), ne = g->np - ns;
            uint64_t m = gen_pick_k(g, ns, g->np, ne < 8 ? ne : 8);
            gen_moe_token(g, t0, s, m, pool[gi], 64, gen_chance(g, 1, 2), pay);
            pm[gi] = m;
        } else if (r < 65) {                    /* in-band op, data right behind */
            unsigned op = gen_rand_op(g);
            uint64_t c = gen_pace(g, p, pm[gi], t0);
            d = gen_op_data(g, op, &pm[gi]);
            unsigned xsrc, len;
            c = gen_cfgpkt(g, c, 1, p, op, pool[gi], d);
            xsrc = gen_chance(g, 1, 5);
            len = gen_rnd(g, 128);
            gen_dpkt(g, c, 1, p, FO_KIND_MULTICAST, xsrc, pool[gi], len, pm[gi], pay);
        } else if (r < 75) {                    /* csr op near a packet's arrival */
            uint64_t a = gen_dpkt(g, t0, 0, p, FO_KIND_MULTICAST, 0, pool[gi], gen_rnd(g, 64), pm[gi], pay);
            unsigned op = gen_chance(g, 1, 5) ? FO_OP_READ : gen_rand_op(g);
            int64_t w = (int64_t)a - (int64_t)g->L + 1 - 2 + (int64_t)gen_rnd(g, 5);
            d = op == FO_OP_READ ? 0 : gen_op_data(g, op, &pm[gi]);
            gen_csr(g, w < 0 ? 0 : (uint64_t)w, gen_chance(g, 3, 4), op, pool[gi], d);
        } else if (r < 79) {                    /* egress stall */
            uint64_t t = g->in_free[p] > 200 ? g->in_free[p] - gen_rnd(g, 200) : 0;
            unsigned sp = gen_rnd(g, g->np), sl = 50 + gen_rnd(g, 1500);
            gen_stall(g, t, sp, sl);
        } else if (r < 92) {                    /* malformed */
            while (!gen_mal_case(g, &mc, gen_rnd(g, MAL_NCASES), p, t0, 0)) {}
        } else if (r < 96) {                    /* back-to-back burst on one port */
            unsigned k, nk = 2 + gen_rnd(g, 6);
            for (k = 0; k < nk; k++) {
                unsigned dst = gen_rnd(g, g->np);
                if (gen_chance(g, 1, 2))
                    gen_dpkt(g, g->last_pkt[p], 1, p, FO_KIND_UNICAST, 0, dst, gen_rnd(g, 32), 0, pay);
                else
                    gen_dpkt(g, g->last_pkt[p], 1, p, FO_KIND_MULTICAST, 0, pool[gi], gen_rnd(g, 32), pm[gi], pay);
            }
        } else {                                /* several commands on one cycle */
            unsigned k, nk = 2 + gen_rnd(g, 4);
            uint64_t t = g->in_free[p];
            for (k = 0; k < nk; k++) {
                unsigned gj = gen_rnd(g, RND_G), op = gen_chance(g, 1, 4) ? FO_OP_READ : gen_rand_op(g);
                d = op == FO_OP_READ ? 0 : gen_op_data(g, op, &pm[gj]);
                gen_csr(g, t, 0, op, pool[gj], d);
            }
        }
    }
    te = gen_est_end(g) + 16;
    for (i = 0; i < RND_G; i++) gen_csr(g, te, 0, FO_OP_READ, pool[i], 0);
}
