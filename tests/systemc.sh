#!/usr/bin/env bash
# systemc.sh -- fanout-systemc: the switch as SystemC modules (docs/systemc.md).
# usage: systemc.sh CASE FANOUT_SYSTEMC FANOUT [ARGS...]; exit 0 pass, 1 fail.
set -u
case_=$1 fsc=$2 fanout=$3
shift 3
work=$(mktemp -d "${TMPDIR:-/tmp}/fo_sc.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
export SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1

fail() { echo "FAIL: $case_: $*" >&2; exit 1; }

# The golden trace (gz) and ours must be the same text, byte for byte.
same_as_gold() {
    local gold=$1 ours=$2
    if ! zcat -f "$gold" | cmp -s - "$ours"; then
        "$fanout" diff "$ours" "$gold" >&2
        fail "$ours differs from $gold"
    fi
}

case $case_ in
vector)
    # fanout-systemc [--rtl] STIM -o TRACE writes exactly the golden trace.
    stim=$1 mode=${2:-}
    "$fsc" $mode "$stim" -o out.trace --quiet 2>err.txt || fail "exit $? ($(cat err.txt))"
    same_as_gold "${stim%.stim.gz}.trace.gz" out.trace
    ;;
both)
    # The SystemC RTL and the SystemC model in one kernel agree pin by pin,
    # and the RTL's trace (-o) is the golden one.
    stim=$1
    "$fsc" --both "$stim" -o out.trace --quiet 2>err.txt || fail "exit $? ($(cat err.txt))"
    same_as_gold "${stim%.stim.gz}.trace.gz" out.trace
    ;;
both_catches_mismatch)
    # A deliberately wrong model (idle_o inverted in cycle 1000) must fail,
    # naming the cycle, the pin, the RTL's value and the expected one.
    stim=$1
    "$fsc" --both "$stim" --flip-idle 1000 -o out.trace >out.txt 2>err.txt
    rc=$?
    [ $rc -eq 1 ] || fail "exit $rc, expected 1 ($(cat err.txt))"
    grep -q "MISMATCH: cycle 1000: idle_o: rtl 0x0, expected 0x1$" err.txt ||
        fail "not the expected message: $(cat err.txt)"
    [ -e out.trace ] && fail "a trace was left after a mismatch"
    [ "$(ls -A)" = "$(printf 'err.txt\nout.txt')" ] || fail "files left: $(ls -A)"
    ;;
gold_mismatch_is_caught)
    # The model run compared with the wrong golden trace fails at its first line.
    stim=$1 wrong=$2
    "$fsc" "$stim" --gold "$wrong" >out.txt 2>err.txt
    rc=$?
    [ $rc -eq 1 ] || fail "exit $rc, expected 1 ($(cat err.txt))"
    grep -q "MISMATCH" err.txt || fail "no MISMATCH line: $(cat err.txt)"
    ;;
malformed)
    # Bad input: exit 2, one line "FILE:LINE: ...", nothing written.
    name=$1 line=$2 data=$3
    cp "$data/bad/$name.stim" in.stim
    "$fsc" in.stim -o out.trace >out.txt 2>err.txt
    rc=$?
    [ $rc -eq 2 ] || fail "exit $rc, expected 2 ($(cat err.txt))"
    [ "$(wc -l < err.txt)" -eq 1 ] || fail "stderr has $(wc -l < err.txt) lines: $(cat err.txt)"
    grep -q "^in.stim:$line: ." err.txt || fail "stderr does not name in.stim:$line: $(cat err.txt)"
    [ -s out.txt ] && fail "stdout not empty"
    [ -e out.trace ] && fail "a trace was written"
    ;;
help)
    "$fsc" --help >out.txt 2>err.txt || fail "--help: exit $?"
    grep -q "^usage: fanout-systemc" out.txt || fail "--help: no usage on stdout"
    [ -s err.txt ] && fail "--help wrote to stderr: $(cat err.txt)"
    "$fsc" >out.txt 2>err.txt
    rc=$?
    [ $rc -eq 2 ] || fail "no arguments: exit $rc, expected 2"
    head -1 err.txt | grep -q "^fanout-systemc: no stimulus file given" || fail "no arguments: $(cat err.txt)"
    "$fsc" --frobnicate x.stim >out.txt 2>err.txt
    [ $? -eq 2 ] || fail "unknown option: exit not 2"
    ;;
rtl_unbuilt_config)
    # --rtl on a configuration not built: exit 2, naming the ones built.
    stim=$1
    "$fsc" --rtl "$stim" -o out.trace >out.txt 2>err.txt
    rc=$?
    [ $rc -eq 2 ] || fail "exit $rc, expected 2"
    grep -q "no SystemC RTL built for nports=32 ngroups=65536.*built: nports=8 ngroups=1024" err.txt ||
        fail "message: $(cat err.txt)"
    ;;
example)
    # The README's example: a CPU writes group 5 = {4,5} and adds 7 through the
    # TLM socket, reads it back, and one packet to group 5 leaves on 4, 5 and 7.
    example=$1 mode=${2:-}
    "$example" $mode >out.txt 2>err.txt || fail "exit $? ($(cat err.txt))"
    grep -q "^cpu: group 5 = b0$" err.txt || fail "the CPU's read: $(cat err.txt)"
    for l in "csr write 5 0000000000000030" "csr add 5 00000000000000b0" "csr read 5 00000000000000b0" \
             "acc 0 000abc" "out 4 4000000500000abc 00000000" "out 5 4000000500000abc 00000000" \
             "out 7 4000000500000abc 00000000" "end"; do
        grep -Eq "^[0-9]+ $l\$" out.txt || fail "no line '$l' in: $(cat out.txt)"
    done
    [ "$(grep -c ' out ' out.txt)" -eq 3 ] || fail "not 3 copies: $(cat out.txt)"
    ;;
tlm)
    # The register map, access by access (harness/systemc/test_tlm.cpp).
    prog=$1 mode=${2:-}
    "$prog" $mode >out.txt 2>err.txt || fail "exit $?: $(cat out.txt err.txt)"
    grep -q "^tlm: all checks passed" out.txt || fail "$(cat out.txt err.txt)"
    ;;
readme_quotes_example)
    # The README's SystemC example is example.cpp's code: every quoted line
    # (but the "// ..." elisions) is a line of example.cpp.
    readme=$1 example=$2
    awk '/^### In a SystemC virtual platform/{on=1} on && /^```cpp/{code=1; next} code && /^```/{exit} code' \
        "$readme" > quoted.txt
    [ "$(wc -l < quoted.txt)" -gt 20 ] || fail "no example quoted in $readme"
    while IFS= read -r l; do
        case $l in *"// ..."*|"") continue ;; esac
        grep -Fxq -- "$l" "$example" || fail "README line not in example.cpp: '$l'"
    done < quoted.txt
    ;;
time_resolution)
    # SystemC's time resolution is the precision of every `timescale in the RTL.
    rtl=$1
    precs=$(grep -h '^`timescale' "$rtl"/*.v | sed -E 's|.*/ *([0-9]+) *([a-z]+).*|\1 \2|' | sort -u)
    [ -n "$precs" ] || fail "no \`timescale in $rtl"
    [ "$(echo "$precs" | wc -l)" -eq 1 ] || fail "the RTL's files disagree on the precision: $precs"
    got=$("$fsc" --time-resolution) || fail "--time-resolution: exit $?"
    [ "$got" = "$precs" ] || fail "SystemC resolution '$got', RTL precision '$precs'"
    ;;
*)
    fail "unknown case"
    ;;
esac
exit 0
