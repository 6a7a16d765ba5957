// fanout_replicator -- stage 3: replication engine of one ingress port, and the owner of the
// port's slot state (busy, lookup pending and pending-copy bitmap per slot).
//
// Each cycle, for the port's lookup entry that completes (lkp_valid_i):
//   member set = the word read (multicast) or 1 << dst (unicast), bit PORT cleared when
//   xsrc is set;
//   empty: the packet is dropped (drop_valid_o, reason `empty`); its slot is released once
//   its flits are written;
//   else the slot's pending bitmap is set to the member set and (members, slot) enters a
//   delay line of DELAY registers; from its end it is pushed onto queue (e, PORT) of every
//   member e, visible to the egress DELAY + 1 cycles after the lookup completed (this
//   fixes the zero-load latency: model fo_queue_delay).
// Egress e clears bit e of a slot's pending bitmap when its reads of the copy are done (one
// clear port per bank). Release: each cycle the lowest busy slot whose lookup completed,
// whose flits are all written (wdone_i) and whose pending bitmap is zero (all as at the
// start of the cycle) is released (rel_o: its cells go back to the buffer) and is free from
// the next cycle.

`resetall
`timescale 1ns / 1ps
`default_nettype none

`include "fanout_assert.vh"

module fanout_replicator #(
  parameter NPORTS = 32,                    // ports
  parameter SLOTS  = 16,                    // slots of this ingress port
  parameter PORT   = 0,                     // this ingress port
  parameter DELAY  = 19,                    // delay line registers (fo_queue_delay - 1)
  parameter SW     = $clog2(SLOTS),         // slot number width
  parameter PW     = $clog2(NPORTS)         // port number width
) (
  input  wire                 clk_i,
  input  wire                 rst_i,
  // slot allocation (parser)
  input  wire                 alloc_i,      // a data header took slot alloc_slot_i
  input  wire [SW-1:0]        alloc_slot_i, // the slot
  output wire [SLOTS-1:0]     slot_free_o,  // slot s is free (start of cycle)
  // completed lookups (fanout_group_sram)
  input  wire                 lkp_valid_i,  // an entry completes its lookup
  input  wire [SW-1:0]        lkp_slot_i,   // its slot
  input  wire                 lkp_mcast_i,  // it is multicast
  input  wire [NPORTS-1:0]    lkp_word_i,   // the group word read (multicast)
  // header of lkp_slot_i (payload buffer; only xsrc, dst and tag are used)
  /* verilator lint_off UNUSEDSIGNAL */
  input  wire [63:0]          hdr_i,        // header register of lkp_slot_i
  /* verilator lint_on UNUSEDSIGNAL */
  // slot release (payload buffer)
  input  wire [SLOTS-1:0]     wdone_i,      // slot s: every flit written (start of cycle)
  output wire                 rel_o,        // slot rel_slot_o is released this cycle
  output wire [SW-1:0]        rel_slot_o,   // the slot
  // pushes onto the egress queues (e, PORT), from the end of the delay line
  output wire [NPORTS-1:0]    push_o,       // push onto queue (e, PORT) for each set bit e
  output wire [SW-1:0]        push_slot_o,  // the slot pushed
  // drops
  output wire                 drop_valid_o, // the packet is dropped (empty member set)
  output wire [23:0]          drop_tag_o,   // its tag
  // pending-bit clears, egress e bank b at index e*2+b
  input  wire [NPORTS*2-1:0]    clr_valid_i,  // egress e's reads of a copy are done
  input  wire [NPORTS*2*PW-1:0] clr_port_i,   // of a slot of this ingress port
  input  wire [NPORTS*2*SW-1:0] clr_slot_i,   // the slot
  output wire                 idle_o        // no slot in use
);

  // ---------------------------------------------------------------- parameter checks
  // Out of range: elaboration stops with the message (fanout_assert.vh).
  if (PORT < 0 || PORT >= NPORTS) begin : g_bad_port
    `FO_PARAM_ERROR(("fanout_replicator: PORT %0d out of range 0..NPORTS-1 (%0d)", PORT, NPORTS - 1))
  end
  if (DELAY < 1) begin : g_bad_delay
    `FO_PARAM_ERROR(("fanout_replicator: DELAY %0d below 1", DELAY))
  end

  localparam [31:0] PORT32 = PORT;          // PORT as a sized constant

  reg [SLOTS-1:0]        busy_q;            // slot s is in use (allocated, not yet released)
  reg [SLOTS-1:0]        lkp_q;             // busy slot s whose lookup has not completed
  reg [SLOTS*NPORTS-1:0] pend_q;            // pending-copy bitmap of each slot

  // member set
  wire [NPORTS-1:0] ucast  = {{(NPORTS-1){1'b0}}, 1'b1} << hdr_i[32 +: PW];
  wire [NPORTS-1:0] xmask  = ~({{(NPORTS-1){1'b0}}, hdr_i[61]} << PORT);
  wire [NPORTS-1:0] member = (lkp_mcast_i ? lkp_word_i : ucast) & xmask;
  wire              empty  = (member == {NPORTS{1'b0}});

  assign drop_valid_o = lkp_valid_i && empty;
  assign drop_tag_o   = drop_valid_o ? hdr_i[23:0] : 24'd0;

  // ---------------------------------------------------------------- delay line
  // the member sets travel in registers with a reset (they are the valid bits), the slot
  // numbers beside them in a fanout_pipe
  reg [DELAY*NPORTS-1:0] dl_q;              // stage k's member set at k*NPORTS
  integer k;
  always @(posedge clk_i) begin
    if (rst_i) begin
      dl_q <= {(DELAY*NPORTS){1'b0}};
    end else begin
      dl_q[0 +: NPORTS] <= lkp_valid_i ? member : {NPORTS{1'b0}};
      for (k = 1; k < DELAY; k = k + 1) dl_q[k*NPORTS +: NPORTS] <= dl_q[(k-1)*NPORTS +: NPORTS];
    end
  end
  fanout_pipe #(.WIDTH(SW), .STAGES(DELAY)) u_dl_slot (
    .clk_i (clk_i),
    .d_i   (lkp_slot_i),
    .q_o   (push_slot_o)
  );
  assign push_o = dl_q[(DELAY-1)*NPORTS +: NPORTS];

  // ---------------------------------------------------------------- release
  reg [SLOTS-1:0] ready;                    // slot s may be released
  integer s;
  always @* begin
    for (s = 0; s < SLOTS; s = s + 1)
      ready[s] = busy_q[s] && !lkp_q[s] && wdone_i[s] && pend_q[s*NPORTS +: NPORTS] == {NPORTS{1'b0}};
  end
  wire [SLOTS-1:0] rel_oh;                  // the lowest ready slot, one-hot
  fanout_first_one #(.N(SLOTS), .IW(SW)) u_rel (.x_i(ready), .oh_o(rel_oh), .idx_o(rel_slot_o), .any_o(rel_o));

  // ---------------------------------------------------------------- pending-bit clears
  // bit s*NPORTS+e: egress e clears slot s, on either of its banks' clear ports (each bit
  // decoded on its own: a loop writing a variable index stays a chain of 2 x NPORTS muxes)
  wire [SLOTS*NPORTS-1:0] clr;
  genvar ge, gs, gb;
  generate
    for (gs = 0; gs < SLOTS; gs = gs + 1) begin : g_clr_s
      localparam [SW-1:0] S = gs;           // this slot's number
      for (ge = 0; ge < NPORTS; ge = ge + 1) begin : g_clr_e
        wire [1:0] hit;                     // bank b's clear port of egress ge names slot gs here
        for (gb = 0; gb < 2; gb = gb + 1) begin : g_b
          localparam CI = ge*2 + gb;        // the clear port's index
          assign hit[gb] = clr_valid_i[CI] && clr_port_i[CI*PW +: PW] == PORT32[PW-1:0]
                           && clr_slot_i[CI*SW +: SW] == S;
        end
        assign clr[gs*NPORTS + ge] = |hit;
      end
    end
  endgenerate

  // ---------------------------------------------------------------- next state
  reg [SLOTS-1:0]        busy_d;            // next busy_q
  reg [SLOTS-1:0]        lkp_d;             // next lkp_q
  reg [SLOTS*NPORTS-1:0] pend_d;            // next pend_q
  always @* begin
    busy_d = busy_q & ~rel_oh;
    lkp_d  = lkp_q;
    pend_d = pend_q & ~clr;
    if (alloc_i) begin
      busy_d[alloc_slot_i] = 1'b1;
      lkp_d[alloc_slot_i]  = 1'b1;
    end
    if (lkp_valid_i) begin
      lkp_d[lkp_slot_i] = 1'b0;
      pend_d[lkp_slot_i*NPORTS +: NPORTS] = member;
    end
  end

  always @(posedge clk_i) begin
    if (rst_i) begin
      busy_q <= {SLOTS{1'b0}};
      lkp_q  <= {SLOTS{1'b0}};
      pend_q <= {(SLOTS*NPORTS){1'b0}};
    end else begin
      busy_q <= busy_d;
      lkp_q  <= lkp_d;
      pend_q <= pend_d;
    end
  end

  assign slot_free_o = ~busy_q;
  assign idle_o      = (busy_q == {SLOTS{1'b0}});

`ifdef FANOUT_ASSERT_ON
  always @(posedge clk_i) begin
    if (!rst_i) begin
      `FO_ASSERT("refcount_underflow", (clr & ~pend_q) == {(SLOTS*NPORTS){1'b0}},
                 ("a pending bit cleared that is not set (cleared twice?)"))
      `FO_ASSERT("free_pending", !lkp_valid_i || lkp_q[lkp_slot_i],
                 ("lookup completes on slot %0d whose lookup is not pending", lkp_slot_i))
      `FO_ASSERT("refcount", !lkp_valid_i || clr[lkp_slot_i*NPORTS +: NPORTS] == {NPORTS{1'b0}},
                 ("pending bits of slot %0d set and cleared in one cycle", lkp_slot_i))
      `FO_ASSERT("slot_overflow", !alloc_i || !busy_q[alloc_slot_i],
                 ("slot %0d allocated while in use", alloc_slot_i))
    end
  end
`endif

endmodule

`resetall
