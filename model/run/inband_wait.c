/* inband_wait.c -- the sender-side wait and commit latency of in-band
 * config packets (inband_wait.h).
 *
 * Config packets on one port commit in the order they were accepted, so a
 * FIFO per port pairs each `cfg` commit with its packet.  An entry is made
 * when the header is taken (by tag) and completed when the last flit is;
 * a packet dropped by rule (by its header or its payload flit, before or
 * after that flit) leaves the FIFO by its tag, so that it never pairs with
 * a later packet's commit. */
#include "inband_wait.h"
#include <stdlib.h>
#include <string.h>

#define IW_NONE FO_LATQ_NONE

void fo_iw_init(fo_inband_wait *w)
{
    memset(w, 0, sizeof *w);
    for (unsigned p = 0; p < FO_MAX_PORTS; p++)
        w->off[p] = IW_NONE;
}

void fo_iw_free(fo_inband_wait *w)
{
    for (unsigned p = 0; p < FO_MAX_PORTS; p++)
        fo_latq_free(&w->q[p]);
    fo_samples_free(&w->wait);
    fo_samples_free(&w->lat);
    memset(w, 0, sizeof *w);
}

static void push(fo_inband_wait *w, unsigned port, fo_latq_ent e)
{
    if (fo_latq_push(&w->q[port], e))
        w->fail = 1;
    else
        w->packets++;
}

static void commit(fo_inband_wait *w, unsigned port, uint64_t t)
{
    fo_latq_ent e;
    if (!fo_latq_pop(&w->q[port], &e)) {
        w->unpaired++;
        return;
    }
    if (e.offered != FO_LATQ_NONE && fo_samples_push(&w->wait, t - e.offered))
        w->fail = 1;
    if (e.taken != FO_LATQ_NONE && fo_samples_push(&w->lat, t - e.taken))
        w->fail = 1;
}

void fo_iw_accepted(fo_inband_wait *w, unsigned port, uint32_t tag, uint64_t offered)
{
    push(w, port, (fo_latq_ent){ offered, IW_NONE, tag });
}

void fo_iw_event(fo_inband_wait *w, uint64_t t, const fo_event *ev)
{
    if (ev->kind == FO_EV_CFG)
        commit(w, ev->port, t);
    else if (ev->kind == FO_EV_DROP && ev->stage == 1)   /* the parser: config packets too */
        fo_latq_remove(&w->q[ev->port], ev->tag);
}

/* One port's pins in cycle t: the flit offered, and whether it is taken. */
static void pins(fo_inband_wait *w, unsigned p, uint64_t t, uint64_t d, int taken)
{
    if (w->off[p] == IW_NONE)
        w->off[p] = t;                         /* first offered now */
    if (!taken)
        return;
    if (w->pos[p] == 0)
        w->hdr[p] = d;
    uint64_t h = w->hdr[p];
    int cfg = FO_HDR_KIND(h) == FO_KIND_CONFIG, last = w->pos[p] == FO_HDR_LEN(h);
    if (cfg && w->pos[p] == 0)
        push(w, p, (fo_latq_ent){ IW_NONE, IW_NONE, FO_HDR_TAG(h) });
    if (cfg && last) {
        fo_latq_ent *e = fo_latq_find(&w->q[p], FO_HDR_TAG(h));
        if (e)                                 /* NULL: dropped by its header already */
            e->offered = w->off[p], e->taken = t;
    }
    w->pos[p] = last ? 0 : w->pos[p] + 1;
    w->off[p] = IW_NONE;
}

void fo_iw_cycle(fo_inband_wait *w, uint64_t t, const fo_inputs *in, const fo_outputs *out)
{
    for (uint64_t v = in->in_valid; v; v &= v - 1) {
        unsigned p = (unsigned)__builtin_ctzll(v);
        pins(w, p, t, in->in_data[p], (int)(out->in_ready >> p & 1));
    }
    for (unsigned i = 0; i < out->nev; i++)
        fo_iw_event(w, t, &out->ev[i]);
}
