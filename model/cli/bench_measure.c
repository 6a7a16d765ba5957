/* bench_measure.c -- one workload of `fanout bench` run through the C
 * model: every token's first header in, first copy out and last flit out,
 * the in-band waits, and a check that the run carried exactly what the
 * workload needs (bench_int.h). */
#define _POSIX_C_SOURCE 200809L
#include "bench_int.h"
#include "stats_math.h"
#include <stdlib.h>
#include <string.h>


static void observe(void *ctx, uint64_t t, const fo_inputs *in, const fo_outputs *o)
{
    bmeas *m = ctx;
    const bload *bl = m->bl;
    for (uint64_t w = in->in_valid & o->in_ready; w; w &= w - 1)
        m->in_flits[__builtin_ctzll(w)]++;
    fo_iw_cycle(&m->iw, t, in, o);
    for (unsigned i = 0; i < o->nev; i++) {
        const fo_event *e = &o->ev[i];
        uint32_t tag = e->kind == FO_EV_OUT ? FO_HDR_TAG(e->word) : e->tag;
        if ((e->kind == FO_EV_ACC || e->kind == FO_EV_OUT) && tag >= bl->ntags) {
            m->strays++;                   /* a tag the workload never sent */
            continue;
        }
        switch (e->kind) {
        case FO_EV_ACC:
            if (m->first[bl->tok[tag]] == BL_NONE)
                m->first[bl->tok[tag]] = t;
            break;
        case FO_EV_OUT:
            m->cur[e->port] = bl->tok[tag];
            m->out_flits[e->port] += 1 + FO_HDR_LEN(e->word);
            m->copies++;
            if (m->hdr_out[bl->tok[tag]] == BL_NONE)
                m->hdr_out[bl->tok[tag]] = t;
            break;
        case FO_EV_OUTEND: {
            uint64_t *d = &m->done[m->cur[e->port]];
            if (*d == BL_NONE || *d < t)
                *d = t;
            if (t > m->last_flit)
                m->last_flit = t;
            break;
        }
        case FO_EV_DROP: m->drops++; break;
        default: break;
        }
    }
}

void bench_meas_free(bmeas *m)
{
    free(m->first);
    free(m->hdr_out);
    free(m->done);
    m->first = m->hdr_out = m->done = NULL;
    fo_iw_free(&m->iw);
}

/* What the run carried must be what the workload needs: every copy out
 * once, nothing dropped, every link's load as planned. */
static int verify(const bmeas *m, const char *name, fo_error *err)
{
    const bload *bl = m->bl;
    const char *what = NULL;
    unsigned q = 0;
    if (m->drops) what = "packets dropped";
    else if (m->strays) what = "copies of packets never sent";
    else if (m->copies != bl->copies) what = "copies out differ from copies due";
    for (; !what && q < bl->s->params.nports; q++)
        if (m->out_flits[q] != bl->out_flits[q]) what = "an egress link's flits differ from its load";
        else if (m->in_flits[q] != bl->in_flits[q]) what = "an ingress link's flits differ from its load";
    for (size_t k = 0; !what && k < bl->ntok; k++)
        if (m->done[k] == BL_NONE) what = "a token never fully delivered";
    if (!what && (m->iw.fail || m->iw.unpaired || m->iw.packets != bl->configs ||
                  m->iw.wait.n != bl->configs || m->iw.lat.n != bl->configs))
        what = "in-band commits differ from the config packets sent";
    if (!what)
        return FO_OK;
    snprintf(err->msg, sizeof err->msg, "bench: %s: check failed: %s (copies %llu of %llu, drops %llu)",
             name, what, (unsigned long long)m->copies, (unsigned long long)bl->copies,
             (unsigned long long)m->drops);
    return FO_EMISMATCH;
}

int bench_keep_stim(const bctx *b, const bload *bl, const char *name)
{
    if (!b->out)
        return FO_OK;
    char path[1024];
    fo_error e;
    snprintf(path, sizeof path, "%s/stim/%s.stim.gz", b->out, name);
    int rc = fo_stim_write(bl->s, path, &e);
    if (rc)
        fprintf(stderr, "%s\n", e.msg);
    return rc;
}

void bench_note_setup(bctx *b, const fo_run_result *r)
{
    if (r->setup_n) {
        if (!b->setup_n || r->setup_min < b->setup_min) b->setup_min = r->setup_min;
        if (r->setup_max > b->setup_max) b->setup_max = r->setup_max;
        b->setup_n += r->setup_n;
    }
    if (r->inband_n) {
        if (!b->inband_n || r->inband_min < b->inband_min) b->inband_min = r->inband_min;
        if (r->inband_max > b->inband_max) b->inband_max = r->inband_max;
        b->inband_n += r->inband_n;
    }
}

/* Runs workload bl through the C model, measuring every token. */
int bench_run_model(bctx *b, const bload *bl, const char *name, bmeas *m)
{
    memset(m, 0, sizeof *m);
    m->bl = bl;
    fo_iw_init(&m->iw);
    size_t n = bl->ntok ? bl->ntok : 1;
    m->first = malloc(n * sizeof *m->first);
    m->hdr_out = malloc(n * sizeof *m->hdr_out);
    m->done = malloc(n * sizeof *m->done);
    if (!m->first || !m->hdr_out || !m->done) {
        bench_meas_free(m);
        snprintf(b->err.msg, sizeof b->err.msg, "out of memory");
        return FO_ENOMEM;
    }
    for (size_t k = 0; k < n; k++)
        m->first[k] = m->hdr_out[k] = m->done[k] = BL_NONE;
    bench_progress(name);
    fo_run_opts o;
    fo_run_opts_default(&o);
    o.label = name;
    o.observe = observe;
    o.observe_ctx = m;
    int rc = bench_keep_stim(b, bl, name);
    if (!rc)
        rc = fo_run_model(bl->s, &o, &m->res, &b->err);
    if (!rc)
        rc = verify(m, name, &b->err);
    if (!rc)
        bench_note_setup(b, &m->res);
    else
        bench_meas_free(m);
    return rc;
}

/* ---- Statistics of a run ------------------------------------------------ */

/* Per-token latency from `from` (first header accepted, or release when
 * NULL) to the last flit of its last copy, sorted; n tokens. */
uint64_t *bench_latencies(const bmeas *m, const uint64_t *from)
{
    const bload *bl = m->bl;
    uint64_t *v = malloc((bl->ntok ? bl->ntok : 1) * sizeof *v);
    if (!v)
        return NULL;
    for (size_t k = 0; k < bl->ntok; k++)
        v[k] = m->done[k] + 1 - (from ? from[k] : bl->tk[k].release);
    fo_sort_u64(v, bl->ntok);
    return v;
}

/* Cycles from t0 through the last flit out. */
uint64_t bench_span(const bmeas *m) { return m->last_flit + 1 - m->bl->t0; }

