// fanout_egress_queue -- stage 4: egress port e: one FIFO of slot numbers per ingress port
// (queue (e, p)), the reader that asks for a packet's cells from its ingress port's buffer
// copy (one read per bank outstanding), 6 staging cells, and the output register that
// streams each copy out, one flit per cycle, whole packets, back to back.
//
// Each cycle (all from the state at the start of the cycle, in the model's order,
// model/egress_queue.c):
//   output: the register loads when empty or its flit leaves (load = !out_valid ||
//     out_ready). A packet being sent loads its next flit (position f mod 8 of the head
//     staging cell, which is popped after position 7 or the packet's last flit); else a
//     packet starts (its header, src replaced by the ingress port) when the head cell is
//     its cell 0, FULL, and the packet has one cell or the next cell is FULL too; else the
//     register empties.
//   reads: the asks of the start of the cycle request the buffers (ask_*_o); the payload
//     buffer of the ask's port grants at most one egress of this copy per bank (gnt_i).
//     A granted cell's staging entry becomes READ; its word (rd_data_i, selected by
//     rd_port_o) is written the next cycle, when the entry becomes FULL. The copy's reads
//     are done when its last cell and the one before are both granted: the grant that
//     comes second clears the slot's pending bit (clr_*_o, one port per bank).
//   reader: asks for up to two cells of its packet, in order, one per bank, each when
//     that bank's ask register is free (or granted this cycle), the cell is written
//     (wcnt_i > k, start of cycle) and staging has room (free entries at the start of the
//     cycle less those asked for); when every cell is asked for, the reader is free, and a
//     free reader takes the next queue entry, round-robin among the non-empty queues.
// A flit the output needs that is not staged is the model's fault "egress_underrun".

`resetall
`timescale 1ns / 1ps
`default_nettype none

`include "fanout_assert.vh"

module fanout_egress_queue #(
  parameter NPORTS = 32,                    // ports
  parameter SLOTS  = 16,                    // slots per ingress port (queue depth)
  parameter SW     = $clog2(SLOTS),         // slot number width
  parameter PW     = $clog2(NPORTS)         // port number width
) (
  input  wire                 clk_i,
  input  wire                 rst_i,
  // pushes from the replicators' delay lines
  input  wire [NPORTS-1:0]    push_i,       // replicator p pushes onto queue (e, p)
  input  wire [NPORTS*SW-1:0] push_slot_i,  // the slot
  // read requests, per bank b (to the payload buffers of the copy of this egress)
  output wire [1:0]           ask_valid_o,  // a cell in bank b is asked for
  output wire [2*PW-1:0]      ask_port_o,   // from the buffer of this ingress port
  output wire [2*SW-1:0]      ask_slot_o,   // slot
  output wire [2*5-1:0]       ask_cell_o,   // cell index in the packet
  input  wire [1:0]           gnt_i,        // the ask on bank b is granted this cycle
  output wire [2*PW-1:0]      rd_port_o,    // bank b: port of the read granted last cycle
  input  wire [2*512-1:0]     rd_data_i,    // bank b: the word it read
  // slot state of the reader's packet and of the queue head taken
  output wire [PW-1:0]        rdr_port_o,   // the reader's ingress port
  output wire [SW-1:0]        rdr_slot_o,   // and slot
  input  wire [5:0]           wcnt_i,       // cells of (rdr_port_o, rdr_slot_o) written
  output wire [PW-1:0]        pop_port_o,   // the queue chosen if the reader takes an entry
  output wire [SW-1:0]        pop_slot_o,   // its head slot
  input  wire [5:0]           ncells_i,     // cells of (pop_port_o, pop_slot_o)
  // pending-bit clears, per bank
  output wire [1:0]           clr_valid_o,  // the copy's reads are done
  output wire [2*PW-1:0]      clr_port_o,   // its ingress port
  output wire [2*SW-1:0]      clr_slot_o,   // its slot
  // egress flits
  output reg                  out_valid_o,  // a flit is offered
  output reg  [63:0]          out_data_o,   // the flit
  input  wire                 out_ready_i,  // the receiver takes it
  output wire                 idle_o,       // nothing queued, read, staged or out
  output wire                 q_full_o,     // some queue (e, p) is full (coverage)
  output wire                 held_end_o,   // the reader is done with its packet (coverage)
  output wire [PW-1:0]        held_port_o,  // of this ingress port
  output wire                 stg_full_o    // every staging entry is taken (coverage)
);

  // Keep this module a C++ class of its own in the Verilated model, shared by all NPORTS
  // instances (same parameters), instead of NPORTS flattened copies in the top: flattened,
  // the model is tens of MB of C++ and takes very long to compile.
  /*verilator no_inline_module*/

  localparam NST = 6;                       // staging entries
  localparam [1:0] ASKED = 2'd0, READ = 2'd1, FULL = 2'd2;

  // ---------------------------------------------------------------- state
  reg          rv_q;                        // the reader holds a packet
  reg [PW-1:0] rp_q;                        // its ingress port
  reg [SW-1:0] rs_q;                        // its slot
  reg [5:0]    rk_q;                        // next cell to ask for
  reg [5:0]    rn_q;                        // cells of the packet
  reg [1:0]    av_q;                        // bank b: an ask is outstanding
  // (* mem2reg *): a two-entry array per bank is two registers, not a memory (Yosys)
  (* mem2reg *) reg [PW-1:0] ap_q   [0:1];                // its port
  (* mem2reg *) reg [SW-1:0] as_q   [0:1];                // its slot
  (* mem2reg *) reg [4:0]    ak_q   [0:1];                // its cell
  (* mem2reg *) reg [2:0]    apos_q [0:1];                // its staging entry
  reg [1:0]    afin_q;                      // granting it completes the copy's reads
  reg [1:0]    rdv_q;                       // bank b: a read was granted last cycle
  (* mem2reg *) reg [2:0]    rdpos_q [0:1];               // its staging entry
  (* mem2reg *) reg [PW-1:0] rdp_q   [0:1];               // its port
  reg [1:0]    st_q    [0:NST-1];           // staging entry state: ASKED, READ, FULL
  reg [4:0]    stk_q   [0:NST-1];           // its cell index in the packet
  reg [NST-1:0] stl_q;                      // it is the packet's last cell
  reg [PW-1:0] stp_q   [0:NST-1];           // its ingress port
  reg [511:0]  stw_q   [0:NST-1];           // its word (valid when FULL)
  reg [2:0]    sh_q;                        // staging ring: head entry
  reg [2:0]    sc_q;                        // entries in use
  reg          active_q;                    // a packet is being sent (header out)
  reg [7:0]    clen_q;                      // its len
  reg [7:0]    cidx_q;                      // its flits loaded so far, minus one

  // ---------------------------------------------------------------- queues
  wire [NPORTS-1:0]    q_empty;             // queue (e, p) is empty
  wire [NPORTS-1:0]    q_full;              // queue (e, p) is full
  /* verilator lint_off UNUSEDSIGNAL */
  wire [NPORTS-1:0]    q_one;               // queue (e, p) holds one entry (unused here)
  /* verilator lint_on UNUSEDSIGNAL */
  wire [NPORTS*SW-1:0] q_head;              // its head slot
  wire [NPORTS-1:0]    sel_gnt;             // one-hot choice among the non-empty queues
  wire [PW-1:0]        sel_port;            // the chosen ingress port
  wire                 sel_any;             // some queue is non-empty
  wire                 take;                // the reader takes the chosen queue's head

  fanout_rr_arbiter #(.N(NPORTS)) u_arb (
    .clk_i (clk_i),
    .rst_i (rst_i),
    .req_i (~q_empty),
    .adv_i (take),
    .gnt_o (sel_gnt),
    .idx_o (sel_port),
    .any_o (sel_any)
  );

  wire [NPORTS-1:0] pop = take ? sel_gnt : {NPORTS{1'b0}};  // pop queue (e, p)

  genvar p;
  generate
    for (p = 0; p < NPORTS; p = p + 1) begin : g_q
      fanout_sync_fifo #(.DEPTH(SLOTS), .WIDTH(SW)) u_fifo (
        .clk_i   (clk_i),
        .rst_i   (rst_i),
        .push_i  (push_i[p]),
        .din_i   (push_slot_i[p*SW +: SW]),
        .pop_i   (pop[p]),
        .head_o  (q_head[p*SW +: SW]),
        .empty_o (q_empty[p]),
        .one_o   (q_one[p]),
        .full_o  (q_full[p])
      );
    end
  endgenerate

  assign q_full_o   = |q_full;
  assign stg_full_o = ({29'd0, sc_q} == NST);
  assign pop_port_o = sel_port;
  assign pop_slot_o = q_head[sel_port*SW +: SW];

  // ---------------------------------------------------------------- output
  // (x + 1 mod 6 written out where needed: no Verilog functions in this module, as Verilator
  // names each call's variables per instance and the code around a call became a copy per
  // instance; docs/rtl.md)

  wire         load      = !out_valid_o || out_ready_i;
  wire [511:0] hw        = stw_q[sh_q];     // the head entry's word
  wire [2:0]   sh1       = (sh_q == 3'd5) ? 3'd0 : sh_q + 3'd1;   // the entry after it
  wire         head_full = (sc_q != 3'd0) && (st_q[sh_q] == FULL);
  wire [7:0]   f         = cidx_q + 8'd1;   // index of the next flit of the packet
  wire [63:0]  flit      = hw[f[2:0]*64 +: 64];
  wire [7:0]   hlen      = hw[31:24];       // len of the header at the head
  wire         may_start = head_full && (stk_q[sh_q] == 5'd0) &&
                           (stl_q[sh_q] || (sc_q > 3'd1 && st_q[sh1] == FULL));
  wire         o_pop     = load && (active_q ? (f == clen_q || f[2:0] == 3'd7)
                                             : (may_start && hlen == 8'd0));

  // the header with src replaced by the ingress port
  wire [5:0] src6;                          // ingress port as the 6-bit src field
  generate
    if (PW < 6) begin : g_src_ext
      assign src6 = {{(6-PW){1'b0}}, stp_q[sh_q]};
    end else begin : g_src
      assign src6 = stp_q[sh_q];
    end
  endgenerate

  always @(posedge clk_i) begin
    if (rst_i) begin
      out_valid_o <= 1'b0;
      out_data_o  <= 64'd0;
      active_q    <= 1'b0;
      clen_q      <= 8'd0;
      cidx_q      <= 8'd0;
    end else if (load) begin
      if (active_q) begin
        out_data_o <= flit;
        cidx_q     <= f;
        if (f == clen_q) active_q <= 1'b0;
      end else if (may_start) begin
        out_valid_o <= 1'b1;
        out_data_o  <= {hw[63:61], src6, hw[54:0]};
        clen_q      <= hlen;
        cidx_q      <= 8'd0;
        active_q    <= (hlen != 8'd0);
      end else begin
        out_valid_o <= 1'b0;
      end
    end
  end

  // the staging ring after the output's pop
  wire [2:0] sh_a = o_pop ? sh1 : sh_q;     // head
  wire [2:0] sc_a = sc_q - {2'd0, o_pop};   // entries

  // ---------------------------------------------------------------- grants
  wire [1:0] g     = gnt_i & av_q;          // granted asks
  wire       same  = av_q[0] && av_q[1] && ap_q[0] == ap_q[1] && as_q[0] == as_q[1];
  wire       rel0  = g[0] && afin_q[0] && !same;           // bank 0's grant ends the copy
  wire       fin1  = afin_q[1] || (g[0] && afin_q[0] && same);  // bank 1's ask ends it
  wire       x10   = g[1] && fin1 && av_q[0] && !g[0] && same;  // ... but bank 0 is behind
  wire       rel1  = g[1] && fin1 && !x10;                 // bank 1's grant ends the copy
  wire [1:0] av_a  = av_q & ~g;             // asks outstanding after the grants
  wire [1:0] fin_a = {fin1, afin_q[0] || x10};  // their fin flags

  assign clr_valid_o = {rel1, rel0};
  assign clr_port_o  = {ap_q[1], ap_q[0]};
  assign clr_slot_o  = {as_q[1], as_q[0]};

  // ---------------------------------------------------------------- reader asks
  wire       b1  = rs_q[0] ^ rk_q[0];       // bank of cell rk
  wire [5:0] rk1 = rk_q + 6'd1;             // the cell after it
  wire [5:0] rk2 = rk_q + 6'd2;
  // What does not wait for this cycle's grants first, then the grants (av_a) last: the
  // grants come from the buffers' arbiters late in the cycle (logic depth).
  wire       ok1 = rv_q && (sc_q < 3'd6) && (wcnt_i > rk_q);                  // rk may be asked
  wire       ok2 = ok1 && (rk1 < rn_q) && (sc_q < 3'd5) && (wcnt_i > rk1);    // and rk+1
  wire       c1  = ok1 && !av_a[b1];                                           // ask rk
  wire       c2  = ok2 && !av_a[b1] && !av_a[!b1];                             // and rk+1
  wire [3:0] pos1w = {1'b0, sh_a} + {1'b0, sc_a};
  wire [2:0] pos1  = (pos1w >= 4'd6) ? pos1w[2:0] - 3'd6 : pos1w[2:0];  // staging entry of rk
  wire [2:0] pos2  = (pos1 == 3'd5) ? 3'd0 : pos1 + 3'd1;   // of rk+1
  wire [5:0] rk_n  = rk_q + {5'd0, c1} + {5'd0, c2};
  // the reader still holds its packet (rk_n != rn_q, each case compared beside the grants)
  wire       rv_a  = rv_q && (c2 ? (rk2 != rn_q) : c1 ? (rk1 != rn_q) : (rk_q != rn_q));
  assign take = !rv_a && sel_any;

  assign held_end_o  = rv_q && !rv_a;
  assign held_port_o = rp_q;

  integer b, i;
  always @(posedge clk_i) begin
    if (rst_i) begin
      rv_q   <= 1'b0;
      rp_q   <= {PW{1'b0}};
      rs_q   <= {SW{1'b0}};
      rk_q   <= 6'd0;
      rn_q   <= 6'd0;
      av_q   <= 2'b00;
      afin_q <= 2'b00;
      rdv_q  <= 2'b00;
      sh_q   <= 3'd0;
      sc_q   <= 3'd0;
      for (b = 0; b < 2; b = b + 1) begin
        ap_q[b]    <= {PW{1'b0}};
        as_q[b]    <= {SW{1'b0}};
        ak_q[b]    <= 5'd0;
        apos_q[b]  <= 3'd0;
        rdpos_q[b] <= 3'd0;
        rdp_q[b]   <= {PW{1'b0}};
      end
      for (i = 0; i < NST; i = i + 1) begin
        st_q[i]  <= ASKED;
        stk_q[i] <= 5'd0;
        stp_q[i] <= {PW{1'b0}};
      end
      stl_q <= {NST{1'b0}};
    end else begin
      // reads granted: their words arrive next cycle
      rdv_q <= g;
      for (b = 0; b < 2; b = b + 1) begin
        rdpos_q[b] <= apos_q[b];
        rdp_q[b]   <= ap_q[b];
      end
      // staging states: READ -> FULL, granted -> READ, new asks -> ASKED
      for (i = 0; i < NST; i = i + 1) begin
        if (st_q[i] == READ) st_q[i] <= FULL;
        for (b = 0; b < 2; b = b + 1)
          if (g[b] && apos_q[b] == i[2:0]) st_q[i] <= READ;
      end
      if (c1) begin
        st_q[pos1]  <= ASKED;
        stk_q[pos1] <= rk_q[4:0];
        stl_q[pos1] <= (rk1 == rn_q);
        stp_q[pos1] <= rp_q;
      end
      if (c2) begin
        st_q[pos2]  <= ASKED;
        stk_q[pos2] <= rk1[4:0];
        stl_q[pos2] <= (rk2 == rn_q);
        stp_q[pos2] <= rp_q;
      end
      sh_q <= sh_a;
      sc_q <= sc_a + {2'd0, c1} + {2'd0, c2};
      // ask registers
      for (b = 0; b < 2; b = b + 1) begin
        if (c1 && b1 == b[0]) begin
          av_q[b]   <= 1'b1;
          ap_q[b]   <= rp_q;
          as_q[b]   <= rs_q;
          ak_q[b]   <= rk_q[4:0];
          apos_q[b] <= pos1;
          afin_q[b] <= (rk1 == rn_q);
        end else if (c2 && b1 != b[0]) begin
          av_q[b]   <= 1'b1;
          ap_q[b]   <= rp_q;
          as_q[b]   <= rs_q;
          ak_q[b]   <= rk1[4:0];
          apos_q[b] <= pos2;
          afin_q[b] <= (rk2 == rn_q);
        end else begin
          av_q[b]   <= av_a[b];
          afin_q[b] <= fin_a[b];
        end
      end
      // the reader
      if (take) begin
        rv_q <= 1'b1;
        rp_q <= sel_port;
        rs_q <= q_head[sel_port*SW +: SW];
        rk_q <= 6'd0;
        rn_q <= ncells_i;
      end else begin
        rv_q <= rv_a;
        rk_q <= rk_n;
      end
    end
  end

  // the words read arrive (no reset: valid only in FULL entries)
  always @(posedge clk_i) begin
    for (b = 0; b < 2; b = b + 1)
      if (rdv_q[b]) stw_q[rdpos_q[b]] <= rd_data_i[b*512 +: 512];
  end

  assign ask_valid_o = av_q;
  assign ask_port_o  = {ap_q[1], ap_q[0]};
  assign ask_slot_o  = {as_q[1], as_q[0]};
  assign ask_cell_o  = {ak_q[1], ak_q[0]};
  assign rd_port_o   = {rdp_q[1], rdp_q[0]};
  assign rdr_port_o  = rp_q;
  assign rdr_slot_o  = rs_q;

  assign idle_o = !rv_q && sc_q == 3'd0 && !out_valid_o && !active_q && av_q == 2'b00 && (&q_empty);

`ifdef FANOUT_ASSERT_ON
  always @(posedge clk_i) begin
    if (!rst_i) begin
      `FO_ASSERT("egress_underrun", !(load && active_q) || (head_full && stk_q[sh_q] == f[7:3]),
                 ("flit %0d of the packet from port %0d not staged", f, stp_q[sh_q]))
      `FO_ASSERT("stage_range", sc_q <= 3'd6 && sh_q < 3'd6, ("%0d cells staged", sc_q))
    end
  end
`endif

endmodule

`resetall
