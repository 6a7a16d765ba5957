// fanout_fcov -- functional coverage of the switch (simulation only, coverage builds).
//
// The events that matter for this switch, one `cover property` each, named as the model
// counts them (model/cli/fcov.c): every drop reason, every op by command and in-band, a
// commit in the cycle a lookup of that group completes, the fan-out of a replicated packet
// in buckets 1, 2-3, 4-7, ... up to NPORTS, back-pressure at each stage, and full
// structures. Verilator counts each in coverage.dat (page v_user, comment = the name) when
// built with --coverage (FANOUT_RTL_COVERAGE=ON defines FANOUT_FCOV); `fanout regress
// --coverage` reports and merges them. Only the top's pins and a few of its nets are read
// (some of them status outputs of the stages for coverage: a FIFO full, a header waiting
// for cells, staging full), never a stage module's internals, so the stages stay free to
// change. full_cells, full_stage, read_wait and read_merged cover the cell buffer: a data
// header waits for cells while a slot is free, an egress's 6 staging entries are taken, a
// read request waits for its bank, one word read serves two egresses or more. full_lookup and full_egress count
// what the top's nets show: every slot of port p waiting for its lookup, and every slot of
// port p holding a copy for egress e (queued or being sent); full_lookup_fifo and
// full_egress_queue the structures alone. model/fcov.c is the model's twin of this file.

`resetall
`timescale 1ns / 1ps
`default_nettype none

`ifdef FANOUT_FCOV
// Not itself measured by line, branch and toggle coverage (its cover properties still count):
/* verilator coverage_off */
module fanout_fcov #(
  parameter NPORTS   = 32,
  parameter SLOTS    = 16,
  parameter B        = 1 << $clog2(NPORTS)   // commit lanes (config banks)
) (
  input wire                      clk_i,
  input wire                      rst_i,
  input wire                      init_done_i,      // cycle 0 has begun
  input wire [NPORTS-1:0]         in_valid_i,       // pins: ingress offers
  input wire [NPORTS-1:0]         in_ready_i,       // pins: ingress takes
  input wire [NPORTS-1:0]         out_valid_i,      // pins: egress offers
  input wire [NPORTS-1:0]         out_ready_i,      // pins: receiver takes
  input wire [B-1:0]              commit_valid_i,   // pins: lane b: a group op commits
  input wire [B-1:0]              commit_inband_i,  // pins: by a config packet
  input wire [B*3-1:0]            commit_op_i,      // pins: its op
  input wire [B*16-1:0]           commit_gid_i,     // pins: its group
  input wire [NPORTS-1:0]         prs_drop_valid_i, // pins: parser drops
  input wire [NPORTS*3-1:0]       prs_drop_reason_i,// pins: their reasons
  input wire [NPORTS-1:0]         rep_drop_valid_i, // pins: replicator drops (empty)
  input wire [NPORTS*NPORTS-1:0]  rep_push_i,       // net rep_push: replicator p's queue pushes
  input wire [NPORTS-1:0]         lkp_valid_i,      // net lkp_valid: port p's lookup completes
  input wire [NPORTS-1:0]         lkp_mcast_i,      // net lkp_mcast: a multicast one
  input wire [NPORTS*64-1:0]      lkp_hdr_i,        // net rep_hdr: its header
  input wire [NPORTS-1:0]         cfg_req_i,        // net cfg_req: a config op waits
  input wire [NPORTS-1:0]         cfg_grant_i,      // net cfg_grant: and is taken
  input wire [NPORTS*SLOTS-1:0]   slot_free_i,      // net slot_free
  input wire [NPORTS-1:0]         alloc_i,          // net alloc: a data header takes a slot
  input wire [NPORTS-1:0]         eg_held_end_i,    // net eg_held_end: egress e's reader is done
  input wire [NPORTS*$clog2(NPORTS)-1:0] eg_held_port_i, // net eg_held_port: with a packet of this port
  input wire [NPORTS-1:0]         lkp_full_i,       // net lkp_full: lookup FIFO p is full
  input wire [NPORTS-1:0]         eg_q_full_i,      // net eg_q_full: a queue (e, p) of egress e is full
  input wire [NPORTS-1:0]         prs_wait_cells_i, // net prs_wait_cells: parser p's header waits for cells
  input wire [NPORTS-1:0]         eg_stg_full_i,    // net eg_stg_full: egress e's staging entries all taken
  input wire [NPORTS*2-1:0]       ask_valid_i,      // net ask_valid: egress e asks for a cell in bank b
  input wire [NPORTS*2-1:0]       eg_gnt_i,         // net eg_gnt: and is granted
  input wire [NPORTS*NPORTS*2-1:0] pb_gnt_i         // net pb_gnt: buffer p grants egress e's ask on bank b
);

  localparam PW = $clog2(NPORTS);
  localparam CW = $clog2(SLOTS + 1);

  wire run = init_done_i;                   // events count from cycle 0 on

  // ---------------------------------------------------------------- drops
  reg [5:0] drop;                           // bit r: some port drops for reason r
  integer di;
  always @* begin
    drop = 6'd0;
    for (di = 0; di < NPORTS; di = di + 1) begin
      if (prs_drop_valid_i[di]) drop[prs_drop_reason_i[di*3 +: 3]] = 1'b1;
      if (rep_drop_valid_i[di]) drop[5] = 1'b1;
    end
  end
  drop_kind:  cover property (@(posedge clk_i) disable iff (rst_i) run && drop[0]);
  drop_rsvd:  cover property (@(posedge clk_i) disable iff (rst_i) run && drop[1]);
  drop_port:  cover property (@(posedge clk_i) disable iff (rst_i) run && drop[2]);
  drop_group: cover property (@(posedge clk_i) disable iff (rst_i) run && drop[3]);
  drop_len:   cover property (@(posedge clk_i) disable iff (rst_i) run && drop[4]);
  drop_empty: cover property (@(posedge clk_i) disable iff (rst_i) run && drop[5]);

  // ---------------------------------------------------------------- ops
  reg [4:0] cmd;                            // bit o: some lane commits op o from the command port
  reg [3:0] inb;                            // bit o: some lane commits in-band op o
  reg       same;                           // a lane commits (not a read) the group that a
                                            // multicast lookup completing this cycle reads
  integer ci, li;
  always @* begin
    cmd = 5'd0;
    inb = 4'd0;
    same = 1'b0;
    for (ci = 0; ci < B; ci = ci + 1) begin
      if (commit_valid_i[ci] && !commit_inband_i[ci] && commit_op_i[ci*3 +: 3] <= 3'd4)
        cmd[commit_op_i[ci*3 +: 3]] = 1'b1;
      if (commit_valid_i[ci] && commit_inband_i[ci] && commit_op_i[ci*3 +: 3] <= 3'd3)
        inb[commit_op_i[ci*3 +: 2]] = 1'b1;
      for (li = 0; li < NPORTS; li = li + 1)
        if (commit_valid_i[ci] && commit_op_i[ci*3 +: 3] != 3'd4 && lkp_valid_i[li] && lkp_mcast_i[li] &&
            lkp_hdr_i[li*64 + 32 +: 16] == commit_gid_i[ci*16 +: 16])
          same = 1'b1;
    end
  end
  op_cmd_write:     cover property (@(posedge clk_i) disable iff (rst_i) cmd[0]);
  op_cmd_add:       cover property (@(posedge clk_i) disable iff (rst_i) cmd[1]);
  op_cmd_remove:    cover property (@(posedge clk_i) disable iff (rst_i) cmd[2]);
  op_cmd_clear:     cover property (@(posedge clk_i) disable iff (rst_i) cmd[3]);
  op_cmd_read:      cover property (@(posedge clk_i) disable iff (rst_i) cmd[4]);
  op_inband_write:  cover property (@(posedge clk_i) disable iff (rst_i) inb[0]);
  op_inband_add:    cover property (@(posedge clk_i) disable iff (rst_i) inb[1]);
  op_inband_remove: cover property (@(posedge clk_i) disable iff (rst_i) inb[2]);
  op_inband_clear:  cover property (@(posedge clk_i) disable iff (rst_i) inb[3]);

  // ------------------------------------- a commit as a lookup of its group completes
  commit_lookup_same_group: cover property (@(posedge clk_i) disable iff (rst_i) same);

  // ---------------------------------------------------------------- fan-out
  /* verilator lint_off UNUSEDSIGNAL */    // the buckets above NPORTS never fire
  reg [6:0] fan;                            // bit k: some replicator pushes 2^k..2^(k+1)-1 copies
  /* verilator lint_on UNUSEDSIGNAL */
  integer fi, fk;
  always @* begin
    fan = 7'd0;
    for (fi = 0; fi < NPORTS; fi = fi + 1)
      for (fk = 0; fk < 7; fk = fk + 1)
        if ($countones(rep_push_i[fi*NPORTS +: NPORTS]) >= (1 << fk) &&
            $countones(rep_push_i[fi*NPORTS +: NPORTS]) < (2 << fk))
          fan[fk] = 1'b1;
  end
  fanout_1:   cover property (@(posedge clk_i) disable iff (rst_i) fan[0]);
  fanout_2_3: cover property (@(posedge clk_i) disable iff (rst_i) fan[1]);
  fanout_4_7: cover property (@(posedge clk_i) disable iff (rst_i) fan[2]);
  generate
    if (NPORTS >= 8) begin : g_fan8
      fanout_8_15:  cover property (@(posedge clk_i) disable iff (rst_i) fan[3]);
    end
    if (NPORTS >= 16) begin : g_fan16
      fanout_16_31: cover property (@(posedge clk_i) disable iff (rst_i) fan[4]);
    end
    if (NPORTS >= 32) begin : g_fan32
      fanout_32_63: cover property (@(posedge clk_i) disable iff (rst_i) fan[5]);
    end
    if (NPORTS >= 64) begin : g_fan64
      fanout_64:    cover property (@(posedge clk_i) disable iff (rst_i) fan[6]);
    end
  endgenerate

  // ---------------------------------------------------------------- back-pressure
  bp_ingress: cover property (@(posedge clk_i) disable iff (rst_i) run && |(in_valid_i & ~in_ready_i));
  bp_egress:  cover property (@(posedge clk_i) disable iff (rst_i) |(out_valid_i & ~out_ready_i));
  bp_cfg:     cover property (@(posedge clk_i) disable iff (rst_i) |(cfg_req_i & ~cfg_grant_i));

  // ---------------------------------------------------------------- full
  reg full_s;                               // some port has no free slot
  integer si;
  always @* begin
    full_s = 1'b0;
    for (si = 0; si < NPORTS; si = si + 1)
      if (slot_free_i[si*SLOTS +: SLOTS] == {SLOTS{1'b0}}) full_s = 1'b1;
  end
  full_slots: cover property (@(posedge clk_i) disable iff (rst_i) run && full_s);

  // slots of port p between alloc and lookup done (lookup FIFO + pipeline)
  reg [NPORTS*CW-1:0] lk_q;                 // per port, CW bits each
  reg                 full_l;               // some port's every slot waits for its lookup
  integer pi;
  always @(posedge clk_i) begin
    for (pi = 0; pi < NPORTS; pi = pi + 1) begin
      if (rst_i) lk_q[pi*CW +: CW] <= {CW{1'b0}};
      else lk_q[pi*CW +: CW] <= lk_q[pi*CW +: CW] + {{(CW-1){1'b0}}, alloc_i[pi]}
                                                   - {{(CW-1){1'b0}}, lkp_valid_i[pi]};
    end
  end
  always @* begin
    full_l = 1'b0;
    for (pi = 0; pi < NPORTS; pi = pi + 1)
      if (lk_q[pi*CW +: CW] == SLOTS[CW-1:0]) full_l = 1'b1;
  end
  full_lookup: cover property (@(posedge clk_i) disable iff (rst_i) full_l);

  // copies of port p's slots held by egress e (queue (e, p) and e's reader); rep_push is
  // the replicators' delay line output, the queue push
  reg [NPORTS*NPORTS*CW-1:0] eq_q;          // (e*NPORTS + p)*CW
  reg                        full_e;        // some egress holds a copy of every slot of a port
  integer ei, ej;
  always @(posedge clk_i) begin
    for (ei = 0; ei < NPORTS; ei = ei + 1)
      for (ej = 0; ej < NPORTS; ej = ej + 1) begin
        if (rst_i) eq_q[(ei*NPORTS + ej)*CW +: CW] <= {CW{1'b0}};
        else eq_q[(ei*NPORTS + ej)*CW +: CW] <= eq_q[(ei*NPORTS + ej)*CW +: CW]
            + {{(CW-1){1'b0}}, rep_push_i[ej*NPORTS + ei]}
            - {{(CW-1){1'b0}}, eg_held_end_i[ei] && eg_held_port_i[ei*PW +: PW] == ej[PW-1:0]};
      end
  end
  always @* begin
    full_e = 1'b0;
    for (ei = 0; ei < NPORTS*NPORTS; ei = ei + 1)
      if (eq_q[ei*CW +: CW] == SLOTS[CW-1:0]) full_e = 1'b1;
  end
  full_egress: cover property (@(posedge clk_i) disable iff (rst_i) full_e);

  // the structures themselves (status outputs of group_sram and egress_queue)
  full_lookup_fifo:  cover property (@(posedge clk_i) disable iff (rst_i) |lkp_full_i);
  full_egress_queue: cover property (@(posedge clk_i) disable iff (rst_i) |eg_q_full_i);

  // ---------------------------------------------------------------- cell buffer
  // a word read serves two egresses or more: some buffer p grants two asks of one copy
  // (egresses 16r..16r+15) on one bank
  reg merged;                               // some read is merged this cycle
  integer mp, mr, mb, me, mn;
  always @* begin
    merged = 1'b0;
    for (mp = 0; mp < NPORTS; mp = mp + 1)
      for (mr = 0; mr < (NPORTS + 15) / 16; mr = mr + 1)
        for (mb = 0; mb < 2; mb = mb + 1) begin
          mn = 0;
          for (me = 16*mr; me < 16*mr + 16 && me < NPORTS; me = me + 1)
            if (pb_gnt_i[mp*NPORTS*2 + me*2 + mb]) mn = mn + 1;
          if (mn > 1) merged = 1'b1;
        end
  end
  full_cells:  cover property (@(posedge clk_i) disable iff (rst_i) |prs_wait_cells_i);
  full_stage:  cover property (@(posedge clk_i) disable iff (rst_i) |eg_stg_full_i);
  read_wait:   cover property (@(posedge clk_i) disable iff (rst_i) |(ask_valid_i & ~eg_gnt_i));
  read_merged: cover property (@(posedge clk_i) disable iff (rst_i) merged);

endmodule
/* verilator coverage_on */
`endif

`resetall
