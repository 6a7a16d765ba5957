#!/usr/bin/env bash
# Merges the JUnit files of shards (fanout regress --junit) into one:
#   tests/junit/merge.sh OUT.xml SHARD.xml...
# Each shard's <testsuite> is kept whole (its properties: shard, seed base);
# the <testsuites> totals are the sums.  Valid against tests/junit/junit-10.xsd
# when the inputs are.  Exit 2 when an input is missing or not a regress file.
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: tests/junit/merge.sh OUT.xml SHARD.xml..." >&2; exit 2; }
out=$1; shift
tests=0 failures=0 errors=0 time=0
for f in "$@"; do
  head=$(grep -m1 '^<testsuites ' "$f" 2>/dev/null) || { echo "junit/merge.sh: $f: not a fanout regress JUnit file" >&2; exit 2; }
  attr() { sed -n "s/.* $1=\"\([0-9.]*\)\".*/\1/p" <<< "$head"; }
  tests=$(( tests + $(attr tests) )); failures=$(( failures + $(attr failures) )); errors=$(( errors + $(attr errors) ))
  time=$(awk -v a="$time" -v b="$(attr time)" 'BEGIN { printf "%.3f", a + b }')
done
{
  echo '<?xml version="1.0" encoding="UTF-8"?>'
  echo "<testsuites tests=\"$tests\" failures=\"$failures\" errors=\"$errors\" time=\"$time\">"
  for f in "$@"; do sed -n '/^<testsuite /,/^<\/testsuite>$/p' "$f"; done
  echo '</testsuites>'
} > "$out.tmp"
mv "$out.tmp" "$out"
echo "junit/merge.sh: $# files, $tests tests, $failures failures, $errors errors -> $out"
