#!/usr/bin/env bash
# Tests of `fanout regress` on a scratch copy of a few golden vectors:
#   regress.sh FANOUT VECTORS-DIR CASE
# pass          every vector passes: exit 0, a summary table, "N passed, 0 failed"
# fail          a hand-edited golden trace: exit 1, the vector named, the reproduce command
#               printed, and the JUnit testcase carries the failure, and in its system-out
#               the seed and the command
# shards        --shard I/N over N = 1..4 covers every vector exactly once
# cosim_fail    an edited trace under co-simulation: --waves-on-fail writes the waveform (FST)
#               and its GTKWave view
# model_fail_writes_waves  the model's golden check fails (--model-only): --waves-on-fail
#               still writes a waveform and its view, by co-simulation; --waves-format vcd
# repro_runs_anywhere  the printed reproduce line, run as printed from another folder,
#               reproduces the failure and writes the waveform it names
# empty         a folder without vectors: exit 2, one line naming the folder, no table
# junit_schema  the JUnit of a passing run, of one with a failure and an error (a vector
#               without its trace), and of a reseeded run, valid against the Jenkins xUnit
#               schema (tests/junit/junit-10.xsd, xmllint); dotted classnames, errors counted
#               apart, the closing line counts the error as failed and names it; shard files
#               merged by tests/junit/merge.sh valid too
# reseed_shards --reseed N adds N runs of every scenario at every built configuration, and
#               --shard I/N over N = 1..4 covers vectors and reseeded runs exactly once
# reseed_pass   --reseed 1 of every scenario at the small configuration passes in co-simulation
#               with the model's checks on; the seed base is printed and in the JUnit
# reseed_failure_kept  a reseeded run made to fail (fanout-testhooks, FANOUT_TEST_BREAK_SEED):
#               exit 1, its vector kept (stimulus, model trace, .repro with the gen and cosim
#               commands), the JUnit failure names the kept files; the kept folder is itself
#               a vector folder that `fanout regress` passes
# coverage_needs_coverage_build  --coverage in an ordinary tree: exit 2, names
#               tests/coverage.sh, builds nothing (no BUILD-cov tree appears)
set -u
fanout=$1; vec=$2; case=$3
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# the default waveform format: FST where every configuration built has an FST model
ext=vcd; "$fanout" rtl --help | grep -q "^FST waveforms (--fst): every configuration" && ext=fst
fail() { echo "FAIL: $*"; exit 1; }
mkdir -p "$tmp/v/small"
for n in moe inband malformed churn-s4; do cp "$vec/small/$n.stim.gz" "$vec/small/$n.trace.gz" "$tmp/v/small/"; done
case $case in
empty)
  mkdir "$tmp/none"
  "$fanout" regress "$tmp/none" --model-only > "$tmp/out" 2> "$tmp/err"; rc=$?
  [ $rc -eq 2 ] || fail "exit $rc, wanted 2 ($(cat "$tmp/err"))"
  [ "$(wc -l < "$tmp/err")" -eq 1 ] && grep -q "no vectors .* under $tmp/none" "$tmp/err" || fail "stderr: $(cat "$tmp/err")"
  [ -s "$tmp/out" ] && fail "stdout not empty: $(cat "$tmp/out")"
  ;;
pass)
  "$fanout" regress "$tmp/v" --model-only -j 2 > "$tmp/out" 2>&1; rc=$?
  [ $rc -eq 0 ] || { cat "$tmp/out"; fail "exit $rc"; }
  grep -q "^4 passed, 0 failed$" "$tmp/out" || fail "no '4 passed, 0 failed'"
  grep -q "small/moe .* pass" "$tmp/out" || fail "no summary row"
  ;;
fail)
  zcat "$tmp/v/small/inband.trace.gz" | awk 'NR==50 {$1 = $1 + 1} {print}' | gzip > "$tmp/x" && mv "$tmp/x" "$tmp/v/small/inband.trace.gz"
  "$fanout" regress "$tmp/v" --model-only -j 2 --junit "$tmp/j.xml" > "$tmp/out" 2>&1; rc=$?
  [ $rc -eq 1 ] || { cat "$tmp/out"; fail "exit $rc, wanted 1"; }
  grep -q "^3 passed, 1 failed$" "$tmp/out" || fail "no '3 passed, 1 failed'"
  grep -q "small/inband \[model\]: .*inband.trace.gz:50: expected" "$tmp/out" || { cat "$tmp/out"; fail "failure not named with its line"; }
  if "$fanout" rtl --help | grep -q "built without the RTL"; then
    want="^  /.*/fanout model $tmp/v/small/inband.stim.gz --gold $tmp/v/small/inband.trace.gz$"
  else
    want="^  /.*/fanout cosim $tmp/v/small/inband.stim.gz --gold $tmp/v/small/inband.trace.gz --$ext /"
  fi
  grep -q "$want" "$tmp/out" || { cat "$tmp/out"; fail "no reproduce command (absolute paths)"; }
  grep -q '<failure message=".*inband.trace.gz:50' "$tmp/j.xml" || fail "JUnit has no failure"
  grep -q '^repro: /.*/fanout \(model\|cosim\) .*inband.stim.gz' "$tmp/j.xml" && grep -q '^seed: 2$' "$tmp/j.xml" || fail "JUnit lacks seed or repro"
  [ "$(grep -c '<testcase' "$tmp/j.xml")" = 4 ] || fail "JUnit: not one testcase per vector"
  ;;
shards)
  "$fanout" regress "$tmp/v" --list > "$tmp/all"
  for n in 1 2 3 4; do
    : > "$tmp/union"
    for i in $(seq 1 $n); do "$fanout" regress "$tmp/v" --list --shard "$i/$n" >> "$tmp/union"; done
    [ "$(sort "$tmp/union")" = "$(sort "$tmp/all")" ] || fail "shards of $n do not cover every vector exactly once"
  done
  "$fanout" regress "$tmp/v" --list --shard 0/2 > /dev/null 2>&1 && fail "--shard 0/2 accepted"
  ;;
cosim_fail)
  zcat "$tmp/v/small/moe.trace.gz" | awk 'NR==400 && $2=="out" {$5 = ($5=="00000000" ? "00000001" : "00000000")} NR==400 && $2!="out" {$1 = $1 + 1} {print}' | gzip > "$tmp/x" && mv "$tmp/x" "$tmp/v/small/moe.trace.gz"
  "$fanout" regress "$tmp/v" --rtl-only --filter small/moe --waves-on-fail "$tmp/w" > "$tmp/out" 2>&1; rc=$?
  [ $rc -eq 1 ] || { cat "$tmp/out"; fail "exit $rc, wanted 1"; }
  grep -q "fanout cosim .*small/moe.stim.gz --gold .*moe.trace.gz --$ext $tmp/w/moe.$ext" "$tmp/out" || fail "no reproduce command"
  [ -s "$tmp/w/moe.$ext" ] || { cat "$tmp/out"; fail "no waveform in --waves-on-fail"; }
  [ -s "$tmp/w/moe.gtkw" ] && grep -q "^TOP.fanout_tb.dut" "$tmp/w/moe.gtkw" || fail "no GTKWave view beside the waveform"
  grep -q "view it: gtkwave $tmp/w/moe.$ext $tmp/w/moe.gtkw" "$tmp/out" || fail "no command to open the view"
  ;;
model_fail_writes_waves)
  zcat "$tmp/v/small/inband.trace.gz" | awk 'NR==50 {$1 = $1 + 1} {print}' | gzip > "$tmp/x" && mv "$tmp/x" "$tmp/v/small/inband.trace.gz"
  cyc=$(zcat "$tmp/v/small/inband.trace.gz" | awk 'NR==50 {print $1}')   # the cycle of the line that differs
  for f in $ext vcd; do
    "$fanout" regress "$tmp/v" --model-only --filter small/inband --waves-on-fail "$tmp/w$f" --waves-format $f \
      --junit "$tmp/j.xml" > "$tmp/out" 2>&1; rc=$?
    [ $rc -eq 1 ] || { cat "$tmp/out"; fail "exit $rc, wanted 1"; }
    grep -q "small/inband \[model\]" "$tmp/out" || fail "the model's failure not named"
    [ -s "$tmp/w$f/inband.$f" ] && [ -s "$tmp/w$f/inband.gtkw" ] || { cat "$tmp/out"; ls -l "$tmp/w$f"; fail "$f: no waveform and view for a model-side failure"; }
    grep -q "^\\*-[0-9.]* ${cyc}000 " "$tmp/w$f/inband.gtkw" || fail "$f: the marker is not at cycle $cyc (the line that differs)"
    grep -q "ATTACHMENT|$tmp/w$f/inband.$f" "$tmp/j.xml" || fail "$f: JUnit does not attach the waveform"
  done
  "$fanout" regress "$tmp/v" --waves-format lxt --model-only > /dev/null 2>&1 && fail "--waves-format lxt accepted"
  ;;
repro_runs_anywhere)
  zcat "$tmp/v/small/moe.trace.gz" | awk 'NR>=400 && $2=="out" && !done {$5 = ($5=="00000000" ? "00000001" : "00000000"); done=1} {print}' | gzip > "$tmp/x" && mv "$tmp/x" "$tmp/v/small/moe.trace.gz"
  (cd "$tmp" && "$fanout" regress v --filter small/moe --rtl-only --waves-on-fail w > "$tmp/out" 2>&1); rc=$?
  [ $rc -eq 1 ] || { cat "$tmp/out"; fail "exit $rc, wanted 1"; }
  line=$(grep -A1 "^v/small/moe \[cosim\]" "$tmp/out" | tail -1)
  [ -n "$line" ] || { cat "$tmp/out"; fail "no reproduce line"; }
  rm -rf "$tmp/w"; mkdir -p "$tmp/elsewhere" "$tmp/w"
  (cd "$tmp/elsewhere" && PATH=/usr/bin:/bin eval "$line") > /dev/null 2> "$tmp/err"; rc=$?
  [ $rc -eq 1 ] || { cat "$tmp/err"; fail "the reproduce line, run from elsewhere: exit $rc, wanted 1 ($line)"; }
  grep -q "MISMATCH" "$tmp/err" || fail "the reproduce line did not reproduce the mismatch"
  [ -s "$tmp/w/moe.$ext" ] && [ -s "$tmp/w/moe.gtkw" ] || fail "the reproduce line wrote no waveform and view"
  ;;
junit_schema)
  xsd=$(dirname "$0")/junit/junit-10.xsd
  command -v xmllint >/dev/null || fail "xmllint not installed (libxml2-utils, tests/install-deps.sh)"
  "$fanout" regress "$tmp/v" --model-only -j 2 --junit "$tmp/pass.xml" > /dev/null 2>&1 || fail "passing run"
  zcat "$tmp/v/small/inband.trace.gz" | awk 'NR==50 {$1 = $1 + 1} {print}' | gzip > "$tmp/x" && mv "$tmp/x" "$tmp/v/small/inband.trace.gz"
  cp "$vec/small/unicast.stim.gz" "$tmp/v/small/notrace.stim.gz"
  "$fanout" regress "$tmp/v" --model-only -j 2 --junit "$tmp/fail.xml" > "$tmp/out" 2>&1; rc=$?
  [ $rc -eq 1 ] || { cat "$tmp/out"; fail "exit $rc, wanted 1"; }
  grep -q "^3 passed, 2 failed (1 of them error, not a mismatch: .*small/notrace)$" "$tmp/out" ||
    { tail -3 "$tmp/out"; fail "closing line does not count the error as failed and name it"; }
  grep -q '<testsuite name="fanout-regress" tests="5" failures="1" errors="1"' "$tmp/fail.xml" || fail "errors not counted apart"
  grep -q '<error message=".*notrace.stim.gz: no golden trace beside it" type="configuration"' "$tmp/fail.xml" || fail "no <error>"
  grep -q '<testcase classname="vectors.small" name="inband"' "$tmp/fail.xml" || fail "classname not dotted"
  grep -q 'classname="[^"]*/' "$tmp/fail.xml" && fail "a classname with a slash"
  awk '/<testcase/,/<\/testcase>/' "$tmp/fail.xml" | grep -q '<properties>' && fail "properties inside a testcase"
  mkdir "$tmp/none"
  "$fanout" regress "$tmp/none" --model-only -j 2 --reseed 1 --seed 41 --filter inband --junit "$tmp/reseed.xml" \
    > "$tmp/out" 2>&1 || { cat "$tmp/out"; fail "reseeded run"; }
  grep -q '<property name="seed_base" value="41"/>' "$tmp/reseed.xml" || fail "seed base not in the JUnit properties"
  for f in pass fail reseed; do
    xmllint --noout --schema "$xsd" "$tmp/$f.xml" 2> "$tmp/xl" || { cat "$tmp/xl"; fail "$f.xml not valid against $xsd"; }
  done
  "$(dirname "$0")/junit/merge.sh" "$tmp/merged.xml" "$tmp/pass.xml" "$tmp/fail.xml" > /dev/null || fail "merge.sh"
  xmllint --noout --schema "$xsd" "$tmp/merged.xml" 2> "$tmp/xl" || { cat "$tmp/xl"; fail "merged JUnit not valid"; }
  grep -q '^<testsuites tests="9" failures="1" errors="1"' "$tmp/merged.xml" || fail "merged totals: $(grep '^<testsuites' "$tmp/merged.xml")"
  [ "$(grep -c '<testcase' "$tmp/merged.xml")" = 9 ] || fail "merged file lost testcases"
  ;;
reseed_shards)
  nsc=$("$fanout" gen --help | sed -n '/^scenarios:/,$p' | grep -c '^  [a-z]')   # scenarios gen knows
  "$fanout" regress "$tmp/v" --list --reseed 2 --seed 100 > "$tmp/all"
  nres=$(grep -c '^reseed/' "$tmp/all")
  ncfg=$(grep '^reseed/' "$tmp/all" | cut -d/ -f2 | sort -u | wc -l)
  [ "$ncfg" -ge 1 ] && [ "$nres" -eq $(( 2 * nsc * ncfg )) ] || fail "$nres reseeded runs for $ncfg configurations, wanted 2 x $nsc scenarios each"
  grep -q '^reseed/.*/moe-s100$' "$tmp/all" && grep -q '^reseed/.*/moe-s101$' "$tmp/all" || fail "seeds 100, 101 not named"
  [ "$(sort "$tmp/all" | uniq -d | wc -l)" -eq 0 ] || fail "a run listed twice"
  for n in 1 2 3 4; do
    : > "$tmp/union"
    for i in $(seq 1 $n); do "$fanout" regress "$tmp/v" --list --reseed 2 --seed 100 --shard "$i/$n" >> "$tmp/union"; done
    [ "$(sort "$tmp/union")" = "$(sort "$tmp/all")" ] || fail "shards of $n do not cover every run exactly once"
  done
  ;;
reseed_pass)
  nsc=$("$fanout" gen --help | sed -n '/^scenarios:/,$p' | grep -c '^  [a-z]')   # scenarios gen knows
  mkdir "$tmp/none"
  "$fanout" regress "$tmp/none" -j 2 --reseed 1 --seed 12345 --filter p8_g1024_s64_l2 --junit "$tmp/j.xml" > "$tmp/out" 2>&1; rc=$?
  [ $rc -eq 0 ] || { cat "$tmp/out"; fail "exit $rc"; }
  grep -q "^$nsc passed, 0 failed$" "$tmp/out" || fail "not $nsc runs passed"
  grep -q "reseed: 1 seeds from 12345" "$tmp/out" || fail "seed base not printed"
  grep -q '<property name="seed_base" value="12345"/>' "$tmp/j.xml" || fail "seed base not in the JUnit"
  ;;
reseed_failure_kept)
  fanout=$(cd "$(dirname "$fanout")" && pwd)/$(basename "$fanout"); hooks=$(dirname "$fanout")/fanout-testhooks
  [ -x "$hooks" ] || fail "no $hooks"
  mkdir "$tmp/none"
  (cd "$tmp" && FANOUT_TEST_BREAK_SEED=8 "$hooks" regress none -j 2 --reseed 2 --seed 7 --filter p8_g1024_s64_l2/moe- --keep-dir kept \
     --junit j.xml > out 2>&1); rc=$?
  [ $rc -eq 1 ] || { cat "$tmp/out"; fail "exit $rc, wanted 1"; }
  grep -q "^1 passed, 1 failed$" "$tmp/out" || { cat "$tmp/out"; fail "not '1 passed, 1 failed'"; }
  k=$(ls -d "$tmp"/kept/*/ | head -1); k=${k%/}
  for f in moe-s8.stim.gz moe-s8.trace.gz moe-s8.repro; do [ -s "$k/$f" ] || fail "not kept: $k/$f"; done
  [ -e "$k/moe-s7.stim.gz" ] && fail "a passing seed was kept"
  grep -q "^fanout gen moe --seed 8 --ports [0-9]* --groups [0-9]* -o moe-s8.stim.gz$" "$k/moe-s8.repro" || fail "no gen line in .repro"
  grep -q "^fanout cosim kept/.*/moe-s8.stim.gz --gold kept/.*/moe-s8.trace.gz --check" "$k/moe-s8.repro" || fail "no cosim line in .repro"
  grep -q "/fanout[a-z-]* cosim /.*/kept/.*/moe-s8.stim.gz --gold" "$tmp/out" || fail "repro not printed"
  grep -q "kept as a vector: kept/" "$tmp/out" || fail "kept vector not named"
  grep -q '<failure message=".*" type="cosim">' "$tmp/j.xml" && grep -q 'kept: kept/.*moe-s8.stim.gz' "$tmp/j.xml" || fail "JUnit lacks the failure or the kept vector"
  xmllint --noout --schema "$(dirname "$0")/junit/junit-10.xsd" "$tmp/j.xml" || fail "JUnit not valid"
  # the stimulus is what gen makes for that seed, and the kept folder is a vector folder
  ( cd "$tmp" && "$fanout" gen moe $(sed -n 's/^fanout gen moe \(.*\) -o .*/\1/p' "$k/moe-s8.repro") -o regen.stim.gz ) || fail "gen"
  [ "$(zcat "$tmp/regen.stim.gz" | md5sum)" = "$(zcat "$k/moe-s8.stim.gz" | md5sum)" ] || fail "kept stimulus differs from gen's"
  "$fanout" regress "$tmp/kept" -j 2 > "$tmp/out2" 2>&1 || { cat "$tmp/out2"; fail "the kept vector does not pass with the real RTL"; }
  ;;
coverage_needs_coverage_build)
  bdir=$(dirname "$fanout")
  "$fanout" regress "$tmp/v" --coverage --coverage-dir "$tmp/c" > "$tmp/out" 2> "$tmp/err"; rc=$?
  [ $rc -eq 2 ] || fail "exit $rc, wanted 2"
  grep -q "not a coverage build; tests/coverage.sh builds one" "$tmp/err" || fail "stderr: $(cat "$tmp/err")"
  [ -e "$bdir-cov" ] && [ "$bdir-cov" -nt "$tmp/v" ] && fail "a $bdir-cov tree was made"
  [ -s "$tmp/out" ] && fail "stdout not empty"
  ;;
*) fail "unknown case $case" ;;
esac
echo "ok: $case"
