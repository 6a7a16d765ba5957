// model_sc.h -- the C reference model (fo_model_*) as an sc_module with the
// RTL top's pins, so that it can stand wherever the Verilated RTL stands.
//
// Timing (docs/systemc.md): the pins are those of fanout_switch, sampled at
// the rising edge of clk_i.  Inputs driven after a rising edge belong to the
// cycle that edge starts and must be stable by the falling edge; the model
// steps at the falling edge (fo_model_step: this cycle's inputs in, this
// cycle's outputs out) and drives its outputs until the next falling edge.
// So at every rising edge the outputs read as the RTL's do: the registered
// ones as the state at the start of the cycle, in_ready_o as the combinational
// answer to this cycle's flits.  Reset and the group table's clear sweep are
// mirrored too: rst_i is synchronous, init_done_o rises NGROUPS rising edges
// after the last one with rst_i high (as rtl/fanout_group_sram.v), and the model's
// cycle 0 is the first cycle with init_done_o high.
//
// The model keeps only the crc of each payload; the flits shown on out_data_o
// are kept here, at the slot and word the model names (fo_model_in_payload /
// fo_model_out_payload).
#ifndef FANOUT_SC_MODEL_SC_H
#define FANOUT_SC_MODEL_SC_H

#include "sc_pins.h"

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "fanout.h"

namespace fo_sc {

template <unsigned NP>
class ModelCore : public SwitchPorts<NP> {
    using T = Types<NP>;

public:

    SC_HAS_PROCESS(ModelCore);

    // p.nports must be NP.  A bad parameter set leaves the module inert with
    // error() saying why (check ok() after construction).
    ModelCore(sc_core::sc_module_name name, const fo_params& p) : PinPorts<NP, sc_core::sc_out>(name), p_(p) {
        if (p.nports != NP) {
            error_ = "systemc: model built for " + std::to_string(NP) + " ports, asked for " +
                     std::to_string(p.nports);
            return;
        }
        fo_error err = {""};
        if (fo_model_create(&p_, &m_, &err) != FO_OK) {
            error_ = err.msg[0] ? err.msg : "systemc: out of memory";
            return;
        }
        flits_.assign(static_cast<size_t>(NP) * p_.slots * FO_PAYLOAD_GENS * (FO_MAX_LEN + 1), 0);
        SC_METHOD(on_rise);
        this->sensitive << this->clk_i.pos();
        this->dont_initialize();
        SC_METHOD(on_fall);
        this->sensitive << this->clk_i.neg();
        this->dont_initialize();
    }
    ~ModelCore() override { fo_model_destroy(m_); }

    bool ok() const { return error_.empty(); }
    // Why the model stopped (a failed create or a broken invariant), or "".
    const std::string& error() const { return error_; }
    // Check the model's invariants every cycle (fanout model --check).
    void set_checks(bool on) { fo_model_set_checks(m_, on ? 1 : 0); }
    // For testing the checkers that watch this module: idle_o is inverted
    // in cycle c (counted from cycle 0).
    void flip_idle_at(uint64_t c) { flip_idle_ = c; }
    // Back-door read of a group (tests).
    uint64_t group(unsigned gid) const { return m_ ? fo_model_group(m_, gid) : 0; }

private:
    // Reset and the clear sweep, as the RTL's registers see them (one word of
    // every config bank a cycle: ceil(NGROUPS / banks) cycles).
    void on_rise() {
        if (!m_) return;
        if (this->rst_i.read()) {
            if (stepped_) restart();
            sweep_ = 0;
            init_done_ = false;
        } else if (!init_done_ && ++sweep_ == (p_.ngroups + T::NB - 1) / T::NB) {  // all banks at once
            init_done_ = true;
        }
        this->init_done_o.write(init_done_);
    }

    // A second reset after the model has run: start from a fresh model.
    void restart() {
        fo_model_destroy(m_);
        m_ = nullptr;
        fo_error err = {""};
        if (fo_model_create(&p_, &m_, &err) != FO_OK) error_ = err.msg[0] ? err.msg : "out of memory";
        stepped_ = false;
        cycle_ = 0;
        std::memset(&out_, 0, sizeof out_);
        clear_outputs_ = true;  // by on_fall: each output has one writer
    }

    size_t at(unsigned port, unsigned slot, unsigned index) const {
        return (static_cast<size_t>(port) * p_.slots * FO_PAYLOAD_GENS + slot) * (FO_MAX_LEN + 1) + index;
    }

    void on_fall() {
        if (clear_outputs_) {
            write_outputs();
            clear_outputs_ = false;
        }
        if (!m_ || !init_done_ || !error_.empty()) return;
        fo_inputs in;
        std::memset(&in, 0, sizeof in);
        const uint64_t pm = mask64(NP);
        in.in_valid = static_cast<uint64_t>(this->in_valid_i.read()) & pm;
        const auto& data = this->in_data_i.read();
        for (uint64_t w = in.in_valid; w; w &= w - 1) {
            const unsigned p = static_cast<unsigned>(__builtin_ctzll(w));
            in.in_data[p] = get_bits(data, 64 * p, 64);
        }
        in.out_ready = static_cast<uint64_t>(this->out_ready_i.read()) & pm;
        in.cmd_valid = this->cmd_valid_i.read() ? 1 : 0;
        if (in.cmd_valid) {
            in.cmd_op = static_cast<unsigned>(this->cmd_op_i.read()) & 7u;
            in.cmd_gid = static_cast<unsigned>(this->cmd_gid_i.read()) & 0xffffu;
            in.cmd_data = this->cmd_data_i.read();
        }
        // The payload flits as the state at the start of the cycle places
        // them: the egress output registers first (a slot freed at the last
        // edge may be written again this cycle), then the flits taken now.
        out_payload_ = 0;
        for (unsigned e = 0; e < NP; ++e) {
            unsigned p, s, i;
            if (fo_model_out_payload(m_, e, &p, &s, &i)) {
                out_word_[e] = flits_[at(p, s, i)];
                out_payload_ |= 1ULL << e;
            }
        }
        for (uint64_t w = in.in_valid; w; w &= w - 1) {
            const unsigned p = static_cast<unsigned>(__builtin_ctzll(w));
            unsigned s, i;
            if (fo_model_in_payload(m_, p, &s, &i)) flits_[at(p, s, i)] = in.in_data[p];
        }
        stepped_ = true;
        if (fo_model_step(m_, &in, &out_) != FO_OK) {
            fo_error err = {""};
            fo_model_check(m_, &err);
            error_ = std::string("model: ") + (err.msg[0] ? err.msg : "step failed");
        }
        write_outputs();
        ++cycle_;
    }

    void write_outputs() {
        typename T::flits data{};
        typename T::reasons reason{};
        typename T::tags ptag{}, rtag{};
        uint64_t pdrop = 0, rdrop = 0;
        for (uint64_t w = out_.out_valid; w; w &= w - 1) {
            const unsigned e = static_cast<unsigned>(__builtin_ctzll(w));
            const uint64_t flit = ((out_.out_sop >> e) & 1) ? out_.out_hdr[e]
                                  : ((out_payload_ >> e) & 1) ? out_word_[e] : 0;
            set_bits(data, 64 * e, 64, flit);
        }
        // commits: lane b carries the one of config bank b (gid mod NB)
        typename T::lanes cv{}, inband{};
        typename T::ports cport{};
        typename T::ops cop{};
        typename T::gids cgid{};
        typename T::words cword{};
        for (unsigned i = 0; i < out_.nev; ++i) {
            const fo_event& ev = out_.ev[i];
            if (ev.kind == FO_EV_CFG || ev.kind == FO_EV_CSR) {
                const unsigned b = ev.gid & (T::NB - 1);
                set_bits(cv, b, 1, 1);
                set_bits(inband, b, 1, ev.kind == FO_EV_CFG);
                set_bits(cport, 6 * b, 6, ev.kind == FO_EV_CFG ? ev.port : 0);
                set_bits(cop, 3 * b, 3, ev.op);
                set_bits(cgid, 16 * b, 16, ev.gid);
                set_bits(cword, 64 * b, 64, ev.word);
            } else if (ev.kind == FO_EV_DROP && ev.stage == 0) {
                rdrop |= 1ULL << ev.port;
                set_bits(rtag, 24 * ev.port, 24, ev.tag);
            } else if (ev.kind == FO_EV_DROP) {
                pdrop |= 1ULL << ev.port;
                set_bits(reason, 3 * ev.port, 3, ev.op);
                set_bits(ptag, 24 * ev.port, 24, ev.tag);
            }
        }
        const bool flip = cycle_ == flip_idle_ && stepped_;
        this->in_ready_o.write(static_cast<typename T::bus>(out_.in_ready & mask64(NP)));
        this->out_valid_o.write(static_cast<typename T::bus>(out_.out_valid));
        this->out_data_o.write(data);
        this->commit_valid_o.write(cv);
        this->commit_inband_o.write(inband);
        this->commit_port_o.write(cport);
        this->commit_op_o.write(cop);
        this->commit_gid_o.write(cgid);
        this->commit_bitmap_o.write(cword);
        this->prs_drop_valid_o.write(static_cast<typename T::bus>(pdrop));
        this->prs_drop_reason_o.write(reason);
        this->prs_drop_tag_o.write(ptag);
        this->rep_drop_valid_o.write(static_cast<typename T::bus>(rdrop));
        this->rep_drop_tag_o.write(rtag);
        this->idle_o.write((out_.idle != 0) != flip);
    }

    fo_params p_;
    fo_model* m_ = nullptr;
    std::string error_;
    bool init_done_ = false;
    bool stepped_ = false;
    bool clear_outputs_ = false;
    unsigned sweep_ = 0;
    uint64_t cycle_ = 0;
    uint64_t flip_idle_ = UINT64_MAX;
    fo_outputs out_{};
    std::vector<uint64_t> flits_;         // [port][slot][word]: the payloads the model only crcs
    uint64_t out_word_[FO_MAX_PORTS] = {};  // payload flit in egress e's output register
    uint64_t out_payload_ = 0;             // bit e: out_word_[e] is valid
};

}  // namespace fo_sc

#endif  // FANOUT_SC_MODEL_SC_H
