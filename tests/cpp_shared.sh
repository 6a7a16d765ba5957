#!/bin/sh
# cpp_shared.sh DIR: the per-cycle code of every module the Verilated model keeps as a
# class of its own (no_inline_module: the payload buffer, egress queue, parser and
# replicator of each port) is one copy that all its instances share. Verilator writes a
# function once per instance instead when its code differs between instances: an input
# port replaced by the parent's signal that drives it (rtl/fanout_verilator.vlt), a Verilog
# function's variables (named per call), a %m or $fatal (the instance's name as a constant;
# rtl/fanout_assert.vh), a table made from a case (-fno-table). Such a function is named
# after its instance (..._g_port__BRA__5__KET____DOT__u_parser__3); those named after the
# first instance are the shared ones. Per-instance copies made the 32-port model's
# per-cycle code several times larger than the processor's caches and its simulation
# slower (docs/rtl.md, "Verilator model size"). Checks the files of Verilator's last run
# in DIR; prints what it counted; exit 1 when a module's class has a per-instance function
# (naming the module, how many and an example), 2 on bad usage.
set -u
[ $# -eq 1 ] || { echo "usage: cpp_shared.sh DIR" >&2; exit 2; }
dir=$1
dat=$(ls "$dir"/*__verFiles.dat 2>/dev/null | head -1)
[ -n "$dat" ] || { echo "cpp_shared.sh: no Verilator output list (*__verFiles.dat) in $dir (build first)" >&2; exit 2; }
pfx=$(basename "$dat" __verFiles.dat)    # the model's class prefix
# the module classes' per-cycle files (not the top's, not the construction code)
files=$(awk '$1 == "T" && $NF ~ /\.cpp"$/ { n = $NF; gsub(/"/, "", n); print n }' "$dat" |
        grep '_fanout_[a-z_]*__.*DepSet' | grep -v '__Slow\.cpp$')
[ -n "$files" ] || { echo "cpp_shared.sh: $dat names no module class's code (no no_inline_module?)" >&2; exit 2; }
# shellcheck disable=SC2086  # files: one path per word
defs=$(grep -ho '^\(VL_INLINE_OPT \)\?void [A-Za-z0-9_]*(' $files | sed 's/^VL_INLINE_OPT //; s/^void //; s/($//')
total=$(echo "$defs" | wc -l)
per=$(echo "$defs" | grep '__BRA__[1-9][0-9]*__KET____DOT__u_' || true)
echo "cpp_shared: $(basename "$dir"): $total per-cycle functions in the module classes, $(echo "$per" | grep -c .) of them per instance"
if [ -n "$per" ]; then
  echo "FAIL: code written once per instance, by module class:"
  echo "$per" | sed -n "s/^${pfx}_\\(fanout_[a-z_]*[a-z]\\)__.*/\\1/p" | sort | uniq -c
  echo "for example: $(echo "$per" | head -1)"
  exit 1
fi
