/* cfg_engine.c -- the config engine beside the group table
 * (docs/microarchitecture.md, config engine).
 *
 * The table is split into B banks by group id (bank = gid & (B-1), B the
 * smallest power of two >= NPORTS), each with one write port, so each cycle
 * at most one op per bank enters the config pipeline: the command on its bank
 * (always accepted), and on every other bank one of the in-band ops that
 * request it, round-robin among their ports.  An op commits SRAM_LAT cycles
 * after it entered.
 *
 * The RTL reads the word when the op enters and corrects it by forwarding
 * from its bank's writes still in flight; the model reads the table when the
 * op commits, which is the same word: every earlier op of the group has
 * committed by then and no later one has. */
#include "internal.h"

void fo_cfg_issue(fo_model *m, int inband, unsigned port, unsigned op, unsigned gid, uint64_t arg)
{
    unsigned r = m->idx;
    uint64_t bank = (uint64_t)1 << (gid & (m->nbanks - 1));
    if (m->cfg_banks[r] & bank) {       /* one op per bank a cycle: the grant saw to it */
        fo_fault(m, "cfg_pipeline", "two config ops on bank %u in one cycle", gid & (m->nbanks - 1));
        return;
    }
    m->cfg_banks[r] |= bank;
    m->cfg[r][m->ncfg[r]++] = (fo_cfgop){ 1, (uint8_t)inband, (uint8_t)port, (uint8_t)op, gid, arg };
    m->cfg_inflight++;
    m->n_cfg += inband != 0;
}

uint64_t fo_cfg_grant(fo_model *m, uint64_t req, const unsigned *gid, int cmd, unsigned cmd_bank)
{
    uint64_t breq[FO_MAX_BANKS], banks = 0, granted = 0;
    unsigned bm = m->nbanks - 1;
    for (uint64_t w = req; w; w &= w - 1) {
        unsigned p = (unsigned)__builtin_ctzll(w), b = gid[p] & bm;
        if (!(banks >> b & 1))
            breq[b] = 0;
        banks |= (uint64_t)1 << b;
        breq[b] |= (uint64_t)1 << p;
    }
    if (cmd)                             /* the command port has priority on its bank */
        banks &= ~((uint64_t)1 << cmd_bank);
    for (; banks; banks &= banks - 1) {
        unsigned b = (unsigned)__builtin_ctzll(banks);
        unsigned g = fo_rr_pick(breq[b], m->inband_rr[b], m->p.nports);
        m->inband_rr[b] = g;
        granted |= (uint64_t)1 << g;
    }
    return granted;
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

/* The ops that entered L cycles ago commit, each on its own bank (so their
 * order within the cycle cannot matter; the trace lists them by port). */
void fo_cfg_commit_step(fo_model *m, fo_outputs *out)
{
    unsigned r = m->idx;
    if (!m->ncfg[r])
        return;
    for (unsigned i = 0; i < m->ncfg[r]; i++) {
        fo_cfgop *c = &m->cfg[r][i];
        uint64_t word = apply(c->op, fo_sram_read(m, c->gid), c->arg);
        if (c->op != FO_OP_READ)
            fo_sram_write(m, c->gid, word);
        fo_event *ev = fo_ev_add(out, c->inband ? FO_EV_CFG : FO_EV_CSR, c->inband ? c->port : 0);
        ev->op = c->op;
        ev->gid = c->gid;
        ev->word = word;
        c->valid = 0;
    }
    m->cfg_inflight -= m->ncfg[r];
    m->ncfg[r] = 0;
    m->cfg_banks[r] = 0;
}
