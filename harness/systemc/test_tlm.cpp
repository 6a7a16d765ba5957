// test_tlm.cpp -- the TLM register map (csr_tlm.h, docs/systemc.md), access
// by access, on the SystemC model or (--rtl) the Verilated RTL: every op,
// the information block, the timing annotations, every error response.
// Prints one line per check; "tlm: all checks passed" and exit 0, or the
// first failed check and exit 1.  Run by CTest (systemc_tlm_register_map).
#include <systemc>
#include <tlm_utils/simple_initiator_socket.h>

#include <cstdio>
#include <cstring>

#include "fanout_sc_configs.h"
#include "rtl_args_sc.h"
#include "model_sc.h"
#include "switch_sc.h"

using namespace sc_core;
using namespace fo_sc;

constexpr unsigned NP = 8;

SC_MODULE(Tester) {
    tlm_utils::simple_initiator_socket<Tester> bus{"bus"};
    sc_in<bool> clk{"clk"}, init_done{"init_done"};
    sc_out<bool> rst{"rst"};
    int failures = 0;
    bool finished = false;

    SC_CTOR(Tester) { SC_THREAD(run); }

    tlm::tlm_response_status access(tlm::tlm_command cmd, uint64_t addr, uint64_t* data, sc_time* delay,
                                    unsigned len = 8) {
        tlm::tlm_generic_payload t;
        unsigned char buf[16] = {};
        std::memcpy(buf, data, 8);
        t.set_command(cmd);
        t.set_address(addr);
        t.set_data_ptr(buf);
        t.set_data_length(len);
        t.set_streaming_width(len);
        t.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
        bus->b_transport(t, *delay);
        std::memcpy(data, buf, 8);
        return t.get_response_status();
    }
    void check(bool ok, const char* what, uint64_t got, uint64_t want) {
        std::printf("%s %s: got 0x%llx, want 0x%llx\n", ok ? "ok  " : "FAIL", what,
                    static_cast<unsigned long long>(got), static_cast<unsigned long long>(want));
        if (!ok) ++failures;
    }
    static const char* name(tlm::tlm_response_status s) {
        switch (s) {
        case tlm::TLM_OK_RESPONSE: return "OK";
        case tlm::TLM_ADDRESS_ERROR_RESPONSE: return "ADDRESS_ERROR";
        case tlm::TLM_BURST_ERROR_RESPONSE: return "BURST_ERROR";
        case tlm::TLM_COMMAND_ERROR_RESPONSE: return "COMMAND_ERROR";
        case tlm::TLM_GENERIC_ERROR_RESPONSE: return "GENERIC_ERROR";
        case tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE: return "BYTE_ENABLE_ERROR";
        default: return "INCOMPLETE";
        }
    }
    void expect(const char* what, tlm::tlm_response_status got, tlm::tlm_response_status want) {
        std::printf("%s %s: %s, want %s\n", got == want ? "ok  " : "FAIL", what, name(got), name(want));
        if (got != want) ++failures;
    }
    // A store, waiting out its annotated delay (the commit).
    void store(uint64_t addr, uint64_t v) {
        sc_time d = SC_ZERO_TIME;
        expect("store response", access(tlm::TLM_WRITE_COMMAND, addr, &v, &d), tlm::TLM_OK_RESPONSE);
        wait(d);
    }
    uint64_t load(uint64_t addr) {
        uint64_t v = 0;
        sc_time d = SC_ZERO_TIME;
        expect("load response", access(tlm::TLM_READ_COMMAND, addr, &v, &d), tlm::TLM_OK_RESPONSE);
        wait(d);
        return v;
    }

    void expect_load(uint64_t addr, uint64_t want, const char* what) {
        const uint64_t got = load(addr);
        check(got == want, what, got, want);
    }

    void run() {
        rst.write(true);
        for (int i = 0; i < 4; ++i) wait(clk.posedge_event());
        rst.write(false);
        wait(init_done.posedge_event());
        const sc_time period(1, SC_NS);

        expect_load(kCsrNports, NP, "NPORTS");
        expect_load(kCsrNgroups, 1024, "NGROUPS");
        expect_load(kCsrSetupLat, 2, "SETUP_LAT");

        // A store comes back when accepted, annotated with the setup latency.
        uint64_t v = 0x0f;
        sc_time d = SC_ZERO_TIME;
        access(tlm::TLM_WRITE_COMMAND, kCsrGroup + 8 * 3, &v, &d);
        check(d == 2 * period, "store delay (ns)", static_cast<uint64_t>(d / period), 2);
        // A load issued at once (the delay not waited) still sees that store.
        expect_load(kCsrGroup + 8 * 3, 0x0f, "read after write");
        store(kCsrAdd + 8 * 3, 6);
        expect_load(kCsrGroup + 8 * 3, 0x4f, "add port 6");
        store(kCsrRemove + 8 * 3, 0);
        expect_load(kCsrGroup + 8 * 3, 0x4e, "remove port 0");
        store(kCsrGroup + 8 * 1023, 0x81);
        expect_load(kCsrGroup + 8 * 1023, 0x81, "last group");
        store(kCsrClear + 8 * 3, 0x1234);
        expect_load(kCsrGroup + 8 * 3, 0, "clear");
        expect_load(kCsrGroup + 8 * 1023, 0x81, "other group kept");

        // Errors: none of these reaches the command port.
        v = 0;
        d = SC_ZERO_TIME;
        expect("gid >= NGROUPS", access(tlm::TLM_READ_COMMAND, kCsrGroup + 8 * 1024, &v, &d),
               tlm::TLM_ADDRESS_ERROR_RESPONSE);
        expect("unaligned", access(tlm::TLM_READ_COMMAND, kCsrGroup + 4, &v, &d), tlm::TLM_ADDRESS_ERROR_RESPONSE);
        expect("beyond the map", access(tlm::TLM_READ_COMMAND, kCsrEnd, &v, &d), tlm::TLM_ADDRESS_ERROR_RESPONSE);
        expect("4-byte access", access(tlm::TLM_READ_COMMAND, kCsrGroup, &v, &d, 4), tlm::TLM_BURST_ERROR_RESPONSE);
        expect("read of ADD", access(tlm::TLM_READ_COMMAND, kCsrAdd, &v, &d), tlm::TLM_COMMAND_ERROR_RESPONSE);
        expect("write of NPORTS", access(tlm::TLM_WRITE_COMMAND, kCsrNports, &v, &d),
               tlm::TLM_COMMAND_ERROR_RESPONSE);
        v = 0x100;  // bit 8 of an 8-port switch
        expect("bitmap bit >= NPORTS", access(tlm::TLM_WRITE_COMMAND, kCsrGroup, &v, &d),
               tlm::TLM_GENERIC_ERROR_RESPONSE);
        v = 8;
        expect("add port >= NPORTS", access(tlm::TLM_WRITE_COMMAND, kCsrAdd, &v, &d),
               tlm::TLM_GENERIC_ERROR_RESPONSE);
        check(d == SC_ZERO_TIME, "errors take no time", static_cast<uint64_t>(d / period), 0);
        expect_load(kCsrGroup, 0, "group 0 untouched by the refused accesses");
        finished = true;
        sc_stop();
    }
};

template <class Core>
int run() {
    fo_params p;
    fo_params_default(&p);
    p.nports = NP;
    p.ngroups = 1024;
    const sc_time period(1, SC_NS);
    sc_clock clk("clk", period);
    Inputs<NP> in;
    Outputs<NP> out;
    Switch<NP, Core> sw("switch", p, period);
    bind_inputs(sw, clk, in);
    bind_outputs(sw, out);
    Tester t("tester");
    t.bus.bind(sw.csr);
    t.clk(clk);
    t.init_done(out.init_done_o);
    t.rst(in.rst_i);
    sc_start(sc_time(1, SC_MS));
    if (!t.finished) std::printf("FAIL: the test did not finish\n");
    if (t.failures || !t.finished) return 1;
    std::printf("tlm: all checks passed (%llu commands through the socket)\n",
                static_cast<unsigned long long>(sw.bridge().commands()));
    return 0;
}

int sc_main(int argc, char** argv) {
    sc_set_time_resolution(FO_SC_TIME_RES_VALUE, FO_SC_TIME_RES_UNIT);
    sc_report_handler::set_actions("/OSCI/SystemC", SC_INFO, SC_DO_NOTHING);
#if FO_SC_HAVE_SMALL_RTL
    fo_sc::set_rtl_args();
    if (argc > 1 && !std::strcmp(argv[1], "--rtl")) return run<FO_SC_SMALL_RTL>();
#endif
    (void)argc, (void)argv;
    return run<ModelCore<NP>>();
}
