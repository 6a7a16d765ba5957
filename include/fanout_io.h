/* fanout_io.h -- the files of SPEC section 6 and the stimulus driver.
 *
 * Readers and writers go through zlib, so every file may be plain text or
 * the same text gzip-compressed.  Errors are "FILE:LINE: what is wrong". */
#ifndef FANOUT_IO_H
#define FANOUT_IO_H

#include "fanout.h"

#ifdef __cplusplus
extern "C" {
#endif

struct gzFile_s;          /* zlib's gzFile */

/* ---- Stimulus ---------------------------------------------------------- */

typedef struct fo_stim_pkt {
    uint64_t cycle;       /* offered from this cycle on */
    uint64_t hdr;
    uint64_t seed;        /* splitmix64 seed, when flits == NULL */
    uint64_t *flits;      /* explicit payload (len flits), or NULL */
    uint8_t  port;
    uint32_t seq;         /* order among the events of one cycle (fo_stim_write) */
    const char *note;     /* a comment line ("# ...") written before it, or NULL;
                             not owned (static storage: fo_stim_free leaves it) */
} fo_stim_pkt;

typedef struct fo_stim_cmd {
    uint64_t cycle;
    uint64_t arg;         /* bitmap (write) or port (add, remove) */
    uint32_t gid;
    uint8_t  op;          /* FO_OP_* */
    uint32_t seq;         /* order among the events of one cycle */
} fo_stim_cmd;

typedef struct fo_stim_stall {
    uint64_t cycle;
    uint64_t cycles;
    uint8_t  port;
    uint32_t seq;         /* order among the events of one cycle */
} fo_stim_stall;

typedef struct fo_stim {
    fo_params     params;
    fo_stim_pkt  *pkts;   size_t npkts;
    fo_stim_cmd  *cmds;   size_t ncmds;
    fo_stim_stall *stalls; size_t nstalls;
    uint64_t      last_cycle;   /* of the last event */
    /* For the writer only (the reader leaves both 0 and NULL): */
    int           terse;        /* 1: param lines for nports, ngroups and the others only
                                   where they differ from the defaults (as `fanout gen` writes) */
    char         *comment;      /* lines written as "# LINE" after the params, or NULL (owned) */
} fo_stim;

/* Reads a stimulus; each event's seq is its place in the file. */
int  fo_stim_load(const char *path, fo_stim **out, fo_error *err);
/* An empty stimulus at the default parameters (NULL when out of memory). */
fo_stim *fo_stim_new(void);
void fo_stim_free(fo_stim *s);
/* The one writer of the stimulus format (SPEC 6).  Writes s through
 * fo_wfile (whole or not at all; gzip when path ends in .gz).  Events go out
 * in (cycle, seq) order, and at equal keys packets, then commands, then
 * stalls, each in their order in s; so packets of one port, and the
 * commands, must not fall in seq against their order in s at one cycle (a
 * reader's seq, or all 0, never do).  Every parameter is written unless
 * s->terse.  FO_OK, or FO_EIO with err set. */
int  fo_stim_write(const fo_stim *s, const char *path, fo_error *err);
/* The same into an open stream (the caller closes it). */
int  fo_stim_write_gz(const fo_stim *s, struct gzFile_s *f, fo_error *err);
/* splitmix64 step (SPEC 6): advances *state, returns the next output. */
uint64_t fo_splitmix64(uint64_t *state);

/* ---- Driver: the stimulus as pins, cycle by cycle ---------------------- */

typedef struct fo_driver fo_driver;

int  fo_driver_create(const fo_stim *s, fo_driver **out);
void fo_driver_destroy(fo_driver *d);
/* Fill the inputs of cycle t (cycles are driven in order from 0). */
void fo_driver_inputs(fo_driver *d, uint64_t t, fo_inputs *in);
/* After cycle t: advance past what the switch took (in_valid & in_ready). */
void fo_driver_taken(fo_driver *d, const fo_inputs *in, uint64_t in_ready);
/* Nothing is left to offer (every packet taken whole, every command). */
int  fo_driver_done(const fo_driver *d);
/* The egress ports held in a stall at the last cycle driven. */
uint64_t fo_driver_stalled(const fo_driver *d);

/* ---- Writing a file whole or not at all -------------------------------- */

/* A file written under a temporary name beside it and renamed by
 * fo_wfile_commit, so that a reader never sees half of it; gzip when the
 * name ends in ".gz"; "-" is standard output (no renaming). */
typedef struct fo_wfile fo_wfile;

int  fo_wfile_open(const char *path, fo_wfile **out, fo_error *err);
/* The stream to write to (zlib's gzFile). */
struct gzFile_s *fo_wfile_gz(fo_wfile *w);
/* Closes and renames; frees w.  FO_EIO with err set if any write failed,
 * and then nothing is left behind. */
int  fo_wfile_commit(fo_wfile *w, fo_error *err);
/* Closes and removes the temporary file; frees w.  NULL is fine. */
void fo_wfile_abort(fo_wfile *w);

/* ---- Trace writer ------------------------------------------------------ */

typedef struct fo_tw fo_tw;

/* Writes to path (gzip if it ends in ".gz") through a temporary file that
 * fo_tw_finish renames; path "-": standard output; path NULL: no file.
 * gold, when not NULL, is a golden trace that every line is compared with as
 * it is produced (the first difference is FO_EMISMATCH). */
int  fo_tw_open(const char *path, const char *gold, const fo_params *p, fo_tw **out, fo_error *err);
/* The sorted events of cycle t (fo_outputs.ev); cycles in increasing order. */
int  fo_tw_cycle(fo_tw *tw, uint64_t t, const fo_event *ev, unsigned n, fo_error *err);
/* Writes "t end", checks the gold ended there too, renames; frees tw. */
int  fo_tw_finish(fo_tw *tw, uint64_t t, fo_error *err);
/* Removes the temporary file; frees tw.  NULL is fine. */
void fo_tw_abort(fo_tw *tw);
/* Lines written (or compared) so far. */
unsigned long fo_tw_lines(const fo_tw *tw);

/* Format one trace line (no newline) for an event; OUT needs its crc. */
int  fo_trace_format(char *buf, size_t n, uint64_t t, const fo_event *ev, uint32_t crc);

/* ---- Trace reader ------------------------------------------------------ */

typedef struct fo_trace_line {
    uint64_t cycle;
    unsigned kind;        /* FO_EV_* (FO_EV_OUTEND is never read); 99: end */
    fo_event ev;          /* fields as in fo_outputs; crc of out in ev.crc */
} fo_trace_line;

#define FO_TRACE_END 99

typedef struct fo_tr fo_tr;
int  fo_tr_open(const char *path, fo_tr **out, fo_error *err);
/* 1 and *line filled, 0 at end of file, FO_EINPUT on a bad line. */
int  fo_tr_next(fo_tr *tr, fo_trace_line *line, fo_error *err);
const fo_params *fo_tr_params(const fo_tr *tr);
unsigned long fo_tr_lineno(const fo_tr *tr);
void fo_tr_close(fo_tr *tr);

#ifdef __cplusplus
}
#endif
#endif
