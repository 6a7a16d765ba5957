#!/usr/bin/env bash
# Configures and builds fanout into DIR (default: build/) with extra cmake args.
# The compiler's output goes to DIR/build.log; its tail is shown if the build fails.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-$top/build}; shift || true
mkdir -p "$dir"
echo "build: $dir (the Verilated RTL takes a few minutes on 2 cores; log: $dir/build.log)"
start=$(date +%s)
if ! { cmake -S "$top" -B "$dir" -DCMAKE_BUILD_TYPE=Release "$@" && \
       cmake --build "$dir" -j"$(nproc)"; } > "$dir/build.log" 2>&1; then
  tail -40 "$dir/build.log"
  echo "build: FAILED (full log: $dir/build.log)" >&2
  exit 1
fi
echo "build: done in $(( $(date +%s) - start )) s"
