// tb_fanout_parser -- fanout_parser alone against the header rules of SPEC 4 (self-checking).
//
// NPORTS 8, NGROUPS 1024, SLOTS 5. Random packets (data to good and bad ports and groups,
// kind 3, reserved bits, config write/add/remove/clear with good and bad len, group and
// payload) are offered back to back or after idle gaps, every flit of a packet in
// consecutive cycles (the input contract); slot_free_i, cavail_i (free cells per buffer
// bank) and lkp_drained_i are random, and the
// bench grants a config request at random (never without one). The bench judges every packet
// from SPEC 4 itself (first reason of kind, rsvd, port, group, len; a config payload after
// its header) and checks every cycle: in_ready_o; a header drop with its reason and tag;
// alloc_o with the lowest free slot, only when both banks have the packet's cells (len / 8
// + 1 cells, cell k in bank (slot + k) mod 2); each payload word written to that slot in
// order with its index, data and last flag; config requests (only when drained), op, group and payload; a bad
// config payload dropped as `port` with the header's tag; nothing while idle.
// Prints "PASS tb_fanout_parser" or "FAIL: ..." lines.

`timescale 1ns / 1ps
`default_nettype none

`include "tb_common.vh"

module tb_fanout_parser;
  localparam CYCLES = 30000;
  localparam NP = 8, NG = 1024, NS = 5, CVW = 4;
  localparam [2:0] R_KIND = 0, R_RSVD = 1, R_PORT = 2, R_GROUP = 3, R_LEN = 4;
  localparam C_DROP = 0, C_FWD = 1, C_CFG = 2, C_CLEAR = 3;   // judged class of a header

  `TB_CLOCK_RNG(32'h5eed_0001)   // clk, errors, rng, step_rng (tb_common.vh)
  reg rst = 1'b1;

  reg         in_valid, lkp_drained, cfg_grant;
  reg  [63:0] in_data;
  reg  [NS-1:0] slot_free;
  reg  [2*CVW-1:0] cavail;                  // per bank: free cells
  wire        in_ready, alloc, wr_en, wr_last, cfg_req, drop_valid, idle;
  wire [2:0]  alloc_slot, wr_slot, drop_reason;
  wire [7:0]  wr_word;
  wire [63:0] wr_data, cfg_data;
  wire [1:0]  cfg_op;
  wire [15:0] cfg_gid;
  wire [23:0] drop_tag;

  fanout_parser #(.NPORTS(NP), .NGROUPS(NG), .SLOTS(NS), .CVW(CVW)) u_dut (
    .clk_i(clk), .rst_i(rst), .in_valid_i(in_valid), .in_data_i(in_data), .in_ready_o(in_ready),
    .slot_free_i(slot_free), .cavail_i(cavail), .lkp_drained_i(lkp_drained), .alloc_o(alloc),
    .alloc_slot_o(alloc_slot), .wr_en_o(wr_en), .wr_slot_o(wr_slot), .wr_word_o(wr_word),
    .wr_last_o(wr_last), .wr_data_o(wr_data),
    .cfg_req_o(cfg_req), .cfg_grant_i(cfg_grant), .cfg_op_o(cfg_op), .cfg_gid_o(cfg_gid),
    .cfg_data_o(cfg_data), .drop_valid_o(drop_valid), .drop_reason_o(drop_reason),
    .drop_tag_o(drop_tag), .idle_o(idle), .wait_cells_o());

  // the packet being offered
  reg [63:0] hdr;                           // its header
  integer    len, pos;                      // payload flits; flits taken so far (0: header)
  integer    cls;                           // judged class
  reg  [2:0] reason;                        // drop reason (C_DROP)
  reg  [2:0] slot;                          // allocated slot (C_FWD)
  reg [63:0] flit;                          // the flit offered this cycle
  integer    cyc, k, npk, nfwd, ndrop, ncfg, nfull, ncells, need0, need1;
  reg  [2:0] want_slot;
  reg        any_free, room, want_ready, want_req, pay_bad;

  // SPEC 4: the class and first drop reason of a header
  task judge(input [63:0] h);
    reg [1:0] kind; reg xsrc; reg [2:0] op; reg [3:0] rsvd; reg [15:0] dst; reg [7:0] hl;
    begin
      kind = h[63:62]; xsrc = h[61]; op = h[54:52]; rsvd = h[51:48]; dst = h[47:32]; hl = h[31:24];
      cls = C_DROP;
      if (kind == 2'd3) reason = R_KIND;
      else if (rsvd != 0 || (kind != 2'd2 && op != 0) || (kind == 2'd2 && (op > 3 || xsrc)))
        reason = R_RSVD;
      else if (kind == 2'd0 && dst >= NP) reason = R_PORT;
      else if (kind != 2'd0 && dst >= NG) reason = R_GROUP;
      else if (kind == 2'd2 && hl != ((op == 3) ? 8'd0 : 8'd1)) reason = R_LEN;
      else cls = (kind != 2'd2) ? C_FWD : (op == 3) ? C_CLEAR : C_CFG;
    end
  endtask

  // a random header and its payload length
  task new_packet;
    reg [15:0] dst; reg [1:0] kind; reg [2:0] op;
    begin
      step_rng;
      kind = (rng[3:0] < 6) ? 2'd1 : (rng[3:0] < 10) ? 2'd0 : (rng[3:0] < 15) ? 2'd2 : 2'd3;
      op   = (kind == 2'd2) ? {1'b0, rng[5:4]} : 3'd0;
      dst  = rng[8] ? {13'd0, rng[11:9]} : rng[12] ? (16'd1020 + {14'd0, rng[14:13]}) : rng[31:16];
      hdr  = {kind, 1'b0, rng[20:15], op, 4'd0, dst, 8'd0, rng[31:8]};
      step_rng;
      if (rng[3:0] == 0) hdr[51:48] = rng[7:4] | 4'd1;          // rsvd set
      if (rng[7:4] == 0) hdr[54:52] = rng[10:8] | 3'd4;         // op 4..7 (or op on data)
      if (rng[11:8] == 0) hdr[61] = 1'b1;                       // xsrc (bad on config)
      if (kind == 2'd2) len = (rng[15:12] == 0) ? 2 : (op == 3) ? 0 : 1;
      else              len = rng[17:16] == 0 ? 0 : rng[21] ? {29'd0, rng[20:18]} : {26'd0, rng[27:22]};
      hdr[31:24] = len[7:0];
      judge(hdr);
      pos = 0;
      npk = npk + 1;
    end
  endtask

  task fail(input [8*40-1:0] what);
    begin
      $display("FAIL: cycle %0d: %0s (header 0x%016h class %0d flit %0d of %0d)", cyc, what, hdr, cls, pos, len);
      errors = errors + 1;
    end
  endtask

  initial begin
    in_valid = 1'b0; in_data = 64'd0; slot_free = {NS{1'b1}}; lkp_drained = 1'b1; cfg_grant = 1'b0;
    npk = 0; nfwd = 0; ndrop = 0; ncfg = 0; nfull = 0; cavail = {2*CVW{1'b1}};
    new_packet;
    repeat (3) @(posedge clk);
    #1 rst = 1'b0;
    for (cyc = 0; cyc < CYCLES && errors < 10; cyc = cyc + 1) begin
      @(negedge clk);
      step_rng;
      slot_free   = (rng[2:0] == 0) ? {NS{1'b0}} : rng[8:4];
      cavail      = {1'b0, rng[18:16], 1'b0, rng[22:20]};
      lkp_drained = rng[10:9] != 0;
      // a packet starts after a random gap, then its flits follow back to back
      in_valid = (pos > 0) || rng[12:11] != 0;
      flit = (pos == 0) ? hdr : {rng[31:13], rng[31:0], rng[12:0]};
      if (cls == C_CFG && pos == 1) begin   // config payload: good or out of range
        if (hdr[53:52] == 2'd0) flit = rng[13] ? {56'd0, rng[21:14]} : {48'd0, rng[29:14]};
        else flit = rng[13] ? {61'd0, rng[16:14]} : rng[14] ? 64'd8 : {rng[31:15], 32'd3};
      end
      in_data = in_valid ? flit : {rng[31:0], rng[31:0]};
      pay_bad = (hdr[53:52] == 2'd0) ? (in_data[63:NP] != 0) : (in_data[63:32] != 0 || in_data[31:0] >= NP);
      // the bench's config engine: grants only a request
      want_req = in_valid && lkp_drained &&
                 ((pos == 0 && cls == C_CLEAR) || (pos == 1 && cls == C_CFG && !pay_bad));
      cfg_grant = want_req && rng[15];
      #1;
      any_free = |slot_free;
      want_slot = 3'd0;
      for (k = NS - 1; k >= 0; k = k - 1) if (slot_free[k]) want_slot = k[2:0];
      ncells = len / 8 + 1;                 // the packet's cells, cell k in bank (slot + k) mod 2
      need0 = want_slot[0] ? ncells / 2 : (ncells + 1) / 2;
      need1 = ncells - need0;
      room = cavail[CVW-1:0] >= need0 && cavail[2*CVW-1:CVW] >= need1;
      if (cfg_req !== want_req) fail("cfg_req_o");
      if (!in_valid) begin
        if (drop_valid || alloc || wr_en || cfg_req) fail("output while in_valid_i is low");
        if (pos == 0 && !idle) fail("idle_o low between packets");
      end else if (pos == 0) begin
        case (cls)
          C_DROP:  want_ready = 1'b1;
          C_FWD:   want_ready = any_free && room;
          C_CLEAR: want_ready = cfg_grant;
          default: want_ready = 1'b1;
        endcase
        if (in_ready !== want_ready) fail("in_ready_o on a header");
        if (drop_valid !== (cls == C_DROP)) fail("drop_valid_o on a header");
        if (cls == C_DROP && (drop_reason !== reason || drop_tag !== hdr[23:0])) fail("drop reason or tag");
        if (alloc !== (cls == C_FWD && any_free && room)) fail("alloc_o");
        if (cls == C_FWD && any_free && alloc_slot !== want_slot) fail("alloc_slot_o not the lowest free");
        if (cls == C_FWD && any_free && !room) nfull = nfull + 1;
        if (wr_en) fail("wr_en_o on a header");
        if (cls == C_CLEAR && want_req && (cfg_op !== 2'd3 || cfg_gid !== hdr[47:32])) fail("clear op or group");
        if (in_ready) begin
          slot = alloc_slot;
          if (cls == C_FWD) nfwd = nfwd + 1;
          if (cls == C_DROP) ndrop = ndrop + 1;
          if (cls == C_CLEAR) ncfg = ncfg + 1;
        end
      end else if (cls == C_FWD) begin
        if (!in_ready || !wr_en || wr_slot !== slot || wr_word !== pos - 1 || wr_data !== in_data ||
            wr_last !== (pos == len))
          fail("payload word write");
        if (drop_valid || alloc || cfg_req) fail("other output during a payload");
      end else if (cls == C_CFG) begin
        if (pay_bad) begin
          if (!in_ready || !drop_valid || drop_reason !== R_PORT || drop_tag !== hdr[23:0])
            fail("bad config payload not dropped as port");
        end else begin
          if (in_ready !== cfg_grant || drop_valid) fail("config payload ready");
          if (want_req && (cfg_op !== hdr[53:52] || cfg_gid !== hdr[47:32] || cfg_data !== in_data))
            fail("config op, group or payload");
          if (in_ready) ncfg = ncfg + 1;
        end
        if (wr_en || alloc) fail("write during a config payload");
      end else begin                        // a dropped packet's payload
        if (!in_ready || drop_valid || wr_en || alloc || cfg_req) fail("dropped payload");
      end
      @(posedge clk);
      if (in_valid && in_ready) begin
        pos = pos + 1;
        if (pos > len) new_packet;
      end
    end
    if (nfwd < 100 || ndrop < 100 || ncfg < 100 || nfull < 100) begin
      $display("FAIL: too few packets of a class: %0d forwarded, %0d dropped, %0d config, %0d waits for cells",
               nfwd, ndrop, ncfg, nfull);
      errors = errors + 1;
    end
    if (errors == 0)
      $display("PASS tb_fanout_parser: %0d cycles, %0d packets (%0d forwarded, %0d dropped, %0d config ops)",
               CYCLES, npk, nfwd, ndrop, ncfg);
    $finish;
  end
endmodule
