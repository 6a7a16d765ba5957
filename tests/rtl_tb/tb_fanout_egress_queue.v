// tb_fanout_egress_queue -- fanout_egress_queue against a cycle reference and against the
// packets of a fake payload buffer (self-checking).
//
// Two instances, each with its own clock, seed and checks (module tb_fanout_egress_queue_run
// below): a: NPORTS 4, SLOTS 5; b: NPORTS 64, SLOTS 2 (src is the full 6 bits; at most 12
// slots of all ports in use at once, so that the backlog drains in the light phases).
//
// The bench is the egress's world: the replicators (pushes), the payload buffers (slot
// contents, wcnt_i, ncells_i, grants, the words read) and the receiver (out_ready_i).
// Every pushed copy is a fresh packet in a slot of its ingress port: random header (every
// bit random but len), len 0..255 (one-flit packets, cell boundaries, 32-cell packets),
// payload flits that are a hash of the packet's id and the flit index, garbage after the
// last flit. Its header arrived at cycle a <= push - 21 (the zero-load case, push exactly
// a + 21, is frequent), and cell k is counted in wcnt_i from cycle a + min(8k + 7, len) + 1
// (cut-through, as the parser writes it). Input contract kept: at most SLOTS live slots per
// ingress port, so no queue overflows; a slot is pushed again only after the egress cleared
// its copy, 1..4 cycles for the release and 21 for a new packet; gnt_i only where
// ask_valid_o, at random but never after more than 15 waiting cycles (a bank's round-robin
// among 16 egresses), so the copy is never starved (the RTL's egress_underrun assertion
// stays quiet); rd_data_i of bank b is the word of the cell granted on b the cycle before
// (captured at the grant) and garbage otherwise; wcnt_i and ncells_i are those of the slots
// named by rdr_*_o and pop_*_o (garbage for a free slot); out_ready_i random, with long
// stalls. Phases (each twice): balanced; heavy (grants mostly after the longest wait,
// out_ready_i half the time); stalls (queues and staging fill); light (push at a + 21,
// out_ready_i high; the first time grants at once: the zero-load latency; the second time
// cells 0 and 1 granted at once and every later cell after the longest wait: the 27-cycle
// argument of stage 4 with no slack);
// then a drain until idle.
//
// 1. Cycle reference (docs/microarchitecture.md stage 4 and the module header, written here
//    from them): queues (e, p), round-robin pointer (last port chosen, reset NPORTS-1), the
//    reader (two asks per cycle at most, in order, bank (slot + k) mod 2, when the bank's
//    register is free or granted this cycle, wcnt > k and staging room as of the start of
//    the cycle), the two ask registers, 6 staging entries (ASKED, READ when granted, FULL
//    the cycle after), the output register (load = !out_valid || out_ready; next flit, or
//    a header when the head entry is cell 0 and FULL and the packet has one cell or its
//    second entry is FULL too; header src replaced by the ingress port), the clears (the
//    second grant of the last cell and the one before; one-cell packets: its grant). Every
//    cycle these must equal the module's: ask_valid_o and, where valid, ask_port/slot/cell;
//    rd_port_o after a grant; rdr_port/slot_o while the reader holds a packet;
//    pop_port/slot_o when a queue is non-empty; clr_valid_o (as many clears, naming the
//    expected copies); out_valid_o and out_data_o; idle_o; q_full_o; stg_full_o;
//    held_end_o and held_port_o.
// 2. Properties, from the bench's own records, independent of the reference: an ask stays
//    until granted; every new ask is for a live copy (pushed, not yet cleared), its cells
//    in order 0, 1, .., n-1 in the bank (slot + k) mod 2, only for a cell already counted
//    in wcnt_i, a copy's asks start only when the previous copy's are all made, and the
//    copies of one ingress port in push order; a clear names a live copy all of whose
//    cells are granted, once (never both banks, never again); the flits taken are whole
//    packets, back to back (out_valid_o high from the header until the last flit is
//    taken), held while not taken, never interleaved, each port's packets in push order,
//    each header as stored with bits 60:55 (src) = the ingress port and each payload flit
//    as stored; no header leaves sooner than 6 cycles after its push (a + 27, the zero-load
//    latency, for a push at a + 21), and some leave exactly then; after the drain every
//    pushed copy was cleared once and sent, and idle_o is high.
// At the end each instance must have seen enough of every case (packets of one and of many
// cells, full queues, full staging, grants after the longest wait, two clears in a cycle,
// clears on each bank, idle returns, headers at the zero-load latency). Prints "PASS tb_fanout_egress_queue" or "FAIL: ..."
// lines.

`timescale 1ns / 1ps
`default_nettype none

`include "tb_common.vh"

// The benches' reference models compute in integers and compare them with narrower vectors
// on purpose (Verilog's widening rules): Verilator's WIDTH warnings are off in this file.
/* verilator lint_off WIDTH */

module tb_fanout_egress_queue;
  wire        done_a, done_b;
  wire [31:0] err_a, err_b;

  tb_fanout_egress_queue_run #(.NAME("a"), .NP(4), .NS(5), .CYCLES(14000), .SEED(32'heb0e_0a05))
    u_a (.done(done_a), .nerr(err_a));
  tb_fanout_egress_queue_run #(.NAME("b"), .NP(64), .NS(2), .CYCLES(8000), .MAXBUSY(12),
                               .SEED(32'heb0e_0b40))
    u_b (.done(done_b), .nerr(err_b));

  initial begin
    while (!(done_a && done_b)) #10;
    if (err_a == 0 && err_b == 0) $display("PASS tb_fanout_egress_queue");
    $finish;
  end
endmodule

// One egress queue, its world and its checks.
module tb_fanout_egress_queue_run #(
  parameter [7:0]  NAME   = "a",            // instance name in the messages
  parameter        NP     = 4,              // NPORTS
  parameter        NS     = 5,              // SLOTS
  parameter        CYCLES = 20000,          // cycles of random traffic, then the drain
  parameter        MAXBUSY = 1000,          // at most this many slots (all ports) in use
  parameter [31:0] SEED   = 32'h1
) (
  output reg         done,                  // the run is over
  output wire [31:0] nerr                   // its FAIL lines
);
  localparam SW = $clog2(NS), PW = $clog2(NP);
  localparam NB = NP * NS;                  // slots of all ingress ports: ps = p * NS + s
  localparam SQ = 16;                       // ring size of the per-port queues kept here
  localparam WMAX = 15;                     // a grant comes after at most WMAX waiting cycles
  localparam DRAIN = 4000;                  // cycles allowed for the drain
  localparam [1:0] ASKED = 2'd0, READ = 2'd1, FULL = 2'd2;

  `TB_CLOCK_RNG(SEED)   // clk, errors, rng, step_rng (tb_common.vh)
  reg rst = 1'b1;
  assign nerr = errors;

  reg  [NP-1:0]    push;
  reg  [NP*SW-1:0] push_slot;
  reg  [1:0]       gnt;
  reg  [1023:0]    rd_data;
  reg  [5:0]       wcnt, ncells;
  reg              out_ready;
  wire [1:0]       ask_valid, clr_valid;
  wire [2*PW-1:0]  ask_port, rd_port, clr_port;
  wire [2*SW-1:0]  ask_slot, clr_slot;
  wire [9:0]       ask_cell;
  wire [PW-1:0]    rdr_port, pop_port, held_port;
  wire [SW-1:0]    rdr_slot, pop_slot;
  wire             out_valid, idle, q_full, held_end, stg_full;
  wire [63:0]      out_data;

  fanout_egress_queue #(.NPORTS(NP), .SLOTS(NS)) u_dut (
    .clk_i(clk), .rst_i(rst), .push_i(push), .push_slot_i(push_slot),
    .ask_valid_o(ask_valid), .ask_port_o(ask_port), .ask_slot_o(ask_slot), .ask_cell_o(ask_cell),
    .gnt_i(gnt), .rd_port_o(rd_port), .rd_data_i(rd_data),
    .rdr_port_o(rdr_port), .rdr_slot_o(rdr_slot), .wcnt_i(wcnt),
    .pop_port_o(pop_port), .pop_slot_o(pop_slot), .ncells_i(ncells),
    .clr_valid_o(clr_valid), .clr_port_o(clr_port), .clr_slot_o(clr_slot),
    .out_valid_o(out_valid), .out_data_o(out_data), .out_ready_i(out_ready), .idle_o(idle),
    .q_full_o(q_full), .held_end_o(held_end), .held_port_o(held_port), .stg_full_o(stg_full));

  // ---------------------------------------------------------------- the fake payload buffers
  reg              bbusy [0:NB-1];          // the slot holds a packet
  reg              blive [0:NB-1];          // its copy is pushed and not yet cleared
  reg  [63:0]      bhdr  [0:NB-1];          // its header
  integer          blen  [0:NB-1];          // its len
  integer          barr  [0:NB-1];          // the cycle its header arrived
  integer          bpid  [0:NB-1];          // its packet id (the payload's seed)
  integer          bfree [0:NB-1];          // the cycle it is released (-1: not scheduled)
  integer          bavail[0:NB-1];          // the first cycle it may be pushed again
  integer          nask  [0:NB-1];          // cells of the copy asked for (property)
  integer          ngnt  [0:NB-1];          // and granted
  // per ingress port, in push order: copies whose asks have not started (property) and
  // packets not yet sent (header, len, id)
  integer          aq    [0:NP*SQ-1];
  integer          aqh   [0:NP-1];
  integer          aqn   [0:NP-1];
  reg  [63:0]      sqhdr [0:NP*SQ-1];
  integer          sqlen [0:NP*SQ-1];
  integer          sqpid [0:NP*SQ-1];
  integer          sqpsh [0:NP*SQ-1];       // the cycle it was pushed
  integer          sqh   [0:NP-1];
  integer          sqn   [0:NP-1];

  // ---------------------------------------------------------------- the cycle reference
  integer          rq    [0:NP*SQ-1];       // queue (e, p): slots
  integer          rqh   [0:NP-1];
  integer          rqn   [0:NP-1];
  integer          rptr;                    // round-robin: last port chosen
  reg              rv;                      // the reader holds a packet
  integer          rp, rs, rk, rn;          // its port, slot, next cell, cells
  reg              av    [0:1];             // bank b: an ask is outstanding
  integer          ap    [0:1];             // its port, slot, cell, staging entry (sequence)
  integer          as_   [0:1];
  integer          ak    [0:1];
  integer          aseq  [0:1];
  reg              aneed [0:1];             // it is the last cell or the one before
  reg              rdv   [0:1];             // bank b: a read was granted last cycle
  integer          rdseq [0:1];             // its staging entry
  integer          rdprt [0:1];             // its port
  integer          need  [0:NB-1];          // grants the copy still needs before its clear
  reg  [1:0]       sst   [0:7];             // staging entry seq mod 8: state
  integer          sk    [0:7];             // cell index
  reg              slast [0:7];             // last cell of its packet
  integer          sport [0:7];             // ingress port
  reg  [511:0]     sword [0:7];             // word (FULL)
  integer          sth, stn;                // sequence of the head entry, entries in use
  reg              ov, oact;                // output register valid; a packet is being sent
  reg  [63:0]      od;                      // output register
  integer          olen, oidx;              // len of the packet being sent; its flit in od

  // ---------------------------------------------------------------- bench state
  integer          cyc, phase, p, s, b, k, j, ps, r, f, q, h, h1, pid, stall, draining;
  integer          wait_ [0:1];             // cycles the DUT's ask on bank b has waited
  reg  [511:0]     gword [0:1];             // the word of the cell granted last cycle on b
  reg              gv    [0:1];             // there was one
  reg              pav   [0:1];             // last cycle: ask_valid_o, gnt_i, the ask
  reg              pg    [0:1];
  integer          pap   [0:1];
  integer          pas   [0:1];
  integer          pak   [0:1];
  reg              pov, pready;             // last cycle: out_valid_o, out_ready_i, out_data_o
  reg  [63:0]      pod;
  integer          last_ps, last_left;      // the copy asked for last; its cells not asked yet
  reg              pact;                    // the receiver is inside a packet
  integer          plen, ppid, pidx;        // its len, id, next flit
  integer          nx, xc0, xc1, nd, dc0, dc1;  // expected clears; the DUT's
  reg              load, nov, opop, c1, c2, rv_a, take, fa0, fa1, g0, g1, x_idle, x_held;
  reg  [63:0]      nod, hw, junk;
  integer          room, bk, wc, rk_n, seq;
  integer          npush, nsent, nclr, nmulti, none, nqfull, nstgfull, nwmax, n2clr, nclr0, nclr1;
  integer          nidle, nheld, nzl, nbusy;
  reg              was_idle;

  task fail(input [8*40-1:0] what, input [63:0] got, input [63:0] want);
    begin
      $display("FAIL: %s cycle %0d: %0s: got 0x%0h expected 0x%0h", NAME, cyc, what, got, want);
      errors = errors + 1;
    end
  endtask

  // fields packed for the messages: 0xAAAABBBB, 0xAAAABBBBCCCCDDDD
  function [63:0] pk2(input integer a, input integer bv);
    pk2 = {32'd0, a[15:0], bv[15:0]};
  endfunction
  function [63:0] pk4(input integer a, input integer bv, input integer c, input integer d);
    pk4 = {a[15:0], bv[15:0], c[15:0], d[15:0]};
  endfunction

  // splitmix64: the payload flits and the garbage
  function [63:0] mix64(input [63:0] x);
    reg [63:0] z;
    begin
      z = x + 64'h9e37_79b9_7f4a_7c15;
      z = (z ^ (z >> 30)) * 64'hbf58_476d_1ce4_e5b9;
      z = (z ^ (z >> 27)) * 64'h94d0_49bb_1331_11eb;
      mix64 = z ^ (z >> 31);
    end
  endfunction

  function [63:0] flit_of(input integer id, input integer i);   // payload flit i of packet id
    flit_of = mix64({id[31:0], i[31:0]});
  endfunction

  // cells of slot ps written by cycle t (seen from the cycle after each cell's last flit)
  function integer wcnt_at(input integer ps_, input integer t);
    integer kk, lastf;
    begin
      wcnt_at = 0;
      for (kk = 0; kk <= blen[ps_] / 8; kk = kk + 1) begin
        lastf = (8*kk + 7 < blen[ps_]) ? 8*kk + 7 : blen[ps_];
        if (barr[ps_] + lastf + 1 <= t) wcnt_at = kk + 1;
      end
    end
  endfunction

  // the word of cell kc of slot ps (garbage when the slot is free)
  function [511:0] cell_word(input integer ps_, input integer kc, input [31:0] salt);
    integer jj, fi;
    reg [511:0] w;
    begin
      for (jj = 0; jj < 8; jj = jj + 1) begin
        fi = 8*kc + jj;
        if (!bbusy[ps_])          w[jj*64 +: 64] = mix64({salt, fi[31:0]});
        else if (fi == 0)         w[jj*64 +: 64] = bhdr[ps_];
        else if (fi <= blen[ps_]) w[jj*64 +: 64] = flit_of(bpid[ps_], fi);
        else                      w[jj*64 +: 64] = ~flit_of(bpid[ps_], fi);
      end
      cell_word = w;
    end
  endfunction

  // the reference's round-robin choice: the first non-empty queue after rptr (-1: none)
  function integer rr_pick(input integer ptr);
    integer jj, cc;
    begin
      rr_pick = -1;
      for (jj = NP; jj >= 1; jj = jj - 1) begin
        cc = (ptr + jj) % NP;
        if (rqn[cc] != 0) rr_pick = cc;
      end
    end
  endfunction

  // ---------------------------------------------------------------- stimulus of one cycle
  task drive;
    integer thr, cnt, len, extra;
    reg [63:0] hd;
    begin
      // slots released by their buffer: garbage from now on
      for (ps = 0; ps < NB; ps = ps + 1)
        if (bfree[ps] == cyc) begin
          bbusy[ps] = 1'b0;
          nbusy = nbusy - 1;
          bfree[ps] = -1;
          bavail[ps] = cyc + 21;
        end
      // the receiver
      step_rng;
      if (draining) out_ready = 1'b1;
      else case (phase)
        0: out_ready = rng[2:0] != 3'd0;
        1: out_ready = rng[0];
        2: begin
             if (stall > 0) stall = stall - 1;
             else if (rng[4:0] == 5'd0) stall = 20 + rng[11:6];
             out_ready = (stall == 0);
           end
        default: out_ready = 1'b1;
      endcase
      // grants: only of an ask, at random, at the latest after WMAX waiting cycles; the
      // bank decided second is often granted with the first (two copies' clears meet)
      step_rng;
      thr = draining ? 12 : (phase == 0) ? 10 : (phase == 1) ? 1 : (phase == 2) ? 8 : (cyc < CYCLES / 2) ? 15 : 2;
      b = rng[8];
      gnt[b] = ask_valid[b] && (wait_[b] >= WMAX || rng[3:0] < thr);
      gnt[1-b] = ask_valid[1-b] && (wait_[1-b] >= WMAX || rng[7:4] < thr || (gnt[b] && rng[10:9] != 2'd0));
      if (!draining && phase == 3 && cyc >= CYCLES / 2)   // the worst case: cells 0 and 1 at once,
        for (b = 0; b < 2; b = b + 1)                      // every later cell after WMAX cycles
          gnt[b] = ask_valid[b] && (ask_cell[b*5 +: 5] < 5'd2 || wait_[b] >= WMAX);
      for (b = 0; b < 2; b = b + 1)
        if (gnt[b] && wait_[b] == WMAX) nwmax = nwmax + 1;
      // the words of last cycle's grants, garbage elsewhere
      step_rng;
      junk = {rng, rng ^ 32'h3c3c_c3c3};
      for (b = 0; b < 2; b = b + 1)
        rd_data[b*512 +: 512] = gv[b] ? gword[b] : {8{junk ^ {b[31:0], cyc[31:0]}}};
      // wcnt_i of the reader's slot, ncells_i of the queue head's (garbage if not in use)
      ps = rdr_port * NS + rdr_slot;
      wcnt = (rdr_slot < NS && bbusy[ps]) ? wcnt_at(ps, cyc) : rng[5:0];
      ps = pop_port * NS + pop_slot;
      ncells = (pop_slot < NS && bbusy[ps]) ? blen[ps] / 8 + 1 : rng[11:6];
      // pushes: a fresh packet in a free slot of port p (two tries a cycle, of random ports;
      // in all ports together about 48, 200, 64 and 20 per 1024 cycles by phase)
      step_rng;
      push = {NP{1'b0}};
      push_slot = {((NP*SW + 31) / 32){rng}};           // garbage where not pushed
      thr = (phase == 0) ? 48 : (phase == 1) ? 200 : (phase == 2) ? 64 : 20;
      thr = thr * 32;                       // per try, out of 65536
      for (j = 0; j < 2; j = j + 1) begin
        step_rng;
        p = rng[31:24] % NP;
        if (!draining && !push[p] && rng[15:0] < thr && nbusy < MAXBUSY) begin
          s = -1;
          r = rng[23:16] % NS;
          for (k = NS - 1; k >= 0; k = k - 1)
            if (!bbusy[p*NS + (r + k) % NS] && bavail[p*NS + (r + k) % NS] <= cyc) s = (r + k) % NS;
          if (s >= 0) begin
            ps = p*NS + s;
            step_rng;
            case (rng[2:0])
              3'd0:       len = 0;
              3'd1, 3'd2: len = 1 + rng[5:3] % 7;
              3'd3:       len = 8 + rng[6:3];
              3'd4:       len = rng[7] ? 24 + rng[6:3] : 1 + rng[5:3] % 7;
              3'd5:       len = 8 * {29'd0, rng[5:3]} + (rng[6] ? 7 : 0);   // cell boundaries
              3'd6:       len = (rng[11:8] == 4'd0) ? 255 : (rng[11:8] < 4'd4) ? 56 + rng[19:12] % 200
                                                                               : 1 + rng[6:3];
              default:    len = 1 + rng[6:3];
            endcase
            step_rng;
            extra = (phase == 1 || phase == 2) ? (rng[0] ? 0 : rng[8:1]) : (phase == 3 || rng[2:0] != 3'd0) ? 0 : rng[8:3];
            if (extra > cyc - bavail[ps]) extra = cyc - bavail[ps];
            if (extra < 0) extra = 0;
            step_rng;
            hd = {rng, 32'd0};
            step_rng;
            hd[31:0] = rng;
            hd[31:24] = len[7:0];
            pid = pid + 1;
            bbusy[ps] = 1'b1; blive[ps] = 1'b1; nbusy = nbusy + 1; bhdr[ps] = hd; blen[ps] = len;
            barr[ps] = cyc - 21 - extra; bpid[ps] = pid; nask[ps] = 0; ngnt[ps] = 0;
            push[p] = 1'b1;
            push_slot[p*SW +: SW] = s[SW-1:0];
            aq[p*SQ + (aqh[p] + aqn[p]) % SQ] = ps;
            aqn[p] = aqn[p] + 1;
            sqhdr[p*SQ + (sqh[p] + sqn[p]) % SQ] = hd;
            sqlen[p*SQ + (sqh[p] + sqn[p]) % SQ] = len;
            sqpid[p*SQ + (sqh[p] + sqn[p]) % SQ] = pid;
            sqpsh[p*SQ + (sqh[p] + sqn[p]) % SQ] = cyc;
            sqn[p] = sqn[p] + 1;
            npush = npush + 1;
            if (len == 0) none = none + 1;
            if (len >= 16) nmulti = nmulti + 1;
          end
        end
      end
      cnt = 0;
      for (p = 0; p < NP; p = p + 1) if (sqn[p] > SQ - 2 || aqn[p] > SQ - 2) cnt = cnt + 1;
      if (cnt != 0) begin
        $display("FAIL: %s cycle %0d: the bench's per-port queues overflow", NAME, cyc);
        errors = errors + 1;
      end
    end
  endtask

  // ---------------------------------------------------------------- properties (bench records)
  task check_props;
    integer bb, pp, ss, kk, ps2, cnt, nnew;
    integer newb [0:1];
    reg [63:0] want;
    begin
      // asks: held until granted
      for (bb = 0; bb < 2; bb = bb + 1)
        if (pav[bb] && !pg[bb] && (!ask_valid[bb] || ask_port[bb*PW +: PW] != pap[bb] ||
                                   ask_slot[bb*SW +: SW] != pas[bb] || ask_cell[bb*5 +: 5] != pak[bb]))
          fail("ask not held (valid,port,slot,cell)", pk4(ask_valid[bb], ask_port[bb*PW +: PW],
               ask_slot[bb*SW +: SW], ask_cell[bb*5 +: 5]), pk4(1, pap[bb], pas[bb], pak[bb]));
      // new asks (registered last cycle), the lower cell first: for live copies, in order,
      // written, in the right bank
      nnew = 0;
      for (bb = 0; bb < 2; bb = bb + 1)
        if (ask_valid[bb] && !(pav[bb] && !pg[bb])) begin
          newb[nnew] = bb;
          nnew = nnew + 1;
        end
      if (nnew == 2 && ask_cell[9:5] < ask_cell[4:0]) begin newb[0] = 1; newb[1] = 0; end
      for (kk = 0; kk < nnew; kk = kk + 1) begin
        bb = newb[kk];
        pp = ask_port[bb*PW +: PW];
        ss = ask_slot[bb*SW +: SW];
        ps2 = pp * NS + ss;
        if (ss >= NS || !blive[ps2])
          fail("ask of no live copy (port,slot)", pk2(pp, ss), last_ps < 0 ? 0 : pk2(last_ps / NS, last_ps % NS));
        else begin
          if (ask_cell[bb*5 +: 5] != nask[ps2] || nask[ps2] > blen[ps2] / 8)
            fail("ask cell out of order", ask_cell[bb*5 +: 5], nask[ps2]);
          if ((ss + nask[ps2]) % 2 != bb) fail("ask bank", bb, (ss + nask[ps2]) % 2);
          if (wcnt_at(ps2, cyc - 1) <= nask[ps2])
            fail("ask of unwritten cell (cell,wcnt)", pk2(nask[ps2], wcnt_at(ps2, cyc - 1)),
                 pk2(nask[ps2], nask[ps2] + 1));
          if (nask[ps2] == 0) begin
            if (last_left != 0) fail("copy asked before last done", last_left, 0);
            if (aqn[pp] == 0 || aq[pp*SQ + aqh[pp]] != ps2)
              fail("copy out of push order (port,slot)", pk2(pp, ss),
                   aqn[pp] == 0 ? 0 : pk2(pp, aq[pp*SQ + aqh[pp]] % NS));
            if (aqn[pp] != 0) begin aqh[pp] = (aqh[pp] + 1) % SQ; aqn[pp] = aqn[pp] - 1; end
            last_ps = ps2;
            last_left = blen[ps2] / 8 + 1;
          end else if (ps2 != last_ps)
            fail("ask not the reader's (port,slot)", pk2(pp, ss), pk2(last_ps / NS, last_ps % NS));
          nask[ps2] = nask[ps2] + 1;
          last_left = last_left - 1;
        end
      end
      // grants this cycle (the bench's own), then the clears
      for (bb = 0; bb < 2; bb = bb + 1)
        if (gnt[bb]) begin
          ps2 = ask_port[bb*PW +: PW] * NS + ask_slot[bb*SW +: SW];
          if (ask_slot[bb*SW +: SW] < NS) ngnt[ps2] = ngnt[ps2] + 1;
        end
      cnt = 0;
      for (bb = 0; bb < 2; bb = bb + 1)
        if (clr_valid[bb]) begin
          pp = clr_port[bb*PW +: PW];
          ss = clr_slot[bb*SW +: SW];
          ps2 = pp * NS + ss;
          if (ss >= NS || !blive[ps2]) fail("clear of no live copy (port,slot)", pk2(pp, ss), 0);
          else begin
            if (ngnt[ps2] != blen[ps2] / 8 + 1) fail("clear before every grant", ngnt[ps2], blen[ps2] / 8 + 1);
            blive[ps2] = 1'b0;
            step_rng;
            bfree[ps2] = cyc + 1 + rng[1:0];
            nclr = nclr + 1;
            cnt = cnt + 1;
            if (bb == 0) nclr0 = nclr0 + 1; else nclr1 = nclr1 + 1;
          end
        end
      if (cnt == 2) n2clr = n2clr + 1;
      // flits: held while not taken; back to back; whole packets as stored, in push order
      if (pov && !pready && (!out_valid || out_data !== pod)) fail("out_data_o not held", out_data, pod);
      if (pact && !out_valid) fail("out_valid_o low in a packet", out_valid, 1);
      if (out_valid && out_ready) begin
        if (!pact) begin
          pp = out_data[60:55];
          if (pp >= NP || sqn[pp] == 0) fail("header of no queued packet", out_data, 0);
          else begin
            want = sqhdr[pp*SQ + sqh[pp]];
            want[60:55] = pp[5:0];
            if (out_data !== want) fail("header", out_data, want);
            if (cyc - sqpsh[pp*SQ + sqh[pp]] < 6) fail("header sooner than push + 6", cyc - sqpsh[pp*SQ + sqh[pp]], 6);
            if (cyc - sqpsh[pp*SQ + sqh[pp]] == 6) nzl = nzl + 1;
            plen = sqlen[pp*SQ + sqh[pp]];
            ppid = sqpid[pp*SQ + sqh[pp]];
            sqh[pp] = (sqh[pp] + 1) % SQ;
            sqn[pp] = sqn[pp] - 1;
            pidx = 1;
            pact = (plen != 0);
            nsent = nsent + 1;
          end
        end else begin
          want = flit_of(ppid, pidx);
          if (out_data !== want) fail("payload flit", out_data, want);
          pidx = pidx + 1;
          if (pidx > plen) pact = 1'b0;
        end
      end
    end
  endtask

  // ---------------------------------------------------------------- the reference's cycle
  task ref_cycle;
    integer bb, cnt;
    begin
      // outputs of the start of the cycle
      for (bb = 0; bb < 2; bb = bb + 1) begin
        if (ask_valid[bb] !== av[bb]) fail("ask_valid_o (bank,valid)", pk2(bb, ask_valid[bb]), pk2(bb, av[bb]));
        else if (av[bb] && (ask_port[bb*PW +: PW] != ap[bb] || ask_slot[bb*SW +: SW] != as_[bb] ||
                            ask_cell[bb*5 +: 5] != ak[bb]))
          fail("ask_* (bank,port,slot,cell)", pk4(bb, ask_port[bb*PW +: PW], ask_slot[bb*SW +: SW],
               ask_cell[bb*5 +: 5]), pk4(bb, ap[bb], as_[bb], ak[bb]));
        if (rdv[bb] && rd_port[bb*PW +: PW] != rdprt[bb])
          fail("rd_port_o (bank,port)", pk2(bb, rd_port[bb*PW +: PW]), pk2(bb, rdprt[bb]));
      end
      if (rv && (rdr_port != rp || rdr_slot != rs)) fail("rdr_port/slot_o", pk2(rdr_port, rdr_slot), pk2(rp, rs));
      q = rr_pick(rptr);
      if (q >= 0 && (pop_port != q || pop_slot != rq[q*SQ + rqh[q]]))
        fail("pop_port/slot_o", pk2(pop_port, pop_slot), pk2(q, rq[q*SQ + rqh[q]]));
      if (out_valid !== ov) fail("out_valid_o", out_valid, ov);
      else if (ov && out_data !== od) fail("out_data_o", out_data, od);
      x_idle = !rv && stn == 0 && !ov && !oact && !av[0] && !av[1] && q < 0;
      if (idle !== x_idle) fail("idle_o", idle, x_idle);
      cnt = 0;
      for (p = 0; p < NP; p = p + 1) if (rqn[p] == NS) cnt = cnt + 1;
      if (q_full !== (cnt != 0)) fail("q_full_o", q_full, cnt != 0);
      if (stg_full !== (stn == 6)) fail("stg_full_o", stg_full, stn == 6);
      if (cnt != 0) nqfull = nqfull + 1;
      if (stn == 6) nstgfull = nstgfull + 1;

      // output register (staging states of the start of the cycle)
      load = !ov || out_ready;
      opop = 1'b0;
      nov = ov;
      nod = od;
      h = sth % 8;
      h1 = (sth + 1) % 8;
      if (load) begin
        if (oact) begin
          f = oidx + 1;
          if (stn == 0 || sst[h] != FULL || sk[h] != f / 8) begin
            $display("FAIL: %s cycle %0d: reference underrun: flit %0d needs cell %0d FULL at the staging head; head: cell %0d state %0d (0 ASKED 1 READ 2 FULL), %0d entries",
                     NAME, cyc, f, f / 8, sk[h], sst[h], stn);
            errors = errors + 1;
          end
          nod = sword[h][(f % 8) * 64 +: 64];
          oidx = f;
          if (f == olen) oact = 1'b0;
          opop = (f % 8 == 7) || (f == olen);
        end else if (stn > 0 && sst[h] == FULL && sk[h] == 0 && (slast[h] || (stn > 1 && sst[h1] == FULL))) begin
          hw = sword[h][63:0];
          nod = hw;
          nod[60:55] = sport[h];
          nov = 1'b1;
          olen = hw[31:24];
          oidx = 0;
          oact = (olen != 0);
          opop = (olen == 0);
        end else
          nov = 1'b0;
      end

      // the words of last cycle's grants arrive; this cycle's grants
      for (bb = 0; bb < 2; bb = bb + 1)
        if (rdv[bb]) begin
          sst[rdseq[bb] % 8] = FULL;
          sword[rdseq[bb] % 8] = rd_data[bb*512 +: 512];
        end
      g0 = gnt[0] && av[0];
      g1 = gnt[1] && av[1];
      nx = 0; xc0 = -1; xc1 = -1;
      for (bb = 0; bb < 2; bb = bb + 1)
        if (bb == 0 ? g0 : g1) begin
          sst[aseq[bb] % 8] = READ;
          if (aneed[bb]) begin
            ps = ap[bb] * NS + as_[bb];
            need[ps] = need[ps] - 1;
            if (need[ps] == 0) begin
              if (nx == 0) xc0 = ps; else xc1 = ps;
              nx = nx + 1;
            end
          end
        end
      rdv[0] = g0; rdseq[0] = aseq[0]; rdprt[0] = ap[0];
      rdv[1] = g1; rdseq[1] = aseq[1]; rdprt[1] = ap[1];
      // the clears: as many, naming the expected copies
      nd = 0; dc0 = -1; dc1 = -1;
      for (bb = 0; bb < 2; bb = bb + 1)
        if (clr_valid[bb]) begin
          if (nd == 0) dc0 = clr_port[bb*PW +: PW] * NS + clr_slot[bb*SW +: SW];
          else         dc1 = clr_port[bb*PW +: PW] * NS + clr_slot[bb*SW +: SW];
          nd = nd + 1;
        end
      if (nd != nx || !((dc0 == xc0 && dc1 == xc1) || (dc0 == xc1 && dc1 == xc0))) begin
        $display("FAIL: %s cycle %0d: clr_*_o: got clr_valid_o 0x%0h, copies (port,slot) (%0d,%0d) (%0d,%0d); expected %0d clears: (%0d,%0d) (%0d,%0d) [(-1,-1): none]",
                 NAME, cyc, clr_valid, dc0 < 0 ? -1 : dc0 / NS, dc0 < 0 ? -1 : dc0 % NS,
                 dc1 < 0 ? -1 : dc1 / NS, dc1 < 0 ? -1 : dc1 % NS, nx, xc0 < 0 ? -1 : xc0 / NS,
                 xc0 < 0 ? -1 : xc0 % NS, xc1 < 0 ? -1 : xc1 / NS, xc1 < 0 ? -1 : xc1 % NS);
        errors = errors + 1;
      end

      // the reader (ask registers and staging room of the start of the cycle)
      room = 6 - stn;
      fa0 = !av[0] || g0;
      fa1 = !av[1] || g1;
      if (g0) av[0] = 1'b0;
      if (g1) av[1] = 1'b0;
      c1 = 1'b0;
      c2 = 1'b0;
      if (rv) begin
        bk = (rs + rk) % 2;
        wc = wcnt_at(rp * NS + rs, cyc);
        c1 = ((bk == 0) ? fa0 : fa1) && room >= 1 && wc > rk;
        c2 = c1 && rk + 1 < rn && ((bk == 0) ? fa1 : fa0) && room >= 2 && wc > rk + 1;
      end
      if (opop) begin sth = sth + 1; stn = stn - 1; end
      for (j = 0; j < 2; j = j + 1)
        if (j == 0 ? c1 : c2) begin
          seq = sth + stn;
          sst[seq % 8] = ASKED;
          sk[seq % 8] = rk + j;
          slast[seq % 8] = (rk + j + 1 == rn);
          sport[seq % 8] = rp;
          stn = stn + 1;
          bb = (rs + rk + j) % 2;
          av[bb] = 1'b1;
          ap[bb] = rp;
          as_[bb] = rs;
          ak[bb] = rk + j;
          aseq[bb] = seq;
          aneed[bb] = (rk + j >= rn - 2);
        end
      rk_n = rk + c1 + c2;
      rv_a = rv && rk_n != rn;
      x_held = rv && !rv_a;
      if (held_end !== x_held) fail("held_end_o", held_end, x_held);
      if (rv && held_port != rp) fail("held_port_o", held_port, rp);
      if (x_held) nheld = nheld + 1;
      take = !rv_a && q >= 0;
      if (take) begin
        rp = q;
        rs = rq[q*SQ + rqh[q]];
        ps = rp * NS + rs;
        rn = blen[ps] / 8 + 1;
        rk = 0;
        rv = 1'b1;
        need[ps] = (rn == 1) ? 1 : 2;
        rqh[q] = (rqh[q] + 1) % SQ;
        rqn[q] = rqn[q] - 1;
        rptr = q;
      end else begin
        rv = rv_a;
        rk = rk_n;
      end
      // this cycle's pushes
      for (p = 0; p < NP; p = p + 1)
        if (push[p]) begin
          rq[p*SQ + (rqh[p] + rqn[p]) % SQ] = push_slot[p*SW +: SW];
          rqn[p] = rqn[p] + 1;
        end
      ov = nov;
      od = nod;
    end
  endtask

  initial begin
    done = 1'b0;
    push = {NP{1'b0}}; push_slot = {(NP*SW){1'b0}}; gnt = 2'b00; rd_data = {1024{1'b0}};
    wcnt = 6'd0; ncells = 6'd0; out_ready = 1'b0;
    for (ps = 0; ps < NB; ps = ps + 1) begin
      bbusy[ps] = 1'b0; blive[ps] = 1'b0; bhdr[ps] = 64'd0; blen[ps] = 0; barr[ps] = 0; bpid[ps] = 0;
      bfree[ps] = -1; bavail[ps] = 0; nask[ps] = 0; ngnt[ps] = 0; need[ps] = 0;
    end
    for (p = 0; p < NP; p = p + 1) begin
      aqh[p] = 0; aqn[p] = 0; sqh[p] = 0; sqn[p] = 0; rqh[p] = 0; rqn[p] = 0;
    end
    for (k = 0; k < 8; k = k + 1) begin
      sst[k] = ASKED; sk[k] = 0; slast[k] = 1'b0; sport[k] = 0; sword[k] = {512{1'b0}};
    end
    for (b = 0; b < 2; b = b + 1) begin
      av[b] = 1'b0; ap[b] = 0; as_[b] = 0; ak[b] = 0; aseq[b] = 0; aneed[b] = 1'b0;
      rdv[b] = 1'b0; rdseq[b] = 0; rdprt[b] = 0; wait_[b] = 0; gv[b] = 1'b0; gword[b] = {512{1'b0}};
      pav[b] = 1'b0; pg[b] = 1'b0; pap[b] = 0; pas[b] = 0; pak[b] = 0;
    end
    rptr = NP - 1; rv = 1'b0; rp = 0; rs = 0; rk = 0; rn = 0; sth = 0; stn = 0;
    ov = 1'b0; oact = 1'b0; od = 64'd0; olen = 0; oidx = 0;
    pov = 1'b0; pready = 1'b0; pod = 64'd0; last_ps = -1; last_left = 0; pact = 1'b0;
    plen = 0; ppid = 0; pidx = 0;
    pid = 0; stall = 0; draining = 0; was_idle = 1'b1; x_idle = 1'b1;
    npush = 0; nsent = 0; nclr = 0; nmulti = 0; none = 0; nqfull = 0; nstgfull = 0; nwmax = 0;
    n2clr = 0; nclr0 = 0; nclr1 = 0; nidle = 0; nheld = 0; nzl = 0; nbusy = 0;
    repeat (3) @(posedge clk);
    #1 rst = 1'b0;
    for (cyc = 0; cyc < CYCLES + DRAIN && errors < 10 && !(draining && x_idle && idle); cyc = cyc + 1) begin
      @(negedge clk);
      draining = (cyc >= CYCLES);
      phase = (cyc / (CYCLES / 8)) % 4;     // 0 balanced, 1 heavy, 2 stalls, 3 light
      drive;
      #1;
      check_props;
      ref_cycle;
      if (x_idle && !was_idle) nidle = nidle + 1;
      was_idle = x_idle;
      // the bench's records of this cycle
      for (b = 0; b < 2; b = b + 1) begin
        wait_[b] = (ask_valid[b] && !gnt[b]) ? wait_[b] + 1 : 0;
        gv[b] = gnt[b];
        if (gnt[b]) begin
          step_rng;
          gword[b] = (ask_slot[b*SW +: SW] < NS)
                     ? cell_word(ask_port[b*PW +: PW] * NS + ask_slot[b*SW +: SW], ask_cell[b*5 +: 5], rng)
                     : {16{rng}};
        end
        pav[b] = ask_valid[b];
        pg[b] = gnt[b];
        pap[b] = ask_port[b*PW +: PW];
        pas[b] = ask_slot[b*SW +: SW];
        pak[b] = ask_cell[b*5 +: 5];
      end
      pov = out_valid;
      pready = out_ready;
      pod = out_data;
    end
    // the drain: everything sent and cleared
    if (!(x_idle && idle)) begin
      $display("FAIL: %s cycle %0d: not idle after the drain (idle_o %b)", NAME, cyc, idle);
      errors = errors + 1;
    end
    for (p = 0; p < NP; p = p + 1)
      if (sqn[p] != 0 || aqn[p] != 0) begin
        $display("FAIL: %s: port %0d: %0d packets not sent, %0d copies never asked for", NAME, p, sqn[p], aqn[p]);
        errors = errors + 1;
      end
    if (nclr != npush || nsent != npush) begin
      $display("FAIL: %s: %0d copies pushed, %0d cleared, %0d sent", NAME, npush, nclr, nsent);
      errors = errors + 1;
    end
    if (npush < CYCLES / 50 || none < CYCLES / 500 || nmulti < CYCLES / 200 || nqfull < CYCLES / 20 ||
        nstgfull < CYCLES / 20 || nwmax < CYCLES / 500 || n2clr < 2 || nclr0 < CYCLES / 100 ||
        nclr1 < CYCLES / 100 || nidle < 5 || nzl < 3) begin
      $display("FAIL: %s: too few cases: %0d packets (%0d of one flit, %0d of 3+ cells, %0d at zero-load latency), %0d cycles with a full queue, %0d with full staging, %0d grants after %0d cycles, %0d cycles with two clears (%0d on bank 0, %0d on bank 1), %0d idle returns",
               NAME, npush, none, nmulti, nzl, nqfull, nstgfull, nwmax, WMAX, n2clr, nclr0, nclr1, nidle);
      errors = errors + 1;
    end
    $display("tb_fanout_egress_queue %s (NPORTS %0d SLOTS %0d): %0d cycles, %0d packets sent (%0d of one flit, %0d of 3+ cells, %0d at zero-load latency), %0d cycles with a full queue, %0d with full staging, %0d grants after %0d cycles, %0d copies cleared (%0d cycles with two; %0d on bank 0, %0d on bank 1), %0d readers done, %0d idle returns, %0d errors",
             NAME, NP, NS, cyc, nsent, none, nmulti, nzl, nqfull, nstgfull, nwmax, WMAX, nclr, n2clr, nclr0, nclr1, nheld, nidle, errors);
    done = 1'b1;
  end
endmodule

/* verilator lint_on WIDTH */
