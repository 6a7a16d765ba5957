/* bench_table.c -- the table of `fanout bench` and its data files: rows
 * as the figures add them, printed plain or as Markdown (bench_int.h). */
#define _POSIX_C_SOURCE 200809L
#include "bench_int.h"
#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>

void bench_row(bctx *b, int result, const char *fig, const char *target, const char *fmt, ...)
{
    if (b->nrow == sizeof b->row / sizeof b->row[0])
        return;
    brow *r = &b->row[b->nrow++];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->measured, sizeof r->measured, fmt, ap);
    va_end(ap);
    snprintf(r->figure, sizeof r->figure, "%s", fig);
    snprintf(r->target, sizeof r->target, "%s", target);
    r->result = result;
}

const char *bench_result_name(int r) { return r == R_PASS ? "pass" : r == R_MISS ? "MISS" : "-"; }

void bench_progress(const char *what)
{
    if (isatty(2))
        fprintf(stderr, "\rbench: %-60s", what);
}

FILE *bench_data_file(const bctx *b, const char *name)
{
    if (!b->out)
        return NULL;
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", b->out, name);
    FILE *f = fopen(path, "w");
    if (!f)
        fprintf(stderr, "bench: %s: cannot write: %s\n", path, strerror(errno));
    return f;
}


void bench_print_table(const bctx *b, FILE *f, int md)
{
    size_t w[3] = { 6, 8, 6 };
    for (unsigned i = 0; i < b->nrow; i++) {
        const brow *r = &b->row[i];
        if (strlen(r->figure) > w[0]) w[0] = strlen(r->figure);
        if (strlen(r->measured) > w[1]) w[1] = strlen(r->measured);
        if (strlen(r->target) > w[2]) w[2] = strlen(r->target);
    }
    const char *sep = md ? " | " : "  ";
    fprintf(f, "%s%-*s%s%-*s%s%-*s%sresult%s\n", md ? "| " : "", (int)w[0], "figure", sep, (int)w[1],
            "measured", sep, (int)w[2], "target", sep, md ? " |" : "");
    if (md) {
        for (int c = 0; c < 3; c++) {
            fputc('|', f);
            for (size_t k = 0; k < w[c] + 2; k++)
                fputc('-', f);
        }
        fputs("|--------|\n", f);
    }
    for (unsigned i = 0; i < b->nrow; i++) {
        const brow *r = &b->row[i];
        fprintf(f, "%s%-*s%s%-*s%s%-*s%s%-6s%s\n", md ? "| " : "", (int)w[0], r->figure, sep, (int)w[1],
                r->measured, sep, (int)w[2], r->target, sep, bench_result_name(r->result), md ? " |" : "");
    }
}

