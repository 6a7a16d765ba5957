/* vl_printf.h -- force-included (-include) into every C++ source of
 * fanout_harness, Verilator's runtime and the generated models included:
 * Verilator prints $display, $error and its own messages through VL_PRINTF
 * (printf by default, "redefine if desired", verilated.h).  Here they go to
 * stderr, so that they never mix into a trace written on stdout. */
#ifndef FANOUT_HARNESS_VL_PRINTF_H
#define FANOUT_HARNESS_VL_PRINTF_H
int fo_vl_printf(const char* fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
#define VL_PRINTF fo_vl_printf
#endif
