/* stats_math.h -- the statistics `fanout bench` and `fanout stats` share:
 * a growable array of cycle counts and its percentiles.
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

/* The percent-th percentile (0..100) of n ascending values by nearest rank;
 * 0 when n is 0. */
uint64_t fo_pct(const uint64_t *sorted, size_t n, unsigned percent);

/* The same of a sample set (sorted first if it is not). */
uint64_t fo_samples_pct(fo_samples *s, unsigned percent);

#endif
