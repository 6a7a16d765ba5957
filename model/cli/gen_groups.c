/* gen_groups.c -- the group-table scenarios of `fanout gen`: capacity (every
 * group written), churn (groups rewritten under traffic) and inband (config
 * packets) (gen_int.h). */
#include "gen_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Scenario: capacity ----------------------------------------------------- */

const char *const gen_cm_capacity[] = {
    "capacity: the whole group table.  Every group 0..ngroups-1 is written once by",
    "csr write (a non-empty random member set), one command per cycle, and used by a",
    "multicast packet (len 0..4, from a random port) offered L..L+15 cycles after its",
    "write was accepted, so lookups run beside the writes; then further packets to",
    "random groups (some with xsrc).  Payload seeds are the tags (gzip-friendly).", NULL };

void gen_sc_capacity(gen *g)
{
    unsigned n = g->size > g->ng ? g->size : g->ng, gid, i;
    uint64_t last = 0;
    g->bm = malloc((size_t)g->ng * sizeof *g->bm);
    if (!g->bm) {
        g->fail = FO_ENOMEM;
        return;
    }
    for (gid = 0; gid < g->ng && !g->fail; gid++) {
        unsigned p = gen_rnd(g, g->np);
        g->bm[gid] = gen_rand_bitmap(g);
        unsigned lag = gen_rnd(g, 16), len = gen_rnd(g, 5);
        last = gen_csr(g, 0, 1, FO_OP_WRITE, gid, g->bm[gid]);
        gen_dpkt(g, last + g->L + lag, 0, p, FO_KIND_MULTICAST, 0, gid, len, g->bm[gid], PAY_TAGSEED);
    }
    for (i = g->ng; i < n && !g->fail; i++) {
        unsigned p = gen_rnd(g, g->np), xsrc = gen_chance(g, 1, 8), len = gen_rnd(g, 5);
        gid = gen_rnd(g, g->ng);
        gen_dpkt(g, last + g->L, 0, p, FO_KIND_MULTICAST, xsrc, gid, len, g->bm[gid], PAY_TAGSEED);
    }
}

/* ---- Scenario: churn -------------------------------------------------------- */

const char *const gen_cm_churn[] = {
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
    unsigned gi = gen_rnd(g, CHURN_G), gid = pool[gi], d, nd = g->L + 3;
    uint64_t t = gen_est_end(g) + 64, acc, ports, c;
    uint64_t m = gen_rand_bitmap(g);
    acc = gen_csr(g, t, 1, FO_OP_WRITE, gid, m);
    pm[gi] = m;
    ports = gen_pick_k(g, 0, g->np, nd);
    for (d = 0; d < nd && ports; d++) {
        unsigned p = gen_member_of(g, ports);
        ports &= ~gen_bit(p);
        gen_dpkt(g, acc + d, 1, p, FO_KIND_MULTICAST, 0, gid, gen_rnd(g, 9), m, PAY_SEED);
    }
    /* in-band: port q adds a port, its data right behind; others send around the commit */
    {
        unsigned q = gen_rnd(g, g->np), a = gen_rnd(g, g->np), k;
        t = gen_est_end(g) + 64;
        c = gen_cfgpkt(g, t, 1, q, FO_OP_ADD, gid, a);
        pm[gi] |= gen_bit(a);
        gen_dpkt(g, c, 1, q, FO_KIND_MULTICAST, 0, gid, gen_rnd(g, 9), pm[gi], PAY_SEED);
        /* headers at c+L-1 .. c+L+3: the config's last flit is taken at c+1 at the earliest,
           so it commits at c+1+L: the first two lookups are before or at it, the rest after */
        for (k = 0; k < 5; k++) {
            unsigned r = gen_rnd(g, g->np);
            if (r == q) continue;
            gen_dpkt(g, c + g->L - 1 + k, 1, r, FO_KIND_MULTICAST, 0, gid, gen_rnd(g, 5), pm[gi], PAY_SEED);
        }
    }
}

void gen_sc_churn(gen *g)
{
    unsigned n = g->size ? g->size : 2500, i, pool[CHURN_G];
    uint64_t pm[CHURN_G], t0, te;
    gen_pool(g, CHURN_G, pool, pm);
    t0 = g->cmd_free - 1 + g->L;
    for (i = 0; i < n && !g->fail; i++) {
        unsigned p = gen_rnd(g, g->np), gi = gen_rnd(g, CHURN_G), len = gen_rnd(g, 65), r, op;
        uint64_t a, d;
        if (i % 64 == 63) {
            churn_probe(g, pool, pm);
            t0 = gen_est_end(g);       /* the traffic resumes after the probe */
        }
        a = gen_dpkt(g, t0, 0, p, FO_KIND_MULTICAST, gen_chance(g, 1, 4), pool[gi], len, pm[gi], PAY_SEED);
        r = gen_rnd(g, 8);
        op = gen_rand_op(g);
        if (r < 3) {
            /* accepted at a-L-1 .. a-L+2 (commit before, at, after the lookup at a+1), a, a+1 */
            static const int off[6] = { -1, 0, 1, 2, 100, 101 };
            int o = off[gen_rnd(g, 6)];
            int64_t w = o >= 100 ? (int64_t)a + (o - 100) : (int64_t)a + o - (int64_t)g->L;
            d = gen_op_data(g, op, &pm[gi]);
            gen_csr(g, w < 0 ? 0 : (uint64_t)w, 1, op, pool[gi], d);
        } else if (r < 5) {
            unsigned q = gen_rnd(g, g->np);
            d = gen_op_data(g, op, &pm[gi]);
            gen_cfgpkt(g, a, q == p, q, op, pool[gi], d);
        } else if (r == 5) {
            /* in-band right behind this data on the same port, then more data */
            d = gen_op_data(g, op, &pm[gi]);
            gen_cfgpkt(g, a, 1, p, op, pool[gi], d);
            gen_dpkt(g, a, 1, p, FO_KIND_MULTICAST, 0, pool[gi], gen_rnd(g, 17), pm[gi], PAY_SEED);
        } else if (r == 6 && gen_chance(g, 1, 2)) {
            /* several commands queued on one cycle */
            unsigned k, nk = 2 + gen_rnd(g, 3);
            for (k = 0; k < nk; k++) {
                unsigned gj = gen_rnd(g, CHURN_G), opk = gen_rand_op(g);
                d = gen_op_data(g, opk, &pm[gj]);
                gen_csr(g, a, 0, opk, pool[gj], d);
            }
        }
    }
    te = gen_est_end(g) + 16;
    for (i = 0; i < CHURN_G; i++) gen_csr(g, te, 0, FO_OP_READ, pool[i], 0);
}

/* ---- Scenario: inband ------------------------------------------------------- */

const char *const gen_cm_inband[] = {
    "inband: in-band config packets (write, add, remove, clear) with data right behind",
    "them on the same port (same offer cycle): each port owns 2 groups, 4 are shared",
    "(their ops from several ports commit in grant order); sometimes two config packets",
    "in a row, or two data packets behind, some with xsrc; a few commands compete with",
    "the in-band grants; csr reads along the way and of every group at the end.", NULL };

void gen_sc_inband(gen *g)
{
    unsigned n = g->size ? g->size : 1200, i, p, own[FO_MAX_PORTS][2], sh[4];
    uint64_t om[FO_MAX_PORTS][2], sm[4], te;
    for (p = 0; p < g->np; p++) {
        own[p][0] = gen_new_gid(g);
        own[p][1] = gen_new_gid(g);
        om[p][0] = om[p][1] = 0;
    }
    for (i = 0; i < 4; i++) {
        sh[i] = gen_new_gid(g);
        sm[i] = 0;
    }
    for (i = 0; i < n && !g->fail; i++) {
        unsigned gid, op, len = 16 + gen_rnd(g, 113);
        uint64_t *m, d, c;
        p = gen_rnd(g, g->np);
        if (gen_chance(g, 7, 10)) {
            unsigned j = gen_rnd(g, 2);
            gid = own[p][j];
            m = &om[p][j];
        } else {
            unsigned j = gen_rnd(g, 4);
            gid = sh[j];
            m = &sm[j];
        }
        op = *m == 0 ? FO_OP_WRITE : gen_rand_op(g);
        if (op == FO_OP_WRITE) {
            d = gen_rand_bitmap(g);
            *m = d;
        } else {
            d = gen_op_data(g, op, m);
        }
        c = gen_pace(g, p, *m, 0);
        c = gen_cfgpkt(g, c, 1, p, op, gid, d);
        if (gen_chance(g, 1, 6)) {          /* a second config packet in a row */
            unsigned op2 = gen_rand_op(g);
            uint64_t d2 = gen_op_data(g, op2, m);
            gen_cfgpkt(g, c, 1, p, op2, gid, d2);
        }
        gen_dpkt(g, c, 1, p, FO_KIND_MULTICAST, gen_chance(g, 1, 4), gid, len, *m, PAY_SEED);
        if (gen_chance(g, 1, 5)) gen_dpkt(g, c, 1, p, FO_KIND_MULTICAST, 0, gid, gen_rnd(g, 32), *m, PAY_SEED);
        if (gen_chance(g, 1, 10)) {         /* a command on a shared group, competing */
            unsigned j = gen_rnd(g, 4), op3 = sm[j] ? gen_rand_op(g) : FO_OP_WRITE;
            uint64_t d3 = gen_op_data(g, op3, &sm[j]);
            gen_csr(g, c + gen_rnd(g, 4), 0, op3, sh[j], d3);
        }
        if (gen_chance(g, 1, 8)) gen_csr(g, c + g->L + gen_rnd(g, 8), 0, FO_OP_READ, gid, 0);
    }
    te = gen_est_end(g) + 16;
    for (p = 0; p < g->np; p++) {
        gen_csr(g, te, 0, FO_OP_READ, own[p][0], 0);
        gen_csr(g, te, 0, FO_OP_READ, own[p][1], 0);
    }
    for (i = 0; i < 4; i++) gen_csr(g, te, 0, FO_OP_READ, sh[i], 0);
}
