// fanout_onehot_enc -- the index of the set bit of a one-hot vector (0 when none is set).
//
// One OR tree per index bit over the inputs whose index has that bit set: $clog2(N)
// levels of 2-input ORs, as PULP common_cells' onehot_to_bin. The masks are constants
// made at elaboration, so a simulator evaluates one AND and one reduction OR per index bit
// instead of a loop over the bits.

`resetall
`timescale 1ns / 1ps
`default_nettype none

`include "fanout_assert.vh"

module fanout_onehot_enc #(
  parameter N  = 4,                     // width of the one-hot vector (>= 2)
  parameter IW = $clog2(N)              // index width
) (
  input  wire [N-1:0]  oh_i,            // one-hot (or zero)
  output wire [IW-1:0] idx_o            // the index of its set bit
);

  // ---------------------------------------------------------------- parameter checks
  // Out of range: elaboration stops with the message (fanout_assert.vh).
  if (N < 2) begin : g_bad_n
    `FO_PARAM_ERROR(("fanout_onehot_enc: N %0d below 2", N))
  end

  // the indices with bit bit_n set (run at elaboration only: not measured by line coverage)
  /* verilator coverage_off */
  function automatic [N-1:0] index_bit(input integer bit_n);
    integer oe_i;                       // an input index
    begin
      index_bit = {N{1'b0}};
      for (oe_i = 0; oe_i < N; oe_i = oe_i + 1) index_bit[oe_i] = ((oe_i >> bit_n) & 1) != 0;
    end
  endfunction
  /* verilator coverage_on */

  genvar g;
  generate
    for (g = 0; g < IW; g = g + 1) begin : g_bit
      localparam [N-1:0] M = index_bit(g);  // the inputs whose index has bit g set
      assign idx_o[g] = |(oh_i & M);
    end
  endgenerate

endmodule

`resetall
