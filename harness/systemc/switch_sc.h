// switch_sc.h -- the switch as one sc_module: the pins of fanout_switch plus
// a TLM-2.0 target socket (`csr`) for a CPU model.
//
// Core is what implements the pins: fo_sc::ModelCore<NP> (the C reference
// model) or a Verilated RTL class (`verilator --sc`, e.g.
// Vfanout_sc_p8_g1024_s64_l2).  Both have the same ports, so a platform
// swaps one for the other by changing a type.  The socket's commands share
// the command port with the cmd_* pins (csr_tlm.h).
#ifndef FANOUT_SC_SWITCH_SC_H
#define FANOUT_SC_SWITCH_SC_H

#include "sc_pins.h"

#include <memory>
#include <type_traits>

#include "csr_tlm.h"
#include "fanout.h"

namespace fo_sc {

template <unsigned NP, class Core>
class Switch : public SwitchPorts<NP> {
    using T = Types<NP>;

public:
    SC_HAS_PROCESS(Switch);

    // period: the clock period that clk_i will carry (for the socket's
    // annotated delays).
    Switch(sc_core::sc_module_name name, const fo_params& p, sc_core::sc_time period)
        : PinPorts<NP, sc_core::sc_out>(name), core_(make_core(p)), bridge_("csr_bridge", p, period), csr(bridge_.socket) {
        Core& c = *core_;
        c.clk_i(this->clk_i);
        c.rst_i(this->rst_i);
        c.in_valid_i(this->in_valid_i);
        c.in_data_i(this->in_data_i);
        c.out_ready_i(this->out_ready_i);
        c.cmd_valid_i(cmd_valid_);
        c.cmd_op_i(cmd_op_);
        c.cmd_gid_i(cmd_gid_);
        c.cmd_data_i(cmd_data_);
        c.in_ready_o(this->in_ready_o);
        c.out_valid_o(this->out_valid_o);
        c.out_data_o(this->out_data_o);
        c.commit_valid_o(this->commit_valid_o);
        c.commit_inband_o(this->commit_inband_o);
        c.commit_port_o(this->commit_port_o);
        c.commit_op_o(this->commit_op_o);
        c.commit_gid_o(this->commit_gid_o);
        c.commit_bitmap_o(this->commit_bitmap_o);
        c.prs_drop_valid_o(this->prs_drop_valid_o);
        c.prs_drop_reason_o(this->prs_drop_reason_o);
        c.prs_drop_tag_o(this->prs_drop_tag_o);
        c.rep_drop_valid_o(this->rep_drop_valid_o);
        c.rep_drop_tag_o(this->rep_drop_tag_o);
        c.init_done_o(this->init_done_o);
        c.idle_o(this->idle_o);
        bridge_.clk_i(this->clk_i);
        bridge_.up_valid_i(this->cmd_valid_i);
        bridge_.up_op_i(this->cmd_op_i);
        bridge_.up_gid_i(this->cmd_gid_i);
        bridge_.up_data_i(this->cmd_data_i);
        bridge_.cmd_valid_o(cmd_valid_);
        bridge_.cmd_op_o(cmd_op_);
        bridge_.cmd_gid_o(cmd_gid_);
        bridge_.cmd_data_o(cmd_data_);
        bridge_.commit_valid_i(csr_valid_);
        bridge_.commit_inband_i(csr_inband_);
        bridge_.commit_op_i(csr_op_);
        bridge_.commit_gid_i(csr_gid_);
        bridge_.commit_bitmap_i(csr_bitmap_);
        SC_METHOD(csr_lane);
        this->sensitive << this->commit_valid_o << this->commit_inband_o << this->commit_op_o
                        << this->commit_gid_o << this->commit_bitmap_o;
    }

    Core& core() { return *core_; }
    CsrBridge& bridge() { return bridge_; }

private:
    // The command's commit for the bridge: of the commit lanes (one per config
    // bank), the one with a command port commit (at most one a cycle).
    void csr_lane() {
        bool v = false;
        unsigned op = 0, gid = 0;
        uint64_t bm = 0;
        for (unsigned b = 0; b < T::NB; ++b) {
            if (!get_bits(this->commit_valid_o.read(), b, 1) || get_bits(this->commit_inband_o.read(), b, 1))
                continue;
            v = true;
            op = static_cast<unsigned>(get_bits(this->commit_op_o.read(), 3 * b, 3));
            gid = static_cast<unsigned>(get_bits(this->commit_gid_o.read(), 16 * b, 16));
            bm = get_bits(this->commit_bitmap_o.read(), 64 * b, 64);
        }
        csr_valid_.write(v);
        csr_inband_.write(false);
        csr_op_.write(op);
        csr_gid_.write(gid);
        csr_bitmap_.write(bm);
    }

    static Core* make_core(const fo_params& p) {
        if constexpr (std::is_constructible<Core, sc_core::sc_module_name, const fo_params&>::value)
            return new Core("core", p);
        else
            return new Core("core");  // a Verilated class: parameters fixed at verilation
    }

    std::unique_ptr<Core> core_;
    CsrBridge bridge_;
    // The command port after the bridge's merge.
    sc_core::sc_signal<bool> cmd_valid_{"cmd_valid"};
    sc_core::sc_signal<typename T::op> cmd_op_{"cmd_op"};
    sc_core::sc_signal<typename T::gid> cmd_gid_{"cmd_gid"};
    sc_core::sc_signal<typename T::word> cmd_data_{"cmd_data"};
    // The command port's commit, from the commit lanes (csr_lane).
    sc_core::sc_signal<bool> csr_valid_{"csr_valid"};
    sc_core::sc_signal<bool> csr_inband_{"csr_inband"};
    sc_core::sc_signal<uint32_t> csr_op_{"csr_op"};
    sc_core::sc_signal<uint32_t> csr_gid_{"csr_gid"};
    sc_core::sc_signal<uint64_t> csr_bitmap_{"csr_bitmap"};

public:
    // The CPU's way in (register map: csr_tlm.h, docs/systemc.md).
    tlm_utils::simple_target_socket_optional<CsrBridge>& csr;
};

}  // namespace fo_sc

#endif  // FANOUT_SC_SWITCH_SC_H
