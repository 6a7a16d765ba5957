/* common.c -- parameters, header fields, names and events shared by every
 * part of fanout (model, tools, harness). */
#include "internal.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void fo_params_default(fo_params *p)
{
    p->nports = FO_DEFAULT_NPORTS;
    p->ngroups = FO_DEFAULT_NGROUPS;
    p->slots = FO_DEFAULT_SLOTS;
    p->sram_latency = FO_DEFAULT_SRAM_LAT;
    p->lookups = FO_DEFAULT_LOOKUPS;
}

int fo_params_check(const fo_params *p, fo_error *err)
{
    const char *name = NULL;
    unsigned v = 0, lo = 0, hi = 0;
    if (p->nports < 4 || p->nports > 64)
        name = "nports", v = p->nports, lo = 4, hi = 64;
    else if (p->ngroups < 1024 || p->ngroups > 65536)
        name = "ngroups", v = p->ngroups, lo = 1024, hi = 65536;
    else if (p->slots < 2 || p->slots > FO_MAX_SLOTS)
        name = "slots", v = p->slots, lo = 2, hi = FO_MAX_SLOTS;
    else if (p->sram_latency < 1 || p->sram_latency > FO_MAX_LAT)
        name = "sram_latency", v = p->sram_latency, lo = 1, hi = FO_MAX_LAT;
    else if (p->lookups < 1 || p->lookups > FO_MAX_LOOKUPS || p->lookups > p->nports)
        name = "lookups", v = p->lookups, lo = 1,
        hi = p->nports < FO_MAX_LOOKUPS ? p->nports : FO_MAX_LOOKUPS;
    if (!name)
        return FO_OK;
    if (err)
        snprintf(err->msg, sizeof err->msg, "param %s %u out of range %u..%u", name, v, lo, hi);
    return FO_EINPUT;
}

int fo_param_check(const char *name, unsigned long long v, fo_error *err)
{
    fo_params p;
    fo_params_default(&p);                      /* valid: only `name` can be out of range */
    unsigned x = v > 0xffffffffULL ? 0xffffffffU : (unsigned)v;
    if (!strcmp(name, "nports")) p.nports = x;
    else if (!strcmp(name, "ngroups")) p.ngroups = x;
    else if (!strcmp(name, "slots")) p.slots = x;
    else if (!strcmp(name, "sram_latency")) p.sram_latency = x;
    else if (!strcmp(name, "lookups")) p.lookups = x;
    else {
        if (err)
            snprintf(err->msg, sizeof err->msg, "unknown param %s", name);
        return FO_EINPUT;
    }
    return fo_params_check(&p, err);
}

unsigned fo_setup_latency(const fo_params *p) { return p->sram_latency; }

/* The cell buffer (docs/microarchitecture.md, "Payload buffer"): a read copy
 * per 16 egresses; 512 cells of 8 flits in all copies together (4,096 flits
 * of 64 bits, as v1's 16 slots of 256 flits), the largest power of two per
 * copy. */
unsigned fo_buf_copies(const fo_params *p) { return (p->nports + 15) / 16; }
unsigned fo_buf_cells(const fo_params *p)
{
    unsigned c = 1, max = 512 / fo_buf_copies(p);
    while (c * 2 <= max)
        c *= 2;
    return c;
}
/* The delay line makes a header leave 27 cycles after it is taken, whatever
 * SRAM_LAT: 6 + SRAM_LAT + D (stage 4's timeline). */
unsigned fo_queue_delay(const fo_params *p) { return 21 - p->sram_latency; }
unsigned fo_zero_load_latency(const fo_params *p) { return 6 + p->sram_latency + fo_queue_delay(p); }
unsigned fo_inband_latency(const fo_params *p) { return p->sram_latency; }

unsigned fo_cfg_banks(const fo_params *p)
{
    unsigned b = 1;
    while (b < p->nports)
        b <<= 1;
    return b;
}

unsigned fo_cfg_bank(const fo_params *p, unsigned gid) { return gid & (fo_cfg_banks(p) - 1); }
unsigned fo_lookup_engine(const fo_params *p, unsigned port) { return port % p->lookups; }

uint64_t fo_hdr_make(unsigned kind, unsigned xsrc, unsigned src, unsigned op,
                     unsigned rsvd, unsigned dst, unsigned len, unsigned tag)
{
    return ((uint64_t)(kind & 3) << 62) | ((uint64_t)(xsrc & 1) << 61) |
           ((uint64_t)(src & 63) << 55) | ((uint64_t)(op & 7) << 52) |
           ((uint64_t)(rsvd & 15) << 48) | ((uint64_t)(dst & 0xffff) << 32) |
           ((uint64_t)(len & 0xff) << 24) | (uint64_t)(tag & 0xffffff);
}

uint64_t fo_hdr_with_src(uint64_t h, unsigned src)
{
    return (h & ~((uint64_t)63 << 55)) | ((uint64_t)(src & 63) << 55);
}

static const char *const op_names[] = { "write", "add", "remove", "clear", "read" };
static const char *const reason_names[] = { "kind", "rsvd", "port", "group", "len", "empty" };

const char *fo_op_name(unsigned op) { return op < 5 ? op_names[op] : NULL; }
const char *fo_reason_name(unsigned r) { return r < FO_DROP_NREASONS ? reason_names[r] : NULL; }

int fo_op_parse(const char *s)
{
    for (int i = 0; i < 5; i++)
        if (!strcmp(s, op_names[i]))
            return i;
    return -1;
}

int fo_reason_parse(const char *s)
{
    for (int i = 0; i < FO_DROP_NREASONS; i++)
        if (!strcmp(s, reason_names[i]))
            return i;
    return -1;
}

/* The trace's order within a cycle: kind, then port, then (two drops on one
 * port) the replicator's, which is the older packet, first. */
static int ev_order(const fo_event *a, const fo_event *b)
{
    if (a->kind != b->kind)
        return a->kind < b->kind ? -1 : 1;
    if (a->port != b->port)
        return a->port < b->port ? -1 : 1;
    if (a->stage != b->stage)
        return a->stage < b->stage ? -1 : 1;
    return 0;
}

/* Insertion sort: a cycle has few events and they arrive nearly sorted. */
void fo_events_sort(fo_event *ev, unsigned n)
{
    for (unsigned i = 1; i < n; i++) {
        fo_event x = ev[i];
        unsigned j = i;
        while (j > 0 && ev_order(&ev[j - 1], &x) > 0) {
            ev[j] = ev[j - 1];
            j--;
        }
        ev[j] = x;
    }
}

int fo_event_cmp(const fo_event *a, const fo_event *b)
{
    int o = ev_order(a, b);
    if (o)
        return o;
    if (a->op != b->op) return a->op < b->op ? -1 : 1;
    if (a->gid != b->gid) return a->gid < b->gid ? -1 : 1;
    if (a->tag != b->tag) return a->tag < b->tag ? -1 : 1;
    if (a->crc != b->crc) return a->crc < b->crc ? -1 : 1;
    if (a->word != b->word) return a->word < b->word ? -1 : 1;
    return 0;
}

fo_event *fo_ev_add(fo_outputs *out, unsigned kind, unsigned port)
{
    fo_event *e = &out->ev[out->nev++];
    memset(e, 0, sizeof *e);
    e->kind = (uint8_t)kind;
    e->port = (uint8_t)port;
    return e;
}

int fo_grow(void **arr, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 0;
    size_t c = *cap ? *cap * 2 : 64;
    if (c < need)
        c = need;
    void *a = realloc(*arr, c * elem);
    if (!a)
        return -1;
    *arr = a;
    *cap = c;
    return 0;
}
