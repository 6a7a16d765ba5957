/* switch.c -- the top of the model: creation, and one cycle as the stages
 * run it.  The stages are called downstream first, so that each one reads
 * the state its upstream neighbour had at the start of the cycle; the one
 * value read against the flow, the free slots, is kept as it was at the
 * start of the cycle by the replicator (fo_slots_free_start).  Each stage
 * visits only its active ports (the masks in internal.h), so a cycle in
 * which little happens costs little. */
#include "internal.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int fo_model_create(const fo_params *p, fo_model **out, fo_error *err)
{
    *out = NULL;
    if (fo_params_check(p, err))
        return FO_EINPUT;
    fo_model *m = calloc(1, sizeof *m);
    if (!m)
        return FO_ENOMEM;
    m->p = *p;
    m->L = p->sram_latency;
    m->nbanks = fo_cfg_banks(p);
    for (unsigned i = 0; i < p->nports; i++)
        m->engine_ports[fo_lookup_engine(p, i)] |= (uint64_t)1 << i;
    m->portmask = p->nports == 64 ? ~(uint64_t)0 : (((uint64_t)1 << p->nports) - 1);
    m->slotmask = p->slots == 64 ? ~(uint64_t)0 : (((uint64_t)1 << p->slots) - 1);
    m->table = calloc(p->ngroups, sizeof *m->table);     /* at reset every group is empty */
    m->D = fo_queue_delay(p);
    m->cells = fo_buf_cells(p);
    int ok = m->table != NULL;
    for (unsigned i = 0; ok && i < p->nports; i++) {
        m->in[i].slots = calloc(p->slots, sizeof(fo_slot));
        m->out[i].q = calloc((size_t)p->nports * p->slots, 1);
        ok = m->in[i].slots && m->out[i].q;
    }
    fo_payload_init(m);
    for (unsigned g = 0; g < FO_MAX_LOOKUPS; g++)
        m->lookup_rr[g] = p->nports - 1;
    for (unsigned b = 0; b < FO_MAX_BANKS; b++)
        m->inband_rr[b] = p->nports - 1;
    for (unsigned i = 0; i < p->nports; i++) {
        m->out[i].rr = p->nports - 1;
        for (unsigned b = 0; b < FO_BANKS; b++)
            m->in[i].cavail[b] = m->cells / FO_BANKS;
        for (unsigned r = 0; r < FO_MAX_PORTS / FO_COPY_EGRESS; r++)
            for (unsigned b = 0; b < FO_BANKS; b++)
                m->in[i].rd_rr[r][b] = p->nports - 1;
    }
    if (!ok) {
        fo_model_destroy(m);
        return FO_ENOMEM;
    }
    *out = m;
    return FO_OK;
}

void fo_model_destroy(fo_model *m)
{
    if (!m)
        return;
    for (unsigned i = 0; i < FO_MAX_PORTS; i++) {
        free(m->in[i].slots);
        free(m->out[i].q);
    }
    free(m->table);
    free(m);
}

uint64_t fo_model_cycle(const fo_model *m) { return m->cycle; }
uint64_t fo_model_group(const fo_model *m, unsigned gid) { return gid < m->p.ngroups ? m->table[gid] : 0; }
void fo_model_set_checks(fo_model *m, int on) { m->checks = on; }
void fo_model_set_coverage(fo_model *m, int on) { m->coverage = on; }

/* Nothing is held: no parser mid-packet, no slot in use, no output, no
 * config op in flight. */
static int is_idle(const fo_model *m)
{
    return !m->cfg_inflight && !(m->prs_busy | m->slot_busy | m->eg_busy);
}

int fo_model_step(fo_model *m, const fo_inputs *in, fo_outputs *out)
{
    fo_fcov_cycle fc;
    out->in_ready = out->out_valid = out->out_sop = 0;
    out->nev = 0;
    out->cov = 0;
    out->idle = is_idle(m);
    /* A stage with no active port has nothing to do: not even a call.  The
     * delay line's deliveries come first: they are the egress queues' state
     * of this cycle (in the RTL, written at the end of the last one), which
     * the coverage points sample (full_egress, full_egress_queue). */
    if (m->dpn[m->cycle % m->D])
        fo_queue_deliver(m);
    if (m->coverage)
        fo_fcov_start(m, out, &fc);
    if (m->slot_busy)
        fo_slot_release_step(m);
    if (m->eg_busy)
        fo_egress_step(m, in, out);
    if (m->lkp_valid[m->idx])
        fo_replicator_step(m, out);
    if (m->lkp_busy | m->lkp_valid[m->idx])
        fo_lookup_step(m);
    if (m->ncfg[m->idx])
        fo_cfg_commit_step(m, out);
    if (m->hcw_busy)
        fo_buf_write_step(m);
    if ((in->in_valid & m->portmask) | in->cmd_valid)
        fo_parser_step(m, in, out);
    if (m->coverage)
        fo_fcov_end(m, out, &fc);
    if (out->nev > 1)
        fo_events_sort(out->ev, out->nev);
    if (m->slot_freed)
        fo_slot_cycle_end(m);
    m->cycle++;
    if (++m->idx == m->L)
        m->idx = 0;
    if (m->checks || m->fault[0])   /* a fault fails the step even without checks */
        return fo_model_check(m, &m->err);
    return FO_OK;
}

static int step_cb(void *obj, const fo_inputs *in, fo_outputs *out)
{
    return fo_model_step((fo_model *)obj, in, out);
}

static void destroy_cb(void *obj) { fo_model_destroy((fo_model *)obj); }
static const char *error_cb(void *obj) { return ((fo_model *)obj)->err.msg; }

void fo_model_stepper(fo_model *m, fo_stepper *s)
{
    s->obj = m;
    s->step = step_cb;
    s->destroy = destroy_cb;
    s->error = error_cb;
    s->name = "model";
}
