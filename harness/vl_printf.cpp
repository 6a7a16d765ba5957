// vl_printf.cpp -- Verilator's printing (VL_PRINTF, see vl_printf.h): to
// stderr.  Its own file because two libraries force-include vl_printf.h:
// fanout_harness and the SystemC RTL (harness/systemc).
#include <cstdarg>
#include <cstdio>

#include "vl_printf.h"

int fo_vl_printf(const char* fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    const int n = std::vfprintf(stderr, fmt, ap);
    va_end(ap);
    return n;
}
