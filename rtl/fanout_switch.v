// fanout_switch -- top of the multicast switch (docs/microarchitecture.md).
//
// NPORTS ingress parsers feed per-port payload buffers (cells of 8 flits in SRAM banks, one
// read copy per 16 egresses) and lookup FIFOs; the group table (LOOKUPS+1 copies, each in B
// config banks) serves one multicast lookup per lookup engine per cycle and the config
// engine, which commits up to one op per bank per cycle (B commit lanes); one replicator
// per ingress port fans a packet out, through a delay line of 20 - SRAM_LAT cycles, to the
// egress queues (e, p) of its members; one egress per port reads each packet's cells from
// its copy of the ingress buffer (per copy and bank, one read per cycle, round-robin) into
// its staging cells and streams whole packets, one flit per cycle. Everything is synchronous to clk_i; rst_i is synchronous and active high.
// After reset the group table is cleared (one word per bank per cycle, all banks at
// once); init_done_o rises when it is done and cycle 0 follows. Before that no flit and
// no command is taken. B = the smallest power of two >= NPORTS (1 << $clog2(NPORTS)).

`resetall
`timescale 1ns / 1ps
`default_nettype none

`include "fanout_assert.vh"

module fanout_switch #(
  parameter NPORTS   = 32,                    // ports (4..64)
  parameter NGROUPS  = 65536,                 // group table entries (1024..65536)
  parameter SLOTS    = 64,                    // packet slots per ingress port (2..64)
  parameter SRAM_LAT = 2,                     // group SRAM read latency, cycles (1..4)
  parameter LOOKUPS  = 4                      // lookup engines, port p on engine p % LOOKUPS (1..16, <= NPORTS)
) (
  input  wire                 clk_i,
  input  wire                 rst_i,
  // ingress
  input  wire [NPORTS-1:0]    in_valid_i,       // ingress p offers a flit
  input  wire [NPORTS*64-1:0] in_data_i,        // the flits
  output wire [NPORTS-1:0]    in_ready_o,       // ingress p takes its flit (combinational)
  // egress
  output wire [NPORTS-1:0]    out_valid_o,      // egress e offers a flit (register)
  output wire [NPORTS*64-1:0] out_data_o,       // the flits (registers)
  input  wire [NPORTS-1:0]    out_ready_i,      // the receiver on egress e takes it
  // command port (always ready)
  input  wire                 cmd_valid_i,      // a command is offered
  input  wire [2:0]           cmd_op_i,         // 0 write, 1 add, 2 remove, 3 clear, 4 read
  input  wire [15:0]          cmd_gid_i,        // group id
  input  wire [63:0]          cmd_data_i,       // bitmap (write) or port (add, remove)
  // commits, one lane per config bank b (lane b: groups with gid mod B == b)
  output wire [(1<<$clog2(NPORTS))-1:0]    commit_valid_o,   // a group op commits this cycle
  output wire [(1<<$clog2(NPORTS))-1:0]    commit_inband_o,  // 1: config packet, 0: command port
  output wire [(1<<$clog2(NPORTS))*6-1:0]  commit_port_o,    // the config packet's ingress port
  output wire [(1<<$clog2(NPORTS))*3-1:0]  commit_op_o,      // the op
  output wire [(1<<$clog2(NPORTS))*16-1:0] commit_gid_o,     // the group
  output wire [(1<<$clog2(NPORTS))*64-1:0] commit_bitmap_o,  // the bitmap after the op (read: as read)
  // drops
  output wire [NPORTS-1:0]    prs_drop_valid_o, // parser p drops a packet
  output wire [NPORTS*3-1:0]  prs_drop_reason_o,// its reason: 0 kind, 1 rsvd, 2 port, 3 group, 4 len
  output wire [NPORTS*24-1:0] prs_drop_tag_o,   // its tag
  output wire [NPORTS-1:0]    rep_drop_valid_o, // replicator p drops a packet (empty)
  output wire [NPORTS*24-1:0] rep_drop_tag_o,   // its tag
  // status
  output wire                 init_done_o,      // the group table's initial clear is done
  output wire                 idle_o            // the switch holds nothing
);

  // ---------------------------------------------------------------- parameter checks
  // Out of range: elaboration stops with the message (fanout_assert.vh).
  if (NPORTS < 4 || NPORTS > 64) begin : g_bad_nports
    `FO_PARAM_ERROR(("fanout_switch: NPORTS %0d out of range 4..64", NPORTS))
  end
  if (NGROUPS < 1024 || NGROUPS > 65536) begin : g_bad_ngroups
    `FO_PARAM_ERROR(("fanout_switch: NGROUPS %0d out of range 1024..65536", NGROUPS))
  end
  if (SLOTS < 2 || SLOTS > 64) begin : g_bad_slots
    `FO_PARAM_ERROR(("fanout_switch: SLOTS %0d out of range 2..64", SLOTS))
  end
  if (SRAM_LAT < 1 || SRAM_LAT > 4) begin : g_bad_sram_lat
    `FO_PARAM_ERROR(("fanout_switch: SRAM_LAT %0d out of range 1..4", SRAM_LAT))
  end
  if (LOOKUPS < 1 || LOOKUPS > 16 || LOOKUPS > NPORTS) begin : g_bad_lookups
    `FO_PARAM_ERROR(("fanout_switch: LOOKUPS %0d out of range 1..16 and <= NPORTS (%0d)", LOOKUPS, NPORTS))
  end

  localparam SW = $clog2(SLOTS);
  localparam PW = $clog2(NPORTS);
  localparam GW = $clog2(NGROUPS);
  localparam BW = $clog2(NPORTS);             // bank bits
  localparam B  = 1 << BW;                    // config banks
  localparam AW = GW - BW;                    // word address within a bank
  localparam COPIES = (NPORTS + 15) / 16;     // read copies of each payload buffer
  localparam CELLS  = COPIES == 1 ? 512 : COPIES == 2 ? 256 : 128;  // cells per copy:
                                              // the largest power of two <= 512 / COPIES
  localparam CVW    = $clog2(CELLS / 2 + 1);  // width of a bank's free cell count
  localparam DELAY  = 20 - SRAM_LAT;          // replicator delay line: fo_queue_delay - 1

  // ---------------------------------------------------------------- nets
  wire [NPORTS-1:0]     in_valid = in_valid_i & {NPORTS{init_done_o}};  // flits offered after init
  wire [NPORTS-1:0]     prs_ready;         // parser p's ready

  // parser -> payload buffer, lookup FIFO, replicator, config engine
  wire [NPORTS-1:0]     alloc;             // parser p took a data header
  wire [NPORTS*SW-1:0]  alloc_slot;        // into this slot
  wire [NPORTS-1:0]     wr_en;             // parser p writes a payload word
  wire [NPORTS*SW-1:0]  wr_slot;           // of this slot
  wire [NPORTS*8-1:0]   wr_word;           // at this payload flit index
  wire [NPORTS-1:0]     wr_last;           // the packet's last flit
  wire [NPORTS*2*CVW-1:0] cavail;          // port p, bank b: cells free and not reserved
  wire [NPORTS*SLOTS-1:0] wdone;           // port p, slot s: every flit written
  // (per-port outputs wider than a few words are arrays indexed by the port, not slices of
  // one flat vector: Verilator assembles such a vector anew every cycle, a concatenation
  // per port, each copying all that was assembled before it)
  wire [SLOTS*6-1:0]    wcnt   [0:NPORTS-1]; // port p: slot s's cells written, at s*6
  wire [SLOTS*6-1:0]    ncells [0:NPORTS-1]; // port p: slot s's packet's cells, at s*6
  wire [NPORTS-1:0]     rel;               // replicator p releases a slot
  wire [NPORTS*SW-1:0]  rel_slot;          // this one
  wire [NPORTS*SLOTS-1:0] rel_oh;          // the same, one-hot
  wire [NPORTS*64-1:0]  wr_data;           // header or payload flit
  wire [NPORTS-1:0]     cfg_req;           // parser p requests the in-band grant
  wire [NPORTS-1:0]     cfg_grant;         // and gets it
  wire [NPORTS*2-1:0]   cfg_op;            // its op
  wire [NPORTS*16-1:0]  cfg_gid;           // its group
  wire [NPORTS*64-1:0]  cfg_data;          // its payload flit
  wire [NPORTS-1:0]     prs_idle;          // parser p waits for a header

  // replicator -> parser, egress
  wire [NPORTS*SLOTS-1:0] slot_free;       // slot s of port p is free
  wire [NPORTS*NPORTS-1:0] rep_push;       // bit p*NPORTS+e: replicator p pushes onto (e, p)
  wire [NPORTS*SW-1:0]  rep_push_slot;     // the slot replicator p pushes
  wire [NPORTS-1:0]     rep_idle;          // no slot of port p in use

  // fanout_group_sram
  wire [NPORTS-1:0]     lkp_drained;       // every entry of lookup FIFO p issues by this cycle
  /* verilator lint_off UNUSEDSIGNAL */     // read by fanout_fcov in coverage builds only
  wire [NPORTS-1:0]     lkp_full;          // lookup FIFO p is full
  wire [NPORTS-1:0]     eg_q_full;         // some queue (e, p) of egress e is full
  /* verilator lint_on UNUSEDSIGNAL */
  wire [NPORTS*SW-1:0]  head_slot;         // slot at its head
  wire [NPORTS*64-1:0]  head_hdr;          // header of that slot
  wire [NPORTS-1:0]     lkp_valid;         // port p's lookup completes
  wire [NPORTS*SW-1:0]  lkp_slot;          // for this slot
  wire [NPORTS-1:0]     lkp_mcast;         // a multicast lookup
  wire [LOOKUPS*NPORTS-1:0] lkp_word;      // engine g's word read
  wire [NPORTS*64-1:0]  rep_hdr;           // header of lkp_slot
  wire                  sram_idle;         // every lookup FIFO and pipeline is empty

  // config engine <-> table, per bank
  wire [B-1:0]          c_rd_en;           // copy C read of bank b
  wire [B*AW-1:0]       c_rd_addr;         // its word
  wire [B*NPORTS-1:0]   c_rd_data;         // its data
  wire [B-1:0]          c_we;              // table write of bank b (every copy)
  wire [B*AW-1:0]       c_waddr;           // its word
  wire [B*NPORTS-1:0]   c_wdata;           // its data
  wire                  cfg_idle;          // config pipeline empty

  // egress <-> payload buffers, replicators (egress e, bank b at index e*2+b)
  wire [NPORTS*2-1:0]    ask_valid;        // egress e asks for a cell in bank b
  wire [NPORTS*2*PW-1:0] ask_port;         // of this ingress port
  wire [NPORTS*2*SW-1:0] ask_slot;         // slot
  wire [NPORTS*2*5-1:0]  ask_cell;         // cell in the packet
  wire [NPORTS*NPORTS*2-1:0] pb_gnt;       // bits p*NPORTS*2 + e*2+b: buffer p grants it
  wire [NPORTS*2-1:0]    eg_gnt;           // egress e's ask on bank b is granted
  wire [COPIES*2*512-1:0] pb_rd_data [0:NPORTS-1]; // buffer p: copy r, bank b's word read, at (r*2+b)*512
  wire [NPORTS*2*PW-1:0] eg_rd_port;       // egress e, bank b: port of last cycle's read
  wire [NPORTS*2*512-1:0] eg_rd_data;      // the word it read
  wire [NPORTS*PW-1:0]  eg_rdr_port;       // egress e's reader: its ingress port
  wire [NPORTS*SW-1:0]  eg_rdr_slot;       // and slot
  wire [NPORTS*6-1:0]   eg_wcnt;           // cells of that slot written
  wire [NPORTS*PW-1:0]  eg_pop_port;       // the queue egress e would take from
  wire [NPORTS*SW-1:0]  eg_pop_slot;       // its head slot
  wire [NPORTS*6-1:0]   eg_ncells;         // cells of that slot
  wire [NPORTS*2-1:0]   eg_clr;            // egress e's reads of a copy done (per bank)
  wire [NPORTS*2*PW-1:0] eg_clr_port;      // of a slot of this ingress port
  wire [NPORTS*2*SW-1:0] eg_clr_slot;      // this slot
  wire [NPORTS-1:0]     eg_idle;           // egress e holds nothing
  /* verilator lint_off UNUSEDSIGNAL */     // read by fanout_fcov in coverage builds only
  wire [NPORTS-1:0]     eg_held_end;       // egress e's reader is done with its packet
  wire [NPORTS-1:0]     eg_stg_full;       // egress e's staging entries are all taken
  wire [NPORTS-1:0]     prs_wait_cells;    // parser p's data header waits for cells
  wire [NPORTS*PW-1:0]  eg_held_port;      // of this ingress port
  /* verilator lint_on UNUSEDSIGNAL */

  genvar p, e;
  // the buffers' outputs as arrays, for the egresses' selections (g_egress)
  wire [5:0]   wcnt_a   [0:NPORTS-1][0:SLOTS-1];    // port p, slot s: cells written
  wire [5:0]   ncells_a [0:NPORTS-1][0:SLOTS-1];    // port p, slot s: cells of its packet
  wire [511:0] pb_rd_a  [0:NPORTS-1][0:COPIES*2-1]; // port p, copy r, bank b: the word read
  genvar as, ac;
  generate
    for (p = 0; p < NPORTS; p = p + 1) begin : g_arr
      for (as = 0; as < SLOTS; as = as + 1) begin : g_slot
        assign wcnt_a[p][as]   = wcnt[p][as*6 +: 6];
        assign ncells_a[p][as] = ncells[p][as*6 +: 6];
      end
      for (ac = 0; ac < COPIES*2; ac = ac + 1) begin : g_word
        assign pb_rd_a[p][ac] = pb_rd_data[p][ac*512 +: 512];
      end
    end
  endgenerate

  // ---------------------------------------------------------------- per port
  generate
    for (p = 0; p < NPORTS; p = p + 1) begin : g_port
      fanout_parser #(
        .NPORTS  (NPORTS),
        .NGROUPS (NGROUPS),
        .SLOTS   (SLOTS),
        .CVW     (CVW)
      ) u_parser (
        .clk_i         (clk_i),
        .rst_i         (rst_i),
        .in_valid_i    (in_valid[p]),
        .in_data_i     (in_data_i[p*64 +: 64]),
        .in_ready_o    (prs_ready[p]),
        .slot_free_i   (slot_free[p*SLOTS +: SLOTS]),
        .cavail_i      (cavail[p*2*CVW +: 2*CVW]),
        .lkp_drained_i (lkp_drained[p]),
        .alloc_o       (alloc[p]),
        .alloc_slot_o  (alloc_slot[p*SW +: SW]),
        .wr_en_o       (wr_en[p]),
        .wr_slot_o     (wr_slot[p*SW +: SW]),
        .wr_word_o     (wr_word[p*8 +: 8]),
        .wr_last_o     (wr_last[p]),
        .wr_data_o     (wr_data[p*64 +: 64]),
        .cfg_req_o     (cfg_req[p]),
        .cfg_grant_i   (cfg_grant[p]),
        .cfg_op_o      (cfg_op[p*2 +: 2]),
        .cfg_gid_o     (cfg_gid[p*16 +: 16]),
        .cfg_data_o    (cfg_data[p*64 +: 64]),
        .drop_valid_o  (prs_drop_valid_o[p]),
        .drop_reason_o (prs_drop_reason_o[p*3 +: 3]),
        .drop_tag_o    (prs_drop_tag_o[p*24 +: 24]),
        .idle_o        (prs_idle[p]),
        .wait_cells_o  (prs_wait_cells[p])
      );

      localparam [31:0] P32 = p;           // the port number as a sized constant

      fanout_payload_buf #(
        .NPORTS (NPORTS),
        .SLOTS  (SLOTS),
        .COPIES (COPIES),
        .CELLS  (CELLS)
      ) u_payload_buf (
        .clk_i       (clk_i),
        .rst_i       (rst_i),
        .hdr_we_i    (alloc[p]),
        .hdr_slot_i  (alloc_slot[p*SW +: SW]),
        .wr_en_i     (wr_en[p]),
        .wr_slot_i   (wr_slot[p*SW +: SW]),
        .wr_word_i   (wr_word[p*8 +: 8]),
        .wr_last_i   (wr_last[p]),
        .wr_data_i   (wr_data[p*64 +: 64]),
        .cavail_o    (cavail[p*2*CVW +: 2*CVW]),
        .lkp_slot_i  (head_slot[p*SW +: SW]),
        .lkp_hdr_o   (head_hdr[p*64 +: 64]),
        .rep_slot_i  (lkp_slot[p*SW +: SW]),
        .rep_hdr_o   (rep_hdr[p*64 +: 64]),
        .wdone_o     (wdone[p*SLOTS +: SLOTS]),
        .wcnt_o      (wcnt[p]),
        .ncells_o    (ncells[p]),
        .rel_i       (rel[p]),
        .rel_slot_i  (rel_slot[p*SW +: SW]),
        .rel_oh_i    (rel_oh[p*SLOTS +: SLOTS]),
        .port_i      (P32[PW-1:0]),
        .ask_valid_i (ask_valid),
        .ask_port_i  (ask_port),
        .ask_slot_i  (ask_slot),
        .ask_cell_i  (ask_cell),
        .gnt_o       (pb_gnt[p*NPORTS*2 +: NPORTS*2]),
        .rd_data_o   (pb_rd_data[p])
      );

      fanout_replicator #(
        .NPORTS (NPORTS),
        .SLOTS  (SLOTS),
        .DELAY  (DELAY)
      ) u_replicator (
        .clk_i        (clk_i),
        .rst_i        (rst_i),
        .port_i       (P32[PW-1:0]),
        .alloc_i      (alloc[p]),
        .alloc_slot_i (alloc_slot[p*SW +: SW]),
        .slot_free_o  (slot_free[p*SLOTS +: SLOTS]),
        .lkp_valid_i  (lkp_valid[p]),
        .lkp_slot_i   (lkp_slot[p*SW +: SW]),
        .lkp_mcast_i  (lkp_mcast[p]),
        .lkp_word_i   (lkp_word[(p % LOOKUPS)*NPORTS +: NPORTS]),
        .hdr_i        (rep_hdr[p*64 +: 64]),
        .wdone_i      (wdone[p*SLOTS +: SLOTS]),
        .rel_o        (rel[p]),
        .rel_slot_o   (rel_slot[p*SW +: SW]),
        .rel_oh_o     (rel_oh[p*SLOTS +: SLOTS]),
        .push_o       (rep_push[p*NPORTS +: NPORTS]),
        .push_slot_o  (rep_push_slot[p*SW +: SW]),
        .drop_valid_o (rep_drop_valid_o[p]),
        .drop_tag_o   (rep_drop_tag_o[p*24 +: 24]),
        .clr_valid_i  (eg_clr),
        .clr_port_i   (eg_clr_port),
        .clr_slot_i   (eg_clr_slot),
        .idle_o       (rep_idle[p])
      );
    end

    for (e = 0; e < NPORTS; e = e + 1) begin : g_egress
      // queue (e, p) is pushed by replicator p when bit e of its member set is set
      wire [NPORTS-1:0] push;              // replicator p pushes onto (e, p)
      for (p = 0; p < NPORTS; p = p + 1) begin : g_push
        assign push[p] = rep_push[p*NPORTS + e];
      end

      // the reader's slot state and the words it read: port p's buffer answers, picked by
      // an index into arrays of the buffers' outputs (a multiplexer tree per egress in
      // synthesis; an indexed part-select of the flat vectors would be a barrel shifter as
      // wide as all of them)
      wire [PW-1:0] rdp = eg_rdr_port[e*PW +: PW];   // the reader's port
      wire [SW-1:0] rds = eg_rdr_slot[e*SW +: SW];   // and slot
      wire [PW-1:0] pp  = eg_pop_port[e*PW +: PW];   // the queue head's port
      wire [SW-1:0] ps  = eg_pop_slot[e*SW +: SW];   // and slot
      wire [PW-1:0] rp0 = eg_rd_port[(e*2 + 0)*PW +: PW];  // bank 0: port of the word read
      wire [PW-1:0] rp1 = eg_rd_port[(e*2 + 1)*PW +: PW];  // bank 1
      assign eg_wcnt[e*6 +: 6]   = wcnt_a[rdp][rds];
      assign eg_ncells[e*6 +: 6] = ncells_a[pp][ps];
      // the words read for egress e: copy e / 16 of the buffer of the port it read, per bank
      assign eg_rd_data[e*2*512 +: 2*512] = {pb_rd_a[rp1][(e/16)*2 + 1], pb_rd_a[rp0][(e/16)*2]};

      fanout_egress_queue #(
        .NPORTS (NPORTS),
        .SLOTS  (SLOTS)
      ) u_egress (
        .clk_i       (clk_i),
        .rst_i       (rst_i),
        .push_i      (push),
        .push_slot_i (rep_push_slot),
        .ask_valid_o (ask_valid[e*2 +: 2]),
        .ask_port_o  (ask_port[e*2*PW +: 2*PW]),
        .ask_slot_o  (ask_slot[e*2*SW +: 2*SW]),
        .ask_cell_o  (ask_cell[e*2*5 +: 2*5]),
        .gnt_i       (eg_gnt[e*2 +: 2]),
        .rd_port_o   (eg_rd_port[e*2*PW +: 2*PW]),
        .rd_data_i   (eg_rd_data[e*2*512 +: 2*512]),
        .rdr_port_o  (eg_rdr_port[e*PW +: PW]),
        .rdr_slot_o  (eg_rdr_slot[e*SW +: SW]),
        .wcnt_i      (eg_wcnt[e*6 +: 6]),
        .pop_port_o  (eg_pop_port[e*PW +: PW]),
        .pop_slot_o  (eg_pop_slot[e*SW +: SW]),
        .ncells_i    (eg_ncells[e*6 +: 6]),
        .clr_valid_o (eg_clr[e*2 +: 2]),
        .clr_port_o  (eg_clr_port[e*2*PW +: 2*PW]),
        .clr_slot_o  (eg_clr_slot[e*2*SW +: 2*SW]),
        .out_valid_o (out_valid_o[e]),
        .out_data_o  (out_data_o[e*64 +: 64]),
        .out_ready_i (out_ready_i[e]),
        .idle_o      (eg_idle[e]),
        .q_full_o    (eg_q_full[e]),
        .held_end_o  (eg_held_end[e]),
        .held_port_o (eg_held_port[e*PW +: PW]),
        .stg_full_o  (eg_stg_full[e])
      );
    end
  endgenerate

  // egress e's grants: only the buffer its ask names can grant it, so a reduction OR over
  // the buffers per ask (a tree of log2(NPORTS) levels; an OR accumulated in a loop stays
  // a chain of NPORTS through Yosys's abc -fast)
  generate
    for (e = 0; e < NPORTS*2; e = e + 1) begin : g_eg_gnt
      wire [NPORTS-1:0] by_buf;            // buffer p grants ask e (egress e/2, bank e%2)
      for (p = 0; p < NPORTS; p = p + 1) begin : g_b
        assign by_buf[p] = pb_gnt[p*NPORTS*2 + e];
      end
      assign eg_gnt[e] = |by_buf;
    end
  endgenerate

  assign in_ready_o = prs_ready & {NPORTS{init_done_o}};

  // ---------------------------------------------------------------- group SRAM
  fanout_group_sram #(
    .NPORTS   (NPORTS),
    .NGROUPS  (NGROUPS),
    .SLOTS    (SLOTS),
    .SRAM_LAT (SRAM_LAT),
    .LOOKUPS  (LOOKUPS)
  ) u_group_sram (
    .clk_i         (clk_i),
    .rst_i         (rst_i),
    .init_done_o   (init_done_o),
    .push_i        (alloc),
    .push_slot_i   (alloc_slot),
    .drained_o     (lkp_drained),
    .fifo_full_o   (lkp_full),
    .head_slot_o   (head_slot),
    .head_hdr_i    (head_hdr),
    .hold_set_i    (cfg_grant),
    .lkp_valid_o   (lkp_valid),
    .lkp_slot_o    (lkp_slot),
    .lkp_mcast_o   (lkp_mcast),
    .lkp_word_o    (lkp_word),
    .cfg_rd_en_i   (c_rd_en),
    .cfg_rd_addr_i (c_rd_addr),
    .cfg_rd_data_o (c_rd_data),
    .cfg_we_i      (c_we),
    .cfg_waddr_i   (c_waddr),
    .cfg_wdata_i   (c_wdata),
    .idle_o        (sram_idle)
  );

  // ---------------------------------------------------------------- config engine
  fanout_cfg_engine #(
    .NPORTS   (NPORTS),
    .NGROUPS  (NGROUPS),
    .SRAM_LAT (SRAM_LAT)
  ) u_cfg_engine (
    .clk_i           (clk_i),
    .rst_i           (rst_i),
    .en_i            (init_done_o),
    .cmd_valid_i     (cmd_valid_i),
    .cmd_op_i        (cmd_op_i),
    .cmd_gid_i       (cmd_gid_i),
    .cmd_data_i      (cmd_data_i),
    .req_i           (cfg_req),
    .req_op_i        (cfg_op),
    .req_gid_i       (cfg_gid),
    .req_data_i      (cfg_data),
    .grant_o         (cfg_grant),
    .rd_en_o         (c_rd_en),
    .rd_addr_o       (c_rd_addr),
    .rd_data_i       (c_rd_data),
    .wr_en_o         (c_we),
    .wr_addr_o       (c_waddr),
    .wr_data_o       (c_wdata),
    .commit_valid_o  (commit_valid_o),
    .commit_inband_o (commit_inband_o),
    .commit_port_o   (commit_port_o),
    .commit_op_o     (commit_op_o),
    .commit_gid_o    (commit_gid_o),
    .commit_bitmap_o (commit_bitmap_o),
    .idle_o          (cfg_idle)
  );

  assign idle_o = init_done_o && (&prs_idle) && (&rep_idle) && sram_idle && cfg_idle
                  && (&eg_idle);

  // functional coverage, coverage builds only (rtl/fanout_fcov.v; reads pins and top nets)
`ifdef FANOUT_FCOV
  fanout_fcov #(.NPORTS(NPORTS), .SLOTS(SLOTS)) u_fcov (.clk_i(clk_i), .rst_i(rst_i), .init_done_i(init_done_o),
    .in_valid_i(in_valid_i), .in_ready_i(in_ready_o), .out_valid_i(out_valid_o), .out_ready_i(out_ready_i),
    .commit_valid_i(commit_valid_o), .commit_inband_i(commit_inband_o), .commit_op_i(commit_op_o),
    .commit_gid_i(commit_gid_o), .prs_drop_valid_i(prs_drop_valid_o), .prs_drop_reason_i(prs_drop_reason_o),
    .rep_drop_valid_i(rep_drop_valid_o), .rep_push_i(rep_push), .lkp_valid_i(lkp_valid), .lkp_mcast_i(lkp_mcast),
    .lkp_hdr_i(rep_hdr), .cfg_req_i(cfg_req), .cfg_grant_i(cfg_grant), .slot_free_i(slot_free), .alloc_i(alloc),
    .eg_held_end_i(eg_held_end), .eg_held_port_i(eg_held_port), .lkp_full_i(lkp_full), .eg_q_full_i(eg_q_full),
    .prs_wait_cells_i(prs_wait_cells), .eg_stg_full_i(eg_stg_full), .ask_valid_i(ask_valid), .eg_gnt_i(eg_gnt),
    .pb_gnt_i(pb_gnt));
`endif

endmodule

`resetall
