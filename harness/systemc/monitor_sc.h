// monitor_sc.h -- the trace of a switch, from its pins alone.
//
// Watches fanout_switch's pins (any module that has them: the SystemC model
// or the Verilated RTL) and writes the trace through fo_tw_* (a temporary
// name, renamed when complete), deriving each cycle's events with the same
// code as the Verilator harness (pin_events.h).  Cycle 0 is the first cycle
// with init_done_o high; a cycle's pins are read at the rising edge that
// ends it.  Bind it with bind_inputs() and bind_outputs() (sc_pins.h), and
// done_i.  The run ends as `fanout model`'s does (model/run/run.c): at the
// first cycle that starts idle (idle_o) with nothing left to offer (the
// driver's done pin); with no activity for hang_cycles while not idle, it
// stops with a hang.  Either way it calls sc_stop().
#ifndef FANOUT_SC_MONITOR_SC_H
#define FANOUT_SC_MONITOR_SC_H

#include "sc_pins.h"

#include <cstdio>
#include <string>

#include "../pin_events.h"
#include "fanout_io.h"

namespace fo_sc {

template <unsigned NP>
class Monitor : public WatchPorts<NP> {
    using T = Types<NP>;

public:
    sc_core::sc_in<bool> done_i{"done_i"};  // the driver's: nothing left to offer

    SC_HAS_PROCESS(Monitor);

    // trace: the file to write ("-": stdout, NULL: none); gold: a golden
    // trace to compare every line with, or NULL.  Check rc() after the run.
    Monitor(sc_core::sc_module_name name, const fo_params& p, const char* trace, const char* gold,
            uint64_t hang_cycles = 1000000)
        : PinPorts<NP, sc_core::sc_in>(name), hang_cycles_(hang_cycles), init_limit_(2ULL * p.ngroups + 64) {
        if ((trace || gold) && (rc_ = fo_tw_open(trace, gold, &p, &tw_, &err_)) != FO_OK) tw_ = nullptr;
        SC_METHOD(on_rise);
        this->sensitive << this->clk_i.pos();
        this->dont_initialize();
    }
    ~Monitor() override { fo_tw_abort(tw_); }

    // FO_OK after a complete run, else the FO_E* code with message().
    int rc() const { return rc_; }
    const char* message() const { return err_.msg; }
    bool finished() const { return finished_; }
    // The cycle of the end line (or where the run stopped), and counts.
    uint64_t cycle() const { return cycle_; }
    uint64_t events() const { return events_; }
    // This cycle's pins and events (valid during the edge's evaluation).
    const fo_outputs& last() const { return out_; }

    // Ends the run from outside (another checker failed): no trace is left.
    void abort() {
        fo_tw_abort(tw_);
        tw_ = nullptr;
    }

private:
    void on_rise() {
        if (finished_ || rc_ != FO_OK) return;
        if (!this->init_done_o.read()) {
            // The clear sweep takes NGROUPS/banks cycles (and reset a few); NGROUPS is ample.
            if (++init_wait_ > init_limit_) {
                std::snprintf(err_.msg, sizeof err_.msg, "init_done_o still low %llu cycles after start",
                              static_cast<unsigned long long>(init_wait_));
                rc_ = FO_EHANG;
                stop();
            }
            return;
        }
        fo_pinev::derive(PinView<NP, Monitor>{*this}, tracker_, &out_);
        if (out_.idle && done_i.read()) {
            if (tw_) rc_ = fo_tw_finish(tw_, cycle_, &err_);
            tw_ = nullptr;
            finished_ = true;
            sc_core::sc_stop();
            return;
        }
        if (tw_ && (rc_ = fo_tw_cycle(tw_, cycle_, out_.ev, out_.nev, &err_)) != FO_OK) {
            stop();
            return;
        }
        events_ += out_.nev;
        const uint64_t stalled = ~static_cast<uint64_t>(this->out_ready_i.read()) & mask64(NP);
        quiet_ = (out_.nev || (this->in_valid_i.read() != 0) || stalled) ? 0 : quiet_ + 1;
        if (quiet_ >= hang_cycles_ && !out_.idle) {
            std::snprintf(err_.msg, sizeof err_.msg,
                          "cycle %llu: no progress for %llu cycles (switch not idle, nothing "
                          "offered, no stall): hang",
                          static_cast<unsigned long long>(cycle_), static_cast<unsigned long long>(quiet_));
            rc_ = FO_EHANG;
            stop();
            return;
        }
        ++cycle_;
    }

    void stop() {
        abort();
        sc_core::sc_stop();
    }

    uint64_t hang_cycles_;
    uint64_t init_limit_;
    uint64_t init_wait_ = 0;
    fo_tw* tw_ = nullptr;
    fo_error err_ = {""};
    int rc_ = FO_OK;
    bool finished_ = false;
    uint64_t cycle_ = 0;
    uint64_t quiet_ = 0;
    uint64_t events_ = 0;
    fo_pinev::Tracker tracker_;
    fo_outputs out_{};
};

}  // namespace fo_sc

#endif  // FANOUT_SC_MONITOR_SC_H
