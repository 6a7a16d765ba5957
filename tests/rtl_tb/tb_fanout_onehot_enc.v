// tb_fanout_onehot_enc -- fanout_onehot_enc against the index it must give (self-checking).
//
// Three encoders, N 5 (not a power of two), 16 and 256 (the free-cell pick's width at 8
// ports): every one-hot input of each, one after the other, must give its bit's index, and
// the zero vector 0. Prints "PASS tb_fanout_onehot_enc" or "FAIL: ..." lines.

`timescale 1ns / 1ps
`default_nettype none

`include "tb_common.vh"

module tb_fanout_onehot_enc;
  `TB_CLOCK_RNG(32'h0e1c_0d35)   // clk, errors, rng, step_rng (tb_common.vh)

  reg  [4:0]   oh5;
  reg  [15:0]  oh16;
  reg  [255:0] oh256;
  wire [2:0]   i5;
  wire [3:0]   i16;
  wire [7:0]   i256;

  fanout_onehot_enc #(.N(5))   u_5   (.oh_i(oh5),   .idx_o(i5));
  fanout_onehot_enc #(.N(16))  u_16  (.oh_i(oh16),  .idx_o(i16));
  fanout_onehot_enc #(.N(256)) u_256 (.oh_i(oh256), .idx_o(i256));

  integer b, checked;

  task expect_idx(input integer n, input integer got, input integer want);
    begin
      checked = checked + 1;
      if (got !== want) begin
        $display("FAIL: N %0d: idx_o %0d for bit %0d set", n, got, want);
        errors = errors + 1;
      end
    end
  endtask

  initial begin
    checked = 0;
    oh5 = 5'd0; oh16 = 16'd0; oh256 = 256'd0;
    #1;
    expect_idx(5, i5, 0);
    expect_idx(16, i16, 0);
    expect_idx(256, i256, 0);
    for (b = 0; b < 256; b = b + 1) begin
      oh5   = b < 5  ? (5'd1 << b)  : 5'd0;
      oh16  = b < 16 ? (16'd1 << b) : 16'd0;
      oh256 = 256'd1 << b;
      #1;
      if (b < 5)  expect_idx(5, i5, b);
      if (b < 16) expect_idx(16, i16, b);
      expect_idx(256, i256, b);
    end
    if (errors == 0) $display("PASS tb_fanout_onehot_enc: %0d inputs", checked);
    $finish;
  end
endmodule
