// main.cpp -- fanout-systemc: a stimulus through the switch in a SystemC
// kernel.  The model (default), the Verilated SystemC RTL (--rtl) or both
// side by side, compared pin by pin (--both).  One driver module feeds the
// pins, one monitor module writes the trace from the pins; docs/systemc.md.
#include "sc_pins.h"  // SystemC first, then Verilator

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <type_traits>

#include "compare_sc.h"
#include "driver_sc.h"
#include "model_sc.h"
#include "monitor_sc.h"
#include "switch_sc.h"
#include "fanout_io.h"
#include "fanout_sc_configs.h"  // generated: FO_SC_MODEL_NPORTS(X), FO_SC_RTL_CONFIGS(X), includes
#include "rtl_args_sc.h"

namespace {

const char kUsage[] =
    "usage: fanout-systemc [--rtl | --both] STIM [-o TRACE] [--gold TRACE] [--quiet]\n"
    "       fanout-systemc --time-resolution\n"
    "  Runs STIM (plain or .gz) through the switch as a SystemC module and writes\n"
    "  the trace that `fanout model` writes (stdout without -o or --gold).\n"
    "  (default)  the C model wrapped as an sc_module with the RTL's pins\n"
    "  --rtl      the Verilated RTL (verilator --sc) instead\n"
    "  --both     both in one kernel, one driver, compared pin by pin every cycle;\n"
    "             the first difference is reported (exit 1); -o writes the RTL's trace\n"
    "  --gold T   compare every trace line with the golden trace T (exit 1 at the first\n"
    "             difference)\n"
    "  --flip-idle C  invert the model's idle_o in cycle C (to see a check fail)\n"
    "  --time-resolution  print SystemC's time resolution (that of the RTL's timescale)\n"
    "  Exit: 0 success, 1 mismatch or hang, 2 bad input or usage.\n";

struct Cli {
    const char* stim = nullptr;
    const char* out = nullptr;
    const char* gold = nullptr;
    bool rtl = false, both = false, quiet = false;
    uint64_t flip_idle = UINT64_MAX;
};

int usage_error(const char* what, const char* arg) {
    std::fprintf(stderr, "fanout-systemc: %s%s%s\n%s", what, arg ? " " : "", arg ? arg : "", kUsage);
    return 2;
}

// 0 to run, else the exit status (-1: done, exit 0).
int parse(int argc, char** argv, Cli* c) {
    for (int i = 1; i < argc; ++i) {
        const char* a = argv[i];
        const bool has_value = i + 1 < argc;
        if (!std::strcmp(a, "--help") || !std::strcmp(a, "-h")) {
            std::fputs(kUsage, stdout);
            return -1;
        } else if (!std::strcmp(a, "--time-resolution")) {
            std::printf("%s\n", sc_core::sc_get_time_resolution().to_string().c_str());
            return -1;
        } else if (!std::strcmp(a, "--rtl")) {
            c->rtl = true;
        } else if (!std::strcmp(a, "--both")) {
            c->both = true;
        } else if (!std::strcmp(a, "--quiet")) {
            c->quiet = true;
        } else if (!std::strcmp(a, "-o") || !std::strcmp(a, "--gold") || !std::strcmp(a, "--flip-idle")) {
            if (!has_value) return usage_error("option needs a value:", a);
            const char* v = argv[++i];
            if (a[1] == 'o') {
                c->out = v;
            } else if (a[2] == 'g') {
                c->gold = v;
            } else {
                char* end = nullptr;
                c->flip_idle = std::strtoull(v, &end, 10);
                if (!*v || *end) return usage_error("--flip-idle wants a cycle number, not", v);
            }
        } else if (a[0] == '-' && a[1]) {
            return usage_error("unknown option", a);
        } else if (c->stim) {
            return usage_error("one stimulus file, please; extra:", a);
        } else {
            c->stim = a;
        }
    }
    if (!c->stim) return usage_error("no stimulus file given", nullptr);
    if (c->rtl && c->both) return usage_error("--rtl and --both exclude each other", nullptr);
    return 0;
}

// One clock cycle (1 ns; the RTL's `timescale unit).  Not a static
// sc_time: the first one built fixes the time resolution.
sc_core::sc_time period() { return sc_core::sc_time(1, sc_core::SC_NS); }

// Holds rst_i high for the first few rising edges (as the harness does).
SC_MODULE(ResetGen) {
    sc_core::sc_in<bool> clk_i{"clk_i"};
    sc_core::sc_out<bool> rst_o{"rst_o"};
    SC_CTOR(ResetGen) { SC_THREAD(run); }
    void run() {
        rst_o.write(true);
        for (int i = 0; i < 5; ++i) wait(clk_i.posedge_event());
        rst_o.write(false);
    }
};

template <unsigned NP>
void bind_monitor(fo_sc::Monitor<NP>& m, sc_core::sc_clock& clk, fo_sc::Inputs<NP>& in, fo_sc::Outputs<NP>& o,
                  sc_core::sc_signal<bool>& done) {
    fo_sc::bind_inputs(m, clk, in);
    fo_sc::bind_outputs(m, o);
    m.done_i(done);
}

template <unsigned NP>
void bind_driver(fo_sc::StimDriver<NP>& d, sc_core::sc_clock& clk, fo_sc::Inputs<NP>& in,
                 fo_sc::Outputs<NP>& o, sc_core::sc_signal<bool>& done) {
    d.clk_i(clk);
    d.init_done_i(o.init_done_o);
    d.in_ready_i(o.in_ready_o);
    d.in_valid_o(in.in_valid_i);
    d.in_data_o(in.in_data_i);
    d.out_ready_o(in.out_ready_i);
    d.cmd_valid_o(in.cmd_valid_i);
    d.cmd_op_o(in.cmd_op_i);
    d.cmd_gid_o(in.cmd_gid_i);
    d.cmd_data_o(in.cmd_data_i);
    d.done_o(done);
}

// The exit status of a finished run, its messages on stderr.
int report(const Cli& c, const char* what, int rc, const char* msg, uint64_t cycles, double seconds) {
    if (rc == FO_EMISMATCH || rc == FO_EHANG) {
        std::fprintf(stderr, "fanout-systemc: %s: MISMATCH: %s\n", c.stim, msg);
        return 1;
    }
    if (rc != FO_OK) {
        std::fprintf(stderr, "%s\n", msg[0] ? msg : "fanout-systemc: out of memory");
        return 2;
    }
    if (!c.quiet)
        std::fprintf(stderr, "systemc %s: %s: %llu cycles, %.0f cycles/s%s\n", what, c.stim,
                     static_cast<unsigned long long>(cycles), seconds > 0 ? cycles / seconds : 0.0,
                     c.gold ? ", golden trace matched" : "");
    return 0;
}

double now() {
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

// One switch (Core: the model or a Verilated class), one driver, one monitor.
template <unsigned NP, class Core>
int run_one(const Cli& c, const fo_stim* st, const char* what) {
    const char* trace = c.out ? c.out : c.gold ? nullptr : "-";
    sc_core::sc_clock clk("clk", period());
    fo_sc::Inputs<NP> in;
    fo_sc::Outputs<NP> out;
    sc_core::sc_signal<bool> done{"done"};
    ResetGen rst("reset");
    rst.clk_i(clk);
    rst.rst_o(in.rst_i);
    fo_sc::Switch<NP, Core> sw("switch", st->params, period());
    fo_sc::bind_inputs(sw, clk, in);
    fo_sc::bind_outputs(sw, out);
    fo_sc::StimDriver<NP> drv("driver", st);
    bind_driver(drv, clk, in, out, done);
    fo_sc::Monitor<NP> mon("monitor", st->params, trace, c.gold);
    bind_monitor<NP>(mon, clk, in, out, done);
    if constexpr (std::is_same<Core, fo_sc::ModelCore<NP>>::value) {
        if (!sw.core().ok()) return report(c, what, FO_EINPUT, sw.core().error().c_str(), 0, 0);
        sw.core().flip_idle_at(c.flip_idle);
    }
    if (!drv.ok()) return report(c, what, FO_ENOMEM, "", 0, 0);
    if (mon.rc() != FO_OK) return report(c, what, mon.rc(), mon.message(), 0, 0);
    const double t0 = now();
    sc_core::sc_start();
    const double dt = now() - t0;
    if constexpr (std::is_same<Core, fo_sc::ModelCore<NP>>::value) {
        if (!sw.core().error().empty()) {
            mon.abort();
            return report(c, what, FO_EMISMATCH, sw.core().error().c_str(), mon.cycle(), dt);
        }
    }
#if FO_SC_HAVE_RTL
    else {
        sw.core().final();
        if (Verilated::threadContextp()->gotError()) {
            mon.abort();
            return report(c, what, FO_EMISMATCH, "rtl: the RTL stopped ($stop, $error or $finish; "
                                                 "Verilator's message is on stderr)", mon.cycle(), dt);
        }
    }
#endif
    return report(c, what, mon.rc(), mon.message(), mon.cycle(), dt);
}

#if FO_SC_HAVE_RTL
// The Verilated RTL and the model side by side, one driver, compared.
template <unsigned NP, class V>
int run_both(const Cli& c, const fo_stim* st) {
    sc_core::sc_clock clk("clk", period());
    fo_sc::Inputs<NP> in;
    fo_sc::Outputs<NP> rtl_out("rtl_outputs"), model_out("model_outputs");
    sc_core::sc_signal<bool> done{"done"};
    ResetGen rst("reset");
    rst.clk_i(clk);
    rst.rst_o(in.rst_i);
    fo_sc::Switch<NP, V> rtl("rtl", st->params, period());
    fo_sc::bind_inputs(rtl, clk, in);
    fo_sc::bind_outputs(rtl, rtl_out);
    fo_sc::Switch<NP, fo_sc::ModelCore<NP>> model("model", st->params, period());
    fo_sc::bind_inputs(model, clk, in);
    fo_sc::bind_outputs(model, model_out);
    fo_sc::StimDriver<NP> drv("driver", st);
    bind_driver(drv, clk, in, rtl_out, done);
    fo_sc::Monitor<NP> mon("monitor", st->params, c.out, c.gold);
    bind_monitor<NP>(mon, clk, in, rtl_out, done);
    fo_sc::PinCompare<NP> cmp("compare", in, rtl_out, model_out);
    cmp.clk_i(clk);
    if (!model.core().ok()) return report(c, "both", FO_EINPUT, model.core().error().c_str(), 0, 0);
    model.core().flip_idle_at(c.flip_idle);
    if (!drv.ok()) return report(c, "both", FO_ENOMEM, "", 0, 0);
    if (mon.rc() != FO_OK) return report(c, "both", mon.rc(), mon.message(), 0, 0);
    const double t0 = now();
    sc_core::sc_start();
    const double dt = now() - t0;
    rtl.core().final();
    if (cmp.failed() || !model.core().error().empty()) {
        mon.abort();
        return report(c, "both", FO_EMISMATCH,
                      cmp.failed() ? cmp.message().c_str() : model.core().error().c_str(), cmp.cycles(), dt);
    }
    if (Verilated::threadContextp()->gotError()) {
        mon.abort();
        return report(c, "both", FO_EMISMATCH, "rtl: the RTL stopped ($stop, $error or $finish)", cmp.cycles(), dt);
    }
    return report(c, "both", mon.rc(), mon.message(), mon.cycle(), dt);
}
#endif

std::string rtl_configs() {
    std::string s;
#define FO_X(V, NP, NG, SL, LAT, LK)                                                              \
    s += std::string(s.empty() ? "" : ", ") + "nports=" #NP " ngroups=" #NG " slots=" #SL      \
         " sram_latency=" #LAT " lookups=" #LK;
    FO_SC_RTL_CONFIGS(FO_X)
#undef FO_X
    return s.empty() ? "none" : s;
}

int dispatch(const Cli& c, const fo_stim* st) {
    const fo_params& p = st->params;
    if (c.rtl || c.both) {
#define FO_X(V, NP, NG, SL, LAT, LK)                                                              \
    if (p.nports == NP && p.ngroups == NG && p.slots == SL && p.sram_latency == LAT &&           \
        p.lookups == LK)                                                                         \
        return c.both ? run_both<NP, V>(c, st) : run_one<NP, V>(c, st, "rtl");
        FO_SC_RTL_CONFIGS(FO_X)
#undef FO_X
        std::fprintf(stderr,
                     "%s: no SystemC RTL built for nports=%u ngroups=%u slots=%u sram_latency=%u "
                     "lookups=%u; built: %s (FANOUT_SYSTEMC_RTL_CONFIGS)\n",
                     c.stim, p.nports, p.ngroups, p.slots, p.sram_latency, p.lookups,
                     rtl_configs().c_str());
        return 2;
    }
#define FO_X(NP) \
    if (p.nports == NP) return run_one<NP, fo_sc::ModelCore<NP>>(c, st, "model");
    FO_SC_MODEL_NPORTS(FO_X)
#undef FO_X
    std::fprintf(stderr, "%s: the SystemC model is not built for nports=%u (FANOUT_SYSTEMC_MODEL_NPORTS)\n",
                 c.stim, p.nports);
    return 2;
}

// SystemC's messages (the report handler prints to stdout) go to stderr, so
// that a trace written to stdout stays clean.
void report_to_stderr(const sc_core::sc_report& r, const sc_core::sc_actions& a) {
    if (a & sc_core::SC_DISPLAY)
        std::fprintf(stderr, "%s\n", sc_core::sc_report_compose_message(r).c_str());
    sc_core::sc_report_handler::default_handler(r, a & ~sc_core::SC_DISPLAY);
}

}  // namespace

int sc_main(int argc, char** argv) {
    sc_core::sc_report_handler::set_handler(report_to_stderr);
    // sc_stop() says "Simulation stopped by user" (an info of /OSCI/SystemC):
    // stopping is how every run ends here.
    sc_core::sc_report_handler::set_actions("/OSCI/SystemC", sc_core::SC_INFO, sc_core::SC_DO_NOTHING);
    // Verilator refuses a model whose timescale precision differs from
    // SystemC's resolution; set it from the RTL's `timescale (CMake reads it).
    sc_core::sc_set_time_resolution(FO_SC_TIME_RES_VALUE, FO_SC_TIME_RES_UNIT);
    fo_sc::set_rtl_args();
    Cli c;
    int rc = parse(argc, argv, &c);
    if (rc) return rc < 0 ? 0 : rc;
    fo_stim* st = nullptr;
    fo_error err = {""};
    if ((rc = fo_stim_load(c.stim, &st, &err)) != FO_OK) {
        std::fprintf(stderr, "%s\n", err.msg);
        return 2;
    }
#if FO_SC_HAVE_RTL
    // Messages of the RTL (fatalOnError off): the run fails, nothing aborts.
    Verilated::threadContextp()->fatalOnError(false);
#endif
    rc = dispatch(c, st);
    fo_stim_free(st);
    return rc;
}

// The SystemC library's main() prints a banner on stdout before sc_main;
// this one turns it off (a trace may be going to stdout) and hands over.
int main(int argc, char** argv) {
    setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 1);
    return sc_core::sc_elab_and_sim(argc, argv);
}
