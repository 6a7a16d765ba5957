#!/usr/bin/env bash
# The nightly soak: a long random stimulus (every feature mixed: unicast,
# multicast, MoE tokens, in-band config with data behind it, commands and
# reads, malformed packets, churn, random overlapping egress stalls) through
# co-simulation with the model's invariant checks on, then a lossless check
# of the trace.
#   tests/soak.sh [--cycles N] [--seed S] [--ports 8|32] [--fanout F] [--keep DIR]
#   tests/soak.sh --check-files STIM TRACE   only the lossless check of a run
# Defaults: 10,000,000 cycles, seed 1, 8 ports (1024 groups; 32 ports uses
# 65,536), build/fanout.  Exit 0 and a summary line, or 1 naming what failed.
# What "nothing lost" means, checked on the trace (docs/robustness.md):
#   - every `pkt` of the stimulus has an `acc` line (every packet accepted);
#   - every accepted tag (gen makes tags unique) ends exactly one way: a `drop`
#     line, or an in-band config commit (`cfg`), or one or more `out` lines;
#     so acc = drop + cfg + forwarded, and no `out` or `drop` tag is unknown;
# and in the model (cosim --check), at every idle cycle and at the end:
#   copies that left = the sum over forwarded packets of the size of their
#   replica set at lookup (invariants copy_count, lossless); co-simulation
#   makes the RTL match the model on every pin, every cycle.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cycles=10000000 seed=1 ports=8 fanout=$top/build/fanout keep=""
while [ $# -gt 0 ]; do
  case $1 in
    --cycles) cycles=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --ports) ports=$2; shift 2 ;;
    --fanout) fanout=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    --check-files) check_stim=$2 check_trace=$3; shift 3 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "usage: tests/soak.sh [--cycles N] [--seed S] [--ports 8|32] [--fanout F] [--keep DIR]" >&2; exit 2 ;;
  esac
done
case $ports in
  8) groups=1024 per=48 ;;      # random: about 48 cycles per packet at 8 ports
  32) groups=65536 per=27 ;;    # and 27 at 32 ports
  *) echo "soak.sh: --ports 8 or 32 (the RTL configurations built)" >&2; exit 2 ;;
esac
if [ -n "$keep" ]; then mkdir -p "$keep"; work=$keep; else
  work=$(mktemp -d "${TMPDIR:-/tmp}/fo_soak.XXXXXX"); trap 'rm -rf "$work"' EXIT; fi
size=$(( cycles / per + 1 ))
fail() { trap - EXIT; echo "soak: FAIL: $*" >&2; exit 1; }

# Lossless, from the files alone: lossless STIM TRACE (summary on stdout).
lossless() {
  local npkt
  npkt=$(zcat -f "$1" | grep -c ' pkt ' || true)
  zcat -f "$2" | awk -v npkt="$npkt" '
  $2 == "acc"  { if ($4 in acc) dup++; acc[$4] = 1; nacc++ }
  $2 == "drop" { if (!($4 in acc)) unknown++; if ($4 in gone) twice++; gone[$4] = 1; ndrop++ }
  $2 == "cfg"  { ncfg++ }
  $2 == "out"  { tag = substr($4, 11, 6); if (!(tag in acc)) unknown++
                 if (!(tag in fwd)) { if (tag in gone) twice++; fwd[tag] = 1; nfwd++ }; ncopy++ }
  $2 == "end"  { end = $1 }
  END {
    printf "soak: %d cycles, %d packets offered, %d accepted, %d copies out, %d drops, %d in-band commits, %d forwarded\n",
           end, npkt, nacc, ncopy, ndrop, ncfg, nfwd
    bad = 0
    if (nacc != npkt) { print "soak: accepted " nacc " of " npkt " packets offered"; bad = 1 }
    if (dup) { print "soak: " dup " tags accepted twice (tags must be unique)"; bad = 1 }
    if (unknown) { print "soak: " unknown " out/drop lines name a tag never accepted"; bad = 1 }
    if (twice) { print "soak: " twice " packets both dropped and forwarded"; bad = 1 }
    if (nacc != ndrop + ncfg + nfwd) { print "soak: LOST: " nacc - ndrop - ncfg - nfwd " accepted packets never dropped, committed or sent"; bad = 1 }
    exit bad
  }'
}
if [ -n "${check_stim:-}" ]; then
  lossless "$check_stim" "$check_trace" || fail "lossless check of $check_trace"
  exit 0
fi

t0=$(date +%s)
"$fanout" gen random --seed "$seed" --ports "$ports" --groups "$groups" --size "$size" \
  -o "$work/soak.stim.gz" || fail "gen"
t1=$(date +%s)
"$fanout" cosim "$work/soak.stim.gz" --check -o "$work/soak.trace.gz" > "$work/cosim.txt" 2> "$work/cosim.err" ||
  { cat "$work/cosim.err" "$work/cosim.txt" >&2; fail "cosim (stimulus and trace kept in $work)"; }
t2=$(date +%s)

lossless "$work/soak.stim.gz" "$work/soak.trace.gz" > "$work/lossless.txt" || { cat "$work/lossless.txt" >&2; fail "lossless check (files kept in $work)"; }
t3=$(date +%s)
cat "$work/lossless.txt"
sed 's/^/soak: /' "$work/cosim.txt"
echo "soak: PASS: seed $seed, $ports ports, $cycles cycles asked; gen $((t1 - t0)) s, cosim --check $((t2 - t1)) s, lossless check $((t3 - t2)) s, total $((t3 - t0)) s"
