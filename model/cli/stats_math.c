/* stats_math.c -- samples and nearest-rank percentiles (stats_math.h). */
#include "stats_math.h"
#include <stdlib.h>

int fo_samples_push(fo_samples *s, uint64_t x)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 1024;
        uint64_t *v = realloc(s->v, cap * sizeof *v);
        if (!v)
            return -1;
        s->v = v, s->cap = cap;
    }
    s->v[s->n++] = x;
    s->sorted = 0;
    return 0;
}

static int cmp64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

void fo_samples_sort(fo_samples *s)
{
    if (!s->sorted && s->n)           /* an empty set has no array (NULL) */
        qsort(s->v, s->n, sizeof *s->v, cmp64);
    s->sorted = 1;
}

void fo_samples_free(fo_samples *s)
{
    free(s->v);
    s->v = NULL;
    s->n = s->cap = 0;
    s->sorted = 0;
}

uint64_t fo_pct(const uint64_t *sorted, size_t n, unsigned percent)
{
    if (!n)
        return 0;
    if (percent > 100)
        percent = 100;
    size_t rank = (size_t)(((unsigned long long)percent * n + 99) / 100);   /* ceil(p n / 100) */
    return sorted[rank ? rank - 1 : 0];
}

uint64_t fo_samples_pct(fo_samples *s, unsigned percent)
{
    fo_samples_sort(s);
    return fo_pct(s->v, s->n, percent);
}
