#!/usr/bin/env bash
# docs.sh TOP: the documentation stays inside the repository.
# - README.md links docs/formats.md, which specifies the header flit, the stimulus and
#   trace formats, the exit codes and the verbs (every verb of `fanout --help`: ARG 2);
# - every relative link of README.md and docs/*.md names a file of the repository (no
#   ../shared/SPEC.md or other path out of the clone), and no link leaves it (http...).
# - the trace example of docs/formats.md is `fanout model` of its stimulus example (ARG 2).
set -u
top=$1; fanout=$2
fail() { echo "FAIL: $*"; exit 1; }

# the trace example of docs/formats.md is the model's trace of its stimulus example
ex=$(mktemp -d) || exit 2
awk '/^### Stimulus/{s=1} s==1 && /^```$/{n++; if (n==2) exit; next} s==1 && n==1' "$top/docs/formats.md" > "$ex/ex.stim"
awk '/^### Trace/{s=1} s==1 && /^```$/{n++; if (n==2) exit; next} s==1 && n==1' "$top/docs/formats.md" > "$ex/ex.trace"
[ -s "$ex/ex.stim" ] && [ -s "$ex/ex.trace" ] || fail "docs/formats.md: no stimulus or trace example found"
"$fanout" model "$ex/ex.stim" --gold "$ex/ex.trace" --quiet > "$ex/out" 2>&1 ||
  fail "docs/formats.md: the trace example is not the model's trace of the stimulus example: $(cat "$ex/out")"
rm -rf "$ex"
grep -q '](docs/formats.md)' "$top/README.md" || fail "README.md does not link docs/formats.md"
f=$top/docs/formats.md
for h in "## The header flit" "### Stimulus" "### Trace" "## Exit codes" "## Verbs"; do
  grep -q "^$h" "$f" || fail "docs/formats.md has no section '$h'"
done
for field in kind xsrc src op rsvd dst len tag; do
  grep -q "| \`$field\` |" "$f" || fail "docs/formats.md: header field $field not specified"
done
for v in $("$fanout" --help | awk '/^verbs:/ { on = 1; next } on && /^  [a-z]/ { print $1 }'); do
  grep -q "^| \`fanout $v" "$f" || fail "docs/formats.md: verb $v not listed"
done
bad=0
for md in "$top/README.md" "$top"/docs/*.md; do
  dir=$(dirname "$md")
  while IFS= read -r link; do
    target=${link%%#*}
    case $target in
      http://*|https://*|mailto:*|ftp://*) echo "$md: link leaves the repository: $link"; bad=1; continue ;;
      "") continue ;;
    esac
    path=$(realpath -m "$dir/$target")
    case $path in "$top"/*) ;; *) echo "$md: link out of the repository: $link"; bad=1; continue ;; esac
    [ -e "$path" ] || { echo "$md: link to a missing file: $link"; bad=1; }
  done < <(grep -o '\]([^)]*)' "$md" | sed 's/^](//; s/)$//')
  grep -n '\.\./shared' "$md" && { echo "$md: names ../shared, which a clone does not have"; bad=1; }
done
[ $bad -eq 0 ] || fail "links leave the repository"
echo "ok: docs"
