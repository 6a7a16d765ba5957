#!/usr/bin/env bash
# The nightly regression's own tests (CTest label nightly):
#   nightly_tests.sh CASE COVTREE FANOUT VECTORS
# COVTREE is the coverage tree CTest's coverage_tree_build made (small configuration).
# coverage_small_config_above_floors  regress --coverage over the small vectors: every
#     figure at or above tests/coverage-floors.txt, an HTML report, the functional
#     coverage table with its unreached points, the points inside the stages counted
#     alike by the model (model/fcov.c) and the RTL (rtl/fanout_fcov.v), cycle for cycle,
#     one fcov-runs.txt line per run, and
#     the line, branch and toggle figures are the ones vectors/README.md quotes
# coverage_shards_merge_to_the_whole  coverage of shards 1/2 and 2/2 merged with
#     --coverage-merge gives the same figures as the unsharded run
# nightly_tiny_budget_report_folder   tests/nightly.sh --budget 20 on one small vector and
#     two reseeds of the capacity scenario: exit 0, the report folder holds the summary, both JUnit
#     files (valid against the Jenkins schema), the coverage HTML and figures, the logs
#     (with --synth none: the 8-port synthesis check is the nightly's, not CI's)
# nightly_bad_synth_config_exits_2  --synth with a value that names no configuration: one
#     line, exit 2, no report folder
# ci_example  .ci/github-actions-regress.yml runs the Slurm task's regress command and the
#     README's merge
# slurm  a one-node Slurm (tests/slurm/start.sh) runs the README's job-array recipe over 2
#     shards; the merged JUnit holds every vector once and is valid
set -u
case=$1 covtree=$2 fanout=$3 vec=$4
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
xsd=$here/junit/junit-10.xsd
case $case in
coverage_small_config_above_floors)
  "$here/coverage.sh" --build "$covtree" --configs 8:1024:64:2 --out "$tmp/c" --check "$here/coverage-floors.txt" \
    -- "$vec" --filter small/ -j 2 > "$tmp/out" 2>&1 || { tail -40 "$tmp/out"; fail "coverage below its floors, or the run failed"; }
  grep "coverage.sh: .* (floor" "$tmp/out"
  [ -s "$tmp/c/html/index.html" ] || fail "no HTML report"
  grep -q "^  not reached by any run, RTL:" "$tmp/c/fcov.txt" || fail "fcov.txt lists no unreached points"
  for p in drop_kind drop_empty op_cmd_read op_inband_clear fanout_8_15 bp_ingress bp_egress; do
    grep -q "^  $p  *[1-9][0-9]*  *[1-9][0-9]*$" "$tmp/c/fcov.txt" || fail "point $p not reached by model and RTL"
  done
  # the model's and the RTL's own implementations of the points inside the stages agree
  reached_inside=0
  for p in bp_cfg commit_lookup_same_group full_slots full_lookup full_egress full_lookup_fifo full_egress_queue \
           full_cells full_stage read_wait read_merged; do
    line=$(grep "^  $p  " "$tmp/c/fcov.txt") || fail "point $p missing from fcov.txt"
    read -r _ m r <<< "$line"
    [ "$m" = "$r" ] || fail "point $p: model counts $m cycles, RTL $r"
    [ "$m" -gt 0 ] && reached_inside=$((reached_inside + 1))
  done
  [ $reached_inside -ge 5 ] || fail "only $reached_inside of the points inside the stages reached"
  [ "$(wc -l < "$tmp/c/fcov-runs.txt")" = "$(ls "$vec"/small/*.stim.gz | wc -l)" ] || fail "not one fcov-runs.txt line per run"
  # the figures vectors/README.md quotes are these
  while read -r kind pc _; do
    case $kind in line|branch|toggle) ;; *) continue ;; esac
    grep -q "^| $kind | $pc % (" "$vec/README.md" || fail "vectors/README.md does not quote $kind $pc %"
  done < "$tmp/c/summary.txt"
  ;;
coverage_shards_merge_to_the_whole)
  args=("$vec" --filter small/c --rtl-only -j 2)
  "$covtree/fanout" regress "${args[@]}" --coverage --coverage-dir "$tmp/whole" > "$tmp/out" 2>&1 || { cat "$tmp/out"; fail "whole run"; }
  for i in 1 2; do
    "$covtree/fanout" regress "${args[@]}" --shard $i/2 --coverage --coverage-dir "$tmp/s$i" > "$tmp/out" 2>&1 || { cat "$tmp/out"; fail "shard $i"; }
  done
  "$covtree/fanout" regress --coverage-merge "$tmp/s1" "$tmp/s2" --coverage-dir "$tmp/m" > "$tmp/out" 2>&1 || { cat "$tmp/out"; fail "merge"; }
  diff "$tmp/whole/summary.txt" "$tmp/m/summary.txt" || fail "merged shard figures differ from the whole run's"
  diff "$tmp/whole/fcov-model.txt" "$tmp/m/fcov-model.txt" || fail "merged model fcov differs"
  [ -s "$tmp/m/html/index.html" ] || fail "no HTML for the merge"
  ;;
nightly_tiny_budget_report_folder)
  mkdir -p "$tmp/v/small"
  cp "$vec"/small/inband.* "$vec"/small/capacity.* "$tmp/v/small/"
  # --filter capacity: small/capacity and capacity-s4242, -s4243 (the fastest scenario; every
  # scenario's reseeding is regress_reseed_passes_with_model_checks)
  "$here/nightly.sh" --budget 20 --out "$tmp/r" --vectors "$tmp/v" --filter capacity --reseed 2 --seed 4242 -j 2 --configs 8:1024:64:2 --synth none \
    --cov-build "$covtree" --fanout "$fanout" --fuzz-dir "$(dirname "$covtree")/fuzz-tree" > "$tmp/out" 2>&1; rc=$?
  cat "$tmp/out"
  [ $rc -eq 0 ] || fail "exit $rc"
  tail -1 "$tmp/r/summary.txt" | grep -qx "4 passed, 0 failed" || fail "summary does not close with '4 passed, 0 failed'"
  grep -q "seed base 4242" "$tmp/r/summary.txt" || fail "seed base not in the summary"
  grep -q "^regress .*PASS.*3 passed, 0 failed" "$tmp/r/summary.txt" || fail "regress: not 1 vector + 2 reseeds passed"
  for f in junit/regress.xml junit/nightly.xml coverage/html/index.html coverage/summary.txt coverage/fcov.txt \
           logs/regress.log logs/soak.log logs/fuzz.log; do
    [ -s "$tmp/r/$f" ] || fail "report folder lacks $f"
  done
  [ -d "$tmp/r/waves" ] || fail "no waves folder"
  for j in regress nightly; do xmllint --noout --schema "$xsd" "$tmp/r/junit/$j.xml" || fail "$j.xml not valid"; done
  grep -q '<property name="seed_base" value="4242"/>' "$tmp/r/junit/regress.xml" || fail "seed base not in the JUnit"
  ;;
nightly_bad_synth_config_exits_2)
  # a --synth value that names no configuration: one line, exit 2, no report folder
  "$here/nightly.sh" --synth 8:1024 --out "$tmp/r" > "$tmp/out" 2>&1; rc=$?
  [ $rc -eq 2 ] || { cat "$tmp/out"; fail "exit $rc, wanted 2"; }
  [ "$(wc -l < "$tmp/out")" -eq 1 ] && grep -q "^nightly.sh: --synth wants .*not '8:1024'" "$tmp/out" || { cat "$tmp/out"; fail "not one line naming the value"; }
  [ ! -e "$tmp/r" ] || fail "a report folder was written"
  ;;
slurm)
  [ "$(id -u)" = 0 ] || fail "the Slurm test runs as root (it starts slurmctld and slurmd)"
  t0=$(date +%s)
  trap '"$here/slurm/start.sh" --stop "$tmp/sl"; rm -rf "$tmp"' EXIT
  "$here/slurm/start.sh" "$tmp/sl" || fail "Slurm did not start"
  export SLURM_CONF=$tmp/sl/slurm.conf FANOUT=$fanout N=2
  mkdir -p "$tmp/w/vectors/small"
  cp "$vec"/small/inband.* "$vec"/small/capacity.* "$vec"/small/churn-s4.* "$tmp/w/vectors/small/"
  ln -s "$here" "$tmp/w/tests"
  # The README's recipe, verbatim (N=${N:-4} takes N=2 from here).
  sed -n '/^<!-- slurm recipe -->$/,/^```$/p' "$here/../README.md" | sed '1,2d;$d' > "$tmp/recipe.sh"
  [ -s "$tmp/recipe.sh" ] && grep -q 'sbatch .*--array=1-\$N tests/slurm/regress.sbatch' "$tmp/recipe.sh" ||
    fail "no Slurm recipe in README.md: $(cat "$tmp/recipe.sh")"
  (cd "$tmp/w" && bash -e "$tmp/recipe.sh") > "$tmp/out" 2>&1 || { cat "$tmp/out" "$tmp"/w/regress-*.log; fail "the recipe failed"; }
  cat "$tmp/out"
  for i in 1 2; do
    grep -q "<property name=\"shard\" value=\"$i/2\"/>" "$tmp/w/regress-$i.xml" || fail "no JUnit of shard $i/2"
  done
  xmllint --noout --schema "$xsd" "$tmp/w/regress.xml" || fail "merged JUnit not valid"
  grep -q '^<testsuites tests="3" failures="0" errors="0"' "$tmp/w/regress.xml" || fail "merged totals: $(grep '^<testsuites' "$tmp/w/regress.xml")"
  [ "$(grep -o 'name="[a-z0-9-]*" time' "$tmp/w/regress.xml" | sort -u | wc -l)" = 3 ] || fail "not every vector exactly once"
  echo "slurm: $(( $(date +%s) - t0 )) s, Slurm start included"
  ;;
ci_example)
  # the CI-matrix example runs the same regress command as a Slurm task, and the same merge
  y=$here/../.ci/github-actions-regress.yml
  grep -q 'build/fanout regress vectors --shard ${{ matrix.shard }}/4 --junit regress-${{ matrix.shard }}.xml' "$y" ||
    fail "$y: no sharded regress command"
  sed -e :a -e '/\\$/N; s/\\\n *//; ta' "$here/slurm/regress.sbatch" |
    grep -q '"$fanout" regress "${1:-vectors}" .*--shard "$SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT" --junit "regress-$SLURM_ARRAY_TASK_ID.xml"' ||
    fail "regress.sbatch: not the same command"
  grep -q '^      - run: tests/junit/merge.sh regress.xml regress-\*.xml$' "$y" &&
    grep -q '^tests/junit/merge.sh regress.xml regress-\*.xml ' "$here/../README.md" || fail "not the README's merge"
  ;;
*) fail "unknown case $case" ;;
esac
echo "ok: $case"
