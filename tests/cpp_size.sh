#!/bin/sh
# cpp_size.sh DIR LIMIT_MB: the C++ Verilator wrote for one model (DIR/*.cpp) stays within
# LIMIT_MB megabytes (10^6 bytes). The RTL's shape decides it: a generate loop of small
# named wires, or a block of bit assigns that Verilator writes per instance, once made the
# 32-port model several times larger and CI's build too long (docs/robustness.md).
# Prints the size; exit 1 above the limit, 2 on bad usage.
set -u
[ $# -eq 2 ] || { echo "usage: cpp_size.sh DIR LIMIT_MB" >&2; exit 2; }
dir=$1; limit=$2
# The files of Verilator's last run, from its list (lines "T SIZE ... "PATH""): an earlier run's
# split files stay in DIR when their names change.
dat=$(ls "$dir"/*__verFiles.dat 2>/dev/null | head -1)
[ -n "$dat" ] || { echo "cpp_size.sh: no Verilator output list (*__verFiles.dat) in $dir (build first)" >&2; exit 2; }
list=$(awk '$1 == "T" && $NF ~ /\.cpp"$/ { n = $NF; gsub(/"/, "", n); sub(/.*\//, "", n); print $2, n }' "$dat")
[ -n "$list" ] || { echo "cpp_size.sh: $dat names no C++ file" >&2; exit 2; }
bytes=$(echo "$list" | awk '{ s += $1 } END { print s }')
mb=$(( (bytes + 500000) / 1000000 ))
files=$(echo "$list" | wc -l)
echo "cpp_size: $(basename "$dir"): $mb MB of C++ in $files files (limit $limit MB)"
if [ "$bytes" -gt $(( limit * 1000000 )) ]; then
  echo "FAIL: over the limit; the largest parts:"
  echo "$list" | awk '{ n = $2; sub(/__[0-9]+(__Slow)?\.cpp$/, "", n); sub(/(__Slow)?\.cpp$/, "", n); s[n] += $1 }
                      END { for (k in s) printf "%8.1f MB %s\n", s[k] / 1e6, k }' | sort -rn | head -5
  exit 1
fi
