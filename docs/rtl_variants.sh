#!/usr/bin/env bash
# Measures how the Verilated model is best built (issue 17): for each variant
# (compiler, C++ flags of the generated code, Verilator threads) it builds the
# harness for one configuration in a build tree of its own and measures
#   - the build's CPU time (user + sys of `cmake --build --target
#     fanout_harness`: Verilator and the C++ compiler on the generated code,
#     plus the harness's own three files), and
#   - simulated cycles per CPU second (and per wall-clock second) of
#     `fanout rtl STIM --gold TRACE` on one golden vector: the whole process,
#     stimulus read, model built, every cycle stepped and its trace compared
#     with the golden one (so every run also proves the variant's trace
#     byte-identical); median of --runs runs (default 3).
# 8 ports: vectors/small/random (8:1024:64:2); 32 ports: vectors/default/moe
# (the default configuration).  CPU time, not the wall clock: the machine may be
# shared.  The threaded variant's CPU time counts its spinning worker too.
#
# Writes the Markdown table to docs/bench/rtl_variants.md and into
# docs/benchmarks.md between its rtl_variants markers (docs/benchmarks.sh
# copies the same file into the page from docs/benchmarks.md.in).
#
#   docs/rtl_variants.sh            every variant at 8 ports, the two compilers
#                                   at 32 ports too (an hour or more on a shared
#                                   2-core machine); --threads-32: the threaded
#                                   model at 32 ports too (two more 32-port models)
#   docs/rtl_variants.sh --quick    8 ports, 2 variants, 1 run; prints the table only
#   options: --runs N  --keep DIR (build trees and results kept there)
#            --resume (with --keep: reuse the results of an earlier, interrupted
#            run in DIR for the variants it finished)  --out FILE (table there,
#            page untouched)  --only I,J (measure only these variants, 0 = the
#            first; the others' columns empty: with --keep, two runs side by side
#            and a last --resume run make the whole table)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
quick=0 runs=3 keep="" out="" resume=0 threads32="" only=""
while [ $# -gt 0 ]; do
  case $1 in
    --quick) quick=1; runs=1 ;;
    --runs) runs=$2; shift ;;
    --keep) keep=$2; shift ;;
    --resume) resume=1 ;;
    --threads-32) threads32=1 ;;
    --only) only=",$2," ; shift ;;
    --out) out=$2; shift ;;
    -h|--help) sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "rtl_variants.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
  shift
done
case $runs in ''|*[!0-9]*|0) echo "rtl_variants.sh: --runs wants a positive number" >&2; exit 2 ;; esac
for t in gcc g++ clang clang++ cmake verilator /usr/bin/time; do
  command -v "$t" >/dev/null || { echo "rtl_variants.sh: $t not found (tests/install-deps.sh installs it)" >&2; exit 2; }
done

# label | C compiler | C++ compiler | cmake arguments | fanout rtl arguments | port counts
# (a 32-port build is 10 to 30 minutes on a shared 2-core machine: the variants
# that only tune the flags are measured at 8 ports)
today="-DFANOUT_RTL_OPT_FAST=-O2 -DFANOUT_RTL_OPT_SLOW=-O1 -DFANOUT_RTL_OPT_GLOBAL=-O2"
gv=$(gcc -dumpversion); cv=$(clang -dumpversion); cv=${cv%%.*}
variants=(
  "gcc $gv, -O2 (the build before issue 17)|gcc|g++|$today||8 32"
  "clang $cv, -O2|clang|clang++|$today||8 32"
)
if [ $quick = 0 ]; then
  variants+=(
    "clang $cv, -O3|clang|clang++|-DFANOUT_RTL_OPT_FAST=-O3 -DFANOUT_RTL_OPT_SLOW=-O1 -DFANOUT_RTL_OPT_GLOBAL=-O3||8"
    "clang $cv, -O2, --threads 2 (lone run)|clang|clang++|$today -DFANOUT_RTL_THREADS=2|--threads 2|8${threads32:+ 32}"
  )
else
  for i in 0 1; do variants[$i]=${variants[$i]%|*}"|8"; done
fi
declare -A vec=([8]="8:1024:64:2 small/random" [32]="32:65536:64:2 default/moe")

work=${keep:-$(mktemp -d "${TMPDIR:-/tmp}/fanout-variants.XXXXXX")}
mkdir -p "$work"
[ -n "$keep" ] || trap 'rm -rf "$work"' EXIT
jobs=$(nproc)

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
fmt() { printf "%.0f" "$1" | sed ':a; s/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/; ta'; }   # 1234567 -> 1,234,567

# measure VARIANT-INDEX CFG VECTOR: prints "build_cpu cyc_per_cpu cyc_per_wall"
measure() {
  local i=$1 cfg=$2 vec=$3 label cc cxx cargs rargs
  IFS='|' read -r label cc cxx cargs rargs _ <<< "${variants[$i]}"
  local bd="$work/v$i-${cfg%%:*}"
  if [ $resume = 1 ] && [ -f "$bd.result" ] && [ "$(cat "$bd.variant")" = "${variants[$i]%|*}" ]; then
    cat "$bd.result"; return 0
  fi
  echo "${variants[$i]%|*}" > "$bd.variant"
  rm -rf "$bd"   # a fresh tree: the build time is a whole build
  # shellcheck disable=SC2086  # cargs: several -D arguments
  cmake -S "$top" -B "$bd" -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_COMPILER="$cc" -DCMAKE_CXX_COMPILER="$cxx" \
    -DFANOUT_RTL_CONFIGS="$cfg" -DFANOUT_RTL_FST=OFF -DFANOUT_RTL_FST_CONFIGS=none -DFANOUT_SYSTEMC=OFF \
    $cargs > "$bd.log" 2>&1 || { tail -20 "$bd.log" >&2; return 1; }
  # what the harness links but is not the Verilated part: built first, not timed
  cmake --build "$bd" -j"$jobs" --target fanout_core >> "$bd.log" 2>&1 || { tail -20 "$bd.log" >&2; return 1; }
  /usr/bin/time -f '%U %S' -o "$bd.time" cmake --build "$bd" -j"$jobs" --target fanout_harness >> "$bd.log" 2>&1 ||
    { tail -20 "$bd.log" >&2; return 1; }
  cmake --build "$bd" -j"$jobs" --target fanout >> "$bd.log" 2>&1 || { tail -20 "$bd.log" >&2; return 1; }
  local build; build=$(awk '{ print $1 + $2 }' "$bd.time")
  local r cpu wall cyc
  : > "$bd.runs"
  for ((r = 0; r < runs; r++)); do
    # shellcheck disable=SC2086
    /usr/bin/time -f '%U %S %e' -o "$bd.rtime" "$bd/fanout" rtl "$top/vectors/$vec.stim.gz" \
      --gold "$top/vectors/$vec.trace.gz" $rargs 2> "$bd.rerr" ||
      { cat "$bd.rerr" >&2; echo "rtl_variants.sh: $label: fanout rtl $vec failed" >&2; return 1; }
    cyc=$(sed -n 's/.* \([0-9][0-9]*\) cycles, .*golden trace matched.*/\1/p' "$bd.rerr")
    [ -n "$cyc" ] || { cat "$bd.rerr" >&2; echo "rtl_variants.sh: no cycle count from fanout rtl" >&2; return 1; }
    read -r u s wall < <(tail -1 "$bd.rtime")
    cpu=$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')
    echo "$(awk -v c="$cyc" -v t="$cpu" 'BEGIN { print c / t }') $(awk -v c="$cyc" -v t="$wall" 'BEGIN { print c / (t > 0 ? t : 0.01) }')" >> "$bd.runs"
  done
  [ -n "$keep" ] || rm -rf "$bd"
  echo "$build $(cut -d' ' -f1 "$bd.runs" | median) $(cut -d' ' -f2 "$bd.runs" | median)" | tee "$bd.result"
}

table=$work/table.md
{
  echo "| variant | C++ flags of the generated code (per-cycle / construction / runtime) | Verilator | cycles per CPU s, 8 ports | cycles per CPU s, 32 ports | cycles per wall s, 8 / 32 ports | build CPU s, 8 ports | build CPU s, 32 ports |"
  echo "|---|---|---|---:|---:|---:|---:|---:|"
} > "$table"
declare -A res
for ((i = 0; i < ${#variants[@]}; i++)); do
  IFS='|' read -r label cc cxx cargs rargs ports <<< "${variants[$i]}"
  [ -z "$only" ] || [[ $only == *",$i,"* ]] || continue
  for np in $ports; do
    read -r cfg v <<< "${vec[$np]}"
    echo "rtl_variants.sh: $label, $cfg ($v): build, then $runs run(s)" >&2
    res[$i,$np]=$(measure "$i" "$cfg" "$v")
    echo "rtl_variants.sh:   build CPU s, cycles per CPU s, cycles per wall s: ${res[$i,$np]}" >&2
  done
done

for ((i = 0; i < ${#variants[@]}; i++)); do
  IFS='|' read -r label cc cxx cargs rargs _ <<< "${variants[$i]}"
  flags=$(sed -n 's/.*-DFANOUT_RTL_OPT_FAST=\([^ ]*\) -DFANOUT_RTL_OPT_SLOW=\([^ ]*\) -DFANOUT_RTL_OPT_GLOBAL=\([^ ]*\).*/\1 \/ \2 \/ \3/p' <<< "$cargs")
  vl="-O3${rargs:+, $rargs}"
  b8=- b32=- c8=- c32=- w8=- w32=-
  if [ -n "${res[$i,8]:-}" ]; then read -r b8 c8 w8 <<< "${res[$i,8]}"; fi
  if [ -n "${res[$i,32]:-}" ]; then read -r b32 c32 w32 <<< "${res[$i,32]}"; fi
  num() { if [ "$1" = - ]; then echo -; else fmt "$1"; fi; }
  echo "| $label | $flags | $vl | $(num "$c8") | $(num "$c32") | $(num "$w8") / $(num "$w32") | $(num "$b8") | $(num "$b32") |" >> "$table"
done

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
rev=$(git -C "$top" rev-parse --short HEAD 2>/dev/null || echo unknown)
section=$work/section.md
{
  echo "Measured by \`docs/rtl_variants.sh\` at commit \`$rev\` on $(date -u +%Y-%m-%d), ${cpu:-unknown CPU}, $(nproc) cores" \
       "(load average $(cut -d' ' -f1-3 /proc/loadavg) at the end), $(verilator --version | cut -d' ' -f1-2), median of $runs run(s):"
  echo
  cat "$table"
} > "$section"
cat "$section"
if [ -n "$out" ]; then
  cp "$section" "$out"
elif [ $quick = 0 ]; then
  cp "$section" "$top/docs/bench/rtl_variants.md"
  page=$top/docs/benchmarks.md
  awk -v sec="$section" '
    /^<!-- rtl_variants: begin/ { print; while ((getline l < sec) > 0) print l; skip = 1; next }
    /^<!-- rtl_variants: end/ { skip = 0 }
    !skip { print }' "$page" > "$page.tmp"
  mv "$page.tmp" "$page"
  echo "rtl_variants.sh: wrote docs/bench/rtl_variants.md and its section of docs/benchmarks.md" >&2
fi
