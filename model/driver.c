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
    unsigned len;       /* payload flits of the packet being offered */
    const uint64_t *flits; /* its payload, when the stimulus lists it */
    uint64_t rng;       /* splitmix state of the packet being offered */
    uint64_t stall_until;
    uint64_t cur;       /* the flit offered */
    uint64_t at;        /* the offer cycle of the packet being offered */
} port_drv;

/* Each cycle costs only what changes in it: the ports offering a flit are
 * a mask (offer), the ports whose next packet is not due yet wait in another
 * (waiting) until the earliest offer cycle among them (next_at), and the
 * stalled ports are looked at again only when a stall starts or the earliest
 * one ends (next_unstall). */
struct fo_driver {
    const fo_stim *s;
    unsigned nports;
    port_drv port[FO_MAX_PORTS];
    size_t   cmd, stall;
    uint64_t t;
    uint64_t stalled;   /* ports stalled at cycle t */
    uint64_t next_unstall; /* the first cycle a stalled port is free again */
    uint64_t pending;   /* ports with packets left */
    uint64_t offer;     /* pending ports whose packet's offer cycle has come */
    uint64_t waiting;   /* pending ports whose packet's offer cycle is after t */
    uint64_t next_at;   /* the earliest offer cycle of the waiting ports */
    uint64_t allports;  /* bits 0..nports-1 */
    uint64_t stall_at;  /* the cycle of the next stall in the file, or UINT64_MAX */
    uint64_t cmd_at;    /* the cycle of the next command, or UINT64_MAX */
};

static uint64_t stall_cycle(const fo_driver *d)
{
    return d->stall < d->s->nstalls ? d->s->stalls[d->stall].cycle : UINT64_MAX;
}

static uint64_t cmd_cycle(const fo_driver *d)
{
    return d->cmd < d->s->ncmds ? d->s->cmds[d->cmd].cycle : UINT64_MAX;
}

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
    d->next_at = d->next_unstall = UINT64_MAX;
    d->stall_at = stall_cycle(d);
    d->cmd_at = cmd_cycle(d);
    d->allports = d->nports == 64 ? ~(uint64_t)0 : (((uint64_t)1 << d->nports) - 1);
    for (unsigned p = 0; p < d->nports; p++)
        if (d->port[p].n) {
            load_flit(s, &d->port[p]);
            d->waiting |= (uint64_t)1 << p;
            if (d->port[p].at < d->next_at)
                d->next_at = d->port[p].at;
        }
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

/* fo_splitmix64 (SPEC 6), here where it runs once per payload flit, so that
 * the compiler inlines it; the trace of every vector checks it is the same. */
static inline uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* The flit at the port's position, drawn once: it stays offered until taken. */
static void load_flit(const fo_stim *s, port_drv *pd)
{
    if (pd->flit == 0) {
        const fo_stim_pkt *pk = &s->pkts[pd->idx[pd->next]];
        pd->rng = pk->seed;
        pd->cur = pk->hdr;
        pd->at = pk->cycle;
        pd->len = FO_HDR_LEN(pk->hdr);
        pd->flits = pk->flits;
    } else if (pd->flits) {
        pd->cur = pd->flits[pd->flit - 1];
    } else {
        pd->cur = splitmix64(&pd->rng);
    }
}

/* The waiting ports whose offer cycle has come join the offering ones. */
static void wake(fo_driver *d, uint64_t t)
{
    uint64_t next = UINT64_MAX;
    for (uint64_t w = d->waiting; w; w &= w - 1) {
        unsigned p = (unsigned)__builtin_ctzll(w);
        uint64_t at = d->port[p].at;
        if (at <= t) {
            d->waiting &= ~((uint64_t)1 << p);
            d->offer |= (uint64_t)1 << p;
        } else if (at < next) {
            next = at;
        }
    }
    d->next_at = next;
}

/* The stalls that start by cycle t, and the ones that end by it. */
static void stalls(fo_driver *d, uint64_t t)
{
    const fo_stim *s = d->s;
    uint64_t started = 0;
    for (; t >= d->stall_at; d->stall_at = stall_cycle(d)) {
        const fo_stim_stall *st = &s->stalls[d->stall];
        uint64_t until = st->cycle + st->cycles;
        if (until > d->port[st->port].stall_until)
            d->port[st->port].stall_until = until;
        started |= (uint64_t)1 << st->port;
        d->stall++;
    }
    if (!started && t < d->next_unstall)
        return;
    uint64_t next = UINT64_MAX;
    for (uint64_t w = (d->stalled | started) & d->allports; w; w &= w - 1) {
        unsigned p = (unsigned)__builtin_ctzll(w);
        uint64_t until = d->port[p].stall_until;
        if (until > t) {
            d->stalled |= (uint64_t)1 << p;
            if (until < next)
                next = until;
        } else {
            d->stalled &= ~((uint64_t)1 << p);
        }
    }
    d->next_unstall = next;
}

void fo_driver_inputs(fo_driver *d, uint64_t t, fo_inputs *in)
{
    const fo_stim *s = d->s;
    d->t = t;
    if (t >= d->next_at)
        wake(d, t);
    in->in_valid = d->offer;
    for (uint64_t w = d->offer; w; w &= w - 1) {
        unsigned p = (unsigned)__builtin_ctzll(w);
        in->in_data[p] = d->port[p].cur;
    }
    in->cmd_valid = 0;
    if (t >= d->cmd_at) {
        const fo_stim_cmd *c = &s->cmds[d->cmd];
        in->cmd_valid = 1;
        in->cmd_op = c->op;
        in->cmd_gid = c->gid;
        in->cmd_data = c->arg;
    }
    stalls(d, t);
    in->out_ready = ~d->stalled & d->allports;
}

void fo_driver_taken(fo_driver *d, const fo_inputs *in, uint64_t in_ready)
{
    const fo_stim *s = d->s;
    for (uint64_t w = in->in_valid & in_ready; w; w &= w - 1) {
        unsigned p = (unsigned)__builtin_ctzll(w);
        uint64_t bit = (uint64_t)1 << p;
        port_drv *pd = &d->port[p];
        if (pd->flit < pd->len) {       /* the next payload flit */
            pd->flit++;
            pd->cur = pd->flits ? pd->flits[pd->flit - 1] : splitmix64(&pd->rng);
            continue;
        }
        pd->flit = 0;
        d->offer &= ~bit;
        if (++pd->next == pd->n) {
            d->pending &= ~bit;
            continue;
        }
        load_flit(s, pd);
        if (pd->at <= d->t) {           /* due already: offered from the next cycle */
            d->offer |= bit;
        } else {
            d->waiting |= bit;
            if (pd->at < d->next_at)
                d->next_at = pd->at;
        }
    }
    if (in->cmd_valid) {
        d->cmd++;
        d->cmd_at = cmd_cycle(d);
    }
}

int fo_driver_done(const fo_driver *d)
{
    return d->pending == 0 && d->cmd == d->s->ncmds;
}

uint64_t fo_driver_stalled(const fo_driver *d) { return d->stalled; }
