/* tb.c -- the cycle-by-cycle test bench (see tb.h). */
#include "tb.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TB_FAIL(...) do { char _m[600]; snprintf(_m, sizeof _m, __VA_ARGS__); fail_msg("%s", _m); } while (0)

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n);
    if (!q)
        TB_FAIL("out of memory");
    return q;
}

/* ---- crc and PRNGs (written from the SPEC, not taken from the model) --- */

uint32_t tb_crc32(uint32_t crc, const unsigned char *p, size_t n)
{
    crc = ~crc;
    for (size_t i = 0; i < n; i++) {
        crc ^= p[i];
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

uint32_t tb_crc_flits(const uint64_t *f, unsigned n)
{
    uint32_t c = 0;
    for (unsigned i = 0; i < n; i++) {
        unsigned char b[8];
        for (int k = 0; k < 8; k++)
            b[k] = (unsigned char)(f[i] >> (8 * k));
        c = tb_crc32(c, b, 8);
    }
    return c;
}

uint64_t tb_splitmix(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

uint64_t tb_rand(uint64_t *s)
{
    /* xorshift64* */
    uint64_t x = *s ? *s : 0x1234567ULL;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *s = x;
    return x * 0x2545F4914F6CDD1DULL;
}

unsigned tb_popcount(uint64_t x) { return (unsigned)__builtin_popcountll(x); }

/* ---- headers ---------------------------------------------------------- */

uint64_t tb_hdr_x(unsigned kind, unsigned xsrc, unsigned dst, unsigned len, unsigned tag)
{
    return ((uint64_t)(kind & 3) << 62) | ((uint64_t)(xsrc & 1) << 61) | ((uint64_t)(dst & 0xffff) << 32) |
           ((uint64_t)(len & 0xff) << 24) | (tag & 0xffffffu);
}

uint64_t tb_hdr(unsigned kind, unsigned dst, unsigned len, unsigned tag)
{
    return tb_hdr_x(kind, 0, dst, len, tag);
}

static unsigned hlen(uint64_t h) { return (unsigned)(h >> 24) & 0xff; }
static unsigned htag(uint64_t h) { return (unsigned)h & 0xffffff; }
static unsigned hkind(uint64_t h) { return (unsigned)(h >> 62); }
static unsigned hsrc(uint64_t h) { return (unsigned)(h >> 55) & 63; }
static uint64_t with_src(uint64_t h, unsigned p) { return (h & ~((uint64_t)63 << 55)) | ((uint64_t)p << 55); }

/* ---- creation ---------------------------------------------------------- */

tb *tb_new(const fo_params *p, int checks)
{
    tb *b = calloc(1, sizeof *b);
    assert_non_null(b);
    b->p = *p;
    fo_error err = { "" };
    int rc = fo_model_create(p, &b->m, &err);
    if (rc)
        TB_FAIL("fo_model_create: %d %s", rc, err.msg);
    fo_model_set_checks(b->m, checks);
    b->portmask = p->nports == 64 ? ~0ULL : ((1ULL << p->nports) - 1);
    for (unsigned e = 0; e < FO_MAX_PORTS; e++) {
        b->cur[e] = -1;
        for (unsigned q = 0; q < FO_MAX_PORTS; q++)
            b->last_from[e][q] = -1;
    }
    b->hcap = 1024;
    b->hash = malloc(b->hcap * 2 * sizeof(int));
    for (size_t i = 0; i < b->hcap * 2; i++)
        b->hash[i] = -1;
    b->last_end = TB_NONE;
    return b;
}

tb *tb_new_default(unsigned nports, unsigned ngroups, unsigned slots, unsigned lat)
{
    fo_params p;
    fo_params_default(&p);
    if (nports) p.nports = nports;
    if (ngroups) p.ngroups = ngroups;
    if (slots) p.slots = slots;
    if (lat) p.sram_latency = lat;
    return tb_new(&p, 1);
}

void tb_free(tb *b)
{
    if (!b)
        return;
    fo_model_destroy(b->m);
    for (size_t i = 0; i < b->npkt; i++)
        free(b->pkt[i].flits);
    for (unsigned p = 0; p < FO_MAX_PORTS; p++)
        free(b->in[p].v);
    free(b->pkt);
    free(b->cmd);
    free(b->com);
    free(b->hash);
    free(b);
}

/* ---- (port, tag) -> packets, oldest first ------------------------------ */
/* hash: pairs (key, first packet index); chains through next_same. */

static size_t hslot(const tb *b, int key)
{
    size_t h = ((size_t)key * 2654435761u) & (b->hcap - 1);
    while (b->hash[2 * h] != -1 && b->hash[2 * h] != key)
        h = (h + 1) & (b->hcap - 1);
    return h;
}

static void hput(tb *b, int key, int idx)
{
    if (b->npkt * 2 >= b->hcap) {          /* grow, rehash */
        int *old = b->hash;
        size_t oc = b->hcap;
        b->hcap *= 4;
        b->hash = malloc(b->hcap * 2 * sizeof(int));
        for (size_t i = 0; i < b->hcap * 2; i++)
            b->hash[i] = -1;
        for (size_t i = 0; i < oc; i++)
            if (old[2 * i] != -1) {
                size_t h = hslot(b, old[2 * i]);
                b->hash[2 * h] = old[2 * i];
                b->hash[2 * h + 1] = old[2 * i + 1];
            }
        free(old);
    }
    size_t h = hslot(b, key);
    if (b->hash[2 * h] == -1) {
        b->hash[2 * h] = key;
        b->hash[2 * h + 1] = idx;
        return;
    }
    int j = b->hash[2 * h + 1];
    while (b->pkt[j].next_same >= 0)
        j = b->pkt[j].next_same;
    b->pkt[j].next_same = idx;
}

static int hfirst(const tb *b, unsigned port, unsigned tag)
{
    int key = (int)((port << 24) | tag);
    size_t h = hslot(b, key);
    return b->hash[2 * h] == key ? b->hash[2 * h + 1] : -1;
}

/* ---- queuing ----------------------------------------------------------- */

static int add_pkt(tb *b, unsigned port, uint64_t at, uint64_t hdr, const uint64_t *flits, uint64_t seed)
{
    if (port >= b->p.nports)
        TB_FAIL("tb_send: port %u >= nports", port);
    if (b->npkt == b->cap_pkt) {
        b->cap_pkt = b->cap_pkt ? 2 * b->cap_pkt : 256;
        b->pkt = xrealloc(b->pkt, b->cap_pkt * sizeof *b->pkt);
    }
    int idx = (int)b->npkt;
    tb_pkt *k = &b->pkt[b->npkt++];
    memset(k, 0, sizeof *k);
    k->hdr = hdr;
    k->at = at;
    k->port = port;
    k->seed = seed;
    k->acc = k->last_in = k->drop_cycle = k->commit = k->first_out = k->last_out = k->done = TB_NONE;
    k->drop = -1;
    k->next_same = -1;
    unsigned len = hlen(hdr);
    uint64_t buf[256];
    if (flits) {
        k->flits = malloc((len ? len : 1) * sizeof(uint64_t));
        memcpy(k->flits, flits, len * sizeof(uint64_t));
        memcpy(buf, flits, len * sizeof(uint64_t));
    } else {
        uint64_t s = seed;
        for (unsigned i = 0; i < len; i++)
            buf[i] = tb_splitmix(&s);
    }
    k->crc = tb_crc_flits(buf, len);
    typeof(b->in[0]) *q = &b->in[port];
    if (q->n == q->cap) {
        q->cap = q->cap ? 2 * q->cap : 64;
        q->v = xrealloc(q->v, q->cap * sizeof(int));
    }
    q->v[q->n++] = idx;
    hput(b, (int)((port << 24) | htag(hdr)), idx);
    return idx;
}

int tb_send(tb *b, unsigned port, uint64_t at, uint64_t hdr, const uint64_t *flits)
{
    if (flits)
        return add_pkt(b, port, at, hdr, flits, 0);
    return add_pkt(b, port, at, hdr, NULL, 0x5eedULL + b->npkt * 0x1000193ULL);
}

int tb_send_seed(tb *b, unsigned port, uint64_t at, uint64_t hdr, uint64_t seed)
{
    return add_pkt(b, port, at, hdr, NULL, seed);
}

int tb_cfg(tb *b, unsigned port, uint64_t at, unsigned op, unsigned gid, uint64_t arg, unsigned tag)
{
    uint64_t h = ((uint64_t)2 << 62) | ((uint64_t)(op & 7) << 52) | ((uint64_t)gid << 32) |
                 ((uint64_t)(op == FO_OP_CLEAR ? 0 : 1) << 24) | (tag & 0xffffff);
    return tb_send(b, port, at, h, op == FO_OP_CLEAR ? NULL : &arg);
}

int tb_command(tb *b, uint64_t at, unsigned op, unsigned gid, uint64_t arg)
{
    if (b->ncmd == b->cap_cmd) {
        b->cap_cmd = b->cap_cmd ? 2 * b->cap_cmd : 256;
        b->cmd = xrealloc(b->cmd, b->cap_cmd * sizeof *b->cmd);
    }
    b->cmd[b->ncmd] = (tb_cmd){ at, op, gid, arg, TB_NONE, TB_NONE, 0 };
    return (int)b->ncmd++;
}

void tb_stall(tb *b, unsigned e, uint64_t from, uint64_t cycles)
{
    /* stall_until only grows; "from" must be <= now + whatever: we keep it
     * simple and stall [from, from+cycles) by a ready_fn-free table. */
    (void)from;
    if (from + cycles > b->stall_until[e])
        b->stall_until[e] = from + cycles;
    if (from > b->t)
        TB_FAIL("tb_stall: only stalls starting now are supported (from %llu, now %llu)",
                (unsigned long long)from, (unsigned long long)b->t);
}

/* ---- one cycle --------------------------------------------------------- */

static uint64_t flit_of(tb *b, unsigned p)
{
    typeof(b->in[0]) *q = &b->in[p];
    tb_pkt *k = &b->pkt[q->v[q->next]];
    if (q->flit == 0)
        return k->hdr;
    if (k->flits)
        return k->flits[q->flit - 1];
    return q->cur;        /* the current payload flit, drawn on advance */
}

static int ev_rank(unsigned kind) { return (int)kind; }   /* FO_EV_* are in trace order */

const fo_outputs *tb_step(tb *b)
{
    fo_inputs *in = &b->in_pins;
    fo_outputs *out = &b->out;
    uint64_t t = b->t;
    memset(in, 0, sizeof *in);
    for (unsigned p = 0; p < b->p.nports; p++) {
        typeof(b->in[0]) *q = &b->in[p];
        if (q->next >= q->n)
            continue;
        tb_pkt *k = &b->pkt[q->v[q->next]];
        if (q->flit == 0 && k->at > t)
            continue;
        in->in_valid |= 1ULL << p;
        in->in_data[p] = flit_of(b, p);
    }
    int cmdi = -1;
    if (b->next_cmd < b->ncmd && b->cmd[b->next_cmd].at <= t) {
        cmdi = (int)b->next_cmd++;
        tb_cmd *c = &b->cmd[cmdi];
        in->cmd_valid = 1;
        in->cmd_op = c->op;
        in->cmd_gid = c->gid;
        in->cmd_data = c->arg;
        c->acc = t;
    }
    uint64_t ready = b->ready_fn ? b->ready_fn(b, t, b->ready_ctx) : ~0ULL;
    for (unsigned e = 0; e < b->p.nports; e++)
        if (b->stall_until[e] > t)
            ready &= ~(1ULL << e);
    in->out_ready = ready & b->portmask;

    int rc = fo_model_step(b->m, in, out);
    if (rc) {
        fo_error err = { "" };
        fo_model_check(b->m, &err);
        TB_FAIL("cycle %llu: fo_model_step returned %d: %s", (unsigned long long)t, rc, err.msg);
    }

    /* events sorted: kind (acc, cfg, csr, drop, out), then port */
    for (unsigned i = 1; i < out->nev; i++) {
        const fo_event *x = &out->ev[i - 1], *y = &out->ev[i];
        if (ev_rank(x->kind) > ev_rank(y->kind) ||
            (x->kind == y->kind && x->kind != FO_EV_OUTEND && x->port > y->port))
            TB_FAIL("cycle %llu: events not in trace order (kind %u port %u before kind %u port %u)",
                    (unsigned long long)t, x->kind, x->port, y->kind, y->port);
    }

    /* what was taken on ingress */
    uint64_t taken = in->in_valid & out->in_ready & b->portmask;
    int hdr_pkt[FO_MAX_PORTS], flit_pkt[FO_MAX_PORTS];
    uint64_t hdr_taken = 0;
    for (unsigned p = 0; p < b->p.nports; p++) {
        hdr_pkt[p] = flit_pkt[p] = -1;
        if (!(taken >> p & 1))
            continue;
        typeof(b->in[0]) *q = &b->in[p];
        int idx = q->v[q->next];
        tb_pkt *k = &b->pkt[idx];
        flit_pkt[p] = idx;
        if (q->flit == 0) {
            hdr_pkt[p] = idx;
            hdr_taken |= 1ULL << p;
            k->acc = t;
            q->state = k->seed;
        }
        if (q->flit == hlen(k->hdr)) {       /* last flit */
            k->last_in = t;
            q->flit = 0;
            q->next++;
        } else {
            q->flit++;
            if (!k->flits)
                q->cur = tb_splitmix(&q->state);
        }
    }

    uint64_t acc_seen = 0, outend_seen = 0, out_seen = 0;
    for (unsigned i = 0; i < out->nev; i++) {
        const fo_event *ev = &out->ev[i];
        unsigned p = ev->port;
        switch (ev->kind) {
        case FO_EV_ACC:
            if (!(hdr_taken >> p & 1))
                TB_FAIL("cycle %llu: acc on port %u but no header was taken there", (unsigned long long)t, p);
            if (ev->tag != htag(b->pkt[hdr_pkt[p]].hdr))
                TB_FAIL("cycle %llu: acc on port %u tag %06x, sent %06x", (unsigned long long)t, p, ev->tag,
                        htag(b->pkt[hdr_pkt[p]].hdr));
            acc_seen |= 1ULL << p;
            break;
        case FO_EV_DROP: {
            int idx = -1;
            if (ev->stage == 1) {
                idx = hdr_pkt[p] >= 0 ? hdr_pkt[p] : flit_pkt[p];
                if (idx >= 0 && hdr_pkt[p] < 0 && hkind(b->pkt[idx].hdr) != FO_KIND_CONFIG)
                    idx = -1;      /* only a config packet is dropped on a payload flit */
            } else {
                for (int j = hfirst(b, p, ev->tag); j >= 0; j = b->pkt[j].next_same)
                    if (b->pkt[j].acc != TB_NONE && b->pkt[j].drop < 0 && !b->pkt[j].ncopies &&
                        hkind(b->pkt[j].hdr) < 2) {
                        idx = j;
                        break;
                    }
            }
            if (idx < 0 || htag(b->pkt[idx].hdr) != ev->tag)
                TB_FAIL("cycle %llu: drop on port %u tag %06x (%s) matches no packet", (unsigned long long)t,
                        p, ev->tag, fo_reason_name(ev->op));
            if (b->pkt[idx].drop >= 0)
                TB_FAIL("cycle %llu: packet %d dropped twice", (unsigned long long)t, idx);
            b->pkt[idx].drop = ev->op;
            b->pkt[idx].drop_cycle = t;
            b->pkt[idx].drop_stage = ev->stage;
            break;
        }
        case FO_EV_CFG: {
            int idx = -1;
            typeof(b->in[0]) *q = &b->in[p];
            for (size_t j = 0; j < q->next; j++) {
                tb_pkt *k = &b->pkt[q->v[j]];
                if (hkind(k->hdr) == FO_KIND_CONFIG && k->last_in != TB_NONE && k->drop < 0 &&
                    k->commit == TB_NONE) {
                    idx = q->v[j];
                    break;
                }
            }
            if (idx < 0)
                TB_FAIL("cycle %llu: cfg commit on port %u matches no config packet", (unsigned long long)t, p);
            b->pkt[idx].commit = t;
            b->pkt[idx].commit_word = ev->word;
            goto commit;
        case FO_EV_CSR:
            idx = -1;
            for (size_t j = 0; j < b->next_cmd; j++)
                if (b->cmd[j].commit == TB_NONE) {
                    idx = (int)j;
                    break;
                }
            if (idx < 0)
                TB_FAIL("cycle %llu: csr commit matches no command", (unsigned long long)t);
            b->cmd[idx].commit = t;
            b->cmd[idx].word = ev->word;
        commit:
            if (b->ncom == b->cap_com) {
                b->cap_com = b->cap_com ? 2 * b->cap_com : 256;
                b->com = xrealloc(b->com, b->cap_com * sizeof *b->com);
            }
            b->com[b->ncom++] = (tb_commit){ t, ev->kind == FO_EV_CFG, p, ev->op, ev->gid, ev->word, idx };
            break;
        }
        case FO_EV_OUT: {
            uint64_t h = ev->word;
            unsigned src = hsrc(h);
            if (!(out->out_valid >> p & 1) || !(out->out_sop >> p & 1) || !(in->out_ready >> p & 1))
                TB_FAIL("cycle %llu: out on egress %u without a header leaving", (unsigned long long)t, p);
            int idx = -1;
            for (int j = src < b->p.nports ? hfirst(b, src, htag(h)) : -1; j >= 0; j = b->pkt[j].next_same)
                if (b->pkt[j].acc != TB_NONE && b->pkt[j].drop < 0 && !(b->pkt[j].copies >> p & 1) &&
                    hkind(b->pkt[j].hdr) < 2) {
                    idx = j;
                    break;
                }
            if (idx < 0)
                TB_FAIL("cycle %llu: out on egress %u header %016llx matches no packet sent on port %u",
                        (unsigned long long)t, p, (unsigned long long)h, src);
            tb_pkt *k = &b->pkt[idx];
            if (h != with_src(k->hdr, k->port))
                TB_FAIL("cycle %llu: egress %u: copy header %016llx, expected %016llx (sent %016llx on port %u)",
                        (unsigned long long)t, p, (unsigned long long)h,
                        (unsigned long long)with_src(k->hdr, k->port), (unsigned long long)k->hdr, k->port);
            if (b->last_from[p][k->port] > idx)
                TB_FAIL("cycle %llu: egress %u: packet %d of port %u left after packet %d accepted later",
                        (unsigned long long)t, p, idx, k->port, b->last_from[p][k->port]);
            b->last_from[p][k->port] = idx;
            k->copies |= 1ULL << p;
            k->ncopies++;
            if (k->first_out == TB_NONE) k->first_out = t;
            k->last_out = t;
            if (b->left[p])
                TB_FAIL("cycle %llu: egress %u: header while %u payload flits of the previous copy remain",
                        (unsigned long long)t, p, b->left[p]);
            b->cur[p] = idx;
            b->left[p] = hlen(h) + 1;    /* the header counted below */
            out_seen |= 1ULL << p;
            break;
        }
        case FO_EV_OUTEND:
            outend_seen |= 1ULL << p;
            if (b->cur[p] < 0)
                TB_FAIL("cycle %llu: crc on egress %u with no copy", (unsigned long long)t, p);
            if (ev->crc != b->pkt[b->cur[p]].crc)
                TB_FAIL("cycle %llu: egress %u: payload crc %08x, expected %08x (packet %d, len %u)",
                        (unsigned long long)t, p, ev->crc, b->pkt[b->cur[p]].crc, b->cur[p],
                        hlen(b->pkt[b->cur[p]].hdr));
            break;
        default:
            TB_FAIL("cycle %llu: unknown event kind %u", (unsigned long long)t, ev->kind);
        }
    }
    if (acc_seen != hdr_taken)
        TB_FAIL("cycle %llu: headers taken on ports %llx but acc events on %llx", (unsigned long long)t,
                (unsigned long long)hdr_taken, (unsigned long long)acc_seen);
    /* flits leaving the egresses: whole packets, never interleaved */
    uint64_t leave = out->out_valid & in->out_ready & b->portmask, ended = 0;
    if ((out->out_sop & leave) != out_seen)
        TB_FAIL("cycle %llu: headers left on %llx but out events on %llx", (unsigned long long)t,
                (unsigned long long)(out->out_sop & leave), (unsigned long long)out_seen);
    for (uint64_t w = leave; w; w &= w - 1) {
        unsigned e = (unsigned)__builtin_ctzll(w);
        b->flits_out[e]++;
        if (!b->left[e])
            TB_FAIL("cycle %llu: egress %u: a payload flit with no packet open", (unsigned long long)t, e);
        if (--b->left[e] == 0) {
            ended |= 1ULL << e;
            tb_pkt *k = &b->pkt[b->cur[e]];
            k->done = t;
        }
        b->last_end = t;
    }
    if (ended != outend_seen)
        TB_FAIL("cycle %llu: copies ended on %llx but crc events on %llx", (unsigned long long)t,
                (unsigned long long)ended, (unsigned long long)outend_seen);
    b->t++;
    return out;
}

static int all_offered(const tb *b)
{
    if (b->next_cmd < b->ncmd)
        return 0;
    for (unsigned p = 0; p < b->p.nports; p++)
        if (b->in[p].next < b->in[p].n)
            return 0;
    return 1;
}

uint64_t tb_run(tb *b, uint64_t max_cycles)
{
    uint64_t start = b->t;
    for (;;) {
        uint64_t t = b->t;
        int done_before = all_offered(b);
        const fo_outputs *o = tb_step(b);
        if (o->idle && done_before)
            return t;
        if (b->t - start > max_cycles)
            TB_FAIL("no end after %llu cycles (cycle %llu): hang or loss", (unsigned long long)max_cycles,
                    (unsigned long long)b->t);
    }
}

void tb_run_to(tb *b, uint64_t t)
{
    while (b->t < t)
        tb_step(b);
}

/* ---- judgements -------------------------------------------------------- */

void tb_expect_copies(const tb *b, int i, uint64_t members)
{
    const tb_pkt *k = &b->pkt[i];
    if (k->acc == TB_NONE)
        TB_FAIL("packet %d (port %u, hdr %016llx) was never accepted", i, k->port, (unsigned long long)k->hdr);
    if (k->drop >= 0)
        TB_FAIL("packet %d (port %u, hdr %016llx) dropped (%s), expected copies to %llx", i, k->port,
                (unsigned long long)k->hdr, fo_reason_name((unsigned)k->drop), (unsigned long long)members);
    if (k->copies != members || k->ncopies != tb_popcount(members))
        TB_FAIL("packet %d (port %u, hdr %016llx): copies on %llx (%u), expected %llx", i, k->port,
                (unsigned long long)k->hdr, (unsigned long long)k->copies, k->ncopies,
                (unsigned long long)members);
    if (members && k->done == TB_NONE)
        TB_FAIL("packet %d: a copy never finished", i);
}

void tb_expect_drop(const tb *b, int i, unsigned reason)
{
    const tb_pkt *k = &b->pkt[i];
    if (k->acc == TB_NONE)
        TB_FAIL("packet %d (port %u, hdr %016llx) was never accepted", i, k->port, (unsigned long long)k->hdr);
    if (k->drop != (int)reason)
        TB_FAIL("packet %d (port %u, hdr %016llx): %s%s, expected drop '%s'", i, k->port,
                (unsigned long long)k->hdr, k->drop < 0 ? "not dropped" : "dropped as ",
                k->drop < 0 ? "" : fo_reason_name((unsigned)k->drop), fo_reason_name(reason));
    if (k->ncopies)
        TB_FAIL("packet %d dropped but %u copies left", i, k->ncopies);
    if (k->last_in == TB_NONE)
        TB_FAIL("packet %d dropped but its payload was not all taken", i);
}

/* ---- main ---------------------------------------------------------------- */

int tb_main(int argc, char **argv, const struct CMUnitTest *tests, size_t n, const char *group)
{
    if (argc < 2)
        return _cmocka_run_group_tests(group, tests, n, NULL, NULL);
    struct CMUnitTest *sel = calloc(n, sizeof *sel);
    size_t k = 0;
    for (int a = 1; a < argc; a++)
        for (size_t i = 0; i < n; i++)
            if (!strcmp(tests[i].name, argv[a]))
                sel[k++] = tests[i];
    if (k != (size_t)(argc - 1)) {
        fprintf(stderr, "%s: no such test among the arguments\n", group);
        free(sel);
        return 2;
    }
    int rc = _cmocka_run_group_tests(group, sel, k, NULL, NULL);
    free(sel);
    return rc;
}
