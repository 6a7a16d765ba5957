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
# One target per core at a time (each a single-threaded libFuzzer process, fuzzing for
# its full time), their results printed in order when all are done.
jobs=$(nproc)
fuzz_one() {   # TARGET: fuzz it; exit 1 on a finding
  local t=$1 corpus=$dir/corpus/$1 findings=$dir/findings/$1
  mkdir -p "$corpus" "$findings"
  # -timeout: one input running 10 s is a hang; -rss_limit_mb: a leak or
  # runaway allocation; stderr to a log, its tail shown on a finding.
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$dir/tests/fuzz/fuzz_$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
      -artifact_prefix="$findings/" -print_final_stats=1 \
      "$corpus" "$top/tests/fuzz/corpus/$t" > "$dir/fuzz_$t.log" 2>&1
}
echo "== fuzzing ${secs} s each, $jobs at a time: $targets (corpora in $dir/corpus/)"
declare -A pid=() rc=()
running=()
for t in $targets; do
  while [ ${#running[@]} -ge "$jobs" ]; do   # wait for the oldest of the running ones
    o=${running[0]}; r=0; wait "${pid[$o]}" || r=$?; rc[$o]=$r
    running=("${running[@]:1}")
  done
  fuzz_one "$t" & pid[$t]=$!
  running+=("$t")
done
for t in "${running[@]}"; do r=0; wait "${pid[$t]}" || r=$?; rc[$t]=$r; done
status=0
for t in $targets; do
  if [ "${rc[$t]}" -eq 0 ]; then
    echo "fuzz_$t: $(grep -E '^stat::(number_of_executed_units|new_units_added)' "$dir/fuzz_$t.log" | tr '\n' ' ')"
  else
    status=1
    tail -40 "$dir/fuzz_$t.log"
    echo "fuzz_$t: FINDING, input in $dir/findings/$t/ (log: $dir/fuzz_$t.log)" >&2
  fi
done
exit $status
