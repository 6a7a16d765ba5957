// tb_main.cpp -- the C++ main of a Verilated self-checking test bench (tests/rtl_tb).
//
// The bench (a Verilog module with its own clock and checks, built with --timing) runs
// until $finish; the verdict is its "PASS"/"FAIL" lines, read by run.sh. TB_TOP names the
// Verilated class and TB_TOP_H its header (CMake defines both).
#include <memory>

#include "verilated.h"
#include TB_TOP_H

int main(int argc, char** argv) {
    const std::unique_ptr<VerilatedContext> ctx{new VerilatedContext};
    ctx->commandArgs(argc, argv);
    const std::unique_ptr<TB_TOP> top{new TB_TOP{ctx.get()}};
    while (!ctx->gotFinish()) {
        top->eval();
        if (!top->eventsPending()) break;  // nothing scheduled: the bench forgot $finish
        ctx->time(top->nextTimeSlot());
    }
    top->final();
    return ctx->gotFinish() ? 0 : 1;
}
