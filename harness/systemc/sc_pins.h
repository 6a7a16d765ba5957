// sc_pins.h -- the pins of fanout_switch as SystemC ports and signals.
//
// `verilator --sc` gives a port of W bits the type bool (W = 1), uint32_t
// (2..32), uint64_t (33..64) or sc_bv<W> (65 and more).  pin_t<W> is that
// type, so the SystemC-wrapped model (model_sc.h), the driver, the monitor
// and the Verilated RTL all have ports of one type and bind to one signal.
// The NPORTS-wide buses change type with NPORTS, hence the templates on NP.
//
// SystemC comes before Verilator: include this header before verilated.h.
#ifndef FANOUT_SC_PINS_H
#define FANOUT_SC_PINS_H

#include <systemc>

#include <cstdint>
#include <type_traits>

namespace fo_sc {

template <unsigned W>
using pin_t = std::conditional_t<
    W == 1, bool,
    std::conditional_t<(W <= 32), uint32_t, std::conditional_t<(W <= 64), uint64_t, sc_dt::sc_bv<W>>>>;

inline uint64_t mask64(unsigned width) { return width >= 64 ? ~0ULL : ((1ULL << width) - 1); }

// Bits [lsb+width-1 : lsb] (width <= 64) of a pin value of any pin_t type.
inline uint64_t get_bits(uint64_t v, unsigned lsb, unsigned width) {
    return lsb >= 64 ? 0 : (v >> lsb) & mask64(width);
}
template <int W>
inline uint64_t get_bits(const sc_dt::sc_bv<W>& v, unsigned lsb, unsigned width) {
    uint64_t r = 0;
    unsigned got = 0;
    while (got < width && lsb + got < static_cast<unsigned>(W)) {
        const unsigned bit = lsb + got, bo = bit & 31u;
        unsigned take = 32u - bo;
        if (take > width - got) take = width - got;
        const uint64_t w = static_cast<uint64_t>(v.get_word(static_cast<int>(bit >> 5)));
        r |= ((w >> bo) & mask64(take)) << got;
        got += take;
    }
    return r;
}

// Sets bits [lsb+width-1 : lsb] of a pin value; bits beyond it are ignored.
template <class T, std::enable_if_t<std::is_integral<T>::value, int> = 0>
inline void set_bits(T& s, unsigned lsb, unsigned width, uint64_t v) {
    if (lsb >= 8 * sizeof(T)) return;
    const uint64_t m = mask64(width) << lsb;
    s = static_cast<T>((static_cast<uint64_t>(s) & ~m) | ((v << lsb) & m));
}
template <int W>
inline void set_bits(sc_dt::sc_bv<W>& s, unsigned lsb, unsigned width, uint64_t v) {
    v &= mask64(width);
    unsigned put = 0;
    while (put < width && lsb + put < static_cast<unsigned>(W)) {
        const unsigned bit = lsb + put, bo = bit & 31u;
        unsigned take = 32u - bo;
        if (take > width - put) take = width - put;
        const int wi = static_cast<int>(bit >> 5);
        const uint32_t m = static_cast<uint32_t>(mask64(take) << bo);
        const uint32_t chunk = static_cast<uint32_t>(((v >> put) & mask64(take)) << bo);
        s.set_word(wi, (static_cast<uint32_t>(s.get_word(wi)) & ~m) | chunk);
        put += take;
    }
}

// The port types of fanout_switch with NP ports.
template <unsigned NP>
struct Types {
    using bus = pin_t<NP>;             // in_valid, in_ready, out_valid, out_ready, drop valids
    using flits = pin_t<64 * NP>;      // in_data, out_data
    using reasons = pin_t<3 * NP>;     // prs_drop_reason
    using tags = pin_t<24 * NP>;       // prs_drop_tag, rep_drop_tag
    using op = pin_t<3>;
    using gid = pin_t<16>;
    using port = pin_t<6>;
    using word = pin_t<64>;
};

// The switch's input pins as signals (one driver, any number of switches).
// A module only to give the signals a hierarchical name ("pins.in_valid_i").
template <unsigned NP>
struct Inputs : sc_core::sc_module {
    using T = Types<NP>;
    explicit Inputs(sc_core::sc_module_name name = "inputs") : sc_module(name) {}
    sc_core::sc_signal<bool> rst_i{"rst_i"};
    sc_core::sc_signal<typename T::bus> in_valid_i{"in_valid_i"};
    sc_core::sc_signal<typename T::flits> in_data_i{"in_data_i"};
    sc_core::sc_signal<typename T::bus> out_ready_i{"out_ready_i"};
    sc_core::sc_signal<bool> cmd_valid_i{"cmd_valid_i"};
    sc_core::sc_signal<typename T::op> cmd_op_i{"cmd_op_i"};
    sc_core::sc_signal<typename T::gid> cmd_gid_i{"cmd_gid_i"};
    sc_core::sc_signal<typename T::word> cmd_data_i{"cmd_data_i"};
};

// The switch's output pins as signals (one set per switch).
template <unsigned NP>
struct Outputs : sc_core::sc_module {
    using T = Types<NP>;
    explicit Outputs(sc_core::sc_module_name name = "outputs") : sc_module(name) {}
    sc_core::sc_signal<typename T::bus> in_ready_o{"in_ready_o"};
    sc_core::sc_signal<typename T::bus> out_valid_o{"out_valid_o"};
    sc_core::sc_signal<typename T::flits> out_data_o{"out_data_o"};
    sc_core::sc_signal<bool> commit_valid_o{"commit_valid_o"};
    sc_core::sc_signal<bool> commit_inband_o{"commit_inband_o"};
    sc_core::sc_signal<typename T::port> commit_port_o{"commit_port_o"};
    sc_core::sc_signal<typename T::op> commit_op_o{"commit_op_o"};
    sc_core::sc_signal<typename T::gid> commit_gid_o{"commit_gid_o"};
    sc_core::sc_signal<typename T::word> commit_bitmap_o{"commit_bitmap_o"};
    sc_core::sc_signal<typename T::bus> prs_drop_valid_o{"prs_drop_valid_o"};
    sc_core::sc_signal<typename T::reasons> prs_drop_reason_o{"prs_drop_reason_o"};
    sc_core::sc_signal<typename T::tags> prs_drop_tag_o{"prs_drop_tag_o"};
    sc_core::sc_signal<typename T::bus> rep_drop_valid_o{"rep_drop_valid_o"};
    sc_core::sc_signal<typename T::tags> rep_drop_tag_o{"rep_drop_tag_o"};
    sc_core::sc_signal<bool> init_done_o{"init_done_o"};
    sc_core::sc_signal<bool> idle_o{"idle_o"};
};

// Binds every pin of M (a module with fanout_switch's port names: the
// Verilated RTL, fo_sc::Switch, a monitor) to the signals.
template <class M, class Clk, unsigned NP>
void bind_inputs(M& m, Clk& clk, Inputs<NP>& i) {
    m.clk_i(clk);
    m.rst_i(i.rst_i);
    m.in_valid_i(i.in_valid_i);
    m.in_data_i(i.in_data_i);
    m.out_ready_i(i.out_ready_i);
    m.cmd_valid_i(i.cmd_valid_i);
    m.cmd_op_i(i.cmd_op_i);
    m.cmd_gid_i(i.cmd_gid_i);
    m.cmd_data_i(i.cmd_data_i);
}
template <class M, unsigned NP>
void bind_outputs(M& m, Outputs<NP>& o) {
    m.in_ready_o(o.in_ready_o);
    m.out_valid_o(o.out_valid_o);
    m.out_data_o(o.out_data_o);
    m.commit_valid_o(o.commit_valid_o);
    m.commit_inband_o(o.commit_inband_o);
    m.commit_port_o(o.commit_port_o);
    m.commit_op_o(o.commit_op_o);
    m.commit_gid_o(o.commit_gid_o);
    m.commit_bitmap_o(o.commit_bitmap_o);
    m.prs_drop_valid_o(o.prs_drop_valid_o);
    m.prs_drop_reason_o(o.prs_drop_reason_o);
    m.prs_drop_tag_o(o.prs_drop_tag_o);
    m.rep_drop_valid_o(o.rep_drop_valid_o);
    m.rep_drop_tag_o(o.rep_drop_tag_o);
    m.init_done_o(o.init_done_o);
    m.idle_o(o.idle_o);
}

// The pins as fo_pinev::derive() (pin_events.h) reads them, from any module
// M whose ports carry fanout_switch's names (values read now: call it at the
// rising edge, where every process sees the cycle that the edge ends).
template <unsigned NP, class M>
struct PinView {
    const M& m;
    static uint64_t bus(uint64_t v) { return v & mask64(NP); }
    uint64_t in_valid() const { return bus(m.in_valid_i.read()); }
    uint64_t in_ready() const { return bus(m.in_ready_o.read()); }
    uint64_t out_valid() const { return bus(m.out_valid_o.read()); }
    uint64_t out_ready() const { return bus(m.out_ready_i.read()); }
    uint64_t in_data(unsigned p) const { return get_bits(m.in_data_i.read(), 64 * p, 64); }
    uint64_t out_data(unsigned e) const { return get_bits(m.out_data_o.read(), 64 * e, 64); }
    bool commit_valid() const { return m.commit_valid_o.read(); }
    bool commit_inband() const { return m.commit_inband_o.read(); }
    unsigned commit_port() const { return static_cast<unsigned>(m.commit_port_o.read()); }
    unsigned commit_op() const { return static_cast<unsigned>(m.commit_op_o.read()); }
    unsigned commit_gid() const { return static_cast<unsigned>(m.commit_gid_o.read()); }
    uint64_t commit_bitmap() const { return m.commit_bitmap_o.read(); }
    uint64_t prs_drop_valid() const { return bus(m.prs_drop_valid_o.read()); }
    uint64_t rep_drop_valid() const { return bus(m.rep_drop_valid_o.read()); }
    unsigned prs_drop_reason(unsigned p) const {
        return static_cast<unsigned>(get_bits(m.prs_drop_reason_o.read(), 3 * p, 3));
    }
    uint32_t prs_drop_tag(unsigned p) const {
        return static_cast<uint32_t>(get_bits(m.prs_drop_tag_o.read(), 24 * p, 24));
    }
    uint32_t rep_drop_tag(unsigned p) const {
        return static_cast<uint32_t>(get_bits(m.rep_drop_tag_o.read(), 24 * p, 24));
    }
    bool idle() const { return m.idle_o.read(); }
};

}  // namespace fo_sc

#endif  // FANOUT_SC_PINS_H
