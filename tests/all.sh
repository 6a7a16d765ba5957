#!/usr/bin/env bash
# Every test: install what is missing, build, run the whole CTest suite
# (model, command line, RTL checks, co-simulation, vectors, fuzz replays,
# short soak, valgrind), then the same suite again under AddressSanitizer +
# UBSan (our C and the harness; the RTL in its small configuration only),
# then each libFuzzer target for 20 s.  docs/robustness.md has the times.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
jobs=$(nproc)
"$top/tests/install-deps.sh"
"$top/tests/build.sh" "$top/build"
# The default-configuration co-simulations labelled `full` (about 25 s each)
# run in the main job (tests/main.sh); FANOUT_FULL=1 runs them here too.
if [ "${FANOUT_FULL:-0}" = 1 ]; then exclude=(); else exclude=(-LE full); fi
ctest --test-dir "$top/build" -j"$jobs" --output-on-failure "${exclude[@]}"
echo "== AddressSanitizer + UBSan build (model, command, harness; RTL 8:1024:16:2 only) =="
"$top/tests/build.sh" "$top/build-asan" -DFANOUT_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug \
  -DFANOUT_RTL_CONFIGS=8:1024:16:2 -DFANOUT_RTL_FST=OFF
# Every test that runs our code, except: default_config (needs the 32-port
# RTL, not built here: the first run above covers it), valgrind (does not mix
# with ASan), and the pure RTL source checks (lint, iverilog, yosys: label rtl
# alone, already run above).
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir "$top/build-asan" -j"$jobs" --output-on-failure \
    -L 'model|cli|cosim|vectors|fuzz|soak' -LE 'default_config|valgrind|full'
echo "== libFuzzer: each target 20 s (tests/fuzz.sh --long N for longer) =="
"$top/tests/fuzz.sh" --time 20
