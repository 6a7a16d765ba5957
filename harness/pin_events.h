// pin_events.h -- one cycle's trace events, derived from fanout_switch's pins.
//
// Shared by every bench that sees the switch through its pins only: the
// Verilator harness (rtl_wrapper.h) and the SystemC monitor
// (systemc/monitor_sc.h), so that the RTL and the SystemC-wrapped model are
// judged by the same code.  The rules are in docs/harness.md ("How each event
// is derived from the pins").
//
// `Pins` is any type with these members (values of one cycle, clock low):
//   uint64_t in_valid(), in_ready(), out_valid(), out_ready(),
//            prs_drop_valid(), rep_drop_valid()      NPORTS-bit buses
//   uint64_t in_data(p), out_data(e)                  flit of port p / e
//   unsigned commit_lanes()                           commit lanes (config banks B)
//   bool     commit_valid(b), commit_inband(b)        lane b's commit
//   unsigned commit_port(b), commit_op(b), commit_gid(b); uint64_t commit_bitmap(b)
//   unsigned prs_drop_reason(p); uint32_t prs_drop_tag(p), rep_drop_tag(p)
//   bool     idle()
// in_data and out_data are only asked for where the flit is offered.
#ifndef FANOUT_HARNESS_PIN_EVENTS_H
#define FANOUT_HARNESS_PIN_EVENTS_H

#include <cstdint>
#include <cstring>

#include <zlib.h>

#include "fanout.h"

namespace fo_pinev {

// What the pins alone cannot show: how far each port is into its packet.
struct Tracker {
    unsigned in_left[FO_MAX_PORTS] = {};   // payload flits still to take, per ingress
    unsigned out_left[FO_MAX_PORTS] = {};  // payload flits still to leave, per egress
    uint32_t out_crc[FO_MAX_PORTS] = {};   // crc32 of the copy leaving egress e
};

inline fo_event* add(fo_outputs* out, unsigned kind, unsigned port) {
    fo_event* e = &out->ev[out->nev++];
    std::memset(e, 0, sizeof *e);
    e->kind = static_cast<uint8_t>(kind);
    e->port = static_cast<uint8_t>(port);
    return e;
}

inline uint32_t crc_flit(uint32_t crc, uint64_t flit) {
    unsigned char b[8];
    for (unsigned i = 0; i < 8; ++i) b[i] = static_cast<unsigned char>(flit >> (8 * i));
    return static_cast<uint32_t>(crc32(crc, b, 8));
}

// Fills `out` (pins and sorted events) for one cycle and advances `tr` past it.
template <class Pins>
void derive(const Pins& pin, Tracker& tr, fo_outputs* out) {
    const uint64_t inv = pin.in_valid();
    const uint64_t rdy = pin.in_ready();
    const uint64_t ov = pin.out_valid();
    const uint64_t ordy = pin.out_ready();
    out->in_ready = rdy;
    out->out_valid = ov;
    out->out_sop = 0;
    std::memset(out->out_hdr, 0, sizeof out->out_hdr);
    out->idle = pin.idle() ? 1 : 0;
    out->nev = 0;

    // acc: a header flit taken on ingress p.
    for (uint64_t m = inv & rdy; m; m &= m - 1) {
        const unsigned p = static_cast<unsigned>(__builtin_ctzll(m));
        const uint64_t flit = pin.in_data(p);
        if (tr.in_left[p] == 0) {
            add(out, FO_EV_ACC, p)->tag = FO_HDR_TAG(flit);
            tr.in_left[p] = FO_HDR_LEN(flit);
        } else {
            --tr.in_left[p];
        }
    }
    // cfg / csr: the commit lanes, one per config bank (several commits a
    // cycle are on different groups; the sort puts them in trace order).
    const unsigned lanes = pin.commit_lanes();
    for (unsigned b = 0; b < lanes; ++b) {
        if (!pin.commit_valid(b)) continue;
        const bool inband = pin.commit_inband(b);
        fo_event* e = add(out, inband ? FO_EV_CFG : FO_EV_CSR, inband ? (pin.commit_port(b) & 63u) : 0);
        e->op = static_cast<uint8_t>(pin.commit_op(b) & 7u);
        e->gid = static_cast<uint32_t>(pin.commit_gid(b) & 0xffffu);
        e->word = pin.commit_bitmap(b);
    }
    // drop: replicator (stage 0, reason empty) and parser (stage 1).
    for (uint64_t m = pin.rep_drop_valid(); m; m &= m - 1) {
        const unsigned p = static_cast<unsigned>(__builtin_ctzll(m));
        fo_event* e = add(out, FO_EV_DROP, p);
        e->op = FO_DROP_EMPTY;
        e->stage = 0;
        e->tag = pin.rep_drop_tag(p) & 0xffffffu;
    }
    for (uint64_t m = pin.prs_drop_valid(); m; m &= m - 1) {
        const unsigned p = static_cast<unsigned>(__builtin_ctzll(m));
        fo_event* e = add(out, FO_EV_DROP, p);
        e->op = static_cast<uint8_t>(pin.prs_drop_reason(p) & 7u);
        e->stage = 1;
        e->tag = pin.prs_drop_tag(p) & 0xffffffu;
    }
    // out / outend: flits leaving egress e.
    for (uint64_t m = ov; m; m &= m - 1) {
        const unsigned e = static_cast<unsigned>(__builtin_ctzll(m));
        const uint64_t flit = pin.out_data(e);
        const bool leaves = (ordy >> e) & 1;
        if (tr.out_left[e] == 0) {  // a header
            out->out_sop |= 1ULL << e;
            out->out_hdr[e] = flit;
            if (!leaves) continue;
            add(out, FO_EV_OUT, e)->word = flit;
            const unsigned len = FO_HDR_LEN(flit);
            if (len == 0) {
                add(out, FO_EV_OUTEND, e)->crc = 0;
            } else {
                tr.out_left[e] = len;
                tr.out_crc[e] = static_cast<uint32_t>(crc32(0L, Z_NULL, 0));
            }
        } else if (leaves) {  // a payload flit
            tr.out_crc[e] = crc_flit(tr.out_crc[e], flit);
            if (--tr.out_left[e] == 0) add(out, FO_EV_OUTEND, e)->crc = tr.out_crc[e];
        }
    }
    fo_events_sort(out->ev, out->nev);
}

}  // namespace fo_pinev

#endif  // FANOUT_HARNESS_PIN_EVENTS_H
