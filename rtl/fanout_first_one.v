// fanout_first_one -- the lowest set bit of a vector: alone (one-hot), its index, and
// whether any bit is set, in logarithmic depth.
//
// A prefix OR ($clog2(N) levels of 2-input ORs, as a Kogge-Stone carry tree), then
// x & ~(prefix << 1), then fanout_onehot_enc's OR trees for the index. The function is
// x & ~(x - 1), whose borrow chain Yosys maps to N levels: at 64 slots that one
// subtraction was deeper than a cycle allows (issue 13 item 4). A loop that keeps the
// first set bit ("for i from the top down: if x[i] then idx = i") is as deep.

`resetall
`timescale 1ns / 1ps
`default_nettype none

`include "fanout_assert.vh"

module fanout_first_one #(
  parameter N  = 4,                     // width of the vector (>= 2)
  parameter IW = $clog2(N)              // index width
) (
  input  wire [N-1:0]  x_i,             // the vector
  output wire [N-1:0]  oh_o,            // its lowest set bit alone (zero when none)
  output wire [IW-1:0] idx_o,           // that bit's index (0 when none)
  output wire          any_o            // some bit of x_i is set
);

  // ---------------------------------------------------------------- parameter checks
  // Out of range: elaboration stops with the message (fanout_assert.vh).
  if (N < 2) begin : g_bad_n
    `FO_PARAM_ERROR(("fanout_first_one: N %0d below 2", N))
  end

  reg [N-1:0] pre;                      // pre[i]: some bit of x_i[i:0] is set
  integer span;
  always @* begin
    pre = x_i;
    for (span = 1; span < N; span = span * 2) pre = pre | (pre << span);
  end

  assign oh_o  = x_i & ~(pre << 1);
  assign any_o = pre[N-1];

  fanout_onehot_enc #(.N(N), .IW(IW)) u_enc (.oh_i(oh_o), .idx_o(idx_o));

endmodule

`resetall
