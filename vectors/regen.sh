#!/usr/bin/env bash
# Regenerates every golden vector listed in vectors/MANIFEST into a scratch
# folder, compares each with the committed one and says what changed.
# Nothing in vectors/ changes unless --write is given: a golden trace changes
# only on purpose, after its diff has been reviewed.
#   vectors/regen.sh [--write] [--fanout PATH] [NAME-FILTER]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
fanout=${FANOUT:-$here/../build/fanout}
write=0; filter=""
while [ $# -gt 0 ]; do
  case "$1" in
    --write) write=1 ;;
    --fanout) fanout=$2; shift ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) filter=$1 ;;
  esac
  shift
done
[ -x "$fanout" ] || { echo "regen: $fanout not built (tests/build.sh)" >&2; exit 2; }
scratch=$(mktemp -d); trap 'rm -rf "$scratch"' EXIT
changed=0; same=0; new=0
while read -r name scenario args; do
  case "$name" in ''|'#'*) continue ;; esac
  [ -n "$filter" ] && [[ "$name" != *"$filter"* ]] && continue
  mkdir -p "$scratch/$(dirname "$name")"
  # shellcheck disable=SC2086
  "$fanout" gen "$scenario" $args -o "$scratch/$name.stim.gz"
  "$fanout" model "$scratch/$name.stim.gz" -o "$scratch/$name.trace.gz" --quiet
  status=same
  for kind in stim trace; do
    old="$here/$name.$kind.gz"
    if [ ! -f "$old" ]; then status=new
    elif ! cmp -s <(zcat "$old") <(zcat "$scratch/$name.$kind.gz"); then
      status=changed
      echo "== $name.$kind changed:"; "$fanout" diff "$old" "$scratch/$name.$kind.gz" | sed 's/^/   /' || true
    fi
  done
  case $status in same) same=$((same+1)) ;; new) new=$((new+1)); echo "== $name: new" ;; changed) changed=$((changed+1)) ;; esac
  if [ $write = 1 ] && [ $status != same ]; then
    mkdir -p "$here/$(dirname "$name")"
    cp "$scratch/$name.stim.gz" "$scratch/$name.trace.gz" "$here/$(dirname "$name")/"
  fi
done < "$here/MANIFEST"
echo "regen: $same unchanged, $changed changed, $new new$([ $write = 1 ] && echo ' (written)' || echo ' (nothing written; --write to accept)')"
