/* check.c -- the model's own invariants (debug mode, fo_model_set_checks):
 * the bookkeeping that the RTL's simulation assertions also check.
 *
 * Every failure names its invariant ("invariant slot_leak: ..."), so that a
 * test can corrupt the state on purpose and see the right check fire, and a
 * nightly log says at once what broke.  The invariants:
 *   slot_overflow, fifo_overflow, queue_overflow, cfg_pipeline (faults):
 *                     a stage was asked to store into a full structure
 *   refcount_underflow: a copy released a slot it held no copy of
 *   busy_range        busy slots beyond SLOTS, pending bits beyond NPORTS
 *   fifo_range        lookup FIFO occupancy within 0..SLOTS, names busy slots
 *   queue_range       egress queue occupancy within 0..SLOTS, non-empty flags
 *   refcount          each pending bit (p, s, e) is held exactly once by the
 *                     delay line, queue (e, p) or egress e's reader, and
 *                     nothing else is held
 *   slot_leak         a busy slot whose lookup is pending is owned by exactly
 *                     one of the lookup FIFO and pipeline, and has no copies
 *   cell_count        free cells + the cells of busy slots = cells per port;
 *                     a packet's cells written within its cells
 *   stage_range       staged cells within FO_STAGE_CELLS
 *   egress_underrun   (fault) a flit to send is not staged: the fixed delay
 *                     should make that impossible
 *   free_pending      a free slot has no copy pending
 *   stream_range      the packet being sent is within its len
 *   cfg_pipeline      in-flight count = valid entries; ops and groups in range
 *   hold_range        a port's lookup hold is at most SRAM_LAT
 *   copy_count        copies replicated - copies done = pending bits + copies
 *                     whose last cell is read but not yet out
 *   packet_count      headers taken = dropped + config + replicated + in flight
 *   lossless          when idle: every copy left, every packet accounted for
 *   active_mask       each stage's active-port masks (internal.h) name exactly
 *                     the ports with work, the ones its step visits
 */
#include "internal.h"
#include <stdarg.h>
#include <stdio.h>

#define FAIL(name, ...) return fail(m, err, name, __VA_ARGS__)

static int fail(const fo_model *m, fo_error *err, const char *name, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static int fail(const fo_model *m, fo_error *err, const char *name, const char *fmt, ...)
{
    if (err) {
        int n = snprintf(err->msg, sizeof err->msg, "cycle %llu: invariant %s: ",
                         (unsigned long long)m->cycle, name);
        va_list ap;
        va_start(ap, fmt);
        if (n > 0 && (size_t)n < sizeof err->msg)
            vsnprintf(err->msg + n, sizeof err->msg - (size_t)n, fmt, ap);
        va_end(ap);
    }
    return FO_EMISMATCH;
}

void fo_fault(fo_model *m, const char *name, const char *fmt, ...)
{
    if (m->fault[0])
        return;                         /* the first one is the cause */
    int n = snprintf(m->fault, sizeof m->fault, "invariant %s: ", name);
    va_list ap;
    va_start(ap, fmt);
    if (n > 0 && (size_t)n < sizeof m->fault)
        vsnprintf(m->fault + n, sizeof m->fault - (size_t)n, fmt, ap);
    va_end(ap);
}

static unsigned popc(uint64_t x) { return (unsigned)__builtin_popcountll(x); }

/* Ingress p: slots, lookup FIFO, pipeline, hold.  Builds owner counts. */
static int check_ingress(const fo_model *m, unsigned p, fo_error *err)
{
    const fo_ingress *in = &m->in[p];
    unsigned S = m->p.slots;
    uint8_t owners[FO_MAX_SLOTS] = { 0 };
    if (in->busy & ~m->slotmask)
        FAIL("busy_range", "port %u: busy slots 0x%llx beyond SLOTS", p, (unsigned long long)in->busy);
    if (in->fcount > S || in->fhead >= S)
        FAIL("fifo_range", "port %u: lookup FIFO holds %u of %u (head %u)", p, in->fcount, S, in->fhead);
    if (in->hold > m->L)
        FAIL("hold_range", "port %u: hold %u > SRAM_LAT %u", p, in->hold, m->L);
    for (unsigned i = 0; i < in->fcount; i++) {
        unsigned s = in->fifo[(in->fhead + i) % S];
        if (s >= S || !(in->busy >> s & 1))
            FAIL("fifo_range", "port %u: lookup FIFO names free slot %u", p, s);
        owners[s]++;
    }
    for (unsigned i = 0; i < m->L; i++)
        if (in->pipe[i].valid) {
            unsigned s = in->pipe[i].slot;
            if (s >= S || !(in->busy >> s & 1))
                FAIL("fifo_range", "port %u: lookup pipeline names free slot %u", p, s);
            owners[s]++;
        }
    unsigned cells = in->cavail[0] + in->cavail[1] + in->cavail_rel[0] + in->cavail_rel[1];
    for (unsigned s = 0; s < S; s++) {
        if (in->pend[s] & ~m->portmask)
            FAIL("busy_range", "port %u slot %u: pending bits 0x%llx beyond NPORTS", p, s,
                 (unsigned long long)in->pend[s]);
        if (!(in->busy >> s & 1)) {
            if (in->pend[s] || (in->lkp >> s & 1))
                FAIL("free_pending", "port %u slot %u: free but copies 0x%llx pending", p, s,
                     (unsigned long long)in->pend[s]);
            continue;
        }
        cells += in->slots[s].ncells;
        if (owners[s] != (in->lkp >> s & 1) || (owners[s] && in->pend[s]))
            FAIL("slot_leak", "port %u slot %u: %u lookup owners (pending flag %u), copies 0x%llx", p, s,
                 owners[s], (unsigned)(in->lkp >> s & 1), (unsigned long long)in->pend[s]);
        if ((in->pzero >> s & 1) != !in->pend[s])
            FAIL("pend_zero", "port %u slot %u: zero-pending flag %u, copies 0x%llx", p, s,
                 (unsigned)(in->pzero >> s & 1), (unsigned long long)in->pend[s]);
        if (in->slots[s].wcnt > in->slots[s].ncells)
            FAIL("cell_count", "port %u slot %u: %u of %u cells written", p, s, in->slots[s].wcnt,
                 in->slots[s].ncells);
    }
    if (cells != m->cells)
        FAIL("cell_count", "port %u: %u cells free and in use of %u", p, cells, m->cells);
    if (in->state == PRS_DATA && (in->slot >= S || in->left == 0 || in->left > FO_MAX_LEN))
        FAIL("stream_range", "port %u: parser writes slot %u with %u flits left", p, in->slot, in->left);
    return FO_OK;
}

/* Egress e: queue occupancy and what each queue entry and the stream hold.
 * held[p][s] collects, per slot, the egress ports holding a copy. */
static int check_egress(const fo_model *m, unsigned e, uint64_t held[][FO_MAX_SLOTS], fo_error *err)
{
    const fo_egress *eg = &m->out[e];
    unsigned n = m->p.nports, S = m->p.slots;
    uint64_t bit = (uint64_t)1 << e;
    for (unsigned p = 0; p < n; p++) {
        if (eg->qcount[p] > S || eg->qhead[p] >= S)
            FAIL("queue_range", "queue (%u,%u) holds %u of %u (head %u)", e, p, eg->qcount[p], S, eg->qhead[p]);
        if (!!eg->qcount[p] != (int)(eg->nonempty >> p & 1))
            FAIL("queue_range", "queue (%u,%u): non-empty flag wrong", e, p);
        for (unsigned i = 0; i < eg->qcount[p]; i++) {
            unsigned s = eg->q[p * S + (eg->qhead[p] + i) % S];
            if (s >= S || (held[p][s] & bit))
                FAIL("refcount", "queue (%u,%u) holds slot %u twice", e, p, s);
            held[p][s] |= bit;
        }
    }
    if (eg->nonempty & ~m->portmask)
        FAIL("queue_range", "egress %u: non-empty flags 0x%llx beyond NPORTS", e, (unsigned long long)eg->nonempty);
    if (eg->active && (eg->cp >= n || eg->cs >= S || eg->cidx >= eg->clen || eg->clen > FO_MAX_LEN))
        FAIL("stream_range", "egress %u streams (%u,%u) flit %u of %u", e, eg->cp, eg->cs, eg->cidx, eg->clen);
    if (eg->rv) {
        if (eg->rp >= n || eg->rs >= S || eg->rk >= eg->rn)
            FAIL("stream_range", "egress %u reads (%u,%u) cell %u of %u", e, eg->rp, eg->rs, eg->rk, eg->rn);
        if (held[eg->rp][eg->rs] & bit)
            FAIL("refcount", "egress %u reads slot (%u,%u) and queues it too", e, eg->rp, eg->rs);
        held[eg->rp][eg->rs] |= bit;
    }
    for (unsigned b = 0; b < FO_BANKS; b++) {      /* a read asked for: its copy is held */
        const struct fo_ask *a = &eg->ask[b];
        if (a->valid && (!eg->rv || a->p != eg->rp || a->s != eg->rs) &&
            !(b && eg->ask[0].valid && eg->ask[0].p == a->p && eg->ask[0].s == a->s))
            held[a->p][a->s] |= bit;
    }
    if (eg->sc > FO_STAGE_CELLS || eg->sh >= FO_STAGE_CELLS)
        FAIL("stage_range", "egress %u: %u cells staged", e, eg->sc);
    return FO_OK;
}

/* Each pending bit is one copy held by exactly one queue entry or stream. */
static int check_refcounts(const fo_model *m, uint64_t held[][FO_MAX_SLOTS], fo_error *err)
{
    uint64_t pending = 0;
    for (unsigned p = 0; p < m->p.nports; p++)
        for (unsigned s = 0; s < m->p.slots; s++) {
            uint64_t pend = m->in[p].pend[s], h = held[p][s];
            if (h & ~pend)
                FAIL("refcount", "slot (%u,%u): egresses 0x%llx hold a copy not pending (0x%llx)", p, s,
                     (unsigned long long)(h & ~pend), (unsigned long long)pend);
            if (pend & ~h)
                FAIL("refcount", "slot (%u,%u): copies 0x%llx pending but no queue holds them", p, s,
                     (unsigned long long)(pend & ~h));
            pending += popc(pend);
        }
    for (unsigned e = 0; e < m->p.nports; e++) {      /* copies read to the end, not yet out */
        const fo_egress *eg = &m->out[e];
        for (unsigned i = 0; i < eg->sc; i++)
            pending += eg->stg[(eg->sh + i) % FO_STAGE_CELLS].rel;
    }
    if (m->copies_exp - m->copies_done != pending)
        FAIL("copy_count", "%llu copies replicated, %llu done, but %llu pending",
             (unsigned long long)m->copies_exp, (unsigned long long)m->copies_done,
             (unsigned long long)pending);
    return FO_OK;
}

static int check_cfg(const fo_model *m, fo_error *err)
{
    unsigned valid = 0;
    for (unsigned i = 0; i < m->L; i++) {
        uint64_t banks = 0;
        for (unsigned j = 0; j < m->ncfg[i]; j++) {
            const fo_cfgop *c = &m->cfg[i][j];
            uint64_t b = (uint64_t)1 << (c->gid & (m->nbanks - 1));
            valid += c->valid;
            if (!c->valid || c->op > FO_OP_READ || c->gid >= m->p.ngroups ||
                (c->inband && c->port >= m->p.nports))
                FAIL("cfg_pipeline", "op %u group %u port %u out of range", c->op, c->gid, c->port);
            if (banks & b)
                FAIL("cfg_pipeline", "two ops on bank %u entered in one cycle", c->gid & (m->nbanks - 1));
            banks |= b;
        }
        if (banks != m->cfg_banks[i])
            FAIL("cfg_pipeline", "bank flags 0x%llx, ops on banks 0x%llx",
                 (unsigned long long)m->cfg_banks[i], (unsigned long long)banks);
    }
    if (valid != m->cfg_inflight)
        FAIL("cfg_pipeline", "%u ops in flight counted, %u in the pipeline", m->cfg_inflight, valid);
    return FO_OK;
}

/* Every header taken is dropped, consumed as config, replicated, or still
 * on its way to one of those. */
static int check_packets(const fo_model *m, fo_error *err)
{
    uint64_t inflight = 0;
    for (unsigned p = 0; p < m->p.nports; p++) {
        inflight += m->in[p].fcount + (m->in[p].state == PRS_CFG);
        for (unsigned i = 0; i < m->L; i++)
            inflight += m->in[p].pipe[i].valid;
    }
    uint64_t done = m->n_drop + m->n_cfg + m->n_fwd;
    if (m->n_acc != done + inflight)
        FAIL("packet_count", "%llu headers taken, %llu dropped + %llu config + %llu replicated + %llu in flight",
             (unsigned long long)m->n_acc, (unsigned long long)m->n_drop, (unsigned long long)m->n_cfg,
             (unsigned long long)m->n_fwd, (unsigned long long)inflight);
    return FO_OK;
}

/* Idle (nothing held, the definition of the end line): nothing lost. */
static int check_idle(const fo_model *m, fo_error *err)
{
    for (unsigned p = 0; p < m->p.nports; p++)
        if (m->in[p].state != PRS_IDLE || m->in[p].busy || (m->eg_busy >> p & 1))
            return FO_OK;
    if (m->cfg_inflight)
        return FO_OK;
    if (m->copies_done != m->copies_exp || m->n_acc != m->n_drop + m->n_cfg + m->n_fwd)
        FAIL("lossless", "switch empty but %llu of %llu copies left, %llu of %llu packets accounted for",
             (unsigned long long)m->copies_done, (unsigned long long)m->copies_exp,
             (unsigned long long)(m->n_drop + m->n_cfg + m->n_fwd), (unsigned long long)m->n_acc);
    return FO_OK;
}

/* The masks a step iterates instead of every port: a port missing from one
 * would silently stop, an extra one would cost time. */
static int check_masks(const fo_model *m, fo_error *err)
{
    uint64_t prs = 0, data = 0, slot = 0, lkp = 0, egb = 0, ego = 0, hcw = 0;
    uint64_t valid[FO_MAX_LAT] = { 0 };
    for (unsigned p = 0; p < m->p.nports; p++) {
        const fo_ingress *in = &m->in[p];
        const fo_egress *eg = &m->out[p];
        uint64_t bit = (uint64_t)1 << p;
        prs |= in->state != PRS_IDLE ? bit : 0;
        data |= in->state == PRS_DATA || in->state == PRS_DROP ? bit : 0;
        slot |= in->busy ? bit : 0;
        hcw |= in->hcw ? bit : 0;
        if (in->hcw && (!((in->busy >> (in->hcw - 1)) & 1) || in->slots[in->hcw - 1].wcnt))
            FAIL("cell_count", "port %u slot %u: a header's cell write is due, the slot is not a fresh 1-flit packet",
                 p, in->hcw - 1u);
        lkp |= in->fcount || in->hold ? bit : 0;
        for (unsigned k = 0; k < m->L; k++)
            valid[k] |= in->pipe[k].valid ? bit : 0;
        egb |= eg->ov || eg->active || eg->nonempty || eg->rv || eg->sc ? bit : 0;
        ego |= eg->ov ? bit : 0;
        if (in->freed)
            FAIL("active_mask", "port %u: slots 0x%llx still freed in this cycle", p, (unsigned long long)in->freed);
    }
    const struct { const char *name; uint64_t kept, want; } masks[] = {
        { "prs_busy", m->prs_busy, prs }, { "prs_data", m->prs_data, data },
        { "slot_busy", m->slot_busy, slot }, { "lkp_busy", m->lkp_busy, lkp },
        { "eg_busy", m->eg_busy, egb }, { "eg_out", m->eg_out, ego },
        { "hcw_busy", m->hcw_busy, hcw },
    };
    for (unsigned i = 0; i < sizeof masks / sizeof *masks; i++)
        if (masks[i].kept != masks[i].want)
            FAIL("active_mask", "%s 0x%llx, the state says 0x%llx", masks[i].name,
                 (unsigned long long)masks[i].kept, (unsigned long long)masks[i].want);
    for (unsigned k = 0; k < m->L; k++)
        if (m->lkp_valid[k] != valid[k])
            FAIL("active_mask", "lkp_valid[%u] 0x%llx, the pipeline says 0x%llx", k,
                 (unsigned long long)m->lkp_valid[k], (unsigned long long)valid[k]);
    return FO_OK;
}

int fo_model_check(const fo_model *m, fo_error *err)
{
    uint64_t held[FO_MAX_PORTS][FO_MAX_SLOTS];   /* per slot: egresses holding a copy */
    if (m->fault[0]) {
        if (err)
            snprintf(err->msg, sizeof err->msg, "cycle %llu: %s", (unsigned long long)m->cycle, m->fault);
        return FO_EMISMATCH;
    }
    for (unsigned p = 0; p < m->p.nports; p++) {
        int rc = check_ingress(m, p, err);
        if (rc)
            return rc;
    }
    for (unsigned p = 0; p < m->p.nports; p++)
        for (unsigned s = 0; s < m->p.slots; s++)
            held[p][s] = 0;
    for (unsigned i = 0; i < m->D; i++)            /* copies in the delay line */
        for (unsigned j = 0; j < m->dpn[i]; j++)
            held[m->dp[i][j].p][m->dp[i][j].s] |= m->dp[i][j].members;
    for (unsigned e = 0; e < m->p.nports; e++) {
        int rc = check_egress(m, e, held, err);
        if (rc)
            return rc;
    }
    /* the lossless check first: when idle, it says best what went wrong */
    int rc = check_cfg(m, err);
    if (!rc)
        rc = check_idle(m, err);
    if (!rc)
        rc = check_refcounts(m, held, err);
    if (!rc)
        rc = check_packets(m, err);
    if (!rc)
        rc = check_masks(m, err);
    return rc;
}
