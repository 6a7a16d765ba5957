/* fanout.h -- public interface of the fanout switch model.
 *
 * One header for everything outside the model: the parameters, the pins of
 * one clock cycle (fo_inputs / fo_outputs), the events a cycle produces, and
 * the stepping contract that the C model (fo_model_*) and the Verilated RTL
 * (fo_rtl_*, harness/) both implement.  A co-simulation steps both with the
 * same fo_inputs and compares their fo_outputs; see docs/microarchitecture.md.
 *
 * Conventions (as zlib): opaque handles, int return codes (FO_OK == 0, a
 * negative FO_E* on failure), no global state, nothing aborts.
 */
#ifndef FANOUT_H
#define FANOUT_H

#include <stdint.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define FO_MAX_PORTS   64
#define FO_MAX_GROUPS  65536
#define FO_MAX_LEN     255

/* Return codes. */
#define FO_OK       0
#define FO_EINPUT  (-1)   /* bad input: a file, a line, a parameter (exit 2) */
#define FO_EIO     (-2)   /* cannot read or write a file (exit 2) */
#define FO_ENOMEM  (-3)   /* out of memory */
#define FO_EMISMATCH (-4) /* co-simulation or comparison mismatch (exit 1) */
#define FO_EHANG   (-5)   /* the run made no progress (exit 1) */

/* A human-readable error: "FILE:LINE: what is wrong" or "FILE: what". */
typedef struct fo_error {
    char msg[512];
} fo_error;

/* ---- Parameters ------------------------------------------------------- */

typedef struct fo_params {
    unsigned nports;        /* 4..64, default 32 */
    unsigned ngroups;       /* 1024..65536, default 65536 */
    unsigned slots;         /* packet slots per ingress port, 2..64, default FO_DEFAULT_SLOTS */
    unsigned sram_latency;  /* group SRAM read latency in cycles, 1..4, default 2 */
    unsigned lookups;       /* lookup engines (multicast lookups per cycle), 1..16 and <= nports,
                               default 4 */
} fo_params;

#define FO_DEFAULT_NPORTS   32
#define FO_DEFAULT_NGROUPS  65536
#define FO_DEFAULT_SLOTS    64
#define FO_DEFAULT_SRAM_LAT 2
#define FO_DEFAULT_LOOKUPS  4
#define FO_MAX_LOOKUPS      16

void fo_params_default(fo_params *p);
/* FO_OK, or FO_EINPUT with err naming the parameter out of range. */
int  fo_params_check(const fo_params *p, fo_error *err);
/* One parameter by its name ("nports", "ngroups", "slots", "sram_latency"),
 * with the same range message as fo_params_check (the command line's
 * options use it, so a range is stated one way everywhere). */
int  fo_param_check(const char *name, unsigned long long v, fo_error *err);

/* Design constants derived from the parameters (docs/microarchitecture.md). */
unsigned fo_setup_latency(const fo_params *p);   /* command accepted -> commit */
unsigned fo_buf_copies(const fo_params *p);      /* read copies of a port's cell buffer */
unsigned fo_buf_cells(const fo_params *p);       /* cells per port (8 flits each) */
unsigned fo_queue_delay(const fo_params *p);     /* the replicator's delay line, cycles */
unsigned fo_inband_latency(const fo_params *p);  /* last config flit -> commit */
unsigned fo_zero_load_latency(const fo_params *p); /* acc -> first copy's header out */
unsigned fo_cfg_banks(const fo_params *p);       /* config banks B: smallest power of two >= nports */
unsigned fo_cfg_bank(const fo_params *p, unsigned gid); /* gid & (B-1): the bank of a group */
unsigned fo_lookup_engine(const fo_params *p, unsigned port); /* port mod lookups */

/* ---- Header flit (SPEC section 4) ------------------------------------- */

enum fo_kind { FO_KIND_UNICAST = 0, FO_KIND_MULTICAST = 1, FO_KIND_CONFIG = 2, FO_KIND_INVALID = 3 };

#define FO_HDR_KIND(h)  ((unsigned)((h) >> 62) & 3u)
#define FO_HDR_XSRC(h)  ((unsigned)((h) >> 61) & 1u)
#define FO_HDR_SRC(h)   ((unsigned)((h) >> 55) & 63u)
#define FO_HDR_OP(h)    ((unsigned)((h) >> 52) & 7u)
#define FO_HDR_RSVD(h)  ((unsigned)((h) >> 48) & 15u)
#define FO_HDR_DST(h)   ((unsigned)((h) >> 32) & 0xffffu)
#define FO_HDR_LEN(h)   ((unsigned)((h) >> 24) & 0xffu)
#define FO_HDR_TAG(h)   ((unsigned)(h) & 0xffffffu)

uint64_t fo_hdr_make(unsigned kind, unsigned xsrc, unsigned src, unsigned op,
                     unsigned rsvd, unsigned dst, unsigned len, unsigned tag);
/* The header with its src field replaced (what every copy carries). */
uint64_t fo_hdr_with_src(uint64_t h, unsigned src);

/* Group operations: the command port's cmd_op and a config packet's op. */
enum fo_op { FO_OP_WRITE = 0, FO_OP_ADD = 1, FO_OP_REMOVE = 2, FO_OP_CLEAR = 3, FO_OP_READ = 4 };
const char *fo_op_name(unsigned op);            /* "write", ..., NULL if none */
int         fo_op_parse(const char *s);         /* FO_OP_*, or -1 */

/* The one growable-array rule of fanout's tools: makes room in *arr (cap
 * elements of elem bytes) for at least `need`, doubling (64 at first).
 * 0, or -1 when out of memory (the array unchanged). */
int fo_grow(void **arr, size_t *cap, size_t need, size_t elem);

/* Drop reasons, in their order of precedence (SPEC section 4). */
enum fo_reason { FO_DROP_KIND = 0, FO_DROP_RSVD, FO_DROP_PORT, FO_DROP_GROUP,
                 FO_DROP_LEN, FO_DROP_EMPTY, FO_DROP_NREASONS };
const char *fo_reason_name(unsigned r);
int         fo_reason_parse(const char *s);

/* ---- One clock cycle's pins ------------------------------------------- */

/* Inputs of one cycle, as the RTL top's input pins. */
typedef struct fo_inputs {
    uint64_t in_valid;                 /* bit p: ingress p offers in_data[p] */
    uint64_t in_data[FO_MAX_PORTS];    /* flit offered on ingress p */
    uint64_t out_ready;                /* bit e: the receiver on egress e is ready */
    int      cmd_valid;                /* a command is offered (always accepted) */
    unsigned cmd_op;                   /* FO_OP_* */
    unsigned cmd_gid;                  /* group id */
    uint64_t cmd_data;                 /* bitmap (write) or port (add, remove) */
} fo_inputs;

/* Events, in the trace's sort order within one cycle. */
enum fo_ev_kind {
    FO_EV_ACC = 0,   /* header accepted on ingress `port` */
    FO_EV_CFG,       /* in-band config committed (port, op, gid, word = bitmap) */
    FO_EV_CSR,       /* command committed (op, gid, word = bitmap) */
    FO_EV_DROP,      /* packet dropped (port, tag, op = reason) */
    FO_EV_OUT,       /* header flit left egress `port` (word = header) */
    FO_EV_OUTEND     /* last flit of the copy on egress `port` left (crc); not a trace line */
};

typedef struct fo_event {
    uint8_t  kind;     /* FO_EV_* */
    uint8_t  port;     /* ingress port (acc, cfg, drop) or egress port (out, outend) */
    uint8_t  op;       /* cfg/csr: FO_OP_*; drop: FO_DROP_* */
    uint8_t  stage;    /* drop: 0 replicator, 1 parser (same-port, same-cycle order) */
    uint32_t gid;      /* cfg/csr */
    uint32_t tag;      /* acc, drop */
    uint32_t crc;      /* outend */
    uint64_t word;     /* out: header; cfg/csr: bitmap */
} fo_event;

#define FO_MAX_EVENTS (6 * FO_MAX_PORTS + 4)

/* Events inside the stages that functional coverage counts and the pins do
 * not show (fo_outputs.cov).  The model sets them; the RTL counts the same
 * events with cover properties (rtl/fanout_fcov.v), so its stepper leaves
 * cov 0. */
enum {
    FO_COV_BP_CFG            = 1u << 0, /* a config op waits for its in-band grant */
    FO_COV_COMMIT_LOOKUP     = 1u << 1, /* an op (not a read) commits group g as a multicast
                                           lookup of g completes */
    FO_COV_FULL_SLOTS        = 1u << 2, /* some port has no free slot */
    FO_COV_FULL_LOOKUP       = 1u << 3, /* every slot of a port waits for its lookup
                                           (lookup FIFO and pipeline) */
    FO_COV_FULL_LOOKUP_FIFO  = 1u << 4, /* a lookup FIFO is full */
    FO_COV_FULL_EGRESS       = 1u << 5, /* an egress holds a copy of every slot of a port
                                           (its queue of that port and its stream) */
    FO_COV_FULL_EGRESS_QUEUE = 1u << 6, /* a queue (e, p) is full */
    FO_COV_FULL_CELLS        = 1u << 7, /* a data header waits for cells, a slot being free */
    FO_COV_FULL_STAGE        = 1u << 8, /* an egress's staging cells are all taken */
    FO_COV_READ_WAIT         = 1u << 9, /* a read request waits for its bank */
    FO_COV_READ_MERGED       = 1u << 10 /* one word read serves two egresses or more */
};

/* Outputs of one cycle. */
typedef struct fo_outputs {
    uint64_t in_ready;    /* bit p: ingress p takes in_data[p] (meaningful where in_valid) */
    uint64_t out_valid;   /* bit e: egress e offers a flit */
    uint64_t out_sop;     /* bit e: that flit is a header */
    uint64_t out_hdr[FO_MAX_PORTS]; /* the header flit, where out_sop */
    int      idle;        /* at the start of this cycle the switch held nothing */
    uint32_t cov;         /* FO_COV_* events of this cycle (model only; 0 from the RTL) */
    unsigned nev;
    fo_event ev[FO_MAX_EVENTS];     /* this cycle's events, sorted (fo_events_sort) */
} fo_outputs;

void fo_events_sort(fo_event *ev, unsigned n);
/* Compare two events field by field; 0 if equal. */
int  fo_event_cmp(const fo_event *a, const fo_event *b);

/* ---- The stepping contract -------------------------------------------- */
/*
 * A stepper is anything that implements one cycle of the switch:
 *   step(obj, in, out): given this cycle's input pins, fill this cycle's
 *   output pins and events, then advance one clock edge.
 * Cycle 0 is the first step after create (after reset, and in the RTL after
 * the group table's initial sweep).  Both the model and the RTL harness
 * provide one; tools take either through this table.
 */
typedef struct fo_stepper {
    void *obj;
    int  (*step)(void *obj, const fo_inputs *in, fo_outputs *out);
    void (*destroy)(void *obj);
    /* After step failed: what went wrong (a broken invariant or assertion). */
    const char *(*error)(void *obj);
    const char *name;     /* "model" or "rtl" */
} fo_stepper;

/* ---- The C model ------------------------------------------------------ */

typedef struct fo_model fo_model;

int  fo_model_create(const fo_params *p, fo_model **out, fo_error *err);
void fo_model_destroy(fo_model *m);
int  fo_model_step(fo_model *m, const fo_inputs *in, fo_outputs *out);
uint64_t fo_model_cycle(const fo_model *m);
/* Back-door read of the group table (tests and table dumps). */
uint64_t fo_model_group(const fo_model *m, unsigned gid);
/* Where the payload flits are (harness/systemc, which shows the model on the
 * RTL's pins; the model itself keeps only each payload's crc).  Both describe
 * the cycle about to be stepped.  fo_model_in_payload: 1 when a payload flit
 * taken on ingress p goes to payload word `index` of `slot`, 0 when the
 * parser is not inside a forwarded packet (`slot`: the place, slot x
 * FO_PAYLOAD_GENS + the packet's generation in it).  fo_model_out_payload: 1 when
 * egress e's output register (out_data) holds payload word `index` of
 * ingress `port`'s `slot`, 0 when it is empty or holds a header. */
#define FO_PAYLOAD_GENS 8   /* places per slot: `slot` below is < slots x FO_PAYLOAD_GENS */
int  fo_model_in_payload(const fo_model *m, unsigned p, unsigned *slot, unsigned *index);
int  fo_model_out_payload(const fo_model *m, unsigned e, unsigned *port, unsigned *slot,
                          unsigned *index);
/* Debug mode: check internal invariants every cycle (slower). */
void fo_model_set_checks(fo_model *m, int on);
/* Functional coverage: fill fo_outputs.cov every cycle (off by default: it
 * reads every port's and every queue's state each cycle). */
void fo_model_set_coverage(fo_model *m, int on);
/* FO_OK, or FO_EMISMATCH with err describing the broken invariant. */
int  fo_model_check(const fo_model *m, fo_error *err);
void fo_model_stepper(fo_model *m, fo_stepper *s);

#ifdef __cplusplus
}
#endif
#endif /* FANOUT_H */
