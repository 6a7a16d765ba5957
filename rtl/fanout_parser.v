// fanout_parser -- ingress parser of one port (stage 1).
//
// Each cycle, by state:
//   IDLE  the offered flit is a header; it is judged combinationally (SPEC 4 order):
//         a drop is taken at once (prs_drop this cycle, then DROP for len flits);
//         a data packet (kinds 0, 1) is taken when the port has a free slot and, in each
//         buffer bank, as many free cells as the packet has there (in the lowest free
//         slot s, cell k is in bank (s + k) mod 2; len / 8 + 1 cells): the lowest free slot
//         is allocated, the header written to the buffer and the slot pushed into the
//         lookup FIFO, then DATA for len flits;
//         a config write/add/remove header is taken and CFG follows;
//         a config clear waits for the in-band grant and is issued when granted.
//   DATA  payload flit i is written to word i of the slot (always ready).
//   DROP  payload flits of a dropped packet are consumed (always ready).
//   CFG   the config payload flit: judged `port` (dropped at once) or it waits for the
//         in-band grant and is issued to the config engine when granted.
// A config op requests the grant only when every packet before it has its lookup issued
// by this cycle (lookup FIFO empty, or its one entry issuing now).

`resetall
`timescale 1ns / 1ps
`default_nettype none

`include "fanout_assert.vh"

module fanout_parser #(
  parameter NPORTS  = 32,                 // ports
  parameter NGROUPS = 65536,              // group table entries
  parameter SLOTS   = 16,                 // packet slots of this port
  parameter CVW     = 9,                  // width of a bank's free cell count
  parameter SW      = $clog2(SLOTS)       // slot number width
) (
  input  wire              clk_i,
  input  wire              rst_i,
  // ingress flits
  input  wire              in_valid_i,    // a flit is offered
  input  wire [63:0]       in_data_i,     // the flit
  output wire              in_ready_o,    // the flit is taken this cycle
  // slot state (from the replicator of this port, start of cycle)
  input  wire [SLOTS-1:0]  slot_free_i,   // slot s is free
  // payload buffer of this port (start of cycle)
  input  wire [2*CVW-1:0]  cavail_i,      // per bank: cells free and not reserved
  // lookup FIFO of this port
  input  wire              lkp_drained_i, // every earlier packet's lookup issues by this cycle
  output wire              alloc_o,       // a data header is taken: allocate and push
  output wire [SW-1:0]     alloc_slot_o,  // the allocated slot (lowest free)
  // payload buffer writes (header register on alloc_o, payload word on wr_en_o)
  output wire              wr_en_o,       // write payload word wr_word_o of slot wr_slot_o
  output wire [SW-1:0]     wr_slot_o,     // slot being filled
  output wire [7:0]        wr_word_o,     // payload flit index in the packet
  output wire              wr_last_o,     // it is the packet's last flit
  output wire [63:0]       wr_data_o,     // header or payload flit to write (= in_data_i)
  // in-band config requests
  output reg               cfg_req_o,     // the last flit of a config op is offered
  input  wire              cfg_grant_i,   // the config engine takes it this cycle
  output wire [1:0]        cfg_op_o,      // op (0 write, 1 add, 2 remove, 3 clear)
  output wire [15:0]       cfg_gid_o,     // group id
  output wire [63:0]       cfg_data_o,    // payload flit (bitmap or port; clear: unused)
  // drops
  output reg               drop_valid_o,  // a packet is dropped this cycle
  output reg  [2:0]        drop_reason_o, // 0 kind, 1 rsvd, 2 port, 3 group, 4 len
  output reg  [23:0]       drop_tag_o,    // its tag
  output wire              idle_o,        // waiting for a header
  output wire              wait_cells_o   // a data header waits for cells, a slot being free (coverage)
);

  // One C++ class of the Verilated model shared by all NPORTS instances (as the payload
  // buffer and the egress queue; rtl/fanout_verilator.vlt, docs/rtl.md "Verilator model size").
  /*verilator no_inline_module*/

  localparam [1:0] S_IDLE = 2'd0, S_DATA = 2'd1, S_DROP = 2'd2, S_CFG = 2'd3;

  localparam [2:0] R_KIND = 3'd0, R_RSVD = 3'd1, R_PORT = 3'd2, R_GROUP = 3'd3, R_LEN = 3'd4;

  localparam [31:0] NPORTS32  = NPORTS;   // NPORTS as a sized constant
  localparam [31:0] NGROUPS32 = NGROUPS;  // NGROUPS for 32-bit compares

  reg [1:0]    state_q;                   // IDLE, DATA, DROP or CFG
  reg [7:0]    cnt_q;                     // payload flits left (DATA, DROP)
  reg [SW-1:0] slot_q;                    // slot being filled (DATA)
  reg [7:0]    widx_q;                    // next payload word index (DATA)
  reg [1:0]    cop_q;                     // config op (CFG)
  reg [15:0]   cgid_q;                    // config group id (CFG)
  reg [23:0]   ctag_q;                    // config packet's tag (CFG)

  // ---- header fields of the offered flit ----
  wire [1:0]  h_kind = in_data_i[63:62];
  wire        h_xsrc = in_data_i[61];
  wire [2:0]  h_op   = in_data_i[54:52];
  wire [3:0]  h_rsvd = in_data_i[51:48];
  wire [15:0] h_dst  = in_data_i[47:32];
  wire [7:0]  h_len  = in_data_i[31:24];
  wire [23:0] h_tag  = in_data_i[23:0];

  wire dst_bad_port  = ({16'd0, h_dst} >= NPORTS32);
  wire dst_bad_group = ({16'd0, h_dst} >= NGROUPS32);

  // header judgement
  reg       hj_drop;                      // the header is dropped
  reg [2:0] hj_reason;                    // why
  reg       hj_fwd;                       // a data packet to forward
  reg       hj_cfg;                       // a config header (op 0..3, passes)
  always @* begin
    hj_drop   = 1'b0;
    hj_reason = R_KIND;
    hj_fwd    = 1'b0;
    hj_cfg    = 1'b0;
    case (h_kind)
      2'd0: begin
        if (h_rsvd != 4'd0 || h_op != 3'd0) begin hj_drop = 1'b1; hj_reason = R_RSVD; end
        else if (dst_bad_port)              begin hj_drop = 1'b1; hj_reason = R_PORT; end
        else                                      hj_fwd  = 1'b1;
      end
      2'd1: begin
        if (h_rsvd != 4'd0 || h_op != 3'd0) begin hj_drop = 1'b1; hj_reason = R_RSVD; end
        else if (dst_bad_group)             begin hj_drop = 1'b1; hj_reason = R_GROUP; end
        else                                      hj_fwd  = 1'b1;
      end
      2'd2: begin
        if (h_rsvd != 4'd0 || h_op[2] || h_xsrc) begin hj_drop = 1'b1; hj_reason = R_RSVD; end
        else if (dst_bad_group)                  begin hj_drop = 1'b1; hj_reason = R_GROUP; end
        else if ((h_op[1:0] == 2'd3) ? (h_len != 8'd0) : (h_len != 8'd1))
                                                 begin hj_drop = 1'b1; hj_reason = R_LEN; end
        else                                           hj_cfg  = 1'b1;
      end
      default: begin hj_drop = 1'b1; hj_reason = R_KIND; end
    endcase
  end

  wire hj_clear = hj_cfg && (h_op[1:0] == 2'd3);  // config clear: the header is the last flit

  // config payload judgement (CFG): a write's bitmap or an add/remove's port out of range
  wire pj_drop = (cop_q == 2'd0) ? ((in_data_i >> NPORTS) != 64'd0)
                                 : ((in_data_i[63:32] != 32'd0) || (in_data_i[31:0] >= NPORTS32));

  // lowest free slot
  /* verilator lint_off UNUSEDSIGNAL */
  wire [SLOTS-1:0] free_oh;               // the lowest free slot, one-hot (its index is used)
  /* verilator lint_on UNUSEDSIGNAL */
  wire             has_free;              // some slot is free
  fanout_first_one #(.N(SLOTS), .IW(SW)) u_free (.x_i(slot_free_i), .oh_o(free_oh), .idx_o(alloc_slot_o),
                                                 .any_o(has_free));

  // the packet's cells in each bank, and room for them: for an even and for an odd slot,
  // beside the slot pick, and the pick's parity chooses (not the pick, then the compare:
  // logic depth). Cell k of slot s is in bank (s + k) mod 2.
  wire [5:0] h_cells = {1'b0, h_len[7:3]} + 6'd1;                   // len / 8 + 1
  wire [5:0] h_even  = {1'b0, h_cells[5:1]} + {5'd0, h_cells[0]};   // ceil(cells / 2)
  wire [5:0] h_odd   = {1'b0, h_cells[5:1]};                        // floor(cells / 2)
  wire [CVW-1:0] cav0 = cavail_i[0 +: CVW];                         // bank 0's free cells
  wire [CVW-1:0] cav1 = cavail_i[CVW +: CVW];                       // bank 1's free cells
  // a bank's free cells >= n, as 32-bit compares (CVW may be below or above 6; written out,
  // not a function: Verilator names a call's variables per instance, docs/rtl.md)
  wire [31:0] cav0_w  = {{(32-CVW){1'b0}}, cav0};                   // bank 0's free cells, 32 bits
  wire [31:0] cav1_w  = {{(32-CVW){1'b0}}, cav1};                   // bank 1's
  wire [31:0] even_w  = {26'd0, h_even};                            // ceil(cells / 2), 32 bits
  wire [31:0] odd_w   = {26'd0, h_odd};                             // floor(cells / 2)
  wire       room_even = cav0_w >= even_w && cav1_w >= odd_w;       // slot even
  wire       room_odd  = cav0_w >= odd_w  && cav1_w >= even_w;      // slot odd
  wire       room      = alloc_slot_o[0] ? room_odd : room_even;

  // ready, requests and drops
  reg ready_ng;                           // ready without the in-band grant
  reg wait_grant;                         // the flit waits for the in-band grant instead
  always @* begin
    ready_ng      = 1'b0;
    wait_grant    = 1'b0;
    cfg_req_o     = 1'b0;
    drop_valid_o  = 1'b0;
    drop_reason_o = 3'd0;
    drop_tag_o    = 24'd0;
    case (state_q)
      S_IDLE: begin
        if (hj_drop) begin
          ready_ng      = 1'b1;
          drop_valid_o  = in_valid_i;
          drop_reason_o = in_valid_i ? hj_reason : 3'd0;
          drop_tag_o    = in_valid_i ? h_tag : 24'd0;
        end else if (hj_fwd) begin
          ready_ng   = has_free && room;
        end else if (hj_clear) begin
          cfg_req_o  = in_valid_i && lkp_drained_i;
          wait_grant = 1'b1;
        end else begin
          ready_ng   = 1'b1;              // config write/add/remove header
        end
      end
      S_CFG: begin
        if (pj_drop) begin
          ready_ng      = 1'b1;
          drop_valid_o  = in_valid_i;
          drop_reason_o = in_valid_i ? R_PORT : 3'd0;
          drop_tag_o    = in_valid_i ? ctag_q : 24'd0;
        end else begin
          cfg_req_o  = in_valid_i && lkp_drained_i;
          wait_grant = 1'b1;
        end
      end
      default: ready_ng = 1'b1;           // DATA, DROP
    endcase
  end

  // The in-band grant, which comes late in the cycle through the config engine's arbiters,
  // enters last: in in_ready_o, and in the state's next value (logic depth). A flit taken
  // by the grant is a config clear in IDLE (which changes no register) or a config payload
  // in CFG (which returns to IDLE).
  assign in_ready_o = ready_ng || (wait_grant && cfg_grant_i);
  wire take       = in_valid_i && ready_ng;                      // taken, not by a grant
  wire cfg_done   = in_valid_i && wait_grant && cfg_grant_i;     // taken by the grant

  // a data header is taken: written without in_ready_o, whose other cases wait for the
  // in-band grant (a path through the config engine's arbiters that cannot decide this)
  assign alloc_o    = in_valid_i && (state_q == S_IDLE) && hj_fwd && has_free && room;
  assign wr_en_o    = in_valid_i && (state_q == S_DATA);  // = take there: DATA is always ready
  assign wr_slot_o  = slot_q;
  assign wr_word_o  = widx_q;
  assign wr_last_o  = (cnt_q == 8'd1);
  assign wr_data_o  = in_data_i;
  assign cfg_op_o   = (state_q == S_CFG) ? cop_q  : h_op[1:0];
  assign cfg_gid_o  = (state_q == S_CFG) ? cgid_q : h_dst;
  assign cfg_data_o = in_data_i;
  assign idle_o     = (state_q == S_IDLE);
  assign wait_cells_o = in_valid_i && (state_q == S_IDLE) && !hj_drop && hj_fwd && has_free && !room;

  always @(posedge clk_i) begin
    if (rst_i) begin
      state_q <= S_IDLE;
      cnt_q   <= 8'd0;
      slot_q  <= {SW{1'b0}};
      widx_q  <= 8'd0;
      cop_q   <= 2'd0;
      cgid_q  <= 16'd0;
      ctag_q  <= 24'd0;
    end else if (take) begin
      case (state_q)
        S_IDLE: begin
          if (hj_drop) begin
            if (h_len != 8'd0) begin
              state_q <= S_DROP;
              cnt_q   <= h_len;
            end
          end else if (hj_fwd) begin
            slot_q <= alloc_slot_o;
            widx_q <= 8'd0;
            if (h_len != 8'd0) begin
              state_q <= S_DATA;
              cnt_q   <= h_len;
            end
          end else begin                  // a config write/add/remove header (a clear is
            state_q <= S_CFG;             // taken only by the grant, below)
            cop_q   <= h_op[1:0];
            cgid_q  <= h_dst;
            ctag_q  <= h_tag;
          end
        end
        S_DATA: begin
          widx_q <= widx_q + 8'd1;
          cnt_q  <= cnt_q - 8'd1;
          if (cnt_q == 8'd1) state_q <= S_IDLE;
        end
        S_DROP: begin
          cnt_q <= cnt_q - 8'd1;
          if (cnt_q == 8'd1) state_q <= S_IDLE;
        end
        default: state_q <= S_IDLE;       // CFG: the payload flit is dropped
      endcase
    end else if (cfg_done) begin
      state_q <= S_IDLE;                  // a granted config op: its last flit is taken
    end
  end

`ifdef FANOUT_ASSERT_ON
  always @(posedge clk_i) begin
    if (!rst_i) begin
      `FO_ASSERT("in_contract", state_q == S_IDLE || in_valid_i,
                 ("in_valid low inside a packet (state %0d)", state_q))
      `FO_ASSERT("slot_overflow", !alloc_o || slot_free_i[alloc_slot_o],
                 ("allocating slot %0d which is not free", alloc_slot_o))
    end
  end
`endif

endmodule

`resetall
