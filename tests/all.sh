#!/usr/bin/env bash
# Every test: install what is missing, build, run the whole CTest suite
# (model, command line, RTL checks, co-simulation, vectors, fuzz replays,
# short soak, valgrind), then the same suite again under AddressSanitizer +
# UBSan (our C and the harness; the RTL in its small configuration only),
# then each libFuzzer target for 20 s.  docs/robustness.md has the times.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
jobs=$(nproc)
t0=$(date +%s)
stage() { printf '  %-44s %4d s\n' "$1" $(( $3 - $2 )); }   # NAME START END
# The number of tests a ctest log says passed (it stops the script on a failure).
passed() { sed -n 's/^100% tests passed, 0 tests failed out of \([0-9]*\)$/\1/p' "$1"; }
"$top/tests/install-deps.sh"
"$top/tests/build.sh" "$top/build"
t_build=$(date +%s)
# The default-configuration co-simulations labelled `full` (about 25 s each)
# run in the main job (tests/main.sh); FANOUT_FULL=1 runs them here too.
# `synth_gate` (rtl/synth_report.sh --check at 8 ports, most of an hour of Yosys) is left
# to the nightly command (tests/nightly.sh, step synth); the 4-port check
# (synth_gate_small_config) runs.
if [ "${FANOUT_FULL:-0}" = 1 ]; then exclude=(-LE synth_gate); else exclude=(-LE 'full|synth_gate'); fi
ctest --test-dir "$top/build" -j"$jobs" --output-on-failure "${exclude[@]}" | tee "$top/build/all-ctest.log"
n_main=$(passed "$top/build/all-ctest.log")
t_main=$(date +%s)
echo "== AddressSanitizer + UBSan build (model, command, harness; RTL 8:1024:64:2 only) =="
"$top/tests/build.sh" "$top/build-asan" -DFANOUT_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug \
  -DFANOUT_RTL_CONFIGS=8:1024:64:2 -DFANOUT_RTL_FST=OFF -DFANOUT_RTL_FST_CONFIGS=none -DFANOUT_RTL_TB=OFF
t_abuild=$(date +%s)
# Every test that runs our code, except: default_config (needs the 32-port
# RTL, not built here: the first run above covers it), fst (needs an FST
# model, not built here either), valgrind (does not mix with ASan), the
# pure RTL source checks (lint, iverilog, yosys: label rtl alone, already run
# above), and the golden vectors' co-simulations (vector_cosim_*: the
# Verilated RTL under ASan is slow, and the harness code they run is run by
# the cosim tests here; their model runs, vector_model_*, stay), and for the
# same reason rtl_sweep_and_fast_clear_traces_identical_small (28 RTL runs: the
# fast clear runs in every cosim test, the sweep in cosim_with_clear_sweep_*).
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir "$top/build-asan" -j"$jobs" --output-on-failure \
    -L 'model|cli|cosim|vectors|fuzz|soak' -LE 'default_config|fst|valgrind|full' -E '^(vector_cosim_|rtl_sweep_and_fast_clear_)' |
  tee "$top/build-asan/all-ctest.log"
n_asan=$(passed "$top/build-asan/all-ctest.log")
t_asan=$(date +%s)
echo "== libFuzzer: each target 20 s (tests/fuzz.sh --long N for longer) =="
"$top/tests/fuzz.sh" --time 20
echo
echo "== all.sh: summary =="
t_end=$(date +%s)
stage "install, build" "$t0" "$t_build"
stage "$n_main tests (release)" "$t_build" "$t_main"
stage "sanitizer build" "$t_main" "$t_abuild"
stage "$n_asan tests under ASan+UBSan" "$t_abuild" "$t_asan"
stage "3 libFuzzer targets (build, 20 s each)" "$t_asan" "$t_end"
stage "total" "$t0" "$t_end"
echo "$(( n_main + n_asan + 3 )) passed, 0 failed"
