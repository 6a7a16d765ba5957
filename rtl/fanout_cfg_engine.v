// fanout_cfg_engine -- the config engine beside the group table.
//
// The table is split into B config banks by group id (B = the smallest power of two >=
// NPORTS, bank = gid mod B), each with one write port and one read port on copy C, and
// the engine has one pipeline (lane) per bank. Each cycle, per bank b, at most one op
// enters lane b: the command if its group is in bank b (the command port is always
// ready), else one of the in-band ops whose group is in bank b, granted round-robin among
// the requesting parsers (one rr pointer per bank). An op entering at t reads its word
// from bank b of copy C at t and commits at t+SRAM_LAT: old = the word read, corrected by
// forwarding from the lane's own writes made at t .. t+SRAM_LAT-1; new = write: bitmap,
// add: old | 1<<port, remove: old & ~(1<<port), clear: 0, read: old. At the commit the new
// word is written to bank b of every copy (not for read) and reported on commit lane b.
// Ops of different lanes touch different groups, so commits of one cycle are independent.

`resetall
`timescale 1ns / 1ps
`default_nettype none

`include "fanout_assert.vh"

module fanout_cfg_engine #(
  parameter NPORTS   = 32,                  // ports
  parameter NGROUPS  = 65536,               // group table entries
  parameter SRAM_LAT = 2,                   // SRAM read latency = setup latency
  parameter PW       = $clog2(NPORTS),      // port number width
  parameter GW       = $clog2(NGROUPS),     // group id width
  parameter BW       = $clog2(NPORTS),      // bank bits: B = 2**BW banks
  parameter AW       = GW - BW              // word address width within a bank
) (
  input  wire                 clk_i,
  input  wire                 rst_i,
  input  wire                 en_i,         // the table's initial clear is finished
  // command port (always ready)
  input  wire                 cmd_valid_i,  // a command is offered
  input  wire [2:0]           cmd_op_i,     // 0 write, 1 add, 2 remove, 3 clear, 4 read
  input  wire [15:0]          cmd_gid_i,    // group id
  input  wire [63:0]          cmd_data_i,   // bitmap (write) or port (add, remove)
  // in-band requests (parsers)
  input  wire [NPORTS-1:0]    req_i,        // port p offers the last flit of a config op
  input  wire [NPORTS*2-1:0]  req_op_i,     // its op (0..3)
  input  wire [NPORTS*16-1:0] req_gid_i,    // its group id
  input  wire [NPORTS*64-1:0] req_data_i,   // its payload flit (bitmap or port)
  output wire [NPORTS-1:0]    grant_o,      // port p's op enters its lane this cycle
  // SRAM, per bank b
  output wire [(1<<BW)-1:0]        rd_en_o,   // read bank b of copy C
  output wire [(1<<BW)*AW-1:0]     rd_addr_o, // at this word of the bank
  input  wire [(1<<BW)*NPORTS-1:0] rd_data_i, // the word read SRAM_LAT cycles ago
  output wire [(1<<BW)-1:0]        wr_en_o,   // write bank b of every copy
  output wire [(1<<BW)*AW-1:0]     wr_addr_o, // at this word of the bank
  output wire [(1<<BW)*NPORTS-1:0] wr_data_o, // the new bitmap
  // commits, lane b (group ids in bank b)
  output wire [(1<<BW)-1:0]    commit_valid_o,  // an op commits this cycle
  output wire [(1<<BW)-1:0]    commit_inband_o, // 1: from a config packet, 0: command port
  output wire [(1<<BW)*6-1:0]  commit_port_o,   // the config packet's ingress port
  output wire [(1<<BW)*3-1:0]  commit_op_o,     // the op
  output wire [(1<<BW)*16-1:0] commit_gid_o,    // the group
  output wire [(1<<BW)*64-1:0] commit_bitmap_o, // the bitmap after the op (read: as read)
  output wire                  idle_o           // every lane is empty
);

  localparam L = SRAM_LAT;
  localparam B = 1 << BW;                   // banks, one lane each
  localparam [31:0] NPORTS32 = NPORTS;      // NPORTS as a sized constant

  localparam [2:0] OP_WRITE = 3'd0, OP_ADD = 3'd1, OP_REMOVE = 3'd2, OP_CLEAR = 3'd3;

  wire              cmd = en_i && cmd_valid_i;    // the command enters (its bank's lane)
  wire [B*NPORTS-1:0] lane_gnt;                   // bits b*NPORTS+p: lane b grants port p
  wire [B-1:0]      lane_busy;                    // lane b holds an op

  // grant_o: the OR over the lanes (a port requests one bank only), as a tree of ORs of
  // whole grant vectors (log2(B) levels; an OR accumulated in a loop stays a chain of B
  // through Yosys's abc -fast, and a per-port OR of its bit of every lane was a
  // transposition that the simulator made bit by bit every cycle)
  fanout_or_tree #(.N(B), .W(NPORTS)) u_gnt (.rows_i(lane_gnt), .sel_i({B{1'b1}}), .or_o(grant_o));

  // the bank each port requests
  wire [NPORTS*BW-1:0] req_bank;
  genvar p, b;
  generate
    for (p = 0; p < NPORTS; p = p + 1) begin : g_rbank
      assign req_bank[p*BW +: BW] = req_gid_i[p*16 +: BW];
    end
  endgenerate

  // An op's argument as a bitmap: write: the bitmap; add, remove: 1 << port (0 when the
  // port is out of range); clear, read: unused.
  function automatic [NPORTS-1:0] arg_of(input [2:0] op, input [63:0] data);
    reg port_ok;                            // data is a port number below NPORTS
    begin
      port_ok = (data[63:32] == 32'd0) && (data[31:0] < NPORTS32);
      if (op == OP_WRITE) arg_of = data[NPORTS-1:0];
      else if (port_ok)   arg_of = {{(NPORTS-1){1'b0}}, 1'b1} << data[PW-1:0];
      else                arg_of = {NPORTS{1'b0}};
    end
  endfunction

  // Each port's in-band op as it enters a lane, {op, gid, arg}, decoded before the lanes'
  // arbiters choose (logic depth: a lane selects a decoded row with its one-hot grant,
  // fanout_or_tree, instead of indexing the raw request by the grant's index and decoding
  // after); and the command's argument, decoded once for every lane.
  localparam RW = 2 + 16 + NPORTS;          // a row: op (0..3), gid, arg
  reg [NPORTS*RW-1:0] req_row;              // port q's row at q*RW
  integer q;
  always @* begin
    req_row = {NPORTS*RW{1'b0}};
    q       = 0;                            // (assigned on every path: no latch)
    if (|req_i)                             // the same logic (no request: no row is selected);
                                            // the simulator skips the rows in most cycles
      for (q = 0; q < NPORTS; q = q + 1)
        req_row[q*RW +: RW] = {req_op_i[q*2 +: 2], req_gid_i[q*16 +: 16],
                               arg_of({1'b0, req_op_i[q*2 +: 2]}, req_data_i[q*64 +: 64])};
  end
  wire [NPORTS-1:0] cmd_arg = arg_of(cmd_op_i, cmd_data_i);  // the command's argument

  // ---------------------------------------------------------------- one lane per bank
  generate
    for (b = 0; b < B; b = b + 1) begin : g_lane
      localparam [31:0] B32 = b;            // this lane's bank

      // ---- op entry ----
      wire              cmd_here = cmd && (cmd_gid_i[BW-1:0] == B32[BW-1:0]);  // command on bank b
      reg  [NPORTS-1:0] breq;               // ports requesting bank b
      integer r;
      always @* begin
        breq = {NPORTS{1'b0}};
        r    = 0;                           // (assigned on every path: no latch)
        if (|req_i)                         // the same logic; skipped by the simulator without requests
          for (r = 0; r < NPORTS; r = r + 1) breq[r] = req_i[r] && (req_bank[r*BW +: BW] == B32[BW-1:0]);
      end

      wire [NPORTS-1:0] arb_gnt;            // round-robin choice among them
      wire [PW-1:0]     arb_idx;            // the chosen port
      wire              arb_any;            // somebody requests
      wire              inb = en_i && !cmd_here && arb_any;  // an in-band op enters

      fanout_rr_arbiter #(.N(NPORTS)) u_arb (
        .clk_i (clk_i),
        .rst_i (rst_i),
        .req_i (breq),
        .adv_i (inb),
        .gnt_o (arb_gnt),
        .idx_o (arb_idx),
        .any_o (arb_any)
      );

      assign lane_gnt[b*NPORTS +: NPORTS] = inb ? arb_gnt : {NPORTS{1'b0}};

      wire [RW-1:0] g_row;                  // the granted port's row (zero when none)
      fanout_or_tree #(.N(NPORTS), .W(RW)) u_mux (.rows_i(req_row), .sel_i(arb_gnt), .or_o(g_row));

      wire        enter   = cmd_here || inb;                            // an op enters
      wire [2:0]  in_op   = cmd_here ? cmd_op_i  : {1'b0, g_row[RW-1 -: 2]};
      wire [15:0] in_gid  = cmd_here ? cmd_gid_i : g_row[NPORTS +: 16];
      wire [NPORTS-1:0] in_arg = cmd_here ? cmd_arg : g_row[NPORTS-1:0];

      assign rd_en_o[b]             = enter;
      assign rd_addr_o[b*AW +: AW]  = in_gid[GW-1:BW];

      // ---- pipeline: a stage is {inband, port, op, gid, arg}; stage s at bits s*ST ----
      localparam ST = 1 + PW + 3 + 16 + NPORTS;

      reg [L-1:0]    v_q;                   // stage s holds an op
      reg [L*ST-1:0] st_q;                  // the op of stage s

      integer s;
      always @(posedge clk_i) begin
        v_q[0]        <= enter && !rst_i;
        st_q[0 +: ST] <= {inb, arb_idx, in_op, in_gid, in_arg};
        for (s = 1; s < L; s = s + 1) begin
          v_q[s]           <= v_q[s-1] && !rst_i;
          st_q[s*ST +: ST] <= st_q[(s-1)*ST +: ST];
        end
      end
      assign lane_busy[b] = |v_q;

      // ---- commit ----
      wire              c_v = v_q[L-1];     // an op commits this cycle
      wire              c_inb;              // it is in-band
      wire [PW-1:0]     c_port;             // its ingress port
      wire [2:0]        c_op;               // its op
      wire [15:0]       c_gid;              // its group
      wire [NPORTS-1:0] c_arg;              // its argument bitmap
      assign {c_inb, c_port, c_op, c_gid, c_arg} = st_q[(L-1)*ST +: ST];

      // forwarding history: the lane's write made h+1 cycles ago is hv_q[h], hgid_q, hbm_q
      reg [L-1:0]        hv_q;              // a write was made
      reg [L*16-1:0]     hgid_q;            // to this group
      reg [L*NPORTS-1:0] hbm_q;             // with this word

      reg [NPORTS-1:0] old;                 // the word before the op (read + forwarding)
      integer f;
      always @* begin
        old = rd_data_i[b*NPORTS +: NPORTS];
        for (f = L - 1; f >= 0; f = f - 1) begin  // oldest first, so the newest wins
          if (hv_q[f] && hgid_q[f*16 +: 16] == c_gid) old = hbm_q[f*NPORTS +: NPORTS];
        end
      end

      reg [NPORTS-1:0] nw;                  // the word after the op
      reg              wr;                  // the op writes
      always @* begin
        wr = 1'b1;
        case (c_op)
          OP_WRITE:  nw = c_arg;
          OP_ADD:    nw = old | c_arg;
          OP_REMOVE: nw = old & ~c_arg;
          OP_CLEAR:  nw = {NPORTS{1'b0}};
          default: begin                    // read (and the unused ops 5..7)
            nw = old;
            wr = 1'b0;
          end
        endcase
      end

      assign wr_en_o[b]                  = c_v && wr;
      assign wr_addr_o[b*AW +: AW]       = c_gid[GW-1:BW];
      assign wr_data_o[b*NPORTS +: NPORTS] = nw;

      integer h;
      always @(posedge clk_i) begin
        hv_q[0]            <= c_v && wr && !rst_i;
        hgid_q[0 +: 16]    <= c_gid;
        hbm_q[0 +: NPORTS] <= nw;
        for (h = 1; h < L; h = h + 1) begin
          hv_q[h]                   <= hv_q[h-1] && !rst_i;
          hgid_q[h*16 +: 16]        <= hgid_q[(h-1)*16 +: 16];
          hbm_q[h*NPORTS +: NPORTS] <= hbm_q[(h-1)*NPORTS +: NPORTS];
        end
      end

      assign commit_valid_o[b]          = c_v;
      assign commit_inband_o[b]         = c_v && c_inb;
      assign commit_op_o[b*3 +: 3]      = c_v ? c_op : 3'd0;
      assign commit_gid_o[b*16 +: 16]   = c_v ? c_gid : 16'd0;

      wire [PW-1:0]     c_pout = (c_v && c_inb) ? c_port : {PW{1'b0}};  // port reported
      wire [NPORTS-1:0] c_bm   = c_v ? nw : {NPORTS{1'b0}};
      if (PW < 6) begin : g_port_ext
        assign commit_port_o[b*6 +: 6] = {{(6-PW){1'b0}}, c_pout};
      end else begin : g_port
        assign commit_port_o[b*6 +: 6] = c_pout;
      end
      if (NPORTS < 64) begin : g_bm_ext
        assign commit_bitmap_o[b*64 +: 64] = {{(64-NPORTS){1'b0}}, c_bm};
      end else begin : g_bm
        assign commit_bitmap_o[b*64 +: 64] = c_bm;
      end

`ifdef FANOUT_ASSERT_ON
      always @(posedge clk_i) begin
        `FO_ASSERT("cfg_pipeline", rst_i || (lane_gnt[b*NPORTS +: NPORTS] & (lane_gnt[b*NPORTS +: NPORTS] - 1'b1)) == {NPORTS{1'b0}},
                   ("lane %0d grants more than one port (0x%0h)", b, lane_gnt[b*NPORTS +: NPORTS]))
        `FO_ASSERT("cfg_pipeline", rst_i || !(cmd_here && lane_gnt[b*NPORTS +: NPORTS] != {NPORTS{1'b0}}),
                   ("lane %0d grants an in-band op beside the command", b))
      end
`endif
    end
  endgenerate

  assign idle_o = !(|lane_busy);

`ifdef FANOUT_ASSERT_ON
  always @(posedge clk_i) begin
    `FO_ASSERT("cfg_init", rst_i || !(!en_i && cmd_valid_i),
               ("command offered before the table's initial clear finished"))
    `FO_ASSERT("cfg_grant", rst_i || (grant_o & ~req_i) == {NPORTS{1'b0}},
               ("a port granted without a request (grants 0x%0h)", grant_o))
  end
`endif

endmodule

`resetall
