// Small designs whose synthesis figures are known by construction, to test the
// instrument rtl/synth_report.sh (tests/synth.sh). Each module is a top of its own.
//
// Logic depth: a chain of N black-box buffers (fx_buf, a module without a body: neither
// flatten nor abc touch it, and `ltp` counts each instance as one level, as it counts a
// gate) is exactly N levels; an AND of 2^K inputs in 2-input gates is at least K levels,
// and abc builds the balanced tree, so exactly K.

`default_nettype none

// One level of logic that no synthesis step can see into.
(* blackbox *)
module fx_buf (
  input  wire a_i,                         // in
  output wire y_o                          // out
);
endmodule

// An SRAM-able memory (512 x 16, one write port, one registered read port, 8192 bits),
// a 64-input AND (depth 6) into one flip-flop and a chain of DEPTH black-box buffers into
// another.
// State: 8192 memory bits, 2 flip-flop bits.
module fx_sram #(
  parameter DEPTH = 12                     // buffers in the chain
) (
  input  wire        clk_i,
  input  wire        we_i,                 // write wdata_i at waddr_i
  input  wire [8:0]  waddr_i,              // word written
  input  wire [15:0] wdata_i,              // data written
  input  wire        re_i,                 // read raddr_i
  input  wire [8:0]  raddr_i,              // word read
  output reg  [15:0] rdata_o,              // read register
  input  wire [63:0] and_i,                // the AND's inputs
  output reg         and_o,                // register: &and_i
  input  wire        chain_i,              // the chain's input
  output reg         chain_o               // register: the chain's output
);
  reg [15:0] mem [0:511];                  // the array

  always @(posedge clk_i) begin
    if (we_i) mem[waddr_i] <= wdata_i;
  end

  always @(posedge clk_i) begin
    if (re_i) rdata_o <= mem[raddr_i];
  end

  wire [DEPTH:0] c;                        // chain nodes
  assign c[0] = chain_i;
  genvar i;
  generate
    for (i = 0; i < DEPTH; i = i + 1) begin : g_buf
      fx_buf u_buf (.a_i(c[i]), .y_o(c[i+1]));
    end
  endgenerate

  always @(posedge clk_i) begin
    and_o   <= &and_i;
    chain_o <= c[DEPTH];
  end
endmodule

// Two registered read ports on one WORDS x 16 array: not SRAM-able (counted as flip-flops).
module fx_two_reads #(
  parameter WORDS = 512,                   // words
  parameter AW    = $clog2(WORDS)          // address width
) (
  input  wire        clk_i,
  input  wire        we_i,                 // write wdata_i at waddr_i
  input  wire [AW-1:0] waddr_i,            // word written
  input  wire [15:0] wdata_i,              // data written
  input  wire [AW-1:0] raddr_a_i,          // word read on port a
  input  wire [AW-1:0] raddr_b_i,          // word read on port b
  output reg  [15:0] rdata_a_o,            // read register a
  output reg  [15:0] rdata_b_o             // read register b
);
  reg [15:0] mem [0:WORDS-1];              // the array

  always @(posedge clk_i) begin
    if (we_i) mem[waddr_i] <= wdata_i;
    rdata_a_o <= mem[raddr_a_i];
    rdata_b_o <= mem[raddr_b_i];
  end
endmodule

// One combinational read port on a 512 x 16 array: not SRAM-able.
module fx_comb_read (
  input  wire        clk_i,
  input  wire        we_i,                 // write wdata_i at waddr_i
  input  wire [8:0]  waddr_i,              // word written
  input  wire [15:0] wdata_i,              // data written
  input  wire [8:0]  raddr_i,              // word read
  output wire [15:0] rdata_o               // the word, combinational
);
  reg [15:0] mem [0:511];                  // the array

  always @(posedge clk_i) begin
    if (we_i) mem[waddr_i] <= wdata_i;
  end
  assign rdata_o = mem[raddr_i];
endmodule

// A 256 x 4 SRAM-able memory (1024 bits) beside a 128-bit register: 128 of 1152 state
// bits (11.1%) are flip-flops.
module fx_many_ffs (
  input  wire         clk_i,
  input  wire         we_i,                // write wdata_i at waddr_i
  input  wire [7:0]   waddr_i,             // word written
  input  wire [3:0]   wdata_i,             // data written
  input  wire [7:0]   raddr_i,             // word read
  output reg  [3:0]   rdata_o,             // read register
  input  wire [127:0] d_i,                 // the register's input
  output reg  [127:0] q_o                  // the register
);
  reg [3:0] mem [0:255];                   // the array

  always @(posedge clk_i) begin
    if (we_i) mem[waddr_i] <= wdata_i;
    rdata_o <= mem[raddr_i];
    q_o     <= d_i;
  end
endmodule

// A registered-read 512 x 16 memory between two chains of DEPTH black-box buffers: input
// -> chain -> read address bit 0, read data bit 0 -> chain -> output. The memory ends one
// path and starts the other, so the depth is DEPTH, not 2 x DEPTH + 1.
module fx_mem_cut #(
  parameter DEPTH = 30                     // buffers in each chain
) (
  input  wire        clk_i,
  input  wire        we_i,                 // write wdata_i at waddr_i
  input  wire [8:0]  waddr_i,              // word written
  input  wire [15:0] wdata_i,              // data written
  input  wire [8:0]  raddr_i,              // word read (bit 0 through the first chain)
  output wire [15:0] rdata_o               // the read register (bit 0 through the second chain)
);
  reg [15:0] mem [0:511];                  // the array
  reg [15:0] rdata_q;                      // read register
  wire [DEPTH:0] a;                        // first chain
  wire [DEPTH:0] d;                        // second chain

  assign a[0] = raddr_i[0];
  assign d[0] = rdata_q[0];
  genvar i;
  generate
    for (i = 0; i < DEPTH; i = i + 1) begin : g_buf
      fx_buf u_a (.a_i(a[i]), .y_o(a[i+1]));
      fx_buf u_d (.a_i(d[i]), .y_o(d[i+1]));
    end
  endgenerate

  always @(posedge clk_i) begin
    if (we_i) mem[waddr_i] <= wdata_i;
    rdata_q <= mem[{raddr_i[8:1], a[DEPTH]}];
  end
  assign rdata_o = {rdata_q[15:1], d[DEPTH]};
endmodule
