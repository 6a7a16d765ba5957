/* peek.c -- where payload flits are in the model's data path, for wrappers
 * that show the model on pins (harness/systemc).  The model keeps only the
 * crc of a payload (internal.h, fo_slot), which is all the trace needs; a
 * wrapper that must drive out_data with the real flits keeps the flits
 * itself, at the (place, index) these two functions name.  A place is a
 * slot and the packet's generation in it, mod FO_PAYLOAD_GENS: a slot is
 * taken again once its copies have read their cells, while they may still
 * be sending them from staging (at most FO_STAGE_CELLS + 1 packets of an
 * egress, so FO_PAYLOAD_GENS > that keeps every place live one apart). */
#include "internal.h"

_Static_assert(FO_PAYLOAD_GENS > FO_STAGE_CELLS + 1, "a place must outlive every staged copy");

int fo_model_in_payload(const fo_model *m, unsigned p, unsigned *slot, unsigned *index)
{
    if (p >= m->p.nports || m->in[p].state != PRS_DATA)
        return 0;
    const fo_ingress *in = &m->in[p];
    *slot = in->slot * FO_PAYLOAD_GENS + in->slots[in->slot].gen % FO_PAYLOAD_GENS;
    *index = FO_HDR_LEN(in->slots[in->slot].hdr) - in->left;
    return 1;
}

int fo_model_out_payload(const fo_model *m, unsigned e, unsigned *port, unsigned *slot,
                         unsigned *index)
{
    if (e >= m->p.nports)
        return 0;
    const fo_egress *eg = &m->out[e];
    /* A payload flit in the output register is flit cidx-1 of the copy
     * (egress_queue.c counts cidx up as it loads). */
    if (!eg->ov || eg->ohdr || eg->cidx == 0)
        return 0;
    *port = eg->cp;
    *slot = eg->cs * FO_PAYLOAD_GENS + eg->cgen % FO_PAYLOAD_GENS;
    *index = eg->cidx - 1u;
    return 1;
}
