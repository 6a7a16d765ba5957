// tb_fanout_sync_fifo -- fanout_sync_fifo against a reference queue (self-checking).
//
// Two FIFOs, DEPTH 5 (not a power of two: the pointers wrap by compare) and DEPTH 2 (the
// smallest), driven by random push/pop (never a pop when empty, never a push when full
// without a pop: the users' contract, which FANOUT_ASSERT also checks) for CYCLES cycles.
// Every cycle head_o, empty_o, one_o and full_o must equal the reference queue's head,
// emptiness, "exactly one entry" and "DEPTH entries". Prints "PASS tb_fanout_sync_fifo" or "FAIL: ..." lines.

`timescale 1ns / 1ps
`default_nettype none

`include "tb_common.vh"

module tb_fanout_sync_fifo;
  localparam CYCLES = 20000;
  localparam W      = 8;

  `TB_CLOCK_RNG(32'h1234_5678)   // clk, errors, rng, step_rng (tb_common.vh)
  reg rst = 1'b1;

  // DUT a: DEPTH 5; DUT b: DEPTH 2
  reg          push_a, pop_a, push_b, pop_b;
  reg  [W-1:0] din_a, din_b;
  wire [W-1:0] head_a, head_b;
  wire         empty_a, one_a, full_a, empty_b, one_b, full_b;

  fanout_sync_fifo #(.DEPTH(5), .WIDTH(W)) u_a (
    .clk_i(clk), .rst_i(rst), .push_i(push_a), .din_i(din_a), .pop_i(pop_a),
    .head_o(head_a), .empty_o(empty_a), .one_o(one_a), .full_o(full_a));
  fanout_sync_fifo #(.DEPTH(2), .WIDTH(W)) u_b (
    .clk_i(clk), .rst_i(rst), .push_i(push_b), .din_i(din_b), .pop_i(pop_b),
    .head_o(head_b), .empty_o(empty_b), .one_o(one_b), .full_o(full_b));

  // reference queues: ring buffers of 8 with head index and count
  reg [W-1:0] qa [0:7];
  reg [W-1:0] qb [0:7];
  integer ha = 0, na = 0, hb = 0, nb = 0;
  integer cyc;

  task check(input [8*8-1:0] name, input integer n, input integer depth, input [W-1:0] ref_head,
             input [W-1:0] head, input empty, input one, input full);
    begin
      if (empty !== (n == 0) || one !== (n == 1) || full !== (n == depth) ||
          (n != 0 && head !== ref_head)) begin
        $display("FAIL: cycle %0d fifo %0s: %0d entries, head 0x%0h expected; got head 0x%0h empty %b one %b full %b",
                 cyc, name, n, ref_head, head, empty, one, full);
        errors = errors + 1;
      end
    end
  endtask

  initial begin
    push_a = 1'b0; pop_a = 1'b0; din_a = {W{1'b0}};
    push_b = 1'b0; pop_b = 1'b0; din_b = {W{1'b0}};
    repeat (3) @(posedge clk);
    #1 rst = 1'b0;
    for (cyc = 0; cyc < CYCLES && errors < 10; cyc = cyc + 1) begin
      // stimulus for this cycle (phases of mostly-push and mostly-pop fill and drain)
      step_rng;
      pop_a  = (na > 0) && (rng[3:0] < (((cyc / 64) % 2) != 0 ? 4'd12 : 4'd5));
      push_a = (na < 5 || pop_a) && rng[7:4] < (((cyc / 64) % 2) != 0 ? 4'd5 : 4'd12);
      din_a  = rng[15:8];
      pop_b  = (nb > 0) && rng[16];
      push_b = (nb < 2 || pop_b) && rng[17];
      din_b  = rng[31:24];
      #1;
      check("a", na, 5, qa[ha], head_a, empty_a, one_a, full_a);
      check("b", nb, 2, qb[hb], head_b, empty_b, one_b, full_b);
      @(posedge clk);
      // the reference takes the same operations
      if (push_a) qa[(ha + na) % 8] = din_a;
      if (pop_a) begin ha = (ha + 1) % 8; na = na - 1; end
      if (push_a) na = na + 1;
      if (push_b) qb[(hb + nb) % 8] = din_b;
      if (pop_b) begin hb = (hb + 1) % 8; nb = nb - 1; end
      if (push_b) nb = nb + 1;
      #1;
    end
    if (errors == 0) $display("PASS tb_fanout_sync_fifo: %0d cycles", CYCLES);
    $finish;
  end
endmodule
