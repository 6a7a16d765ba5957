#!/usr/bin/env bash
# Waveforms of a mismatch and their GTKWave views, run by CTest:
#   waves.sh FANOUT CASE STIM TRACE [FMT]
# savefile_signals_exist   a golden-trace mismatch with --FMT: the message names the pin's
#                          full path and the command `gtkwave W S`; GTKWave (under Xvfb)
#                          opens the save file, every signal it names exists in the
#                          waveform, the marker sits on the mismatch, in view; the groups
#                          of the failing packet's path are there
# savefile_config_commit   a commit that differs (an in-band cfg line edited): the view has the
#                          commit pins (rtl, then model) and the config engine, and the
#                          ingress port's parser; GTKWave finds every signal
# expected_beside_actual   the waveform carries the cycle number (= its time in ns) and the
#                          model's pins under `model`, equal to the RTL's before the mismatch
# window_needs_waveform    --from/--to/--window without --vcd/--fst: usage error, exit 2
#
# check_view WAVE SAVE [MARKER-CYCLE] (also used by tests/rtl_bug.sh): GTKWave lists the
# waveform's facilities; every trace line of SAVE must be one of them.
set -u
fanout=$1; case=$2; stim=${3:-}; trace=${4:-}; fmt=${5:-vcd}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
here=$(cd "$(dirname "$0")" && pwd)
. "$here/waves_lib.sh"

# A golden trace with one out line's crc changed (line N): a mismatch at that line's cycle.
bad_trace() {
  zcat -f "$trace" | awk -v n="$1" 'NR==n { if ($2 != "out") { print "line " n " is not an out line" > "/dev/stderr"; exit 3 }
                                              $5 = ($5 == "00000000" ? "00000001" : "00000000") } {print}' > "$tmp/bad.trace"
}

case $case in
savefile_signals_exist)
  n=$(zcat -f "$trace" | awk '$2 == "out" && NR > 300 { print NR; exit }')
  bad_trace "$n" || fail "no out line"
  cyc=$(sed -n "${n}p" "$tmp/bad.trace" | cut -d' ' -f1); egress=$(sed -n "${n}p" "$tmp/bad.trace" | cut -d' ' -f3)
  hdr=$(sed -n "${n}p" "$tmp/bad.trace" | cut -d' ' -f4); ingress=$(( (0x$hdr >> 55) & 63 ))
  "$fanout" cosim "$stim" --gold "$tmp/bad.trace" --$fmt "$tmp/w.$fmt" --window 300 > /dev/null 2> "$tmp/err"; rc=$?
  [ $rc -eq 1 ] || { cat "$tmp/err"; fail "exit $rc, wanted 1"; }
  grep -q "view it: gtkwave $tmp/w.$fmt $tmp/w.gtkw" "$tmp/err" || { cat "$tmp/err"; fail "no 'gtkwave W S' command printed"; }
  grep -q "in the waveform: TOP.fanout_tb.port\[$egress\].out_data\[63:0\] (rtl), TOP.fanout_tb.model.port\[$egress\].out_data\[63:0\] (model)" "$tmp/err" ||
    { cat "$tmp/err"; fail "the pin's full path in the waveform is not named"; }
  [ -s "$tmp/w.gtkw" ] || fail "no save file"
  check_view "$tmp/w.$fmt" "$tmp/w.gtkw" "$cyc" || exit 1
  # the path named in the message is a facility of the waveform too
  grep -qxF "TOP.fanout_tb.port[$egress].out_data[63:0]" "$tmp/facs" || fail "the message's signal is not in the waveform"
  grep -qxF "TOP.fanout_tb.model.port[$egress].out_data[63:0]" "$tmp/facs" || fail "the message's model signal is not in the waveform"
  for g in "egress $egress pins: rtl, then model" "parser (ingress $ingress)" "lookup (ingress $ingress)" \
           "replicator (ingress $ingress)" "egress queue $egress"; do
    grep -qxF -- "-$g" "$tmp/w.gtkw" || fail "save file has no group '$g'"
  done
  grep -q "^TOP.fanout_tb.dut.g_port\[$ingress\].u_parser" "$tmp/w.gtkw" || fail "not the failing packet's parser"
  grep -q "^TOP.fanout_tb.dut.g_egress\[$egress\].u_egress" "$tmp/w.gtkw" || fail "not the failing port's egress queue"
  ;;
savefile_config_commit)
  n=$(zcat -f "$trace" | awk '$2 == "cfg" && NR > 300 { print NR; exit }')
  [ -n "$n" ] || fail "no cfg line in $trace"
  zcat -f "$trace" | awk -v n="$n" 'NR == n { $6 = ($6 == "0000000000000000" ? "0000000000000001" : "0000000000000000") } {print}' > "$tmp/bad.trace"
  cyc=$(sed -n "${n}p" "$tmp/bad.trace" | cut -d' ' -f1); port=$(sed -n "${n}p" "$tmp/bad.trace" | cut -d' ' -f3)
  "$fanout" cosim "$stim" --gold "$tmp/bad.trace" --$fmt "$tmp/w.$fmt" --window 300 > /dev/null 2> "$tmp/err"; rc=$?
  [ $rc -eq 1 ] || { cat "$tmp/err"; fail "exit $rc, wanted 1"; }
  gid=$(sed -n "${n}p" "$tmp/bad.trace" | cut -d' ' -f5)
  lanes=1; while [ $lanes -lt "$(zcat -f "$trace" | awk '$2 == "nports" {print $3; exit}')" ]; do lanes=$((lanes * 2)); done
  lane=$((gid % lanes))                                 # the commit lane: the group's config bank
  grep -q "in the waveform: TOP.fanout_tb.lane\[$lane\].commit_bitmap\[63:0\] (rtl), TOP.fanout_tb.model.lane\[$lane\].commit_bitmap\[63:0\] (model)" "$tmp/err" ||
    { cat "$tmp/err"; fail "the commit pins not named"; }
  check_view "$tmp/w.$fmt" "$tmp/w.gtkw" "$cyc" || exit 1
  for g in "commit pins: rtl, then model" "config engine" "parser (ingress $port)"; do
    grep -qxF -- "-$g" "$tmp/w.gtkw" || fail "save file has no group '$g'"
  done
  grep -q "^TOP.fanout_tb.dut.u_cfg_engine" "$tmp/w.gtkw" || fail "no config engine signal"
  ;;
expected_beside_actual)
  n=$(zcat -f "$trace" | awk '$2 == "out" && NR > 300 { print NR; exit }')
  bad_trace "$n" || fail "no out line"
  cyc=$(sed -n "${n}p" "$tmp/bad.trace" | cut -d' ' -f1)
  "$fanout" cosim "$stim" --gold "$tmp/bad.trace" --vcd "$tmp/w.vcd" --window 200 > /dev/null 2> "$tmp/err"; rc=$?
  [ $rc -eq 1 ] || { cat "$tmp/err"; fail "exit $rc, wanted 1"; }
  # sample every signal at each whole nanosecond (a cycle, after its inputs are driven)
  awk '
    function dump(   id, k, n, a) { for (id in want) { n = split(name[id], a, " "); for (k = 1; k <= n; k++) print t, a[k], v[id] } }
    $1 == "$scope" { sc[++d] = $3; next }
    $1 == "$upscope" { d--; next }
    $1 == "$var" { p = ""; for (i = 1; i <= d; i++) p = p sc[i] "."; name[$4] = name[$4] " " p $5; next }
    $1 == "$enddefinitions" { for (id in name) if (name[id] ~ /(fanout_tb\.cycle|port\[[0-9]+\]\.out_valid)/) want[id] = 1; next }
    /^#/ { if (have && t % 1000 == 0) dump(); t = substr($0, 2) + 0; have = 1; next }
    /^b/ { v[$2] = substr($1, 2); next }
    /^[01xz]/ { v[substr($0, 2)] = substr($0, 1, 1); next }
    END { if (have && t % 1000 == 0) dump() }' "$tmp/w.vcd" > "$tmp/samples"
  [ -s "$tmp/samples" ] || fail "no samples read from the VCD"
  # the cycle signal is the time in ns
  awk '$2 == "TOP.fanout_tb.cycle" { c = 0; s = $3; for (i = 1; i <= length(s); i++) c = c * 2 + substr(s, i, 1); if (c * 1000 != $1) { print "cycle " c " at time " $1; bad = 1 } ; n++ }
       END { if (!n) { print "no cycle signal"; bad = 1 } exit bad }' "$tmp/samples" || fail "cycle number is not the waveform time"
  # the model's pins equal the RTL's in every sampled cycle before the mismatch
  awk -v m="$cyc" '$1 < m * 1000 && $2 ~ /fanout_tb\.port\[[0-9]+\]\.out_valid$/ { k = $1 " " $2; sub(/fanout_tb\./, "fanout_tb.model.", k); rtl[k] = $3; n++ }
       $1 < m * 1000 && $2 ~ /fanout_tb\.model\.port\[[0-9]+\]\.out_valid$/ { model[$1 " " $2] = $3 }
       END { for (k in rtl) { if (!(k in model)) { print "no model value for " k; exit 1 } if (rtl[k] != model[k]) { print "differ: " k; bad = 1 } ; if (rtl[k] == 1) ones++ }
             if (!n || !ones) { print "nothing compared (" n " samples, " ones " valid)"; exit 1 } exit bad }' "$tmp/samples" ||
    fail "model.port[e].out_valid is not the RTL's out_valid before the mismatch"
  ;;
window_needs_waveform)
  for opt in "--from 10" "--to 20" "--window 50"; do
    "$fanout" cosim "$stim" $opt > /dev/null 2> "$tmp/err"; rc=$?
    [ $rc -eq 2 ] || fail "cosim $opt without a waveform: exit $rc, wanted 2"
    grep -q "give --vcd F or --fst F" "$tmp/err" || { cat "$tmp/err"; fail "cosim $opt: no reason given"; }
  done
  "$fanout" rtl "$stim" --from 10 > /dev/null 2> "$tmp/err"; rc=$?
  [ $rc -eq 2 ] || fail "rtl --from without a waveform: exit $rc, wanted 2"
  ;;
*) fail "unknown case $case" ;;
esac
echo "ok: $case"
