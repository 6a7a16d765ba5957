/* bench.h -- the workloads of `fanout bench` (bench_load.c) and what is
 * measured of a run of one (cmd_bench.c).
 *
 * A workload is a stimulus built in memory together with what it must do:
 * which token each packet belongs to (a token is what a sender wants
 * delivered: one multicast packet and its config packet, or all the unicast
 * copies of it), when each token was ready to leave, and how many flits each
 * ingress and egress link must carry.  Those link loads give the physical
 * lower bound that efficiency is measured against, and they are checked
 * against what the run actually carried, so a benchmark of a switch that
 * lost or duplicated a copy fails instead of reporting a figure. */
#ifndef FO_BENCH_H
#define FO_BENCH_H

#include "fanout.h"
#include "fanout_io.h"

#define BL_NONE UINT64_MAX

typedef struct btoken {
    uint64_t release;                     /* cycle it was ready to send */
    unsigned cls;                         /* a class (workload-specific) */
} btoken;

typedef struct bload {
    fo_stim  *s;                          /* the stimulus (owned) */
    uint32_t *tok;                        /* per tag: its token */
    btoken   *tk;                         /* the tokens */
    size_t    ntags, ntok;
    size_t    cap_tag, cap_tok, cap_pkt, cap_cmd;
    uint64_t  in_flits[FO_MAX_PORTS];     /* flits each ingress link must carry */
    uint64_t  out_flits[FO_MAX_PORTS];    /* flits each egress link must carry */
    uint64_t  copies;                     /* copies that must leave */
    uint64_t  configs;                    /* in-band config packets (each must commit) */
    uint64_t  t0;                         /* first cycle of the measured traffic */
    uint64_t  offer_end;                  /* max over packets: offer cycle + flits */
    uint64_t  rng;                        /* splitmix64 state of the workload */
    int       fail;                       /* FO_ENOMEM once an allocation failed */
} bload;

/* Saturating patterns (every port offers all of its packets at once). */
enum { BP_UNICAST = 0, BP_MC4, BP_ALLGATHER };

/* The MoE dispatch layout: the first nports/4 ports are attention (sender)
 * ports, the others expert ports holding BD_EXPERTS_PER_PORT experts each;
 * every token picks BD_TOPK experts. */
#define BD_EXPERTS_PER_PORT 8
#define BD_TOPK             8
#define BD_TOKEN_LEN        64

typedef struct bdispatch {
    int      multicast;     /* 1: in-band config write + one multicast; 0: a unicast copy per port */
    unsigned limit;         /* at most this many expert ports per token (0: no limit) */
    unsigned tokens;        /* tokens per sender */
    unsigned period;        /* a sender's token is ready every `period` cycles (0: all at once) */
    uint64_t seed;          /* routing seed: the same tokens for multicast and unicast */
} bdispatch;

int  bl_init(bload *bl, const fo_params *p, uint64_t seed);
void bl_free(bload *bl);

/* Zero-load probes: lone packets far apart; token class = 2*multicast + (len == 255). */
int  bl_zero_load(bload *bl, unsigned probes_per_class);
/* Every port offers `per_port` packets back to back from the start. */
int  bl_saturate(bload *bl, int pattern, unsigned per_port);
/* Each port offers 64-flit packets at random times so that the mean load
 * on the egress links is `load` (0..1]: unicast or 4-member multicast. */
int  bl_offered(bload *bl, int multicast, double load, unsigned per_port);
/* MoE dispatch from the attention ports to the expert ports. */
int  bl_dispatch(bload *bl, const bdispatch *d);
/* Efficiency over packet shape: every port offers `per_port` multicast
 * packets of `len` payload flits back to back from the start, to groups of
 * `fanout` members written first through the command port: disjoint groups
 * (the ports split into nports/fanout groups, each sender cycling through
 * them so that every egress gets the same load) or 256 random overlapping
 * groups, each packet to a random one of them. */
int  bl_shape(bload *bl, int overlapping, unsigned fanout, unsigned len, unsigned per_port);

/* Per-token in-band setup at saturation: every port offers `per_port`
 * pairs back to back from cycle 0: a config write of a 2-member random
 * group, then a BT_TOKEN_LEN-flit multicast token to it.  Group ids
 * arbitrary (random, none used twice: no sender overwrites a group another
 * still sends to) or by the allocation rule (bench_own_gid). */
#define BT_TOKEN_LEN 7            /* 8 flits: a 64-byte message */
int  bl_token_setup(bload *bl, int own_bank, unsigned per_port);

/* The allocation rule for group ids that a sender sets up in-band: the
 * table is split into B config banks, B the smallest power of two >=
 * nports, bank(gid) = gid & (B - 1), and port p uses only ids of bank p.
 * Returns the k-th id of port p's own bank (wrapping after ngroups / B). */
unsigned bench_own_gid(unsigned port, unsigned k, unsigned nports, unsigned ngroups);

/* The lower bound of the cycles from t0 to the last flit out: the most
 * flits one link must carry, or the last offer plus its flits. */
uint64_t bl_bound(const bload *bl);

#endif
