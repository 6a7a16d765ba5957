/* trace.c -- the trace writer and reader (SPEC 6).
 *
 * The writer takes each cycle's sorted events and writes lines in trace
 * order.  An `out` line needs the crc of its payload, known only when the
 * copy's last flit leaves, so lines wait in a queue until every line before
 * them is complete.  The file is written under a temporary name and renamed
 * by fo_tw_finish: a reader never sees half a trace. */
#define _POSIX_C_SOURCE 200809L
#include "textio.h"
#include "fanout_io.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct pending {
    uint64_t cycle;
    fo_event ev;
    uint8_t  open;       /* an out line waiting for its crc */
} pending;

struct fo_tw {
    fo_wfile *out;       /* the trace file, or NULL */
    gzFile   f;          /* its stream */
    char    *path;       /* its name, for messages */
    pending *q;          /* ring of pending lines */
    size_t   cap, head, count;
    size_t   open_pos[FO_MAX_PORTS];   /* ring position of each egress's open out line */
    uint8_t  has_open[FO_MAX_PORTS];
    /* golden comparison */
    gzFile   gold;
    char    *gold_path;
    char     gold_buf[200];
    unsigned long lines;
    size_t   nbuf;       /* bytes in buf */
    char     buf[1 << 16];   /* whole lines not yet written */
};

/* Trace lines are written without the printf family: formatting was a
 * quarter of a model run's time.  A line is formatted whole into a buffer of
 * TRACE_LINE_MAX bytes, enough for the longest line (a 20-digit cycle and a cfg
 * line's fields: about 70), by functions that append and return the end. */
#define TRACE_LINE_MAX 128

static char *put_str(char *p, const char *s)
{
    while (*s)
        *p++ = *s++;
    return p;
}

static char *put_dec(char *p, uint64_t v)
{
    char tmp[20];
    int n = 0;
    do
        tmp[n++] = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    while (n)
        *p++ = tmp[--n];
    return p;
}

/* Fixed-width lower-case hex, as the trace format has it. */
static char *put_hex(char *p, uint64_t v, int digits)
{
    static const char hex[] = "0123456789abcdef";
    for (int i = digits - 1; i >= 0; i--, v >>= 4)
        p[i] = hex[v & 15];
    return p + digits;
}

/* "OP GID BITMAP", the common tail of cfg and csr lines. */
static char *put_op(char *p, const fo_event *ev)
{
    p = put_str(p, fo_op_name(ev->op));
    *p++ = ' ';
    p = put_dec(p, ev->gid);
    *p++ = ' ';
    return put_hex(p, ev->word, 16);
}

/* One line, without its newline; returns its end (not terminated). */
static char *format_line(char *p, uint64_t t, const fo_event *ev, uint32_t crc)
{
    p = put_dec(p, t);
    switch (ev->kind) {
    case FO_EV_ACC:
        p = put_str(p, " acc "), p = put_dec(p, ev->port), *p++ = ' ', p = put_hex(p, ev->tag, 6);
        break;
    case FO_EV_CFG:
        p = put_str(p, " cfg "), p = put_dec(p, ev->port), *p++ = ' ', p = put_op(p, ev);
        break;
    case FO_EV_CSR:
        p = put_str(p, " csr "), p = put_op(p, ev);
        break;
    case FO_EV_DROP:
        p = put_str(p, " drop "), p = put_dec(p, ev->port), *p++ = ' ', p = put_hex(p, ev->tag, 6);
        *p++ = ' ', p = put_str(p, fo_reason_name(ev->op));
        break;
    case FO_EV_OUT:
        p = put_str(p, " out "), p = put_dec(p, ev->port), *p++ = ' ', p = put_hex(p, ev->word, 16);
        *p++ = ' ', p = put_hex(p, crc, 8);
        break;
    default:
        p = put_str(p, " end");
    }
    return p;
}

int fo_trace_format(char *buf, size_t n, uint64_t t, const fo_event *ev, uint32_t crc)
{
    char line[TRACE_LINE_MAX];
    size_t len = (size_t)(format_line(line, t, ev, crc) - line);
    if (n) {
        size_t k = len < n - 1 ? len : n - 1;
        memcpy(buf, line, k);
        buf[k] = 0;
    }
    return (int)len;
}

/* Lines go to the file through a buffer of whole lines, one gzwrite each
 * time it fills (a gzputs per line cost as much as formatting it). */
static int drain(fo_tw *tw, fo_error *err)
{
    if (tw->f && tw->nbuf && gzwrite(tw->f, tw->buf, (unsigned)tw->nbuf) != (int)tw->nbuf) {
        snprintf(err->msg, sizeof err->msg, "%s: write failed", tw->path);
        return FO_EIO;
    }
    tw->nbuf = 0;
    return FO_OK;
}

/* One finished line of len bytes at line[] (room for one more byte): to the
 * file, and against the golden trace. */
static int emit(fo_tw *tw, char *line, size_t len, fo_error *err)
{
    tw->lines++;
    if (tw->f) {
        if (tw->nbuf + len + 1 > sizeof tw->buf && drain(tw, err))
            return FO_EIO;
        memcpy(tw->buf + tw->nbuf, line, len);
        tw->nbuf += len;
        tw->buf[tw->nbuf++] = '\n';
    }
    if (!tw->gold)
        return FO_OK;
    line[len] = 0;
    if (!gzgets(tw->gold, tw->gold_buf, sizeof tw->gold_buf)) {
        snprintf(err->msg, sizeof err->msg, "%.100s:%lu: golden trace ended; produced '%.160s'",
                 tw->gold_path, tw->lines, line);
        return FO_EMISMATCH;
    }
    tw->gold_buf[strcspn(tw->gold_buf, "\r\n")] = 0;
    if (strcmp(tw->gold_buf, line)) {
        snprintf(err->msg, sizeof err->msg, "%.100s:%lu: expected '%.160s', produced '%.160s'",
                 tw->gold_path, tw->lines, tw->gold_buf, line);
        return FO_EMISMATCH;
    }
    return FO_OK;
}

/* A line that is a C string. */
static int emit_str(fo_tw *tw, const char *s, fo_error *err)
{
    char line[TRACE_LINE_MAX];
    size_t len = strlen(s);
    memcpy(line, s, len);
    return emit(tw, line, len, err);
}

static int open_file(fo_tw *tw, const char *path, fo_error *err)
{
    if (!(tw->path = strdup(!strcmp(path, "-") ? "stdout" : path)))
        return FO_ENOMEM;
    int rc = fo_wfile_open(path, &tw->out, err);
    if (!rc)
        tw->f = fo_wfile_gz(tw->out);
    return rc;
}

int fo_tw_open(const char *path, const char *gold, const fo_params *p, fo_tw **out, fo_error *err)
{
    fo_tw *tw = calloc(1, sizeof *tw);
    *out = NULL;
    if (!tw)
        return FO_ENOMEM;
    int rc = path ? open_file(tw, path, err) : FO_OK;
    if (!rc && gold) {
        tw->gold = gzopen(gold, "rb");
        tw->gold_path = strdup(gold);
        if (!tw->gold || !tw->gold_path) {
            snprintf(err->msg, sizeof err->msg, "%s: cannot open: %s", gold, strerror(errno));
            rc = FO_EIO;
        }
    }
    if (rc) {
        if (rc == FO_ENOMEM)
            snprintf(err->msg, sizeof err->msg, "out of memory");
        fo_tw_abort(tw);
        return rc;
    }
    char line[64];
    const unsigned v[5] = { p->nports, p->ngroups, p->slots, p->sram_latency, p->lookups };
    const char *names[5] = { "nports", "ngroups", "slots", "sram_latency", "lookups" };
    rc = emit_str(tw, "fanout-trace 1", err);
    for (int i = 0; !rc && i < 5; i++) {
        snprintf(line, sizeof line, "param %s %u", names[i], v[i]);
        rc = emit_str(tw, line, err);
    }
    if (rc && rc != FO_EMISMATCH) {
        fo_tw_abort(tw);
        return rc;
    }
    *out = tw;
    return rc;
}

static int push(fo_tw *tw, uint64_t t, const fo_event *ev)
{
    if (tw->count == tw->cap) {
        size_t cap = tw->cap ? tw->cap * 2 : 1024;
        pending *q = malloc(cap * sizeof *q);
        if (!q)
            return FO_ENOMEM;
        for (size_t i = 0; i < tw->count; i++)
            q[i] = tw->q[(tw->head + i) % tw->cap];
        for (unsigned e = 0; e < FO_MAX_PORTS; e++)
            if (tw->has_open[e])
                tw->open_pos[e] = (tw->open_pos[e] + tw->cap - tw->head) % tw->cap;
        free(tw->q);
        tw->q = q;
        tw->cap = cap;
        tw->head = 0;
    }
    size_t pos = (tw->head + tw->count++) % tw->cap;
    tw->q[pos] = (pending){ t, *ev, ev->kind == FO_EV_OUT };
    if (ev->kind == FO_EV_OUT) {
        tw->open_pos[ev->port] = pos;
        tw->has_open[ev->port] = 1;
    }
    return FO_OK;
}

static int flush(fo_tw *tw, fo_error *err)
{
    char line[TRACE_LINE_MAX];
    while (tw->count && !tw->q[tw->head].open) {
        pending *pd = &tw->q[tw->head];
        size_t len = (size_t)(format_line(line, pd->cycle, &pd->ev, pd->ev.crc) - line);
        int rc = emit(tw, line, len, err);
        if (rc)
            return rc;
        tw->head = (tw->head + 1) % tw->cap;
        tw->count--;
    }
    return FO_OK;
}

int fo_tw_cycle(fo_tw *tw, uint64_t t, const fo_event *ev, unsigned n, fo_error *err)
{
    for (unsigned i = 0; i < n; i++) {
        if (ev[i].kind == FO_EV_OUTEND) {
            unsigned e = ev[i].port;
            if (tw->has_open[e]) {
                tw->q[tw->open_pos[e]].ev.crc = ev[i].crc;
                tw->q[tw->open_pos[e]].open = 0;
                tw->has_open[e] = 0;
            }
            continue;
        }
        if (push(tw, t, &ev[i])) {
            snprintf(err->msg, sizeof err->msg, "out of memory");
            return FO_ENOMEM;
        }
    }
    return flush(tw, err);
}

unsigned long fo_tw_lines(const fo_tw *tw) { return tw->lines; }

static void release(fo_tw *tw)
{
    if (tw->gold)
        gzclose(tw->gold);
    free(tw->gold_path);
    free(tw->q);
    free(tw->path);
    free(tw);
}

void fo_tw_abort(fo_tw *tw)
{
    if (!tw)
        return;
    fo_wfile_abort(tw->out);
    release(tw);
}

int fo_tw_finish(fo_tw *tw, uint64_t t, fo_error *err)
{
    fo_event end = { .kind = 99 };
    char line[TRACE_LINE_MAX];
    int rc = FO_OK;
    if (tw->count) {
        snprintf(err->msg, sizeof err->msg, "internal: %zu trace lines still open at the end", tw->count);
        rc = FO_EMISMATCH;
    }
    if (!rc)
        rc = emit(tw, line, (size_t)(format_line(line, t, &end, 0) - line), err);
    if (!rc)
        rc = drain(tw, err);
    if (!rc && tw->gold && gzgets(tw->gold, tw->gold_buf, sizeof tw->gold_buf)) {
        tw->gold_buf[strcspn(tw->gold_buf, "\r\n")] = 0;
        snprintf(err->msg, sizeof err->msg, "%.100s:%lu: expected '%.160s', but the run ended",
                 tw->gold_path, tw->lines + 1, tw->gold_buf);
        rc = FO_EMISMATCH;
    }
    if (!rc && tw->out) {
        rc = fo_wfile_commit(tw->out, err);       /* frees it, done or not */
        tw->out = NULL;
    }
    if (rc) {
        fo_tw_abort(tw);
        return rc;
    }
    release(tw);
    return FO_OK;
}

/* ---- reader ------------------------------------------------------------ */

struct fo_tr {
    fo_lines  l;
    fo_params p;
    unsigned  seen_param;     /* bit per param name */
    int       events;         /* an event line was read: no more params */
    int       ended;          /* the end line was read: nothing may follow */
    uint64_t  last_cycle;
    unsigned  last_kind, last_port;   /* the previous line's, for the order within a cycle */
};

int fo_tr_open(const char *path, fo_tr **out, fo_error *err)
{
    fo_tr *tr = calloc(1, sizeof *tr);
    *out = NULL;
    if (!tr)
        return FO_ENOMEM;
    int rc = fo_lines_open(&tr->l, path, err);
    if (rc) {
        free(tr);
        return rc;
    }
    fo_params_default(&tr->p);
    rc = fo_lines_next(&tr->l, err);
    if (rc == 1 && (tr->l.lineno != 1 || tr->l.nfield != 2 || strcmp(tr->l.field[0], "fanout-trace") ||
                    strcmp(tr->l.field[1], "1")))
        rc = fo_lines_fail(&tr->l, err, "not a fanout trace: the first line must be 'fanout-trace 1'");
    else if (rc == 0) {
        tr->l.lineno = tr->l.lineno ? tr->l.lineno : 1;
        rc = fo_lines_fail(&tr->l, err, "empty file: no 'fanout-trace 1' line");
    }
    if (rc < 0) {
        fo_tr_close(tr);
        return rc;
    }
    *out = tr;
    return FO_OK;
}

const fo_params *fo_tr_params(const fo_tr *tr) { return &tr->p; }
unsigned long fo_tr_lineno(const fo_tr *tr) { return tr->l.lineno; }

void fo_tr_close(fo_tr *tr)
{
    if (!tr)
        return;
    fo_lines_close(&tr->l);
    free(tr);
}

/* A param line: before the events, once each, in range (a trace's params
 * size what its readers index, e.g. `fanout stats` by port). */
static int tr_param(fo_tr *tr, fo_error *err)
{
    fo_lines *l = &tr->l;
    const char *names[5] = { "nports", "ngroups", "slots", "sram_latency", "lookups" };
    fo_params tmp;
    fo_params_default(&tmp);
    tmp.nports = FO_MAX_PORTS;          /* a param is checked alone: lookups against the widest */
    unsigned *dst[5] = { &tr->p.nports, &tr->p.ngroups, &tr->p.slots, &tr->p.sram_latency,
                         &tr->p.lookups };
    unsigned *tdst[5] = { &tmp.nports, &tmp.ngroups, &tmp.slots, &tmp.sram_latency, &tmp.lookups };
    uint64_t v;
    fo_error e2;
    if (tr->events)
        return fo_lines_fail(l, err, "param after the first event");
    if (l->nfield != 3)
        return fo_lines_fail(l, err, "param needs a name and a value");
    for (unsigned i = 0; i < 5; i++) {
        if (strcmp(l->field[1], names[i]))
            continue;
        if (tr->seen_param & (1u << i))
            return fo_lines_fail(l, err, "param %s given twice", names[i]);
        tr->seen_param |= 1u << i;
        if (fo_parse_dec(l->field[2], 1u << 20, &v))
            return fo_lines_fail(l, err, "param %s: bad value '%s'", names[i], l->field[2]);
        *dst[i] = *tdst[i] = (unsigned)v;    /* checked alone, against defaults */
        if (fo_params_check(&tmp, &e2) || fo_params_check(&tr->p, &e2))  /* then with the others */
            return fo_lines_fail(l, err, "%s", e2.msg);
        return FO_OK;
    }
    return fo_lines_fail(l, err, "unknown param '%s' (known: nports ngroups slots sram_latency lookups)", l->field[1]);
}

/* Field parsers of an event line: 0, or FO_EINPUT naming the field. */
static int tr_port(fo_tr *tr, const char *f, const char *what, uint64_t *v, fo_error *err)
{
    if (fo_parse_dec(f, tr->p.nports - 1, v))
        return fo_lines_fail(&tr->l, err, "%s port '%s' not in 0..%u", what, f, tr->p.nports - 1);
    return 0;
}

static int tr_hex(fo_tr *tr, const char *f, unsigned width, const char *what, uint64_t *v, fo_error *err)
{
    if (fo_parse_hex(f, width, v))
        return fo_lines_fail(&tr->l, err, "%s '%s' is not %u lower-case hex digits", what, f, width);
    return 0;
}

static int tr_group(fo_tr *tr, const char *op, const char *gid, int inband, fo_event *ev, fo_error *err)
{
    uint64_t v;
    int o = fo_op_parse(op);
    if (o < 0 || (inband && o == FO_OP_READ))
        return fo_lines_fail(&tr->l, err, "op '%s' is not %s", op,
                             inband ? "write, add, remove or clear" : "write, add, remove, clear or read");
    if (fo_parse_dec(gid, tr->p.ngroups - 1, &v))
        return fo_lines_fail(&tr->l, err, "group '%s' not in 0..%u", gid, tr->p.ngroups - 1);
    if (tr->p.nports < 64 && (ev->word >> tr->p.nports))
        return fo_lines_fail(&tr->l, err, "bitmap %016llx has bits >= nports %u",
                             (unsigned long long)ev->word, tr->p.nports);
    ev->op = (uint8_t)o;
    ev->gid = (uint32_t)v;
    return 0;
}

/* The fields after "CYCLE KIND" of each line kind, as fo_trace_format writes them. */
static int tr_fields(fo_tr *tr, unsigned kind, char **f, fo_event *ev, fo_error *err)
{
    uint64_t v = 0, w = 0;
    switch (kind) {
    case FO_EV_ACC:
        if (tr_port(tr, f[2], "acc", &v, err) || tr_hex(tr, f[3], 6, "tag", &w, err))
            return FO_EINPUT;
        ev->tag = (uint32_t)w;
        break;
    case FO_EV_DROP:
        if (tr_port(tr, f[2], "drop", &v, err) || tr_hex(tr, f[3], 6, "tag", &w, err))
            return FO_EINPUT;
        if (fo_reason_parse(f[4]) < 0)
            return fo_lines_fail(&tr->l, err, "drop reason '%s' is not kind, rsvd, port, group, len or empty", f[4]);
        ev->tag = (uint32_t)w;
        ev->op = (uint8_t)fo_reason_parse(f[4]);
        break;
    case FO_EV_OUT:
        if (tr_port(tr, f[2], "out", &v, err) || tr_hex(tr, f[3], 16, "header", &ev->word, err) ||
            tr_hex(tr, f[4], 8, "crc", &w, err))
            return FO_EINPUT;
        ev->crc = (uint32_t)w;
        break;
    case FO_EV_CFG:
        if (tr_port(tr, f[2], "cfg", &v, err) || tr_hex(tr, f[5], 16, "bitmap", &ev->word, err) ||
            tr_group(tr, f[3], f[4], 1, ev, err))
            return FO_EINPUT;
        break;
    default:                                            /* csr */
        if (tr_hex(tr, f[4], 16, "bitmap", &ev->word, err) || tr_group(tr, f[2], f[3], 0, ev, err))
            return FO_EINPUT;
        break;
    }
    ev->port = (uint8_t)v;
    return 0;
}

/* Within a cycle: acc, cfg, csr, drop, out, then by port (SPEC 6). */
static int tr_order(fo_tr *tr, const fo_trace_line *ln, fo_error *err)
{
    int first = tr->last_kind == FO_TRACE_END;      /* the first line of its cycle */
    if (!first && (ln->kind < tr->last_kind || (ln->kind == tr->last_kind && ln->ev.port < tr->last_port)))
        return fo_lines_fail(&tr->l, err, "line out of order within cycle %llu (acc, cfg, csr, drop, out, "
                             "then by port)", (unsigned long long)ln->cycle);
    tr->last_kind = ln->kind;
    tr->last_port = ln->ev.port;
    return 1;
}

/* Parse one event line into *ln. */
static int tr_event(fo_tr *tr, fo_trace_line *ln, fo_error *err)
{
    static const struct { const char *name; unsigned kind, nfield; const char *form; } kinds[] = {
        { "acc", FO_EV_ACC, 4, "acc PORT TAG" },
        { "cfg", FO_EV_CFG, 6, "cfg PORT OP GID BITMAP" },
        { "csr", FO_EV_CSR, 5, "csr OP GID BITMAP" },
        { "drop", FO_EV_DROP, 5, "drop PORT TAG REASON" },
        { "out", FO_EV_OUT, 5, "out PORT HEADER CRC" },
        { "end", FO_TRACE_END, 2, "end" },
    };
    fo_lines *l = &tr->l;
    memset(ln, 0, sizeof *ln);
    if (fo_parse_dec(l->field[0], UINT64_MAX, &ln->cycle))
        return fo_lines_fail(l, err, "'%s' is not a cycle number or 'param'", l->field[0]);
    if (l->nfield < 2)
        return fo_lines_fail(l, err, "event has no kind");
    if (tr->ended)
        return fo_lines_fail(l, err, "line after the end line");
    if (tr->events && ln->cycle < tr->last_cycle)
        return fo_lines_fail(l, err, "cycle %llu before the previous line's %llu (lines are sorted by cycle)",
                             (unsigned long long)ln->cycle, (unsigned long long)tr->last_cycle);
    if (!tr->events || ln->cycle != tr->last_cycle)
        tr->last_kind = FO_TRACE_END;               /* a new cycle: any kind may come first */
    tr->events = 1;
    tr->last_cycle = ln->cycle;
    for (unsigned k = 0; k < sizeof kinds / sizeof *kinds; k++) {
        if (strcmp(l->field[1], kinds[k].name))
            continue;
        if (l->nfield != kinds[k].nfield)
            return fo_lines_fail(l, err, "'%s' takes %u fields: CYCLE %s", kinds[k].name,
                                 kinds[k].nfield, kinds[k].form);
        ln->kind = kinds[k].kind;
        if (ln->kind == FO_TRACE_END) {
            tr->ended = 1;
            return 1;
        }
        if (tr_fields(tr, ln->kind, l->field, &ln->ev, err))
            return FO_EINPUT;
        ln->ev.kind = (uint8_t)ln->kind;
        return tr_order(tr, ln, err);
    }
    return fo_lines_fail(l, err, "unknown line kind '%s' (acc, cfg, csr, drop, out, end)", l->field[1]);
}

int fo_tr_next(fo_tr *tr, fo_trace_line *ln, fo_error *err)
{
    for (;;) {
        int rc = fo_lines_next(&tr->l, err);
        if (rc == 0 && !tr->ended) {
            tr->l.lineno++;                 /* name the line where `end` is missing */
            return fo_lines_fail(&tr->l, err, "no end line: the trace is cut short");
        }
        if (rc <= 0)
            return rc;
        if (strcmp(tr->l.field[0], "param"))
            return tr_event(tr, ln, err);
        rc = tr_param(tr, err);
        if (rc)
            return rc;
    }
}
