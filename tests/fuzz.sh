#!/usr/bin/env bash
# Runs the libFuzzer targets (tests/fuzz): the stimulus reader, the trace
# reader, and the model under its invariant checks.
#   tests/fuzz.sh                 each target for 20 s (what CI runs)
#   tests/fuzz.sh --time N        each target for N seconds
#   tests/fuzz.sh --long 3600     the nightly run: each target for an hour
#   tests/fuzz.sh --only model    one target
# Builds build-fuzz/ with clang (-DFANOUT_FUZZ=ON: ASan, UBSan, coverage).
# The corpus grows in build-fuzz/corpus/TARGET, seeded from
# tests/fuzz/corpus/TARGET.  A crash, leak, broken invariant or hang is a
# finding: its input is left in build-fuzz/findings/TARGET/ and the script
# exits 1.  Make it a regression test: fix the bug, then
#   cp build-fuzz/findings/TARGET/crash-* tests/fuzz/regress/TARGET/
# (CTest's fuzz_replay_TARGET replays it on every build).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
secs=20 only=""
while [ $# -gt 0 ]; do
  case $1 in
    --time|--long) secs=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "usage: tests/fuzz.sh [--time N | --long N] [--only stim|trace|model]" >&2; exit 2 ;;
  esac
done
command -v clang >/dev/null || { echo "fuzz.sh: clang not found (tests/install-deps.sh installs it)" >&2; exit 2; }
dir=${FANOUT_FUZZ_DIR:-$top/build-fuzz}   # FANOUT_FUZZ_DIR: elsewhere (tests/nightly.sh)
targets=${only:-stim trace model}
mkdir -p "$dir"
echo "build: $dir (clang, libFuzzer + ASan + UBSan; log: $dir/build.log)"
if ! { cmake -S "$top" -B "$dir" -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo \
         -DFANOUT_FUZZ=ON -DFANOUT_RTL=OFF &&
       cmake --build "$dir" -j"$(nproc)" --target $(for t in $targets; do printf 'fuzz_%s ' "$t"; done); } \
     > "$dir/build.log" 2>&1; then
  tail -30 "$dir/build.log"; echo "fuzz.sh: build FAILED" >&2; exit 2
fi
status=0
for t in $targets; do
  corpus=$dir/corpus/$t findings=$dir/findings/$t
  mkdir -p "$corpus" "$findings"
  echo "== fuzz_$t: ${secs} s (corpus $corpus)"
  # -timeout: one input running 10 s is a hang; -rss_limit_mb: a leak or
  # runaway allocation; stderr to a log, its tail shown on a finding.
  if ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
     "$dir/tests/fuzz/fuzz_$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
       -artifact_prefix="$findings/" -print_final_stats=1 \
       "$corpus" "$top/tests/fuzz/corpus/$t" > "$dir/fuzz_$t.log" 2>&1; then
    grep -E '^stat::(number_of_executed_units|new_units_added)' "$dir/fuzz_$t.log" | tr '\n' ' '; echo
  else
    status=1
    tail -40 "$dir/fuzz_$t.log"
    echo "fuzz_$t: FINDING, input in $findings/ (log: $dir/fuzz_$t.log)" >&2
  fi
done
exit $status
