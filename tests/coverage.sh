#!/usr/bin/env bash
# RTL coverage over the golden vectors (and reseeded runs): builds the
# coverage tree once, runs `fanout regress --coverage` there, and with
# --check compares the merged figures with their floors.
#   tests/coverage.sh [--build DIR] [--configs LIST] [--out CDIR] [--check FLOORS] [-- REGRESS-ARGS]
# --build DIR     the coverage tree (default: build-cov): configured with
#                 -DFANOUT_RTL_COVERAGE=ON (Verilator --coverage and the functional
#                 coverage of rtl/fanout_fcov.v) and built when out of date; never
#                 rebuilt from inside `fanout`
# --configs LIST  the RTL configurations in it (default: 8:1024:64:2, the small one;
#                 "32:65536:64:2;8:1024:64:2" for both)
# --out CDIR      the coverage folder (default: coverage): merged.dat, coverage.info,
#                 html/, uncovered.txt, fcov.txt, fcov-runs.txt, summary.txt
# --build-only    only make the tree
# --check FLOORS  exit 1 when a figure of CDIR/summary.txt is below its floor
#                 (tests/coverage-floors.txt: "KIND PERCENT" lines)
# REGRESS-ARGS    go to `fanout regress` (default: vectors --filter small/ -j NPROC)
# Shards: run this on each machine with --shard I/N among REGRESS-ARGS and its own
# --out, then merge on one:  build-cov/fanout regress --coverage-merge CDIR1 CDIR2 ... --coverage-dir coverage
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=$top/build-cov configs="8:1024:64:2" out=coverage floors="" build_only=0
while [ $# -gt 0 ]; do
  case $1 in
    --build) build=$2; shift 2 ;;
    --configs) configs=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --check) floors=$2; shift 2 ;;
    --build-only) build_only=1; shift ;;
    --) shift; break ;;
    -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
    *) echo "usage: tests/coverage.sh [--build DIR] [--configs LIST] [--out CDIR] [--check FLOORS] [-- REGRESS-ARGS]" >&2; exit 2 ;;
  esac
done
[ $# -gt 0 ] || set -- "$top/vectors" --filter small/ -j "$(nproc)"
mkdir -p "$build"
start=$(date +%s)
if ! { cmake -S "$top" -B "$build" -DCMAKE_BUILD_TYPE=Release -DFANOUT_RTL_COVERAGE=ON \
         "-DFANOUT_RTL_CONFIGS=$configs" -DFANOUT_SYSTEMC=OFF &&
       cmake --build "$build" -j"$(nproc)" --target fanout; } > "$build/build.log" 2>&1; then
  tail -30 "$build/build.log"; echo "coverage.sh: the coverage build FAILED (log: $build/build.log)" >&2; exit 2
fi
echo "coverage.sh: coverage tree $build ready in $(( $(date +%s) - start )) s"
[ $build_only = 0 ] || exit 0
rc=0
"$build/fanout" regress "$@" --rtl-only --coverage --coverage-dir "$out" || rc=$?
[ $rc -le 1 ] || exit $rc
[ -s "$out/summary.txt" ] || { echo "coverage.sh: no $out/summary.txt" >&2; exit 2; }
if [ -n "$floors" ]; then
  while read -r kind floor; do
    case $kind in ''|'#'*) continue ;; esac
    got=$(awk -v k="$kind" '$1 == k { print $2 }' "$out/summary.txt")
    [ -n "$got" ] || { echo "coverage.sh: no '$kind' figure in $out/summary.txt" >&2; rc=1; continue; }
    if awk -v g="$got" -v f="$floor" 'BEGIN { exit !(g + 0 < f + 0) }'; then
      echo "coverage.sh: $kind coverage $got% is below its floor $floor% ($floors)" >&2; rc=1
    else
      echo "coverage.sh: $kind coverage $got% (floor $floor%)"
    fi
  done < "$floors"
fi
exit $rc
