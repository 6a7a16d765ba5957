// fanout_pipe -- a delay line of STAGES registers (no reset: it carries data whose valid
// bit travels in a pipeline of its own), or a wire when STAGES is 0.
//
// q_o is d_i delayed by STAGES cycles. The group table's read data uses it to stretch the
// SRAM's registered read (1 cycle) to SRAM_LAT cycles.

`resetall
`timescale 1ns / 1ps
`default_nettype none

`include "fanout_assert.vh"

module fanout_pipe #(
  parameter WIDTH  = 8,                 // bits
  parameter STAGES = 1                  // registers (0: a wire)
) (
  /* verilator lint_off UNUSEDSIGNAL */  // a wire (STAGES 0) has no clock
  input  wire             clk_i,
  /* verilator lint_on UNUSEDSIGNAL */
  input  wire [WIDTH-1:0] d_i,          // data in
  output wire [WIDTH-1:0] q_o           // d_i of STAGES cycles ago
);

  // ---------------------------------------------------------------- parameter checks
  // Out of range: elaboration stops with the message (fanout_assert.vh).
  if (STAGES < 0 || WIDTH < 1) begin : g_bad_params
    `FO_PARAM_ERROR(("fanout_pipe: STAGES %0d below 0 or WIDTH %0d below 1", STAGES, WIDTH))
  end

  if (STAGES == 0) begin : g_wire
    assign q_o = d_i;
  end else begin : g_regs
    reg [STAGES*WIDTH-1:0] pipe_q;      // stage k at k*WIDTH
    integer k;
    always @(posedge clk_i) begin
      pipe_q[0 +: WIDTH] <= d_i;
      for (k = 1; k < STAGES; k = k + 1) begin
        pipe_q[k*WIDTH +: WIDTH] <= pipe_q[(k-1)*WIDTH +: WIDTH];
      end
    end
    assign q_o = pipe_q[(STAGES-1)*WIDTH +: WIDTH];
  end

endmodule

`resetall
