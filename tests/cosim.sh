#!/usr/bin/env bash
# Co-simulation tests of the RTL against the model, run by CTest:
#   cosim.sh FANOUT CASE [ARGS]
# CASE scenario SCEN SEED      a fresh `gen` stimulus (8 ports, 1024 groups) in lock-step
# CASE randreset STIM SEED     lock-step with every RTL register and memory starting random
# CASE gold_mismatch STIM TRACE  an edited golden trace is caught: exit 1, its line named
# CASE vcd STIM               --vcd with a window writes a VCD with the documented signals
# CASE fst STIM               --fst writes an FST that GTKWave's fst2vcd reads
# CASE vcd_on_mismatch STIM TRACE  a mismatch with --vcd dumps the cycles that lead up to it
# CASE fst_unbuilt STIM        --fst where no FST model is built: exit 2, says how to build one
# CASE wrong_config           a stimulus for an unbuilt configuration: exit 2, built ones named
# CASE sweep_same_as_fast DIR  every vector DIR/*.stim.gz: the RTL with the reset's clear sweep
#                             simulated (--sweep) and with the table starting cleared (the
#                             default fast clear), both from random register and memory values
#                             (--rand-reset), writes byte-identical traces, equal to the golden one
# CASE sweep STIM TRACE        lock-step with the clear sweep simulated, against the golden trace
# CASE dump_table STIM TRACE  `fanout rtl --dump-table` (read from the table's banks) lists every
#                             non-empty group with the bitmap of its last commit in the trace
set -u
fanout=$1; case=$2; shift 2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
case $case in
scenario)
  "$fanout" gen "$1" --seed "$2" --ports 8 --groups 1024 -o "$tmp/s.stim.gz" || fail "gen"
  "$fanout" cosim "$tmp/s.stim.gz" || fail "cosim $1 seed $2"
  ;;
randreset)
  "$fanout" cosim "$1" --rand-reset "$2" || fail "cosim with random reset seed $2"
  ;;
sweep_same_as_fast)
  n=0
  for stim in "$1"/*.stim.gz; do
    name=$(basename "$stim" .stim.gz)
    "$fanout" rtl "$stim" --rand-reset 11 --sweep --quiet -o "$tmp/sweep.trace" || fail "$name: rtl --sweep"
    "$fanout" rtl "$stim" --rand-reset 11 --quiet -o "$tmp/fast.trace" || fail "$name: rtl (fast clear)"
    cmp "$tmp/sweep.trace" "$tmp/fast.trace" || fail "$name: the sweep and the fast clear give different traces"
    cmp -s "$tmp/fast.trace" <(zcat "${stim%.stim.gz}.trace.gz") || fail "$name: differs from its golden trace"
    n=$((n + 1))
  done
  [ $n -gt 0 ] || fail "no vector in $1"
  echo "$n vectors: sweep and fast clear identical"
  ;;
sweep)
  "$fanout" cosim "$1" --sweep --gold "$2" || fail "cosim --sweep"
  ;;
dump_table)
  "$fanout" rtl "$1" -o /dev/null --quiet --dump-table "$tmp/table" || fail "rtl --dump-table"
  zcat "$2" | awk '$2 == "cfg" { w[$5] = $6 } $2 == "csr" { w[$4] = $5 }
                   END { for (g in w) if (w[g] != "0000000000000000") print g, w[g] }' |
    sort -n > "$tmp/want"
  [ -s "$tmp/want" ] || fail "no group in the trace"
  cmp -s "$tmp/want" "$tmp/table" || { diff "$tmp/want" "$tmp/table" | head; fail "table differs from the trace"; }
  ;;
gold_mismatch)
  # change one copy's crc at line 200 of the golden trace
  zcat "$2" | awk 'NR==200 && $2=="out" {$5 = ($5=="00000000" ? "00000001" : "00000000")} NR==200 && $2!="out" {$1 = $1 + 1} {print}' > "$tmp/bad.trace"
  "$fanout" cosim "$1" --gold "$tmp/bad.trace" > "$tmp/out" 2> "$tmp/err"; rc=$?
  [ $rc -eq 1 ] || fail "exit $rc, wanted 1"
  grep -q "bad.trace:200: expected" "$tmp/err" || { cat "$tmp/err"; fail "line 200 not named"; }
  ;;
vcd)
  "$fanout" rtl "$1" -o "$tmp/t.trace" --vcd "$tmp/w.vcd" --from 100 --to 300 --quiet || fail "rtl --vcd"
  grep -q '^\$enddefinitions' "$tmp/w.vcd" || fail "no VCD header"   # grep -q stops at the first match
  for sig in clk_i in_valid_i out_ready_i u_cfg; do
    grep -q "$sig" "$tmp/w.vcd" || fail "signal $sig not in the VCD"
  done
  # timestamps: cycles 100..300 only (cycle c is c ns = c*1000 ps; the clock rises at c.5 ns)
  grep -q '^\$timescale 1ps' "$tmp/w.vcd" || grep -A1 '^\$timescale' "$tmp/w.vcd" | grep -q '1ps' || fail "timescale not 1 ps"
  first=$(grep -m1 '^#' "$tmp/w.vcd" | tr -d '#'); last=$(grep '^#' "$tmp/w.vcd" | tail -1 | tr -d '#')
  [ "$first" -eq 100000 ] && [ "$last" -eq 300500 ] || fail "window #$first..#$last, wanted #100000..#300500 (cycles 100..300)"
  command -v vcd2fst >/dev/null || fail "vcd2fst (gtkwave) is not installed: tests/install-deps.sh installs it"
  vcd2fst "$tmp/w.vcd" "$tmp/w.fst" >/dev/null 2>&1 && [ -s "$tmp/w.fst" ] || fail "GTKWave's vcd2fst cannot read it"
  "$fanout" model "$1" -o "$tmp/m.trace" --quiet
  cmp -s "$tmp/t.trace" "$tmp/m.trace" || fail "dumping a waveform changed the trace"
  ;;
fst)
  "$fanout" rtl "$1" -o "$tmp/t.trace" --fst "$tmp/w.fst" --from 10 --to 400 --quiet || fail "rtl --fst"
  [ -s "$tmp/w.fst" ] || fail "no FST written"
  if command -v fst2vcd >/dev/null; then
    fst2vcd -f "$tmp/w.fst" -o "$tmp/back.vcd" >/dev/null 2>&1 || fail "GTKWave's fst2vcd cannot read it"
    grep -q "in_valid_i" "$tmp/back.vcd" || fail "signal in_valid_i not in the FST"
  else
    fail "fst2vcd (gtkwave) is not installed: tests/install-deps.sh installs it"
  fi
  "$fanout" model "$1" -o "$tmp/m.trace" --quiet
  cmp -s "$tmp/t.trace" "$tmp/m.trace" || fail "dumping a waveform changed the trace"
  ;;
fst_unbuilt)
  # a configuration built without an FST model: exit 2, the way to build one named, no file
  "$fanout" rtl "$1" -o "$tmp/t.trace" --fst "$tmp/w.fst" --quiet > /dev/null 2> "$tmp/err"; rc=$?
  [ $rc -eq 2 ] || { cat "$tmp/err"; fail "exit $rc, wanted 2"; }
  grep -q -- "-DFANOUT_RTL_FST=ON" "$tmp/err" || { cat "$tmp/err"; fail "the message does not say how to build FST"; }
  [ ! -e "$tmp/w.fst" ] || fail "an FST file was written"
  [ ! -s "$tmp/t.trace" ] || fail "a trace was written"
  ;;
vcd_on_mismatch)
  # the first copy out from line 300 on gets a wrong crc
  zcat "$2" | awk 'NR>=300 && !done && $2=="out" {$5 = ($5=="00000000" ? "00000001" : "00000000"); done=1} {print}' > "$tmp/bad.trace"
  cmp -s <(zcat "$2") "$tmp/bad.trace" && fail "the trace was not corrupted"
  "$fanout" cosim "$1" --gold "$tmp/bad.trace" --vcd "$tmp/m.vcd" --window 500 > /dev/null 2> "$tmp/err"; rc=$?
  [ $rc -eq 1 ] || fail "exit $rc, wanted 1"
  grep -q "waveform of cycles" "$tmp/err" || { cat "$tmp/err"; fail "no waveform named"; }
  [ -s "$tmp/m.vcd" ] || fail "no waveform written"
  ;;
wrong_config)
  printf 'fanout-stim 1\nparam nports 16\nparam ngroups 4096\n0 pkt 0 0000000100000001 seed 0000000000000001\n' > "$tmp/w.stim"
  "$fanout" cosim "$tmp/w.stim" > /dev/null 2> "$tmp/err"; rc=$?
  [ $rc -eq 2 ] || fail "exit $rc, wanted 2"
  grep -q "nports=32 ngroups=65536" "$tmp/err" && grep -q "nports=8 ngroups=1024" "$tmp/err" || { cat "$tmp/err"; fail "built configurations not named"; }
  ;;
*) fail "unknown case $case" ;;
esac
echo "ok: $case $*"
