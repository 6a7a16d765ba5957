/* bench_load.c -- the workloads of `fanout bench`, built in memory (bench.h).
 *
 * Every workload is a pure function of its parameters and seed (a local
 * splitmix64, integer arithmetic but for the offered-load gaps, which are
 * rounded to whole cycles), so every figure is reproducible and the same
 * stimulus can be written out (`fanout bench --out DIR`) and rerun through
 * the RTL or a co-simulation. */
#include "bench.h"
#include <stdlib.h>
#include <string.h>

static uint64_t rnd64(bload *bl) { return fo_splitmix64(&bl->rng); }
static unsigned rnd(uint64_t *st, unsigned n) { return n ? (unsigned)(fo_splitmix64(st) % n) : 0u; }
static uint64_t max64(uint64_t a, uint64_t b) { return a > b ? a : b; }

static int room(bload *bl, void **arr, size_t *cap, size_t n, size_t elem)
{
    if (fo_grow(arr, cap, n + 1, elem)) {
        bl->fail = FO_ENOMEM;
        return -1;
    }
    return 0;
}

int bl_init(bload *bl, const fo_params *p, uint64_t seed)
{
    memset(bl, 0, sizeof *bl);
    bl->rng = seed;
    bl->s = calloc(1, sizeof *bl->s);
    if (!bl->s)
        return FO_ENOMEM;
    bl->s->params = *p;
    return FO_OK;
}

void bl_free(bload *bl)
{
    fo_stim_free(bl->s);
    free(bl->tok);
    free(bl->tk);
    memset(bl, 0, sizeof *bl);
}

static uint32_t token(bload *bl, uint64_t release, unsigned cls)
{
    if (bl->fail || room(bl, (void **)&bl->tk, &bl->cap_tok, bl->ntok, sizeof *bl->tk))
        return 0;
    bl->tk[bl->ntok] = (btoken){ release, cls };
    return (uint32_t)bl->ntok++;
}

/* A packet from port p offered at cycle c: its tag and token, the link
 * loads it brings (one copy per member of `members`). */
static fo_stim_pkt *packet(bload *bl, unsigned p, uint64_t c, unsigned kind, unsigned op,
                           unsigned dst, unsigned len, uint64_t members, uint32_t tok)
{
    fo_stim *s = bl->s;
    if (bl->fail || room(bl, (void **)&s->pkts, &bl->cap_pkt, s->npkts, sizeof *s->pkts) ||
        room(bl, (void **)&bl->tok, &bl->cap_tag, bl->ntags, sizeof *bl->tok))
        return NULL;
    fo_stim_pkt *k = &s->pkts[s->npkts++];
    memset(k, 0, sizeof *k);
    k->cycle = c;
    k->port = (uint8_t)p;
    k->hdr = fo_hdr_make(kind, 0, 0, op, 0, dst, len, (unsigned)bl->ntags);
    k->seed = rnd64(bl);
    bl->tok[bl->ntags++] = tok;
    bl->in_flits[p] += 1 + len;
    for (uint64_t m = members; m; m &= m - 1) {
        bl->out_flits[__builtin_ctzll(m)] += 1 + len;
        bl->copies++;
    }
    bl->offer_end = max64(bl->offer_end, c + 1 + len);
    s->last_cycle = max64(s->last_cycle, c);
    return k;
}

static void data(bload *bl, unsigned p, uint64_t c, int mc, unsigned dst, unsigned len,
                 uint64_t members, uint32_t tok)
{
    packet(bl, p, c, mc ? FO_KIND_MULTICAST : FO_KIND_UNICAST, 0, dst, len,
           mc ? members : 1ULL << dst, tok);
}

/* An in-band `write gid := bitmap` on port p (len 1, the flit given). */
static void cfg_write(bload *bl, unsigned p, uint64_t c, unsigned gid, uint64_t bitmap, uint32_t tok)
{
    fo_stim_pkt *k = packet(bl, p, c, FO_KIND_CONFIG, FO_OP_WRITE, gid, 1, 0, tok);
    if (k && !(k->flits = malloc(sizeof *k->flits)))
        bl->fail = FO_ENOMEM;
    else if (k)
        k->flits[0] = bitmap;
    bl->configs += k != NULL;
}

static void csr_write(bload *bl, uint64_t c, unsigned gid, uint64_t bitmap)
{
    fo_stim *s = bl->s;
    if (bl->fail || room(bl, (void **)&s->cmds, &bl->cap_cmd, s->ncmds, sizeof *s->cmds))
        return;
    fo_stim_cmd *k = &s->cmds[s->ncmds++];
    k->cycle = c;
    k->op = FO_OP_WRITE;
    k->gid = gid;
    k->arg = bitmap;
    s->last_cycle = max64(s->last_cycle, c);
}

/* k distinct ports of [lo, hi) as a bitmap. */
static uint64_t pick_k(uint64_t *st, unsigned lo, unsigned hi, unsigned k)
{
    unsigned a[FO_MAX_PORTS], n = hi - lo;
    uint64_t m = 0;
    for (unsigned i = 0; i < n; i++)
        a[i] = lo + i;
    for (unsigned i = 0; i < k && i < n; i++) {
        unsigned j = i + rnd(st, n - i), t = a[i];
        a[i] = a[j];
        a[j] = t;
        m |= 1ULL << a[i];
    }
    return m;
}

/* Groups 0..n-1 written through the command port, one a cycle from cycle 0,
 * each with 4 random members; the data that uses them starts after the last
 * commit (t0). */
static void mc4_groups(bload *bl, unsigned n, uint64_t *bm)
{
    const fo_params *p = &bl->s->params;
    for (unsigned g = 0; g < n; g++) {
        bm[g] = pick_k(&bl->rng, 0, p->nports, 4);
        csr_write(bl, g, g, bm[g]);
    }
    bl->t0 = n + fo_setup_latency(p);
}

int bl_zero_load(bload *bl, unsigned probes)
{
    const fo_params *p = &bl->s->params;
    uint64_t m = pick_k(&bl->rng, 0, p->nports, 4);
    csr_write(bl, 0, 1, m);
    uint64_t c = 16;
    for (unsigned i = 0; i < probes; i++)
        for (unsigned cls = 0; cls < 4; cls++) {
            unsigned mc = cls >> 1, len = (cls & 1) ? FO_MAX_LEN : 0;
            unsigned port = rnd(&bl->rng, p->nports), dst = rnd(&bl->rng, p->nports);
            /* far enough apart that no probe meets another in the switch */
            data(bl, port, c, (int)mc, mc ? 1 : dst, len, m, token(bl, c, cls));
            c += 2 * (FO_MAX_LEN + 1) + 64;
        }
    bl->t0 = 16;
    return bl->fail;
}

int bl_saturate(bload *bl, int pattern, unsigned per_port)
{
    const fo_params *p = &bl->s->params;
    unsigned n = p->nports;
    uint64_t bm[256];
    if (pattern == BP_MC4)
        mc4_groups(bl, 256, bm);
    if (pattern == BP_ALLGATHER) {
        /* group p = every port but p */
        for (unsigned g = 0; g < n; g++) {
            bm[g] = (n == 64 ? ~0ULL : (1ULL << n) - 1) & ~(1ULL << g);
            csr_write(bl, g, g, bm[g]);
        }
        bl->t0 = n + fo_setup_latency(p);
    }
    for (unsigned i = 0; i < per_port; i++)
        for (unsigned s = 0; s < n; s++) {
            unsigned len = pattern == BP_ALLGATHER ? FO_MAX_LEN : rnd(&bl->rng, FO_MAX_LEN + 1);
            uint32_t tk = token(bl, bl->t0, (unsigned)pattern);
            if (pattern == BP_UNICAST)
                data(bl, s, bl->t0, 0, rnd(&bl->rng, n), len, 0, tk);
            else if (pattern == BP_MC4) {
                unsigned g = rnd(&bl->rng, 256);
                data(bl, s, bl->t0, 1, g, len, bm[g], tk);
            } else
                data(bl, s, bl->t0, 1, s, len, bm[s], tk);
        }
    return bl->fail;
}

int bl_offered(bload *bl, int mc, double load, unsigned per_port)
{
    const fo_params *p = &bl->s->params;
    const unsigned flits = 1 + BD_TOKEN_LEN;
    uint64_t bm[256];
    if (mc)
        mc4_groups(bl, 256, bm);
    /* ingress rate r: each packet brings 4 copies (multicast) or 1 */
    double r = mc ? load / 4.0 : load;
    double mean = (double)flits / r;                    /* mean gap between offers */
    unsigned spread = (unsigned)(2.0 * (mean - flits) + 0.5); /* gap: flits + U[0, spread] */
    for (unsigned s = 0; s < p->nports; s++) {
        uint64_t c = bl->t0 + rnd(&bl->rng, (unsigned)mean);
        for (unsigned i = 0; i < per_port; i++) {
            uint32_t tk = token(bl, c, (unsigned)mc);
            if (mc) {
                unsigned g = rnd(&bl->rng, 256);
                data(bl, s, c, 1, g, BD_TOKEN_LEN, bm[g], tk);
            } else
                data(bl, s, c, 0, rnd(&bl->rng, p->nports), BD_TOKEN_LEN, 0, tk);
            c += flits + rnd(&bl->rng, spread + 1);
        }
    }
    return bl->fail;
}

/* The expert ports a token goes to: BD_TOPK distinct experts, from the
 * experts of at most `limit` ports when limited (DeepSeek-V3's device- and
 * node-limited routing: pick the ports first, then the experts on them). */
static uint64_t route(uint64_t *st, unsigned lo, unsigned hi, unsigned limit)
{
    unsigned ports[FO_MAX_PORTS], np = 0;
    uint64_t allowed = limit ? pick_k(st, lo, hi, limit) : pick_k(st, lo, hi, hi - lo);
    for (unsigned q = lo; q < hi; q++)
        if (allowed >> q & 1)
            ports[np++] = q;
    unsigned nexp = np * BD_EXPERTS_PER_PORT, e[FO_MAX_PORTS * BD_EXPERTS_PER_PORT];
    uint64_t m = 0;
    for (unsigned i = 0; i < nexp; i++)
        e[i] = i;
    for (unsigned i = 0; i < BD_TOPK && i < nexp; i++) {
        unsigned j = i + rnd(st, nexp - i), t = e[i];
        e[i] = e[j];
        e[j] = t;
        m |= 1ULL << ports[e[i] / BD_EXPERTS_PER_PORT];
    }
    return m;
}

int bl_dispatch(bload *bl, const bdispatch *d)
{
    const fo_params *p = &bl->s->params;
    unsigned ns = p->nports / 4, per = p->ngroups / ns;
    uint64_t st = d->seed;               /* routing: the same tokens for both modes */
    for (unsigned t = 0; t < d->tokens; t++)
        for (unsigned s = 0; s < ns; s++) {
            uint64_t m = route(&st, ns, p->nports, d->limit);
            uint64_t c = d->period ? (uint64_t)t * d->period + (uint64_t)s * d->period / ns : 0;
            uint32_t tk = token(bl, c, 0);
            if (d->multicast) {
                unsigned gid = s * per + t % per;
                cfg_write(bl, s, c, gid, m, tk);
                data(bl, s, c, 1, gid, BD_TOKEN_LEN, m, tk);
            } else {
                for (uint64_t w = m; w; w &= w - 1)
                    data(bl, s, c, 0, (unsigned)__builtin_ctzll(w), BD_TOKEN_LEN, 0, tk);
            }
        }
    return bl->fail;
}

/* n groups written through the command port, one a cycle from cycle 0,
 * gid g := bm[g]; the data that uses them starts after the last commit. */
static void write_groups(bload *bl, unsigned n, const uint64_t *bm)
{
    for (unsigned g = 0; g < n; g++)
        csr_write(bl, g, g, bm[g]);
    bl->t0 = n + fo_setup_latency(&bl->s->params);
}

int bl_shape(bload *bl, int overlapping, unsigned fanout, unsigned len, unsigned per_port)
{
    const fo_params *p = &bl->s->params;
    unsigned n = p->nports, k = fanout < 1 ? 1 : fanout > n ? n : fanout;
    unsigned ngr = overlapping ? 256 : n / k;
    uint64_t bm[256];
    for (unsigned g = 0; g < ngr; g++)
        bm[g] = overlapping ? pick_k(&bl->rng, 0, n, k)
                            : (k == 64 ? ~0ULL : ((1ULL << k) - 1) << (g * k));
    write_groups(bl, ngr, bm);
    for (unsigned i = 0; i < per_port; i++)
        for (unsigned s = 0; s < n; s++) {
            unsigned g = overlapping ? rnd(&bl->rng, ngr) : (s + i) % ngr;
            data(bl, s, bl->t0, 1, g, len, bm[g], token(bl, bl->t0, 0));
        }
    return bl->fail;
}

unsigned bench_own_gid(unsigned port, unsigned k, unsigned nports, unsigned ngroups)
{
    unsigned banks = 1;
    while (banks < nports)
        banks <<= 1;
    return (k % (ngroups / banks)) * banks + port;
}

int bl_token_setup(bload *bl, int own_bank, unsigned per_port)
{
    const fo_params *p = &bl->s->params;
    unsigned n = p->nports, *perm = NULL;
    if (!own_bank) {
        /* arbitrary ids: a random permutation of the table, each id once */
        if ((size_t)per_port * n > p->ngroups || !(perm = malloc(p->ngroups * sizeof *perm)))
            return bl->fail = FO_ENOMEM;
        for (unsigned g = 0; g < p->ngroups; g++)
            perm[g] = g;
        for (unsigned g = 0; g + 1 < p->ngroups; g++) {
            unsigned j = g + rnd(&bl->rng, p->ngroups - g), t = perm[g];
            perm[g] = perm[j];
            perm[j] = t;
        }
    }
    for (unsigned i = 0; i < per_port; i++)
        for (unsigned s = 0; s < n; s++) {
            unsigned gid = own_bank ? bench_own_gid(s, i, n, p->ngroups) : perm[i * n + s];
            uint64_t m = pick_k(&bl->rng, 0, n, 2);
            uint32_t tk = token(bl, 0, (unsigned)own_bank);
            cfg_write(bl, s, 0, gid, m, tk);
            data(bl, s, 0, 1, gid, BT_TOKEN_LEN, m, tk);
        }
    free(perm);
    return bl->fail;
}

uint64_t bl_bound(const bload *bl)
{
    uint64_t b = bl->offer_end > bl->t0 ? bl->offer_end - bl->t0 : 0;
    for (unsigned q = 0; q < bl->s->params.nports; q++)
        b = max64(b, max64(bl->in_flits[q], bl->out_flits[q]));
    return b;
}
