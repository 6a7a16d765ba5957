// fanout_rr_arbiter -- round-robin arbiter with a "last served" pointer.
//
// Each cycle: grants the first requester at or after the index after the last one served
// (combinational on req_i and the pointer). When adv_i is high and someone is granted,
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
  output reg  [IW-1:0] idx_o,           // index of the granted requester (0 when none)
  output reg           any_o            // somebody is granted
);

  // ---------------------------------------------------------------- parameter checks
  // Out of range: elaboration stops with the message (fanout_assert.vh).
  if (N < 2) begin : g_bad_n
    `FO_PARAM_ERROR(("fanout_rr_arbiter: N %0d below 2 requesters", N))
  end

  localparam [31:0] LAST = N - 1;       // reset value of the pointer

  reg [IW-1:0] ptr_q;                   // last index served

  integer      i;
  reg          hi_any;                  // a requester above the pointer exists
  reg [IW-1:0] hi_idx;                  // the lowest such requester
  reg [IW-1:0] lo_idx;                  // the lowest requester overall (wrap-around)

  always @* begin
    hi_any = 1'b0;
    hi_idx = {IW{1'b0}};
    lo_idx = {IW{1'b0}};
    any_o  = 1'b0;
    for (i = N - 1; i >= 0; i = i - 1) begin
      if (req_i[i]) begin
        any_o  = 1'b1;
        lo_idx = i[IW-1:0];
        if (i[IW-1:0] > ptr_q) begin
          hi_any = 1'b1;
          hi_idx = i[IW-1:0];
        end
      end
    end
    idx_o = hi_any ? hi_idx : lo_idx;
    gnt_o = {N{1'b0}};
    if (any_o) gnt_o[idx_o] = 1'b1;
  end

  always @(posedge clk_i) begin
    if (rst_i) begin
      ptr_q <= LAST[IW-1:0];
    end else if (adv_i && any_o) begin
      ptr_q <= idx_o;
    end
  end

endmodule

`resetall
