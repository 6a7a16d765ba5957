#!/bin/sh
# param_check.sh [RTL_DIR]: a parameter out of its range stops elaboration with a message
# naming the module, the parameter and its range (rtl/fanout_assert.vh, FO_PARAM_ERROR):
# under Verilator (--lint-only: an elaboration error, exit non-zero) and under Icarus
# (-g2012: $error and $finish at time 0, before the first cycle). Icarus runs the cases
# that still elaborate (a degenerate value such as NPORTS 3 or LOOKUPS > NPORTS gives
# zero-width vectors, which Icarus reports first, with its own errors). One in-range run
# of each tool (no message) shows that the check is not always on. (SLOTS 1 is not a case:
# with a 0-bit slot number Verilator stops on its own width errors before the check.)
# Usage: tests/rtl/param_check.sh [RTL_DIR]   (default: this script's ../../rtl)
set -u
here=$(cd "$(dirname "$0")" && pwd)
rtl=${1:-$here/../../rtl}
for t in verilator iverilog vvp; do
  command -v $t >/dev/null 2>&1 || { echo "param_check.sh: $t not found" >&2; exit 2; }
done
files=$(ls "$rtl"/*.v | grep -v -E '/(tb_[^/]*|[^/]*_tb)\.v$')
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
status=0

# case TOOLS TOP "PARAM=V ..." EXPECTED-MESSAGE ("" = in range: no message, success);
# TOOLS: both, or verilator alone
case_() {
  tools=$1; shift
  top=$1; params=$2; want=$3
  vargs=""; iargs=""
  for p in $params; do vargs="$vargs -G$p"; iargs="$iargs -P $top.$p"; done
  # shellcheck disable=SC2086
  vout=$(verilator --lint-only -Wall -I"$rtl" --top-module "$top" $vargs $files 2>&1); vrc=$?
  iout=""; irc=0
  # shellcheck disable=SC2086
  [ "$tools" = both ] && iout=$(iverilog -g2012 -I "$rtl" -s "$top" $iargs -o "$tmp/t.vvp" $files 2>&1 &&
         vvp -n "$tmp/t.vvp" 2>&1); irc=$?
  run="verilator"; [ "$tools" = both ] && run="verilator icarus"
  for tool in $run; do
    if [ $tool = verilator ]; then out=$vout; rc=$vrc; else out=$iout; rc=$irc; fi
    if [ -z "$want" ]; then
      if [ $rc -ne 0 ] || echo "$out" | grep -q "out of range\|below 2"; then
        echo "param_check.sh: $top $params under $tool: in range, but: (rc $rc)"; echo "$out" | head -5
        status=1
      else
        echo "param_check.sh: $top $params under $tool: in range, elaborates"
      fi
    elif ! echo "$out" | grep -qF "$want"; then
      echo "param_check.sh: $top $params under $tool: no '$want' (rc $rc):"; echo "$out" | head -8
      status=1
    elif [ $tool = verilator ] && [ $rc -eq 0 ]; then
      echo "param_check.sh: $top $params under verilator: message but exit 0"
      status=1
    else
      echo "param_check.sh: $top $params under $tool: stops: $want"
    fi
  done
}

base="NGROUPS=1024"
case_ both      fanout_switch "NPORTS=8 $base" ""
case_ verilator fanout_switch "NPORTS=3 $base" "fanout_switch: NPORTS 3 out of range 4..64"
case_ both      fanout_switch "NPORTS=8 NGROUPS=512" "fanout_switch: NGROUPS 512 out of range 1024..65536"
case_ verilator fanout_switch "NPORTS=8 $base SLOTS=65" "fanout_switch: SLOTS 65 out of range 2..64"
case_ both      fanout_switch "NPORTS=8 $base SRAM_LAT=5" "fanout_switch: SRAM_LAT 5 out of range 1..4"
case_ both      fanout_switch "NPORTS=8 $base LOOKUPS=0" "fanout_switch: LOOKUPS 0 out of range 1..16 and <= NPORTS (8)"
case_ verilator fanout_switch "NPORTS=8 $base LOOKUPS=9" "fanout_switch: LOOKUPS 9 out of range 1..16 and <= NPORTS (8)"
case_ both      fanout_sync_fifo "DEPTH=3" ""
case_ verilator fanout_sync_fifo "DEPTH=1" "fanout_sync_fifo: DEPTH 1 below 2"
case_ verilator fanout_rr_arbiter "N=1" "fanout_rr_arbiter: N 1 below 2 requesters"
exit $status
