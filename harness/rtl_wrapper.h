// rtl_wrapper.h -- one Verilated fanout_switch behind the fo_rtl stepping contract.
//
// RtlWrapper<V, TFP> is written once for every configuration: V is the
// Verilated class of one configuration (Vfanout_p32_g65536_s16_l2, ...), TFP
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

#include <zlib.h>

#include "fanout.h"
#include "fanout_rtl.h"
#include "pins.h"
#include "verilated.h"
#include "verilated_syms.h"

// The C handle: an abstract base, one implementation per configuration.
struct fo_rtl {
    virtual ~fo_rtl() = default;
    virtual int step(const fo_inputs* in, fo_outputs* out) = 0;
    virtual int dump_table(std::FILE* f, fo_error* err) = 0;
    virtual int write_coverage(const char* path, fo_error* err) = 0;
    // After step() failed: what went wrong.
    std::string error;
};

namespace fo_harness {

void set_error(fo_error* err, const char* fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

// Finds the group table copy D among the model's public variables: an
// unpacked array of NGROUPS words of NPORTS..64 bits.  The RTL marks it
// /*verilator public_flat_rd*/; if copy C is public too, the one whose
// hierarchical name has a token "d" (u_d, mem_d, copy_d, ...) wins.
const VerilatedVar* find_table(VerilatedContext* ctx, const fo_params& p, std::string* name);

constexpr unsigned kResetCycles = 4;

template <class V, class TFP>
class RtlWrapper final : public fo_rtl {
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
        if (o.rand_reset) {
            ctx_->randReset(2);
            ctx_->randSeed(static_cast<int>(o.seed));
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
        ctx_->time(2 * cycle_);
        t.eval();
        wave(2 * cycle_);

        // ---- read this cycle's outputs ----
        const uint64_t rdy = fo_pins::get_bits(t.in_ready_o, 0, n);
        const uint64_t ov = fo_pins::get_bits(t.out_valid_o, 0, n);
        out->in_ready = rdy;
        out->out_valid = ov;
        out->out_sop = 0;
        std::memset(out->out_hdr, 0, sizeof out->out_hdr);
        out->idle = (t.idle_o & 1) ? 1 : 0;
        out->nev = 0;

        // acc: a header flit taken on ingress p.
        for (uint64_t m = inv & rdy; m; m &= m - 1) {
            const unsigned p = static_cast<unsigned>(__builtin_ctzll(m));
            const uint64_t flit = in->in_data[p];
            if (in_left_[p] == 0) {
                fo_event* e = add(out, FO_EV_ACC, p);
                e->tag = FO_HDR_TAG(flit);
                in_left_[p] = FO_HDR_LEN(flit);
            } else {
                --in_left_[p];
            }
        }
        // cfg / csr: the commit port.
        if (t.commit_valid_o & 1) {
            const bool inband = (t.commit_inband_o & 1) != 0;
            fo_event* e = add(out, inband ? FO_EV_CFG : FO_EV_CSR,
                              inband ? static_cast<unsigned>(t.commit_port_o & 63u) : 0);
            e->op = static_cast<uint8_t>(t.commit_op_o & 7u);
            e->gid = static_cast<uint32_t>(t.commit_gid_o & 0xffffu);
            e->word = fo_pins::get_bits(t.commit_bitmap_o, 0, 64);
        }
        // drop: replicator (stage 0, reason empty) and parser (stage 1).
        const uint64_t rdrop = fo_pins::get_bits(t.rep_drop_valid_o, 0, n);
        for (uint64_t m = rdrop; m; m &= m - 1) {
            const unsigned p = static_cast<unsigned>(__builtin_ctzll(m));
            fo_event* e = add(out, FO_EV_DROP, p);
            e->op = FO_DROP_EMPTY;
            e->stage = 0;
            e->tag = static_cast<uint32_t>(fo_pins::get_bits(t.rep_drop_tag_o, 24 * p, 24));
        }
        const uint64_t pdrop = fo_pins::get_bits(t.prs_drop_valid_o, 0, n);
        for (uint64_t m = pdrop; m; m &= m - 1) {
            const unsigned p = static_cast<unsigned>(__builtin_ctzll(m));
            fo_event* e = add(out, FO_EV_DROP, p);
            e->op = static_cast<uint8_t>(fo_pins::get_bits(t.prs_drop_reason_o, 3 * p, 3));
            e->stage = 1;
            e->tag = static_cast<uint32_t>(fo_pins::get_bits(t.prs_drop_tag_o, 24 * p, 24));
        }
        // out / outend: flits leaving egress e.
        for (uint64_t m = ov; m; m &= m - 1) {
            const unsigned e = static_cast<unsigned>(__builtin_ctzll(m));
            const uint64_t flit = fo_pins::get_bits(t.out_data_o, 64 * e, 64);
            const bool leaves = (ordy >> e) & 1;
            if (out_left_[e] == 0) {  // a header
                out->out_sop |= 1ULL << e;
                out->out_hdr[e] = flit;
                if (!leaves) continue;
                add(out, FO_EV_OUT, e)->word = flit;
                const unsigned len = FO_HDR_LEN(flit);
                if (len == 0) {
                    add(out, FO_EV_OUTEND, e)->crc = 0;
                } else {
                    out_left_[e] = len;
                    out_crc_[e] = static_cast<uint32_t>(crc32(0L, Z_NULL, 0));
                }
            } else if (leaves) {  // a payload flit
                unsigned char b[8];
                for (unsigned i = 0; i < 8; ++i) b[i] = static_cast<unsigned char>(flit >> (8 * i));
                out_crc_[e] = static_cast<uint32_t>(crc32(out_crc_[e], b, 8));
                if (--out_left_[e] == 0) add(out, FO_EV_OUTEND, e)->crc = out_crc_[e];
            }
        }
        fo_events_sort(out->ev, out->nev);

        // ---- the clock edge that ends the cycle ----
        t.clk_i = 1;
        ctx_->time(2 * cycle_ + 1);
        t.eval();
        wave(2 * cycle_ + 1);
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
        std::string name;
        const VerilatedVar* var = find_table(ctx_.get(), p_, &name);
        if (!var) {
            set_error(err,
                      "rtl: no public group table (%u words of %u bits) found in the model; "
                      "mark copy D /*verilator public_flat_rd*/",
                      p_.ngroups, p_.nports);
            return FO_EIO;
        }
        const unsigned esz = var->entSize();
        const int low = var->low(1);
        for (unsigned gid = 0; gid < p_.ngroups; ++gid) {
            const void* ep = var->datapAdjustIndex(var->datap(), 1, low + static_cast<int>(gid));
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
    static fo_event* add(fo_outputs* out, unsigned kind, unsigned port) {
        fo_event* e = &out->ev[out->nev++];
        std::memset(e, 0, sizeof *e);
        e->kind = static_cast<uint8_t>(kind);
        e->port = static_cast<uint8_t>(port);
        return e;
    }

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
            if (t.init_done_o & 1) break;
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
    unsigned in_left_[FO_MAX_PORTS] = {};   // payload flits still to take, per ingress
    unsigned out_left_[FO_MAX_PORTS] = {};  // payload flits still to leave, per egress
    uint32_t out_crc_[FO_MAX_PORTS] = {};   // crc32 of the copy leaving egress e
};

}  // namespace fo_harness

#endif  // FANOUT_HARNESS_RTL_WRAPPER_H
