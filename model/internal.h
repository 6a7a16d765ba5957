/* internal.h -- the model's state, shared by the stage files.
 *
 * Each stage file (parser.c, group_sram.c, replicator.c, egress_queue.c,
 * cfg_engine.c, payload_buf.c) owns the part of struct fo_model that its RTL
 * module owns, and exposes one step function called by switch.c in an order
 * that makes every stage see its inputs as they were at the start of the
 * cycle (docs/microarchitecture.md, "Timing conventions").
 */
#ifndef FO_INTERNAL_H
#define FO_INTERNAL_H

#include "fanout.h"

#define FO_MAX_SLOTS 64
#define FO_MAX_LAT   4

/* One packet slot of an ingress port's payload buffer (payload_buf.c, as
 * rtl/fanout_payload_buf.v holds the header register and the payload words).  The
 * model keeps the payload's crc instead of its flits: the crc is what the
 * trace shows, and the RTL's data path is checked by the crc of the flits it
 * really sends. */
typedef struct fo_slot {
    uint64_t hdr;      /* the header as received */
    uint32_t crc;      /* crc32 of the payload, once its last flit is written */
    uint8_t  ncells;   /* cells the packet takes: (len + 1) / FO_CELL_FLITS rounded up */
    uint8_t  wcnt;     /* cells completely written (an egress may read cell k once wcnt > k) */
    uint8_t  gen;      /* packets taken into this slot so far, mod 256 (peek.c: the flits' place) */
} fo_slot;

/* The cell buffer (docs/microarchitecture.md, "Payload buffer"). */
#define FO_CELL_FLITS  8    /* flits per cell: one word of the buffer SRAM */
#define FO_COPY_EGRESS 16   /* egresses that share one read copy of a port's buffer */
#define FO_BANKS       2    /* banks of a copy: cell k of slot s is in bank (s + k) mod 2 */
#define FO_STAGE_CELLS 6    /* cells an egress stages between its reads and its output */
#define FO_MAX_DPIPE   24   /* the replicator's delay line, at most 21 - 1 stages */

enum { PRS_IDLE = 0, PRS_DATA, PRS_DROP, PRS_CFG };

/* A lookup pipeline entry (one per port per cycle). */
typedef struct fo_lkp {
    uint8_t  valid;
    uint8_t  slot;
    uint64_t word;     /* the SRAM word read (multicast) */
} fo_lkp;

/* Ingress side of port p.  Each block of fields is declared for, and only
 * changed by, the C file named in its comment, which mirrors the RTL module
 * that holds those registers (docs/microarchitecture.md, "owns" column);
 * other files read them or call the owner's functions. */
typedef struct fo_ingress {
    /* parser.c (rtl/fanout_parser.v) */
    uint8_t  state;          /* PRS_* */
    uint8_t  slot;           /* DATA: the slot being written */
    uint16_t left;           /* DATA, DROP: payload flits still to come */
    uint8_t  cfg_op;         /* CFG: the op waiting for its payload flit */
    uint32_t cfg_gid;
    uint32_t cfg_tag;
    /* payload_buf.c (rtl/fanout_payload_buf.v): header registers, payload words */
    uint16_t npay;           /* flits of the packet being written, so far */
    uint32_t pcrc;           /* the crc register over those flits (payload_buf.c) */
    fo_slot  *slots;         /* [slots] */
    unsigned cavail[FO_BANKS];     /* per bank: cells neither in use nor reserved (payload_buf.c) */
    unsigned cavail_rel[FO_BANKS]; /* per bank: cells released in this cycle, free from the next */
    uint64_t wdone;          /* slots whose every flit is written (payload_buf.c) */
    uint8_t  hcw;            /* a 1-flit packet's cell, written the cycle after its header:
                                its slot + 1, 0 for none (payload_buf.c) */
    unsigned rd_rr[FO_MAX_PORTS / FO_COPY_EGRESS][FO_BANKS]; /* per copy and bank: last egress granted */
    /* replicator.c (rtl/fanout_replicator.v): slot state, the reference count */
    uint64_t busy;           /* slots in use (allocated, until released) */
    uint64_t lkp;            /* busy slots whose lookup has not completed */
    uint64_t pend[FO_MAX_SLOTS]; /* per slot: egress ports whose copy has not yet read its last cell */
    uint64_t pzero;          /* slots s with pend[s] zero: what the release scans, one mask, not 64 words
                                (the RTL's ~pend_any: no egress's pend_q row has the slot's bit; kept with
                                pend, checked by check.c) */
    uint64_t freed;          /* slots released during this cycle: still busy for an allocation */
    /* group_sram.c (rtl/fanout_group_sram.v): lookup FIFO of slot numbers, hold, pipeline */
    uint8_t  fifo[FO_MAX_SLOTS];
    unsigned fhead, fcount;
    unsigned hold;           /* cycles until lookups may issue after a config op */
    fo_lkp   pipe[FO_MAX_LAT];   /* ring indexed by cycle mod L */
} fo_ingress;

/* A staging entry of an egress: a cell reserved when its read is
 * requested, in packet order, filled when the read returns.  The model keeps
 * what the trace needs of the cell (the header of cell 0, the payload crc
 * with the last cell), copied at the read, as the RTL copies the word. */
typedef struct fo_cell {
    uint8_t  state;          /* FO_CELL_ASKED, _READ (arrives), _FULL */
    uint8_t  p, s;           /* ingress port and slot it is read from */
    uint8_t  k;              /* cell index within the packet */
    uint8_t  last;           /* the packet's last cell */
    uint8_t  rel;            /* the copy's reads are all done (its pending bit cleared) */
    uint8_t  gen;            /* the slot's gen when read (peek.c) */
    uint32_t crc;            /* when last: the payload crc */
    uint64_t hdr;            /* when k == 0: the header */
} fo_cell;
enum { FO_CELL_ASKED = 0, FO_CELL_READ, FO_CELL_FULL };

/* Egress side of port e (egress_queue.c, rtl/fanout_egress_queue.v): the queues
 * (e, p), the reader, the staging cells, the output register, the packet
 * being sent. */
typedef struct fo_egress {
    uint8_t  *q;             /* [nports][slots] rings of slot numbers */
    uint8_t  qhead[FO_MAX_PORTS];
    uint8_t  qcount[FO_MAX_PORTS];
    uint64_t nonempty;       /* bit p: queue (e, p) has an entry */
    unsigned rr;             /* last ingress port chosen */
    /* reader: the packet whose cells are being read */
    uint8_t  rv;             /* a packet is being read */
    uint8_t  rp, rs;         /* its ingress port and slot */
    uint8_t  rk, rn;         /* next cell to ask for, cells in the packet */
    struct fo_ask {          /* per bank: the read asked for, until granted */
        uint8_t valid, p, s;
        uint8_t k;           /* the cell of the packet */
        uint8_t pos;         /* its staging entry */
        uint8_t fin;         /* granting it completes the copy's reads */
        uint8_t lpos;        /* when fin: the staging entry of the copy's last cell */
    } ask[FO_BANKS];
    /* staging ring: sc entries from sh, in packet order */
    fo_cell  stg[FO_STAGE_CELLS];
    uint8_t  sh, sc;
    /* output register */
    uint8_t  ov;             /* out_valid */
    uint8_t  ohdr;           /* the flit is a header */
    uint8_t  olast;          /* the flit is its copy's last */
    uint32_t ocrc;           /* when olast: the copy's payload crc */
    uint64_t oword;          /* when ohdr: the header */
    /* packet being sent */
    uint8_t  active;
    uint8_t  cp, cs;         /* its ingress port and slot */
    uint8_t  cgen;           /* the slot's gen (peek.c) */
    uint16_t clen, cidx;     /* its len, payload flits loaded so far */
} fo_egress;

/* A config op in the config pipeline. */
typedef struct fo_cfgop {
    uint8_t  valid;
    uint8_t  inband;
    uint8_t  port;
    uint8_t  op;
    uint32_t gid;
    uint64_t arg;
} fo_cfgop;

#define FO_MAX_BANKS 64     /* config banks: smallest power of two >= nports */

struct fo_model {
    fo_params  p;
    unsigned   L;             /* SRAM read latency */
    unsigned   nbanks;        /* config banks B */
    uint64_t   cycle;
    uint64_t   portmask;      /* bits 0..nports-1 */
    uint64_t   slotmask;      /* bits 0..slots-1 */
    int        checks;        /* debug mode: check invariants every cycle */
    int        coverage;      /* fill fo_outputs.cov (fcov.c) */
    fo_error   err;           /* the broken invariant, when a step failed */
    char       fault[160];    /* the first impossible operation a stage saw (fo_fault) */
    /* Packet accounting, for the lossless invariants (check.c). */
    uint64_t   n_acc;         /* headers taken */
    uint64_t   n_drop;        /* packets dropped, parser and replicator */
    uint64_t   n_cfg;         /* in-band config ops issued to the engine */
    uint64_t   n_fwd;         /* packets replicated to a non-empty member set */
    uint64_t   copies_exp;    /* sum of the member-set sizes at replication */
    uint64_t   copies_done;   /* copies whose last flit was loaded for output */
    /* group_sram.c: the table (every engine's copy and the config engine's
     * read copy hold the same words: every commit writes all of them in the
     * same cycle, so the model keeps one), and each engine's read port */
    uint64_t  *table;         /* [ngroups] */
    unsigned   lookup_rr[FO_MAX_LOOKUPS]; /* per engine: last port that won its read port */
    uint64_t   engine_ports[FO_MAX_LOOKUPS]; /* per engine: the ports it serves */
    /* cfg_engine.c: per cycle of the pipeline ring, the ops that entered
     * (at most one per bank), and the in-band grant pointers per bank */
    fo_cfgop   cfg[FO_MAX_LAT][FO_MAX_BANKS];
    unsigned   ncfg[FO_MAX_LAT];
    uint64_t   cfg_banks[FO_MAX_LAT]; /* banks taken by the ops of that ring entry */
    unsigned   cfg_inflight;
    unsigned   inband_rr[FO_MAX_BANKS];  /* per bank: last port granted in-band */
    fo_ingress in[FO_MAX_PORTS];
    fo_egress  out[FO_MAX_PORTS];
    /* Active-port masks: a step visits only the ports whose bit is set (an
     * idle port costs nothing), so each mask is kept where its state changes,
     * by the file that owns that state; check.c checks them (active_mask). */
    unsigned   idx;           /* switch.c: cycle mod L, the ring entry of this cycle */
    uint64_t   prs_busy;      /* parser.c: ports whose parser is not idle */
    uint64_t   prs_data;      /* parser.c: ports whose parser takes payload flits (DATA, DROP) */
    uint64_t   slot_busy;     /* replicator.c: ports with a slot in use */
    uint64_t   slot_freed;    /* replicator.c: ports with a slot freed this cycle (in[].freed) */
    uint64_t   lkp_busy;      /* group_sram.c: ports whose lookup FIFO holds an entry or that hold */
    uint64_t   lkp_valid[FO_MAX_LAT]; /* group_sram.c: ports whose pipe[k] is valid */
    uint64_t   eg_busy;       /* egress_queue.c: egresses with anything queued, read, staged or out */
    uint64_t   eg_out;        /* egress_queue.c: egresses whose output register is valid */
    uint64_t   hcw_busy;      /* payload_buf.c: ports with a header's cell write due (in[].hcw) */
    uint32_t   crc_tab[8][256]; /* payload_buf.c: crc32 tables, 8 bytes a step */
    /* replicator.c: the delay line between replication and the egress
     * queues, one entry per port per cycle; entry t mod D is queued at t + D */
    struct fo_dpipe { uint8_t p, s; uint64_t members; } dp[FO_MAX_DPIPE][FO_MAX_PORTS];
    uint8_t    dpn[FO_MAX_DPIPE];
    unsigned   D;             /* its length: the zero-load latency is fixed by it */
    unsigned   cells;         /* payload_buf.c: cells per port */
    int        merged;        /* payload_buf.c: a read served two egresses or more this cycle (coverage) */
};

/* replicator.c: port p's slots that were free at the start of the cycle
 * (slots freed during the cycle are seen only from the next one, as in the
 * RTL). */
static inline uint64_t fo_slots_free_start(const fo_model *m, unsigned p)
{
    return ~(m->in[p].busy | m->in[p].freed) & m->slotmask;
}

/* Stage steps, called by switch.c in this order each cycle. */
void fo_slot_release_step(fo_model *m);
void fo_queue_deliver(fo_model *m);
void fo_egress_step(fo_model *m, const fo_inputs *in, fo_outputs *out);
void fo_replicator_step(fo_model *m, fo_outputs *out);
void fo_lookup_step(fo_model *m);
void fo_cfg_commit_step(fo_model *m, fo_outputs *out);
void fo_buf_write_step(fo_model *m);
void fo_parser_step(fo_model *m, const fo_inputs *in, fo_outputs *out);
void fo_cfg_issue(fo_model *m, int inband, unsigned port, unsigned op, unsigned gid, uint64_t arg);
/* cfg_engine.c: the in-band grants of this cycle among the requesting ports
 * (req; gid[p] is port p's group), beside a command on cmd_bank (or none). */
uint64_t fo_cfg_grant(fo_model *m, uint64_t req, const unsigned *gid, int cmd, unsigned cmd_bank);

/* fcov.c: the functional coverage points inside the stages (fo_outputs.cov),
 * the model's twin of rtl/fanout_fcov.v: reads state, changes none.  start()
 * runs before the stage steps (state at the start of the cycle, and the
 * multicast lookups completing this cycle), end() after them. */
typedef struct fo_fcov_cycle {
    unsigned ngid;
    uint32_t gid[FO_MAX_PORTS];         /* groups of the multicast lookups completing */
} fo_fcov_cycle;
void     fo_fcov_start(const fo_model *m, fo_outputs *out, fo_fcov_cycle *c);
void     fo_fcov_end(const fo_model *m, fo_outputs *out, const fo_fcov_cycle *c);

/* replicator.c: slot state (the RTL's replicator owns alloc/pending) */
int      fo_slot_alloc(fo_model *m, unsigned p);   /* lowest free at cycle start, or -1 */
void     fo_slot_release(fo_model *m, unsigned p, unsigned s, unsigned e); /* copy for e done */
void     fo_slot_cycle_end(fo_model *m);              /* freed slots become free */

/* payload_buf.c */
void     fo_payload_init(fo_model *m);                                  /* crc tables */
void     fo_slot_hdr(fo_model *m, unsigned p, unsigned s, uint64_t hdr);  /* header register */
void     fo_slot_write(fo_model *m, unsigned p, unsigned s, uint64_t flit);
unsigned fo_cells_of(unsigned len);                                  /* cells of a packet */
unsigned fo_cells_in_bank(unsigned s, unsigned n, unsigned b);       /* of slot s's n, in bank b */
int      fo_cells_free(const fo_model *m, unsigned p, unsigned s, unsigned len); /* room to take it */
void     fo_buf_arbitrate(fo_model *m, const uint64_t *req, uint64_t *grant); /* per bank */

/* group_sram.c */
uint64_t fo_sram_read(const fo_model *m, unsigned gid);
void     fo_sram_write(fo_model *m, unsigned gid, uint64_t word);     /* every copy, one bank */
void     fo_lookup_push(fo_model *m, unsigned p, unsigned s);         /* parser took a data header */
void     fo_lookup_hold(fo_model *m, unsigned p);                     /* p's config op granted */
int      fo_lookup_drained(const fo_model *m, unsigned p);           /* every earlier lookup issued */

/* egress_queue.c: queue (e, p) */
void     fo_queue_push(fo_model *m, unsigned e, unsigned p, unsigned s);

/* check.c: note the first impossible operation a stage was asked to do
 * (name: the invariant it breaks); fo_model_check reports it. */
void     fo_fault(fo_model *m, const char *name, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* An event appended to this cycle's list. */
fo_event *fo_ev_add(fo_outputs *out, unsigned kind, unsigned port);

/* Round-robin: the first set bit of req at or after (last + 1) mod n. */
static inline unsigned fo_rr_pick(uint64_t req, unsigned last, unsigned n)
{
    unsigned start = (last + 1) % n;
    uint64_t hi = req >> start;     /* start < 64 */
    if (hi)
        return start + (unsigned)__builtin_ctzll(hi);
    return (unsigned)__builtin_ctzll(req);
}

#endif
