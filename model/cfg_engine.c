/* cfg_engine.c -- the config engine beside the group SRAM: one op a cycle
 * (the command port first, else one granted in-band op) enters a pipeline of
 * SRAM_LAT stages and commits at its end.
 *
 * The RTL reads the word when the op enters and corrects it by forwarding
 * from its own writes still in flight; the model reads the table when the op
 * commits, which is the same word: every earlier op has committed by then and
 * no later one has. */
#include "internal.h"

void fo_cfg_issue(fo_model *m, int inband, unsigned port, unsigned op, unsigned gid, uint64_t arg)
{
    fo_cfgop *c = &m->cfg[m->cycle % m->L];
    if (c->valid)           /* one op a cycle, L cycles each: the slot is free */
        fo_fault(m, "cfg_pipeline", "config op issued over one still in flight");
    else
        m->cfg_inflight++;
    *c = (fo_cfgop){ 1, (uint8_t)inband, (uint8_t)port, (uint8_t)op, gid, arg };
    m->n_cfg += inband != 0;
}

static uint64_t apply(unsigned op, uint64_t old, uint64_t arg)
{
    switch (op) {
    case FO_OP_WRITE:  return arg;
    /* a port >= 64 is bad input the reader rejects; never shift by it */
    case FO_OP_ADD:    return arg < 64 ? old | ((uint64_t)1 << arg) : old;
    case FO_OP_REMOVE: return arg < 64 ? old & ~((uint64_t)1 << arg) : old;
    case FO_OP_CLEAR:  return 0;
    default:           return old;     /* read */
    }
}

void fo_cfg_commit_step(fo_model *m, fo_outputs *out)
{
    fo_cfgop *c = &m->cfg[m->cycle % m->L];
    if (!c->valid)
        return;
    uint64_t word = apply(c->op, fo_sram_read(m, c->gid), c->arg);
    if (c->op != FO_OP_READ)
        fo_sram_write(m, c->gid, word);
    fo_event *ev = fo_ev_add(out, c->inband ? FO_EV_CFG : FO_EV_CSR, c->inband ? c->port : 0);
    ev->op = c->op;
    ev->gid = c->gid;
    ev->word = word;
    c->valid = 0;
    m->cfg_inflight--;
}
