// tb_fanout_pipe -- fanout_pipe against a reference delay line (self-checking).
//
// Three pipes, STAGES 0 (a wire), 1 and 3, fed one random word a cycle for CYCLES cycles:
// every cycle q_o must equal d_i of STAGES cycles before (the reference keeps the history).
// Prints "PASS tb_fanout_pipe" or "FAIL: ..." lines.

`timescale 1ns / 1ps
`default_nettype none

`include "tb_common.vh"

module tb_fanout_pipe;
  localparam CYCLES = 2000;
  localparam W      = 12;

  `TB_CLOCK_RNG(32'h0919_e003)   // clk, errors, rng, step_rng (tb_common.vh)

  reg  [W-1:0] d;
  wire [W-1:0] q0, q1, q3;

  fanout_pipe #(.WIDTH(W), .STAGES(0)) u_0 (.clk_i(clk), .d_i(d), .q_o(q0));
  fanout_pipe #(.WIDTH(W), .STAGES(1)) u_1 (.clk_i(clk), .d_i(d), .q_o(q1));
  fanout_pipe #(.WIDTH(W), .STAGES(3)) u_3 (.clk_i(clk), .d_i(d), .q_o(q3));

  reg [W-1:0] hist [0:3];                   // hist[k]: d of k cycles ago
  integer cyc, k;

  task check(input integer stages, input [W-1:0] got);
    begin
      if (cyc >= stages && got !== hist[stages]) begin
        $display("FAIL: cycle %0d STAGES %0d: q_o 0x%0h, expected 0x%0h", cyc, stages, got, hist[stages]);
        errors = errors + 1;
      end
    end
  endtask

  initial begin
    d = {W{1'b0}};
    for (cyc = 0; cyc < CYCLES && errors < 10; cyc = cyc + 1) begin
      step_rng;
      d = rng[W-1:0];
      for (k = 3; k > 0; k = k - 1) hist[k] = hist[k-1];
      hist[0] = d;
      #1;
      check(0, q0);
      check(1, q1);
      check(3, q3);
      @(posedge clk);
      #1;
    end
    if (errors == 0) $display("PASS tb_fanout_pipe: %0d cycles", CYCLES);
    $finish;
  end
endmodule
