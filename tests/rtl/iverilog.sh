#!/bin/sh
# Icarus Verilog (-g2012) compiles the RTL top at NPORTS=8 NGROUPS=1024, with and without
# the simulation assertions. Fails on an error or on any warning (-Wall).
# Usage: tests/rtl/iverilog.sh [RTL_DIR]   (default: this script's ../../rtl)
set -u
here=$(cd "$(dirname "$0")" && pwd)
rtl=${1:-$here/../../rtl}
command -v iverilog >/dev/null 2>&1 || { echo "iverilog.sh: iverilog not found" >&2; exit 2; }
files=$(ls "$rtl"/*.v | grep -v -E '/(tb_[^/]*|[^/]*_tb)\.v$')
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
status=0
for def in "" "-DFANOUT_ASSERT"; do
  # shellcheck disable=SC2086
  out=$(iverilog -g2012 -Wall $def -I "$rtl" -s fanout_switch \
        -P fanout_switch.NPORTS=8 -P fanout_switch.NGROUPS=1024 \
        -o "$tmp/fanout.vvp" $files 2>&1)
  rc=$?
  if [ $rc -ne 0 ] || [ -n "$out" ]; then
    echo "iverilog.sh: iverilog -g2012 NPORTS=8 NGROUPS=1024 $def: FAILED (rc $rc)"
    echo "$out"
    status=1
  else
    echo "iverilog.sh: iverilog -g2012 NPORTS=8 NGROUPS=1024 $def: compiles cleanly"
  fi
done
exit $status
