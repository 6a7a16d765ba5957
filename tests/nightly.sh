#!/usr/bin/env bash
# The nightly regression, one command: the golden vectors and fresh seeds of
# every scenario (fanout regress --reseed) with RTL code and functional
# coverage, then the soak and the fuzzers for what is left of a time budget;
# one summary and one report folder.
#   tests/nightly.sh [--budget SECONDS] [--out DIR] [--reseed N] [--seed S] [-j N]
#                    [--vectors DIR] [--filter TEXT] [--configs LIST] [--cov-build DIR] [--fanout F]
#                    [--fuzz-dir DIR] [--synth LIST]
# --budget S     the whole night's time (default 14400): the regress runs to its end,
#                the rest goes half to the soak and half to the three fuzzers
# --out DIR      the report folder (default: nightly-report), replaced:
#                  summary.txt           each step, its time, its figures; "N passed, N failed"
#                  junit/regress.xml     every vector and reseeded run (Jenkins xUnit schema)
#                  junit/nightly.xml     one testcase per step
#                  coverage/             html/index.html, summary.txt, fcov.txt, uncovered.txt, ...
#                  waves/                the waveform of every failing co-simulation
#                  reseed-failures/      every failing seed kept as a vector (+ .repro)
#                  soak/, fuzz-findings/ what a failing soak or fuzzer left
#                  logs/                 each step's full output
# --reseed N     seeds per scenario and configuration (default 2); --seed S the first
#                (default: from the clock; summary.txt and the JUnit record it)
# --filter TEXT  only the runs (vectors and reseeded) whose name contains TEXT
# --configs LIST the RTL configurations of the coverage tree (default: both,
#                "32:65536:64:2;8:1024:64:2"); --cov-build DIR that tree (default build-cov)
# --fanout F     the ordinary build's fanout for the soak (default: build/fanout)
# --synth LIST   rtl/synth_report.sh --check on these configurations (default 8:1024:64:2,
#                issue 13's logic-depth configuration, whose Yosys run is too long for
#                CI, which checks 4:1024:16:2: docs/benchmarks.md); "none" skips it
# Exit 0 when every step passed, 1 when any failed, 2 when a build failed.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
budget=14400 out=nightly-report reseed=2 seed="" jobs=$(nproc) vectors=$top/vectors
filter=() configs="32:65536:64:2;8:1024:64:2" covb=$top/build-cov fanout=$top/build/fanout fuzzdir=$top/build-fuzz
synth=8:1024:64:2
while [ $# -gt 0 ]; do
  case $1 in
    --budget) budget=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --reseed) reseed=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    -j) jobs=$2; shift 2 ;;
    --vectors) vectors=$2; shift 2 ;;
    --filter) filter=(--filter "$2"); shift 2 ;;
    --configs) configs=$2; shift 2 ;;
    --cov-build) covb=$2; shift 2 ;;
    --fanout) fanout=$2; shift 2 ;;
    --fuzz-dir) fuzzdir=$2; shift 2 ;;
    --synth) synth=$2; shift 2 ;;
    -h|--help) sed -n '2,/^# Exit/p' "$0"; exit 0 ;;
    *) echo "usage: tests/nightly.sh [--budget S] [--out DIR] [--reseed N] [--seed S] [-j N] [--vectors DIR]" \
            "[--filter TEXT] [--configs LIST] [--cov-build DIR] [--fanout F] [--fuzz-dir DIR] [--synth LIST]" >&2; exit 2 ;;
  esac
done
case $budget in ''|*[!0-9]*) echo "nightly.sh: --budget wants seconds" >&2; exit 2 ;; esac
case $synth in none|[0-9]*:[0-9]*:[0-9]*:[0-9]*) ;;
  *) echo "nightly.sh: --synth wants NPORTS:NGROUPS:SLOTS:SRAM_LAT (';' between) or none, not '$synth'" >&2; exit 2 ;; esac
[ -n "$seed" ] || seed=$(date +%s)
rm -rf "$out"; mkdir -p "$out/junit" "$out/logs" "$out/waves"
out=$(cd "$out" && pwd)
t0=$(date +%s)
steps=() pass=0 fail=0
# step NAME STATUS(0 ok) SECONDS FIGURES: one summary line and one JUnit testcase
step() {
  local st=PASS; [ "$2" = 0 ] || st=FAIL
  [ "$2" = 0 ] && pass=$((pass + 1)) || fail=$((fail + 1))
  printf '%-14s %s %6d s  %s\n' "$1" "$st" "$3" "$4" | tee -a "$out/summary.txt"
  steps+=("$1|$2|$3|$4")
}
{ echo "fanout nightly: $(date -u '+%Y-%m-%d %H:%M UTC') on $(hostname), budget $budget s, seed base $seed,"
  echo "reseed $reseed per scenario and configuration, configurations $configs"; echo; } > "$out/summary.txt"
cat "$out/summary.txt"

# 1. The coverage tree (once; a no-op when up to date).
s=$(date +%s)
if ! "$top/tests/coverage.sh" --build "$covb" --configs "$configs" --build-only > "$out/logs/coverage-build.log" 2>&1; then
  tail -20 "$out/logs/coverage-build.log"; echo "nightly.sh: the coverage build failed" >&2; exit 2
fi
[ -x "$fanout" ] || fanout=$covb/fanout

# 2. Regress: golden vectors and reseeded runs, coverage, JUnit, waves of failures.
s=$(date +%s)
"$covb/fanout" regress "$vectors" "${filter[@]}" -j "$jobs" --reseed "$reseed" --seed "$seed" --coverage --coverage-dir "$out/coverage" \
  --junit "$out/junit/regress.xml" --waves-on-fail "$out/waves" --keep-dir "$out/reseed-failures" \
  > "$out/logs/regress.log" 2>&1; rc=$?
e=$(date +%s)
closing=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$out/logs/regress.log" | tail -1)
step regress "$rc" $((e - s)) "${closing:-no closing line (exit $rc)}; seeds $seed..$((seed + reseed - 1))"
cov=$(awk '$1 != "runs" { printf "%s%s %s%%", sep, $1, $2; sep = ", " }' "$out/coverage/summary.txt" 2>/dev/null)
[ -s "$out/coverage/html/index.html" ]; step coverage $? 0 "${cov:-no coverage figures}; html: coverage/html/index.html"

# 3. The synthesis check at issue 13's configuration (rtl/synth_report.sh --check: memory
#    ports and registered reads, flip-flops <= 10% of the state bits, logic depth <= 40).
if [ "$synth" != none ]; then
  s=$(date +%s)
  "$top/rtl/synth_report.sh" --check $(echo "$synth" | tr ';' ' ') > "$out/logs/synth.log" 2>&1; rc=$?
  e=$(date +%s)
  figs=$(sed -n 's/^summary: .*config=\([^ ]*\) .*ff_pct=\([^ ]*\) .*depth=\([0-9]*\).*/\1: depth \3, flip-flops \2%/p' "$out/logs/synth.log" | paste -sd ';' -)
  step synth "$rc" $((e - s)) "${figs:-no summary line (exit $rc)}; log: logs/synth.log"
fi

# 4. What is left of the budget: half to the soak, half to the fuzzers.
left=$(( budget - ($(date +%s) - t0) )); [ $left -gt 20 ] || left=20
soak_s=$(( left / 2 )) fuzz_s=$(( left / 2 / 3 )); [ $fuzz_s -ge 5 ] || fuzz_s=5
# The soak co-simulates about 20,000 cycles/s at 8 ports on one core (docs/robustness.md).
cycles=$(( soak_s * 20000 )); [ $cycles -ge 20000 ] || cycles=20000
s=$(date +%s)
"$top/tests/soak.sh" --cycles "$cycles" --seed "$seed" --fanout "$fanout" > "$out/logs/soak.log" 2>&1; rc=$?
if [ $rc != 0 ]; then "$top/tests/soak.sh" --cycles "$cycles" --seed "$seed" --fanout "$fanout" --keep "$out/soak" \
  >> "$out/logs/soak.log" 2>&1; fi
e=$(date +%s)
step soak "$rc" $((e - s)) "$(grep -m1 '^soak: [0-9]* cycles' "$out/logs/soak.log" || echo "see logs/soak.log")"
s=$(date +%s)
FANOUT_FUZZ_DIR=$fuzzdir "$top/tests/fuzz.sh" --time "$fuzz_s" > "$out/logs/fuzz.log" 2>&1; rc=$?
e=$(date +%s)
if [ -d "$fuzzdir/findings" ] && [ -n "$(ls -A "$fuzzdir/findings" 2>/dev/null)" ]; then
  cp -r "$fuzzdir/findings" "$out/fuzz-findings"; fi
step fuzz "$rc" $((e - s)) "3 targets, $fuzz_s s each; $(grep -c 'number_of_executed_units' "$out/logs/fuzz.log") ran to the end"

# The summary's JUnit (one testcase per step) and closing line.
total=$(( $(date +%s) - t0 ))
{
  echo '<?xml version="1.0" encoding="UTF-8"?>'
  echo "<testsuites tests=\"${#steps[@]}\" failures=\"$fail\" errors=\"0\" time=\"$total\">"
  echo "<testsuite name=\"fanout-nightly\" tests=\"${#steps[@]}\" failures=\"$fail\" errors=\"0\" time=\"$total\">"
  echo "  <properties>"
  echo "    <property name=\"seed_base\" value=\"$seed\"/>"
  echo "    <property name=\"reseed\" value=\"$reseed\"/>"
  echo "    <property name=\"budget\" value=\"$budget\"/>"
  echo "  </properties>"
  for x in "${steps[@]}"; do
    IFS='|' read -r n r t f <<< "$x"
    f=$(sed 's/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g; s/"/\&quot;/g' <<< "$f")
    echo "  <testcase classname=\"nightly\" name=\"$n\" time=\"$t\">"
    [ "$r" = 0 ] || echo "    <failure message=\"$n failed (exit $r)\" type=\"$n\">see logs/$n.log</failure>"
    echo "    <system-out>$f</system-out>"
    echo "  </testcase>"
  done
  echo "</testsuite>"
  echo "</testsuites>"
} > "$out/junit/nightly.xml"
{ echo; echo "nightly: $total s wall clock; report folder $out"; echo "$pass passed, $fail failed"; } | tee -a "$out/summary.txt"
[ $fail = 0 ]
