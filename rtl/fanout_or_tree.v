// fanout_or_tree -- the OR of the rows that sel_i selects; with a one-hot sel_i, a one-hot
// multiplexer (the selected row, zero when none is selected).
//
// Row i (rows_i[i*W +: W]) is ANDed with sel_i[i], then the N rows are ORed as a balanced
// tree in heap order (node n = node 2n | node 2n+1, the rows the leaves, node 1 the root):
// one AND and $clog2(N) levels of 2-input ORs. An index-driven mux (rows_i[idx*W +: W])
// needs the index first, which a one-hot grant gives only after an encoder; an OR
// accumulated in a loop stays a chain of N through Yosys's abc -fast (issue 13 item 4).
// One block: the tree is one variable, not a wire per node.

`resetall
`timescale 1ns / 1ps
`default_nettype none

`include "fanout_assert.vh"

module fanout_or_tree #(
  parameter N = 4,                      // rows (>= 1)
  parameter W = 8                       // bits per row (>= 1)
) (
  input  wire [N*W-1:0] rows_i,         // row i at i*W
  input  wire [N-1:0]   sel_i,          // row i is selected
  output wire [W-1:0]   or_o            // the OR of the selected rows
);

  // ---------------------------------------------------------------- parameter checks
  // Out of range: elaboration stops with the message (fanout_assert.vh).
  if (N < 1 || W < 1) begin : g_bad_params
    `FO_PARAM_ERROR(("fanout_or_tree: N %0d or W %0d below 1", N, W))
  end

  // Each node is WP bits, W rounded up to whole 32-bit words (the padding is zero, and
  // synthesis drops it): a simulator's word-aligned nodes are plain word copies and ORs,
  // where unaligned W-bit slices of one long vector take shifts and masks per word.
  localparam WP = 32 * ((W + 31) / 32);     // bits per node
  reg [2*N*WP-1:WP] node;                   // node n at n*WP; the rows are nodes N .. 2N-1
  integer n;
  always @* begin
    node = {(2*N-1)*WP{1'b0}};
    n    = 0;                           // (assigned on every path: no latch)
    if (|sel_i) begin                   // the same logic (no row selected: every node is 0);
                                        // the simulator skips the tree when nothing is selected
      for (n = 0; n < N; n = n + 1) node[(N+n)*WP +: W] = rows_i[n*W +: W] & {W{sel_i[n]}};
      for (n = N - 1; n >= 1; n = n - 1)
        node[n*WP +: WP] = node[2*n*WP +: WP] | node[(2*n+1)*WP +: WP];
    end else begin
      // no coverage point: the instances that select every row never come here
      /* verilator coverage_block_off */
      node = {(2*N-1)*WP{1'b0}};
    end
  end
  assign or_o = node[WP +: W];

endmodule

`resetall
