/* tb.h -- a cycle-by-cycle test bench around fo_model_step.
 *
 * The bench drives hand-made fo_inputs (packets offered per port as bursts,
 * commands, egress stalls), steps the model, and checks on every cycle what
 * SPEC.md and docs/microarchitecture.md require of any trace, independently
 * of the model's own code:
 *   - an `acc` event exactly when a header flit is taken, with its tag;
 *   - events sorted acc, cfg, csr, drop, out, then by port;
 *   - on each egress, whole packets, never interleaved (len payload flits
 *     after each header), and a crc event exactly at each copy's last flit,
 *     equal to our own crc32 of the payload (little-endian flits);
 *   - every copy's header equals the sent header with src = ingress port;
 *   - per (ingress, egress), copies leave in acceptance order;
 *   - no packet has two copies on one egress.
 * What each packet got (acceptance, drop, copies, cycles) is recorded for the
 * test to judge against the expected behaviour. */
#ifndef TB_H
#define TB_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "fanout.h"

#define TB_NONE UINT64_MAX

typedef struct tb_pkt {
    uint64_t hdr;
    uint64_t seed;          /* payload: splitmix64 from seed, unless flits */
    uint64_t *flits;        /* explicit payload (owned), or NULL */
    uint64_t at;            /* offered from this cycle on */
    unsigned port;
    uint32_t crc;           /* expected payload crc (computed by the bench) */
    /* what happened */
    uint64_t acc;           /* header taken (TB_NONE: not yet) */
    uint64_t last_in;       /* last flit taken */
    int      drop;          /* -1, or FO_DROP_* */
    uint64_t drop_cycle;
    int      drop_stage;
    uint64_t commit;        /* config packet: commit cycle */
    uint64_t commit_word;
    uint64_t copies;        /* egresses where a copy's header left */
    unsigned ncopies;
    uint64_t first_out, last_out;   /* header-leave cycles, min and max */
    uint64_t done;          /* cycle the last flit of the last copy left */
    int      next_same;     /* hash chain */
} tb_pkt;

typedef struct tb_cmd {
    uint64_t at;
    unsigned op, gid;
    uint64_t arg;
    uint64_t acc;           /* cycle offered and accepted */
    uint64_t commit;
    uint64_t word;          /* bitmap reported at commit */
} tb_cmd;

/* One commit, in trace order. */
typedef struct tb_commit {
    uint64_t cycle;
    int      inband;        /* 1: cfg line, 0: csr */
    unsigned port, op, gid;
    uint64_t word;
    int      idx;           /* tb_cmd index or tb_pkt index */
} tb_commit;

typedef struct tb tb;
/* Ready mask of the egress receivers at cycle t (before the stall table). */
typedef uint64_t (*tb_ready_fn)(tb *b, uint64_t t, void *ctx);

struct tb {
    fo_params p;
    fo_model *m;
    uint64_t t;             /* next cycle to step */
    uint64_t portmask;
    tb_pkt  *pkt;  size_t npkt, cap_pkt;
    tb_cmd  *cmd;  size_t ncmd, cap_cmd, next_cmd;
    tb_commit *com; size_t ncom, cap_com;
    /* per ingress port: its packets in offer order and the one offered */
    struct { int *v; size_t n, cap, next; unsigned flit; uint64_t state, cur; } in[FO_MAX_PORTS];
    /* per egress */
    uint64_t stall_until[FO_MAX_PORTS];
    int      cur[FO_MAX_PORTS];       /* packet being sent */
    unsigned left[FO_MAX_PORTS];      /* payload flits still to leave */
    int      last_from[FO_MAX_PORTS][FO_MAX_PORTS];  /* order check (e, p) */
    uint64_t flits_out[FO_MAX_PORTS]; /* flits that left each egress */
    tb_ready_fn ready_fn;
    void    *ready_ctx;
    int     *hash;  size_t hcap;      /* (port, tag) -> first packet */
    fo_inputs in_pins;
    fo_outputs out;
    uint64_t last_end;                /* cycle of the last flit to leave */
};

/* New bench (fo_model_set_checks on when checks). */
tb  *tb_new(const fo_params *p, int checks);
tb  *tb_new_default(unsigned nports, unsigned ngroups, unsigned slots, unsigned lat);
void tb_free(tb *b);

/* Header helpers (src 0, op 0, rsvd 0). */
uint64_t tb_hdr(unsigned kind, unsigned dst, unsigned len, unsigned tag);
uint64_t tb_hdr_x(unsigned kind, unsigned xsrc, unsigned dst, unsigned len, unsigned tag);

/* Queue a packet on port `port`, offered from cycle `at` (after the port's
 * earlier packets).  flits: len explicit flits, or NULL for a seeded
 * payload.  Returns the packet index. */
int tb_send(tb *b, unsigned port, uint64_t at, uint64_t hdr, const uint64_t *flits);
int tb_send_seed(tb *b, unsigned port, uint64_t at, uint64_t hdr, uint64_t seed);
/* Queue a command offered from cycle `at` (after the earlier ones). */
int tb_command(tb *b, uint64_t at, unsigned op, unsigned gid, uint64_t arg);
/* In-band config packet helpers. */
int tb_cfg(tb *b, unsigned port, uint64_t at, unsigned op, unsigned gid, uint64_t arg, unsigned tag);

void tb_stall(tb *b, unsigned e, uint64_t from, uint64_t cycles);

/* One cycle; returns the outputs. */
const fo_outputs *tb_step(tb *b);
/* Step until everything queued was offered and taken and the switch is
 * idle; fails the test after max_cycles.  Returns the end cycle. */
uint64_t tb_run(tb *b, uint64_t max_cycles);
/* Step until cycle t (exclusive). */
void tb_run_to(tb *b, uint64_t t);

/* Judgements. */
void tb_expect_copies(const tb *b, int i, uint64_t members);
void tb_expect_drop(const tb *b, int i, unsigned reason);
unsigned tb_popcount(uint64_t x);

/* Our own crc32 (zlib's polynomial, reflected), on flits as 8 LE bytes. */
uint32_t tb_crc32(uint32_t crc, const unsigned char *p, size_t n);
uint32_t tb_crc_flits(const uint64_t *f, unsigned n);
uint64_t tb_splitmix(uint64_t *s);

/* A small deterministic PRNG for tests. */
uint64_t tb_rand(uint64_t *s);

/* main(): run every test, or only the one named by argv[1] (CTest runs each
 * test by name); an unknown name fails. */
int tb_main(int argc, char **argv, const struct CMUnitTest *tests, size_t n, const char *group);
#define TB_MAIN(group, tests) \
    int main(int argc, char **argv) { return tb_main(argc, argv, tests, sizeof tests / sizeof *tests, group); }

#endif
