// tb_main.cpp -- the C++ main of the Verilated self-checking test benches (tests/rtl_tb).
//
// Every bench is verilated into this one executable (its own class, V<bench>), so that
// Verilator's runtime is compiled once. `fanout_rtl_tbs BENCH [+args]` runs the bench
// BENCH (a Verilog module with its own clock and checks, built with --timing) until
// $finish; the verdict is its "PASS"/"FAIL" lines, read by run.sh. Exit 2 for an unknown
// bench (the known ones listed), 1 when the bench stopped without $finish.
#include <cstdio>
#include <cstring>
#include <memory>

#include "verilated.h"
#include "fanout_rtl_tbs.h"

template <class Top>
static int run(int argc, char** argv) {
    const std::unique_ptr<VerilatedContext> ctx{new VerilatedContext};
    ctx->commandArgs(argc, argv);
    const std::unique_ptr<Top> top{new Top{ctx.get()}};
    while (!ctx->gotFinish()) {
        top->eval();
        if (!top->eventsPending()) break;  // nothing scheduled: the bench forgot $finish
        ctx->time(top->nextTimeSlot());
    }
    top->final();
    return ctx->gotFinish() ? 0 : 1;
}

int main(int argc, char** argv) {
    const char* bench = argc > 1 ? argv[1] : "";
#define FO_TB_RUN(TB) \
    if (std::strcmp(bench, #TB) == 0) return run<V##TB>(argc - 1, argv + 1);
    FO_TBS(FO_TB_RUN)
#undef FO_TB_RUN
    std::fprintf(stderr, "fanout_rtl_tbs: unknown bench '%s'; the benches:", bench);
#define FO_TB_NAME(TB) std::fprintf(stderr, " %s", #TB);
    FO_TBS(FO_TB_NAME)
#undef FO_TB_NAME
    std::fprintf(stderr, "\n");
    return 2;
}
