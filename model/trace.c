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
};

int fo_trace_format(char *buf, size_t n, uint64_t t, const fo_event *ev, uint32_t crc)
{
    unsigned long long c = (unsigned long long)t;
    switch (ev->kind) {
    case FO_EV_ACC:
        return snprintf(buf, n, "%llu acc %u %06x", c, ev->port, ev->tag);
    case FO_EV_CFG:
        return snprintf(buf, n, "%llu cfg %u %s %u %016llx", c, ev->port, fo_op_name(ev->op), ev->gid,
                        (unsigned long long)ev->word);
    case FO_EV_CSR:
        return snprintf(buf, n, "%llu csr %s %u %016llx", c, fo_op_name(ev->op), ev->gid,
                        (unsigned long long)ev->word);
    case FO_EV_DROP:
        return snprintf(buf, n, "%llu drop %u %06x %s", c, ev->port, ev->tag, fo_reason_name(ev->op));
    case FO_EV_OUT:
        return snprintf(buf, n, "%llu out %u %016llx %08x", c, ev->port, (unsigned long long)ev->word, crc);
    default:
        return snprintf(buf, n, "%llu end", c);
    }
}

/* One finished line: to the file, and against the golden trace. */
static int emit(fo_tw *tw, const char *line, fo_error *err)
{
    tw->lines++;
    if (tw->f && (gzputs(tw->f, line) < 0 || gzputc(tw->f, '\n') < 0)) {
        snprintf(err->msg, sizeof err->msg, "%s: write failed", tw->path);
        return FO_EIO;
    }
    if (!tw->gold)
        return FO_OK;
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
    const unsigned v[4] = { p->nports, p->ngroups, p->slots, p->sram_latency };
    const char *names[4] = { "nports", "ngroups", "slots", "sram_latency" };
    rc = emit(tw, "fanout-trace 1", err);
    for (int i = 0; !rc && i < 4; i++) {
        snprintf(line, sizeof line, "param %s %u", names[i], v[i]);
        rc = emit(tw, line, err);
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
    char line[160];
    while (tw->count && !tw->q[tw->head].open) {
        pending *pd = &tw->q[tw->head];
        fo_trace_format(line, sizeof line, pd->cycle, &pd->ev, pd->ev.crc);
        int rc = emit(tw, line, err);
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
    char line[64];
    int rc = FO_OK;
    if (tw->count) {
        snprintf(err->msg, sizeof err->msg, "internal: %zu trace lines still open at the end", tw->count);
        rc = FO_EMISMATCH;
    }
    if (!rc) {
        fo_trace_format(line, sizeof line, t, &end, 0);
        rc = emit(tw, line, err);
    }
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
    else if (rc == 0)
        rc = fo_lines_fail(&tr->l, err, "empty file: no 'fanout-trace 1' line");
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

static int tr_param(fo_tr *tr, fo_error *err)
{
    fo_lines *l = &tr->l;
    const char *names[4] = { "nports", "ngroups", "slots", "sram_latency" };
    unsigned *dst[4] = { &tr->p.nports, &tr->p.ngroups, &tr->p.slots, &tr->p.sram_latency };
    uint64_t v;
    if (l->nfield != 3 || fo_parse_dec(l->field[2], 1u << 20, &v))
        return fo_lines_fail(l, err, "bad param line");
    for (int i = 0; i < 4; i++)
        if (!strcmp(l->field[1], names[i])) {
            *dst[i] = (unsigned)v;
            return FO_OK;
        }
    return fo_lines_fail(l, err, "unknown param '%s'", l->field[1]);
}

/* Parse one event line into *ln; fields as fo_trace_format writes them. */
static int tr_event(fo_tr *tr, fo_trace_line *ln, fo_error *err)
{
    fo_lines *l = &tr->l;
    char **f = l->field;
    unsigned nf = l->nfield;
    uint64_t v, w;
    memset(ln, 0, sizeof *ln);
    if (fo_parse_dec(f[0], UINT64_MAX, &ln->cycle) || nf < 2)
        return fo_lines_fail(l, err, "not a trace line");
    const char *k = f[1];
    fo_event *ev = &ln->ev;
    if (!strcmp(k, "end") && nf == 2) {
        ln->kind = FO_TRACE_END;
        return 1;
    }
    if (nf < 4 || fo_parse_dec(!strcmp(k, "csr") ? "0" : f[2], 63, &v))
        return fo_lines_fail(l, err, "bad '%s' line", k);
    ev->port = (uint8_t)v;
    if (!strcmp(k, "acc") && nf == 4 && !fo_parse_hex(f[3], 6, &w)) {
        ln->kind = FO_EV_ACC;
        ev->tag = (uint32_t)w;
    } else if (!strcmp(k, "drop") && nf == 5 && !fo_parse_hex(f[3], 6, &w) && fo_reason_parse(f[4]) >= 0) {
        ln->kind = FO_EV_DROP;
        ev->tag = (uint32_t)w;
        ev->op = (uint8_t)fo_reason_parse(f[4]);
    } else if (!strcmp(k, "out") && nf == 5 && !fo_parse_hex(f[3], 16, &ev->word) &&
               !fo_parse_hex(f[4], 8, &w)) {
        ln->kind = FO_EV_OUT;
        ev->crc = (uint32_t)w;
    } else if (!strcmp(k, "cfg") && nf == 6 && fo_op_parse(f[3]) >= 0 && fo_op_parse(f[3]) < 4 &&
               !fo_parse_dec(f[4], 65535, &v) && !fo_parse_hex(f[5], 16, &ev->word)) {
        ln->kind = FO_EV_CFG;
        ev->op = (uint8_t)fo_op_parse(f[3]);
        ev->gid = (uint32_t)v;
    } else if (!strcmp(k, "csr") && nf == 5 && fo_op_parse(f[2]) >= 0 && !fo_parse_dec(f[3], 65535, &v) &&
               !fo_parse_hex(f[4], 16, &ev->word)) {
        ln->kind = FO_EV_CSR;
        ev->op = (uint8_t)fo_op_parse(f[2]);
        ev->gid = (uint32_t)v;
        ev->port = 0;
    } else {
        return fo_lines_fail(l, err, "bad '%s' line", k);
    }
    ev->kind = (uint8_t)ln->kind;
    return 1;
}

int fo_tr_next(fo_tr *tr, fo_trace_line *ln, fo_error *err)
{
    for (;;) {
        int rc = fo_lines_next(&tr->l, err);
        if (rc <= 0)
            return rc;
        if (strcmp(tr->l.field[0], "param"))
            return tr_event(tr, ln, err);
        rc = tr_param(tr, err);
        if (rc)
            return rc;
    }
}
