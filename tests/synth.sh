#!/usr/bin/env bash
# Tests of the synthesis report rtl/synth_report.sh (issue 13 item 6).
#
# Usage: tests/synth.sh CASE [CONFIG]
#   instrument     the report's figures on the designs of tests/synth/fixtures.v, whose
#                  memories, flip-flop bits, cell counts and depths are known by construction,
#                  and each --check rule failing (exit 1, the rule and where) and passing
#                  at its limit; bad usage exits 2 with one line
#   report CONFIG  the report on the switch at CONFIG: every figure printed, and its totals
#                  consistent with its own memory table (no limit checked: v1 breaks them)
#   gate CONFIG    `synth_report.sh --check CONFIG` on the switch passes (CTest label
#                  synth_gate at 8 ports: too long for CI, run by the nightly command)
# shellcheck disable=SC2016   # the expected lines quote names in `backticks`
set -u
here=$(cd "$(dirname "$0")" && pwd)
rep=$here/../rtl/synth_report.sh
fx=$here/synth/fixtures.v
tmp=$(mktemp -d "${TMPDIR:-/tmp}/synth-test.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
errors=0

bad() { echo "FAIL: $*"; errors=$((errors + 1)); }

# run NAME ARGS...: the report's stdout in $tmp/NAME.out, stderr in $tmp/NAME.err, exit in rc
run() {
  local name=$1; shift
  bash "$rep" "$@" > "$tmp/$name.out" 2> "$tmp/$name.err"
  rc=$?
  last=$name
}
# expect_rc N: the last run exited N
expect_rc() {
  [ "$rc" -eq "$1" ] || { bad "$last: exit $rc, expected $1"; sed 's/^/  | /' "$tmp/$last.out" "$tmp/$last.err"; }
}
# field KEY: KEY's value on the last run's summary line
field() { sed -n "s/^summary: .*\\b$1=\\([^ ]*\\).*/\\1/p" "$tmp/$last.out" | head -1; }
# expect KEY=VALUE...: the summary line of the last run has them
expect() {
  local kv v
  for kv in "$@"; do
    v=$(field "${kv%%=*}")
    [ "$v" = "${kv#*=}" ] || bad "$last: ${kv%%=*} is '$v', expected '${kv#*=}'"
  done
}
# has TEXT: the last run printed the line TEXT (stdout), exactly
has() { grep -q -x -F -- "$1" "$tmp/$last.out" || bad "$last: no line '$1'"; }
# hasnt PATTERN: no stdout line of the last run matches the extended regex
hasnt() { ! grep -q -E -- "$1" "$tmp/$last.out" || bad "$last: a line matches '$1'"; }

case_instrument() {
  local f=(--files "$fx")
  local ok_row='| `mem` | 1 | 512 x 16 | 8192 | 1 | 1 | registered | yes |'
  # One 1R1W registered 512 x 16 memory, 2 flip-flops, a 64-input AND (63 gates, 6
  # levels) and a chain of 12 black-box buffers: depth 12, 1 + 2 + 63 + 12 cells.
  run sram --check --top fx_sram "${f[@]}" -
  expect_rc 0
  has "$ok_row"
  expect memories=1 mem_bits=8192 ff_bits=2 ff_outside_mem=2 ff_arrays=0 state_bits=8194 \
         ff_pct=0.0 cells=78 depth=12
  has 'logic depth:     12 levels (ltp -noff), from \chain_i to \chain_o'
  has 'synth_report: check passed (memories over 4096 bits 1R+1W with registered read, flip-flops <= 10% of state bits, depth <= 40)'
  # A chain of 3: the AND tree is the longest path, 6 levels.
  run and_tree --top fx_sram --param DEPTH=3 "${f[@]}" -
  expect_rc 0
  expect depth=6 cells=69
  has 'logic depth:     6 levels (ltp -noff), from \and_i [63] to \and_o'
  # The depth limit: 40 passes, 41 fails and names the path.
  run depth40 --check --top fx_sram --param DEPTH=40 "${f[@]}" -
  expect_rc 0
  expect depth=40
  run depth41 --check --top fx_sram --param DEPTH=41 "${f[@]}" -
  expect_rc 1
  expect depth=41
  has 'synth_report: CHECK FAILED: logic depth: 41 levels (at most 40), from \chain_i to \chain_o'
  hasnt 'CHECK FAILED: (memory|registered|flip-flops)'
  run depth41_max --check --max-depth 41 --top fx_sram --param DEPTH=41 "${f[@]}" -
  expect_rc 0
  # A memory ends one path and starts another: two chains of 30 around it are 30 deep.
  run mem_cut --check --top fx_mem_cut "${f[@]}" -
  expect_rc 0
  has "$ok_row"
  expect depth=30 ff_bits=0 mem_bits=8192
  # Two read ports: not SRAM-able, its 8192 bits are flip-flops; --check names the array.
  run two_reads --check --top fx_two_reads "${f[@]}" -
  expect_rc 1
  has '| `mem` | 1 | 512 x 16 | 8192 | 2 | 1 | registered | no: flip-flops |'
  expect mem_bits=0 ff_bits=8192 ff_arrays=8192 ff_outside_mem=0 state_bits=8192 ff_pct=100.0
  has 'synth_report: CHECK FAILED: memory ports: `mem` (1 x 512 x 16): 2 read, 1 write ports (at most 1 read + 1 write, or one shared read/write)'
  has 'synth_report: CHECK FAILED: flip-flops: 8192 of 8192 state bits (100.0%) are flip-flops (at most 10%)'
  # Without --check the same design reports and exits 0.
  run two_reads_nocheck --top fx_two_reads "${f[@]}" -
  expect_rc 0
  hasnt 'CHECK FAILED'
  # A 64 x 16 array (1024 bits) is under the SRAM size: counted as flip-flops, its ports
  # not a failure; --sram-min-bits 0 checks it too.
  run two_reads_small --check --top fx_two_reads --param WORDS=64 "${f[@]}" -
  expect_rc 1
  expect ff_arrays=1024
  hasnt 'CHECK FAILED: memory ports'
  has 'synth_report: CHECK FAILED: flip-flops: 1024 of 1024 state bits (100.0%) are flip-flops (at most 10%)'
  run two_reads_small_all --check --sram-min-bits 0 --top fx_two_reads --param WORDS=64 "${f[@]}" -
  expect_rc 1
  has 'synth_report: CHECK FAILED: memory ports: `mem` (1 x 64 x 16): 2 read, 1 write ports (at most 1 read + 1 write, or one shared read/write)'
  # A combinational read.
  run comb_read --check --top fx_comb_read "${f[@]}" -
  expect_rc 1
  has '| `mem` | 1 | 512 x 16 | 8192 | 1 | 1 | 1 of 1 unregistered | no: flip-flops |'
  has 'synth_report: CHECK FAILED: registered read: `mem` (1 x 512 x 16): 1 of 1 read ports unregistered'
  # 128 flip-flops beside a 1024-bit SRAM-able memory: 11.1% > 10%, passes at 12%.
  run many_ffs --check --top fx_many_ffs "${f[@]}" -
  expect_rc 1
  expect mem_bits=1024 ff_bits=128 state_bits=1152 ff_pct=11.1 cells=129
  has 'synth_report: CHECK FAILED: flip-flops: 128 of 1152 state bits (11.1%) are flip-flops (at most 10%)'
  hasnt 'CHECK FAILED: (memory|registered|logic)'
  run many_ffs_12 --check --max-ff-pct 12 --top fx_many_ffs "${f[@]}" -
  expect_rc 0
  # Bad usage: exit 2, one line on stderr, nothing on stdout.
  local a
  for a in "8:1024" "--max-depth x" "--param 1=2" "--frobnicate" "--files /nonexistent.v -"; do
    # shellcheck disable=SC2086
    run usage $a
    expect_rc 2
    if [ "$(wc -l < "$tmp/usage.err")" -ne 1 ] || [ -s "$tmp/usage.out" ]; then
      bad "usage '$a': want one stderr line and no output"
    fi
  done
  # A yosys failure (no such top) is exit 1.
  run no_top --top fx_nonexistent "${f[@]}" -
  expect_rc 1
}

# The figures of a real configuration: printed, and consistent with the table above them.
case_report() {
  local cfg=$1
  run report "$cfg"
  expect_rc 0
  local k v
  for k in memories mem_bits ff_bits ff_outside_mem ff_arrays state_bits cells depth; do
    v=$(field $k)
    [[ $v =~ ^[0-9]+$ ]] || bad "report: $k is '$v', not a number"
  done
  [[ $(field ff_pct) =~ ^[0-9]+\.[0-9]$ ]] || bad "report: ff_pct '$(field ff_pct)'"
  [ "$(field cells)" -gt 0 ] || bad "report: no cells"
  [ "$(field depth)" -gt 0 ] || bad "report: depth 0"
  # The totals from the memory table's rows: instances, SRAM-able bits, array flip-flops.
  local sums
  sums=$(awk -F'|' '$2 ~ /`/ { gsub(/ /, "", $3); gsub(/ /, "", $5)
                                n += $3; if ($9 ~ /yes/) m += $3 * $5; else a += $3 * $5 }
                    END { printf "%d %d %d", n, m, a }' "$tmp/report.out")
  [ "$sums" = "$(field memories) $(field mem_bits) $(field ff_arrays)" ] ||
    bad "report: table rows sum to '$sums' (instances, SRAM-able bits, array bits), summary says" \
        "'$(field memories) $(field mem_bits) $(field ff_arrays)'"
  [ "$(field memories)" -gt 0 ] || bad "report: no memory found"
  [ $(( $(field ff_outside_mem) + $(field ff_arrays) )) -eq "$(field ff_bits)" ] || bad "report: ff_bits"
  [ $(( $(field ff_bits) + $(field mem_bits) )) -eq "$(field state_bits)" ] || bad "report: state_bits"
  grep -q -E '^logic depth: +[0-9]+ levels \(ltp -noff\), from .+ to .+$' "$tmp/report.out" ||
    bad "report: the depth line names no path"
  # Each row's words x bits is its bits each.
  awk -F'|' '$2 ~ /`/ { split($4, wb, " x "); if (wb[1] * wb[2] != $5 + 0) { print; e = 1 } }
             END { exit e }' "$tmp/report.out" > "$tmp/rows.bad" || bad "report: rows: $(cat "$tmp/rows.bad")"
  cat "$tmp/report.out"
}

case_gate() {
  run gate --check "$1"
  cat "$tmp/gate.out" "$tmp/gate.err"
  expect_rc 0
}

case ${1:-} in
  instrument) case_instrument ;;
  report) [ $# -eq 2 ] || { echo "usage: $0 report CONFIG" >&2; exit 2; }; case_report "$2" ;;
  gate) [ $# -eq 2 ] || { echo "usage: $0 gate CONFIG" >&2; exit 2; }; case_gate "$2" ;;
  *) echo "usage: $0 instrument | report CONFIG | gate CONFIG" >&2; exit 2 ;;
esac
if [ "$errors" -ne 0 ]; then echo "synth.sh $1: $errors failure(s)"; exit 1; fi
echo "synth.sh $1: ok"
