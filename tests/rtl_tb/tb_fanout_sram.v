// tb_fanout_sram -- fanout_sram against a reference array (self-checking).
//
// DEPTH 12 (not a power of two), WIDTH 8: every word written first (the array is not
// reset), then random writes and reads for CYCLES cycles, the addresses mostly in 0..3 so
// that a read and a write of the same word in one cycle happen often. The read is
// registered and read-first: after a cycle with re_i, rdata_o is the word as it was before
// that cycle's write; after a cycle without re_i, rdata_o keeps its value. Checked every
// cycle, and same-word read/write cycles are counted (must be > 0). Prints "PASS ..." or
// "FAIL: ...".

`timescale 1ns / 1ps
`default_nettype none

`include "tb_common.vh"

module tb_fanout_sram;
  localparam CYCLES = 20000;
  localparam DEPTH  = 12;

  `TB_CLOCK_RNG(32'h0bad_5eed)   // clk, errors, rng, step_rng (tb_common.vh)

  reg        we, re;
  reg  [3:0] waddr, raddr;
  reg  [7:0] wdata;
  wire [7:0] rdata;

  fanout_sram #(.DEPTH(DEPTH), .WIDTH(8), .AW(4)) u_dut (
    .clk_i(clk), .we_i(we), .waddr_i(waddr), .wdata_i(wdata),
    .re_i(re), .raddr_i(raddr), .rdata_o(rdata));

  reg [7:0] mem [0:DEPTH-1];                // the reference array
  reg [7:0] rd_ref;                         // the reference read register
  integer   cyc, same;

  function [3:0] pick_addr(input [7:0] r);
    begin
      pick_addr = r[7] ? {2'b00, r[1:0]} : r[3:0] % DEPTH;
    end
  endfunction

  initial begin
    we = 1'b0; re = 1'b0; waddr = 4'd0; raddr = 4'd0; wdata = 8'd0;
    same = 0;
    // fill every word
    for (cyc = 0; cyc < DEPTH; cyc = cyc + 1) begin
      @(negedge clk);
      we = 1'b1; waddr = cyc[3:0]; wdata = 8'h40 + cyc[7:0];
      mem[cyc] = wdata;
    end
    @(negedge clk);
    we = 1'b0; re = 1'b1; raddr = 4'd0;     // a first read: rdata_o known from here on
    @(posedge clk);
    rd_ref = mem[0];
    for (cyc = 0; cyc < CYCLES && errors < 10; cyc = cyc + 1) begin
      @(negedge clk);
      if (rdata !== rd_ref) begin
        $display("FAIL: cycle %0d: rdata_o 0x%0h, expected 0x%0h", cyc, rdata, rd_ref);
        errors = errors + 1;
      end
      step_rng;
      we    = rng[8];
      re    = rng[9] | rng[10];
      waddr = pick_addr(rng[23:16]);
      raddr = pick_addr(rng[31:24]);
      wdata = rng[7:0];
      if (we && re && waddr == raddr) same = same + 1;
      @(posedge clk);
      if (re) rd_ref = mem[raddr];          // read first ...
      if (we) mem[waddr] = wdata;           // ... then the write
    end
    if (same == 0) begin
      $display("FAIL: no cycle read and wrote the same word");
      errors = errors + 1;
    end
    if (errors == 0) $display("PASS tb_fanout_sram: %0d cycles, %0d same-word read/write cycles", CYCLES, same);
    $finish;
  end
endmodule
