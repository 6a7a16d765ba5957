// fanout_sram -- generic 1-read 1-write synchronous SRAM with a registered read (the macro
// every table copy and bank is built from; one instance is one macro a chip would have).
//
// Each cycle: we_i writes wdata_i to word waddr_i at the clock edge; re_i reads word raddr_i
// into the read register rdata_o at the clock edge (read-first: a read and a write of the
// same word in one cycle return the old word). rdata_o holds its value while re_i is low.
// The array is not reset (the users clear it by writing) and is never traced. Simulation
// only (not synthesized): with the plusarg +fanout_fast_clear the array starts at zero at
// time 0, standing in for the user's clear sweep (group_sram skips its first sweep then).

`resetall
`timescale 1ns / 1ps
`default_nettype none

`include "fanout_assert.vh"

module fanout_sram #(
  parameter DEPTH = 1024,                 // words
  parameter WIDTH = 32,                   // bits per word
  parameter AW    = $clog2(DEPTH)         // address width
) (
  input  wire             clk_i,
  // write port
  input  wire             we_i,           // write this cycle
  input  wire [AW-1:0]    waddr_i,        // word written
  input  wire [WIDTH-1:0] wdata_i,        // data written
  // read port
  input  wire             re_i,           // read this cycle
  input  wire [AW-1:0]    raddr_i,        // word read
  output reg  [WIDTH-1:0] rdata_o         // read register: the word read at the last re_i
);

  // ---------------------------------------------------------------- parameter checks
  // Out of range: elaboration stops with the message (fanout_assert.vh).
  if (DEPTH < 2 || (1 << AW) < DEPTH) begin : g_bad_aw
    `FO_PARAM_ERROR(("fanout_sram: DEPTH %0d below 2 or beyond AW %0d address bits", DEPTH, AW))
  end

  /* verilator tracing_off */
  reg [WIDTH-1:0] mem [0:DEPTH-1] /*verilator public_flat_rd*/;  // the array
  /* verilator tracing_on */

  always @(posedge clk_i) begin
    if (we_i) mem[waddr_i] <= wdata_i;
  end

  always @(posedge clk_i) begin
    if (re_i) rdata_o <= mem[raddr_i];
  end

`ifndef SYNTHESIS
  // simulation scaffolding, not design logic: out of coverage
  /* verilator coverage_off */
  integer i;                              // word being cleared
  initial begin
    if ($test$plusargs("fanout_fast_clear")) begin
      for (i = 0; i < DEPTH; i = i + 1) mem[i] = {WIDTH{1'b0}};
    end
  end
  /* verilator coverage_on */
`endif

endmodule

`resetall
