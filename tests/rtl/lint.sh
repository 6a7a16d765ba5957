#!/bin/sh
# Verilator lint of the RTL top (-Wall), default parameters and NPORTS=8 NGROUPS=1024,
# with and without the simulation assertions and the functional coverage. Fails on any
# output at all.
# Usage: tests/rtl/lint.sh [RTL_DIR]   (default: this script's ../../rtl)
set -u
here=$(cd "$(dirname "$0")" && pwd)
rtl=${1:-$here/../../rtl}
command -v verilator >/dev/null 2>&1 || { echo "lint.sh: verilator not found" >&2; exit 2; }
files=$(ls "$rtl"/*.v | grep -v -E '/(tb_[^/]*|[^/]*_tb)\.v$')
status=0
# At the default parameters (32 ports: about 25 CPU s a run) once, with everything (the
# assertions' and the coverage's code are additions: no `else` branch), which catches what
# depends on the widths; at 8 ports all three, which also catch a signal used only by an
# assertion (unused without it: the same code at every width).
for cfg in "-GNPORTS=8 -GNGROUPS=1024" "-GNPORTS=8 -GNGROUPS=1024 -DFANOUT_ASSERT" \
           "-DFANOUT_ASSERT -DFANOUT_FCOV" "-GNPORTS=8 -GNGROUPS=1024 -DFANOUT_ASSERT -DFANOUT_FCOV"; do
  # shellcheck disable=SC2086
  out=$(verilator --lint-only -Wall --top-module fanout_switch "-I$rtl" $cfg $files 2>&1)
  rc=$?
  if [ $rc -ne 0 ] || [ -n "$out" ]; then
    echo "lint.sh: verilator --lint-only -Wall ${cfg:-(default parameters)}: FAILED (rc $rc)"
    echo "$out"
    status=1
  else
    echo "lint.sh: verilator --lint-only -Wall ${cfg:-(default parameters)}: clean"
  fi
done
exit $status
