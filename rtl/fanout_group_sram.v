// fanout_group_sram -- stage 2: the lookup FIFOs, the lookup engines and the group table.
//
// The table: NGROUPS words of NPORTS bits, held in LOOKUPS+1 copies written together, one per
// lookup engine and one (copy C) for the config engine's reads. Each copy is split into
// B config banks by group id (B = the smallest power of two >= NPORTS, bank = gid mod B,
// word gid / B of the bank), and every bank of every copy is one fanout_sram (1R1W,
// registered read): (LOOKUPS+1)*B macros of ceil(NGROUPS/B) words. A read issued at t
// returns, SRAM_LAT cycles later, the word as written by every write at cycles < t
// (registered read-first, then SRAM_LAT-1 pipeline registers). Each bank has one write
// port, so up to B commits (one per bank) are written per cycle, into every copy at once.
// After reset all banks are cleared in parallel, one word per bank per cycle
// (ceil(NGROUPS/B) cycles), with init_done_o low. Simulation only: with the plusarg
// +fanout_fast_clear every fanout_sram starts cleared at time 0, and the first reset skips
// the sweep (init_done_o rises with the reset); a later reset sweeps. Synthesis always sweeps.
//
// Lookup engine g serves ports g, g+LOOKUPS, g+2*LOOKUPS, ... Each cycle, per ingress port,
// the lookup FIFO head (start of cycle) is issued into the port's SRAM_LAT-stage lookup
// pipeline when the port's hold counter is 0 and the head is unicast, or multicast and
// wins its engine's read port (one multicast lookup per engine per cycle, round-robin
// among the engine's ports). The entry leaving the pipeline SRAM_LAT cycles later goes to
// the replicator with its engine's word. The hold counter is set to SRAM_LAT when the
// port's config op is granted and counts down each cycle.

`resetall
`timescale 1ns / 1ps
`default_nettype none

`include "fanout_assert.vh"

module fanout_group_sram #(
  parameter NPORTS   = 32,                  // ports (bits per word)
  parameter NGROUPS  = 65536,               // words
  parameter SLOTS    = 16,                  // slots per ingress port (lookup FIFO depth)
  parameter SRAM_LAT = 2,                   // read latency, cycles (1..4)
  parameter LOOKUPS  = 4,                   // lookup engines (1..16, <= NPORTS)
  parameter SW       = $clog2(SLOTS),       // slot number width
  parameter GW       = $clog2(NGROUPS),     // group id width
  parameter BW       = $clog2(NPORTS),      // bank bits: B = 2**BW banks
  parameter AW       = GW - BW              // word address width within a bank
) (
  input  wire                 clk_i,
  input  wire                 rst_i,
  output reg                  init_done_o,  // the initial clear sweep is finished
  // lookup FIFOs (pushed by the parsers)
  input  wire [NPORTS-1:0]    push_i,       // port p took a data header
  input  wire [NPORTS*SW-1:0] push_slot_i,  // its slot
  output wire [NPORTS-1:0]    drained_o,    // every entry of FIFO p (start of cycle) issues by now
  output wire [NPORTS-1:0]    fifo_full_o,  // lookup FIFO p is full (start of cycle; coverage)
  output wire [NPORTS*SW-1:0] head_slot_o,  // slot at the head of lookup FIFO p
  // header of each head slot (from the payload buffers; only kind and dst are used)
  /* verilator lint_off UNUSEDSIGNAL */
  input  wire [NPORTS*64-1:0] head_hdr_i,   // header of head_slot_o[p]
  /* verilator lint_on UNUSEDSIGNAL */
  input  wire [NPORTS-1:0]    hold_set_i,   // port p's config op is granted this cycle
  // lookup pipeline outputs (to the replicators)
  output wire [NPORTS-1:0]    lkp_valid_o,  // port p's entry completes its lookup
  output wire [NPORTS*SW-1:0] lkp_slot_o,   // its slot
  output wire [NPORTS-1:0]    lkp_mcast_o,  // it is multicast (its engine's word is its word)
  output wire [LOOKUPS*NPORTS-1:0] lkp_word_o, // engine g's word read SRAM_LAT cycles ago
  // config engine port, per bank b
  input  wire [(1<<BW)-1:0]        cfg_rd_en_i,   // read bank b of copy C
  input  wire [(1<<BW)*AW-1:0]     cfg_rd_addr_i, // at this word of the bank
  output wire [(1<<BW)*NPORTS-1:0] cfg_rd_data_o, // the word read SRAM_LAT cycles ago
  input  wire [(1<<BW)-1:0]        cfg_we_i,      // write bank b of every copy
  input  wire [(1<<BW)*AW-1:0]     cfg_waddr_i,   // at this word of the bank
  input  wire [(1<<BW)*NPORTS-1:0] cfg_wdata_i,   // with this bitmap
  output wire                 idle_o        // every lookup FIFO and pipeline is empty
);

  // ---------------------------------------------------------------- parameter checks
  // Out of range: elaboration stops with the message (fanout_assert.vh).
  if (SRAM_LAT < 1 || SRAM_LAT > 4) begin : g_bad_sram_lat
    `FO_PARAM_ERROR(("fanout_group_sram: SRAM_LAT %0d out of range 1..4", SRAM_LAT))
  end
  if (LOOKUPS < 1 || LOOKUPS > 16 || LOOKUPS > NPORTS) begin : g_bad_lookups
    `FO_PARAM_ERROR(("fanout_group_sram: LOOKUPS %0d out of range 1..16 and <= NPORTS (%0d)", LOOKUPS, NPORTS))
  end

  localparam L     = SRAM_LAT;
  localparam B     = 1 << BW;               // config banks
  localparam DEPTH = (NGROUPS + B - 1) / B; // words per bank
  localparam HW    = $clog2(SRAM_LAT + 1);  // hold counter width
  localparam [31:0] LAST_WORD = DEPTH - 1;
  localparam [31:0] LAT32     = SRAM_LAT;

  // ---------------------------------------------------------------- writes and the sweep
  reg [AW-1:0]        sweep_q;              // next word of every bank the reset sweep clears

  wire [B-1:0]        we;                   // bank b of every copy is written
  wire [B*AW-1:0]     waddr;                // at this word
  wire [B*NPORTS-1:0] wdata;                // with this bitmap

  assign we    = init_done_o ? cfg_we_i    : {B{1'b1}};
  assign waddr = init_done_o ? cfg_waddr_i : {B{sweep_q}};
  assign wdata = init_done_o ? cfg_wdata_i : {(B*NPORTS){1'b0}};

`ifndef SYNTHESIS
  // simulation scaffolding, not design logic: out of line, branch and toggle coverage
  /* verilator coverage_off */
  reg fast_q;                               // the table is still as the fast clear left it
  initial fast_q = $test$plusargs("fanout_fast_clear");
  always @(posedge clk_i) begin
    if (!rst_i) fast_q <= 1'b0;             // from the first cycle after reset on: sweep
  end
  /* verilator coverage_on */
`else
  wire fast_q = 1'b0;                       // synthesis: always sweep
`endif

  always @(posedge clk_i) begin
    if (rst_i) begin
      sweep_q     <= {AW{1'b0}};
      init_done_o <= fast_q;
    end else if (!init_done_o) begin
      sweep_q <= sweep_q + 1'b1;
      if (sweep_q == LAST_WORD[AW-1:0]) init_done_o <= 1'b1;
    end
  end

  genvar b;

  // ---------------------------------------------------------------- copy C (config reads)
  generate
    for (b = 0; b < B; b = b + 1) begin : g_cbank
      wire [NPORTS-1:0] rd;                 // read register of bank b
      fanout_sram #(.DEPTH(DEPTH), .WIDTH(NPORTS), .AW(AW)) u_sram (
        .clk_i   (clk_i),
        .we_i    (we[b]),
        .waddr_i (waddr[b*AW +: AW]),
        .wdata_i (wdata[b*NPORTS +: NPORTS]),
        .re_i    (cfg_rd_en_i[b]),
        .raddr_i (cfg_rd_addr_i[b*AW +: AW]),
        .rdata_o (rd)
      );
      // the read register is stage 1 of SRAM_LAT
      fanout_pipe #(.WIDTH(NPORTS), .STAGES(L - 1)) u_pipe (
        .clk_i (clk_i),
        .d_i   (rd),
        .q_o   (cfg_rd_data_o[b*NPORTS +: NPORTS])
      );
    end
  endgenerate

  // ---------------------------------------------------------------- lookup FIFOs and issue
  wire [NPORTS-1:0] mc_req;                 // port p requests its engine's read port
  wire [NPORTS-1:0] mc_gnt;                 // port p wins it
  wire [NPORTS-1:0] issue;                  // port p issues its head this cycle
  wire [NPORTS*GW-1:0] head_gid;            // group id of each head
  wire [NPORTS-1:0] pipe_busy;              // port p has an entry in its pipeline
  wire [NPORTS-1:0] fifo_empty;             // lookup FIFO p is empty (start of cycle)

  // ---------------------------------------------------------------- lookup engines
  genvar g, j;
  generate
    for (g = 0; g < LOOKUPS; g = g + 1) begin : g_engine
      localparam NE = (NPORTS - g + LOOKUPS - 1) / LOOKUPS;  // ports served: g + j*LOOKUPS
      wire [NE-1:0] ereq;                   // port g+j*LOOKUPS requests
      wire [NE-1:0] egnt;                   // and wins
      for (j = 0; j < NE; j = j + 1) begin : g_req
        assign ereq[j] = mc_req[g + j*LOOKUPS];
        assign mc_gnt[g + j*LOOKUPS] = egnt[j];
      end
      if (NE == 1) begin : g_one
        assign egnt = ereq;
      end else begin : g_rr
        /* verilator lint_off UNUSEDSIGNAL */
        wire [$clog2(NE)-1:0] eidx;         // winner's index (unused: the grant is one-hot)
        wire                  eany;         // somebody wins (unused: |egnt)
        /* verilator lint_on UNUSEDSIGNAL */
        fanout_rr_arbiter #(.N(NE)) u_arb (
          .clk_i (clk_i),
          .rst_i (rst_i),
          .req_i (ereq),
          .adv_i (1'b1),                    // a winner always issues
          .gnt_o (egnt),
          .idx_o (eidx),
          .any_o (eany)
        );
      end

      // the winner's group: bank and word of the engine's copy; egnt is one-hot, so an
      // AND-OR tree (fanout_or_tree; an if-chain in a loop stays a chain of NE muxes)
      wire [NE*GW-1:0] egid;                // port g+r*LOOKUPS's head group at r*GW
      wire [GW-1:0]    raddr;               // group read
      genvar r;
      for (r = 0; r < NE; r = r + 1) begin : g_r
        assign egid[r*GW +: GW] = head_gid[(g + r*LOOKUPS)*GW +: GW];
      end
      fanout_or_tree #(.N(NE), .W(GW)) u_raddr (.rows_i(egid), .sel_i(egnt), .or_o(raddr));
      wire          re    = |egnt;          // the engine reads this cycle
      wire [BW-1:0] rbank = raddr[BW-1:0];  // in this bank
      reg  [BW-1:0] rbank_q;                // bank of the read register holding the word

      always @(posedge clk_i) begin
        if (re) rbank_q <= rbank;
      end

      wire [B*NPORTS-1:0] rd;               // read registers of the engine's banks
      for (b = 0; b < B; b = b + 1) begin : g_bank
        localparam [31:0] B32 = b;          // this bank's number
        fanout_sram #(.DEPTH(DEPTH), .WIDTH(NPORTS), .AW(AW)) u_sram (
          .clk_i   (clk_i),
          .we_i    (we[b]),
          .waddr_i (waddr[b*AW +: AW]),
          .wdata_i (wdata[b*NPORTS +: NPORTS]),
          .re_i    (re && rbank == B32[BW-1:0]),
          .raddr_i (raddr[GW-1:BW]),
          .rdata_o (rd[b*NPORTS +: NPORTS])
        );
      end
      wire [NPORTS-1:0] word = rd[rbank_q*NPORTS +: NPORTS];  // the word read

      // the read register is stage 1 of SRAM_LAT
      fanout_pipe #(.WIDTH(NPORTS), .STAGES(L - 1)) u_pipe (
        .clk_i (clk_i),
        .d_i   (word),
        .q_o   (lkp_word_o[g*NPORTS +: NPORTS])
      );
    end
  endgenerate

  genvar p;
  generate
    for (p = 0; p < NPORTS; p = p + 1) begin : g_port
      wire          mcast = (head_hdr_i[p*64+62 +: 2] == 2'd1);  // head is multicast
      wire [SW-1:0] hslot;                          // head slot
      wire          empty;                          // FIFO empty
      wire          one;                            // FIFO holds one entry
      reg  [HW-1:0] hold_q;                         // cycles left before issue is allowed
      reg  [L-1:0]    v_q;                          // pipeline stage s holds an entry
      reg  [L*SW-1:0] slot_q;                       // its slot (stage s at s*SW)
      reg  [L-1:0]    mc_q;                         // it is multicast

      assign head_gid[p*GW +: GW] = head_hdr_i[p*64+32 +: GW];
      assign head_slot_o[p*SW +: SW] = hslot;
      assign fifo_empty[p] = empty;
      // empty, or its one entry issues this cycle (a read issued at t sees only writes of
      // cycles < t, so a config op granted now cannot overtake it)
      assign drained_o[p] = empty || (one && issue[p]);

      wire can = !empty && (hold_q == {HW{1'b0}});
      assign mc_req[p] = can && mcast;
      assign issue[p]  = can && (!mcast || mc_gnt[p]);

      fanout_sync_fifo #(.DEPTH(SLOTS), .WIDTH(SW)) u_fifo (
        .clk_i   (clk_i),
        .rst_i   (rst_i),
        .push_i  (push_i[p]),
        .din_i   (push_slot_i[p*SW +: SW]),
        .pop_i   (issue[p]),
        .head_o  (hslot),
        .empty_o (empty),
        .one_o   (one),
        .full_o  (fifo_full_o[p])
      );

      always @(posedge clk_i) begin
        if (rst_i) begin
          hold_q <= {HW{1'b0}};
        end else if (hold_set_i[p]) begin
          hold_q <= LAT32[HW-1:0];
        end else if (hold_q != {HW{1'b0}}) begin
          hold_q <= hold_q - 1'b1;
        end
      end

      integer s;
      always @(posedge clk_i) begin
        v_q[0]           <= issue[p] && !rst_i;
        slot_q[0 +: SW]  <= hslot;
        mc_q[0]          <= mcast;
        for (s = 1; s < L; s = s + 1) begin
          v_q[s]           <= v_q[s-1] && !rst_i;
          slot_q[s*SW +: SW] <= slot_q[(s-1)*SW +: SW];
          mc_q[s]          <= mc_q[s-1];
        end
      end

      assign pipe_busy[p] = |v_q;

      assign lkp_valid_o[p]          = v_q[L-1];
      assign lkp_slot_o[p*SW +: SW]  = slot_q[(L-1)*SW +: SW];
      assign lkp_mcast_o[p]          = mc_q[L-1];
    end
  endgenerate

  assign idle_o = (&fifo_empty) && !(|pipe_busy);

endmodule

`resetall
