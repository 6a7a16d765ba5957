// tb_fanout_first_one -- fanout_first_one against x & ~(x - 1) (self-checking).
//
// Three instances, N 5 (not a power of two, every input), 64 (the slots of a port) and 128
// (the cells of a bank at 8 ports): for every input of N 5, and for 20,000 random inputs of
// the wider ones (each with a random number of low bits cleared, so that the lowest set bit
// falls everywhere, and zero among them), oh_o must be x & ~(x - 1), idx_o its bit's index
// (0 for zero) and any_o whether x is non-zero. Prints "PASS tb_fanout_first_one" or
// "FAIL: ..." lines.

`timescale 1ns / 1ps
`default_nettype none

`include "tb_common.vh"

module tb_fanout_first_one;
  `TB_CLOCK_RNG(32'hf125_7015)   // clk, errors, rng, step_rng (tb_common.vh)

  reg  [4:0]   x5;
  reg  [63:0]  x64;
  reg  [127:0] x128;
  wire [4:0]   oh5;
  wire [63:0]  oh64;
  wire [127:0] oh128;
  wire [2:0]   i5;
  wire [5:0]   i64;
  wire [6:0]   i128;
  wire         a5, a64, a128;

  fanout_first_one #(.N(5))   u_5   (.x_i(x5),   .oh_o(oh5),   .idx_o(i5),   .any_o(a5));
  fanout_first_one #(.N(64))  u_64  (.x_i(x64),  .oh_o(oh64),  .idx_o(i64),  .any_o(a64));
  fanout_first_one #(.N(128)) u_128 (.x_i(x128), .oh_o(oh128), .idx_o(i128), .any_o(a128));

  integer t, checked;

  // the reference: the lowest set bit of x (N up to 128), its index, and whether x != 0
  task check(input integer n, input [127:0] x, input [127:0] oh, input integer idx, input any);
    reg [127:0] want_oh;
    integer want_idx, k;
    begin
      want_oh = x & ~(x - 128'd1);
      want_idx = 0;
      for (k = n - 1; k >= 0; k = k - 1) if (x[k]) want_idx = k;
      checked = checked + 1;
      if (oh !== want_oh || idx !== want_idx || any !== (x != 128'd0)) begin
        $display("FAIL: N %0d x %h: oh_o %h idx_o %0d any_o %b, want %h %0d %b",
                 n, x, oh, idx, any, want_oh, want_idx, x != 128'd0);
        errors = errors + 1;
      end
    end
  endtask

  initial begin
    checked = 0;
    for (t = 0; t < 32; t = t + 1) begin
      x5 = t[4:0];
      #1;
      check(5, {123'd0, x5}, {123'd0, oh5}, i5, a5);
    end
    for (t = 0; t < 20000; t = t + 1) begin
      step_rng; x64[31:0] = rng; step_rng; x64[63:32] = rng;
      x128 = {x64, x64 ^ {rng, rng}};
      step_rng;
      x64  = x64 & ({64{1'b1}} << rng[5:0]) & (rng[13:8] == 6'd0 ? 64'd0 : {64{1'b1}});
      x128 = x128 & ({128{1'b1}} << rng[22:16]) & (rng[31:26] == 6'd0 ? 128'd0 : {128{1'b1}});
      #1;
      check(64, {64'd0, x64}, {64'd0, oh64}, i64, a64);
      check(128, x128, oh128, i128, a128);
    end
    if (errors == 0) $display("PASS tb_fanout_first_one: %0d inputs", checked);
    $finish;
  end
endmodule
