#!/usr/bin/env bash
# Progress of a run that lasts more than a second, run by CTest:
#   progress.sh FANOUT CASE
# on_terminal   under a pseudo-terminal (script -qec): a live line rewritten with \r
# plain_in_log  stderr to a file: no \r, plain "cosim: cycle N, T s, R cycles/s" lines
# quiet         --quiet: no progress at all
# The stimulus (gen random, 8 ports, 389,190 cycles) took 2.6 CPU seconds in cosim here
# (the 8-port RTL at 108,000 cycles/s), well over the 1 s before progress shows.
set -u
fanout=$1; case=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $case: $*"; exit 1; }
"$fanout" gen random --seed 5 --ports 8 --groups 1024 --size 8000 -o "$tmp/s.stim.gz" || fail "gen"
case $case in
on_terminal)
  command -v script > /dev/null || fail "script (util-linux) is not installed"
  script -qec "'$fanout' cosim '$tmp/s.stim.gz'" /dev/null > "$tmp/tty" 2>&1 || fail "cosim under a terminal failed: $(tail -c 300 "$tmp/tty")"
  grep -c $'\r' "$tmp/tty" > /dev/null || fail "no \\r on the terminal"
  tr '\r' '\n' < "$tmp/tty" | grep -qE '^cosim: cycle [0-9]+, [0-9.]+ s, [0-9]+ cycles/s' || fail "no progress line: $(tail -c 300 "$tmp/tty")"
  ;;
plain_in_log)
  "$fanout" cosim "$tmp/s.stim.gz" > /dev/null 2> "$tmp/err" || fail "cosim failed"
  grep -q $'\r' "$tmp/err" && fail "\\r in a log"
  grep -qE '^cosim: cycle [0-9]+, [0-9.]+ s, [0-9]+ cycles/s$' "$tmp/err" || fail "no plain progress line: $(cat "$tmp/err")"
  ;;
quiet)
  "$fanout" cosim "$tmp/s.stim.gz" --quiet > /dev/null 2> "$tmp/err" || fail "cosim failed"
  [ ! -s "$tmp/err" ] || fail "--quiet printed: $(cat "$tmp/err")"
  ;;
*) fail "unknown case" ;;
esac
echo "ok: $case"
