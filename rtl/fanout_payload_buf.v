// fanout_payload_buf -- the cell buffer of one ingress port: header registers, cells
// of 8 flits in SRAM banks, the cell accounting and the read arbiters of its copies.
//
// Storage: COPIES read copies (copy r serves egresses 16r..16r+15), each of 2 banks; every
// bank of every copy is one fanout_sram of CELLS/2 words of 512 bits (1R1W, registered
// read). Cell k of the packet in slot s lives in bank (s + k) mod 2; all copies get the
// same writes. Which cell of a bank holds cell k of slot s is a tag per cell, {s, k/2},
// written with the cell: a read finds its cell by matching the tags of the bank's cells in
// use, a release frees every cell in use whose tag names its slot (no table indexed by
// slot and cell, whose release would need a read port per cell of a packet).
//
// Each cycle:
//   write: the parser offers at most one flit: a header (flit 0 of the packet, also into
//     the slot's header register) or payload flit i (flit i+1 of the packet). Flit f goes
//     to position f mod 8 of cell f/8: positions 0..6 into an assembly register; payload
//     flit at position 7, or the packet's last payload flit, completes the cell in this
//     cycle; a header that is its packet's only flit completes its cell in the next cycle
//     (hc_q: from registers, not from the ingress pins through the header's judgement and
//     slot pick; the parser is then idle, so no payload flit completes a cell then). A
//     completed cell takes the lowest free cell of its bank; the 512-bit word (assembly
//     register with the flit in place) is written to that bank of every copy, its tag set,
//     wcnt of the slot incremented (visible from the next cycle), and wdone set with the
//     last flit.
//   cavail (per bank: cells neither in use nor reserved): decremented by the cells of a
//     packet in the bank when its header is taken (the parser's admission checked it),
//     incremented by a released slot's cells (rel_i; free again from the next cycle).
//   reads: per copy r and bank b, one round-robin arbiter (fanout_rr_arbiter, the
//     egresses of the copy, pointer reset to the last) grants one of the egresses whose
//     read request (ask) on bank b names this port; the granted cell's word is read
//     (address: the cell in use whose tag matches) and is in rd_data_o the next cycle. The
//     word serves every egress of the copy asking for the same cell (read merging: gnt_o is
//     set for each of them), so the copies of a multicast leave together.
// Header register reads (lookup issue, replicator) are combinational, start of cycle.

`resetall
`timescale 1ns / 1ps
`default_nettype none

`include "fanout_assert.vh"

module fanout_payload_buf #(
  parameter NPORTS = 32,                   // ports (egresses reading this buffer)
  parameter SLOTS  = 16,                   // slots of this ingress port
  parameter COPIES = 2,                    // read copies: ceil(NPORTS / 16)
  parameter CELLS  = 256,                  // cells of one copy, both banks together
  parameter SW     = $clog2(SLOTS),        // slot number width
  parameter CB     = CELLS / 2,            // cells per bank
  parameter CAW    = $clog2(CB),           // cell address width in a bank
  parameter CVW    = $clog2(CB + 1),       // cell count width
  parameter PW     = $clog2(NPORTS)        // port number width
) (
  input  wire                   clk_i,
  input  wire                   rst_i,
  // write port (parser)
  input  wire                   hdr_we_i,     // a data header is taken into hdr_slot_i
  input  wire [SW-1:0]          hdr_slot_i,   // slot just allocated
  input  wire                   wr_en_i,      // payload flit wr_word_i of wr_slot_i
  input  wire [SW-1:0]          wr_slot_i,    // slot being filled
  input  wire [7:0]             wr_word_i,    // payload flit index (packet flit index - 1)
  input  wire                   wr_last_i,    // the packet's last payload flit
  input  wire [63:0]            wr_data_i,    // header or payload flit
  output wire [2*CVW-1:0]       cavail_o,     // per bank: cells free and not reserved
  // header read ports
  input  wire [SW-1:0]          lkp_slot_i,   // slot at the lookup FIFO's head
  output wire [63:0]            lkp_hdr_o,    // its header
  input  wire [SW-1:0]          rep_slot_i,   // slot completing its lookup
  output wire [63:0]            rep_hdr_o,    // its header
  // slot state
  output wire [SLOTS-1:0]       wdone_o,      // slot s: every flit written
  output wire [SLOTS*6-1:0]     wcnt_o,       // slot s: cells completely written
  output wire [SLOTS*6-1:0]     ncells_o,     // slot s: cells of its packet
  input  wire                   rel_i,        // the replicator releases slot rel_slot_i
  input  wire [SW-1:0]          rel_slot_i,   // with its cells
  input  wire [SLOTS-1:0]       rel_oh_i,     // the same slot, one-hot (0: no release)
  // read requests of every egress e, bank b at index e*2+b
  input  wire [PW-1:0]          port_i,       // this ingress port (a constant of the instance)
  input  wire [NPORTS*2-1:0]    ask_valid_i,  // egress e asks for a cell in bank b
  input  wire [NPORTS*2*PW-1:0] ask_port_i,   // the port whose buffer it reads (here: port_i)
  input  wire [NPORTS*2*SW-1:0] ask_slot_i,   // slot
  input  wire [NPORTS*2*5-1:0]  ask_cell_i,   // cell index in the packet
  output wire [NPORTS*2-1:0]    gnt_o,        // the ask is granted here this cycle
  output wire [COPIES*2*512-1:0] rd_data_o    // copy r, bank b: the word read last cycle
);

  // Keep this module a C++ class of its own in the Verilated model (see fanout_egress_queue).
  /*verilator no_inline_module*/

  // ---------------------------------------------------------------- parameter checks
  // Out of range: elaboration stops with the message (fanout_assert.vh).
  if (COPIES != (NPORTS + 15) / 16) begin : g_bad_copies
    `FO_PARAM_ERROR(("fanout_payload_buf: COPIES %0d is not ceil(NPORTS / 16)", COPIES))
  end
  // >= 32 cells a bank: a bank's cell count (CVW bits) holds a packet's 32 cells
  if (CB < 32 || (1 << CAW) != CB) begin : g_bad_cells
    `FO_PARAM_ERROR(("fanout_payload_buf: CELLS %0d not a power of two >= 64", CELLS))
  end

  // ---------------------------------------------------------------- header registers
  reg [63:0] hdr_q [0:SLOTS-1];            // header of each slot

  always @(posedge clk_i) begin
    if (hdr_we_i) hdr_q[hdr_slot_i] <= wr_data_i;
  end

  assign lkp_hdr_o = hdr_q[lkp_slot_i];
  assign rep_hdr_o = hdr_q[rep_slot_i];

  // cells of a packet of len flits: len / 8 + 1
  genvar g;
  generate
    for (g = 0; g < SLOTS; g = g + 1) begin : g_ncells
      assign ncells_o[g*6 +: 6] = {1'b0, hdr_q[g][31:27]} + 6'd1;
    end
  endgenerate

  // ---------------------------------------------------------------- writes
  wire [7:0]    pl_f    = wr_word_i + 8'd1;                    // payload flit's index in the packet
  wire [2:0]    fl_pos  = hdr_we_i ? 3'd0 : pl_f[2:0];         // the flit's position in its cell
  wire          fl_last = wr_data_i[31:24] == 8'd0;            // a header: its packet's only flit

  reg             hc_q;                    // a 1-flit packet's header was taken last cycle
  reg  [SW-1:0]   hc_slot_q;               // its slot
  // the cell completed this cycle: the 1-flit packet's (hc_q) or a payload flit's
  wire          pdone   = wr_en_i && (pl_f[2:0] == 3'd7 || wr_last_i);
  wire          cdone   = hc_q || pdone;
  wire [SW-1:0] cslot   = hc_q ? hc_slot_q : wr_slot_i;        // its slot
  wire [4:0]    ck      = hc_q ? 5'd0 : pl_f[7:3];             // its index in the packet
  wire          wbank   = cslot[0] ^ ck[0];                    // its bank

  reg  [64*7-1:0] asm_q;                   // positions 0..6 of the cell being assembled
  // (* mem2reg *): a two-entry array per bank is two registers, not a memory (Yosys)
  (* mem2reg *) reg  [CB-1:0]   free_q [0:1];            // per bank: cell c is free
  // The cell tags: flip-flops beside their comparators (a content-addressed match, not an
  // SRAM), in one vector, so that the reads' matches and the release compare its slices
  // directly: read through a vector assembled from an array's words, Verilator's model
  // rebuilt that vector every cycle, a concatenation per word copying all the words before
  // it (and a simulator's @* over an array is sensitive to every word).
  reg  [2*CB*(SW+4)-1:0] tag_q;            // cell c of bank b: {slot, k/2} of its cell k, at (b*CB+c)*(SW+4)
  reg  [6*SLOTS-1:0] wcnt_q;               // slot s: cells completely written, at s*6
  reg  [SLOTS-1:0] wdone_q;                // slot s: every flit written
  (* mem2reg *) reg  [CVW-1:0]  cavail_q [0:1];          // per bank: cells neither in use nor reserved

  /* verilator lint_off UNUSEDSIGNAL */
  wire [CB-1:0]  wfirst;                   // the lowest free cell of the bank, one-hot
  wire           wany;                     // the bank has a free cell (the assertion below)
  /* verilator lint_on UNUSEDSIGNAL */
  wire [CAW-1:0] wcell;                    // its index: the cell the completed word takes
  fanout_first_one #(.N(CB)) u_wcell (.x_i(free_q[wbank]), .oh_o(wfirst), .idx_o(wcell), .any_o(wany));

  // The completed cell's word: the assembly register with the payload flit in its place
  // (a 1-flit packet's header is in position 0 of the register since its cycle).
  reg [511:0] word;
  integer wi;
  always @* begin
    for (wi = 0; wi < 7; wi = wi + 1)
      word[wi*64 +: 64] = (pdone && fl_pos == wi[2:0]) ? wr_data_i : asm_q[wi*64 +: 64];
    word[7*64 +: 64] = wr_data_i;
  end

  wire fl_v = hdr_we_i || wr_en_i;         // a flit is written
  always @(posedge clk_i) begin
    if (fl_v && fl_pos != 3'd7) asm_q[fl_pos*64 +: 64] <= wr_data_i;
  end

  // written through a decoder of the cell index (a part-select at a variable offset is a
  // barrel shifter across the whole vector in synthesis; docs/benchmarks.md, "Synthesis")
  integer tc;
  always @(posedge clk_i) begin
    if (cdone)
      for (tc = 0; tc < 2*CB; tc = tc + 1)
        if ({{(31-CAW){1'b0}}, wbank, wcell} == tc) tag_q[tc*(SW+4) +: SW+4] <= {cslot, ck[4:1]};
  end

  // the release frees every cell in use (not free) whose tag names the released slot. One
  // block reading the released slot once: as a generate block of compares, Verilator put
  // the expression behind rel_slot_i (the replicator's encoder) into each cell's compare,
  // in code it writes once per instance (23 MB at 32 ports, 40 MB in the SystemC model at 8
  // ports).
  wire [2*CB-1:0] used = ~{free_q[1], free_q[0]};  // cell c of bank b in use, at b*CB+c
  reg  [2*CB-1:0] rel_free;                // cell c of bank b, at b*CB+c: freed by the release
  reg  [SW-1:0]   rel_s;                   // the released slot
  integer fc;
  always @* begin
    rel_s    = rel_slot_i;
    rel_free = {2*CB{1'b0}};
    fc       = 0;                          // (assigned on every path: no latch)
    if (rel_i)                             // the same logic; the simulator skips the loop
      for (fc = 0; fc < 2*CB; fc = fc + 1)
        rel_free[fc] = used[fc] && tag_q[fc*(SW+4) + 4 +: SW] == rel_s;   // the tag's slot
  end

  // Per bank, the cells of each slot's packet there, transposed (bit k of slot s's count at
  // k*SLOTS+s), so that the release's counts are selected by its one-hot slot, an AND and
  // an OR tree per bit, not by decoding rel_slot_i into a mux and then splitting the count
  // (logic depth: the release is decided late in the cycle, in the replicator). Registered
  // when the header is written (the cells it reserves there, take_n): made from the headers
  // every cycle instead, it was 4,096 count splits per port-cycle and 45 MB of Verilated
  // C++ at 32 ports.
  reg [2*6*SLOTS-1:0] relc_q;              // bank b's count bit k of slot s at (b*6+k)*SLOTS+s
  // (No Verilog functions in this module: Verilator names each call's variables per
  // instance, and the code around a call became a copy per instance; docs/rtl.md.)
  reg [11:0] rel_c;                        // bank b's count of the release at b*6
  integer rck;
  always @* begin
    for (rck = 0; rck < 12; rck = rck + 1) rel_c[rck] = |(rel_oh_i & relc_q[rck*SLOTS +: SLOTS]);
  end
  wire [5:0] hdr_n = {1'b0, wr_data_i[31:27]} + 6'd1;   // cells of the header's packet
  wire [CVW-1:0] take_n [0:1];             // per bank: cells the header reserves
  wire [CVW-1:0] rel_nb [0:1];             // per bank: cells the release frees
  generate
    for (g = 0; g < 2; g = g + 1) begin : g_cnt
      // of the header's n cells, those in bank g: cell k of slot s is in bank (s + k) mod 2,
      // so bank g has n / 2, and one more when n is odd and the slot's parity is g
      assign take_n[g] = hdr_we_i ? {{(CVW-6){1'b0}}, {1'b0, hdr_n[5:1]} + {5'd0, hdr_n[0] && hdr_slot_i[0] == (g != 0)}}
                                  : {CVW{1'b0}};
      assign rel_nb[g] = {{(CVW-6){1'b0}}, rel_c[g*6 +: 6]};   // 0 without a release
    end
  endgenerate

  integer rb, rk;
  always @(posedge clk_i) begin
    if (hdr_we_i) begin
      for (rb = 0; rb < 2; rb = rb + 1)
        for (rk = 0; rk < 6; rk = rk + 1) relc_q[(rb*6 + rk)*SLOTS + {{(32-SW){1'b0}}, hdr_slot_i}] <= take_n[rb][rk];
    end
  end

  integer b;
  always @(posedge clk_i) begin
    if (rst_i) begin
      for (b = 0; b < 2; b = b + 1) begin
        free_q[b]   <= {CB{1'b1}};
        cavail_q[b] <= CB[CVW-1:0];
      end
      hc_q      <= 1'b0;
      hc_slot_q <= {SW{1'b0}};
    end else begin
      for (b = 0; b < 2; b = b + 1) begin
        free_q[b] <= (free_q[b] | rel_free[b*CB +: CB]) &
                     ~((cdone && wbank == b[0]) ? ({{(CB-1){1'b0}}, 1'b1} << wcell) : {CB{1'b0}});
        cavail_q[b] <= cavail_q[b] - take_n[b] + rel_nb[b];
      end
      hc_q      <= hdr_we_i && fl_last;
      hc_slot_q <= hdr_slot_i;
    end
  end

  // Per slot: a header clears its counts; the completed cell counts in its slot (in one
  // cycle a header and the last cycle's 1-flit packet are two different slots). One block
  // with a loop, each slot's count incremented in place (no read mux before the adder),
  // and skipped by the simulator in a cycle with neither a header nor a completed cell
  // (most cycles of most ports), where one clocked block per slot ran every cycle.
  reg [6*SLOTS-1:0] wcnt_d;                // next wcnt_q
  reg [SLOTS-1:0]   wdone_d;               // next wdone_q
  integer ws;
  always @* begin
    wcnt_d  = wcnt_q;
    wdone_d = wdone_q;
    ws      = 0;                           // (assigned on every path: no latch)
    if (hdr_we_i || cdone) begin
      for (ws = 0; ws < SLOTS; ws = ws + 1) begin
        if (hdr_we_i && {{(32-SW){1'b0}}, hdr_slot_i} == ws) begin
          wcnt_d[ws*6 +: 6] = 6'd0;
          wdone_d[ws]       = 1'b0;
        end else if (cdone && {{(32-SW){1'b0}}, cslot} == ws) begin
          wcnt_d[ws*6 +: 6] = wcnt_q[ws*6 +: 6] + 6'd1;
          wdone_d[ws]       = hc_q || wr_last_i;
        end
      end
    end
  end
  always @(posedge clk_i) begin
    if (rst_i) begin
      wcnt_q  <= {6*SLOTS{1'b0}};
      wdone_q <= {SLOTS{1'b0}};
    end else begin
      wcnt_q  <= wcnt_d;
      wdone_q <= wdone_d;
    end
  end

  assign cavail_o = {cavail_q[1], cavail_q[0]};
  assign wdone_o  = wdone_q;
  assign wcnt_o   = wcnt_q;

  // ---------------------------------------------------------------- copies, banks, reads
  genvar r, bb;
  generate
    for (r = 0; r < COPIES; r = r + 1) begin : g_copy
      localparam NE  = (NPORTS - 16*r) < 16 ? (NPORTS - 16*r) : 16;  // egresses of the copy
      localparam EIW = NE > 1 ? $clog2(NE) : 1;                      // their index width
      for (bb = 0; bb < 2; bb = bb + 1) begin : g_bank
        wire [NE-1:0]  req;                // egress 16r+i asks bank bb of this port
        wire [NE-1:0]  gnt;                // the one the arbiter picks, one-hot
        reg  [NE-1:0]  srv;                // those the word read serves: every asker of
                                           // the winner's (slot, cell)
        // ask j names the same (slot, cell) as ask i, at i*NE+j: compared beside the
        // arbiter, not after it, so that srv is the one-hot grant through an AND-OR (logic
        // depth; comparing every ask with the winner's, selected by its index, took the
        // index's encode, a mux and the compare after the grant)
        reg  [NE*NE-1:0] same;
        wire [EIW-1:0] widx;               // its index in the copy
        wire           any;                // someone is granted
        localparam AI0 = 16*r*2 + bb;      // index of the copy's first egress's ask
        wire [SW-1:0] rslot = ask_slot_i[(AI0 + 2*widx)*SW +: SW];  // the winner's slot
        wire [3:0]    rpair = ask_cell_i[(AI0 + 2*widx)*5 + 1 +: 4];  // and its cell k's k / 2
        wire [SW+3:0] rtag  = {rslot, rpair};  // the tag of that cell: {slot, k / 2}
        // the cell of the bank in use with that tag (one, as the ask waited for wcnt > k)
        // (zero when nobody is granted: the read is not made then, and the simulator skips
        // the CB compares of an idle bank; c202cc8's message has what that saved)
        reg  [CB-1:0] rhit;
        wire [CAW-1:0] raddr;              // its index: the word read
        integer c;
        always @* begin
          rhit = {CB{1'b0}};
          c    = 0;                        // (assigned on every path: no latch)
          if (any)
            for (c = 0; c < CB; c = c + 1)
              if (used[bb*CB + c])         // (a free cell's tag is not compared: the same logic)
                rhit[c] = tag_q[(bb*CB + c)*(SW+4) +: SW+4] == rtag;
        end
        fanout_onehot_enc #(.N(CB)) u_raddr (.oh_i(rhit), .idx_o(raddr));
`ifdef FANOUT_ASSERT_ON
        always @(posedge clk_i) begin
          if (!rst_i && any) begin         // (an if, not a ||: see the replicator's)
            `FO_ASSERT("cell_tag", rhit != {CB{1'b0}} && (rhit & (rhit - 1'b1)) == {CB{1'b0}},
                       ("copy %0d bank %0d: slot %0d cell %0d or %0d matches cells 0x%h", r, bb, rslot, 2*rpair, 2*rpair+1, rhit))
          end
        end
`endif
        // each pair compared once (j > i) and written to both (i, j) and (j, i); one
        // block, so that the matrix is one variable for Verilator (a wire per pair is
        // traced per instance). An entry off the diagonal is 1 only when both egresses
        // ask: srv reads row i only when ask i is made and only at the granted (asking)
        // column, so the AND changes nothing but lets the simulator skip the compares of
        // a bank that at most one egress asks (most banks, most cycles; ad186a7's message
        // has what that saved).
        integer si, sj;
        always @* begin
          same = {NE*NE{1'b0}};
          sj   = 0;                        // (assigned on every path: no latch)
          for (si = 0; si < NE; si = si + 1) begin
            same[si*NE + si] = 1'b1;
            if (req[si])
              for (sj = si + 1; sj < NE; sj = sj + 1)
                if (req[sj] && ask_slot_i[((16*r + si)*2 + bb)*SW +: SW]
                                 == ask_slot_i[((16*r + sj)*2 + bb)*SW +: SW]
                            && ask_cell_i[((16*r + si)*2 + bb)*5 +: 5]
                                 == ask_cell_i[((16*r + sj)*2 + bb)*5 +: 5]) begin
                  same[si*NE + sj] = 1'b1;
                  same[sj*NE + si] = 1'b1;
                end
          end
        end
        integer vi;
        always @* begin
          srv = {NE{1'b0}};
          vi  = 0;                         // (assigned on every path: no latch)
          if (any)                         // the same logic (no grant: gnt is 0)
            for (vi = 0; vi < NE; vi = vi + 1)
              srv[vi] = req[vi] && (gnt & same[vi*NE +: NE]) != {NE{1'b0}};
        end
        genvar i;
        for (i = 0; i < NE; i = i + 1) begin : g_req
          localparam AI = (16*r + i)*2 + bb;   // the ask's index
          // (compared here, in code the ports share, not by the switch once per port)
          assign req[i] = ask_valid_i[AI] && ask_port_i[AI*PW +: PW] == port_i;
          assign gnt_o[AI] = srv[i];
        end
        if (NE > 1) begin : g_arb
          fanout_rr_arbiter #(.N(NE)) u_arb (
            .clk_i (clk_i),
            .rst_i (rst_i),
            .req_i (req),
            .adv_i (1'b1),
            .gnt_o (gnt),
            .idx_o (widx),
            .any_o (any)
          );
        end else begin : g_one
          assign gnt  = req;
          assign widx = 1'b0;
          assign any  = req[0];
        end
        fanout_sram #(.DEPTH(CB), .WIDTH(512), .AW(CAW)) u_sram (
          .clk_i   (clk_i),
          .we_i    (cdone && wbank == bb),
          .waddr_i (wcell),
          .wdata_i (word),
          .re_i    (any),
          .raddr_i (raddr),
          .rdata_o (rd_data_o[(r*2 + bb)*512 +: 512])
        );
      end
    end
  endgenerate

`ifdef FANOUT_ASSERT_ON
  always @(posedge clk_i) begin
    if (!rst_i) begin
      `FO_ASSERT("cell_overflow", cavail_q[0] >= take_n[0] && cavail_q[1] >= take_n[1],
                 ("slot %0d: cells reserved beyond those free", hdr_slot_i))
      `FO_ASSERT("cell_overflow", !cdone || wany,
                 ("slot %0d cell %0d: no free cell in bank %0d", cslot, ck, wbank))
      `FO_ASSERT("buf_write_conflict", !(hdr_we_i && wr_en_i),
                 ("header and payload written in one cycle"))
      `FO_ASSERT("buf_write_conflict", !(hc_q && pdone),
                 ("slot %0d: a payload cell completes beside the 1-flit packet of slot %0d", wr_slot_i, hc_slot_q))
      if (rel_i)
        `FO_ASSERT("cell_release", $countones(rel_free[0 +: CB]) == rel_nb[0] && $countones(rel_free[CB +: CB]) == rel_nb[1],
                   ("slot %0d: %0d and %0d cells in use, %0d and %0d to free", rel_slot_i,
                    $countones(rel_free[0 +: CB]), $countones(rel_free[CB +: CB]), rel_nb[0], rel_nb[1]))
    end
  end
`endif

endmodule

`resetall
