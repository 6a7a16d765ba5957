// switch_sc.h -- the switch as one sc_module: the pins of fanout_switch plus
// a TLM-2.0 target socket (`csr`) for a CPU model.
//
// Core is what implements the pins: fo_sc::ModelCore<NP> (the C reference
// model) or a Verilated RTL class (`verilator --sc`, e.g.
// Vfanout_sc_p8_g1024_s16_l2).  Both have the same ports, so a platform
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
class Switch : public sc_core::sc_module {
    using T = Types<NP>;

public:
    sc_core::sc_in<bool> clk_i{"clk_i"};
    sc_core::sc_in<bool> rst_i{"rst_i"};
    sc_core::sc_in<typename T::bus> in_valid_i{"in_valid_i"};
    sc_core::sc_in<typename T::flits> in_data_i{"in_data_i"};
    sc_core::sc_out<typename T::bus> in_ready_o{"in_ready_o"};
    sc_core::sc_out<typename T::bus> out_valid_o{"out_valid_o"};
    sc_core::sc_out<typename T::flits> out_data_o{"out_data_o"};
    sc_core::sc_in<typename T::bus> out_ready_i{"out_ready_i"};
    sc_core::sc_in<bool> cmd_valid_i{"cmd_valid_i"};
    sc_core::sc_in<typename T::op> cmd_op_i{"cmd_op_i"};
    sc_core::sc_in<typename T::gid> cmd_gid_i{"cmd_gid_i"};
    sc_core::sc_in<typename T::word> cmd_data_i{"cmd_data_i"};
    sc_core::sc_out<bool> commit_valid_o{"commit_valid_o"};
    sc_core::sc_out<bool> commit_inband_o{"commit_inband_o"};
    sc_core::sc_out<typename T::port> commit_port_o{"commit_port_o"};
    sc_core::sc_out<typename T::op> commit_op_o{"commit_op_o"};
    sc_core::sc_out<typename T::gid> commit_gid_o{"commit_gid_o"};
    sc_core::sc_out<typename T::word> commit_bitmap_o{"commit_bitmap_o"};
    sc_core::sc_out<typename T::bus> prs_drop_valid_o{"prs_drop_valid_o"};
    sc_core::sc_out<typename T::reasons> prs_drop_reason_o{"prs_drop_reason_o"};
    sc_core::sc_out<typename T::tags> prs_drop_tag_o{"prs_drop_tag_o"};
    sc_core::sc_out<typename T::bus> rep_drop_valid_o{"rep_drop_valid_o"};
    sc_core::sc_out<typename T::tags> rep_drop_tag_o{"rep_drop_tag_o"};
    sc_core::sc_out<bool> init_done_o{"init_done_o"};
    sc_core::sc_out<bool> idle_o{"idle_o"};

    // period: the clock period that clk_i will carry (for the socket's
    // annotated delays).
    Switch(sc_core::sc_module_name name, const fo_params& p, sc_core::sc_time period)
        : sc_module(name), core_(make_core(p)), bridge_("csr_bridge", p, period), csr(bridge_.socket) {
        Core& c = *core_;
        c.clk_i(clk_i);
        c.rst_i(rst_i);
        c.in_valid_i(in_valid_i);
        c.in_data_i(in_data_i);
        c.out_ready_i(out_ready_i);
        c.cmd_valid_i(cmd_valid_);
        c.cmd_op_i(cmd_op_);
        c.cmd_gid_i(cmd_gid_);
        c.cmd_data_i(cmd_data_);
        c.in_ready_o(in_ready_o);
        c.out_valid_o(out_valid_o);
        c.out_data_o(out_data_o);
        c.commit_valid_o(commit_valid_o);
        c.commit_inband_o(commit_inband_o);
        c.commit_port_o(commit_port_o);
        c.commit_op_o(commit_op_o);
        c.commit_gid_o(commit_gid_o);
        c.commit_bitmap_o(commit_bitmap_o);
        c.prs_drop_valid_o(prs_drop_valid_o);
        c.prs_drop_reason_o(prs_drop_reason_o);
        c.prs_drop_tag_o(prs_drop_tag_o);
        c.rep_drop_valid_o(rep_drop_valid_o);
        c.rep_drop_tag_o(rep_drop_tag_o);
        c.init_done_o(init_done_o);
        c.idle_o(idle_o);
        bridge_.clk_i(clk_i);
        bridge_.up_valid_i(cmd_valid_i);
        bridge_.up_op_i(cmd_op_i);
        bridge_.up_gid_i(cmd_gid_i);
        bridge_.up_data_i(cmd_data_i);
        bridge_.cmd_valid_o(cmd_valid_);
        bridge_.cmd_op_o(cmd_op_);
        bridge_.cmd_gid_o(cmd_gid_);
        bridge_.cmd_data_o(cmd_data_);
        bridge_.commit_valid_i(commit_valid_o);
        bridge_.commit_inband_i(commit_inband_o);
        bridge_.commit_op_i(commit_op_o);
        bridge_.commit_gid_i(commit_gid_o);
        bridge_.commit_bitmap_i(commit_bitmap_o);
    }

    Core& core() { return *core_; }
    CsrBridge& bridge() { return bridge_; }

private:
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

public:
    // The CPU's way in (register map: csr_tlm.h, docs/systemc.md).
    tlm_utils::simple_target_socket_optional<CsrBridge>& csr;
};

}  // namespace fo_sc

#endif  // FANOUT_SC_SWITCH_SC_H
