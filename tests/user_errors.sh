#!/usr/bin/env bash
# The errors a user meets first, run by CTest:  user_errors.sh FANOUT CASE [ARGS]
# did_you_mean          a mistyped verb or option: exit 2 and the nearest one suggested
# version               fanout --version prints the project version of CMakeLists.txt (ARG: its path)
# one_range_message     a parameter out of range reads the same from a command-line option
#                       and from a stimulus's param line (and --sram-latency 0 says 1..4)
# rtl_unbuilt_config    a stimulus for a configuration not built: one line
#                       "fanout rtl: FILE: no RTL built for ...; built: ...; add it with
#                       -DFANOUT_RTL_CONFIGS=...", exit 2
# rtl_help_lists_configs  fanout rtl --help lists every configuration built (ARGS: them)
# install_puts_fanout_on_path  cmake --install BUILD (ARG) puts bin/fanout under the prefix,
#                       and it runs from PATH alone
# gen_ports_picks_built_table  gen --ports N alone takes the table size of a built
#                       configuration with N ports (ARG: one built N:G:S:L), or says what it wrote
set -u
fanout=$1; case=$2; shift 2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
fail() { echo "FAIL: $case: $*"; exit 1; }
case $case in
did_you_mean)
  check() {  # check WANT ARGS...: exit 2, the suggestion WANT on the first stderr line
    local want=$1; shift
    "$fanout" "$@" > out 2> err; rc=$?
    [ $rc -eq 2 ] || fail "fanout $*: exit $rc, wanted 2"
    head -1 err | grep -qF "did you mean '$want'?" || fail "fanout $*: no 'did you mean '$want'': $(head -1 err)"
  }
  check model modle x.stim
  check cosim cosin x.stim
  check regress regres
  check --seed gen moe --sed 3 -o x.stim
  check --fst cosim x.stim --fts w.fst
  check --waves-on-fail regress --waves-on-fial w
  check --sram-latency gen moe --sram-latncy 2 -o x.stim
  [ "$(wc -l < err)" -gt 1 ] && grep -q "^usage: fanout gen" err || fail "an unknown option no longer shows the usage"
  "$fanout" modle x.stim 2> err; [ "$(wc -l < err)" -eq 1 ] || fail "a mistyped verb prints more than its one line"
  ;;
version)
  want=$(sed -n 's/^project(fanout VERSION \([0-9.]*\).*/\1/p' "$1")
  [ -n "$want" ] || fail "no version in $1"
  [ "$("$fanout" --version | head -1)" = "fanout $want" ] || fail "fanout --version: '$("$fanout" --version | head -1)', wanted 'fanout $want'"
  ;;
one_range_message)
  for p in "nports --ports 99 4..64" "nports --ports 2 4..64" "ngroups --groups 100 1024..65536" \
           "slots --slots 1 2..64" "sram_latency --sram-latency 0 1..4" "sram_latency --sram-latency 5 1..4"; do
    set -- $p
    msg="param $1 $3 out of range $4"
    "$fanout" gen moe $2 $3 -o x.stim > out 2> err; rc=$?
    [ $rc -eq 2 ] || fail "gen $2 $3: exit $rc"
    head -1 err | grep -qxF "fanout gen: $2: $msg" || fail "gen $2 $3: '$(head -1 err)', wanted '...: $msg'"
    printf 'fanout-stim 1\nparam %s %s\n' "$1" "$3" > s.stim
    "$fanout" model s.stim > out 2> err; rc=$?
    [ $rc -eq 2 ] || fail "param $1 $3: exit $rc"
    grep -qxF "s.stim:2: $msg" err || fail "param $1 $3 in a stimulus: '$(cat err)', wanted 's.stim:2: $msg'"
  done
  [ ! -e x.stim ] || fail "a stimulus was written"
  ;;
rtl_unbuilt_config)
  printf 'fanout-stim 1\nparam nports 16\nparam ngroups 4096\n0 pkt 0 0000000100000001 seed 0000000000000001\n' > w.stim
  for v in rtl cosim; do
    "$fanout" $v w.stim > out 2> err; rc=$?
    [ $rc -eq 2 ] || fail "$v: exit $rc, wanted 2"
    [ "$(wc -l < err)" -eq 1 ] || fail "$v: stderr has $(wc -l < err) lines"
    grep -qE "^fanout $v: w.stim: no RTL built for nports=16 ngroups=4096 slots=64 sram_latency=2 lookups=4; built: nports=.*; add it with -DFANOUT_RTL_CONFIGS=\"[0-9:;]*16:4096:64:2\"$" err ||
      fail "$v: $(cat err)"
  done
  ;;
rtl_help_lists_configs)
  "$fanout" rtl --help > out || fail "rtl --help: exit $?"
  for cfg in "$@"; do
    IFS=: read -r np ng sl lat lk <<< "$cfg"
    grep -qx "  nports=$np ngroups=$ng slots=$sl sram_latency=$lat lookups=${lk:-4}" out || fail "rtl --help does not list $cfg: $(cat out)"
  done
  [ "$(grep -c '^  nports=' out)" -eq $# ] || fail "rtl --help lists $(grep -c '^  nports=' out) configurations, $# built"
  ;;
gen_ports_picks_built_table)
  IFS=: read -r np ng sl lat <<< "$1"
  "$fanout" gen moe --ports "$np" --size 20 -o a.stim 2> err || fail "gen --ports $np: exit $?"
  [ ! -s err ] || fail "gen --ports $np (built): says '$(cat err)'"
  grep -qx "param ngroups $ng" a.stim || fail "gen --ports $np: $(grep '^param' a.stim | tr '\n' ' '), wanted ngroups $ng"
  "$fanout" cosim a.stim --quiet || fail "the stimulus gen --ports $np wrote does not run on the RTL"
  for n in 5 63; do                   # (not built here: the test configurations never are)
    "$fanout" gen moe --ports $n --size 20 -o b.stim 2> err || fail "gen --ports $n: exit $?"
    grep -q "^fanout gen: wrote nports=$n ngroups=65536: no RTL configuration built has $n ports (built: .*nports=$np" err ||
      fail "gen --ports $n (not built): '$(cat err)'"
  done
  ;;
install_puts_fanout_on_path)
  cmake --install "$1" --prefix "$tmp/prefix" > out 2>&1 || fail "cmake --install: $(cat out)"
  [ -x "$tmp/prefix/bin/fanout" ] || fail "no bin/fanout under the prefix"
  [ "$(PATH="$tmp/prefix/bin:/usr/bin:/bin" fanout --version)" = "$("$fanout" --version)" ] || fail "the installed fanout does not run from PATH"
  ;;
*) fail "unknown case" ;;
esac
echo "ok: $case"
