// fanout_replicator -- stage 3: replication engine of one ingress port, and the owner of the
// port's slot state (busy, lookup pending and pending-copy bitmap per slot).
//
// Each cycle, for the port's lookup entry that completes (lkp_valid_i):
//   member set = the word read (multicast) or 1 << dst (unicast), bit port_i cleared when
//   xsrc is set;
//   empty: the packet is dropped (drop_valid_o, reason `empty`); its slot is released once
//   its flits are written;
//   else the slot's pending bitmap is set to the member set and (members, slot) enters a
//   delay line of DELAY registers; from its end it is pushed onto queue (e, port_i) of every
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
  parameter DELAY  = 19,                    // delay line registers (fo_queue_delay - 1)
  parameter SW     = $clog2(SLOTS),         // slot number width
  parameter PW     = $clog2(NPORTS)         // port number width
) (
  input  wire                 clk_i,
  input  wire                 rst_i,
  input  wire [PW-1:0]        port_i,       // this ingress port (a constant of the instance)
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
  output wire [SLOTS-1:0]     rel_oh_o,     // the same slot, one-hot (0: no release)
  // pushes onto the egress queues (e, port_i), from the end of the delay line
  output wire [NPORTS-1:0]    push_o,       // push onto queue (e, port_i) for each set bit e
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

  // One C++ class of the Verilated model shared by all NPORTS instances (as the payload
  // buffer, egress queue and parser; rtl/fanout_verilator.vlt, docs/rtl.md "Verilator model
  // size"): which port it is comes in on port_i, a constant in synthesis (the same logic as
  // a parameter), since instances with different parameters are different classes.
  /*verilator no_inline_module*/

  // ---------------------------------------------------------------- parameter checks
  // Out of range: elaboration stops with the message (fanout_assert.vh).
  if (DELAY < 1) begin : g_bad_delay
    `FO_PARAM_ERROR(("fanout_replicator: DELAY %0d below 1", DELAY))
  end

  reg [SLOTS-1:0]        busy_q;            // slot s is in use (allocated, not yet released)
  reg [SLOTS-1:0]        lkp_q;             // busy slot s whose lookup has not completed
  reg [NPORTS*SLOTS-1:0] pend_q;            // pending-copy bits: egress e's row, bit s (slot s) at e*SLOTS+s

  // member set
  wire [NPORTS-1:0] ucast  = {{(NPORTS-1){1'b0}}, 1'b1} << hdr_i[32 +: PW];
  wire [NPORTS-1:0] xmask  = ~({{(NPORTS-1){1'b0}}, hdr_i[61]} << port_i);
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
  // A slot with a pending bit in any egress's row: the OR of the NPORTS rows as a tree
  // (fanout_or_tree, every row selected): $clog2(NPORTS) levels.
  wire [SLOTS-1:0] pend_any;                // slot s has a copy pending
  fanout_or_tree #(.N(NPORTS), .W(SLOTS)) u_pend (.rows_i(pend_q), .sel_i({NPORTS{1'b1}}), .or_o(pend_any));
  wire [SLOTS-1:0] ready    = busy_q & ~lkp_q & wdone_i & ~pend_any;   // may be released
  wire [SLOTS-1:0] rel_oh;                  // the lowest ready slot, one-hot
  fanout_first_one #(.N(SLOTS), .IW(SW)) u_rel (.x_i(ready), .oh_o(rel_oh), .idx_o(rel_slot_o), .any_o(rel_o));

  // ---------------------------------------------------------------- pending-bit clears
  // Egress e's clears as its row: each of its two clear ports (one per bank) decoded one-hot
  // over the slots, at the constant position of the row (no variable-index write: a loop of
  // those stays a chain of 2 x NPORTS muxes in Yosys's abc -fast).
  localparam [SLOTS-1:0] ONE = {{(SLOTS-1){1'b0}}, 1'b1};
  reg [NPORTS*SLOTS-1:0] clr;               // egress e clears slot s: bit e*SLOTS+s
  reg                    clr_any;           // some bit of clr is set (the assertions' guard)
  integer e;
  // (the same logic as decoding every egress's two clears every cycle: the simulator skips
  // the egresses that clear nothing, and the pending bits' update below when there is
  // neither a clear nor a lookup)
  always @* begin
    clr     = {(NPORTS*SLOTS){1'b0}};
    clr_any = 1'b0;
    e       = 0;                            // (assigned on every path: no latch)
    if (|clr_valid_i)
      for (e = 0; e < NPORTS; e = e + 1)
        if (clr_valid_i[2*e] || clr_valid_i[2*e+1]) begin
          clr[e*SLOTS +: SLOTS] = ((clr_valid_i[2*e] && clr_port_i[2*e*PW +: PW] == port_i)
                                   ? ONE << clr_slot_i[2*e*SW +: SW] : {SLOTS{1'b0}})
                                | ((clr_valid_i[2*e+1] && clr_port_i[(2*e+1)*PW +: PW] == port_i)
                                   ? ONE << clr_slot_i[(2*e+1)*SW +: SW] : {SLOTS{1'b0}});
          clr_any = clr_any || clr[e*SLOTS +: SLOTS] != {SLOTS{1'b0}};
        end
  end

  // ---------------------------------------------------------------- next state
  // The completed lookup writes the member set into the slot's column: bit lkp_slot_i of
  // each row e, member bit e (over the row's clears).
  wire [SLOTS-1:0] lk_oh = lkp_valid_i ? ONE << lkp_slot_i : {SLOTS{1'b0}};   // that column
  reg [SLOTS-1:0]        busy_d;            // next busy_q
  reg [SLOTS-1:0]        lkp_d;             // next lkp_q
  reg [NPORTS*SLOTS-1:0] pend_d;            // next pend_q
  integer pe;
  always @* begin
    busy_d = busy_q & ~rel_oh;
    lkp_d  = lkp_q;
    if (alloc_i) begin
      busy_d[alloc_slot_i] = 1'b1;
      lkp_d[alloc_slot_i]  = 1'b1;
    end
    lkp_d  = lkp_d & ~lk_oh;
    pend_d = pend_q;
    pe     = 0;                             // (assigned on every path: no latch)
    // else lk_oh and clr are 0: pend_d is pend_q. On the clears' valid bits, not on clr_any,
    // the OR of their decodes: in synthesis the guard is a multiplexer select, and after the
    // decodes it lengthened the longest path (docs/benchmarks.md, "Synthesis").
    if (lkp_valid_i || (|clr_valid_i))
      for (pe = 0; pe < NPORTS; pe = pe + 1)
        pend_d[pe*SLOTS +: SLOTS] = (pend_q[pe*SLOTS +: SLOTS] & ~clr[pe*SLOTS +: SLOTS] & ~lk_oh)
                                  | (lk_oh & {SLOTS{member[pe]}});
  end

  always @(posedge clk_i) begin
    if (rst_i) begin
      busy_q <= {SLOTS{1'b0}};
      lkp_q  <= {SLOTS{1'b0}};
      pend_q <= {(NPORTS*SLOTS){1'b0}};
    end else begin
      busy_q <= busy_d;
      lkp_q  <= lkp_d;
      pend_q <= pend_d;
    end
  end

  assign rel_oh_o    = rel_oh;
  assign slot_free_o = ~busy_q;
  assign idle_o      = (busy_q == {SLOTS{1'b0}});

`ifdef FANOUT_ASSERT_ON
  always @(posedge clk_i) begin
    if (!rst_i) begin
      // (the NPORTS x SLOTS compares behind an if, not a ||: Verilator evaluates both sides
      // of a || of single bits, every cycle)
      if (clr_any) begin
        `FO_ASSERT("refcount_underflow", (clr & ~pend_q) == {(NPORTS*SLOTS){1'b0}},
                   ("a pending bit cleared that is not set (cleared twice?)"))
        `FO_ASSERT("refcount", !lkp_valid_i || (clr & {NPORTS{lk_oh}}) == {(NPORTS*SLOTS){1'b0}},
                   ("pending bits of slot %0d set and cleared in one cycle", lkp_slot_i))
      end
      `FO_ASSERT("free_pending", !lkp_valid_i || lkp_q[lkp_slot_i],
                 ("lookup completes on slot %0d whose lookup is not pending", lkp_slot_i))
      `FO_ASSERT("slot_overflow", !alloc_i || !busy_q[alloc_slot_i],
                 ("slot %0d allocated while in use", alloc_slot_i))
    end
  end
`endif

endmodule

`resetall
