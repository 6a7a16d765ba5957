// fanout_rr_arbiter -- round-robin arbiter with a "last served" pointer.
//
// Each cycle: grants the first requester at or after the index after the last one served
// (combinational on req_i and the pointer), in logarithmic depth. When adv_i is high and someone is granted,
// the pointer takes the granted index at the clock edge. It resets to N-1, so the first
// search starts at index 0; it moves only when it serves someone.

`resetall
`timescale 1ns / 1ps
`default_nettype none

`include "fanout_assert.vh"

module fanout_rr_arbiter #(
  parameter N  = 4,                     // number of requesters (>= 2)
  parameter IW = $clog2(N)              // index width
) (
  input  wire          clk_i,
  input  wire          rst_i,
  input  wire [N-1:0]  req_i,           // requests this cycle
  input  wire          adv_i,           // the grant is used: the pointer moves to it
  output reg  [N-1:0]  gnt_o,           // one-hot grant (zero when nobody requests)
  output wire [IW-1:0] idx_o,           // index of the granted requester (0 when none)
  output reg           any_o            // somebody is granted
);

  // ---------------------------------------------------------------- parameter checks
  // Out of range: elaboration stops with the message (fanout_assert.vh).
  if (N < 2) begin : g_bad_n
    `FO_PARAM_ERROR(("fanout_rr_arbiter: N %0d below 2 requesters", N))
  end

  localparam [31:0] LAST = N - 1;       // reset value of the pointer

  reg [IW-1:0] ptr_q;                   // last index served

  // Logarithmic depth (issue 13 item 4): the requesters above the pointer (a shifted mask),
  // then the first of them and the first overall, each from a parallel-prefix OR
  // (Kogge-Stone: $clog2(N) levels of "v | v << span"), the two chosen by one mux, and the
  // index from an OR tree per bit. A linear search would be N levels deep.

  // OR of x[0..i] at every i
  function automatic [N-1:0] prefix_or(input [N-1:0] x);
    reg [N-1:0] v;                      // the prefix so far
    integer     span;                   // this level's span
    begin
      v = x;
      for (span = 1; span < N; span = span * 2) v = v | (v << span);
      prefix_or = v;
    end
  endfunction

  wire [N-1:0] above  = ({N{1'b1}} << ptr_q) << 1;  // index i is above the pointer
  wire [N-1:0] hi_req = req_i & above;              // requests above the pointer
  wire [N-1:0] pre_hi  = prefix_or(hi_req);         // a request above the pointer, at or below i
  wire [N-1:0] pre_all = prefix_or(req_i);          // a request at or below i
  // the first request: set, with no request below it
  wire [N-1:0] first_hi  = hi_req & ~(pre_hi << 1);
  wire [N-1:0] first_all = req_i & ~(pre_all << 1);

  always @* begin
    any_o = pre_all[N-1];
    gnt_o = pre_hi[N-1] ? first_hi : first_all;
  end
  fanout_onehot_enc #(.N(N), .IW(IW)) u_idx (.oh_i(gnt_o), .idx_o(idx_o));

  always @(posedge clk_i) begin
    if (rst_i) begin
      ptr_q <= LAST[IW-1:0];
    end else if (adv_i && any_o) begin
      ptr_q <= idx_o;
    end
  end

endmodule

`resetall
