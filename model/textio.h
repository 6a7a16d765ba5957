/* textio.h -- line-oriented reading of plain or gzip text (SPEC 6 rules),
 * and the cursor the writers (trace.c, stim.c) format lines with. */
#ifndef FO_TEXTIO_H
#define FO_TEXTIO_H

#include "fanout.h"
#include <zlib.h>

#define FO_LINE_MAX 8192
#define FO_MAX_FIELDS 300

typedef struct fo_lines {
    gzFile f;
    const char *path;
    unsigned long lineno;
    char buf[FO_LINE_MAX];
    char *field[FO_MAX_FIELDS];
    unsigned nfield;
} fo_lines;

int  fo_lines_open(fo_lines *l, const char *path, fo_error *err);
void fo_lines_close(fo_lines *l);
/* Next line that is not blank or a comment, split into fields.
 * 1: a line; 0: end of file; FO_EINPUT/FO_EIO with err set. */
int  fo_lines_next(fo_lines *l, fo_error *err);
/* Reports "PATH:LINE: msg" and returns FO_EINPUT. */
int  fo_lines_fail(const fo_lines *l, fo_error *err, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Field parsers: 0 on success. */
int fo_parse_dec(const char *s, uint64_t max, uint64_t *v);
int fo_parse_hex(const char *s, unsigned width, uint64_t *v);

/* ---- Formatting a line without the printf family -------------------------
 *
 * Formatting with printf was a quarter of a model run's time.  A cursor
 * appends fields to a buffer and never writes past its end (len counts what
 * the whole line needs).  Inline: the trace writer calls these per field. */
typedef struct fo_cur {
    char  *p, *end;      /* next byte, one past the last usable byte */
    size_t len;          /* length the whole line needs */
} fo_cur;

static inline fo_cur fo_cur_at(char *buf, size_t n)
{
    fo_cur c = { buf, buf + (n ? n - 1 : 0), 0 };
    return c;
}

static inline void fo_cur_ch(fo_cur *c, char ch)
{
    if (c->p < c->end)
        *c->p++ = ch;
    c->len++;
}

static inline void fo_cur_str(fo_cur *c, const char *s)
{
    while (*s)
        fo_cur_ch(c, *s++);
}

static inline void fo_cur_dec(fo_cur *c, uint64_t v)
{
    char tmp[20];
    int n = 0;
    do
        tmp[n++] = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    while (n)
        fo_cur_ch(c, tmp[--n]);
}

/* Fixed-width lower-case hex, as the file formats have it. */
static inline void fo_cur_hex(fo_cur *c, uint64_t v, int digits)
{
    static const char hex[] = "0123456789abcdef";
    while (digits--)
        fo_cur_ch(c, hex[(v >> (4 * digits)) & 15]);
}

#endif
