// fanout_assert.vh -- the RTL's assertion and parameter-check macros (one place for both).
//
// Plain Verilog-2005 macros, so that Verilator (--lint-only -Wall, the harness build),
// Icarus (-g2012) and Yosys read them alike; in the spirit of PULP common_cells'
// assertions.svh, without SystemVerilog assertions (not every tool here has them).
//
// Simulation assertions. `FANOUT_ASSERT_ON is defined when the assertions are compiled in:
// never under synthesis (SYNTHESIS), and in simulation only with +define+FANOUT_ASSERT
// (the harness builds every model with it). Modules put their checks in
//   `ifdef FANOUT_ASSERT_ON  always @(posedge clk_i) ... `FO_ASSERT(...) ...  `endif
//
// `FO_ASSERT(NAME, HOLDS, MSG): a statement (inside an always block): HOLDS must be true;
// if not, print one line
//     ASSERT <instance path>: NAME: <MSG>
// and stop the simulation ($fatal; $stop under Verilator, which then prints the check's
// FILE:LINE). Under Verilator the path is the run-time name of the instance that Verilator
// keeps as a C++ object of its own (the modules marked no_inline_module, one per port; the
// top for the rest), not %m: Verilator writes %m (and $fatal's "failed in" line) as a
// string constant per instance, so one check made the code around it a copy per instance
// of a module whose instances otherwise share their code (docs/rtl.md, "Simulation
// assertions"). NAME is a string: where the same fact is checked by
// the model's invariants (model/check.c, fo_fault), the model's name ("fifo_overflow",
// "refcount_underflow", ...), so that the RTL's and the model's failures read alike.
// MSG is a parenthesised $display argument list: ("slot %0d", slot).
// It expands to one `if`, so that line and branch coverage count as for a hand-written check.
//
// Parameter checks. `FO_PARAM_ERROR(MSG), as the only item of a generate block taken when
// a parameter is out of range (verilog-axis style):
//     if (NPORTS < 4 || NPORTS > 64) begin : g_bad_nports
//       `FO_PARAM_ERROR(("fanout_switch: NPORTS %0d out of range 4..64", NPORTS))
//     end
// With Verilator, elaboration stops ($error there is an elaboration task: lint and the build
// fail with the message); the others ($error then $finish at time 0) stop before the
// first cycle. MSG as for FO_ASSERT.

`ifndef FANOUT_ASSERT_VH
`define FANOUT_ASSERT_VH

`ifndef SYNTHESIS
`ifdef FANOUT_ASSERT
`define FANOUT_ASSERT_ON
`endif
`endif

`ifdef VERILATOR
// (vlSelf: the object whose code runs, in every function Verilator 5 writes)
`define FO_ASSERT(NAME, HOLDS, MSG) \
  if (!(HOLDS)) begin \
    $c("VL_PRINTF(\"ASSERT %s: \", vlSelf->name());"); \
    $write("%s: ", NAME); \
    $display MSG ; \
    $stop; \
  end
`else
`define FO_ASSERT(NAME, HOLDS, MSG) \
  if (!(HOLDS)) begin \
    $write("ASSERT %m: %s: ", NAME); \
    $display MSG ; \
    $fatal; \
  end
`endif

`ifdef VERILATOR
`define FO_PARAM_ERROR(MSG) $error MSG ;
`else
`define FO_PARAM_ERROR(MSG) initial begin $error MSG ; $finish; end
`endif

`endif
