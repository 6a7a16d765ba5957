// fanout_replicator -- stage 3: replication engine of one ingress port, and the owner of the
// port's slot state (allocated flag and pending-copy bitmap per slot).
//
// Each cycle, for the port's lookup entry that completes (lkp_valid_i):
//   member set = the word read (multicast) or 1 << dst (unicast), bit PORT cleared when
//   xsrc is set;
//   empty: the packet is dropped (drop_valid_o, reason `empty`) and its slot freed;
//   else the slot's pending bitmap is set to the member set and the slot is pushed onto
//   queue (e, PORT) of every member e, all in this cycle.
// Egress e clears bit e of a slot's pending bitmap when it loads the copy's last flit.
// A slot is free when it is not allocated (header taken, lookup not completed) and its
// pending bitmap is zero.

`resetall
`timescale 1ns / 1ps
`default_nettype none

`include "fanout_assert.vh"

module fanout_replicator #(
  parameter NPORTS = 32,                    // ports
  parameter SLOTS  = 16,                    // slots of this ingress port
  parameter PORT   = 0,                     // this ingress port
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
  // pushes onto the egress queues (e, PORT)
  output wire [NPORTS-1:0]    push_o,       // push onto queue (e, PORT) for each set bit e
  output wire [SW-1:0]        push_slot_o,  // the slot pushed
  // drops
  output wire                 drop_valid_o, // the packet is dropped (empty member set)
  output wire [23:0]          drop_tag_o,   // its tag
  // pending-bit clears (every egress)
  input  wire [NPORTS-1:0]    clr_valid_i,  // egress e loads a copy's last flit
  input  wire [NPORTS*PW-1:0] clr_port_i,   // of a slot of this ingress port
  input  wire [NPORTS*SW-1:0] clr_slot_i,   // the slot
  output wire                 idle_o        // no slot in use
);

  // ---------------------------------------------------------------- parameter checks
  // Out of range: elaboration stops with the message (fanout_assert.vh).
  if (PORT < 0 || PORT >= NPORTS) begin : g_bad_port
    `FO_PARAM_ERROR(("fanout_replicator: PORT %0d out of range 0..NPORTS-1 (%0d)", PORT, NPORTS - 1))
  end

  localparam [31:0] PORT32 = PORT;          // PORT as a sized constant

  reg [SLOTS-1:0]        alloc_q;           // slot s holds a packet whose lookup is pending
  reg [SLOTS*NPORTS-1:0] pend_q;            // pending-copy bitmap of each slot

  // member set
  wire [NPORTS-1:0] ucast  = {{(NPORTS-1){1'b0}}, 1'b1} << hdr_i[32 +: PW];
  wire [NPORTS-1:0] xmask  = ~({{(NPORTS-1){1'b0}}, hdr_i[61]} << PORT);
  wire [NPORTS-1:0] member = (lkp_mcast_i ? lkp_word_i : ucast) & xmask;
  wire              empty  = (member == {NPORTS{1'b0}});

  assign push_o       = lkp_valid_i ? member : {NPORTS{1'b0}};
  assign push_slot_o  = lkp_slot_i;
  assign drop_valid_o = lkp_valid_i && empty;
  assign drop_tag_o   = drop_valid_o ? hdr_i[23:0] : 24'd0;

  // pending-bit clears addressed to this port's slots
  reg [SLOTS*NPORTS-1:0] clr;               // bit s*NPORTS+e: egress e clears slot s
  integer e;
  always @* begin
    clr = {(SLOTS*NPORTS){1'b0}};
    for (e = 0; e < NPORTS; e = e + 1) begin
      if (clr_valid_i[e] && clr_port_i[e*PW +: PW] == PORT32[PW-1:0]) begin
        clr[clr_slot_i[e*SW +: SW]*NPORTS + e] = 1'b1;
      end
    end
  end

  // next state
  reg [SLOTS-1:0]        alloc_d;           // next alloc_q
  reg [SLOTS*NPORTS-1:0] pend_d;            // next pend_q
  integer s;
  always @* begin
    alloc_d = alloc_q;
    pend_d  = pend_q & ~clr;
    for (s = 0; s < SLOTS; s = s + 1) begin
      if (alloc_i && alloc_slot_i == s[SW-1:0]) alloc_d[s] = 1'b1;
      if (lkp_valid_i && lkp_slot_i == s[SW-1:0]) begin
        alloc_d[s] = 1'b0;
        pend_d[s*NPORTS +: NPORTS] = member;
      end
    end
  end

  always @(posedge clk_i) begin
    if (rst_i) begin
      alloc_q <= {SLOTS{1'b0}};
      pend_q  <= {(SLOTS*NPORTS){1'b0}};
    end else begin
      alloc_q <= alloc_d;
      pend_q  <= pend_d;
    end
  end

  genvar g;
  generate
    for (g = 0; g < SLOTS; g = g + 1) begin : g_free
      assign slot_free_o[g] = !alloc_q[g] && (pend_q[g*NPORTS +: NPORTS] == {NPORTS{1'b0}});
    end
  endgenerate

  assign idle_o = (alloc_q == {SLOTS{1'b0}}) && (pend_q == {(SLOTS*NPORTS){1'b0}});

`ifdef FANOUT_ASSERT_ON
  always @(posedge clk_i) begin
    if (!rst_i) begin
      `FO_ASSERT("refcount_underflow", (clr & ~pend_q) == {(SLOTS*NPORTS){1'b0}},
                 ("a pending bit cleared that is not set (cleared twice?)"))
      `FO_ASSERT("free_pending", !lkp_valid_i || alloc_q[lkp_slot_i],
                 ("lookup completes on slot %0d which is not allocated", lkp_slot_i))
      `FO_ASSERT("refcount", !lkp_valid_i || clr[lkp_slot_i*NPORTS +: NPORTS] == {NPORTS{1'b0}},
                 ("pending bits of slot %0d set and cleared in one cycle", lkp_slot_i))
      `FO_ASSERT("slot_overflow", !alloc_i || slot_free_o[alloc_slot_i],
                 ("slot %0d allocated while in use", alloc_slot_i))
    end
  end
`endif

endmodule

`resetall
