// tb_fanout_replicator -- fanout_replicator against a reference slot model (self-checking).
//
// Two instances, each with its own clock, seed and reference (module
// tb_fanout_replicator_run below): a: NPORTS 8, SLOTS 6, PORT 5, DELAY 3; b: NPORTS 5,
// SLOTS 4, PORT 0, DELAY 1 (the shortest delay line). The reference is the slot state of
// docs/microarchitecture.md stage 3 and the module's header: per slot busy, lookup done,
// pending-copy bitmap, and the (member set, slot) pairs travelling in the delay line.
//
// Stimulus (random, in phases: balanced, allocation-heavy, slow clears, no allocation),
// within the module's input contract: alloc_i only of a free slot (any free slot, not only
// the lowest); lkp_valid_i only of a busy slot whose lookup is pending (any of them), with
// hdr_i the header stored at its allocation (unicast or multicast, xsrc, dst < NPORTS, dst
// often PORT) and lkp_word_i empty, PORT alone, all ones, one bit or random (garbage for a
// unicast entry); wdone_i of a busy slot rises at a random time after its allocation and
// stays high (garbage for free slots); clears on every egress and bank at random: of this
// port only for a pending bit whose copy has been pushed (never the same bit twice in one
// cycle), of other ingress ports at random (ignored here), and garbage port/slot with
// clr_valid_i low. Every cycle the bench checks (got / expected in hex on a FAIL line):
//   slot_free_o = ~busy, idle_o = no slot busy;
//   drop_valid_o = a lookup whose member set is empty, drop_tag_o = its header's tag;
//     member set = lkp_word_i (multicast) or 1 << dst (unicast), bit PORT cleared on xsrc;
//   push_o = the member set of the lookup of exactly DELAY cycles ago (zero when there was
//     none or it was empty; the entry is in the egress queue DELAY + 1 cycles after the
//     lookup), push_slot_o its slot;
//   rel_o / rel_slot_o = the lowest busy slot whose lookup is done, whose wdone_i is high
//     and whose pending bitmap is zero (start of the cycle), and the slot is free (in
//     slot_free_o, and may be allocated again) from the next cycle;
//   the pending bitmap is the member set from the lookup on, less the clears (seen through
//     the release).
// At the end each instance must have seen enough of every case (drops, xsrc drops,
// multi-member pushes, several slots ready at once, a slot allocated the cycle after its
// release, all slots busy, idle after work).
// Prints "PASS tb_fanout_replicator" or "FAIL: ..." lines.

`timescale 1ns / 1ps
`default_nettype none

`include "tb_common.vh"

// The benches' reference models compute in integers and compare them with narrower vectors
// on purpose (Verilog's widening rules): Verilator's WIDTH warnings are off in this file.
/* verilator lint_off WIDTH */

module tb_fanout_replicator;
  wire        done_a, done_b;
  wire [31:0] err_a, err_b;

  tb_fanout_replicator_run #(.NAME("a"), .NP(8), .NS(6), .PORT(5), .DELAY(3), .CYCLES(12000),
                             .SEED(32'h7e91_0a03)) u_a (.done(done_a), .nerr(err_a));
  tb_fanout_replicator_run #(.NAME("b"), .NP(5), .NS(4), .PORT(0), .DELAY(1), .CYCLES(8000),
                             .SEED(32'h7e91_0b01)) u_b (.done(done_b), .nerr(err_b));

  initial begin
    while (!(done_a && done_b)) #10;
    if (err_a == 0 && err_b == 0) $display("PASS tb_fanout_replicator");
    $finish;
  end
endmodule

// One replicator and its reference.
module tb_fanout_replicator_run #(
  parameter [7:0]  NAME   = "a",            // instance name in the messages
  parameter        NP     = 8,              // NPORTS
  parameter        NS     = 6,              // SLOTS
  parameter        PORT   = 5,
  parameter        DELAY  = 3,
  parameter        CYCLES = 20000,
  parameter [31:0] SEED   = 32'h1
) (
  output reg         done,                  // the run is over
  output wire [31:0] nerr                   // its FAIL lines
);
  localparam SW = $clog2(NS), PW = $clog2(NP);

  `TB_CLOCK_RNG(SEED)   // clk, errors, rng, step_rng (tb_common.vh)
  reg rst = 1'b1;
  assign nerr = errors;

  reg                 alloc, lkp_valid, lkp_mcast;
  reg  [SW-1:0]       alloc_slot, lkp_slot;
  reg  [NP-1:0]       lkp_word;
  reg  [63:0]         hdr;
  reg  [NS-1:0]       wdone;
  reg  [NP*2-1:0]     clr_valid;
  reg  [NP*2*PW-1:0]  clr_port;
  reg  [NP*2*SW-1:0]  clr_slot;
  wire [NS-1:0]       slot_free;
  wire                rel, drop_valid, idle;
  wire [SW-1:0]       rel_slot, push_slot;
  wire [NS-1:0]       rel_oh;
  wire [NP-1:0]       push;
  wire [23:0]         drop_tag;

  localparam [31:0] PORT32 = PORT;         // the port number as a sized constant
  fanout_replicator #(.NPORTS(NP), .SLOTS(NS), .DELAY(DELAY)) u_dut (
    .clk_i(clk), .rst_i(rst), .port_i(PORT32[PW-1:0]), .alloc_i(alloc), .alloc_slot_i(alloc_slot), .slot_free_o(slot_free),
    .lkp_valid_i(lkp_valid), .lkp_slot_i(lkp_slot), .lkp_mcast_i(lkp_mcast), .lkp_word_i(lkp_word),
    .hdr_i(hdr), .wdone_i(wdone), .rel_o(rel), .rel_slot_o(rel_slot), .rel_oh_o(rel_oh), .push_o(push),
    .push_slot_o(push_slot), .drop_valid_o(drop_valid), .drop_tag_o(drop_tag),
    .clr_valid_i(clr_valid), .clr_port_i(clr_port), .clr_slot_i(clr_slot), .idle_o(idle));

  // ---------------------------------------------------------------- reference
  reg  [NS-1:0] busy;                       // slot allocated, not yet released
  reg  [NS-1:0] looked;                     // busy slot whose lookup has completed
  reg  [NS-1:0] pushed;                     // its copies are in the egress queues
  reg  [NS-1:0] written;                    // busy slot whose flits are all written
  reg  [NS-1:0] smcast;                     // the slot's packet is multicast
  reg  [NP-1:0] pend   [0:NS-1];            // pending-copy bitmap
  reg  [63:0]   shdr   [0:NS-1];            // the slot's header
  reg  [NP-1:0] cmask  [0:NS-1];            // bits cleared this cycle
  reg  [NP-1:0] xpush  [0:63];              // push_o expected at cycle c (index c mod 64)
  integer       xslot  [0:63];              // and push_slot_o

  integer       cyc, phase, s, i, e, k, r, found, want_rel, nready, aslot, lslot, port;
  reg  [63:0]   junk;                       // random bits
  reg  [63:0]   nhdr;                       // header of the packet allocated this cycle
  reg           nmc;                        // it is multicast
  reg  [NP-1:0] member, pre_x;              // member set (after, before xsrc)
  reg  [NS-1:0] want_free;                  // expected slot_free_o
  integer       nalloc, nlkp, ndrop, nxdrop, npush, nmulti, nrel, nrace, nclr, nother, nfull, nidle, nreuse;
  integer       last_rel;                   // the slot released last cycle (-1: none)
  reg           was_busy;

  task fail(input [8*16-1:0] what, input [63:0] got, input [63:0] want);
    begin
      $display("FAIL: %s cycle %0d: %0s: got 0x%0h expected 0x%0h", NAME, cyc, what, got, want);
      errors = errors + 1;
    end
  endtask

  function integer popcount(input [NP-1:0] x);
    integer j;
    begin
      popcount = 0;
      for (j = 0; j < NP; j = j + 1) popcount = popcount + x[j];
    end
  endfunction

  initial begin
    done = 1'b0;
    alloc = 1'b0; alloc_slot = {SW{1'b0}}; lkp_valid = 1'b0; lkp_slot = {SW{1'b0}};
    lkp_mcast = 1'b0; lkp_word = {NP{1'b0}}; hdr = 64'd0; wdone = {NS{1'b0}};
    clr_valid = {(NP*2){1'b0}}; clr_port = {(NP*2*PW){1'b0}}; clr_slot = {(NP*2*SW){1'b0}};
    busy = {NS{1'b0}}; looked = {NS{1'b0}}; pushed = {NS{1'b0}}; written = {NS{1'b0}};
    smcast = {NS{1'b0}};
    for (s = 0; s < NS; s = s + 1) begin pend[s] = {NP{1'b0}}; shdr[s] = 64'd0; end
    for (k = 0; k < 64; k = k + 1) begin xpush[k] = {NP{1'b0}}; xslot[k] = 0; end
    nalloc = 0; nlkp = 0; ndrop = 0; nxdrop = 0; npush = 0; nmulti = 0; nrel = 0; nrace = 0;
    nclr = 0; nother = 0; nfull = 0; nidle = 0; nreuse = 0; last_rel = -1; was_busy = 1'b0;
    repeat (3) @(posedge clk);
    #1 rst = 1'b0;
    for (cyc = 0; cyc < CYCLES && errors < 10; cyc = cyc + 1) begin
      @(negedge clk);
      phase = (cyc / 400) % 4;              // 0 balanced, 1 alloc-heavy, 2 slow clears, 3 no alloc

      // ---- allocation of a random free slot, with its packet's header
      step_rng;
      aslot = -1;
      if (phase != 3 && ~busy != {NS{1'b0}} && rng[3:0] < ((phase == 1) ? 4'd12 : 4'd5)) begin
        r = rng[15:8] % NS;
        for (k = NS - 1; k >= 0; k = k - 1) if (!busy[(r + k) % NS]) aslot = (r + k) % NS;
      end
      alloc      = (aslot >= 0);
      alloc_slot = alloc ? aslot[SW-1:0] : rng[31:24];
      nmc = rng[16];
      step_rng;
      nhdr[63:32] = rng;
      step_rng;
      nhdr[31:0] = rng;
      nhdr[63:62] = nmc ? 2'd1 : 2'd0;      // kind
      nhdr[61]    = (rng[1:0] == 2'd0);     // xsrc
      nhdr[54:48] = 7'd0;                   // op, rsvd
      nhdr[47:32] = (rng[3:2] == 2'd0) ? PORT : (rng[15:8] % NP);   // dst, often this port

      // ---- a lookup completes for a random slot whose lookup is pending
      step_rng;
      lslot = -1;
      if ((busy & ~looked) != {NS{1'b0}} && rng[2:0] < ((phase == 1) ? 3'd6 : 3'd4)) begin
        r = rng[15:8] % NS;
        for (k = NS - 1; k >= 0; k = k - 1) if (busy[(r + k) % NS] && !looked[(r + k) % NS]) lslot = (r + k) % NS;
      end
      lkp_valid = (lslot >= 0);
      lkp_slot  = lkp_valid ? lslot[SW-1:0] : rng[23:16];
      lkp_mcast = lkp_valid ? smcast[lslot] : rng[24];
      step_rng;
      hdr = lkp_valid ? shdr[lslot] : {rng, rng ^ 32'h5a5a_a5a5};
      step_rng;
      case (rng[2:0])
        3'd0:    lkp_word = {NP{1'b0}};
        3'd1:    lkp_word = {{(NP-1){1'b0}}, 1'b1} << PORT;
        3'd2:    lkp_word = {NP{1'b1}};
        3'd3:    lkp_word = {{(NP-1){1'b0}}, 1'b1} << (rng[15:8] % NP);
        default: lkp_word = rng[31:32-NP];
      endcase

      // ---- wdone: held high for a busy slot once written, garbage for a free one
      step_rng;
      wdone = (busy & written) | (~busy & rng[NS-1:0]);

      // ---- pending-bit clears, egress e bank b at index e*2+b
      step_rng;
      clr_valid = {(NP*2){1'b0}};
      junk[31:0] = rng;
      step_rng;
      junk[63:32] = rng;
      clr_port = junk[NP*2*PW-1:0];         // garbage where clr_valid_i is low
      clr_slot = junk[63:64-NP*2*SW];
      for (s = 0; s < NS; s = s + 1) cmask[s] = {NP{1'b0}};
      for (i = 0; i < NP*2; i = i + 1) begin
        e = i / 2;
        step_rng;
        if (rng[3:0] < ((phase == 2) ? 4'd1 : 4'd5)) begin
          // this port: a pushed copy's pending bit e, not cleared this cycle already
          r = rng[15:8] % NS;
          found = -1;
          for (k = NS - 1; k >= 0; k = k - 1) begin
            s = (r + k) % NS;
            if (pushed[s] && pend[s][e] && !cmask[s][e]) found = s;
          end
          if (found >= 0) begin
            clr_valid[i] = 1'b1;
            clr_port[i*PW +: PW] = PORT;
            clr_slot[i*SW +: SW] = found;
            cmask[found][e] = 1'b1;
          end
        end else if (rng[19:16] < 4'd3) begin
          // another ingress port's clear: ignored by this replicator
          port = (PORT + 1 + (rng[27:20] % (NP - 1))) % NP;
          clr_valid[i] = 1'b1;
          clr_port[i*PW +: PW] = port;
          clr_slot[i*SW +: SW] = rng[31:28] % NS;
          nother = nother + 1;
        end
      end

      #1;
      // ---- expected outputs (state at the start of the cycle)
      pre_x = {NP{1'b0}};
      if (lkp_valid) begin
        if (lkp_mcast) pre_x = lkp_word;
        else pre_x[hdr[47:32]] = 1'b1;
      end
      member = pre_x;
      if (lkp_valid && hdr[61]) member[PORT] = 1'b0;
      want_rel = -1;
      nready = 0;
      for (s = NS - 1; s >= 0; s = s - 1)
        if (busy[s] && looked[s] && wdone[s] && pend[s] == {NP{1'b0}}) begin
          want_rel = s;
          nready = nready + 1;
        end

      want_free = ~busy;
      if (slot_free !== want_free) fail("slot_free_o", slot_free, want_free);
      if (idle !== (busy == {NS{1'b0}})) fail("idle_o", idle, busy == {NS{1'b0}});
      if (drop_valid !== (lkp_valid && member == {NP{1'b0}}))
        fail("drop_valid_o", drop_valid, lkp_valid && member == {NP{1'b0}});
      if (lkp_valid && member == {NP{1'b0}} && drop_tag !== hdr[23:0]) fail("drop_tag_o", drop_tag, hdr[23:0]);
      if (rel !== (want_rel >= 0)) fail("rel_o", rel, want_rel >= 0);
      if (want_rel >= 0 && rel_slot !== want_rel) fail("rel_slot_o", rel_slot, want_rel);
      if (rel_oh !== (want_rel >= 0 ? {{(NS-1){1'b0}}, 1'b1} << want_rel : {NS{1'b0}}))
        fail("rel_oh_o", rel_oh, want_rel >= 0 ? {{(NS-1){1'b0}}, 1'b1} << want_rel : {NS{1'b0}});
      if (push !== xpush[cyc % 64]) fail("push_o", push, xpush[cyc % 64]);
      if (xpush[cyc % 64] != {NP{1'b0}} && push_slot !== xslot[cyc % 64])
        fail("push_slot_o", push_slot, xslot[cyc % 64]);

      // ---- coverage counts
      if (alloc) nalloc = nalloc + 1;
      if (alloc && aslot == last_rel) nreuse = nreuse + 1;
      last_rel = want_rel;
      if (lkp_valid) nlkp = nlkp + 1;
      if (lkp_valid && member == {NP{1'b0}}) ndrop = ndrop + 1;
      if (lkp_valid && member == {NP{1'b0}} && pre_x != {NP{1'b0}}) nxdrop = nxdrop + 1;
      if (xpush[cyc % 64] != {NP{1'b0}}) npush = npush + 1;
      if (popcount(xpush[cyc % 64]) > 1) nmulti = nmulti + 1;
      if (want_rel >= 0) nrel = nrel + 1;
      if (nready > 1) nrace = nrace + 1;
      for (s = 0; s < NS; s = s + 1) nclr = nclr + popcount(cmask[s]);
      if (busy == {NS{1'b1}}) nfull = nfull + 1;
      if (busy == {NS{1'b0}} && was_busy) nidle = nidle + 1;
      was_busy = (busy != {NS{1'b0}});

      // ---- the reference takes the cycle (its state at the end of the cycle)
      if (xpush[cyc % 64] != {NP{1'b0}}) pushed[xslot[cyc % 64]] = 1'b1;
      xpush[cyc % 64] = {NP{1'b0}};
      if (want_rel >= 0) begin
        busy[want_rel] = 1'b0; looked[want_rel] = 1'b0; pushed[want_rel] = 1'b0; written[want_rel] = 1'b0;
      end
      for (s = 0; s < NS; s = s + 1) pend[s] = pend[s] & ~cmask[s];
      if (alloc) begin
        busy[aslot] = 1'b1; looked[aslot] = 1'b0; pushed[aslot] = 1'b0; written[aslot] = 1'b0;
        shdr[aslot] = nhdr; smcast[aslot] = nmc;
      end
      if (lkp_valid) begin
        looked[lslot] = 1'b1;
        pend[lslot]   = member;
        if (member != {NP{1'b0}}) begin
          xpush[(cyc + DELAY) % 64] = member;
          xslot[(cyc + DELAY) % 64] = lslot;
        end
      end
      step_rng;
      for (s = 0; s < NS; s = s + 1)
        if (busy[s] && !written[s] && rng[4*s % 32 +: 2] == 2'd0) written[s] = 1'b1;
    end
    if (nalloc < 500 || ndrop < 50 || nxdrop < 20 || npush < 500 || nmulti < 100 || nrel < 500 ||
        nrace < 50 || nclr < 500 || nother < 500 || nfull < 100 || nidle < 5 || nreuse < 20) begin
      $display("FAIL: %s: too few cases: %0d allocs (%0d of the slot released the cycle before), %0d drops (%0d by xsrc), %0d pushes (%0d multi), %0d releases (%0d with several ready), %0d clears (%0d of other ports), %0d cycles full, %0d idle returns",
               NAME, nalloc, nreuse, ndrop, nxdrop, npush, nmulti, nrel, nrace, nclr, nother, nfull, nidle);
      errors = errors + 1;
    end
    $display("tb_fanout_replicator %s (NPORTS %0d SLOTS %0d PORT %0d DELAY %0d): %0d cycles, %0d allocs (%0d of the slot released the cycle before), %0d lookups, %0d drops (%0d by xsrc), %0d pushes (%0d multi), %0d releases (%0d with several ready), %0d clears (%0d of other ports), %0d cycles full, %0d idle returns, %0d errors",
             NAME, NP, NS, PORT, DELAY, cyc, nalloc, nreuse, nlkp, ndrop, nxdrop, npush, nmulti, nrel, nrace, nclr, nother, nfull, nidle, errors);
    done = 1'b1;
  end
endmodule

/* verilator lint_on WIDTH */
