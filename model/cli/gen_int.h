/* gen_int.h -- the stimulus generator's internals, shared by gen.c and the
 * scenarios kept in files of their own (gen_sat.c).  Not a public interface:
 * see gen.h for that. */
#ifndef FANOUT_GEN_INT_H
#define FANOUT_GEN_INT_H

#include "gen.h"

enum { EV_PKT = 0, EV_CSR, EV_STALL };
enum { PAY_SEED = 0, PAY_FLITS, PAY_FIRST, PAY_TAGSEED };

typedef struct gev {
    uint64_t cycle;
    uint64_t hdr;      /* pkt: header; csr: bitmap or port */
    uint64_t a;        /* pkt: payload seed (seed) or first flit (PAY_FIRST) */
    uint64_t b;        /* pkt: seed of the generated `flits` */
    const char *note;  /* comment line written before the event, or NULL */
    uint32_t seq;      /* creation order */
    uint32_t n;        /* csr: gid; stall: cycles */
    uint8_t type;      /* EV_* */
    uint8_t port;
    uint8_t op;        /* csr: FO_OP_* */
    uint8_t pay;       /* pkt: PAY_* */
} gev;

typedef struct gen {
    const fo_gen_opts *o;
    const char *scen;
    unsigned np, ng, L, size;
    uint64_t all;              /* bitmap of every port */
    uint64_t rng;
    gev *v;
    size_t n, cap;
    uint32_t ntag;
    int fail;                  /* FO_ENOMEM / FO_EINPUT once something failed */
    uint64_t npkt, ncfg, ncsr, nstall;
    uint64_t in_free[FO_MAX_PORTS];   /* estimate: ingress link free again */
    uint64_t eg_free[FO_MAX_PORTS];   /* estimate: egress backlog drained */
    uint64_t last_pkt[FO_MAX_PORTS];  /* last offer cycle of each port */
    uint64_t stall_end[FO_MAX_PORTS]; /* first cycle a new stall may start */
    uint64_t cmd_free;         /* first cycle the command port accepts at once */
    uint64_t last_csr;         /* last command's offer cycle */
    unsigned char *used;       /* ngroups flags: gid handed out by new_gid */
    uint64_t *bm;              /* ngroups bitmaps (capacity) */
    fo_error *err;
} gen;

/* Helpers of gen.c for other scenario files (same meaning as in gen.c). */
unsigned gen_rnd(gen *g, unsigned n);                               /* 0..n-1 */
uint64_t gen_pick_k(gen *g, unsigned lo, unsigned hi, unsigned k);  /* k ports of [lo, hi) */
/* A well-formed data packet (seeded payload) to `m`; paced (exact = 0) or at want. */
uint64_t gen_dpkt(gen *g, uint64_t want, int exact, unsigned p, unsigned kind, unsigned xsrc,
                  unsigned dst, unsigned len, uint64_t m);
/* A well-formed in-band config packet. */
uint64_t gen_cfgpkt(gen *g, uint64_t want, int exact, unsigned p, unsigned op, unsigned gid, uint64_t data);
/* A command; returns its acceptance cycle. */
uint64_t gen_csr(gen *g, uint64_t want, int exact, unsigned op, unsigned gid, uint64_t data);
uint64_t gen_est_end(const gen *g);
/* Config banks B of the switch (docs/microarchitecture.md): gid mod B is a group's bank. */
unsigned gen_banks(const gen *g);

/* gen_sat.c: the saturation scenarios. */
extern const char *const gen_cm_short_mcast[];
void gen_sc_short_mcast(gen *g);
extern const char *const gen_cm_token_setup[];
void gen_sc_token_setup(gen *g);

#endif
