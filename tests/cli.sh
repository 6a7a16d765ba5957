#!/usr/bin/env bash
# cli.sh -- the `fanout` command and the file formats (SPEC 6 and 7).
# usage: cli.sh CASE FANOUT DATADIR [ARGS...]; exit 0 pass, 1 fail.
set -u
case_=$1 fanout=$2 data=$3
shift 3
work=$(mktemp -d "${TMPDIR:-/tmp}/fo_cli.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1

fail() { echo "FAIL: $case_: $*" >&2; exit 1; }
# Nothing in the work folder but the listed files.
only() {
    local got want
    got=$(ls -A | sort | tr '\n' ' ')
    want=
    [ $# -gt 0 ] && want=$(printf '%s\n' "$@" | sort | tr '\n' ' ')
    [ "$got" = "$want" ] || fail "files left: '$got', expected '$want'"
}

# After a run on bad input FILE (exit status RC, output in out.txt and
# err.txt): exit 2, exactly one stderr line "FILE:LINE: ..." naming LINE (0:
# any line), nothing on stdout, and nothing left in the work folder but FILE.
expect_bad_input() {
    local rc=$1 file=$2 line=$3
    [ "$rc" -eq 2 ] || fail "exit $rc, expected 2 (stderr: $(cat err.txt))"
    [ "$(wc -l < err.txt)" -eq 1 ] || fail "stderr has $(wc -l < err.txt) lines: $(cat err.txt)"
    if [ "$line" = 0 ]; then
        grep -Eq "^$file:[0-9]+: ." err.txt || fail "stderr not '$file:LINE: ...': $(cat err.txt)"
    else
        grep -q "^$file:$line: ." err.txt || fail "stderr does not name $file:$line: $(cat err.txt)"
    fi
    [ -s out.txt ] && fail "stdout not empty: $(head -3 out.txt)"
    rm -f out.txt err.txt
    only "$file"
}

case $case_ in
malformed)
    # exit 2, exactly one stderr line "FILE:LINE: ...", the right line, no trace
    # file nor temporary left behind.
    name=$1 line=$2
    case $name in
    truncated_gzip)
        { echo "fanout-stim 1"; echo "param nports 4";
          awk 'BEGIN { for (i = 0; i <= 3000; i++) printf "%d pkt %d 0000000001000001 seed 00000000000000%02x\n", i, i % 4, i % 256 }'
        } | gzip -c > full.gz
        head -c $(( $(stat -c %s full.gz) / 2 )) full.gz > in.stim.gz
        rm full.gz
        stim=in.stim.gz ;;
    cut_short)
        printf 'fanout-stim 1\nparam nports 4\n0 csr clear 1' > in.stim
        stim=in.stim ;;
    nul_byte)
        printf 'fanout-stim 1\nparam nports 4\n0 csr clear 1\0\n' > in.stim
        stim=in.stim ;;
    line_too_long)
        { printf 'fanout-stim 1\nparam nports 4\n0 pkt 1 00000000ff000001 flits'
          awk 'BEGIN { for (i = 0; i < 600; i++) printf " 0000000000000000"; print "" }'; } > in.stim
        stim=in.stim ;;
    *)
        cp "$data/bad/$name.stim" in.stim
        stim=in.stim ;;
    esac
    "$fanout" model "$stim" -o out.trace >out.txt 2>err.txt
    expect_bad_input $? "$stim" "$line"
    ;;
malformed_trace)
    # a trace read by `fanout stats`: exit 2, one "FILE:LINE: ..." line naming
    # LINE, nothing on stdout.
    name=$1 line=$2
    if [ "$name" = truncated_gzip ]; then
        "$fanout" model "$data/good.stim" --quiet | gzip -c > full.gz
        head -c $(( $(stat -c %s full.gz) / 2 )) full.gz > in.trace
        rm full.gz
    else
        cp "$data/bad_trace/$name.trace" in.trace
    fi
    "$fanout" stats in.trace >out.txt 2>err.txt
    expect_bad_input $? in.trace "$line"
    ;;
usage_errors)
    # every kind of bad command-line use of VERB: exit 2, the verb's usage on
    # stderr, nothing on stdout, no file left.
    verb=$1
    many="a b c d e f g h i"                # more positionals than any verb takes
    case $verb in
    gen)     cases=("--bogus" "unicast --seed" "unicast --ports 65 -o x" "unicast --slots 1 -o x"
                    "unicast moe -o x" "$many") ;;
    model)   cases=("--bogus x" "x -o" "x --gold" "a b" "$many") ;;
    rtl)     cases=("--bogus x" "x --from" "x --from abc" "x --rand-reset 4294967296" "x --from 9 --to 3" "a b" "$many") ;;
    cosim)   cases=("--bogus x" "x --window" "x --window 4294967296" "x --to -1" "a b" "$many") ;;
    diff)    cases=("--bogus a b" "a" "a b c" "$many") ;;
    stats)   cases=("--bogus a" "a --stim" "a b" "$many") ;;
    regress) cases=("--bogus" "-j" "-j 257" "--shard 3/2" "--shard x" "--model-only --rtl-only" "a b" "$many") ;;
    *) fail "no usage cases for $verb" ;;
    esac
    for c in "${cases[@]}"; do
        # shellcheck disable=SC2086
        "$fanout" $verb $c >out.txt 2>err.txt
        rc=$?
        [ $rc -eq 2 ] || fail "fanout $verb $c: exit $rc, expected 2"
        grep -q "^usage: fanout $verb" err.txt || fail "fanout $verb $c: no usage on stderr: $(cat err.txt)"
        grep -q "^fanout $verb: " err.txt || fail "fanout $verb $c: no 'fanout $verb: what' line: $(cat err.txt)"
        [ -s out.txt ] && fail "fanout $verb $c: stdout not empty"
        rm -f out.txt err.txt
        only
    done
    ;;
output_to_pipe)
    # -o naming a pipe or device (/dev/null) writes into it: no temporary
    # renamed over it (as root that turned /dev/null into a plain file)
    mkfifo p.trace
    timeout 20 cat p.trace > got.trace &      # no hang if nothing ever writes it
    "$fanout" model "$data/good.stim" -o p.trace --quiet || fail "run failed"
    wait
    [ -p p.trace ] || fail "the pipe was replaced by a file"
    "$fanout" model "$data/good.stim" --quiet | cmp -s - got.trace || fail "the pipe did not get the trace"
    rm -f got.trace p.trace
    only
    ;;
unwritable_output)
    "$fanout" model "$data/good.stim" -o "$work/no/such/dir/x.trace" 2>err.txt
    rc=$?
    [ $rc -eq 2 ] || fail "exit $rc, expected 2"
    [ "$(wc -l < err.txt)" -eq 1 ] || fail "stderr has $(wc -l < err.txt) lines: $(cat err.txt)"
    grep -q "no/such/dir/x.trace" err.txt || fail "stderr does not name the file: $(cat err.txt)"
    rm err.txt
    only
    ;;
diff_identical)
    "$fanout" model "$data/good.stim" -o a.trace --quiet || fail "model failed"
    cp a.trace b.trace
    "$fanout" diff a.trace b.trace >out.txt 2>&1
    rc=$?
    [ $rc -eq 0 ] || fail "exit $rc on identical traces: $(cat out.txt)"
    ;;
diff_first_difference)
    "$fanout" model "$data/good.stim" -o a.trace --quiet || fail "model failed"
    n=$(wc -l < a.trace)
    [ "$n" -gt 10 ] || fail "trace too short"
    # change line 9 and line 11: the first difference is line 9
    awk 'NR==9{$0=$0"x"} NR==11{$0="z"} {print}' a.trace > b.trace
    l9a=$(sed -n 9p a.trace) l9b=$(sed -n 9p b.trace)
    "$fanout" diff a.trace b.trace >out.txt 2>&1
    rc=$?
    [ $rc -eq 1 ] || fail "exit $rc, expected 1"
    grep -Fq "a.trace:9: $l9a" out.txt || fail "does not name a.trace:9: $(cat out.txt)"
    grep -Fq "b.trace:9: $l9b" out.txt || fail "does not name b.trace:9: $(cat out.txt)"
    grep -q ":11:" out.txt && fail "names a later line: $(cat out.txt)"
    # one file a prefix of the other
    head -n 5 a.trace > c.trace
    "$fanout" diff a.trace c.trace >out.txt 2>&1
    [ $? -eq 1 ] || fail "prefix: exit not 1"
    grep -q "a.trace:6:" out.txt || fail "prefix: does not name line 6: $(cat out.txt)"
    # gzip and plain of the same trace are identical
    gzip -c a.trace > a.trace.gz
    "$fanout" diff a.trace a.trace.gz >/dev/null 2>&1 || fail "plain vs gzip not identical"
    ;;
help)
    verb=$1
    "$fanout" "$verb" --help >out.txt 2>err.txt
    rc=$?
    [ $rc -eq 0 ] || fail "fanout $verb --help: exit $rc ($(cat err.txt))"
    grep -q "usage" out.txt || fail "fanout $verb --help prints no usage"
    ;;
unknown_option_usage)
    for verb in gen model diff stats; do
        "$fanout" $verb --no-such-option x >out.txt 2>err.txt
        rc=$?
        [ $rc -eq 2 ] || fail "fanout $verb --no-such-option: exit $rc"
        grep -q "usage" err.txt || fail "fanout $verb --no-such-option: no usage on stderr"
    done
    "$fanout" no-such-verb >/dev/null 2>err.txt
    [ $? -eq 2 ] || fail "unknown verb: exit not 2"
    grep -q "usage" err.txt || fail "unknown verb: no usage"
    ;;
no_stimulus_usage)
    "$fanout" model >/dev/null 2>err.txt
    [ $? -eq 2 ] || fail "model without a stimulus: exit not 2"
    "$fanout" model "$work/missing.stim" -o x.trace 2>err.txt
    [ $? -eq 2 ] || fail "missing stimulus: exit not 2"
    grep -q "missing.stim" err.txt || fail "missing stimulus: not named: $(cat err.txt)"
    rm -f err.txt
    only
    ;;
gzip_same_as_plain)
    cp "$data/good.stim" in.stim
    gzip -c in.stim > in.stim.gz
    "$fanout" model in.stim -o a.trace --quiet || fail "plain run failed"
    "$fanout" model in.stim.gz -o b.trace --quiet || fail "gzip run failed"
    cmp -s a.trace b.trace || fail "traces differ"
    ;;
gz_output_is_gzip_of_plain)
    "$fanout" model "$data/good.stim" -o a.trace --quiet || fail "plain run failed"
    "$fanout" model "$data/good.stim" -o b.trace.gz --quiet || fail "gz run failed"
    gzip -t b.trace.gz || fail "not gzip"
    gzip -dc b.trace.gz | cmp -s - a.trace || fail "gunzipped trace differs"
    ;;
stdout_when_no_output)
    "$fanout" model "$data/good.stim" -o a.trace --quiet || fail "run failed"
    "$fanout" model "$data/good.stim" --quiet > b.trace || fail "stdout run failed"
    cmp -s a.trace b.trace || fail "stdout trace differs"
    ;;
trace_through_temporary)
    # a long run: while it writes, the final name must not exist (only a temporary)
    { echo "fanout-stim 1"; echo "param nports 8"; echo "param ngroups 1024"
      echo "0 csr write 1 00000000000000ff"
      awk 'BEGIN { for (i = 0; i <= 40000; i++) printf "%d pkt %d 4000000110%06x seed 0000000000000001\n", int(i / 8), i % 8, i }'
    } > big.stim
    "$fanout" model big.stim -o out.trace --quiet &
    pid=$!
    saw_tmp=0
    while kill -0 $pid 2>/dev/null; do
        if ls out.trace.* >/dev/null 2>&1; then
            saw_tmp=1
            [ -e out.trace ] && { ls out.trace.* >/dev/null 2>&1 && fail "final name exists beside the temporary"; }
        fi
        sleep 0.01
    done
    wait $pid || fail "run failed"
    [ -s out.trace ] || fail "no trace"
    ls out.trace.* >/dev/null 2>&1 && fail "temporary left behind"
    [ $saw_tmp = 1 ] || echo "note: run too fast to see the temporary" >&2
    tail -n 1 out.trace | grep -Eq '^[0-9]+ end$' || fail "trace does not end with an end line"
    ;;
failing_run_leaves_nothing)
    # the trace write fails mid-run (file size limit): exit 2, neither the
    # trace nor its temporary left behind.
    { echo "fanout-stim 1"; echo "param nports 8"; echo "param ngroups 1024"
      awk 'BEGIN { for (i = 0; i <= 20000; i++) printf "%d pkt %d 00000001%02x%06x seed 0000000000000001\n", int(i / 8), i % 8, i % 256, i }'
    } > big.stim
    ( trap '' XFSZ; ulimit -f 64; exec "$fanout" model big.stim -o out.trace --quiet ) 2>err.txt
    rc=$?
    [ $rc -eq 2 ] || fail "exit $rc, expected 2 ($(cat err.txt))"
    [ "$(wc -l < err.txt)" -eq 1 ] || fail "stderr has $(wc -l < err.txt) lines: $(cat err.txt)"
    rm err.txt
    only big.stim
    ;;
model_is_deterministic)
    "$fanout" gen random --seed 7 --ports 8 --groups 1024 -o r.stim >/dev/null 2>&1 || fail "gen failed"
    "$fanout" model r.stim -o a.trace --quiet || fail "run 1 failed"
    "$fanout" model r.stim -o b.trace --quiet || fail "run 2 failed"
    cmp -s a.trace b.trace || fail "two runs differ"
    ;;
trace_params_and_order)
    # the trace carries every timing parameter, and lines are sorted by cycle,
    # then acc, cfg, csr, drop, out, end, then port
    printf 'fanout-stim 1\nparam nports 4\nparam ngroups 1024\nparam slots 3\nparam sram_latency 4\nparam lookups 2\n0 csr write 1 000000000000000f\n' > s.stim
    sed -n '5,$p' "$data/good.stim" | grep -v csr >> s.stim
    "$fanout" model s.stim -o a.trace --quiet || fail "run failed"
    head -n 6 a.trace | diff - <(printf 'fanout-trace 1\nparam nports 4\nparam ngroups 1024\nparam slots 3\nparam sram_latency 4\nparam lookups 2\n') >/dev/null ||
        fail "header lines: $(head -n 6 a.trace)"
    sed -n '7,$p' a.trace | awk '
        BEGIN { r["acc"]=0; r["cfg"]=1; r["csr"]=2; r["drop"]=3; r["out"]=4; r["end"]=5 }
        { k = r[$2]; p = ($2 == "csr" || $2 == "end") ? 0 : $3
          if ($1 < c || ($1 == c && (k < kk || (k == kk && p < pp)))) { print "unsorted: " $0; bad = 1 }
          c = $1; kk = k; pp = p }
        END { exit bad }' || fail "trace lines out of order"
    tail -n 1 a.trace | grep -Eq '^[0-9]+ end$' || fail "no end line"
    ;;
gen_writes_committed_stimuli)
    # gen builds each MANIFEST stimulus in memory and writes it with the one
    # writer (fo_stim_write): byte for byte the committed file
    vec=$data/../../vectors n=0
    while read -r name scen args; do
        case "$name" in ''|'#'*) continue ;; esac
        # shellcheck disable=SC2086
        "$fanout" gen "$scen" $args -o s.stim || fail "gen $scen $args"
        cmp -s s.stim <(zcat "$vec/$name.stim.gz") || fail "$name: gen's stimulus differs from the committed one"
        n=$((n + 1))
    done < "$vec/MANIFEST"
    [ "$n" -ge 20 ] || fail "only $n vectors in the MANIFEST"
    rm -f s.stim
    only
    ;;
stats_of_stimulus_same_as_of_its_trace)
    # stats on a stimulus analyses the run's events in memory: the same
    # figures as stats on the model's trace of it (given --stim)
    "$fanout" gen inband --seed 3 --ports 8 --groups 1024 -o s.stim || fail "gen"
    "$fanout" model s.stim -o s.trace --quiet || fail "model"
    "$fanout" stats s.stim > a.txt || fail "stats of the stimulus"
    "$fanout" stats s.trace --stim s.stim > b.txt || fail "stats of the trace"
    for f in a b; do sed -n '/^port  accepted/,/^setup latency (commands)/p' $f.txt > $f.cut; done
    [ "$(wc -l < a.cut)" -ge 12 ] || fail "no table: $(cat a.txt)"
    diff a.cut b.cut >/dev/null || fail "figures differ: $(diff a.cut b.cut | head -5)"
    rm -f a.txt b.txt a.cut b.cut
    only s.stim s.trace
    ;;
*)
    fail "unknown case"
    ;;
esac
exit 0
