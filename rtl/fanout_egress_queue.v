// fanout_egress_queue -- stage 4: egress port PORT: one FIFO of slot numbers per ingress port
// (queue (PORT, p)), the output register and the packet being sent.
//
// Each cycle the output register loads when it is empty or its flit leaves
// (load = !out_valid || out_ready). On a load:
//   1. if the current packet has flits not yet loaded, its next payload word is read
//      from the slot into the output register;
//   2. else, if a queue is non-empty (start of cycle), one is chosen round-robin, its head
//      popped, and the slot's header loaded with src replaced by the ingress port;
//   3. else the output register empties.
// Loading a copy's last flit (the header when len is 0) clears bit PORT of the slot's
// pending bitmap (clr_*_o).

`resetall
`timescale 1ns / 1ps
`default_nettype none

module fanout_egress_queue #(
  parameter NPORTS = 32,                    // ports
  parameter SLOTS  = 16,                    // slots per ingress port (queue depth)
  parameter SW     = $clog2(SLOTS),         // slot number width
  parameter PW     = $clog2(NPORTS)         // port number width
) (
  input  wire                 clk_i,
  input  wire                 rst_i,
  // pushes from the replicators
  input  wire [NPORTS-1:0]    push_i,       // replicator p pushes onto queue (PORT, p)
  input  wire [NPORTS*SW-1:0] push_slot_i,  // the slot
  // payload buffer read (the answers of all buffers ORed together)
  output wire [PW-1:0]        rd_port_o,    // ingress port whose buffer is read
  output wire                 rd_hdr_o,     // 1: header register, 0: payload word
  output wire [SW-1:0]        rd_slot_o,    // slot
  output wire [7:0]           rd_word_o,    // payload word index
  input  wire [63:0]          rd_data_i,    // the word read
  // pending-bit clear
  output wire                 clr_valid_o,  // a copy's last flit is loaded this cycle
  output wire [PW-1:0]        clr_port_o,   // its ingress port
  output wire [SW-1:0]        clr_slot_o,   // its slot
  // egress flits
  output reg                  out_valid_o,  // a flit is offered
  output reg  [63:0]          out_data_o,   // the flit
  input  wire                 out_ready_i,  // the receiver takes it
  output wire                 idle_o,       // every queue and the output register are empty
  output wire                 q_full_o      // some queue (PORT, p) is full (coverage)
);

  // Keep this module a C++ class of its own in the Verilated model, shared by all NPORTS
  // instances (same parameters), instead of NPORTS flattened copies in the top: flattened,
  // the model is tens of MB of C++ and takes very long to compile.
  /*verilator no_inline_module*/

  reg [PW-1:0] cur_port_q;                  // ingress port of the packet being sent
  reg [SW-1:0] cur_slot_q;                  // its slot
  reg [7:0]    cur_rem_q;                   // its payload flits not yet loaded
  reg [7:0]    cur_idx_q;                   // index of its next payload flit

  wire [NPORTS-1:0]    q_empty;             // queue (PORT, p) is empty
  wire [NPORTS-1:0]    q_full;              // queue (PORT, p) is full
  /* verilator lint_off UNUSEDSIGNAL */
  wire [NPORTS-1:0]    q_one;               // queue (PORT, p) holds one entry (unused here)
  /* verilator lint_on UNUSEDSIGNAL */
  wire [NPORTS*SW-1:0] q_head;              // its head slot
  wire [NPORTS-1:0]    pop;                 // pop queue (PORT, p)

  wire [NPORTS-1:0] sel_gnt;                // one-hot choice among the non-empty queues
  wire [PW-1:0]     sel_port;               // the chosen ingress port
  wire              sel_any;                // some queue is non-empty

  wire load     = !out_valid_o || out_ready_i;
  wire have_cur = (cur_rem_q != 8'd0);
  wire do_data  = load && have_cur;         // case 1: next payload flit
  wire do_hdr   = load && !have_cur && sel_any;  // case 2: next packet's header

  fanout_rr_arbiter #(.N(NPORTS)) u_arb (
    .clk_i (clk_i),
    .rst_i (rst_i),
    .req_i (~q_empty),
    .adv_i (do_hdr),
    .gnt_o (sel_gnt),
    .idx_o (sel_port),
    .any_o (sel_any)
  );

  assign pop = do_hdr ? sel_gnt : {NPORTS{1'b0}};

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

  assign q_full_o = |q_full;

  assign rd_port_o = have_cur ? cur_port_q : sel_port;
  assign rd_hdr_o  = !have_cur;
  assign rd_slot_o = have_cur ? cur_slot_q : q_head[sel_port*SW +: SW];
  assign rd_word_o = cur_idx_q;

  wire [7:0] hdr_len = rd_data_i[31:24];    // len of the header being loaded

  assign clr_valid_o = (do_data && cur_rem_q == 8'd1) || (do_hdr && hdr_len == 8'd0);
  assign clr_port_o  = rd_port_o;
  assign clr_slot_o  = rd_slot_o;

  // the header with src replaced by the ingress port
  wire [5:0] src6;                          // ingress port as the 6-bit src field
  generate
    if (PW < 6) begin : g_src_ext
      assign src6 = {{(6-PW){1'b0}}, sel_port};
    end else begin : g_src
      assign src6 = sel_port;
    end
  endgenerate
  wire [63:0] hdr_out = {rd_data_i[63:61], src6, rd_data_i[54:0]};

  always @(posedge clk_i) begin
    if (rst_i) begin
      out_valid_o <= 1'b0;
      out_data_o  <= 64'd0;
      cur_port_q  <= {PW{1'b0}};
      cur_slot_q  <= {SW{1'b0}};
      cur_rem_q   <= 8'd0;
      cur_idx_q   <= 8'd0;
    end else if (load) begin
      if (have_cur) begin
        out_valid_o <= 1'b1;
        out_data_o  <= rd_data_i;
        cur_rem_q   <= cur_rem_q - 8'd1;
        cur_idx_q   <= cur_idx_q + 8'd1;
      end else if (sel_any) begin
        out_valid_o <= 1'b1;
        out_data_o  <= hdr_out;
        cur_port_q  <= sel_port;
        cur_slot_q  <= q_head[sel_port*SW +: SW];
        cur_rem_q   <= hdr_len;
        cur_idx_q   <= 8'd0;
      end else begin
        out_valid_o <= 1'b0;
      end
    end
  end

  assign idle_o = !out_valid_o && (&q_empty);

endmodule

`resetall
