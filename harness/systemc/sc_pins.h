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

// Config banks (commit lanes) of an NP-port switch: the smallest power of two >= NP.
constexpr unsigned banks(unsigned np) { return np <= 1 ? 1 : 2 * banks((np + 1) / 2); }

// The port types of fanout_switch with NP ports.
template <unsigned NP>
struct Types {
    static constexpr unsigned NB = banks(NP);  // commit lanes
    using lanes = pin_t<NB>;           // commit_valid, commit_inband
    using ports = pin_t<6 * NB>;       // commit_port
    using ops = pin_t<3 * NB>;         // commit_op
    using gids = pin_t<16 * NB>;       // commit_gid
    using words = pin_t<64 * NB>;      // commit_bitmap
    using bus = pin_t<NP>;             // in_valid, in_ready, out_valid, out_ready, drop valids
    using flits = pin_t<64 * NP>;      // in_data, out_data
    using reasons = pin_t<3 * NP>;     // prs_drop_reason
    using tags = pin_t<24 * NP>;       // prs_drop_tag, rep_drop_tag
    using op = pin_t<3>;
    using gid = pin_t<16>;
    using port = pin_t<6>;
    using word = pin_t<64>;
};

// The pins of fanout_switch but the clock, once: X(name, type) with the
// types of Types<NP> as T.  Every list of ports or signals below, and their
// binding, is made from these two.
#define FO_SC_INPUT_PINS(X)                                                             \
    X(rst_i, bool) X(in_valid_i, typename T::bus) X(in_data_i, typename T::flits)      \
    X(out_ready_i, typename T::bus) X(cmd_valid_i, bool) X(cmd_op_i, typename T::op)   \
    X(cmd_gid_i, typename T::gid) X(cmd_data_i, typename T::word)
#define FO_SC_OUTPUT_PINS(X)                                                            \
    X(in_ready_o, typename T::bus) X(out_valid_o, typename T::bus)                      \
    X(out_data_o, typename T::flits) X(commit_valid_o, typename T::lanes)               \
    X(commit_inband_o, typename T::lanes) X(commit_port_o, typename T::ports)           \
    X(commit_op_o, typename T::ops) X(commit_gid_o, typename T::gids)                   \
    X(commit_bitmap_o, typename T::words)                                               \
    X(prs_drop_valid_o, typename T::bus) X(prs_drop_reason_o, typename T::reasons)      \
    X(prs_drop_tag_o, typename T::tags) X(rep_drop_valid_o, typename T::bus)            \
    X(rep_drop_tag_o, typename T::tags) X(init_done_o, bool) X(idle_o, bool)

#define FO_SC_IN_PORT(n, t) sc_core::sc_in<t> n{#n};
#define FO_SC_OUT_PORT(n, t) Out<t> n{#n};
#define FO_SC_SIGNAL(n, t) sc_core::sc_signal<t> n{#n};

// The ports of fanout_switch, named and typed as the Verilated RTL's.  Out
// is the outputs' direction: sc_out for a module that stands where the RTL
// stands (ModelCore, Switch: SwitchPorts), sc_in for one that watches a
// switch (the monitor: WatchPorts).  Derive from it.
template <unsigned NP, template <class> class Out>
class PinPorts : public sc_core::sc_module {
    using T = Types<NP>;

public:
    sc_core::sc_in<bool> clk_i{"clk_i"};
    FO_SC_INPUT_PINS(FO_SC_IN_PORT)
    FO_SC_OUTPUT_PINS(FO_SC_OUT_PORT)

protected:
    explicit PinPorts(sc_core::sc_module_name name) : sc_module(name) {}
};
template <unsigned NP>
using SwitchPorts = PinPorts<NP, sc_core::sc_out>;
template <unsigned NP>
using WatchPorts = PinPorts<NP, sc_core::sc_in>;

// The switch's input pins as signals (one driver, any number of switches).
// A module only to give the signals a hierarchical name ("inputs.in_valid_i").
template <unsigned NP>
struct Inputs : sc_core::sc_module {
    using T = Types<NP>;
    explicit Inputs(sc_core::sc_module_name name = "inputs") : sc_module(name) {}
    FO_SC_INPUT_PINS(FO_SC_SIGNAL)
};

// The switch's output pins as signals (one set per switch).
template <unsigned NP>
struct Outputs : sc_core::sc_module {
    using T = Types<NP>;
    explicit Outputs(sc_core::sc_module_name name = "outputs") : sc_module(name) {}
    FO_SC_OUTPUT_PINS(FO_SC_SIGNAL)
};

#define FO_SC_BIND(n, t) m.n(s.n);
// Binds the clock and every input pin of M (a module with fanout_switch's
// port names: the Verilated RTL, Switch, ModelCore, a WatchPorts) to the signals.
template <class M, class Clk, unsigned NP>
void bind_inputs(M& m, Clk& clk, Inputs<NP>& s) {
    m.clk_i(clk);
    FO_SC_INPUT_PINS(FO_SC_BIND)
}
// Binds every output pin of M.
template <class M, unsigned NP>
void bind_outputs(M& m, Outputs<NP>& s) {
    FO_SC_OUTPUT_PINS(FO_SC_BIND)
}
#undef FO_SC_BIND

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
    unsigned commit_lanes() const { return banks(NP); }
    bool commit_valid(unsigned b) const { return get_bits(m.commit_valid_o.read(), b, 1) != 0; }
    bool commit_inband(unsigned b) const { return get_bits(m.commit_inband_o.read(), b, 1) != 0; }
    unsigned commit_port(unsigned b) const {
        return static_cast<unsigned>(get_bits(m.commit_port_o.read(), 6 * b, 6));
    }
    unsigned commit_op(unsigned b) const { return static_cast<unsigned>(get_bits(m.commit_op_o.read(), 3 * b, 3)); }
    unsigned commit_gid(unsigned b) const {
        return static_cast<unsigned>(get_bits(m.commit_gid_o.read(), 16 * b, 16));
    }
    uint64_t commit_bitmap(unsigned b) const { return get_bits(m.commit_bitmap_o.read(), 64 * b, 64); }
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
