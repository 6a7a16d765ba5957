/* driver.c -- the stimulus as pins: each port offers its packets in file
 * order, a packet as a burst of flits from its offer cycle on (or later, if
 * the port is busy or back-pressured); commands are offered in file order;
 * stalls hold an egress receiver's ready low. */
#include "fanout_io.h"
#include <stdlib.h>
#include <string.h>

typedef struct port_drv {
    size_t  *idx;       /* this port's packets, in file order */
    size_t   n, next;   /* count, the packet being offered */
    unsigned flit;      /* 0: header, i: payload flit i-1 */
    uint64_t rng;       /* splitmix state of the packet being offered */
    uint64_t stall_until;
    uint64_t cur;       /* the flit offered */
    uint64_t at;        /* the offer cycle of the packet being offered */
} port_drv;

struct fo_driver {
    const fo_stim *s;
    unsigned nports;
    port_drv port[FO_MAX_PORTS];
    size_t   cmd, stall;
    uint64_t t;
    uint64_t stalled;
    uint64_t stalls_end;  /* no port is stalled from this cycle on */
    uint64_t pending;   /* ports with packets left */
};

static void load_flit(const fo_stim *s, port_drv *pd);

int fo_driver_create(const fo_stim *s, fo_driver **out)
{
    fo_driver *d = calloc(1, sizeof *d);
    if (!d)
        return FO_ENOMEM;
    d->s = s;
    d->nports = s->params.nports;
    size_t count[FO_MAX_PORTS] = { 0 };
    for (size_t i = 0; i < s->npkts; i++)
        count[s->pkts[i].port]++;
    for (unsigned p = 0; p < d->nports; p++) {
        d->port[p].idx = malloc((count[p] ? count[p] : 1) * sizeof(size_t));
        if (!d->port[p].idx) {
            fo_driver_destroy(d);
            return FO_ENOMEM;
        }
        if (count[p])
            d->pending |= (uint64_t)1 << p;
    }
    for (size_t i = 0; i < s->npkts; i++) {
        port_drv *pd = &d->port[s->pkts[i].port];
        pd->idx[pd->n++] = i;
    }
    for (unsigned p = 0; p < d->nports; p++)
        if (d->port[p].n)
            load_flit(s, &d->port[p]);
    *out = d;
    return FO_OK;
}

void fo_driver_destroy(fo_driver *d)
{
    if (!d)
        return;
    for (unsigned p = 0; p < FO_MAX_PORTS; p++)
        free(d->port[p].idx);
    free(d);
}

/* The flit at the port's position, drawn once: it stays offered until taken. */
static void load_flit(const fo_stim *s, port_drv *pd)
{
    const fo_stim_pkt *pk = &s->pkts[pd->idx[pd->next]];
    if (pd->flit == 0) {
        pd->rng = pk->seed;
        pd->cur = pk->hdr;
        pd->at = pk->cycle;
    } else if (pk->flits) {
        pd->cur = pk->flits[pd->flit - 1];
    } else {
        pd->cur = fo_splitmix64(&pd->rng);
    }
}

void fo_driver_inputs(fo_driver *d, uint64_t t, fo_inputs *in)
{
    const fo_stim *s = d->s;
    d->t = t;
    in->in_valid = 0;
    for (uint64_t w = d->pending; w; w &= w - 1) {
        unsigned p = (unsigned)__builtin_ctzll(w);
        port_drv *pd = &d->port[p];
        if (pd->at > t)
            continue;
        in->in_valid |= (uint64_t)1 << p;
        in->in_data[p] = pd->cur;
    }
    in->cmd_valid = 0;
    if (d->cmd < s->ncmds && s->cmds[d->cmd].cycle <= t) {
        const fo_stim_cmd *c = &s->cmds[d->cmd];
        in->cmd_valid = 1;
        in->cmd_op = c->op;
        in->cmd_gid = c->gid;
        in->cmd_data = c->arg;
    }
    for (; d->stall < s->nstalls && s->stalls[d->stall].cycle <= t; d->stall++) {
        const fo_stim_stall *st = &s->stalls[d->stall];
        uint64_t until = st->cycle + st->cycles;
        if (until > d->port[st->port].stall_until)
            d->port[st->port].stall_until = until;
        if (until > d->stalls_end)
            d->stalls_end = until;
    }
    /* Most cycles of most runs have no stall: look at the ports only when one may be on. */
    d->stalled = 0;
    for (unsigned p = 0; t < d->stalls_end && p < d->nports; p++)
        if (d->port[p].stall_until > t)
            d->stalled |= (uint64_t)1 << p;
    in->out_ready = ~d->stalled & (d->nports == 64 ? ~(uint64_t)0 : (((uint64_t)1 << d->nports) - 1));
}

void fo_driver_taken(fo_driver *d, const fo_inputs *in, uint64_t in_ready)
{
    const fo_stim *s = d->s;
    for (uint64_t w = in->in_valid & in_ready; w; w &= w - 1) {
        unsigned p = (unsigned)__builtin_ctzll(w);
        port_drv *pd = &d->port[p];
        unsigned len = FO_HDR_LEN(s->pkts[pd->idx[pd->next]].hdr);
        if (pd->flit < len) {
            pd->flit++;
        } else {
            pd->flit = 0;
            if (++pd->next == pd->n) {
                d->pending &= ~((uint64_t)1 << p);
                continue;
            }
        }
        load_flit(s, pd);
    }
    if (in->cmd_valid)
        d->cmd++;
}

int fo_driver_done(const fo_driver *d)
{
    return d->pending == 0 && d->cmd == d->s->ncmds;
}

uint64_t fo_driver_stalled(const fo_driver *d) { return d->stalled; }
