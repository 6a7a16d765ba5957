/* stats_math.c -- samples, nearest-rank percentiles and the latency FIFO
 * (stats_math.h). */
#include "stats_math.h"
#include "fanout.h"
#include <stdlib.h>
#include <string.h>

int fo_samples_push(fo_samples *s, uint64_t x)
{
    if (fo_grow((void **)&s->v, &s->cap, s->n + 1, sizeof *s->v))
        return -1;
    s->v[s->n++] = x;
    s->sorted = 0;
    return 0;
}

static int cmp64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

void fo_sort_u64(uint64_t *v, size_t n)
{
    if (n)                            /* an empty set may have no array (NULL) */
        qsort(v, n, sizeof *v, cmp64);
}

void fo_samples_sort(fo_samples *s)
{
    if (!s->sorted)
        fo_sort_u64(s->v, s->n);
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

/* ---- Latency FIFO ------------------------------------------------------ */

int fo_latq_push(fo_latq *q, fo_latq_ent e)
{
    if (q->head + q->n == q->cap) {
        if (q->head) {                 /* room at the front: slide down, no realloc */
            memmove(q->v, q->v + q->head, q->n * sizeof *q->v);
            q->head = 0;
        } else {
            size_t cap = q->cap ? q->cap * 2 : 64;
            fo_latq_ent *v = realloc(q->v, cap * sizeof *v);
            if (!v)
                return -1;
            q->v = v, q->cap = cap;
        }
    }
    q->v[q->head + q->n++] = e;
    return 0;
}

int fo_latq_pop(fo_latq *q, fo_latq_ent *e)
{
    if (!q->n)
        return 0;
    *e = q->v[q->head++];
    if (!--q->n)
        q->head = 0;
    return 1;
}

fo_latq_ent *fo_latq_find(fo_latq *q, uint32_t tag)
{
    for (size_t i = q->n; i-- > 0;)
        if (q->v[q->head + i].tag == tag)
            return &q->v[q->head + i];
    return NULL;
}

int fo_latq_remove(fo_latq *q, uint32_t tag)
{
    fo_latq_ent *e = fo_latq_find(q, tag);
    if (!e)
        return 0;
    fo_latq_ent *end = q->v + q->head + q->n;
    memmove(e, e + 1, (size_t)(end - e - 1) * sizeof *e);
    if (!--q->n)
        q->head = 0;
    return 1;
}

void fo_latq_free(fo_latq *q)
{
    free(q->v);
    memset(q, 0, sizeof *q);
}
