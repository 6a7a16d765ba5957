// example.cpp -- the README's example: a CPU model programs a multicast group
// through the switch's TLM-2.0 socket, then sends one packet to that group;
// the monitor prints the switch's trace on stdout.  CTest runs it
// (systemc_example) and checks the trace.  `--rtl`: the Verilated RTL instead
// of the C model (same pins, same socket).
#include <systemc>
#include <tlm_utils/simple_initiator_socket.h>

#include <cstdio>
#include <cstring>

#include "fanout_sc_configs.h"
#include "rtl_args_sc.h"
#include "model_sc.h"
#include "monitor_sc.h"
#include "switch_sc.h"

using namespace sc_core;
using fo_sc::Types;

constexpr unsigned NP = 8;  // the small configuration: 8 ports, 1024 groups

SC_MODULE(Cpu) {
    tlm_utils::simple_initiator_socket<Cpu> bus{"bus"};
    sc_in<bool> clk{"clk"}, init_done{"init_done"};
    sc_in<Types<NP>::bus> in_ready{"in_ready"};
    sc_out<bool> rst{"rst"}, done{"done"};
    sc_out<Types<NP>::bus> in_valid{"in_valid"}, out_ready{"out_ready"};
    sc_out<Types<NP>::flits> in_data{"in_data"};

    SC_CTOR(Cpu) { SC_THREAD(run); }

    void run() {
        out_ready.write(0xff);  // every receiver always ready
        rst.write(true);
        for (int i = 0; i < 4; ++i) wait(clk.posedge_event());
        rst.write(false);
        wait(init_done.posedge_event());  // the group table's clear sweep

        const unsigned gid = 5;
        store(fo_sc::kCsrGroup + 8 * gid, 0x30);  // write group 5 = ports 4, 5
        store(fo_sc::kCsrAdd + 8 * gid, 7);       // add port 7
        const uint64_t members = load(fo_sc::kCsrGroup + 8 * gid);
        std::fprintf(stderr, "cpu: group %u = %02llx\n", gid, static_cast<unsigned long long>(members));

        // One multicast packet from port 0 to group 5 (tag 0xabc, no payload).
        send(0, fo_hdr_make(FO_KIND_MULTICAST, 0, 0, 0, 0, gid, 0, 0xabc));
        done.write(true);  // the monitor ends the trace when the switch is idle
    }

    void access(tlm::tlm_command cmd, uint64_t addr, uint64_t* data) {
        tlm::tlm_generic_payload t;
        sc_time delay = SC_ZERO_TIME;
        t.set_command(cmd);
        t.set_address(addr);
        t.set_data_ptr(reinterpret_cast<unsigned char*>(data));
        t.set_data_length(8);
        t.set_streaming_width(8);
        bus->b_transport(t, delay);
        if (t.is_response_error()) SC_REPORT_ERROR("cpu", t.get_response_string().c_str());
        wait(delay);  // a store's delay: until its commit (the setup latency)
    }
    void store(uint64_t addr, uint64_t v) { access(tlm::TLM_WRITE_COMMAND, addr, &v); }
    uint64_t load(uint64_t addr) {
        uint64_t v = 0;
        access(tlm::TLM_READ_COMMAND, addr, &v);
        return v;
    }

    // Offers a header flit on ingress `port` until the switch takes it.
    void send(unsigned port, uint64_t hdr) {
        wait(clk.posedge_event());
        Types<NP>::flits d;
        fo_sc::set_bits(d, 64 * port, 64, hdr);
        in_data.write(d);
        in_valid.write(1u << port);
        do wait(clk.posedge_event());
        while (!((in_ready.read() >> port) & 1));
        in_valid.write(0);
    }
};

template <class Core>  // fo_sc::ModelCore<NP>, or the Verilated class (--rtl)
int run() {
    fo_params p;
    fo_params_default(&p);
    p.nports = NP;
    p.ngroups = 1024;
    const sc_time period(1, SC_NS);
    sc_clock clk("clk", period);
    fo_sc::Inputs<NP> in;
    fo_sc::Outputs<NP> out;
    sc_signal<bool> done{"done"};

    fo_sc::Switch<NP, Core> sw("switch", p, period);
    fo_sc::bind_inputs(sw, clk, in);
    fo_sc::bind_outputs(sw, out);

    Cpu cpu("cpu");
    cpu.bus.bind(sw.csr);
    cpu.clk(clk);
    cpu.init_done(out.init_done_o);
    cpu.in_ready(out.in_ready_o);
    cpu.rst(in.rst_i);
    cpu.done(done);
    cpu.in_valid(in.in_valid_i);
    cpu.out_ready(in.out_ready_i);
    cpu.in_data(in.in_data_i);

    fo_sc::Monitor<NP> mon("monitor", p, "-", nullptr);  // the trace, on stdout
    fo_sc::bind_inputs(mon, clk, in);
    fo_sc::bind_outputs(mon, out);
    mon.done_i(done);

    sc_start();
    if (mon.rc() != FO_OK) std::fprintf(stderr, "example: %s\n", mon.message());
    return mon.rc() == FO_OK && mon.finished() ? 0 : 1;
}

int sc_main(int argc, char** argv) {
    sc_set_time_resolution(FO_SC_TIME_RES_VALUE, FO_SC_TIME_RES_UNIT);  // = the RTL's precision
    sc_report_handler::set_actions("/OSCI/SystemC", SC_INFO, SC_DO_NOTHING);  // sc_stop()'s note
#if FO_SC_HAVE_SMALL_RTL
    fo_sc::set_rtl_args();
    if (argc > 1 && !std::strcmp(argv[1], "--rtl")) return run<FO_SC_SMALL_RTL>();
#endif
    (void)argc, (void)argv;
    return run<fo_sc::ModelCore<NP>>();
}
