// tb_fanout_payload_buf -- fanout_payload_buf against a reference buffer written from its
// documented behaviour (rtl/fanout_payload_buf.v's header, docs/microarchitecture.md
// "Payload buffer"), self-checking.
//
// Two instances, CELLS 64 (32 cells a bank: the smallest that elaborates, so that the
// buffer fills and its cells are reused): NPORTS 4, SLOTS 6 (one read copy of 4 egresses),
// run in phases that fill the slots and then the cells; NPORTS 17, SLOTS 8 (two copies: 16
// egresses behind an arbiter, and 1 without). Around each the bench plays:
//   the parser: a header (random length 0..255, random other bits) into a random free slot
//     after a random gap (none, so headers come back to back and right after a 1-flit
//     packet's header), only when both banks have the packet's cells by the reference
//     cavail (len / 8 + 1 cells, cell k in bank (slot + k) mod 2); then its payload flits
//     back to back (wr_word_i the payload index, wr_last_i on the last, random data);
//   the egresses: per egress and bank, an ask for a random cell of that bank already
//     written (wcnt > k) of a slot in use, or for the cell another egress of the copy asks
//     for (read merging), or for the lowest cell of a slot no one has read yet; an ask
//     stays until granted;
//   the replicator: once every cell of a fully written slot has been read, the slot closes
//     (no new asks) and is released when no egress asks for it; the lookup and replicator
//     header reads name random slots.
// Inputs without their enable carry random values. Every cycle the bench checks: cavail_o
// (taken at the header, given back at the release, both from the next cycle); wcnt_o and
// wdone_o of every slot (a header clears them; a payload flit at packet position 8k+7 or
// the packet's last completes cell k in its own cycle, counted from the next; a 1-flit
// packet's cell is written in the cycle after its header, counted from the one after
// that); ncells_o and the lkp/rep header reads (registers: the header from the cycle after
// hdr_we_i); gnt_o: per copy and bank, the round-robin winner among the asking egresses
// (pointer at the last winner, reset to the last egress) and every other asker of the copy
// naming the same slot and cell; rd_data_o, the cycle after a grant: the cell's flits (those
// beyond the packet's last are not compared), which checks, as cells are freed and reused,
// that a completed cell takes a free cell of its bank, that a release frees its slot's cells
// and only those, and the tag match (which free cell is taken, the lowest, is not seen at
// the pins). The module's assertions are on (run.sh, CMakeLists.txt): one firing stops the
// run without a PASS line.
// Prints "PASS tb_fanout_payload_buf" or "FAIL: cycle N <instance>.<signal> got .. expected .." lines.

`timescale 1ns / 1ps
`default_nettype none

`include "tb_common.vh"

// The reference mixes integers and narrow fields on purpose (zero-extended compares).
/* verilator lint_off WIDTH */

// One instance of the buffer and the bench around it; done when its run is over.
module tb_fanout_payload_buf_run #(
  parameter NP     = 4,                     // NPORTS: egresses reading the buffer
  parameter NS     = 6,                     // SLOTS
  parameter CELLS  = 64,                    // cells of a copy, both banks
  parameter CYCLES = 10000,
  parameter [31:0] SEED = 32'h1,
  parameter ASKP   = 3,                     // an egress without an ask asks with probability ASKP / 4
  parameter MINPK  = 100,                   // packets the run must reach (and in proportion, its cases)
  parameter FILL   = 1,                     // the run must fill the slots and the cells
  parameter NAME   = "a"                    // the instance's name in the messages
) (
  output reg         done,                  // the run is over
  output wire [31:0] nerr                   // its errors
);
  localparam CP  = (NP + 15) / 16;          // read copies
  localparam CB  = CELLS / 2;               // cells per bank
  localparam SW  = $clog2(NS);
  localparam CVW = $clog2(CB + 1);
  localparam NA  = NP * 2;                  // asks: egress e, bank b at e*2+b
  localparam PW  = $clog2(NP);
  localparam [31:0] PORT = NP - 2;          // the buffer's port number (port_i)

  `TB_CLOCK_RNG(SEED)   // clk, errors, rng, step_rng (tb_common.vh)
  assign nerr = errors;
  reg rst = 1'b1;

  // ---------------------------------------------------------------- the module
  reg               hdr_we, wr_en, wr_last, rel;
  reg  [SW-1:0]     hdr_slot, wr_slot, lkp_slot, rep_slot, rel_slot;
  reg  [7:0]        wr_word;
  reg  [63:0]       wr_data;
  reg  [NA-1:0]     ask_req;                // the asks of this buffer
  reg  [NA-1:0]     ask_valid;              // and asks of other ports' buffers (ignored)
  reg  [NA*PW-1:0]  ask_port;               // each ask's port
  reg  [NA-1:0]     ask_noise;              // the asks of other ports this cycle
  // The asks of this buffer name PORT; at random, other asks name other ports' buffers,
  // which this one must neither grant nor serve.
  integer na;
  always @* begin
    for (na = 0; na < NA; na = na + 1) begin
      ask_valid[na] = ask_req[na] || ask_noise[na];
      ask_port[na*PW +: PW] = ask_req[na] ? PORT[PW-1:0] : ((PORT + 1 + na % (NP - 1)) % NP);
    end
  end
  reg  [NA*SW-1:0]  ask_slot;
  reg  [NA*5-1:0]   ask_cell;
  wire [2*CVW-1:0]  cavail;
  wire [63:0]       lkp_hdr, rep_hdr;
  wire [NS-1:0]     wdone;
  wire [NS*6-1:0]   wcnt, ncells;
  wire [NA-1:0]     gnt;
  wire [CP*2*512-1:0] rd_data;

  fanout_payload_buf #(.NPORTS(NP), .SLOTS(NS), .COPIES(CP), .CELLS(CELLS)) u_dut (
    .clk_i(clk), .rst_i(rst),
    .hdr_we_i(hdr_we), .hdr_slot_i(hdr_slot), .wr_en_i(wr_en), .wr_slot_i(wr_slot),
    .wr_word_i(wr_word), .wr_last_i(wr_last), .wr_data_i(wr_data), .cavail_o(cavail),
    .lkp_slot_i(lkp_slot), .lkp_hdr_o(lkp_hdr), .rep_slot_i(rep_slot), .rep_hdr_o(rep_hdr),
    .wdone_o(wdone), .wcnt_o(wcnt), .ncells_o(ncells), .rel_i(rel), .rel_slot_i(rel_slot),
    .rel_oh_i(rel ? {{(NS-1){1'b0}}, 1'b1} << rel_slot : {NS{1'b0}}),
    .port_i(PORT[PW-1:0]), .ask_valid_i(ask_valid), .ask_port_i(ask_port), .ask_slot_i(ask_slot), .ask_cell_i(ask_cell), .gnt_o(gnt),
    .rd_data_o(rd_data));

  // ---------------------------------------------------------------- the reference
  reg  [NS-1:0] used;                       // slot s holds a packet (header taken, not released)
  reg  [NS-1:0] known;                      // slot s's header register has been written
  reg  [NS-1:0] wdone_r;                    // every flit of slot s written
  reg  [NS-1:0] closing;                    // slot s takes no new asks (to be released)
  integer       wcnt_r [0:NS-1];            // cells of slot s completely written
  integer       plen [0:NS-1];              // its packet's payload flits
  reg  [63:0]   hdr_r [0:NS-1];             // its header register
  reg  [31:0]   rmask [0:NS-1];             // its cells read at least once
  reg  [63:0]   fmem [0:NS*256-1];          // flit f of slot s at s*256+f
  integer       cav [0:1];                  // per bank: cells neither in use nor reserved
  integer       wslot, wpos;                // the packet whose payload is written (-1: none), next flit
  integer       hc_pend;                    // a 1-flit packet's slot, its cell written this cycle (-1: none)
  integer       nlen;                       // length of the next packet offered
  reg  [NA-1:0] av;                         // egress e asks bank b (index e*2+b)
  integer       as_ [0:NA-1];               // for slot
  integer       ak [0:NA-1];                // and cell
  integer       npend [0:NS-1];             // asks pending for slot s
  integer       ptr [0:2*CP-1];             // per copy r, bank b at r*2+b: the last winner in the copy
  integer       win [0:2*CP-1];             // this cycle's winner (-1: none)
  reg  [NA-1:0] gexp;                       // the grants expected this cycle
  reg  [2*CP-1:0] rv;                       // a word was read last cycle, per copy and bank
  reg  [511:0]  rw [0:2*CP-1];              // its expected flits
  reg  [511:0]  rm [0:2*CP-1];              // and the positions compared (the packet's flits)

  integer cyc;
  // statistics: the cases the run must reach
  integer npk, nhc, nhh, nbig, nwait, nslotwait, nempty, nmerge, nreads, nrel, nrelhdr, nxcopy;

  // cells of bank b of a packet of nc cells in slot s: cell k is in bank (s + k) mod 2
  function integer nin(input integer s, input integer b, input integer nc);
    nin = ((s + b) % 2 == 0) ? (nc + 1) / 2 : nc / 2;
  endfunction

  // `CHK(SIG, IDX, GOT, EXP): a FAIL line when GOT !== EXP (the task only then: cheaper in Icarus)
`define CHK(SIG, IDX, GOT, EXP) if ((GOT) !== (EXP)) chk(SIG, IDX, GOT, EXP)
  task chk(input [8*12-1:0] sig, input integer idx, input [511:0] got, input [511:0] exp);
    begin
      if (got !== exp) begin
        if (idx >= 0)
          $display("FAIL: cycle %0d %0s.%0s[%0d] got 0x%0h expected 0x%0h", cyc, NAME, sig, idx, got, exp);
        else
          $display("FAIL: cycle %0d %0s.%0s got 0x%0h expected 0x%0h", cyc, NAME, sig, got, exp);
        errors = errors + 1;
      end
    end
  endtask

  // The phases of the run, 1600 cycles a round: 0..299 and 600..899 slots released soon
  // after their cells are read, short packets (many of 1 flit); 300..599 slots held a while,
  // short packets (the slots run out); 900..1599 slots held longer, long packets (the cells
  // run out).

  // the next packet's payload length
  task new_len;
    reg [31:0] x;
    begin
      step_rng;
      x = rng;
      if (cyc % 1600 >= 900) nlen = x[12] ? 255 : 64 + x[11:4] % 192;
      else
        case (x[3:1])
          3'd0, 3'd1, 3'd2: nlen = 0;
          3'd3, 3'd4:       nlen = 1 + x[11:4] % 15;
          3'd5:             nlen = 16 + x[11:4] % 48;
          3'd6:             nlen = x[13:12] != 0 ? 1 + x[11:4] % 15 : 64 + x[11:4] % 64;
          default:          nlen = x[13:12] != 0 ? 1 + x[11:4] % 15 : x[14] ? 255 : 128 + x[11:4] % 128;
        endcase
    end
  endtask

  // The registered outputs at the start of a cycle, and the word read last cycle.
  task check_state;
    integer s, b;
    reg [NS*6-1:0] ew, en, mn;
    begin
      for (b = 0; b < 2; b = b + 1) `CHK("cavail_o", b, cavail[b*CVW +: CVW], cav[b]);
      for (s = 0; s < NS; s = s + 1) begin
        ew[s*6 +: 6] = wcnt_r[s];
        en[s*6 +: 6] = known[s] ? plen[s] / 8 + 1 : 0;
        mn[s*6 +: 6] = known[s] ? 6'h3f : 6'h00;
      end
      `CHK("wcnt_o", -1, wcnt, ew);
      `CHK("wdone_o", -1, wdone, wdone_r);
      `CHK("ncells_o", -1, ncells & mn, en);
      for (b = 0; b < 2*CP; b = b + 1)
        if (rv[b]) `CHK("rd_data_o", b, rd_data[b*512 +: 512] & rm[b], rw[b]);
      if (cav[0] == 0 || cav[1] == 0) nempty = nempty + 1;
    end
  endtask

  // This cycle's inputs, from the reference state.
  task drive;
    integer s, i, a, a2, b, k, k0, m, nc, v, st, found, asked;
    reg [63:0] d; reg [NA-1:0] q_req; reg [NA*SW-1:0] q_slot; reg [NA*5-1:0] q_cell;   // assigned to the pins at once
    begin
      // junk where there is no enable (one random number a decision: xorshift in Verilog is slow)
      hdr_we = 1'b0; wr_en = 1'b0; rel = 1'b0;
      step_rng; d[31:0] = rng;
      step_rng; d[63:32] = rng;
      step_rng; hdr_slot = rng[SW-1:0]; wr_slot = rng[SW+7:8]; wr_word = rng[23:16]; wr_last = rng[31];
      rel_slot = rng[SW+3:4]; lkp_slot = rng[15:12] % NS; rep_slot = rng[31:28] % NS;
      // the parser: the payload back to back, a header after a random gap
      if (wslot >= 0) begin
        wr_en = 1'b1; wr_slot = wslot[SW-1:0]; wr_word = wpos - 1; wr_last = (wpos == plen[wslot]);
      end else if (rng[25:24] != 0) begin
        st = rng[23:16] % NS;
        found = -1;
        for (i = 0; i < NS; i = i + 1) begin
          s = (st + i) % NS;
          if (found < 0 && !used[s]) found = s;
        end
        nc = nlen / 8 + 1;
        if (found < 0) nslotwait = nslotwait + 1;
        else if (cav[0] < nin(found, 0, nc) || cav[1] < nin(found, 1, nc)) nwait = nwait + 1;
        else begin
          hdr_we = 1'b1; hdr_slot = found[SW-1:0]; d[31:24] = nlen[7:0];
        end
      end
      wr_data = d;
      // the replicator: a fully written slot whose every cell was read closes (no new asks),
      // seldom while the slots are held (the phases above)
      for (s = 0; s < NS; s = s + 1)
        if (used[s] && wdone_r[s] && !closing[s] &&
            (rmask[s] | ~((32'd1 << (plen[s] / 8 + 1)) - 32'd1)) == 32'hffff_ffff) begin
          step_rng;
          if ((cyc % 1600 >= 900) ? rng[7:0] == 0 : (cyc % 1600 >= 300 && cyc % 1600 < 600) ? rng[5:0] == 0 : rng[1:0] == 0) closing[s] = 1'b1;
        end
      // the egresses: a new ask where none is pending
      q_req = av; q_slot = ask_slot; q_cell = ask_cell;
      for (a = 0; a < NA; a = a + 1)
        if (!av[a]) begin
          b = a % 2;
          step_rng;
          asked = 0;
          if (rng[1:0] < ASKP) begin
            if (rng[2]) begin               // what another egress of the copy asks for
              a2 = ((a / 32) * 16 + rng[7:3] % ((NP - (a / 32) * 16) < 16 ? NP - (a / 32) * 16 : 16)) * 2 + b;
              if (av[a2] && !closing[as_[a2]]) begin
                as_[a] = as_[a2]; ak[a] = ak[a2]; asked = 1;
              end
            end
            if (!asked) begin
              st = rng[15:8] % NS;
              for (i = 0; i < NS; i = i + 1) begin
                s = (st + i) % NS;
                k0 = (s + b) % 2;           // the first cell of slot s in bank b
                if (!asked && used[s] && !closing[s] && k0 < wcnt_r[s]) begin
                  m = (wcnt_r[s] - 1 - k0) / 2 + 1;   // its written cells in bank b
                  k = k0 + 2 * (rng[23:16] % m);
                  if (rng[24]) begin        // or the lowest one no one has read
                    for (v = k0; v < wcnt_r[s] && rmask[s][v]; v = v + 2) ;
                    if (v < wcnt_r[s]) k = v;
                  end
                  as_[a] = s; ak[a] = k; asked = 1;
                end
              end
            end
          end
          if (asked) begin
            av[a] = 1'b1; npend[as_[a]] = npend[as_[a]] + 1;
            q_slot[a*SW +: SW] = as_[a][SW-1:0]; q_cell[a*5 +: 5] = ak[a][4:0];
          end else begin
            q_slot[a*SW +: SW] = rng[SW+26:27]; q_cell[a*5 +: 5] = rng[31:27];
          end
          q_req[a] = av[a];
        end
      ask_req = q_req; ask_slot = q_slot; ask_cell = q_cell; ask_noise = ~q_req & {2{rng}};
      // a release of a closed slot no egress asks for
      step_rng;
      if (rng[0]) begin
        st = rng[15:8] % NS;
        for (i = 0; i < NS; i = i + 1) begin
          s = (st + i) % NS;
          if (!rel && used[s] && closing[s] && npend[s] == 0) begin
            rel = 1'b1; rel_slot = s[SW-1:0];
          end
        end
      end
    end
  endtask

  // The combinational outputs of this cycle: grants and header reads.
  task check_comb;
    integer r, b, i, c, ne, aw, a, n, ws, wk;
    begin
      gexp = {NA{1'b0}};
      for (r = 0; r < 2*CP; r = r + 1) begin      // copy r / 2, bank r % 2
        b = r % 2;
        ne = (NP - 16*(r/2)) < 16 ? NP - 16*(r/2) : 16;
        win[r] = -1;
        c = ptr[r];
        for (i = 0; i < ne && win[r] < 0; i = i + 1) begin   // the first asker after the pointer
          c = (c + 1 == ne) ? 0 : c + 1;
          if (av[(16*(r/2) + c)*2 + b]) win[r] = c;
        end
        if (win[r] >= 0) begin
          aw = (16*(r/2) + win[r])*2 + b;
          ws = as_[aw]; wk = ak[aw];
          n = -1;
          a = 32*(r/2) + b;
          for (i = 0; i < ne; i = i + 1) begin
            if (av[a] && as_[a] == ws && ak[a] == wk) begin
              gexp[a] = 1'b1; n = n + 1;
            end
            a = a + 2;
          end
          nmerge = nmerge + n;
          // another copy reads the same cell of the bank this cycle (its own read)
          if (r >= 2 && win[r-2] >= 0 && as_[(16*(r/2-1) + win[r-2])*2 + b] == ws &&
              ak[(16*(r/2-1) + win[r-2])*2 + b] == wk)
            nxcopy = nxcopy + 1;
        end
      end
      `CHK("gnt_o", -1, gnt, gexp);
      if (known[lkp_slot]) `CHK("lkp_hdr_o", lkp_slot, lkp_hdr, hdr_r[lkp_slot]);
      if (known[rep_slot]) `CHK("rep_hdr_o", rep_slot, rep_hdr, hdr_r[rep_slot]);
    end
  endtask

  // The cycle just ended (its inputs still held) into the reference.
  task apply;
    integer r, s, b, p, f, aw, a, nc;
    begin
      // reads: the winner's cell is in rd_data_o next cycle; the granted asks are done
      for (r = 0; r < 2*CP; r = r + 1) begin
        rv[r] = win[r] >= 0;
        if (win[r] >= 0) begin
          ptr[r] = win[r];
          aw = ((r / 2) * 16 + win[r]) * 2 + r % 2;
          s = as_[aw];
          for (p = 0; p < 8; p = p + 1) begin
            f = ak[aw] * 8 + p;
            rw[r][p*64 +: 64] = (f <= plen[s]) ? fmem[s*256 + f] : 64'd0;
            rm[r][p*64 +: 64] = (f <= plen[s]) ? {64{1'b1}} : 64'd0;
          end
        end
      end
      if (gexp != 0)
      for (a = 0; a < NA; a = a + 1)
        if (gexp[a]) begin
          rmask[as_[a]][ak[a]] = 1'b1;
          av[a] = 1'b0; npend[as_[a]] = npend[as_[a]] - 1;
          nreads = nreads + 1;
        end
      // the 1-flit packet of the cycle before: its cell written in this one
      if (hc_pend >= 0) begin
        wcnt_r[hc_pend] = wcnt_r[hc_pend] + 1;
        wdone_r[hc_pend] = 1'b1;
        if (hdr_we) nhh = nhh + 1;
      end
      hc_pend = -1;
      if (hdr_we) begin
        s = hdr_slot;
        used[s] = 1'b1; known[s] = 1'b1; closing[s] = 1'b0;
        hdr_r[s] = wr_data; plen[s] = wr_data[31:24];
        wcnt_r[s] = 0; wdone_r[s] = 1'b0; rmask[s] = 32'd0;
        fmem[s*256] = wr_data;
        nc = plen[s] / 8 + 1;
        for (b = 0; b < 2; b = b + 1) cav[b] = cav[b] - nin(s, b, nc);
        if (plen[s] == 0) begin
          hc_pend = s; nhc = nhc + 1;
        end else begin
          wslot = s; wpos = 1;
        end
        if (nc > 16) nbig = nbig + 1;
        if (rel) nrelhdr = nrelhdr + 1;
        npk = npk + 1;
        new_len;
      end
      if (wr_en) begin
        fmem[wslot*256 + wpos] = wr_data;
        if (wpos % 8 == 7 || wpos == plen[wslot]) begin
          wcnt_r[wslot] = wcnt_r[wslot] + 1;
          wdone_r[wslot] = wpos == plen[wslot];
        end
        wpos = wpos + 1;
        if (wpos > plen[wslot]) wslot = -1;
      end
      if (rel) begin
        s = rel_slot;
        used[s] = 1'b0; closing[s] = 1'b0;
        nc = plen[s] / 8 + 1;
        for (b = 0; b < 2; b = b + 1) cav[b] = cav[b] + nin(s, b, nc);
        nrel = nrel + 1;
      end
    end
  endtask

  integer s0, a0;
  initial begin
    done = 1'b0;
    used = 0; known = 0; wdone_r = 0; closing = 0; av = 0; rv = 0; gexp = 0;
    for (s0 = 0; s0 < NS; s0 = s0 + 1) begin
      wcnt_r[s0] = 0; plen[s0] = 0; npend[s0] = 0; rmask[s0] = 32'd0; hdr_r[s0] = 64'd0;
    end
    for (a0 = 0; a0 < NA; a0 = a0 + 1) begin
      as_[a0] = 0; ak[a0] = 0;
    end
    for (a0 = 0; a0 < 2*CP; a0 = a0 + 1) begin
      ptr[a0] = ((NP - (a0 / 2) * 16) < 16 ? NP - (a0 / 2) * 16 : 16) - 1;   // the copy's last egress
      win[a0] = -1;
    end
    cav[0] = CB; cav[1] = CB;
    wslot = -1; wpos = 0; hc_pend = -1;
    npk = 0; nhc = 0; nhh = 0; nbig = 0; nwait = 0; nslotwait = 0; nempty = 0;
    nmerge = 0; nreads = 0; nrel = 0; nrelhdr = 0; nxcopy = 0;
    new_len;
    hdr_we = 1'b0; wr_en = 1'b0; wr_last = 1'b0; rel = 1'b0; wr_word = 8'd0; wr_data = 64'd0;
    hdr_slot = 0; wr_slot = 0; lkp_slot = 0; rep_slot = 0; rel_slot = 0;
    ask_req = 0; ask_slot = 0; ask_cell = 0; ask_noise = 0;
    cyc = 0;
    repeat (3) @(posedge clk);
    #1 rst = 1'b0;
    for (cyc = 0; cyc < CYCLES && errors < 10; cyc = cyc + 1) begin
      if (cyc > 0) apply;
      check_state;
      drive;
      #1;
      check_comb;
      @(posedge clk);
      #1;
    end
    hdr_we = 1'b0; wr_en = 1'b0; rel = 1'b0; ask_req = {NA{1'b0}}; ask_noise = {NA{1'b0}};   // idle while the other run ends
    $display("  %0s: %0d cycles, %0d packets (%0d of 1 flit, %0d headers in the cycle after one, %0d of over 16 cells), %0d releases (%0d beside a header), %0d reads (%0d merged, %0d of a cell another copy read in its cycle); waits: %0d for cells, %0d for a slot; %0d cycles with a bank's cells all taken",
             NAME, cyc, npk, nhc, nhh, nbig, nrel, nrelhdr, nreads, nmerge, nxcopy, nwait, nslotwait, nempty);
    if (errors == 0 && (npk < MINPK || nhc < MINPK / 5 || nhh < MINPK / 20 || nrelhdr < MINPK / 40 ||
                        nmerge < 100 || (CP > 1 && nxcopy < 20) ||
                        (FILL && (nbig < 3 || nwait < 50 || nslotwait < 50 || nempty < 50)))) begin
      $display("FAIL: %0s: a case too rarely reached (see the counts above)", NAME);
      errors = errors + 1;
    end
    done = 1'b1;
  end
endmodule

`undef CHK

module tb_fanout_payload_buf;
  wire        done_a, done_b;
  wire [31:0] err_a, err_b;

  // one copy; the fill-ups
  tb_fanout_payload_buf_run #(.NP(4), .NS(6), .CELLS(64), .CYCLES(5000), .SEED(32'h5eed_0b0f),
                              .MINPK(100), .FILL(1), .NAME("np4")) u_a (.done(done_a), .nerr(err_a));
  // two copies: 16 egresses and 1 (no arbiter); asks sparser (the bench's cost in Icarus)
  tb_fanout_payload_buf_run #(.NP(17), .NS(8), .CELLS(64), .CYCLES(1600), .SEED(32'hb0f_5eed), .ASKP(1),
                              .MINPK(30), .FILL(0), .NAME("np17")) u_b (.done(done_b), .nerr(err_b));

  initial begin
    #10;
    while (!(done_a && done_b)) #10;
    if (err_a == 0 && err_b == 0)
      $display("PASS tb_fanout_payload_buf: NPORTS 4 and 17, CELLS 64");
    $finish;
  end
endmodule

/* verilator lint_on WIDTH */
