#!/usr/bin/env bash
# How fanout was built (issue 17: the compiler and flags of the Verilated model), run by CTest:
#   build_info.sh FANOUT CASE [ARGS]
# CASE compiler C_ID C_VERSION CXX_ID CXX_VERSION CHOICE RTL
#     `fanout --version` names the compilers CMake used (C_ID/CXX_ID: GNU or Clang,
#     as CMAKE_<LANG>_COMPILER_ID), as the compilers' own macros report them, for
#     the C code and (RTL 1) for the harness and the Verilated model; and when
#     CMake chose by itself with clang installed (CHOICE "clang: ..."), that is clang
# CASE threads_unbuilt STIM   `fanout rtl --threads 2` in a build without threaded
#     models: exit 2, one line naming -DFANOUT_RTL_THREADS, no trace written
# CASE threads STIM TRACE N   `fanout rtl --threads N` (the model verilated with
#     --threads N) writes the golden trace, and --version says it is built
# CASE variants_quick TOP     docs/rtl_variants.sh --quick prints the table: its
#     columns, one row per variant (gcc and clang) with the 8-port figures measured
set -u
fanout=$1; case=$2; shift 2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
# CMake's compiler id -> the name fanout --version prints
name_of() { case $1 in GNU) echo gcc ;; Clang) echo clang ;; *) echo "unexpected compiler id $1" ;; esac; }
case $case in
compiler)
  cid=$1 cver=$2 xid=$3 xver=$4 choice=$5 rtl=$6
  v=$("$fanout" --version) || fail "fanout --version failed"
  echo "$v"
  want_c="C: $(name_of "$cid") $cver"
  grep -qxF "$want_c" <<< "$v" || fail "no line '$want_c' (CMake's C compiler) in --version"
  if [ "$rtl" = 1 ]; then
    want_x="RTL: C++ $(name_of "$xid") $xver,"
    grep -q "^$want_x" <<< "$v" || fail "the RTL line does not start with '$want_x' (CMake's C++ compiler)"
  else
    grep -q '^RTL: none' <<< "$v" || fail "built without the RTL, but --version does not say so"
  fi
  case $choice in
  clang:*)
    [ "$cid" = Clang ] && [ "$xid" = Clang ] || fail "CMake chose clang ('$choice') but built with $cid/$xid"
    grep -q '^C: clang ' <<< "$v" || fail "chosen clang, but the C code was compiled by something else" ;;
  default:*)
    if command -v clang >/dev/null && command -v clang++ >/dev/null; then
      # the choice is made at the first configuration: clang may have come later
      echo "note: clang is installed now, but was not when this tree was first configured"
    fi ;;
  esac
  ;;
threads_unbuilt)
  "$fanout" rtl "$1" --threads 2 -o "$tmp/t.trace" 2> "$tmp/err"; rc=$?
  [ $rc -eq 2 ] || fail "exit $rc, wanted 2"
  [ "$(wc -l < "$tmp/err")" -eq 1 ] || { cat "$tmp/err"; fail "not one line on stderr"; }
  grep -q -- '-DFANOUT_RTL_THREADS=2' "$tmp/err" || { cat "$tmp/err"; fail "the message does not say how to build it"; }
  grep -q "^fanout rtl: $1: " "$tmp/err" || { cat "$tmp/err"; fail "the message does not start 'fanout rtl: STIM: '"; }
  [ ! -e "$tmp/t.trace" ] || fail "a trace was written"
  "$fanout" rtl --help | grep -q 'Threaded models (rtl --threads): none' || fail "rtl --help does not say none is built"
  ;;
threads)
  "$fanout" rtl "$1" --threads "$3" --quiet -o "$tmp/t.trace" || fail "rtl --threads $3"
  cmp -s "$tmp/t.trace" <(zcat "$2") || fail "the threaded model's trace differs from the golden one"
  "$fanout" --version | grep -q "threaded models: --threads $3\$" || fail "--version does not name the threaded models"
  ;;
variants_quick)
  "$1/docs/rtl_variants.sh" --quick --out "$tmp/table.md" > "$tmp/out" 2> "$tmp/err" ||
    { tail -30 "$tmp/err"; fail "rtl_variants.sh --quick failed"; }
  cat "$tmp/out"
  cmp -s "$tmp/out" "$tmp/table.md" || fail "--out does not hold what was printed"
  hdr=$(grep '^| variant |' "$tmp/out") || fail "no table header"
  for col in 'cycles per CPU s, 8 ports' 'cycles per CPU s, 32 ports' 'build CPU s, 8 ports' 'build CPU s, 32 ports'; do
    grep -qF "| $col |" <<< "$hdr" || fail "no column '$col'"
  done
  rows=$(grep -cE '^\| (gcc|clang) ' "$tmp/out")
  [ "$rows" -eq 2 ] || fail "$rows variant rows, wanted 2 (gcc and clang)"
  # every row: 8-port speed and build time measured (a number > 0), 32 ports not (quick)
  while IFS='|' read -r _ label _ _ c8 c32 _ b8 b32 _; do
    [[ $c8 =~ ^\ [1-9][0-9,]*\ $ ]] || fail "$label: cycles per CPU s at 8 ports '$c8' is not a number"
    [[ $b8 =~ ^\ [1-9][0-9,]*\ $ ]] || fail "$label: build CPU s at 8 ports '$b8' is not a number"
    [ "$c32" = " - " ] && [ "$b32" = " - " ] || fail "$label: --quick measured 32 ports"
  done < <(grep -E '^\| (gcc|clang) ' "$tmp/out")
  ;;
*) fail "unknown case $case" ;;
esac
echo "PASS: $case"
