// fanout_tb -- the Verilated top of the harness (testbench only, not RTL).
//
// fanout_switch (instance `dut`, by its ports only) plus what a waveform of a
// co-simulation needs beside the RTL's own signals:
//   cycle          the trace's cycle number (cycle c spans time c ns .. c+1 ns)
//   port[e]        egress/ingress e's pins, one 64-bit flit per port (the top's
//                  buses cut per port, so that GTKWave shows them one by one)
//   model.*        the C model's outputs for the same pins in the same cycle
//                  (driven by the harness in lock-step; 0 when the RTL runs alone)
// so that expected and actual sit one above the other.  The model keeps no
// payload, so model.port[e].out_data holds the header flits only (model.port[e].out_sop).
// The pins of fanout_switch are this module's pins, same names and widths,
// so the harness drives either top the same way (harness/rtl_wrapper.h).

`resetall
`timescale 1ns / 1ps
`default_nettype none

module fanout_tb #(
  parameter NPORTS   = 32,
  parameter NGROUPS  = 65536,
  parameter SLOTS    = 16,
  parameter SRAM_LAT = 2,
  parameter LOOKUPS  = 4,
  localparam B       = 1 << $clog2(NPORTS)  // config banks: commit lanes
) (
  input  wire                 clk_i,
  input  wire                 rst_i,
  input  wire [NPORTS-1:0]    in_valid_i,
  input  wire [NPORTS*64-1:0] in_data_i,
  output wire [NPORTS-1:0]    in_ready_o,
  output wire [NPORTS-1:0]    out_valid_o,
  output wire [NPORTS*64-1:0] out_data_o,
  input  wire [NPORTS-1:0]    out_ready_i,
  input  wire                 cmd_valid_i,
  input  wire [2:0]           cmd_op_i,
  input  wire [15:0]          cmd_gid_i,
  input  wire [63:0]          cmd_data_i,
  output wire [B-1:0]         commit_valid_o,
  output wire [B-1:0]         commit_inband_o,
  output wire [B*6-1:0]       commit_port_o,
  output wire [B*3-1:0]       commit_op_o,
  output wire [B*16-1:0]      commit_gid_o,
  output wire [B*64-1:0]      commit_bitmap_o,
  output wire [NPORTS-1:0]    prs_drop_valid_o,
  output wire [NPORTS*3-1:0]  prs_drop_reason_o,
  output wire [NPORTS*24-1:0] prs_drop_tag_o,
  output wire [NPORTS-1:0]    rep_drop_valid_o,
  output wire [NPORTS*24-1:0] rep_drop_tag_o,
  output wire                 init_done_o,
  output wire                 idle_o,
  // testbench only: for the waveform
  input  wire [63:0]          cycle_i,             // the trace's cycle number
  input  wire [NPORTS-1:0]    model_in_ready_i,    // the model's in_ready
  input  wire [NPORTS-1:0]    model_out_valid_i,   // the model's out_valid
  input  wire [NPORTS-1:0]    model_out_sop_i,     // which of those flits are headers
  input  wire [NPORTS*64-1:0] model_out_data_i,    // the header flits (0 elsewhere)
  input  wire [B-1:0]         model_commit_valid_i,// a commit in the model, lane b (bank of its group)
  input  wire [B*3-1:0]       model_commit_op_i,   // its op
  input  wire [B*16-1:0]      model_commit_gid_i,  // its group
  input  wire [B*64-1:0]      model_commit_bitmap_i, // its bitmap
  input  wire                 model_idle_i         // the model holds nothing
);

  fanout_switch #(
    .NPORTS   (NPORTS),
    .NGROUPS  (NGROUPS),
    .SLOTS    (SLOTS),
    .SRAM_LAT (SRAM_LAT),
    .LOOKUPS  (LOOKUPS)
  ) dut (
    .clk_i             (clk_i),
    .rst_i             (rst_i),
    .in_valid_i        (in_valid_i),
    .in_data_i         (in_data_i),
    .in_ready_o        (in_ready_o),
    .out_valid_o       (out_valid_o),
    .out_data_o        (out_data_o),
    .out_ready_i       (out_ready_i),
    .cmd_valid_i       (cmd_valid_i),
    .cmd_op_i          (cmd_op_i),
    .cmd_gid_i         (cmd_gid_i),
    .cmd_data_i        (cmd_data_i),
    .commit_valid_o    (commit_valid_o),
    .commit_inband_o   (commit_inband_o),
    .commit_port_o     (commit_port_o),
    .commit_op_o       (commit_op_o),
    .commit_gid_o      (commit_gid_o),
    .commit_bitmap_o   (commit_bitmap_o),
    .prs_drop_valid_o  (prs_drop_valid_o),
    .prs_drop_reason_o (prs_drop_reason_o),
    .prs_drop_tag_o    (prs_drop_tag_o),
    .rep_drop_valid_o  (rep_drop_valid_o),
    .rep_drop_tag_o    (rep_drop_tag_o),
    .init_done_o       (init_done_o),
    .idle_o            (idle_o)
  );

  // These wires exist to be traced: nothing reads them.
  /* verilator lint_off UNUSEDSIGNAL */
  wire [63:0] cycle = cycle_i;             // the trace's cycle number

  genvar e, b;
  generate
    for (b = 0; b < B; b = b + 1) begin : lane
      wire        commit_valid  = commit_valid_o[b];              // lane b (bank b) commits
      wire [2:0]  commit_op     = commit_op_o[b*3 +: 3];          // its op
      wire [15:0] commit_gid    = commit_gid_o[b*16 +: 16];       // its group
      wire [63:0] commit_bitmap = commit_bitmap_o[b*64 +: 64];    // its bitmap
    end

    for (e = 0; e < NPORTS; e = e + 1) begin : port
      wire        in_valid  = in_valid_i[e];          // ingress e offers in_data
      wire [63:0] in_data   = in_data_i[e*64 +: 64];  // its flit
      wire        in_ready  = in_ready_o[e];          // ingress e takes it
      wire        out_valid = out_valid_o[e];         // egress e offers out_data
      wire [63:0] out_data  = out_data_o[e*64 +: 64]; // its flit
      wire        out_ready = out_ready_i[e];         // the receiver takes it
    end

    if (1) begin : model
      wire        idle          = model_idle_i;
      for (b = 0; b < B; b = b + 1) begin : lane
        wire        commit_valid  = model_commit_valid_i[b];
        wire [2:0]  commit_op     = model_commit_op_i[b*3 +: 3];
        wire [15:0] commit_gid    = model_commit_gid_i[b*16 +: 16];
        wire [63:0] commit_bitmap = model_commit_bitmap_i[b*64 +: 64];
      end
      for (e = 0; e < NPORTS; e = e + 1) begin : port
        wire        in_ready  = model_in_ready_i[e];
        wire        out_valid = model_out_valid_i[e];
        wire        out_sop   = model_out_sop_i[e];
        wire [63:0] out_data  = model_out_data_i[e*64 +: 64];
      end
    end
  endgenerate
  /* verilator lint_on UNUSEDSIGNAL */

endmodule

`resetall
