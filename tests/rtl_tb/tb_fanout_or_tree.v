// tb_fanout_or_tree -- fanout_or_tree against the OR of the selected rows (self-checking).
//
// Three trees: N 1 (a wire), N 5 (not a power of two) and N 32 (the config engine's and the
// replicator's width at 32 ports), rows of 7, 12 and 50 bits. For 10,000 random inputs each,
// half of them with a one-hot or zero select (the multiplexer use), the rest with a random
// select (the OR use), or_o must be the OR over i of rows_i[i] & {W{sel_i[i]}}, computed by
// a loop here. Prints "PASS tb_fanout_or_tree" or "FAIL: ..." lines.

`timescale 1ns / 1ps
`default_nettype none

`include "tb_common.vh"

module tb_fanout_or_tree;
  `TB_CLOCK_RNG(32'h0f7e_e5a1)   // clk, errors, rng, step_rng (tb_common.vh)

  reg  [6:0]      rows1;
  reg  [0:0]      sel1;
  reg  [5*12-1:0] rows5;
  reg  [4:0]      sel5;
  reg  [32*50-1:0] rows32;
  reg  [31:0]     sel32;
  wire [6:0]      o1;
  wire [11:0]     o5;
  wire [49:0]     o32;

  fanout_or_tree #(.N(1),  .W(7))  u_1  (.rows_i(rows1),  .sel_i(sel1),  .or_o(o1));
  fanout_or_tree #(.N(5),  .W(12)) u_5  (.rows_i(rows5),  .sel_i(sel5),  .or_o(o5));
  fanout_or_tree #(.N(32), .W(50)) u_32 (.rows_i(rows32), .sel_i(sel32), .or_o(o32));

  integer t, k, checked;
  reg [49:0] want;

  task check(input integer n, input [49:0] got, input [49:0] exp);
    begin
      checked = checked + 1;
      if (got !== exp) begin
        $display("FAIL: N %0d test %0d: or_o %h, want %h", n, t, got, exp);
        errors = errors + 1;
      end
    end
  endtask

  // a random select of n bits: one-hot or zero in even tests, random in odd ones
  task pick_sel(input integer n, output [31:0] sel);
    begin
      step_rng;
      if (t % 2 == 0) sel = (rng[7:0] < 8'd16) ? 32'd0 : (32'd1 << (rng[15:8] % n));
      else            sel = rng;
      if (n < 32) sel = sel & ((32'd1 << n) - 32'd1);
    end
  endtask

  reg [31:0] s;
  initial begin
    checked = 0;
    for (t = 0; t < 10000; t = t + 1) begin
      for (k = 0; k < 32*50; k = k + 32) begin
        step_rng;
        rows32[k +: 32] = rng;               // the last word is cut at 1,600 bits
      end
      rows5 = rows32[5*12-1:0] ^ rows32[200 +: 60];
      rows1 = rows32[300 +: 7];
      pick_sel(1, s);  sel1  = s[0:0];
      pick_sel(5, s);  sel5  = s[4:0];
      pick_sel(32, s); sel32 = s;
      #1;
      want = 50'd0;
      if (sel1[0]) want = {43'd0, rows1};
      check(1, {43'd0, o1}, want);
      want = 50'd0;
      for (k = 0; k < 5; k = k + 1) if (sel5[k]) want = want | {38'd0, rows5[k*12 +: 12]};
      check(5, {38'd0, o5}, want);
      want = 50'd0;
      for (k = 0; k < 32; k = k + 1) if (sel32[k]) want = want | rows32[k*50 +: 50];
      check(32, o32, want);
    end
    if (errors == 0) $display("PASS tb_fanout_or_tree: %0d inputs", checked);
    $finish;
  end
endmodule
