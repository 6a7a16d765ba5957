#!/usr/bin/env bash
# bench.sh -- `fanout bench` and the measurements it shares with `fanout stats`.
# usage: bench.sh CASE FANOUT [VECTORS]; exit 0 pass, 1 fail.
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

# One row of an --out table.md: "measured|target|result", trimmed.
md_row() {
    awk -F'|' -v f="$2" '{ g = $2; gsub(/^ +| +$/, "", g) } g == f {
        m = $3; t = $4; r = $5; gsub(/^ +| +$/, "", m); gsub(/^ +| +$/, "", t); gsub(/^ +| +$/, "", r)
        print m "|" t "|" r; exit }' "$1"
}

# The shapes of the efficiency table (cmd_bench.c: shape_len, shape_fanout).
shape_lens="0 1 3 7 15 31 255" shape_fanouts="1 2 4 8 32"
token_kinds="arbitrary gids|gids by the allocation rule"

# Two config packets on port 0 (the first dropped by its group 2000 >= ngroups), then on
# port 1 a unicast dropped for its port and a config packet: what two stats tests read.
lone_and_dropped_config() {
  cat <<'EOF'
fanout-stim 1
param nports 4
param ngroups 1024
0 pkt 0 800007d001000001 flits 0000000000000003
0 pkt 0 8000000501000002 flits 0000000000000003
40 pkt 1 0000000900000003 seed 0000000000000000
40 pkt 1 8000000601000004 flits 0000000000000001
EOF
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
    # issue 12's rows: every shape of the efficiency table, and per-token in-band setup
    for kind in disjoint overlapping; do
        for k in $shape_fanouts; do
            for len in $shape_lens; do
                grep -q "^efficiency, $kind groups, fan-out $k, len $len " out.txt ||
                    fail "no row for $kind fan-out $k len $len"
            done
        done
    done
    IFS='|' read -r -a kinds <<<"$token_kinds"
    for kind in "${kinds[@]}"; do
        for what in efficiency "sender-side wait" "commit after last flit taken"; do
            grep -q "^in-band per token, $kind: $what " out.txt || fail "no row 'in-band per token, $kind: $what'"
        done
    done
    [ "$n" -ge 64 ] || fail "only $n rows with a target (issue 12 adds 52)"
    ;;
quick_shape_rows_judged_where_fanout_times_flits_ge_16)
    # Every shape row has an efficiency with its cycles and bound; it is
    # judged (>= 0.98, pass exactly when met) where fan-out x (len+1) >= 16,
    # reported as (info) otherwise; efficiency.dat holds the same figures.
    "$fanout" bench --quick --no-rtl --out out >table.txt 2>err.txt || fail "exit $? ($(cat err.txt))"
    [ -s out/efficiency.dat ] || fail "no out/efficiency.dat"
    rows=0
    for kind in disjoint overlapping; do
        col=0 off=0
        [ $kind = overlapping ] && off=5
        for k in $shape_fanouts; do
            col=$((col + 1))
            for len in $shape_lens; do
                r=$(md_row out/table.md "efficiency, $kind groups, fan-out $k, len $len")
                [ -n "$r" ] || fail "no row for $kind fan-out $k len $len"
                IFS='|' read -r m t res <<<"$r"
                [[ $m =~ ^([01]\.[0-9]{4})\ \(([0-9]+)\ cycles,\ bound\ ([0-9]+)\)$ ]] || fail "$kind $k $len: '$m'"
                e=${BASH_REMATCH[1]} c=${BASH_REMATCH[2]} lb=${BASH_REMATCH[3]}
                awk -v e="$e" -v c="$c" -v lb="$lb" 'BEGIN { exit !(c >= lb && lb > 0 && (e - lb / c) ^ 2 < 1e-8) }' ||
                    fail "$kind $k $len: $e is not bound $lb / $c cycles"
                if [ $((k * (len + 1))) -ge 16 ]; then
                    [ "$t" = ">= 0.98" ] || fail "$kind $k $len: target '$t', want '>= 0.98'"
                    want=$(awk -v e="$e" 'BEGIN { print (e >= 0.98 ? "pass" : "MISS") }')
                    [ "$res" = "$want" ] || fail "$kind $k $len: $e judged '$res'"
                else
                    [ "$t" = "(info)" ] && [ "$res" = "-" ] || fail "$kind $k $len: '$t' '$res', want (info) -"
                fi
                d=$(awk -v fl=$((len + 1)) -v c=$((1 + col + off)) '!/^#/ && $1 == fl { print $c }' out/efficiency.dat)
                [ "$d" = "$e" ] || fail "$kind $k $len: efficiency.dat says '$d', the table $e"
                rows=$((rows + 1))
            done
        done
    done
    [ $rows -eq 70 ] || fail "$rows shape rows"
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
quick_inband_wait_matches_stats_and_config_count)
    # Per-token in-band setup: the wait row's percentiles are ordered and
    # count every config packet of the kept stimulus; the wait is never less
    # than the commit latency after the flit is taken (the sender offers the
    # flit no later than the switch takes it); the verdicts follow the
    # figures; `fanout stats` on the same stimulus (pins) and on its trace
    # (header accepted + len) prints the same wait with the same percentile
    # rule; the trace ends where the bench said.
    "$fanout" bench --quick --no-rtl --out out >table.txt 2>err.txt || fail "exit $? ($(cat err.txt))"
    IFS='|' read -r -a kinds <<<"$token_kinds"
    for i in 0 1; do
        kind=${kinds[$i]} stim=out/stim/token-setup-$([ $i = 0 ] && echo arbitrary || echo own-bank).stim.gz
        [ -s "$stim" ] || fail "no $stim"
        ncfg=$(gzip -dc "$stim" | awk '$2 == "pkt" && substr($4, 1, 1) ~ /[89ab]/' | wc -l)
        [ "$ncfg" -gt 0 ] || fail "$stim holds no config packets"
        # the group ids: by the allocation rule, each port's in its own bank
        # (gid & 31 = port at 32 ports); arbitrary ones, each used once
        bad=$(gzip -dc "$stim" | awk -v rule=$i '$2 == "pkt" && substr($4, 1, 1) ~ /[89ab]/ {
                  g = 0; for (j = 5; j <= 8; j++) g = g * 16 + index("0123456789abcdef", substr($4, j, 1)) - 1
                  if (rule ? g % 32 != $3 : seen[g]++) { print $0; exit } }')
        [ -z "$bad" ] || fail "$kind: config packet against the workload's group rule: $bad"
        IFS='|' read -r m t res <<<"$(md_row out/table.md "in-band per token, $kind: sender-side wait")"
        [[ $m =~ ^p50\ ([0-9]+),\ p99\ ([0-9]+),\ max\ ([0-9]+),\ min\ ([0-9]+)\ cycles\ \(([0-9]+)\ config\ packets\)$ ]] ||
            fail "$kind: wait row '$m'"
        w50=${BASH_REMATCH[1]} w99=${BASH_REMATCH[2]} wmax=${BASH_REMATCH[3]} wmin=${BASH_REMATCH[4]} n=${BASH_REMATCH[5]}
        [ "$wmin" -le "$w50" ] && [ "$w50" -le "$w99" ] && [ "$w99" -le "$wmax" ] ||
            fail "$kind: wait min $wmin, p50 $w50, p99 $w99, max $wmax"
        [ "$n" -eq "$ncfg" ] || fail "$kind: $n waits, $ncfg config packets in the stimulus"
        if [ $i = 0 ]; then
            [ "$t" = "p99 <= 6" ] || fail "$kind: wait target '$t'"
            want=pass; [ "$w99" -le 6 ] || want=MISS
        else
            [ "$t" = "<= 4, constant" ] || fail "$kind: wait target '$t'"
            want=pass; [ "$wmax" -le 4 ] && [ "$wmin" -eq "$wmax" ] || want=MISS
        fi
        [ "$res" = "$want" ] || fail "$kind: wait judged '$res', want $want"
        IFS='|' read -r m t res <<<"$(md_row out/table.md "in-band per token, $kind: commit after last flit taken")"
        if [[ $m =~ ^constant\ ([0-9]+)\ cycles$ ]]; then l50=${BASH_REMATCH[1]} lmax=${BASH_REMATCH[1]}
        elif [[ $m =~ ^p50\ ([0-9]+),\ p99\ [0-9]+,\ max\ ([0-9]+)\ cycles$ ]]; then l50=${BASH_REMATCH[1]} lmax=${BASH_REMATCH[2]}
        else fail "$kind: commit latency row '$m'"; fi
        [ "$w50" -ge "$l50" ] && [ "$wmax" -ge "$lmax" ] || fail "$kind: wait ($w50, $wmax) below commit latency ($l50, $lmax)"
        IFS='|' read -r m t res <<<"$(md_row out/table.md "in-band per token, $kind: efficiency")"
        [[ $m =~ ^[01]\.[0-9]{4}\ \(([0-9]+)\ cycles,\ bound\ ([0-9]+)\)$ ]] || fail "$kind: efficiency row '$m'"
        cyc=${BASH_REMATCH[1]}
        if [ $i = 0 ]; then [ "$t" = ">= 0.95" ] || fail "$kind: efficiency target '$t'"; fi
        # the same stimulus through `fanout stats`: from the pins, then from the trace
        "$fanout" stats "$stim" >pins.txt 2>err.txt || fail "stats $stim: exit $? ($(cat err.txt))"
        "$fanout" model "$stim" -o run.trace --quiet || fail "model run of $stim failed"
        got=$(trace_span run.trace)
        [ "$got" = "$cyc" ] || fail "$kind: bench says $cyc cycles, the trace $got"
        "$fanout" stats run.trace --stim "$stim" >trace.txt 2>err.txt || fail "stats trace: exit $? ($(cat err.txt))"
        for f in pins.txt trace.txt; do
            line=$(grep '^  sender-side wait ' $f) || fail "$kind: no wait in stats ($f): $(tail -8 $f)"
            [[ $line =~ p50\ ([0-9]+)\ \ p90\ [0-9]+\ \ p99\ ([0-9]+)\ \ max\ ([0-9]+)\ \ min\ [0-9]+\ \ \(([0-9]+)\ samples ]] ||
                fail "$kind: stats wait line '$line'"
            [ "${BASH_REMATCH[1]} ${BASH_REMATCH[2]} ${BASH_REMATCH[3]} ${BASH_REMATCH[4]}" = "$w50 $w99 $wmax $n" ] ||
                fail "$kind: stats ($f) says '$line', bench p50 $w50 p99 $w99 max $wmax over $n"
        done
        line=$(grep '^  commit after flit taken ' pins.txt) || fail "$kind: no commit latency in stats"
        [[ $line =~ max\ ${lmax}\  ]] || fail "$kind: stats commit latency '$line', bench max $lmax"
    done
    ;;
stats_inband_wait_beside_commit_latency)
    # Config packets that meet no other: what the sender waits is the commit
    # latency itself, from the pins and from the trace alike; the dropped one
    # is accepted but never waited for; a trace alone cannot say.
    lone_and_dropped_config > in.stim
    "$fanout" stats in.stim >pins.txt 2>err.txt || fail "exit $? ($(cat err.txt))"
    grep -q "^in-band setup (3 config packets accepted, 2 committed):" pins.txt || fail "counts: $(grep -A3 '^in-band' pins.txt)"
    w=$(grep '^  sender-side wait ' pins.txt | sed -E 's/^  sender-side wait +//')
    l=$(grep '^  commit after flit taken ' pins.txt | sed -E 's/^  commit after flit taken +//')
    [[ $w =~ \(2\ samples ]] || fail "wait: '$w'"
    [ -n "$l" ] && [ "$w" = "$l" ] || fail "lone config packets: wait '$w', commit latency '$l'"
    "$fanout" model in.stim -o in.trace --quiet || fail "model run failed"
    "$fanout" stats in.trace --stim in.stim >trace.txt 2>err.txt || fail "stats trace: exit $? ($(cat err.txt))"
    wt=$(grep '^  sender-side wait ' trace.txt | sed -E 's/^  sender-side wait +//')
    [ "$wt" = "$w" ] || fail "from the trace '$wt', from the pins '$w'"
    grep -q "^  commit after flit taken  design constant" trace.txt || fail "trace: $(grep 'commit after' trace.txt)"
    "$fanout" stats in.trace >alone.txt 2>err.txt || fail "stats trace alone: exit $?"
    grep -q "give --stim to measure the sender-side wait" alone.txt || fail "trace alone: $(tail -3 alone.txt)"
    ;;
stats_inband_skips_dropped_config)
    # A config packet dropped by its header (group 2000 >= ngroups) and a
    # unicast dropped for its port must not pair with a later config
    # packet's commit: every in-band op commits 2 cycles after its last flit.
    lone_and_dropped_config > in.stim
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
regression_times_every_run)
    # the regression figure over two small vectors (--quick runs it when --vectors is given):
    # the wall-clock and CPU rows, one row per run with the cycles `fanout regress` counts;
    # a vector whose golden trace is wrong breaks the bench (exit 1, the run named)
    vec=$3
    mkdir -p v/small
    cp "$vec"/small/inband.* "$vec"/small/capacity.* v/small/
    "$fanout" bench --quick --vectors "$work/v" > out.txt 2> err.txt || { cat err.txt; fail "bench exit $?"; }
    grep -Eq '^regression, wall clock \(fanout regress -j 2\) +[0-9]+\.[0-9] s, 2 runs passed, [0-9]+ cycles +<= 30 s +(pass|MISS)' out.txt ||
        { grep regression out.txt; fail "no wall-clock row"; }
    grep -Eq '^regression, CPU time of its runs +[0-9]+\.[0-9] s +<= 45 s +(pass|MISS)' out.txt || fail "no CPU row"
    "$fanout" regress "$work/v" -j 2 > reg.txt || fail "fanout regress failed"
    total=0
    for n in capacity inband; do
        want=$(awk -v n="$work/v/small/$n" '$1 == n { print $2 }' reg.txt)
        [ -n "$want" ] || fail "fanout regress has no row for small/$n"
        grep -Eq "^regression run small/$n +[0-9.]+ s wall, [0-9.]+ CPU s, $want cycles " out.txt ||
            { grep "regression run" out.txt; fail "small/$n: no row with its $want cycles"; }
        total=$((total + want))
    done
    grep -q "2 runs passed, $total cycles" out.txt || fail "the wall-clock row does not sum the runs' $total cycles"
    grep -q "regress: .* s wall clock, .* CPU s (the runs' user + system)" reg.txt || fail "regress prints no CPU time"
    "$fanout" bench --quick --no-rtl --vectors "$work/v" | grep -q "^regression, model + cosim .* left out (--no-rtl)" ||
        fail "--no-rtl: the row does not say it is left out"
    "$fanout" bench --quick | grep -q "not run (--quick without --vectors DIR)" || fail "--quick alone ran the regression"
    zcat v/small/inband.trace.gz | awk 'NR == 300 && $2 == "out" { $5 = ($5 == "00000000" ? "00000001" : "00000000") }
        NR == 300 && $2 != "out" { $1 = $1 + 1 } { print }' | gzip > bad.gz && mv bad.gz v/small/inband.trace.gz
    "$fanout" bench --quick --vectors "$work/v" > out2.txt 2> err2.txt; rc=$?
    [ $rc -eq 1 ] || fail "a failing vector: exit $rc, wanted 1"
    grep -q "regression run .*small/inband failed" err2.txt || { cat err2.txt; fail "the failing run not named"; }
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
