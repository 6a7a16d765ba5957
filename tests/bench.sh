#!/usr/bin/env bash
# bench.sh -- `fanout bench` and the measurements it shares with `fanout stats`.
# usage: bench.sh CASE FANOUT; exit 0 pass, 1 fail.
set -u
case_=$1 fanout=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/fo_bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1

fail() { echo "FAIL: $case_: $*" >&2; exit 1; }

# The last flit of the last copy in a trace, plus one: from the `out` lines
# alone (header cycle + len payload flits; the bench workloads have no stalls).
trace_span() {
    gzip -dcf "$1" | awk 'BEGIN { for (i = 0; i < 16; i++) hex[substr("0123456789abcdef", i + 1, 1)] = i }
        $2 == "out" { len = 16 * hex[substr($4, 9, 1)] + hex[substr($4, 10, 1)]
                      e = $1 + len + 1; if (e > m) m = e }
        END { print m }'
}

case $case_ in
quick_prints_table)
    # What CI runs: every figure of SPEC 8 in the table, each with a result.
    "$fanout" bench --quick >out.txt 2>err.txt || fail "exit $? (stderr: $(cat err.txt))"
    for fig in "setup latency, command port" "setup latency, in-band" \
               "zero-load latency, unicast len 0" "zero-load latency, multicast len 255" \
               "efficiency, saturating unicast" "efficiency, saturating multicast" "efficiency, AllGather" \
               "MoE dispatch speed-up" "token delivered after, multicast" "token delivered after, unicast copies" \
               "limited routing: multicast, top-8 on any ports" "limited routing: unicast copies, top-8 on <= 4 ports" \
               "simulation speed, 8 ports" "simulation speed, 32 ports"; do
        grep -q "^$fig" out.txt || fail "no row '$fig' in: $(cat out.txt)"
    done
    grep -Eq '^[0-9]+ of [0-9]+ targets met' out.txt || fail "no summary line"
    # every row ends in pass, MISS or - (no target), and the summary counts them
    rows=$(awk 'NR > 3 && NF && !/targets met/' out.txt)
    bad=$(echo "$rows" | awk '$NF != "pass" && $NF != "MISS" && $NF != "-"')
    [ -z "$bad" ] || fail "rows without a result: $bad"
    n=$(echo "$rows" | awk '$NF == "pass" || $NF == "MISS"' | wc -l)
    grep -Eq "^[0-9]+ of $n targets met" out.txt || fail "summary does not count $n targets: $(tail -1 out.txt)"
    [ "$n" -ge 12 ] || fail "only $n rows with a target"
    ;;
kept_stimulus_reproduces_cycles)
    # --out keeps each workload's stimulus; its trace from `fanout model`
    # (read back as text, not through the bench's own observer) ends where
    # the bench said.
    "$fanout" bench --quick --no-rtl --out out >table.txt 2>err.txt || fail "exit $? ($(cat err.txt))"
    for f in table.md offered.dat speed.dat dispatch-multicast.dat dispatch-unicast.dat \
             stim/dispatch-multicast.stim.gz stim/dispatch-unicast.stim.gz stim/zero-load.stim.gz; do
        [ -s "out/$f" ] || fail "out/$f missing or empty"
    done
    for mode in multicast unicast; do
        label="MoE dispatch 8->24 ports, $mode"
        [ $mode = unicast ] && label="$label copies"
        want=$(grep "^$label " table.txt | sed -E 's/.* ([0-9]+) cycles \(bound.*/\1/')
        "$fanout" model "out/stim/dispatch-$mode.stim.gz" -o $mode.trace --quiet || fail "model run failed"
        got=$(trace_span $mode.trace)
        [ -n "$want" ] && [ "$want" = "$got" ] || fail "$mode: bench says '$want' cycles, the trace '$got'"
    done
    ;;
stats_inband_skips_dropped_config)
    # A config packet dropped by its header (group 2000 >= ngroups) and a
    # unicast dropped for its port must not pair with a later config
    # packet's commit: every in-band op commits 2 cycles after its last flit.
    cat > in.stim <<'EOF'
fanout-stim 1
param nports 4
param ngroups 1024
0 pkt 0 800007d001000001 flits 0000000000000003
0 pkt 0 8000000501000002 flits 0000000000000003
40 pkt 1 0000000900000003 seed 0000000000000000
40 pkt 1 8000000601000004 flits 0000000000000001
EOF
    "$fanout" stats in.stim >out.txt 2>err.txt || fail "exit $? ($(cat err.txt))"
    grep -q "in-band 2\.\.2 cycles (2 ops)" out.txt || fail "in-band latency: $(grep 'setup latency measured' out.txt)"
    grep -q "group 1" out.txt && grep -q "port 1" out.txt || fail "drops not as planned: $(grep drops out.txt)"
    ;;
cycle_figures_are_deterministic)
    # Everything but the speed rows and the run time is a cycle count: two
    # runs print it identically; another seed builds other workloads.
    cycles_only() { grep -v -e '^simulation speed' -e 'targets met' "$1"; }
    for r in 1 2; do "$fanout" bench --quick --no-rtl >run$r.txt 2>/dev/null || fail "run $r: exit $?"; done
    "$fanout" bench --quick --no-rtl --seed 2 >seed2.txt 2>/dev/null || fail "seed 2: exit $?"
    diff <(cycles_only run1.txt) <(cycles_only run2.txt) >d.txt || fail "runs differ: $(cat d.txt)"
    cycles_only run1.txt | grep -q "MoE dispatch" || fail "no cycle figures compared"
    diff -q <(cycles_only run1.txt) <(cycles_only seed2.txt) >/dev/null && fail "--seed 2 changed nothing"
    ;;
usage_errors)
    "$fanout" bench --bogus >out.txt 2>err.txt; rc=$?
    [ $rc -eq 2 ] || fail "unknown option: exit $rc"
    grep -q "usage: fanout bench" err.txt || fail "no usage on stderr: $(cat err.txt)"
    "$fanout" bench extra >out.txt 2>err.txt; rc=$?
    [ $rc -eq 2 ] || fail "positional argument: exit $rc"
    "$fanout" bench --seed x >out.txt 2>err.txt; rc=$?
    [ $rc -eq 2 ] || fail "bad seed: exit $rc"
    [ -s out.txt ] && fail "stdout not empty on a usage error"
    ;;
*)
    fail "unknown case"
    ;;
esac
exit 0
