#!/bin/sh
# run.sh TOOL TB RTL_DIR [VERILATED_BINARY]: runs the self-checking test bench
# tests/rtl_tb/TB.v under TOOL and passes when it prints "PASS TB" and no "FAIL" line.
#   icarus     iverilog -g2012 -Wall (the bench and every rtl/*.v, +FANOUT_ASSERT), then vvp
#   verilator  the binary CMake built (tests/rtl_tb/CMakeLists.txt: every bench verilated
#              --timing into one executable, which runs the bench its argument names)
# Every bench also fails on a simulation assertion ($fatal) of the module under test.
# run.sh --expect-assert REGEX TOOL TB RTL_DIR [BIN]: the bench must instead be stopped by
# an assertion: passes when the run exits non-zero, prints a line matching REGEX (grep -E)
# and no "FAIL".
set -u
expect=
if [ "${1:-}" = --expect-assert ]; then expect=$2; shift 2; fi
tool=$1; tb=$2; rtl=$3; bin=${4:-}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
case $tool in
  icarus)
    command -v iverilog >/dev/null 2>&1 || { echo "run.sh: iverilog not found" >&2; exit 2; }
    files=$(ls "$rtl"/*.v | grep -v -E '/(tb_[^/]*|[^/]*_tb)\.v$')
    # shellcheck disable=SC2086
    iverilog -g2012 -Wall -DFANOUT_ASSERT -I "$rtl" -I "$here" -s "$tb" -o "$tmp/tb.vvp" "$here/$tb.v" $files \
      > "$tmp/compile.log" 2>&1 || { cat "$tmp/compile.log"; echo "run.sh: $tb does not compile"; exit 1; }
    vvp -n "$tmp/tb.vvp" > "$tmp/out" 2>&1; rc=$? ;;
  verilator)
    [ -x "$bin" ] || { echo "run.sh: no Verilated bench '$bin'" >&2; exit 2; }
    "$bin" "$tb" > "$tmp/out" 2>&1; rc=$? ;;
  *) echo "run.sh: unknown tool '$tool'" >&2; exit 2 ;;
esac
cat "$tmp/out"
if [ -n "$expect" ]; then
  grep -q "FAIL" "$tmp/out" && { echo "run.sh: $tb under $tool: FAILED (not stopped)"; exit 1; }
  grep -Eq "$expect" "$tmp/out" || { echo "run.sh: $tb under $tool: no line matches '$expect' (exit $rc)"; exit 1; }
  [ $rc -ne 0 ] || { echo "run.sh: $tb under $tool: exit 0 after the assertion"; exit 1; }
  echo "run.sh: $tb under $tool: stopped by the expected assertion"; exit 0
fi
if grep -q "FAIL" "$tmp/out" || grep -q "ASSERT" "$tmp/out"; then
  echo "run.sh: $tb under $tool: FAILED (exit $rc)"; exit 1
fi
grep -q "^PASS $tb" "$tmp/out" || { echo "run.sh: $tb under $tool: no PASS line (exit $rc)"; exit 1; }
[ $rc -eq 0 ] || { echo "run.sh: $tb under $tool: exit $rc"; exit 1; }
echo "run.sh: $tb under $tool: passed"
