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
  output wire [N-1:0]  gnt_o,           // one-hot grant (zero when nobody requests)
  output wire [IW-1:0] idx_o,           // index of the granted requester (0 when none)
  output wire          any_o            // somebody is granted
);

  // ---------------------------------------------------------------- parameter checks
  // Out of range: elaboration stops with the message (fanout_assert.vh).
  if (N < 2) begin : g_bad_n
    `FO_PARAM_ERROR(("fanout_rr_arbiter: N %0d below 2 requesters", N))
  end

  localparam [31:0] LAST = N - 1;       // reset value of the pointer

  reg [IW-1:0] ptr_q;                   // last index served

  // Logarithmic depth (issue 13 item 4): the requesters above the pointer (a shifted mask),
  // then the first of them and the first overall, each a fanout_first_one (a parallel-prefix
  // OR and an OR tree per index bit), the two chosen by one mux. A linear search would be N
  // levels deep.
  wire [N-1:0]  above  = ({N{1'b1}} << ptr_q) << 1;  // index i is above the pointer
  wire [N-1:0]  hi_req = req_i & above;              // requests above the pointer
  wire [N-1:0]  first_hi, first_all;                 // the first of those, the first request
  wire [IW-1:0] idx_hi, idx_all;                     // their indexes
  wire          any_hi;                              // a request above the pointer
  fanout_first_one #(.N(N), .IW(IW)) u_hi  (.x_i(hi_req), .oh_o(first_hi), .idx_o(idx_hi), .any_o(any_hi));
  fanout_first_one #(.N(N), .IW(IW)) u_all (.x_i(req_i), .oh_o(first_all), .idx_o(idx_all), .any_o(any_o));

  assign gnt_o = any_hi ? first_hi : first_all;
  assign idx_o = any_hi ? idx_hi : idx_all;

  always @(posedge clk_i) begin
    if (rst_i) begin
      ptr_q <= LAST[IW-1:0];
    end else if (adv_i && any_o) begin
      ptr_q <= idx_o;
    end
  end

endmodule

`resetall
