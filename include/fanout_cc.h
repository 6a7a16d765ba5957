/* fanout_cc.h -- the compiler compiling the file that includes this, named from
 * its own macros ("clang 14.0.6", "gcc 12.2.0"): `fanout --version` prints the C
 * code's (model/cli/fanout_main.c) and the RTL harness's C++ compiler
 * (harness/fanout_rtl.cpp), and tests/build_info.sh holds them to CMake's choice. */
#ifndef FANOUT_CC_H
#define FANOUT_CC_H

#define FO_CC_STR2(x) #x
#define FO_CC_STR(x) FO_CC_STR2(x)
#if defined(__clang__)
#define FO_CC_NAME "clang " FO_CC_STR(__clang_major__) "." FO_CC_STR(__clang_minor__) "." FO_CC_STR(__clang_patchlevel__)
#elif defined(__GNUC__)
#define FO_CC_NAME "gcc " FO_CC_STR(__GNUC__) "." FO_CC_STR(__GNUC_MINOR__) "." FO_CC_STR(__GNUC_PATCHLEVEL__)
#else
#define FO_CC_NAME "an unknown compiler"
#endif

#endif
