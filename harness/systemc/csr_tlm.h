// csr_tlm.h -- a TLM-2.0 target socket in front of the switch's command port.
//
// A CPU model programs groups with ordinary loads and stores (b_transport);
// each store becomes one command on the pins (cmd_*), a load becomes a
// `read` command whose bitmap is taken from the commit port.  The register
// map and the timing are in docs/systemc.md; in short:
//
//   0x000000 + 8*gid  GROUP[gid]   RW  store: write gid bitmap; load: read gid
//   0x080000 + 8*gid  ADD[gid]     WO  store: add gid port (data = port)
//   0x100000 + 8*gid  REMOVE[gid]  WO  store: remove gid port
//   0x180000 + 8*gid  CLEAR[gid]   WO  store: clear gid (data ignored)
//   0x200000          NPORTS       RO
//   0x200008          NGROUPS      RO
//   0x200010          SETUP_LAT    RO  cycles from a command's acceptance to its commit
//
// Every access is 8 bytes, aligned, little-endian, no byte enables.  The
// bridge shares the command port with a pin-level master (cmd_*_i): the pin
// master has the port whenever it offers a command, and the bridge offers
// its own in the cycles the pin master leaves free.
#ifndef FANOUT_SC_CSR_TLM_H
#define FANOUT_SC_CSR_TLM_H

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

#include <cstdint>

#include "fanout.h"

namespace fo_sc {

// Register map (byte addresses).
constexpr uint64_t kCsrGroup = 0x000000;
constexpr uint64_t kCsrAdd = 0x080000;
constexpr uint64_t kCsrRemove = 0x100000;
constexpr uint64_t kCsrClear = 0x180000;
constexpr uint64_t kCsrWindow = 0x080000;  // 65,536 groups of 8 bytes
constexpr uint64_t kCsrInfo = 0x200000;
constexpr uint64_t kCsrNports = kCsrInfo + 0x00;
constexpr uint64_t kCsrNgroups = kCsrInfo + 0x08;
constexpr uint64_t kCsrSetupLat = kCsrInfo + 0x10;
constexpr uint64_t kCsrEnd = kCsrInfo + 0x18;

class CsrBridge : public sc_core::sc_module {
public:
    // Optional: a switch with no CPU bound (fanout-systemc) is complete.
    tlm_utils::simple_target_socket_optional<CsrBridge> socket{"socket"};

    sc_core::sc_in<bool> clk_i{"clk_i"};
    // The pin-level master's command (has priority).
    sc_core::sc_in<bool> up_valid_i{"up_valid_i"};
    sc_core::sc_in<uint32_t> up_op_i{"up_op_i"};
    sc_core::sc_in<uint32_t> up_gid_i{"up_gid_i"};
    sc_core::sc_in<uint64_t> up_data_i{"up_data_i"};
    // The command port of the switch.
    sc_core::sc_out<bool> cmd_valid_o{"cmd_valid_o"};
    sc_core::sc_out<uint32_t> cmd_op_o{"cmd_op_o"};
    sc_core::sc_out<uint32_t> cmd_gid_o{"cmd_gid_o"};
    sc_core::sc_out<uint64_t> cmd_data_o{"cmd_data_o"};
    // The switch's commit port (a read's bitmap comes back here).
    sc_core::sc_in<bool> commit_valid_i{"commit_valid_i"};
    sc_core::sc_in<bool> commit_inband_i{"commit_inband_i"};
    sc_core::sc_in<uint32_t> commit_op_i{"commit_op_i"};
    sc_core::sc_in<uint32_t> commit_gid_i{"commit_gid_i"};
    sc_core::sc_in<uint64_t> commit_bitmap_i{"commit_bitmap_i"};

    SC_HAS_PROCESS(CsrBridge);
    CsrBridge(sc_core::sc_module_name name, const fo_params& p, sc_core::sc_time period);

    // Commands issued through the socket so far.
    uint64_t commands() const { return commands_; }

private:
    void b_transport(tlm::tlm_generic_payload& t, sc_core::sc_time& delay);
    // Checks an access; TLM_OK_RESPONSE or the error to answer with.
    tlm::tlm_response_status decode(const tlm::tlm_generic_payload& t, unsigned* op, unsigned* gid,
                                    uint64_t* data) const;
    // Offers one command until the switch takes it; returns after the edge
    // that ends the cycle in which it was accepted.
    void issue(unsigned op, unsigned gid, uint64_t data);
    void mux();

    fo_params p_;
    sc_core::sc_time period_;
    sc_core::sc_mutex busy_;  // one access at a time, whoever the initiators are
    // Written by whichever initiator's thread holds busy_.
    sc_core::sc_signal<bool, sc_core::SC_MANY_WRITERS> own_valid_{"own_valid"};
    sc_core::sc_signal<uint32_t, sc_core::SC_MANY_WRITERS> own_op_{"own_op"};
    sc_core::sc_signal<uint32_t, sc_core::SC_MANY_WRITERS> own_gid_{"own_gid"};
    sc_core::sc_signal<uint64_t, sc_core::SC_MANY_WRITERS> own_data_{"own_data"};
    uint64_t commands_ = 0;
};

}  // namespace fo_sc

#endif  // FANOUT_SC_CSR_TLM_H
