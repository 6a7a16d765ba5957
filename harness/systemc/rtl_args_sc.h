// rtl_args_sc.h -- the Verilated arguments every SystemC program sets before its RTL runs.
#ifndef FO_RTL_ARGS_SC_H
#define FO_RTL_ARGS_SC_H

#include "fanout_sc_configs.h"  // FO_SC_HAVE_RTL, and verilated.h with the RTL

namespace fo_sc {

// The RTL asks $test$plusargs (the simulation-only fast clear, rtl/fanout_sram.v), which
// needs the arguments set: none, so the RTL simulates the table's clear sweep, as the
// model's wrapper does (model_sc.h). Nothing to do without the RTL.
inline void set_rtl_args() {
#if FO_SC_HAVE_RTL
    static const char* args[] = {"fanout-systemc"};
    Verilated::commandArgs(1, args);
#endif
}

}  // namespace fo_sc

#endif
