#!/usr/bin/env bash
# Tests of `fanout regress` on a scratch copy of a few golden vectors:
#   regress.sh FANOUT VECTORS-DIR CASE
# pass          every vector passes: exit 0, a summary table, "N passed, 0 failed"
# fail          a hand-edited golden trace: exit 1, the vector named, the reproduce command
#               printed, and the JUnit testcase carries the failure, the seed and the command
# shards        --shard I/N over N = 1..4 covers every vector exactly once
# cosim_fail    an edited trace under co-simulation: --waves-on-fail writes the waveform (FST)
#               and its GTKWave view
# model_fail_writes_waves  the model's golden check fails (--model-only): --waves-on-fail
#               still writes a waveform and its view, by co-simulation; --waves-format vcd
# repro_runs_anywhere  the printed reproduce line, run as printed from another folder,
#               reproduces the failure and writes the waveform it names
# empty         a folder without vectors: exit 2, one line naming the folder, no table
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
  grep -q '<property name="repro"' "$tmp/j.xml" && grep -q '<property name="seed" value="2"' "$tmp/j.xml" || fail "JUnit lacks seed or repro"
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
  for f in $ext vcd; do
    "$fanout" regress "$tmp/v" --model-only --filter small/inband --waves-on-fail "$tmp/w$f" --waves-format $f \
      --junit "$tmp/j.xml" > "$tmp/out" 2>&1; rc=$?
    [ $rc -eq 1 ] || { cat "$tmp/out"; fail "exit $rc, wanted 1"; }
    grep -q "small/inband \[model\]" "$tmp/out" || fail "the model's failure not named"
    [ -s "$tmp/w$f/inband.$f" ] && [ -s "$tmp/w$f/inband.gtkw" ] || { cat "$tmp/out"; ls -l "$tmp/w$f"; fail "$f: no waveform and view for a model-side failure"; }
    grep -q '^\*-[0-9.]* 31000 ' "$tmp/w$f/inband.gtkw" || fail "$f: the marker is not at cycle 31 (the line that differs)"
    grep -q "ATTACHMENT|$tmp/w$f/inband.$f" "$tmp/j.xml" || fail "$f: JUnit does not attach the waveform"
  done
  "$fanout" regress "$tmp/v" --waves-format lxt --model-only > /dev/null 2>&1 && fail "--waves-format lxt accepted"
  ;;
repro_runs_anywhere)
  zcat "$tmp/v/small/moe.trace.gz" | awk 'NR==400 && $2=="out" {$5 = ($5=="00000000" ? "00000001" : "00000000")} {print}' | gzip > "$tmp/x" && mv "$tmp/x" "$tmp/v/small/moe.trace.gz"
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
*) fail "unknown case $case" ;;
esac
echo "ok: $case"
