#!/usr/bin/env bash
# Every test: install what is missing, build, run the whole CTest suite
# (model, command line, RTL checks, co-simulation, vectors), then build the C
# model and the command under AddressSanitizer + UBSan and run their tests.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
jobs=$(nproc)
"$top/tests/install-deps.sh"
"$top/tests/build.sh" "$top/build"
# The default-configuration co-simulations labelled `full` (about 25 s each)
# run in the main job (tests/main.sh); FANOUT_FULL=1 runs them here too.
if [ "${FANOUT_FULL:-0}" = 1 ]; then exclude=(); else exclude=(-LE full); fi
ctest --test-dir "$top/build" -j"$jobs" --output-on-failure "${exclude[@]}"
echo "== AddressSanitizer + UBSan build (C model and command) =="
"$top/tests/build.sh" "$top/build-asan" -DFANOUT_RTL=OFF -DFANOUT_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir "$top/build-asan" -j"$jobs" --output-on-failure -L 'model|cli'
