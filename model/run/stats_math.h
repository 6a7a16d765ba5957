/* stats_math.h -- the statistics `fanout bench` and `fanout stats` share:
 * a growable array of cycle counts and its percentiles, and the FIFO that
 * pairs a request with its commit to measure its latency.
 *
 * One rule for every percentile the tools print, so that the same samples
 * give the same figure in both: nearest rank, the p-th percentile of n
 * samples is the ceil(p * n / 100)-th smallest (the smallest for p = 0),
 * computed in integers so that no rounding of p / 100 moves it. */
#ifndef FO_STATS_MATH_H
#define FO_STATS_MATH_H

#include <stddef.h>
#include <stdint.h>

typedef struct fo_samples {
    uint64_t *v;
    size_t    n, cap;
    int       sorted;          /* v[0..n) ascending (fo_samples_sort) */
} fo_samples;

/* Appends x; -1 when out of memory (the samples are unchanged). */
int  fo_samples_push(fo_samples *s, uint64_t x);
void fo_samples_sort(fo_samples *s);
void fo_samples_free(fo_samples *s);

/* Sorts n values ascending (v may be NULL when n is 0). */
void fo_sort_u64(uint64_t *v, size_t n);

/* The percent-th percentile (0..100) of n ascending values by nearest rank;
 * 0 when n is 0. */
uint64_t fo_pct(const uint64_t *sorted, size_t n, unsigned percent);

/* The same of a sample set (sorted first if it is not). */
uint64_t fo_samples_pct(fo_samples *s, unsigned percent);

/* ---- Latency FIFO ------------------------------------------------------ */

/* Requests that commit in the order they were made (commands; the config
 * packets of one port): pushed when made, popped at their commit.  An entry
 * carries two cycle stamps, as its user defines them (FO_LATQ_NONE: not
 * known yet), and a tag by which a request that never commits (a dropped
 * config packet) is found and taken out. */
#define FO_LATQ_NONE UINT64_MAX

typedef struct fo_latq_ent {
    uint64_t offered;          /* e.g. the cycle its last flit was first offered */
    uint64_t taken;            /* e.g. the cycle it was accepted */
    uint32_t tag;
} fo_latq_ent;

typedef struct fo_latq {
    fo_latq_ent *v;            /* entries v[head .. head+n), oldest first */
    size_t       head, n, cap;
} fo_latq;

/* Appends e; -1 when out of memory (the FIFO is unchanged). */
int  fo_latq_push(fo_latq *q, fo_latq_ent e);
/* The oldest entry into *e and out of the FIFO: 1, or 0 when empty. */
int  fo_latq_pop(fo_latq *q, fo_latq_ent *e);
/* The newest entry with this tag (still in the FIFO), or NULL. */
fo_latq_ent *fo_latq_find(fo_latq *q, uint32_t tag);
/* Takes the newest entry with this tag out: 1, or 0 when there is none. */
int  fo_latq_remove(fo_latq *q, uint32_t tag);
void fo_latq_free(fo_latq *q);

#endif
