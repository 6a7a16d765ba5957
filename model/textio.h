/* textio.h -- line-oriented reading of plain or gzip text (SPEC 6 rules). */
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

#endif
