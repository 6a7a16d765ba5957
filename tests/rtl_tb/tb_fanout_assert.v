// tb_fanout_assert -- a failing simulation assertion names its instance and its check, and
// stops the run (FO_ASSERT, rtl/fanout_assert.vh), also where the instance's code is shared.
//
// Two instances, u_a and u_b, of a holder module that Verilator keeps as one class whose
// code both share (as the switch's per-port modules), each holding a fanout_sync_fifo of
// DEPTH 2. u_a's FIFO takes one entry (allowed); u_b's is pushed four times without a pop,
// which its fifo_overflow check forbids. The run must stop at the third push: the test
// (run.sh --expect-assert) passes when the output names u_b, not u_a (under Verilator the
// object's run-time name, which the shared code reads; under Icarus %m, the FIFO itself),
// and fifo_overflow, and the bench never reaches its "FAIL" line.

`timescale 1ns / 1ps
`default_nettype none

module tb_fanout_assert_holder (
  input wire clk,
  input wire rst,
  input wire push
);
  /*verilator no_inline_module*/
  /* verilator lint_off UNUSEDSIGNAL */
  wire [3:0] head;
  wire       empty, one, full;
  /* verilator lint_on UNUSEDSIGNAL */
  fanout_sync_fifo #(.DEPTH(2), .WIDTH(4)) u_fifo (
    .clk_i(clk), .rst_i(rst), .push_i(push), .din_i(4'd5), .pop_i(1'b0),
    .head_o(head), .empty_o(empty), .one_o(one), .full_o(full));
endmodule

module tb_fanout_assert;
  reg clk = 1'b0, rst = 1'b1, push_a = 1'b0, push_b = 1'b0;
  always #5 clk = ~clk;

  tb_fanout_assert_holder u_a (.clk(clk), .rst(rst), .push(push_a));
  tb_fanout_assert_holder u_b (.clk(clk), .rst(rst), .push(push_b));

  initial begin
    @(negedge clk);
    rst    = 1'b0;
    push_a = 1'b1;                          // one entry into u_a's FIFO: allowed
    @(negedge clk);
    push_a = 1'b0;
    push_b = 1'b1;                          // u_b's FIFO: the third push overflows it
    repeat (4) @(negedge clk);
    $display("FAIL: tb_fanout_assert: four pushes into a FIFO of 2 entries were not stopped");
    $finish;
  end
endmodule
