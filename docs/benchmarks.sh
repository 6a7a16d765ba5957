#!/usr/bin/env bash
# Regenerates docs/benchmarks.md and its pictures (docs/bench/*.svg) from one
# full run of `fanout bench`: installs what is missing (gnuplot-nox too),
# builds, measures, plots, writes the page.  Extra arguments go to
# `fanout bench` (e.g. --seed 2).  Takes a minute or two after the build.
# The commit named on the page is HEAD's: measure with a fanout built from it.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
# FANOUT=PATH: measure with that fanout (built with both RTL configurations)
# instead of building build/ here.
"$top/tests/install-deps.sh" gnuplot-nox
if [ -z "${FANOUT:-}" ]; then
  "$top/tests/build.sh" "$top/build"
  FANOUT=$top/build/fanout
fi
out=$(mktemp -d "${TMPDIR:-/tmp}/fanout-bench.XXXXXX")
trap 'rm -rf "$out"' EXIT
"$FANOUT" bench --out "$out" "$@" | tee "$out/bench.txt"

dst=$top/docs/bench
mkdir -p "$dst"
cp "$out"/*.dat "$out/table.md" "$dst/"
cd "$dst"

gnuplot <<'EOF'
set terminal svg size 720,420 font "sans,12" background rgb "white"
set grid
set key bottom right

set output "dispatch-latency.svg"
set title "MoE dispatch, 8 attention ports to 24 expert ports, top-8, 64-flit tokens"
set xlabel "cycles from the start of the batch"
set ylabel "fraction of tokens delivered to all their experts"
set yrange [0:1]
plot "dispatch-multicast.dat" using 1:2 with steps lw 2 title "multicast, in-band setup per token", \
     "dispatch-unicast.dat" using 1:2 with steps lw 2 title "one unicast copy per member port"

set terminal svg size 900,420 font "sans,12" background rgb "white"
set output "efficiency-shape.svg"
set title "Efficiency over packet shape (32 ports, all sending, saturating multicast)"
set xlabel "packet flits (len + 1)"
set ylabel "lower bound / cycles taken"
set logscale x 2
set xrange [0.8:320]
set yrange [0:1.05]
set key outside right center title "solid: disjoint groups\ndashed: random overlapping" font ",10"
plot for [i=2:6] "efficiency.dat" using 1:i with linespoints lw 2 lc i-1 dt 1 pt 7 title "fan-out ".word("1 2 4 8 32", i-1), \
     for [i=7:11] "efficiency.dat" using 1:i with linespoints lw 2 lc i-6 dt 2 pt 6 notitle, \
     0.98 with lines lc rgb "gray" dt 3 title "target 0.98"
unset logscale x
set key default
set key bottom right

set terminal svg size 720,420 font "sans,12" background rgb "white"
set output "offered-efficiency.svg"
set title "Efficiency against offered load (32 ports, 64-flit packets)"
set xlabel "offered load on the egress links (fraction of line rate)"
set ylabel "lower bound / cycles taken"
set yrange [0.8:1.02]
set xrange [0:1.05]
set key bottom left
plot "offered.dat" using 1:2 with linespoints lw 2 title "unicast, uniform random", \
     "offered.dat" using 1:3 with linespoints lw 2 title "multicast, 4 members"

set output "offered-latency.svg"
set title "Latency against offered load (32 ports, 64-flit packets)"
set ylabel "cycles, packet ready to its last copy's last flit out"
set yrange [0:*]
set key top left
plot "offered.dat" using 1:4 with linespoints lw 2 title "unicast p50", \
     "offered.dat" using 1:5 with linespoints lw 2 title "unicast p99", \
     "offered.dat" using 1:6 with linespoints lw 2 title "multicast p50", \
     "offered.dat" using 1:7 with linespoints lw 2 title "multicast p99"

set output "speed.svg"
set title "Simulation speed (saturating 4-member multicast)"
set datafile missing "-"
set logscale xy
set xrange [3:80]
set yrange [*:*]
set xtics (4, 8, 16, 32, 64)
set xlabel "ports"
set ylabel "simulated cycles per CPU second"
set key bottom left
plot "speed.dat" using 1:2 with linespoints lw 2 title "C model", \
     "speed.dat" using 1:3 with points pt 7 ps 1.5 title "Verilated RTL (the configurations built)"
EOF

# The page: docs/benchmarks.md.in with its @RESULTS@ line replaced by this
# run's context, table and missed targets.  A missed target is explained by
# the template's `miss: FIGURE-PREFIX | why` line for it (those lines are not
# copied to the page).
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
rev=$(git -C "$top" rev-parse --short HEAD 2>/dev/null || echo unknown)
tmpl=$top/docs/benchmarks.md.in
{
  echo "Measured at commit \`$rev\` on $(date -u +%Y-%m-%d), ${cpu:-unknown CPU}, $(nproc) cores."
  echo "\`$(head -1 "$out/bench.txt")\`: $(grep -E '^[0-9]+ of [0-9]+ targets met' "$out/bench.txt")."
  echo
  cat table.md
  awk -F'|' '$(NF-1) ~ /^ *MISS *$/ { f = $2; gsub(/^ +| +$/, "", f); print f }' table.md |
    awk -v tmpl="$tmpl" '
      BEGIN { while ((getline l < tmpl) > 0) if (l ~ /^miss: /) { sub(/^miss: /, "", l); n++
                  split(l, kv, / \| /); pre[n] = kv[1]; why[n] = kv[2] } }
      { if (!hdr++) print "\n### Targets missed in this run\n"
        w = "(no explanation in docs/benchmarks.md.in: add a miss: line)"
        for (i = 1; i <= n; i++) if (index($0, pre[i]) == 1) { w = why[i]; break }
        print "- **" $0 "**: " w }'
} > "$out/results.md"
page=$top/docs/benchmarks.md
# The build variants' table is docs/rtl_variants.sh's (an hour of builds: not rerun here).
variants=$dst/rtl_variants.md
[ -f "$variants" ] || echo "(not measured: run docs/rtl_variants.sh)" > "$out/rtl_variants.md"
[ -f "$variants" ] && cp "$variants" "$out/rtl_variants.md"
awk -v res="$out/results.md" -v var="$out/rtl_variants.md" '
  /^miss: / { next }
  $0 == "@RESULTS@" { while ((getline l < res) > 0) print l; next }
  $0 == "@RTL_VARIANTS@" { while ((getline l < var) > 0) print l; next }
  { print }' "$tmpl" > "$page.tmp"
mv "$page.tmp" "$page"
echo "benchmarks.sh: wrote $page and $dst/*.svg"
