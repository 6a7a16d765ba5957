#!/bin/sh
# Yosys smoke test of the RTL top: the coarse part of Yosys's synth script for fanout_switch
# (`synth -run :fine`: hierarchy, proc, flatten, opt, wreduce, alumacc, share, memory
# -nomap, ...) at NPORTS=4 NGROUPS=1024 SLOTS=2 SRAM_LAT=2, small for run time, every
# memory kept as one $mem_v2 cell. Fails when yosys fails, when a latch is inferred (proc's
# dlatch step, in that part), or on a yosys warning; prints the word-level cell count and the
# run time. The gate-level steps (techmap, abc) and the figures they give are the synthesis
# report's (rtl/synth_report.sh, test synth_report_small_config, label full): here they
# would double the run time of a CI test and find no latch the coarse part does not.
# Usage: tests/rtl/yosys.sh [RTL_DIR]   (default: this script's ../../rtl)
set -u
here=$(cd "$(dirname "$0")" && pwd)
rtl=${1:-$here/../../rtl}
command -v yosys >/dev/null 2>&1 || { echo "yosys.sh: yosys not found" >&2; exit 2; }
files=$(ls "$rtl"/*.v | grep -v -E '/(tb_[^/]*|[^/]*_tb)\.v$' | tr '\n' ' ')
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/synth.ys" <<YS
read_verilog -defer -I$rtl $files
chparam -set NPORTS 4 -set NGROUPS 1024 -set SLOTS 2 -set SRAM_LAT 2 fanout_switch
synth -top fanout_switch -run :fine
hierarchy -check
stat
check
YS
start=$(date +%s)
yosys -q -l "$tmp/yosys.log" "$tmp/synth.ys" >/dev/null 2>&1
rc=$?
end=$(date +%s)
if [ $rc -ne 0 ]; then
  echo "yosys.sh: yosys failed (rc $rc); log tail:"
  tail -30 "$tmp/yosys.log"
  exit 1
fi
status=0
if grep -q -E 'Latch inferred|\$dlatch|\$_DLATCH' "$tmp/yosys.log"; then
  echo "yosys.sh: LATCH inferred:"
  grep -E 'Latch inferred|\$dlatch|\$_DLATCH' "$tmp/yosys.log" | head -20
  status=1
fi
if grep -q '^Warning' "$tmp/yosys.log"; then
  echo "yosys.sh: yosys warnings:"
  grep '^Warning' "$tmp/yosys.log" | sort -u | head -20
  status=1
fi
# the totals of the last stat (the whole design hierarchy)
cells=$(grep 'Number of cells:' "$tmp/yosys.log" | tail -1 | awk '{print $4}')
verdict="no latch, no warning"; [ $status -eq 0 ] || verdict="FAILED (above)"
echo "yosys.sh: NPORTS=4 NGROUPS=1024 SLOTS=2 SRAM_LAT=2: $cells word-level cells (memories kept), $verdict, $((end - start)) s"
exit $status
