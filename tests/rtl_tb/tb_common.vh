// tb_common.vh -- what every module test bench of tests/rtl_tb starts with.
//
// `TB_CLOCK_RNG(SEED), inside the bench module: the clock `clk` (10 time units a cycle), the
// error count `errors`, and a xorshift32 generator: `rng` (32 bits, starting at SEED), which
// the task `step_rng` advances. Seeded, so a bench is the same run on every simulator.

`ifndef TB_COMMON_VH
`define TB_COMMON_VH

`define TB_CLOCK_RNG(SEED) \
  reg clk = 1'b0; \
  always #5 clk = ~clk; \
  integer errors = 0; \
  reg [31:0] rng = SEED; \
  task step_rng; \
    begin \
      rng = rng ^ (rng << 13); \
      rng = rng ^ (rng >> 17); \
      rng = rng ^ (rng << 5); \
    end \
  endtask

`endif
