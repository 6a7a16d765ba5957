// rtl_wrapper.h -- one Verilated fanout_switch behind the fo_rtl stepping contract.
//
// RtlWrapper<V, TFP> is written once for every configuration: V is the
// Verilated class of one configuration (Vfanout_p32_g65536_s64_l2, ...), TFP
// its trace writer (VerilatedVcdC, or VerilatedFstC for an FST build).  How
// each trace event is derived from the pins is described in docs/harness.md.
#ifndef FANOUT_HARNESS_RTL_WRAPPER_H
#define FANOUT_HARNESS_RTL_WRAPPER_H

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "fanout.h"
#include "fanout_rtl.h"
#include "pin_events.h"
#include "pins.h"
#include "verilated.h"
#include "verilated_syms.h"

// The C handle: an abstract base, one implementation per configuration.
struct fo_rtl {
    virtual ~fo_rtl() = default;
    virtual int step(const fo_inputs* in, fo_outputs* out) = 0;
    virtual int dump_table(std::FILE* f, fo_error* err) = 0;
    virtual int write_coverage(const char* path, fo_error* err) = 0;
    // The model's outputs of the cycle about to be stepped, shown under the
    // waveform's `model` scope (fanout_tb.v); without a call they stay 0.
    virtual void expect(const fo_outputs* ref) = 0;
    // After step() failed: what went wrong.
    std::string error;
};

namespace fo_harness {

void set_error(fo_error* err, const char* fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

// Finds the banks of the group table's config copy (copy C) among the
// model's public variables: in scope ...g_cbank[b]..., an unpacked array of
// ceil(NGROUPS/B) words of NPORTS bits (rtl/fanout_sram.v marks its array
// /*verilator public_flat_rd*/).  banks[b] is bank b, or null if not found.
void find_table_banks(VerilatedContext* ctx, const fo_params& p,
                      std::vector<const VerilatedVar*>& banks);

constexpr unsigned kResetCycles = 4;
// Waveform time: cycle c spans c ns .. c+1 ns (the RTL's precision is 1 ps),
// its rising edge at c.5 ns, so GTKWave's time axis reads in cycles.
constexpr uint64_t kTicksPerCycle = 1000;
// How often the clear sweep reports its progress (fo_rtl_opts.progress).
constexpr uint64_t kSweepReport = 4096;

template <class V, class TFP>
class RtlWrapper final : public fo_rtl {
    // The Verilated model's pins as fo_pinev::derive() reads them; the
    // inputs come from fo_inputs (what was driven), the outputs from V.
    struct PinView {
        const V& t;
        unsigned n;
        uint64_t inv, ordy;
        const fo_inputs* in;
        uint64_t in_valid() const { return inv; }
        uint64_t in_ready() const { return fo_pins::get_bits(t.in_ready_o, 0, n); }
        uint64_t out_valid() const { return fo_pins::get_bits(t.out_valid_o, 0, n); }
        uint64_t out_ready() const { return ordy; }
        uint64_t in_data(unsigned p) const { return in->in_data[p]; }
        uint64_t out_data(unsigned e) const { return fo_pins::get_bits(t.out_data_o, 64 * e, 64); }
        unsigned commit_lanes() const { return fo_pins::fo_cfg_banks_n(n); }
        bool commit_valid(unsigned b) const { return fo_pins::get_bits(t.commit_valid_o, b, 1) != 0; }
        bool commit_inband(unsigned b) const { return fo_pins::get_bits(t.commit_inband_o, b, 1) != 0; }
        unsigned commit_port(unsigned b) const {
            return static_cast<unsigned>(fo_pins::get_bits(t.commit_port_o, 6 * b, 6));
        }
        unsigned commit_op(unsigned b) const {
            return static_cast<unsigned>(fo_pins::get_bits(t.commit_op_o, 3 * b, 3));
        }
        unsigned commit_gid(unsigned b) const {
            return static_cast<unsigned>(fo_pins::get_bits(t.commit_gid_o, 16 * b, 16));
        }
        uint64_t commit_bitmap(unsigned b) const { return fo_pins::get_bits(t.commit_bitmap_o, 64 * b, 64); }
        uint64_t prs_drop_valid() const { return fo_pins::get_bits(t.prs_drop_valid_o, 0, n); }
        uint64_t rep_drop_valid() const { return fo_pins::get_bits(t.rep_drop_valid_o, 0, n); }
        unsigned prs_drop_reason(unsigned p) const {
            return static_cast<unsigned>(fo_pins::get_bits(t.prs_drop_reason_o, 3 * p, 3));
        }
        uint32_t prs_drop_tag(unsigned p) const {
            return static_cast<uint32_t>(fo_pins::get_bits(t.prs_drop_tag_o, 24 * p, 24));
        }
        uint32_t rep_drop_tag(unsigned p) const {
            return static_cast<uint32_t>(fo_pins::get_bits(t.rep_drop_tag_o, 24 * p, 24));
        }
        bool idle() const { return t.idle_o & 1; }
    };

public:
    explicit RtlWrapper(const fo_params& p)
        : p_(p) {}

    ~RtlWrapper() override {
        if (tfp_) tfp_->close();
        if (top_) {
            Verilated::threadContextp(ctx_.get());
            top_->final();
        }
        tfp_.reset();
        top_.reset();  // the model before its context
        ctx_.reset();
    }

    // Builds the model, opens the waveform, resets and runs the table's clear
    // sweep; the next step() is cycle 0.
    int init(const fo_rtl_opts& o, fo_error* err) {
        ctx_.reset(new VerilatedContext);
        ctx_->fatalOnError(false);  // $stop/$error: step() fails, nothing aborts
        // The model's own thread count (fo_rtl_create picks a --threads model
        // for threads > 1): a single-threaded model then gets no idle pool
        // thread (the context's default is one per core).
        ctx_->threads(o.threads > 1 ? o.threads : 1);
        if (o.rand_reset) {
            ctx_->randReset(2);
            ctx_->randSeed(static_cast<int>(o.seed));
        }
        {  // the RTL asks $test$plusargs, which needs the arguments set (even none)
            // +fanout_fast_clear: fanout_sram's initial block clears the table and
            // fanout_group_sram skips the sweep
            const char* args[] = {"fanout", "+fanout_fast_clear"};
            ctx_->commandArgs(o.sweep ? 1 : 2, args);
        }
        if (o.wave) {
            std::FILE* f = std::fopen(o.wave, "wb");
            if (!f) {
                set_error(err, "%s: cannot write the waveform", o.wave);
                return FO_EIO;
            }
            std::fclose(f);
            ctx_->traceEverOn(true);
        }
        top_.reset(new V(ctx_.get(), "TOP"));
        if (o.wave) {
            tfp_.reset(new TFP);
            top_->trace(tfp_.get(), 99);
            tfp_->open(o.wave);
            if (!tfp_->isOpen()) {
                set_error(err, "%s: cannot write the waveform", o.wave);
                return FO_EIO;
            }
            wave_from_ = o.wave_from;
            wave_to_ = o.wave_to;
        }
        progress_ = o.progress;
        progress_ctx_ = o.progress_ctx;
        return reset(err);
    }

    int step(const fo_inputs* in, fo_outputs* out) override {
        if (failed_) return FO_EMISMATCH;
        Verilated::threadContextp(ctx_.get());
        V& t = *top_;
        const unsigned n = p_.nports;
        const uint64_t pm = fo_pins::mask64(n);
        const uint64_t inv = in->in_valid & pm;
        const uint64_t ordy = in->out_ready & pm;

        // ---- drive this cycle's inputs, evaluate (clock low) ----
        t.clk_i = 0;
        t.rst_i = 0;
        fo_pins::set_bits(t.in_valid_i, 0, n, inv);
        for (unsigned p = 0; p < n; ++p)
            fo_pins::set_bits(t.in_data_i, 64 * p, 64, ((inv >> p) & 1) ? in->in_data[p] : 0);
        fo_pins::set_bits(t.out_ready_i, 0, n, ordy);
        const bool cv = in->cmd_valid != 0;
        t.cmd_valid_i = cv;
        t.cmd_op_i = cv ? (in->cmd_op & 7u) : 0;
        t.cmd_gid_i = cv ? (in->cmd_gid & 0xffffu) : 0;
        fo_pins::set_bits(t.cmd_data_i, 0, 64, cv ? in->cmd_data : 0);
        t.cycle_i = cycle_;
        ctx_->time(kTicksPerCycle * cycle_);
        t.eval();
        wave(kTicksPerCycle * cycle_);

        // ---- read this cycle's outputs, derive the events ----
        fo_pinev::derive(PinView{t, n, inv, ordy, in}, tracker_, out);

        // ---- the clock edge that ends the cycle ----
        t.clk_i = 1;
        ctx_->time(kTicksPerCycle * cycle_ + kTicksPerCycle / 2);
        t.eval();
        wave(kTicksPerCycle * cycle_ + kTicksPerCycle / 2);
        ++cycle_;
        if (ctx_->gotError() || ctx_->gotFinish()) {
            failed_ = true;
            char b[160];
            std::snprintf(b, sizeof b,
                          "rtl: the RTL stopped ($stop, $error or $finish) at cycle %llu "
                          "(Verilator's message is on stderr)",
                          static_cast<unsigned long long>(cycle_ - 1));
            error = b;
            return FO_EMISMATCH;
        }
        return FO_OK;
    }

    void expect(const fo_outputs* ref) override {
        if (!tfp_) return;  // only a waveform shows them
        V& t = *top_;
        const unsigned n = p_.nports;
        fo_pins::set_bits(t.model_in_ready_i, 0, n, ref->in_ready);
        fo_pins::set_bits(t.model_out_valid_i, 0, n, ref->out_valid);
        fo_pins::set_bits(t.model_out_sop_i, 0, n, ref->out_sop);
        for (unsigned e = 0; e < n; ++e)
            fo_pins::set_bits(t.model_out_data_i, 64 * e, 64,
                              ((ref->out_sop >> e) & 1) ? ref->out_hdr[e] : 0);
        // Each model commit on the lane of its group's bank, as the RTL reports it.
        const unsigned nb = fo_pins::fo_cfg_banks_n(n);
        fo_pins::set_bits(t.model_commit_valid_i, 0, nb, 0);
        for (unsigned i = 0; i < ref->nev; ++i) {
            const fo_event& ev = ref->ev[i];
            if (ev.kind != FO_EV_CFG && ev.kind != FO_EV_CSR) continue;
            const unsigned b = ev.gid & (nb - 1);
            fo_pins::set_bits(t.model_commit_valid_i, b, 1, 1);
            fo_pins::set_bits(t.model_commit_op_i, 3 * b, 3, ev.op & 7u);
            fo_pins::set_bits(t.model_commit_gid_i, 16 * b, 16, ev.gid & 0xffffu);
            fo_pins::set_bits(t.model_commit_bitmap_i, 64 * b, 64, ev.word);
        }
        t.model_idle_i = ref->idle ? 1 : 0;
    }

    int write_coverage(const char* path, fo_error* err) override {
#if VM_COVERAGE
        (void)err;
        Verilated::threadContextp(ctx_.get());
        ctx_->coveragep()->write(path);
        return FO_OK;
#else
        (void)path;
        set_error(err, "rtl: not built with coverage (configure with -DFANOUT_RTL_COVERAGE=ON)");
        return FO_EINPUT;
#endif
    }

    int dump_table(std::FILE* f, fo_error* err) override {
        const unsigned nb = fo_pins::fo_cfg_banks_n(p_.nports);
        unsigned bw = 0;
        while ((1u << bw) < nb) ++bw;
        std::vector<const VerilatedVar*> banks;
        find_table_banks(ctx_.get(), p_, banks);
        for (unsigned b = 0; b < nb; ++b) {
            if (!banks[b]) {
                set_error(err,
                          "rtl: bank %u of the group table (%u words of %u bits, scope g_cbank) "
                          "not found in the model; rtl/fanout_sram.v must mark its array "
                          "/*verilator public_flat_rd*/",
                          b, (p_.ngroups + nb - 1) / nb, p_.nports);
                return FO_EIO;
            }
        }
        for (unsigned gid = 0; gid < p_.ngroups; ++gid) {
            const VerilatedVar* var = banks[gid & (nb - 1)];
            const unsigned esz = var->entSize();
            const int low = var->low(1);
            const void* ep =
                var->datapAdjustIndex(var->datap(), 1, low + static_cast<int>(gid >> bw));
            uint64_t w = 0;
            if (ep) std::memcpy(&w, ep, esz < 8 ? esz : 8);  // little-endian host
            w &= fo_pins::mask64(p_.nports);
            if (w && std::fprintf(f, "%u %016llx\n", gid, static_cast<unsigned long long>(w)) < 0) {
                set_error(err, "rtl: cannot write the table");
                return FO_EIO;
            }
        }
        return FO_OK;
    }

private:
    void wave(uint64_t t) {
        if (!tfp_ || !tfp_->isOpen()) return;
        if (cycle_ < wave_from_) return;
        if (cycle_ > wave_to_) {
            tfp_->close();
            return;
        }
        tfp_->dump(t);
    }

    int reset(fo_error* err) {
        V& t = *top_;
        t.clk_i = 0;
        t.rst_i = 1;
        fo_pins::set_bits(t.in_valid_i, 0, p_.nports, 0);
        for (unsigned p = 0; p < p_.nports; ++p) fo_pins::set_bits(t.in_data_i, 64 * p, 64, 0);
        fo_pins::set_bits(t.out_ready_i, 0, p_.nports, 0);
        t.cmd_valid_i = 0;
        t.cmd_op_i = 0;
        t.cmd_gid_i = 0;
        fo_pins::set_bits(t.cmd_data_i, 0, 64, 0);
        ctx_->time(0);
        for (unsigned i = 0; i < kResetCycles; ++i) {
            t.clk_i = 0;
            t.eval();
            t.clk_i = 1;
            t.eval();
        }
        t.rst_i = 0;
        // The clear sweep takes NGROUPS cycles; allow twice that.
        const uint64_t limit = 2ULL * p_.ngroups + 64;
        for (uint64_t i = 0;; ++i) {
            t.clk_i = 0;
            t.eval();
            if (t.init_done_o & 1) {  // at once when the fast clear skipped the sweep
                if (progress_ && i > 0) progress_(progress_ctx_, p_.ngroups, p_.ngroups);
                break;
            }
            if (progress_ && i % kSweepReport == 0) progress_(progress_ctx_, i, p_.ngroups);
            if (i == limit || ctx_->gotError() || ctx_->gotFinish()) {
                set_error(err, "rtl: init_done_o still low %llu cycles after reset",
                          static_cast<unsigned long long>(i));
                return FO_EHANG;
            }
            t.clk_i = 1;
            t.eval();
        }
        if (ctx_->gotError() || ctx_->gotFinish()) {
            set_error(err, "rtl: the RTL stopped ($stop, $error or $finish) during reset");
            return FO_EMISMATCH;
        }
        return FO_OK;
    }

    fo_params p_;
    std::unique_ptr<VerilatedContext> ctx_;
    std::unique_ptr<V> top_;
    std::unique_ptr<TFP> tfp_;
    uint64_t wave_from_ = 0;
    uint64_t wave_to_ = UINT64_MAX;
    uint64_t cycle_ = 0;
    bool failed_ = false;
    void (*progress_)(void*, uint64_t, uint64_t) = nullptr;  // the clear sweep's progress
    void* progress_ctx_ = nullptr;
    fo_pinev::Tracker tracker_;  // how far each port is into its packet
};

}  // namespace fo_harness

#endif  // FANOUT_HARNESS_RTL_WRAPPER_H
