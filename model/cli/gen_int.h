/* gen_int.h -- the stimulus generator's internals, shared by gen.c (the
 * entry point and the file), gen_core.c (the event list and its helpers) and
 * the scenario files.  Not a public interface: see gen.h for that. */
#ifndef FANOUT_GEN_INT_H
#define FANOUT_GEN_INT_H

#include "gen.h"
#include "fanout_io.h"

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

/* ---- gen_core.c: the helpers every scenario builds with ---------------- */

static inline uint64_t gen_bit(unsigned p) { return 1ull << p; }
static inline uint64_t gen_max64(uint64_t a, uint64_t b) { return a > b ? a : b; }
static inline unsigned gen_popc(uint64_t m) { return (unsigned)__builtin_popcountll(m); }

uint64_t gen_rnd64(gen *g);                                         /* splitmix64 of the seed */
unsigned gen_rnd(gen *g, unsigned n);                               /* 0..n-1 */
int      gen_chance(gen *g, unsigned num, unsigned den);            /* 1 with probability num/den */
uint64_t gen_pick_k(gen *g, unsigned lo, unsigned hi, unsigned k);  /* k ports of [lo, hi) */
uint64_t gen_rand_bitmap(gen *g);          /* a non-empty random member set */
unsigned gen_member_of(gen *g, uint64_t m);/* a random port of m (any port if m is empty) */
unsigned gen_new_gid(gen *g);              /* a group id never handed out before */
gev     *gen_push(gen *g, uint8_t type, uint64_t cycle);   /* a new event; NULL once failed */
/* Estimated offer cycle of a packet on port p to `members`, at or after want. */
uint64_t gen_pace(gen *g, unsigned p, uint64_t members, uint64_t want);
/* Account a packet of `flits` flits offered at c on port p to `members`. */
void     gen_load(gen *g, unsigned p, uint64_t members, uint64_t c, unsigned flits);
uint64_t gen_est_end(const gen *g);
/* A packet line at c (not before the port's previous one); returns its cycle. */
uint64_t gen_pkt(gen *g, uint64_t c, unsigned p, unsigned kind, unsigned xsrc, unsigned op,
                 unsigned rsvd, unsigned dst, unsigned len, int pay, uint64_t first, const char *note);
/* A packet paced (exact = 0) or offered at want (exact = 1). */
uint64_t gen_send(gen *g, uint64_t want, int exact, unsigned p, unsigned kind, unsigned xsrc,
                  unsigned op, unsigned rsvd, unsigned dst, unsigned len, int pay,
                  uint64_t first, uint64_t members, const char *note);
/* A well-formed data packet to `m` (unicast: to dst); payload PAY_*. */
uint64_t gen_dpkt(gen *g, uint64_t want, int exact, unsigned p, unsigned kind, unsigned xsrc,
                  unsigned dst, unsigned len, uint64_t m, int pay);
/* A well-formed in-band config packet. */
uint64_t gen_cfgpkt(gen *g, uint64_t want, int exact, unsigned p, unsigned op, unsigned gid, uint64_t data);
/* A command; returns its acceptance cycle. */
uint64_t gen_csr(gen *g, uint64_t want, int exact, unsigned op, unsigned gid, uint64_t data);
/* An egress stall of port p, not overlapping its previous one; returns its start. */
uint64_t gen_stall(gen *g, uint64_t want, unsigned p, unsigned cycles);
unsigned gen_rand_op(gen *g);              /* a random group op (never read) */
/* Operand of op on a group believed to hold m; updates *m. */
uint64_t gen_op_data(gen *g, unsigned op, uint64_t *m);
/* n fresh groups, each a random member set (m[i]) written through the
 * command port at once: the pool a scenario's traffic picks from. */
void     gen_pool(gen *g, unsigned n, unsigned *gid, uint64_t *m);
/* Config banks B of the switch (docs/microarchitecture.md): gid mod B is a group's bank. */
unsigned gen_banks(const gen *g);

/* gen_traffic.c: one MoE token: group gid := m (a command, or in-band from
 * port s), then `len` flits multicast from port s (random uses it too). */
void gen_moe_token(gen *g, uint64_t want, unsigned s, uint64_t m, unsigned gid, unsigned len,
                   int inband, int pay);

/* ---- gen_malformed.c: the catalogue of bad packets (random uses it too) --- */

/* The groups a malformed case may name (well-formed ones, an empty one, ...). */
typedef struct malctx {
    unsigned ok, ok2, empty, clr, clr2, self[FO_MAX_PORTS];
    uint64_t okm, ok2m;
} malctx;

#define MAL_NCASES 56

/* Case idx from port p at or after want; 0 if the parameters cannot produce it. */
int gen_mal_case(gen *g, const malctx *mc, unsigned idx, unsigned p, uint64_t want, int notes);

/* ---- The scenarios: a description for the file, and the builder --------- */

#define GEN_SCENARIO(name) \
    extern const char *const gen_cm_##name[]; \
    void gen_sc_##name(gen *g);
GEN_SCENARIO(unicast)        /* gen_traffic.c */
GEN_SCENARIO(moe)
GEN_SCENARIO(allgather)
GEN_SCENARIO(backpressure)
GEN_SCENARIO(incast)
GEN_SCENARIO(capacity)       /* gen_groups.c */
GEN_SCENARIO(churn)
GEN_SCENARIO(inband)
GEN_SCENARIO(malformed)      /* gen_malformed.c */
GEN_SCENARIO(random)         /* gen_random.c */
GEN_SCENARIO(short_mcast)    /* gen_sat.c */
GEN_SCENARIO(token_setup)
#undef GEN_SCENARIO

#endif
