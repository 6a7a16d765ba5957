// compare_sc.h -- two switches side by side in one kernel, compared pin by
// pin at every rising edge (fanout-systemc --both).
//
// Compares what the trace is derived from, where it is meaningful (the
// same fields as `fanout cosim`): init_done_o from reset on; then per cycle
// in_ready_o where in_valid_i, out_valid_o, out_data_o where out_valid_o,
// the commit port (its fields when commit_valid_o; the port only in-band),
// both drop channels (reason and tag where valid), idle_o.  The first
// difference stops the run with "cycle C: FIELD: rtl 0xV, expected 0xV".
#ifndef FANOUT_SC_COMPARE_SC_H
#define FANOUT_SC_COMPARE_SC_H

#include "sc_pins.h"

#include <cstdio>
#include <string>

namespace fo_sc {

template <unsigned NP>
class PinCompare : public sc_core::sc_module {
public:
    sc_core::sc_in<bool> clk_i{"clk_i"};

    SC_HAS_PROCESS(PinCompare);
    // dut: the RTL's outputs; ref: the model's (the expected values).
    PinCompare(sc_core::sc_module_name name, const Inputs<NP>& in, const Outputs<NP>& dut,
               const Outputs<NP>& ref)
        : sc_module(name), in_(in), a_(dut), b_(ref) {
        SC_METHOD(on_rise);
        sensitive << clk_i.pos();
        dont_initialize();
    }

    bool failed() const { return !msg_.empty(); }
    const std::string& message() const { return msg_; }
    uint64_t cycles() const { return cycle_; }

private:
    bool differ(const char* field, uint64_t a, uint64_t b) {
        if (a == b) return false;
        char buf[256];
        if (started_)
            std::snprintf(buf, sizeof buf, "cycle %llu: %s: rtl 0x%llx, expected 0x%llx",
                          static_cast<unsigned long long>(cycle_), field, static_cast<unsigned long long>(a),
                          static_cast<unsigned long long>(b));
        else
            std::snprintf(buf, sizeof buf, "reset, %llu cycles after rst_i fell: %s: rtl 0x%llx, expected 0x%llx",
                          static_cast<unsigned long long>(init_), field, static_cast<unsigned long long>(a),
                          static_cast<unsigned long long>(b));
        msg_ = buf;
        sc_core::sc_stop();
        return true;
    }

    static uint64_t bus(uint64_t v) { return v & mask64(NP); }

    bool compare_cycle() {
        char f[64];
        const uint64_t v = bus(in_.in_valid_i.read());
        if (differ("in_ready_o (where in_valid_i)", bus(a_.in_ready_o.read()) & v, bus(b_.in_ready_o.read()) & v))
            return true;
        const uint64_t ov = bus(a_.out_valid_o.read());
        if (differ("out_valid_o", ov, bus(b_.out_valid_o.read()))) return true;
        for (uint64_t w = ov; w; w &= w - 1) {
            const unsigned e = static_cast<unsigned>(__builtin_ctzll(w));
            std::snprintf(f, sizeof f, "out_data_o[%u]", e);
            if (differ(f, get_bits(a_.out_data_o.read(), 64 * e, 64), get_bits(b_.out_data_o.read(), 64 * e, 64)))
                return true;
        }
        const uint64_t cv = get_bits(a_.commit_valid_o.read(), 0, banks(NP));
        if (differ("commit_valid_o", cv, get_bits(b_.commit_valid_o.read(), 0, banks(NP)))) return true;
        for (uint64_t w = cv; w; w &= w - 1) {
            const unsigned b = static_cast<unsigned>(__builtin_ctzll(w));
            const uint64_t ib = get_bits(a_.commit_inband_o.read(), b, 1);
            std::snprintf(f, sizeof f, "commit lane %u", b);
            if (differ(f, ib, get_bits(b_.commit_inband_o.read(), b, 1)) ||
                (ib && differ(f, get_bits(a_.commit_port_o.read(), 6 * b, 6), get_bits(b_.commit_port_o.read(), 6 * b, 6))) ||
                differ(f, get_bits(a_.commit_op_o.read(), 3 * b, 3), get_bits(b_.commit_op_o.read(), 3 * b, 3)) ||
                differ(f, get_bits(a_.commit_gid_o.read(), 16 * b, 16), get_bits(b_.commit_gid_o.read(), 16 * b, 16)) ||
                differ(f, get_bits(a_.commit_bitmap_o.read(), 64 * b, 64), get_bits(b_.commit_bitmap_o.read(), 64 * b, 64)))
                return true;
        }
        const uint64_t pd = bus(a_.prs_drop_valid_o.read());
        if (differ("prs_drop_valid_o", pd, bus(b_.prs_drop_valid_o.read()))) return true;
        for (uint64_t w = pd; w; w &= w - 1) {
            const unsigned p = static_cast<unsigned>(__builtin_ctzll(w));
            std::snprintf(f, sizeof f, "prs_drop_reason_o[%u]", p);
            if (differ(f, get_bits(a_.prs_drop_reason_o.read(), 3 * p, 3),
                       get_bits(b_.prs_drop_reason_o.read(), 3 * p, 3)))
                return true;
            std::snprintf(f, sizeof f, "prs_drop_tag_o[%u]", p);
            if (differ(f, get_bits(a_.prs_drop_tag_o.read(), 24 * p, 24), get_bits(b_.prs_drop_tag_o.read(), 24 * p, 24)))
                return true;
        }
        const uint64_t rd = bus(a_.rep_drop_valid_o.read());
        if (differ("rep_drop_valid_o", rd, bus(b_.rep_drop_valid_o.read()))) return true;
        for (uint64_t w = rd; w; w &= w - 1) {
            const unsigned p = static_cast<unsigned>(__builtin_ctzll(w));
            std::snprintf(f, sizeof f, "rep_drop_tag_o[%u]", p);
            if (differ(f, get_bits(a_.rep_drop_tag_o.read(), 24 * p, 24), get_bits(b_.rep_drop_tag_o.read(), 24 * p, 24)))
                return true;
        }
        return differ("idle_o", a_.idle_o.read(), b_.idle_o.read());
    }

    void on_rise() {
        if (failed()) return;
        if (in_.rst_i.read()) {
            started_ = false;
            init_ = 0;
            return;
        }
        const bool done = a_.init_done_o.read();
        if (differ("init_done_o", done, b_.init_done_o.read())) return;
        if (!done) {
            ++init_;
            return;
        }
        started_ = true;
        if (!compare_cycle()) ++cycle_;
    }

    const Inputs<NP>& in_;
    const Outputs<NP>& a_;
    const Outputs<NP>& b_;
    std::string msg_;
    bool started_ = false;
    uint64_t init_ = 0;
    uint64_t cycle_ = 0;
};

}  // namespace fo_sc

#endif  // FANOUT_SC_COMPARE_SC_H
