// group_sram -- stage 2: the lookup FIFOs, lookup issue and the group table SRAM.
//
// The table: NGROUPS words of NPORTS bits, built as two copies of a 1-read 1-write
// synchronous-read SRAM written together: copy D serves the data lookups, copy C the
// config engine's reads. A read issued at t returns, SRAM_LAT cycles later, the word as
// written by every write at cycles < t (registered read-first, then SRAM_LAT-1 pipeline
// registers). After reset the table is cleared by a sweep, one word per cycle, with
// init_done_o low.
//
// Each cycle, per ingress port: the lookup FIFO head (start of cycle) is issued into the
// port's SRAM_LAT-stage lookup pipeline when the port's hold counter is 0 and the head is
// unicast, or multicast and wins the copy-D read port (one multicast lookup per cycle,
// round-robin). The entry leaving the pipeline SRAM_LAT cycles later goes to the
// replicator with the word read. The hold counter is set to SRAM_LAT when the port's
// config op is granted and counts down each cycle.

`resetall
`timescale 1ns / 1ps
`default_nettype none

module group_sram #(
  parameter NPORTS   = 32,                  // ports (bits per word)
  parameter NGROUPS  = 65536,               // words
  parameter SLOTS    = 16,                  // slots per ingress port (lookup FIFO depth)
  parameter SRAM_LAT = 2,                   // read latency, cycles (1..4)
  parameter SW       = $clog2(SLOTS),       // slot number width
  parameter GW       = $clog2(NGROUPS)      // word address width
) (
  input  wire                 clk_i,
  input  wire                 rst_i,
  output reg                  init_done_o,  // the initial clear sweep is finished
  // lookup FIFOs (pushed by the parsers)
  input  wire [NPORTS-1:0]    push_i,       // port p took a data header
  input  wire [NPORTS*SW-1:0] push_slot_i,  // its slot
  output wire [NPORTS-1:0]    fifo_empty_o, // lookup FIFO p is empty (start of cycle)
  output wire [NPORTS*SW-1:0] head_slot_o,  // slot at the head of lookup FIFO p
  // header of each head slot (from the payload buffers; only kind and dst are used)
  /* verilator lint_off UNUSEDSIGNAL */
  input  wire [NPORTS*64-1:0] head_hdr_i,   // header of head_slot_o[p]
  /* verilator lint_on UNUSEDSIGNAL */
  input  wire [NPORTS-1:0]    hold_set_i,   // port p's config op is granted this cycle
  // lookup pipeline outputs (to the replicators)
  output wire [NPORTS-1:0]    lkp_valid_o,  // port p's entry completes its lookup
  output wire [NPORTS*SW-1:0] lkp_slot_o,   // its slot
  output wire [NPORTS-1:0]    lkp_mcast_o,  // it is multicast (lkp_word_o is its word)
  output wire [NPORTS-1:0]    lkp_word_o,   // copy D word read SRAM_LAT cycles ago
  // config engine port
  input  wire                 cfg_rd_en_i,  // read copy C
  input  wire [GW-1:0]        cfg_rd_addr_i,// at this word
  output wire [NPORTS-1:0]    cfg_rd_data_o,// copy C word read SRAM_LAT cycles ago
  input  wire                 cfg_we_i,     // write both copies
  input  wire [GW-1:0]        cfg_waddr_i,  // at this word
  input  wire [NPORTS-1:0]    cfg_wdata_i,  // with this bitmap
  output wire                 idle_o        // every lookup FIFO and pipeline is empty
);

  localparam L  = SRAM_LAT;
  localparam HW = $clog2(SRAM_LAT + 1);     // hold counter width
  localparam [31:0] LAST_WORD = NGROUPS - 1;
  localparam [31:0] LAT32     = SRAM_LAT;

  // ---------------------------------------------------------------- the two copies
  /* verilator tracing_off */
  reg [NPORTS-1:0] mem_d [0:NGROUPS-1] /*verilator public_flat_rd*/;  // copy D (data lookups)
  reg [NPORTS-1:0] mem_c [0:NGROUPS-1];     // copy C (config reads)
  /* verilator tracing_on */

  reg [GW-1:0]     sweep_q;                 // next word the reset sweep clears

  wire             we    = !init_done_o || cfg_we_i;
  wire [GW-1:0]    waddr = init_done_o ? cfg_waddr_i : sweep_q;
  wire [NPORTS-1:0] wdata = init_done_o ? cfg_wdata_i : {NPORTS{1'b0}};

  wire             d_re;                    // copy D read enable (a multicast issue)
  wire [GW-1:0]    d_raddr;                 // copy D read address
  reg [NPORTS-1:0] d_rd_q;                  // copy D read register
  reg [NPORTS-1:0] c_rd_q;                  // copy C read register

  always @(posedge clk_i) begin
    if (we) mem_d[waddr] <= wdata;
    if (d_re) d_rd_q <= mem_d[d_raddr];
  end

  always @(posedge clk_i) begin
    if (we) mem_c[waddr] <= wdata;
    if (cfg_rd_en_i) c_rd_q <= mem_c[cfg_rd_addr_i];
  end

  always @(posedge clk_i) begin
    if (rst_i) begin
      sweep_q     <= {GW{1'b0}};
      init_done_o <= 1'b0;
    end else if (!init_done_o) begin
      sweep_q <= sweep_q + 1'b1;
      if (sweep_q == LAST_WORD[GW-1:0]) init_done_o <= 1'b1;
    end
  end

  // read data pipelines: SRAM_LAT-1 registers after the read register
  generate
    if (L == 1) begin : g_lat1
      assign lkp_word_o    = d_rd_q;
      assign cfg_rd_data_o = c_rd_q;
    end else begin : g_latn
      reg [(L-1)*NPORTS-1:0] d_pipe_q;      // copy D read data pipeline, stage k at k*NPORTS
      reg [(L-1)*NPORTS-1:0] c_pipe_q;      // copy C read data pipeline
      integer k;
      always @(posedge clk_i) begin
        d_pipe_q[0 +: NPORTS] <= d_rd_q;
        c_pipe_q[0 +: NPORTS] <= c_rd_q;
        for (k = 1; k < L - 1; k = k + 1) begin
          d_pipe_q[k*NPORTS +: NPORTS] <= d_pipe_q[(k-1)*NPORTS +: NPORTS];
          c_pipe_q[k*NPORTS +: NPORTS] <= c_pipe_q[(k-1)*NPORTS +: NPORTS];
        end
      end
      assign lkp_word_o    = d_pipe_q[(L-2)*NPORTS +: NPORTS];
      assign cfg_rd_data_o = c_pipe_q[(L-2)*NPORTS +: NPORTS];
    end
  endgenerate

  // ---------------------------------------------------------------- lookup FIFOs and issue
  wire [NPORTS-1:0] mc_req;                 // port p requests the copy-D read port
  wire [NPORTS-1:0] mc_gnt;                 // port p wins it
  wire [$clog2(NPORTS)-1:0] mc_idx;         // the winner
  wire              mc_any;                 // somebody wins
  wire [NPORTS-1:0] issue;                  // port p issues its head this cycle
  wire [NPORTS*GW-1:0] head_gid;            // group id of each head
  wire [NPORTS-1:0] pipe_busy;              // port p has an entry in its pipeline

  rr_arbiter #(.N(NPORTS)) u_mc_arb (
    .clk_i (clk_i),
    .rst_i (rst_i),
    .req_i (mc_req),
    .adv_i (1'b1),                          // a winner always issues
    .gnt_o (mc_gnt),
    .idx_o (mc_idx),
    .any_o (mc_any)
  );

  assign d_re    = mc_any;
  assign d_raddr = head_gid[mc_idx*GW +: GW];

  genvar p;
  generate
    for (p = 0; p < NPORTS; p = p + 1) begin : g_port
      wire          mcast = (head_hdr_i[p*64+62 +: 2] == 2'd1);  // head is multicast
      wire [SW-1:0] hslot;                          // head slot
      wire          empty;                          // FIFO empty
      reg  [HW-1:0] hold_q;                         // cycles left before issue is allowed
      reg  [L-1:0]    v_q;                          // pipeline stage s holds an entry
      reg  [L*SW-1:0] slot_q;                       // its slot (stage s at s*SW)
      reg  [L-1:0]    mc_q;                         // it is multicast

      assign head_gid[p*GW +: GW] = head_hdr_i[p*64+32 +: GW];
      assign head_slot_o[p*SW +: SW] = hslot;
      assign fifo_empty_o[p] = empty;

      wire can = !empty && (hold_q == {HW{1'b0}});
      assign mc_req[p] = can && mcast;
      assign issue[p]  = can && (!mcast || mc_gnt[p]);

      sync_fifo #(.DEPTH(SLOTS), .WIDTH(SW)) u_fifo (
        .clk_i   (clk_i),
        .rst_i   (rst_i),
        .push_i  (push_i[p]),
        .din_i   (push_slot_i[p*SW +: SW]),
        .pop_i   (issue[p]),
        .head_o  (hslot),
        .empty_o (empty)
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

  assign idle_o = (&fifo_empty_o) && !(|pipe_busy);

endmodule

`resetall
