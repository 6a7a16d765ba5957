// fanout_sync_fifo -- small synchronous FIFO (register array, any DEPTH >= 2).
//
// Each cycle: pop_i removes the head (head_o, valid as of the start of the cycle), push_i
// appends din_i; both may happen in one cycle. A pushed entry is visible at head_o from
// the next cycle on. The users size it so that it can never overflow; the simulation
// assertions (FANOUT_ASSERT) check overflow and underflow.

`resetall
`timescale 1ns / 1ps
`default_nettype none

`include "fanout_assert.vh"

module fanout_sync_fifo #(
  parameter DEPTH = 16,                 // entries
  parameter WIDTH = 4,                  // bits per entry
  parameter AW    = $clog2(DEPTH),      // pointer width
  parameter CW    = $clog2(DEPTH + 1)   // count width
) (
  input  wire             clk_i,
  input  wire             rst_i,
  input  wire             push_i,       // append din_i
  input  wire [WIDTH-1:0] din_i,        // entry to append
  input  wire             pop_i,        // remove the head
  output wire [WIDTH-1:0] head_o,       // oldest entry
  output wire             empty_o,      // no entry (as of the start of the cycle)
  output wire             one_o,        // exactly one entry (as of the start of the cycle)
  output wire             full_o        // DEPTH entries (as of the start of the cycle)
);

  // ---------------------------------------------------------------- parameter checks
  // Out of range: elaboration stops with the message (fanout_assert.vh).
  if (DEPTH < 2) begin : g_bad_depth
    `FO_PARAM_ERROR(("fanout_sync_fifo: DEPTH %0d below 2", DEPTH))
  end

  localparam [31:0] LASTI   = DEPTH - 1;// last index

  reg [WIDTH-1:0] mem_q [0:DEPTH-1];    // entries
  reg [AW-1:0]    rd_ptr_q;             // index of the head
  reg [AW-1:0]    wr_ptr_q;             // index the next push writes
  reg [CW-1:0]    count_q;              // number of entries

  assign head_o  = mem_q[rd_ptr_q];
  assign empty_o = (count_q == {CW{1'b0}});
  assign one_o   = (count_q == {{(CW-1){1'b0}}, 1'b1});

  localparam [31:0] DEPTH32 = DEPTH;    // DEPTH as a sized constant
  assign full_o  = (count_q == DEPTH32[CW-1:0]);

  // The next count: count + 1 and count - 1 are made from the register alone and chosen by
  // an AND-OR on push and pop, so that a late pop (an egress's take, a lookup's issue) goes
  // through two gates, not through an adder. Written as "if push: count + 1 else if pop:
  // count - 1", Yosys's share pass makes one adder whose operand pop selects: 10 levels
  // after the pop at 64 entries (issue 13 item 4).
  // The count changes only with a push or a pop (the register's enable), so that the
  // simulator skips the idle FIFOs (most of an egress's 32 queues, most cycles); with one of
  // them: +1 after a push alone, -1 after a pop alone, unchanged after both.
  wire [CW-1:0] count_inc = count_q + 1'b1;   // after a push alone
  wire [CW-1:0] count_dec = count_q - 1'b1;   // after a pop alone

  always @(posedge clk_i) begin
    if (push_i) mem_q[wr_ptr_q] <= din_i;
  end

  always @(posedge clk_i) begin
    if (rst_i) begin
      rd_ptr_q <= {AW{1'b0}};
      wr_ptr_q <= {AW{1'b0}};
      count_q  <= {CW{1'b0}};
    end else if (push_i || pop_i) begin
      if (push_i) wr_ptr_q <= (wr_ptr_q == LASTI[AW-1:0]) ? {AW{1'b0}} : wr_ptr_q + 1'b1;
      if (pop_i)  rd_ptr_q <= (rd_ptr_q == LASTI[AW-1:0]) ? {AW{1'b0}} : rd_ptr_q + 1'b1;
      count_q  <= ({CW{push_i && !pop_i}} & count_inc) | ({CW{pop_i && !push_i}} & count_dec)
                | ({CW{push_i && pop_i}} & count_q);
    end
  end

`ifdef FANOUT_ASSERT_ON
  always @(posedge clk_i) begin
    if (!rst_i && (push_i || pop_i)) begin
      `FO_ASSERT("fifo_underflow", !(pop_i && empty_o),
                 ("pop when empty"))
      `FO_ASSERT("fifo_overflow", !(push_i && full_o && !pop_i),
                 ("push when full"))
    end
  end
`endif

endmodule

`resetall
