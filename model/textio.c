/* textio.c -- reading SPEC 6 text files through zlib: comments, blank lines,
 * single-space fields, fixed-width lower-case hex, and the errors a hand-made
 * or damaged file deserves (a named line, never a crash). */
#define _POSIX_C_SOURCE 200809L
#include "textio.h"
#include "fanout_io.h"
#include <stdlib.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int fo_lines_open(fo_lines *l, const char *path, fo_error *err)
{
    memset(l, 0, sizeof *l);
    l->path = path;
    l->f = gzopen(path, "rb");
    if (!l->f) {
        snprintf(err->msg, sizeof err->msg, "%s: cannot open: %s", path,
                 errno ? strerror(errno) : "out of memory");
        return FO_EIO;
    }
    gzbuffer(l->f, 1 << 16);
    return FO_OK;
}

void fo_lines_close(fo_lines *l)
{
    if (l->f)
        gzclose(l->f);
    l->f = NULL;
}

int fo_lines_fail(const fo_lines *l, fo_error *err, const char *fmt, ...)
{
    int n = snprintf(err->msg, sizeof err->msg, "%s:%lu: ", l->path, l->lineno);
    va_list ap;
    va_start(ap, fmt);
    if (n >= 0 && (size_t)n < sizeof err->msg)
        vsnprintf(err->msg + n, sizeof err->msg - (size_t)n, fmt, ap);
    va_end(ap);
    return FO_EINPUT;
}

static int split(fo_lines *l, char *s, fo_error *err)
{
    l->nfield = 0;
    if (*s == ' ')
        return fo_lines_fail(l, err, "line starts with a space");
    while (*s) {
        if (l->nfield == FO_MAX_FIELDS)
            return fo_lines_fail(l, err, "too many fields");
        l->field[l->nfield++] = s;
        char *sp = strchr(s, ' ');
        if (!sp)
            break;
        *sp = 0;
        s = sp + 1;
        if (*s == ' ' || *s == 0)
            return fo_lines_fail(l, err, "fields must be separated by single spaces");
    }
    for (unsigned i = 0; i < l->nfield; i++)
        if (strchr(l->field[i], '\t'))
            return fo_lines_fail(l, err, "tab in field %u (fields are separated by single spaces)", i + 1);
    return 1;
}

int fo_lines_next(fo_lines *l, fo_error *err)
{
    for (;;) {
        if (!gzgets(l->f, l->buf, sizeof l->buf)) {
            int zerr;
            const char *zmsg = gzerror(l->f, &zerr);
            if (zerr != Z_OK && zerr != Z_STREAM_END) {
                l->lineno++;
                return fo_lines_fail(l, err, "%s (truncated or corrupt gzip?)", zmsg);
            }
            return 0;
        }
        l->lineno++;
        size_t n = strlen(l->buf);
        if (n == 0 || l->buf[n - 1] != '\n') {
            if (n == sizeof l->buf - 1)
                return fo_lines_fail(l, err, "line longer than %d characters", FO_LINE_MAX - 2);
            int zerr;
            const char *zmsg = gzerror(l->f, &zerr);
            if (zerr != Z_OK && zerr != Z_STREAM_END)
                return fo_lines_fail(l, err, "%s (truncated or corrupt gzip?)", zmsg);
            if (memchr(l->buf, 0, n + 1) != l->buf + n)
                return fo_lines_fail(l, err, "NUL byte in text");
            return fo_lines_fail(l, err, "line cut short (no newline at end of file)");
        }
        if (strlen(l->buf) != n)
            return fo_lines_fail(l, err, "NUL byte in text");
        char *hash = strchr(l->buf, '#');
        if (hash)
            *hash = 0;
        n = strlen(l->buf);
        while (n && (l->buf[n - 1] == '\n' || l->buf[n - 1] == '\r' ||
                     l->buf[n - 1] == ' ' || l->buf[n - 1] == '\t'))
            l->buf[--n] = 0;
        if (n == 0)
            continue;
        return split(l, l->buf, err);
    }
}

int fo_parse_dec(const char *s, uint64_t max, uint64_t *v)
{
    uint64_t x = 0;
    if (!*s)
        return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return -1;
        unsigned d = (unsigned)(*s - '0');
        if (x > (UINT64_MAX - d) / 10)
            return -1;
        x = x * 10 + d;
    }
    if (x > max)
        return -1;
    *v = x;
    return 0;
}

int fo_parse_hex(const char *s, unsigned width, uint64_t *v)
{
    uint64_t x = 0;
    unsigned i = 0;
    for (; s[i]; i++) {
        char c = s[i];
        unsigned d;
        if (c >= '0' && c <= '9') d = (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f') d = (unsigned)(c - 'a' + 10);
        else return -1;
        x = (x << 4) | d;
    }
    if (i != width)
        return -1;
    *v = x;
    return 0;
}

/* ---- fo_wfile: written under a temporary name, renamed when complete ---- */

struct fo_wfile {
    gzFile f;
    char  *path, *tmp;    /* tmp NULL: standard output */
};

void fo_wfile_abort(fo_wfile *w)
{
    if (!w)
        return;
    if (w->f)
        gzclose(w->f);
    if (w->tmp)
        unlink(w->tmp);
    free(w->path);
    free(w->tmp);
    free(w);
}

int fo_wfile_open(const char *path, fo_wfile **out, fo_error *err)
{
    fo_wfile *w = calloc(1, sizeof *w);
    *out = NULL;
    size_t n = strlen(path);
    if (!w || !(w->path = strdup(path))) {
        snprintf(err->msg, sizeof err->msg, "out of memory");
        fo_wfile_abort(w);
        return FO_ENOMEM;
    }
    int fd;
    struct stat sb;
    if (!strcmp(path, "-")) {
        fd = dup(1);
    } else if (!stat(path, &sb) && !S_ISREG(sb.st_mode)) {
        /* a device or a pipe (-o /dev/null): written in place; renaming a
         * temporary over it would replace /dev/null with a file (as root) */
        fd = open(path, O_WRONLY);
    } else {
        if (!(w->tmp = malloc(n + 16))) {
            snprintf(err->msg, sizeof err->msg, "out of memory");
            fo_wfile_abort(w);
            return FO_ENOMEM;
        }
        snprintf(w->tmp, n + 16, "%s.tmp.XXXXXX", path);
        fd = mkstemp(w->tmp);
        if (fd < 0) {
            free(w->tmp);
            w->tmp = NULL;              /* nothing was created */
        } else {                        /* mkstemp makes 0600: give the file the usual mode */
            mode_t um = umask(0);
            umask(um);
            fchmod(fd, 0666 & ~um);
        }
    }
    int gz = n > 3 && !strcmp(path + n - 3, ".gz");
    if (fd >= 0 && !(w->f = gzdopen(fd, gz ? "wb6" : "wbT")))
        close(fd);
    if (!w->f) {
        snprintf(err->msg, sizeof err->msg, "%s: cannot write: %s", path,
                 errno ? strerror(errno) : "out of memory");
        fo_wfile_abort(w);
        return FO_EIO;
    }
    gzbuffer(w->f, 1 << 16);
    *out = w;
    return FO_OK;
}

struct gzFile_s *fo_wfile_gz(fo_wfile *w) { return w->f; }

int fo_wfile_commit(fo_wfile *w, fo_error *err)
{
    int zrc = gzclose(w->f);
    w->f = NULL;
    if (zrc != Z_OK) {
        snprintf(err->msg, sizeof err->msg, "%s: write failed (disk full?)", w->path);
        fo_wfile_abort(w);
        return FO_EIO;
    }
    if (w->tmp && rename(w->tmp, w->path)) {
        snprintf(err->msg, sizeof err->msg, "%s: cannot rename %s: %s", w->path, w->tmp, strerror(errno));
        fo_wfile_abort(w);
        return FO_EIO;
    }
    free(w->tmp);
    w->tmp = NULL;
    fo_wfile_abort(w);                  /* nothing left to remove: frees */
    return FO_OK;
}
