/* parser.c -- the ingress parser of each port (docs/microarchitecture.md,
 * stage 1): judges headers, reserves a slot for a forwarded packet, writes
 * its payload, hands config ops to the config engine, and is the only stage
 * that back-pressures. */
#include "internal.h"

/* What a header asks for. */
enum { H_DROP, H_FWD, H_CFG, H_CLEAR };

/* Judge a header on port p: H_* and, for H_DROP, the reason (SPEC 4). */
static int judge_header(const fo_model *m, uint64_t h, unsigned *reason)
{
    unsigned kind = FO_HDR_KIND(h), op = FO_HDR_OP(h), dst = FO_HDR_DST(h);
    unsigned len = FO_HDR_LEN(h), rsvd = FO_HDR_RSVD(h);
    *reason = FO_DROP_NREASONS;
    if (kind == FO_KIND_INVALID)
        *reason = FO_DROP_KIND;
    else if (kind == FO_KIND_CONFIG) {
        if (rsvd || op > FO_OP_CLEAR || FO_HDR_XSRC(h))
            *reason = FO_DROP_RSVD;
        else if (dst >= m->p.ngroups)
            *reason = FO_DROP_GROUP;
        else if (len != (op == FO_OP_CLEAR ? 0u : 1u))
            *reason = FO_DROP_LEN;
        else
            return op == FO_OP_CLEAR ? H_CLEAR : H_CFG;
    } else if (rsvd || op)
        *reason = FO_DROP_RSVD;
    else if (kind == FO_KIND_UNICAST && dst >= m->p.nports)
        *reason = FO_DROP_PORT;
    else if (kind == FO_KIND_MULTICAST && dst >= m->p.ngroups)
        *reason = FO_DROP_GROUP;
    else
        return H_FWD;
    return H_DROP;
}

/* A config payload flit is out of range (reason `port`). */
static int bad_payload(const fo_model *m, unsigned op, uint64_t flit)
{
    if (op == FO_OP_WRITE)
        return (flit & ~m->portmask) != 0;
    return flit >= m->p.nports;
}

static void drop(fo_model *m, fo_outputs *out, unsigned p, unsigned tag, unsigned reason)
{
    m->n_drop++;
    fo_event *ev = fo_ev_add(out, FO_EV_DROP, p);
    ev->tag = tag;
    ev->op = (uint8_t)reason;
    ev->stage = 1;
}

/* Take one flit on port p (ready and valid). */
static void take(fo_model *m, unsigned p, uint64_t d, int cls, unsigned reason, fo_outputs *out)
{
    fo_ingress *in = &m->in[p];
    unsigned len = FO_HDR_LEN(d);
    switch (in->state) {
    case PRS_IDLE:
        fo_ev_add(out, FO_EV_ACC, p)->tag = FO_HDR_TAG(d);
        m->n_acc++;
        if (cls == H_DROP) {
            drop(m, out, p, FO_HDR_TAG(d), reason);
            if (len) in->state = PRS_DROP, in->left = (uint16_t)len;
        } else if (cls == H_FWD) {
            int s = fo_slot_alloc(m, p);
            if (s < 0) {                               /* ready promised a free slot */
                fo_fault(m, "slot_overflow", "port %u: header taken with no free slot", p);
                s = 0;
            } else {
                fo_slot_hdr(m, p, (unsigned)s, d);
                fo_lookup_push(m, p, (unsigned)s);
            }
            if (len) in->state = PRS_DATA, in->left = (uint16_t)len, in->slot = (uint8_t)s;
        } else if (cls == H_CFG) {
            in->state = PRS_CFG;
            in->cfg_op = (uint8_t)FO_HDR_OP(d);
            in->cfg_gid = FO_HDR_DST(d);
            in->cfg_tag = FO_HDR_TAG(d);
        } else {                                   /* clear, granted */
            fo_cfg_issue(m, 1, p, FO_OP_CLEAR, FO_HDR_DST(d), 0);
        }
        break;
    case PRS_DATA:
        fo_slot_write(m, p, in->slot, d);
        /* fall through */
    case PRS_DROP:
        if (--in->left == 0)
            in->state = PRS_IDLE;
        break;
    case PRS_CFG:
        if (cls == H_DROP)
            drop(m, out, p, in->cfg_tag, FO_DROP_PORT);
        else
            fo_cfg_issue(m, 1, p, in->cfg_op, in->cfg_gid, d);
        in->state = PRS_IDLE;
        break;
    }
    uint64_t bit = (uint64_t)1 << p;
    m->prs_busy = in->state == PRS_IDLE ? m->prs_busy & ~bit : m->prs_busy | bit;
    m->prs_data = in->state == PRS_DATA || in->state == PRS_DROP ? m->prs_data | bit : m->prs_data & ~bit;
}

/* A payload flit on each port of mask w, whose parser is in DATA or DROP:
 * always taken, no event, no decision (most flits of most cycles). */
static void take_payload(fo_model *m, const fo_inputs *in, uint64_t w)
{
    for (; w; w &= w - 1) {
        unsigned p = (unsigned)__builtin_ctzll(w);
        fo_ingress *ig = &m->in[p];
        if (ig->state == PRS_DATA)
            fo_slot_write(m, p, ig->slot, in->in_data[p]);
        if (--ig->left == 0) {
            ig->state = PRS_IDLE;
            m->prs_busy &= ~((uint64_t)1 << p);
            m->prs_data &= ~((uint64_t)1 << p);
        }
    }
}

void fo_parser_step(fo_model *m, const fo_inputs *in, fo_outputs *out)
{
    int cls[FO_MAX_PORTS];
    unsigned reason[FO_MAX_PORTS];
    unsigned gid[FO_MAX_PORTS];          /* the group of a requesting port's config op */
    uint64_t valid = in->in_valid & m->portmask, payload = valid & m->prs_data;
    uint64_t ready = payload, req = 0, granted = 0;

    take_payload(m, in, payload);
    /* Decide each other port's need from the offered flit and the state at
     * the start of the cycle. */
    for (uint64_t w = valid & ~payload; w; w &= w - 1) {
        unsigned p = (unsigned)__builtin_ctzll(w);
        fo_ingress *ig = &m->in[p];
        uint64_t d = in->in_data[p], bit = (uint64_t)1 << p;
        cls[p] = H_FWD;
        reason[p] = 0;
        if (ig->state == PRS_IDLE) {
            cls[p] = judge_header(m, d, &reason[p]);
            int slot_free = cls[p] == H_FWD && fo_slots_free_start(m, p);
            int cells = slot_free &&
                        fo_cells_free(m, p, (unsigned)__builtin_ctzll(fo_slots_free_start(m, p)), FO_HDR_LEN(d));
            if (cls[p] == H_DROP || cls[p] == H_CFG || cells)
                ready |= bit;
            else if (slot_free && m->coverage)
                out->cov |= FO_COV_FULL_CELLS;
            else if (cls[p] == H_CLEAR && fo_lookup_drained(m, p))
                req |= bit, gid[p] = FO_HDR_DST(d);
        } else if (ig->state == PRS_CFG) {
            if (bad_payload(m, ig->cfg_op, d)) {
                cls[p] = H_DROP;
                ready |= bit;
            } else if (fo_lookup_drained(m, p)) {
                req |= bit;
                gid[p] = ig->cfg_gid;
            }
        } else {                        /* a payload flit outside prs_data: cannot happen */
            ready |= bit;
        }
    }
    /* In-band grants, per config bank: the command port has priority on its
     * bank, then round-robin among the ports requesting the bank. */
    if (req) {
        granted = fo_cfg_grant(m, req, gid, in->cmd_valid, in->cmd_gid & (m->nbanks - 1));
        ready |= granted;
    }
    if (m->coverage && (req & ~granted))
        out->cov |= FO_COV_BP_CFG;
    out->in_ready = ready;
    for (uint64_t w = ready & ~payload; w; w &= w - 1) {
        unsigned p = (unsigned)__builtin_ctzll(w);
        take(m, p, in->in_data[p], cls[p], reason[p], out);
    }
    if (in->cmd_valid)
        fo_cfg_issue(m, 0, 0, in->cmd_op, in->cmd_gid, in->cmd_data);
    /* A packet behind a granted config op is looked up after its commit. */
    for (uint64_t w = granted; w; w &= w - 1)
        fo_lookup_hold(m, (unsigned)__builtin_ctzll(w));
}
