// driver_sc.h -- a stimulus file driven onto the switch's input pins.
//
// The same stimulus driver as every other run (fo_driver_*, model/driver.c):
// it starts in the cycle in which init_done_i first reads high (cycle 0),
// drives each cycle's inputs just after the rising edge that starts the
// cycle, and at the edge that ends it advances past what the switch took
// (in_valid & in_ready as they read at that edge).  done_o is the bench's
// own pin: nothing is left to offer (it reads so from the cycle after the
// last flit or command was taken).
#ifndef FANOUT_SC_DRIVER_SC_H
#define FANOUT_SC_DRIVER_SC_H

#include "sc_pins.h"

#include <cstring>

#include "fanout_io.h"

namespace fo_sc {

template <unsigned NP>
class StimDriver : public sc_core::sc_module {
    using T = Types<NP>;

public:
    sc_core::sc_in<bool> clk_i{"clk_i"};
    sc_core::sc_in<bool> init_done_i{"init_done_i"};
    sc_core::sc_in<typename T::bus> in_ready_i{"in_ready_i"};
    sc_core::sc_out<typename T::bus> in_valid_o{"in_valid_o"};
    sc_core::sc_out<typename T::flits> in_data_o{"in_data_o"};
    sc_core::sc_out<typename T::bus> out_ready_o{"out_ready_o"};
    sc_core::sc_out<bool> cmd_valid_o{"cmd_valid_o"};
    sc_core::sc_out<typename T::op> cmd_op_o{"cmd_op_o"};
    sc_core::sc_out<typename T::gid> cmd_gid_o{"cmd_gid_o"};
    sc_core::sc_out<typename T::word> cmd_data_o{"cmd_data_o"};
    sc_core::sc_out<bool> done_o{"done_o"};

    SC_HAS_PROCESS(StimDriver);

    // stim must outlive the module.  ok() is false when out of memory.
    StimDriver(sc_core::sc_module_name name, const fo_stim* stim) : sc_module(name) {
        std::memset(&in_, 0, sizeof in_);
        if (fo_driver_create(stim, &drv_) != FO_OK) drv_ = nullptr;
        // One process for both (a signal has one writer): the clock's rising
        // edges, and init_done_i rising just after the edge that starts cycle 0.
        SC_METHOD(on_event);
        sensitive << clk_i.pos() << init_done_i;
        dont_initialize();
    }
    ~StimDriver() override { fo_driver_destroy(drv_); }

    bool ok() const { return drv_ != nullptr; }

private:
    void on_event() {
        if (!drv_) return;
        if (!started_) {
            if (init_done_i.read()) {
                started_ = true;
                drive();
            }
            return;
        }
        if (!clk_i.posedge()) return;
        fo_driver_taken(drv_, &in_, static_cast<uint64_t>(in_ready_i.read()));
        ++cycle_;
        drive();
    }

    void drive() {
        fo_driver_inputs(drv_, cycle_, &in_);
        const uint64_t valid = in_.in_valid & mask64(NP);
        typename T::flits data{};
        for (uint64_t w = valid; w; w &= w - 1) {
            const unsigned p = static_cast<unsigned>(__builtin_ctzll(w));
            set_bits(data, 64 * p, 64, in_.in_data[p]);
        }
        in_valid_o.write(static_cast<typename T::bus>(valid));
        in_data_o.write(data);
        out_ready_o.write(static_cast<typename T::bus>(in_.out_ready & mask64(NP)));
        const bool cv = in_.cmd_valid != 0;
        cmd_valid_o.write(cv);
        cmd_op_o.write(cv ? in_.cmd_op : 0);
        cmd_gid_o.write(cv ? in_.cmd_gid : 0);
        cmd_data_o.write(cv ? in_.cmd_data : 0);
        done_o.write(fo_driver_done(drv_) != 0);
    }

    fo_driver* drv_ = nullptr;
    fo_inputs in_;
    bool started_ = false;
    uint64_t cycle_ = 0;
};

}  // namespace fo_sc

#endif  // FANOUT_SC_DRIVER_SC_H
