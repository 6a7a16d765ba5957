/* stim.c -- the stimulus reader (SPEC 6).  Every malformed line is bad input
 * with its file and line named; header fields out of range are not (the
 * switch must drop such packets), but ports and command arguments are. */
#include "textio.h"
#include "fanout_io.h"
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

uint64_t fo_splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

typedef struct reader {
    fo_lines  l;
    fo_stim  *s;
    size_t    cap_p, cap_c, cap_s;
    int       events_started;
    unsigned  seen_param;     /* bit per param name */
    uint64_t  last_cycle;
    uint32_t  nev;            /* events read: the next one's seq */
} reader;

static const char *const param_names[] = { "nports", "ngroups", "slots", "sram_latency", "lookups" };

static int read_param(reader *r, fo_error *err)
{
    fo_lines *l = &r->l;
    if (r->events_started)
        return fo_lines_fail(l, err, "param after the first event");
    if (l->nfield != 3)
        return fo_lines_fail(l, err, "param needs a name and a value");
    int k = -1;
    for (int i = 0; i < 5; i++)
        if (!strcmp(l->field[1], param_names[i]))
            k = i;
    if (k < 0)
        return fo_lines_fail(l, err, "unknown param '%s' (known: nports ngroups slots sram_latency lookups)",
                             l->field[1]);
    if (r->seen_param & (1u << k))
        return fo_lines_fail(l, err, "param %s given twice", l->field[1]);
    r->seen_param |= 1u << k;
    uint64_t v;
    if (fo_parse_dec(l->field[2], 1u << 20, &v))
        return fo_lines_fail(l, err, "param %s: bad value '%s'", l->field[1], l->field[2]);
    fo_params *p = &r->s->params;
    unsigned *dst[] = { &p->nports, &p->ngroups, &p->slots, &p->sram_latency, &p->lookups };
    *dst[k] = (unsigned)v;
    fo_error e2;
    fo_params tmp;
    fo_params_default(&tmp);
    tmp.nports = FO_MAX_PORTS;          /* checked alone: lookups against the widest switch */
    unsigned *tdst[] = { &tmp.nports, &tmp.ngroups, &tmp.slots, &tmp.sram_latency, &tmp.lookups };
    *tdst[k] = (unsigned)v;             /* check this one alone, against defaults */
    if (fo_params_check(&tmp, &e2) || fo_params_check(p, &e2))   /* then with the others so far */
        return fo_lines_fail(l, err, "%s", e2.msg);
    return FO_OK;
}

static int read_pkt(reader *r, uint64_t cycle, fo_error *err)
{
    fo_lines *l = &r->l;
    fo_stim *s = r->s;
    uint64_t port, hdr, v;
    if (l->nfield < 5)
        return fo_lines_fail(l, err, "pkt needs: port header seed|flits ...");
    if (fo_parse_dec(l->field[2], s->params.nports - 1, &port))
        return fo_lines_fail(l, err, "pkt port '%s' not in 0..%u", l->field[2], s->params.nports - 1);
    if (fo_parse_hex(l->field[3], 16, &hdr))
        return fo_lines_fail(l, err, "pkt header '%s' is not 16 lower-case hex digits", l->field[3]);
    unsigned len = FO_HDR_LEN(hdr);
    if (fo_grow((void **)&s->pkts, &r->cap_p, s->npkts + 1, sizeof *s->pkts))
        return FO_ENOMEM;
    fo_stim_pkt *pk = &s->pkts[s->npkts];
    memset(pk, 0, sizeof *pk);
    pk->cycle = cycle;
    pk->hdr = hdr;
    pk->port = (uint8_t)port;
    pk->seq = r->nev++;
    if (!strcmp(l->field[4], "seed")) {
        if (l->nfield != 6)
            return fo_lines_fail(l, err, "pkt ... seed needs exactly one 16-hex seed");
        if (fo_parse_hex(l->field[5], 16, &v))
            return fo_lines_fail(l, err, "seed '%s' is not 16 lower-case hex digits", l->field[5]);
        pk->seed = v;
    } else if (!strcmp(l->field[4], "flits")) {
        if (l->nfield - 5 != len)
            return fo_lines_fail(l, err, "header len %u but %u flits given", len, l->nfield - 5);
        /* an empty `flits` payload keeps its form (a one-word array no
         * flit reads), so that the writer writes the line it read */
        pk->flits = calloc(len ? len : 1, sizeof *pk->flits);
        if (!pk->flits)
            return FO_ENOMEM;
        s->npkts++;            /* owns pk->flits from here */
        for (unsigned i = 0; i < len; i++)
            if (fo_parse_hex(l->field[5 + i], 16, &pk->flits[i]))
                return fo_lines_fail(l, err, "flit %u '%s' is not 16 lower-case hex digits",
                                     i + 1, l->field[5 + i]);
        return FO_OK;
    } else {
        return fo_lines_fail(l, err, "pkt payload must be 'seed' or 'flits', not '%s'", l->field[4]);
    }
    s->npkts++;
    return FO_OK;
}

static int read_csr(reader *r, uint64_t cycle, fo_error *err)
{
    fo_lines *l = &r->l;
    fo_stim *s = r->s;
    static const unsigned nargs[] = { 5, 5, 5, 4, 4 };
    int op = l->nfield >= 3 ? fo_op_parse(l->field[2]) : -1;
    if (op < 0)
        return fo_lines_fail(l, err, "csr op must be write, add, remove, clear or read");
    if (l->nfield != nargs[op])
        return fo_lines_fail(l, err, "csr %s takes %u fields, not %u", l->field[2], nargs[op] - 3,
                             l->nfield - 3);
    uint64_t gid, arg = 0;
    if (fo_parse_dec(l->field[3], s->params.ngroups - 1, &gid))
        return fo_lines_fail(l, err, "csr group '%s' not in 0..%u", l->field[3], s->params.ngroups - 1);
    if (op == FO_OP_WRITE) {
        if (fo_parse_hex(l->field[4], 16, &arg))
            return fo_lines_fail(l, err, "csr write bitmap '%s' is not 16 lower-case hex digits", l->field[4]);
        if (s->params.nports < 64 && (arg >> s->params.nports))
            return fo_lines_fail(l, err, "csr write bitmap %s has bits >= nports %u", l->field[4],
                                 s->params.nports);
    } else if (op == FO_OP_ADD || op == FO_OP_REMOVE) {
        if (fo_parse_dec(l->field[4], s->params.nports - 1, &arg))
            return fo_lines_fail(l, err, "csr %s port '%s' not in 0..%u", l->field[2], l->field[4],
                                 s->params.nports - 1);
    }
    if (fo_grow((void **)&s->cmds, &r->cap_c, s->ncmds + 1, sizeof *s->cmds))
        return FO_ENOMEM;
    s->cmds[s->ncmds++] = (fo_stim_cmd){ cycle, arg, (uint32_t)gid, (uint8_t)op, r->nev++ };
    return FO_OK;
}

static int read_stall(reader *r, uint64_t cycle, fo_error *err)
{
    fo_lines *l = &r->l;
    fo_stim *s = r->s;
    uint64_t port, n;
    if (l->nfield != 4)
        return fo_lines_fail(l, err, "stall needs: port cycles");
    if (fo_parse_dec(l->field[2], s->params.nports - 1, &port))
        return fo_lines_fail(l, err, "stall port '%s' not in 0..%u", l->field[2], s->params.nports - 1);
    if (fo_parse_dec(l->field[3], UINT32_MAX, &n))
        return fo_lines_fail(l, err, "stall cycles '%s' is not a number up to %u", l->field[3], UINT32_MAX);
    if (fo_grow((void **)&s->stalls, &r->cap_s, s->nstalls + 1, sizeof *s->stalls))
        return FO_ENOMEM;
    s->stalls[s->nstalls++] = (fo_stim_stall){ cycle, n, (uint8_t)port, r->nev++ };
    return FO_OK;
}

static int read_event(reader *r, fo_error *err)
{
    fo_lines *l = &r->l;
    uint64_t cycle;
    if (fo_parse_dec(l->field[0], UINT64_MAX / 4, &cycle))
        return fo_lines_fail(l, err, "'%s' is not a cycle number or 'param'", l->field[0]);
    if (l->nfield < 2)
        return fo_lines_fail(l, err, "event has no verb");
    if (cycle < r->last_cycle)
        return fo_lines_fail(l, err, "cycle %llu before the previous event's %llu (events must be in "
                             "non-decreasing cycle order)", (unsigned long long)cycle,
                             (unsigned long long)r->last_cycle);
    r->last_cycle = cycle;
    r->events_started = 1;
    if (!strcmp(l->field[1], "pkt"))
        return read_pkt(r, cycle, err);
    if (!strcmp(l->field[1], "csr"))
        return read_csr(r, cycle, err);
    if (!strcmp(l->field[1], "stall"))
        return read_stall(r, cycle, err);
    return fo_lines_fail(l, err, "unknown event '%s' (pkt, csr, stall)", l->field[1]);
}

void fo_stim_free(fo_stim *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->npkts; i++)
        free(s->pkts[i].flits);
    free(s->pkts);
    free(s->cmds);
    free(s->stalls);
    free(s->comment);
    free(s);
}

fo_stim *fo_stim_new(void)
{
    fo_stim *s = calloc(1, sizeof *s);
    if (s)
        fo_params_default(&s->params);
    return s;
}

int fo_stim_load(const char *path, fo_stim **out, fo_error *err)
{
    reader r;
    *out = NULL;
    memset(&r, 0, sizeof r);
    r.s = calloc(1, sizeof *r.s);
    if (!r.s)
        return FO_ENOMEM;
    fo_params_default(&r.s->params);
    int rc = fo_lines_open(&r.l, path, err);
    if (rc) {
        free(r.s);
        return rc;
    }
    rc = fo_lines_next(&r.l, err);
    if (rc == 0) {
        r.l.lineno = r.l.lineno ? r.l.lineno : 1;
        rc = fo_lines_fail(&r.l, err, "empty file: no 'fanout-stim 1' line");
    } else if (rc > 0 && (r.l.lineno != 1 || r.l.nfield != 2 || strcmp(r.l.field[0], "fanout-stim")
                          || strcmp(r.l.field[1], "1")))
        rc = fo_lines_fail(&r.l, err, "not a fanout stimulus: the first line must be 'fanout-stim 1'");
    else
        rc = FO_OK;
    while (rc == FO_OK) {
        rc = fo_lines_next(&r.l, err);
        if (rc <= 0)
            break;
        rc = !strcmp(r.l.field[0], "param") ? read_param(&r, err) : read_event(&r, err);
    }
    fo_lines_close(&r.l);
    if (rc == FO_ENOMEM)
        snprintf(err->msg, sizeof err->msg, "%s: out of memory", path);
    if (rc < 0) {
        fo_stim_free(r.s);
        return rc;
    }
    r.s->last_cycle = r.last_cycle;
    *out = r.s;
    return FO_OK;
}

/* ---- Writing a stimulus ------------------------------------------------- */

/* Packets in (cycle, seq) order; among equal keys, in their order in s
 * (which keeps each port's file order, the only order the driver depends
 * on). */
typedef struct pkt_ord { uint64_t cycle; uint32_t seq; size_t i; } pkt_ord;

static int pkt_by_key(const void *a, const void *b)
{
    const pkt_ord *x = a, *y = b;
    if (x->cycle != y->cycle)
        return x->cycle < y->cycle ? -1 : 1;
    if (x->seq != y->seq)
        return x->seq < y->seq ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

/* Lines are formatted with textio.h's cursor into one buffer and written a
 * line at a time: a 255-flit packet is one gzwrite, not 256 gzprintf calls.
 * The buffer holds the longest event line; a longer comment is cut. */
#define LINE_MAX_LEN (64 + 255 * 17)

typedef struct wline { char b[LINE_MAX_LEN + 1]; fo_cur c; gzFile f; int bad; } wline;

static void end_line(wline *w)
{
    fo_cur_ch(&w->c, '\n');
    size_t n = (size_t)(w->c.p - w->b);
    if (w->c.len > n)                   /* cut: still one line */
        w->b[n - 1] = '\n';
    if (!w->bad && gzwrite(w->f, w->b, (unsigned)n) != (int)n)
        w->bad = 1;
    w->c = fo_cur_at(w->b, sizeof w->b);
}

static void put_pkt(wline *w, const fo_stim_pkt *p)
{
    fo_cur *c = &w->c;
    if (p->note) {
        fo_cur_str(c, p->note);
        end_line(w);
    }
    fo_cur_dec(c, p->cycle), fo_cur_str(c, " pkt "), fo_cur_dec(c, p->port), fo_cur_ch(c, ' ');
    fo_cur_hex(c, p->hdr, 16);
    if (!p->flits) {
        fo_cur_str(c, " seed "), fo_cur_hex(c, p->seed, 16);
    } else {
        fo_cur_str(c, " flits");
        for (unsigned i = 0; i < FO_HDR_LEN(p->hdr); i++)
            fo_cur_ch(c, ' '), fo_cur_hex(c, p->flits[i], 16);
    }
    end_line(w);
}

static void put_cmd(wline *w, const fo_stim_cmd *k)
{
    fo_cur *c = &w->c;
    fo_cur_dec(c, k->cycle), fo_cur_str(c, " csr ");
    fo_cur_str(c, fo_op_name(k->op) ? fo_op_name(k->op) : "read"), fo_cur_ch(c, ' ');
    fo_cur_dec(c, k->gid);
    if (k->op == FO_OP_WRITE)
        fo_cur_ch(c, ' '), fo_cur_hex(c, k->arg, 16);
    else if (k->op == FO_OP_ADD || k->op == FO_OP_REMOVE)
        fo_cur_ch(c, ' '), fo_cur_dec(c, k->arg);
    end_line(w);
}

static void put_stall(wline *w, const fo_stim_stall *st)
{
    fo_cur *c = &w->c;
    fo_cur_dec(c, st->cycle), fo_cur_str(c, " stall "), fo_cur_dec(c, st->port), fo_cur_ch(c, ' ');
    fo_cur_dec(c, st->cycles);
    end_line(w);
}

static void put_param(wline *w, const char *name, unsigned v, unsigned dflt, int terse)
{
    if (terse && v == dflt)
        return;
    fo_cur_str(&w->c, "param "), fo_cur_str(&w->c, name), fo_cur_ch(&w->c, ' '), fo_cur_dec(&w->c, v);
    end_line(w);
}

static void put_head(wline *w, const fo_stim *s)
{
    const fo_params *p = &s->params;
    fo_cur_str(&w->c, "fanout-stim 1");
    end_line(w);
    put_param(w, "nports", p->nports, 0, 0);
    put_param(w, "ngroups", p->ngroups, 0, 0);
    put_param(w, "slots", p->slots, FO_DEFAULT_SLOTS, s->terse);
    put_param(w, "sram_latency", p->sram_latency, FO_DEFAULT_SRAM_LAT, s->terse);
    put_param(w, "lookups", p->lookups, FO_DEFAULT_LOOKUPS, s->terse);
    for (const char *c = s->comment; c && *c; c++) {      /* "# LINE" per line */
        fo_cur_str(&w->c, "# ");
        for (; *c && *c != '\n'; c++)
            fo_cur_ch(&w->c, *c);
        end_line(w);
        if (!*c)
            break;
    }
}

/* 1 if event (c1, s1) goes before (c2, s2); ties keep the caller's order. */
static int before(uint64_t c1, uint32_t s1, uint64_t c2, uint32_t s2)
{
    return c1 < c2 || (c1 == c2 && s1 <= s2);
}

int fo_stim_write_gz(const fo_stim *s, gzFile f, fo_error *err)
{
    pkt_ord *ord = malloc((s->npkts ? s->npkts : 1) * sizeof *ord);
    wline *w = malloc(sizeof *w);
    if (!ord || !w) {
        free(ord);
        free(w);
        snprintf(err->msg, sizeof err->msg, "out of memory");
        return FO_ENOMEM;
    }
    for (size_t i = 0; i < s->npkts; i++)
        ord[i] = (pkt_ord){ s->pkts[i].cycle, s->pkts[i].seq, i };
    qsort(ord, s->npkts, sizeof *ord, pkt_by_key);
    w->f = f, w->bad = 0;
    w->c = fo_cur_at(w->b, sizeof w->b);
    put_head(w, s);
    size_t ip = 0, ic = 0, is = 0;
    while (ip < s->npkts || ic < s->ncmds || is < s->nstalls) {
        const fo_stim_pkt *p = ip < s->npkts ? &s->pkts[ord[ip].i] : NULL;
        const fo_stim_cmd *c = ic < s->ncmds ? &s->cmds[ic] : NULL;
        const fo_stim_stall *st = is < s->nstalls ? &s->stalls[is] : NULL;
        if (p && (!c || before(p->cycle, p->seq, c->cycle, c->seq)) &&
            (!st || before(p->cycle, p->seq, st->cycle, st->seq))) {
            put_pkt(w, p);
            ip++;
        } else if (c && (!st || before(c->cycle, c->seq, st->cycle, st->seq))) {
            put_cmd(w, c);
            ic++;
        } else {
            put_stall(w, st);
            is++;
        }
    }
    int bad = w->bad;
    free(w);
    free(ord);
    if (bad) {
        int zerr = 0;
        const char *m = gzerror(f, &zerr);
        snprintf(err->msg, sizeof err->msg, "write failed: %s", (m && *m) ? m : "I/O error");
        return FO_EIO;
    }
    return FO_OK;
}

int fo_stim_write(const fo_stim *s, const char *path, fo_error *err)
{
    fo_wfile *w;
    int rc = fo_wfile_open(path, &w, err);
    if (rc)
        return rc;
    rc = fo_stim_write_gz(s, fo_wfile_gz(w), err);
    if (rc) {
        fo_wfile_abort(w);
        return rc;
    }
    return fo_wfile_commit(w, err);
}
