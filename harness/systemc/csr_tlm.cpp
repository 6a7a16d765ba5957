// csr_tlm.cpp -- the TLM-2.0 register map in front of the command port
// (csr_tlm.h; docs/systemc.md "Register map" and "Timing").
#include "csr_tlm.h"

#include <cstring>

namespace fo_sc {

CsrBridge::CsrBridge(sc_core::sc_module_name name, const fo_params& p, sc_core::sc_time period)
    : sc_module(name), p_(p), period_(period) {
    socket.register_b_transport(this, &CsrBridge::b_transport);
    SC_METHOD(mux);
    sensitive << up_valid_i << up_op_i << up_gid_i << up_data_i << own_valid_ << own_op_ << own_gid_
              << own_data_;
}

// The pin master's command when it offers one, else the bridge's.
void CsrBridge::mux() {
    const bool up = up_valid_i.read();
    const bool own = own_valid_.read();
    cmd_valid_o.write(up || own);
    cmd_op_o.write(up ? up_op_i.read() : own ? own_op_.read() : 0);
    cmd_gid_o.write(up ? up_gid_i.read() : own ? own_gid_.read() : 0);
    cmd_data_o.write(up ? up_data_i.read() : own ? own_data_.read() : 0);
}

tlm::tlm_response_status CsrBridge::decode(const tlm::tlm_generic_payload& t, unsigned* op,
                                           unsigned* gid, uint64_t* data) const {
    const uint64_t a = t.get_address();
    if (t.get_data_length() != 8 || t.get_streaming_width() < 8) return tlm::TLM_BURST_ERROR_RESPONSE;
    if (t.get_byte_enable_ptr()) return tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE;
    if ((a & 7) || a >= kCsrEnd) return tlm::TLM_ADDRESS_ERROR_RESPONSE;
    const bool rd = t.is_read();
    if (!rd && !t.is_write()) return tlm::TLM_COMMAND_ERROR_RESPONSE;
    if (a >= kCsrInfo) {  // the read-only information block
        if (!rd) return tlm::TLM_COMMAND_ERROR_RESPONSE;
        *op = 99;
        *data = a == kCsrNports ? p_.nports : a == kCsrNgroups ? p_.ngroups : fo_setup_latency(&p_);
        return tlm::TLM_OK_RESPONSE;
    }
    const unsigned window = static_cast<unsigned>(a / kCsrWindow);
    *gid = static_cast<unsigned>((a % kCsrWindow) / 8);
    if (*gid >= p_.ngroups) return tlm::TLM_ADDRESS_ERROR_RESPONSE;
    static const unsigned kOps[] = {FO_OP_WRITE, FO_OP_ADD, FO_OP_REMOVE, FO_OP_CLEAR};
    *op = rd ? static_cast<unsigned>(FO_OP_READ) : kOps[window];
    if (rd && window != 0) return tlm::TLM_COMMAND_ERROR_RESPONSE;  // ADD/REMOVE/CLEAR: write-only
    *data = 0;
    if (!rd) std::memcpy(data, t.get_data_ptr(), 8);  // little-endian host, as TLM's byte order
    // What the stimulus file calls bad input, the bridge refuses: a command
    // out of range never reaches the pins.
    const uint64_t pm = p_.nports >= 64 ? ~0ULL : (1ULL << p_.nports) - 1;
    if ((*op == FO_OP_WRITE && (*data & ~pm)) ||
        ((*op == FO_OP_ADD || *op == FO_OP_REMOVE) && *data >= p_.nports))
        return tlm::TLM_GENERIC_ERROR_RESPONSE;
    if (*op == FO_OP_CLEAR) *data = 0;
    return tlm::TLM_OK_RESPONSE;
}

void CsrBridge::issue(unsigned op, unsigned gid, uint64_t data) {
    wait(clk_i.posedge_event());  // offered from a cycle's start
    own_op_.write(op);
    own_gid_.write(gid);
    own_data_.write(data);
    own_valid_.write(true);
    // At each rising edge, up_valid_i still reads the cycle that the edge
    // ends: if the pin master was silent, that cycle carried our command.
    do {
        wait(clk_i.posedge_event());
    } while (up_valid_i.read());
    own_valid_.write(false);
    ++commands_;
}

void CsrBridge::b_transport(tlm::tlm_generic_payload& t, sc_core::sc_time& delay) {
    unsigned op = 0, gid = 0;
    uint64_t data = 0;
    const tlm::tlm_response_status st = decode(t, &op, &gid, &data);
    if (st != tlm::TLM_OK_RESPONSE) {
        t.set_response_status(st);
        return;
    }
    if (op == 99) {  // information block: no command, no time
        std::memcpy(t.get_data_ptr(), &data, 8);
        t.set_response_status(tlm::TLM_OK_RESPONSE);
        return;
    }
    // Loosely timed: catch up with the initiator's local time first.
    wait(delay);
    delay = sc_core::SC_ZERO_TIME;
    busy_.lock();
    issue(op, gid, data);
    const unsigned lat = fo_setup_latency(&p_);
    if (op != FO_OP_READ) {
        // The commit happens in the lat-th cycle after acceptance; when the
        // annotated delay has passed, that cycle has ended.
        busy_.unlock();
        delay = lat * period_;
        t.set_response_status(tlm::TLM_OK_RESPONSE);
        return;
    }
    for (unsigned i = 0; i < lat; ++i) wait(clk_i.posedge_event());
    // The edge that ends the commit cycle: the commit port reads that cycle.
    const bool ok = commit_valid_i.read() && !commit_inband_i.read() && commit_op_i.read() == FO_OP_READ &&
                    commit_gid_i.read() == gid;
    const uint64_t bitmap = commit_bitmap_i.read();
    busy_.unlock();
    if (!ok) {
        // The switch did not commit the read when its fixed latency says
        // it must: report it rather than return a wrong bitmap.
        SC_REPORT_WARNING("fanout/csr", "read: no commit of the read at its fixed setup latency");
        t.set_response_status(tlm::TLM_GENERIC_ERROR_RESPONSE);
        return;
    }
    std::memcpy(t.get_data_ptr(), &bitmap, 8);
    t.set_response_status(tlm::TLM_OK_RESPONSE);
}

}  // namespace fo_sc
