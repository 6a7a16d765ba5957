// tb_fanout_rr_arbiter -- fanout_rr_arbiter against a reference round-robin (self-checking).
//
// N = 5 requesters (not a power of two) and N = 2, random requests and random adv_i for
// CYCLES cycles. The reference keeps the "last served" pointer (N-1 after reset, moved to
// the winner when adv_i is high and somebody is granted) and grants the first requester
// after it, wrapping around. Every cycle gnt_o (one-hot), idx_o and any_o must match.
// Fairness: with every requester asking and adv_i high, N consecutive grants serve each
// requester exactly once (counted in the all-request phase). Prints "PASS ..." or "FAIL: ...".

`timescale 1ns / 1ps
`default_nettype none

`include "tb_common.vh"

module tb_fanout_rr_arbiter;
  localparam CYCLES = 20000;

  `TB_CLOCK_RNG(32'hcafe_f00d)   // clk, errors, rng, step_rng (tb_common.vh)
  reg rst = 1'b1;

  reg  [4:0] req_a;  reg adv_a;  wire [4:0] gnt_a;  wire [2:0] idx_a;  wire any_a;
  reg  [1:0] req_b;  reg adv_b;  wire [1:0] gnt_b;  wire       idx_b;  wire any_b;

  fanout_rr_arbiter #(.N(5)) u_a (.clk_i(clk), .rst_i(rst), .req_i(req_a), .adv_i(adv_a),
                                  .gnt_o(gnt_a), .idx_o(idx_a), .any_o(any_a));
  fanout_rr_arbiter #(.N(2)) u_b (.clk_i(clk), .rst_i(rst), .req_i(req_b), .adv_i(adv_b),
                                  .gnt_o(gnt_b), .idx_o(idx_b), .any_o(any_b));

  integer ptr_a, ptr_b;                     // reference "last served" pointers
  integer cyc, k, win, served;
  integer hits [0:4];                       // grants per requester in a fairness window

  // the reference: the first requester after ptr (wrapping), -1 when none
  function integer rr_pick(input [7:0] req, input integer n, input integer ptr);
    integer i, c;
    begin
      rr_pick = -1;
      for (i = n; i >= 1; i = i - 1) begin
        c = (ptr + i) % n;
        if (req[c]) rr_pick = c;
      end
    end
  endfunction

  task check(input [8*8-1:0] name, input integer want, input integer n,
             input [7:0] gnt, input integer idx, input any);
    reg [7:0] wgnt;
    begin
      wgnt = (want >= 0) ? (8'd1 << want) : 8'd0;
      if (any !== (want >= 0) || gnt !== wgnt || (want >= 0 && idx != want) || (want < 0 && idx != 0)) begin
        $display("FAIL: cycle %0d arbiter %0s (N=%0d): want grant %0d; got gnt 0x%0h idx %0d any %b",
                 cyc, name, n, want, gnt, idx, any);
        errors = errors + 1;
      end
    end
  endtask

  initial begin
    req_a = 5'd0; adv_a = 1'b0; req_b = 2'd0; adv_b = 1'b0;
    ptr_a = 4; ptr_b = 1;
    served = 0;
    for (k = 0; k < 5; k = k + 1) hits[k] = 0;
    repeat (3) @(posedge clk);
    #1 rst = 1'b0;
    for (cyc = 0; cyc < CYCLES && errors < 10; cyc = cyc + 1) begin
      step_rng;
      if (cyc < 1000) begin                 // fairness phase: everybody asks, every grant used
        req_a = 5'b11111; adv_a = 1'b1;
      end else begin
        req_a = rng[4:0] & rng[9:5];        // sparse and dense patterns
        if (rng[31]) req_a = rng[4:0];
        adv_a = rng[10] | rng[11];
      end
      req_b = rng[13:12];
      adv_b = rng[14];
      #1;
      win = rr_pick({3'b0, req_a}, 5, ptr_a);
      check("a", win, 5, {3'b0, gnt_a}, idx_a, any_a);
      if (cyc < 1000) begin
        hits[win] = hits[win] + 1;
        served = served + 1;
        if (served == 5) begin
          for (k = 0; k < 5; k = k + 1) begin
            if (hits[k] != 1) begin
              $display("FAIL: cycle %0d: requester %0d served %0d times in 5 grants", cyc, k, hits[k]);
              errors = errors + 1;
            end
            hits[k] = 0;
          end
          served = 0;
        end
      end
      if (adv_a && win >= 0) ptr_a = win;
      win = rr_pick({6'b0, req_b}, 2, ptr_b);
      check("b", win, 2, {6'b0, gnt_b}, {31'b0, idx_b}, any_b);
      if (adv_b && win >= 0) ptr_b = win;
      @(posedge clk);
      #1;
    end
    if (errors == 0) $display("PASS tb_fanout_rr_arbiter: %0d cycles", CYCLES);
    $finish;
  end
endmodule
