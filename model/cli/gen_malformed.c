/* gen_malformed.c -- the malformed scenario of `fanout gen`: every drop reason
 * and its precedence, interleaved with good traffic (gen_int.h). */
#include "gen_int.h"

#include <stdio.h>
#include <string.h>

/* ---- Scenario: malformed ---------------------------------------------------- */

const char *const gen_cm_malformed[] = {
    "malformed: every drop reason of SPEC section 4 and their precedence (kind, rsvd,",
    "port, group, len, empty): a catalogue, each case preceded by a comment naming the",
    "expected outcome, then random repeats of it from random ports, interleaved with",
    "good unicast/multicast traffic (often right behind the bad packet on its port),",
    "good config packets and csr reads (a dropped config packet changes nothing).",
    "Every dropped packet carries its len payload flits.  Cases that the parameters",
    "cannot produce (bitmap bits >= nports at 64 ports, group >= ngroups at 65536",
    "groups) are left out.", NULL };

int gen_mal_case(gen *g, const malctx *mc, unsigned idx, unsigned p, uint64_t want, int notes)
{
    unsigned np = g->np, ng = g->ng, q = (p + 1) % np;
    int big64 = np < 64, bigng = ng < 65536;
    int pay = gen_chance(g, 1, 2) ? PAY_FLITS : PAY_SEED;
    const char *nt = NULL;
    uint64_t c;
#define N(s) (nt = notes ? (s) : NULL)
#define BAD(kind, xsrc, op, rsvd, dst, len, py, first) \
    gen_send(g, want, 0, p, kind, xsrc, op, rsvd, dst, len, py, first, 0, nt)
    switch (idx) {
    case 0: N("# expect drop kind: kind 3, len 0"); BAD(3, 0, 0, 0, 0, 0, pay, 0); break;
    case 1: N("# expect drop kind: kind 3, len 7"); BAD(3, 0, 0, 0, gen_rnd(g, 65536), 7, PAY_FLITS, 0); break;
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
        BAD(2, 0, FO_OP_WRITE, 0, mc->ok, 1, PAY_FIRST, gen_bit(np)); break;
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
        c = BAD(2, 0, FO_OP_WRITE, 0, mc->ok, 1, PAY_FIRST, mc->okm | gen_bit(63));
        gen_csr(g, c + 8, 0, FO_OP_READ, mc->ok, 0);
        break;
    case 52: N("# expect ok: multicast with xsrc to a good group (copies to every member but the sender)");
        gen_send(g, want, 0, p, 1, 1, 0, 0, mc->ok2, 3, pay, 0, mc->ok2m & ~gen_bit(p), nt); break;
    case 53: N("# expect ok: unicast with xsrc to another port");
        gen_send(g, want, 0, p, 0, 1, 0, 0, q, 3, pay, 0, gen_bit(q), nt); break;
    case 54: N("# expect cfg clear, then drop empty: in-band clear with data right behind");
        c = gen_send(g, want, 0, p, 2, 0, FO_OP_CLEAR, 0, mc->clr2, 0, PAY_FIRST, 0, 0, nt);
        gen_send(g, c, 1, p, 1, 0, 0, 0, mc->clr2, 2, pay, 0, 0, NULL); break;
    case 55: N("# expect drop empty (unicast) then ok: xsrc to itself, a good packet right behind");
        c = BAD(0, 1, 0, 0, p, 3, pay, 0);
        gen_send(g, c, 1, p, 0, 0, 0, 0, q, 2, pay, 0, gen_bit(q), NULL); break;
    default: return 0;
    }
#undef N
#undef BAD
    return 1;
}

static void mal_good(gen *g, const malctx *mc, unsigned p, uint64_t want, int exact)
{
    int pay = gen_chance(g, 1, 4) ? PAY_FLITS : PAY_SEED;
    unsigned len = gen_rnd(g, 256);
    if (gen_chance(g, 1, 2)) {
        unsigned dst = gen_rnd(g, g->np);
        gen_dpkt(g, want, exact, p, FO_KIND_UNICAST, dst != p && gen_chance(g, 1, 4), dst, len, 0, pay);
    } else if (gen_chance(g, 1, 2)) {
        unsigned xsrc = gen_chance(g, 1, 4);
        gen_dpkt(g, want, exact, p, FO_KIND_MULTICAST, xsrc, mc->ok, len / 4, mc->okm, pay);
    } else {
        gen_dpkt(g, want, exact, p, FO_KIND_MULTICAST, 0, mc->ok2, len / 2, mc->ok2m, pay);
    }
}

void gen_sc_malformed(gen *g)
{
    unsigned n = g->size ? g->size : 1500, i, p;
    malctx mc;
    uint64_t t0, te;
    mc.ok = gen_new_gid(g);
    mc.okm = g->all;
    gen_csr(g, 0, 1, FO_OP_WRITE, mc.ok, mc.okm);
    mc.ok2 = gen_new_gid(g);
    mc.ok2m = gen_pick_k(g, 0, g->np, 2 + gen_rnd(g, g->np - 1));
    gen_csr(g, 0, 1, FO_OP_WRITE, mc.ok2, mc.ok2m);
    mc.empty = gen_new_gid(g);
    mc.clr = gen_new_gid(g);
    gen_csr(g, 0, 1, FO_OP_WRITE, mc.clr, gen_rand_bitmap(g));
    gen_csr(g, 0, 1, FO_OP_CLEAR, mc.clr, 0);
    mc.clr2 = gen_new_gid(g);
    gen_csr(g, 0, 1, FO_OP_WRITE, mc.clr2, gen_rand_bitmap(g));
    for (p = 0; p < g->np; p++) {
        mc.self[p] = gen_new_gid(g);
        gen_csr(g, 0, 1, FO_OP_WRITE, mc.self[p], gen_bit(p));
    }
    t0 = g->cmd_free - 1 + g->L;
    /* the catalogue, with a good packet of another port between cases */
    for (i = 0; i < MAL_NCASES; i++) {
        p = gen_rnd(g, g->np);
        if (gen_mal_case(g, &mc, i, p, t0, 1)) mal_good(g, &mc, gen_rnd(g, g->np), t0, 0);
    }
    /* random repeats, interleaved with good traffic and good config */
    for (i = 0; i < n && !g->fail; i++) {
        unsigned r = gen_rnd(g, 10);
        p = gen_rnd(g, g->np);
        while (!gen_mal_case(g, &mc, gen_rnd(g, MAL_NCASES), p, t0, 0)) {}
        if (r < 5) mal_good(g, &mc, p, g->last_pkt[p], 1);     /* right behind it */
        mal_good(g, &mc, gen_rnd(g, g->np), t0, 0);
        if (r == 5) {                                           /* good config: ok2 rewritten */
            uint64_t m = gen_pick_k(g, 0, g->np, 2 + gen_rnd(g, g->np - 1));
            uint64_t c = gen_cfgpkt(g, gen_pace(g, p, 0, t0), 1, p, FO_OP_WRITE, mc.ok2, m);
            mc.ok2m = m;
            gen_dpkt(g, c, 1, p, FO_KIND_MULTICAST, 0, mc.ok2, gen_rnd(g, 64), m, PAY_SEED);
        }
        if (r == 6) {
            unsigned j = gen_rnd(g, 5);
            unsigned gid = j == 0 ? mc.ok : j == 1 ? mc.ok2 : j == 2 ? mc.empty : j == 3 ? mc.clr : mc.self[p];
            gen_csr(g, g->last_pkt[p], 0, FO_OP_READ, gid, 0);
        }
    }
    te = gen_est_end(g) + 16;
    gen_csr(g, te, 0, FO_OP_READ, mc.ok, 0);
    gen_csr(g, te, 0, FO_OP_READ, mc.ok2, 0);
    gen_csr(g, te, 0, FO_OP_READ, mc.empty, 0);
    gen_csr(g, te, 0, FO_OP_READ, mc.clr, 0);
    gen_csr(g, te, 0, FO_OP_READ, mc.clr2, 0);
}
