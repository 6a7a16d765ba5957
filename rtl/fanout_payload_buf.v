// fanout_payload_buf -- payload buffer of one ingress port: SLOTS slots of 256 x 64-bit words,
// plus one 64-bit header register per slot.
//
// Each cycle: the parser writes at most one flit, either a header (into the header
// register of the slot just allocated) or payload word i of the slot being filled.
// Reads are combinational from the start-of-cycle contents (a write at t is seen from
// t+1): two header read ports (lookup issue, replicator) and NRD egress read ports, each
// returning either the header or a payload word of a slot, gated by its select (the
// egress ports OR the buffers' answers together).

`resetall
`timescale 1ns / 1ps
`default_nettype none

`include "fanout_assert.vh"

module fanout_payload_buf #(
  parameter SLOTS = 16,                    // slots of this ingress port
  parameter NRD   = 32,                    // egress read ports (one per egress)
  parameter SW    = $clog2(SLOTS)          // slot number width
) (
  input  wire              clk_i,
  /* verilator lint_off UNUSEDSIGNAL */
  input  wire              rst_i,          // reset: only the simulation assertions use it
  /* verilator lint_on UNUSEDSIGNAL */
  // write port (parser)
  input  wire              hdr_we_i,       // write the header register of hdr_slot_i
  input  wire [SW-1:0]     hdr_slot_i,     // slot just allocated
  input  wire              wr_en_i,        // write payload word wr_word_i of wr_slot_i
  input  wire [SW-1:0]     wr_slot_i,      // slot being filled
  input  wire [7:0]        wr_word_i,      // word index
  input  wire [63:0]       wr_data_i,      // header or payload flit
  // header read ports
  input  wire [SW-1:0]     lkp_slot_i,     // slot at the lookup FIFO's head
  output wire [63:0]       lkp_hdr_o,      // its header
  input  wire [SW-1:0]     rep_slot_i,     // slot completing its lookup
  output wire [63:0]       rep_hdr_o,      // its header
  // egress read ports
  input  wire [NRD-1:0]    rd_sel_i,       // read port r addresses this buffer
  input  wire [NRD-1:0]    rd_hdr_i,       // 1: read the header register, 0: a payload word
  input  wire [NRD*SW-1:0] rd_slot_i,      // slot
  input  wire [NRD*8-1:0]  rd_word_i,      // payload word index
  output wire [NRD*64-1:0] rd_data_o       // the word read, zero when not selected
);

  // Keep this module a C++ class of its own in the Verilated model, shared by all NPORTS
  // instances (same parameters), instead of NPORTS flattened copies in the top: flattened,
  // the model is tens of MB of C++ and takes very long to compile.
  /*verilator no_inline_module*/

  /* verilator tracing_off */
  reg [63:0] mem_q [0:SLOTS*256-1];        // payload words, address {slot, word}
  /* verilator tracing_on */
  reg [63:0] hdr_q [0:SLOTS-1];            // header register of each slot

  always @(posedge clk_i) begin
    if (wr_en_i) mem_q[{wr_slot_i, wr_word_i}] <= wr_data_i;
  end

  always @(posedge clk_i) begin
    if (hdr_we_i) hdr_q[hdr_slot_i] <= wr_data_i;
  end

  assign lkp_hdr_o = hdr_q[lkp_slot_i];
  assign rep_hdr_o = hdr_q[rep_slot_i];

  genvar r;
  generate
    for (r = 0; r < NRD; r = r + 1) begin : g_rd
      wire [SW-1:0] slot = rd_slot_i[r*SW +: SW];   // slot read by port r
      wire [7:0]    word = rd_word_i[r*8 +: 8];     // word read by port r
      assign rd_data_o[r*64 +: 64] = !rd_sel_i[r] ? 64'd0
                                   : rd_hdr_i[r]  ? hdr_q[slot]
                                   :                mem_q[{slot, word}];
    end
  endgenerate

`ifdef FANOUT_ASSERT_ON
  // Number of payload words written into each slot since its header (simulation only).
  reg [8:0] wcnt_q [0:SLOTS-1];            // payload words written since the header
  integer   k;
  always @(posedge clk_i) begin
    if (hdr_we_i) wcnt_q[hdr_slot_i] <= 9'd0;
    `FO_ASSERT("stream_range", rst_i || !(((hdr_we_i && {1'b0, hdr_slot_i} >= SLOTS[SW:0]) ||
                   (wr_en_i && ({1'b0, wr_slot_i} >= SLOTS[SW:0] || wr_word_i == 8'd255)))),
               ("write outside the buffer: slot %0d word %0d", wr_slot_i, wr_word_i))
    if (wr_en_i) begin
      `FO_ASSERT("buf_write_conflict", rst_i || !(hdr_we_i && hdr_slot_i == wr_slot_i),
                 ("header and payload written to slot %0d in one cycle", wr_slot_i))
      `FO_ASSERT("buf_write_order", rst_i || {1'b0, wr_word_i} == wcnt_q[wr_slot_i],
                 ("payload word %0d of slot %0d written out of order", wr_word_i, wr_slot_i))
      wcnt_q[wr_slot_i] <= wcnt_q[wr_slot_i] + 9'd1;
    end
    // (the egress registers hold random values until the reset edge)
    for (k = 0; k < NRD; k = k + 1) begin
      `FO_ASSERT("buf_read_early", rst_i || !(rd_sel_i[k] && !rd_hdr_i[k] &&
                 {1'b0, rd_word_i[k*8 +: 8]} >= wcnt_q[rd_slot_i[k*SW +: SW]]),
                 ("egress %0d reads word %0d of slot %0d, not yet written",
                  k, rd_word_i[k*8 +: 8], rd_slot_i[k*SW +: SW]))
    end
  end
`endif

endmodule

`resetall
