#!/usr/bin/env bash
# synth_report.sh -- what a chip built from this RTL would hold, measured with Yosys
# (issue 13 item 6): per configuration, every memory, the flip-flop bits, the state bits,
# the cell count and the logic depth; with --check, the limits a buildable design meets.
#
# Usage: rtl/synth_report.sh [options] [CONFIG...]
#   CONFIG          NPORTS:NGROUPS:SLOTS:SRAM_LAT[:LOOKUPS], as in FANOUT_RTL_CONFIGS
#                   (default 8:1024:64:2); `-` elaborates the top with its own parameters
#   --check         exit 1 when a limit below is broken, naming the rule and where
#   --top NAME      top module (default $FANOUT_TOP, else fanout_switch)
#   --files "F..."  Verilog sources (default: every rtl/*.v but test benches)
#   --param NAME=VALUE  set one more top parameter (repeatable; e.g. for test designs)
#   --max-depth N   logic depth limit, levels (default 40)
#   --max-ff-pct P  flip-flop limit, percent of all state bits (default 10)
#   --sram-min-bits N  memories of more than N bits must be SRAM-able (default 4096:
#                   issue 13, "every storage array larger than 4 Kbit"); 0 checks all
#   --keep DIR      keep the Yosys script, log and dumps in DIR
#
# The flow, per configuration (the `synth` script of the installed Yosys, checked against
# `yosys -p 'help synth'` of 0.23, with the one step that turns memories into flip-flops
# left out, so that every array stays one $mem_v2 cell):
#   read_verilog -defer; chparam; synth -flatten -top TOP -run :fine (proc, flatten, opt,
#   fsm, wreduce, alumacc, share, `memory -nomap`: memory_dff merges the registers of a read
#   port into it and sets its RD_CLK_ENABLE bit, memory_collect makes the $mem_v2 cells);
#   then synth's fine steps but memory_map: opt -fast -full; opt -full; techmap; opt -fast;
#   abc -fast; opt -fast; then stat and `ltp -noff`.
# `ltp -noff` leaves out flip-flops and memory cells ($mem_v2 is one of its FF cell types):
# a path starts at an input, a flip-flop or a memory read port and ends at an output, a
# flip-flop or a memory input. tests/synth.sh holds it to known designs.
#
# Counting: a memory is SRAM-able when it has at most one read and one write port (a shared
# read/write port is one of each in Yosys) and every read port is registered. Memory bits
# (words x bits x instances) are state bits; flip-flop bits are the single-bit FF cells left
# after the mapping (arrays the front end turned into registers are among them) plus the
# bits of every memory that is not SRAM-able: such an array can only be flip-flops.
#
# Output: per configuration a header line, a Markdown table of the memories (one row per
# array name with generate indices as [*], instances counted), the totals, and one
# `summary:` line of key=value pairs (for scripts and tests). Exit 0, or 1 when --check
# finds a broken limit or Yosys fails, 2 on bad usage (one line on stderr).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=${FANOUT_TOP:-fanout_switch}
files=
check=0
max_depth=40
max_ff_pct=10
sram_min_bits=4096
keep=
extra=      # chparam arguments of --param
configs=()

die() { echo "synth_report: $*" >&2; exit 2; }
isnum() { [[ $1 =~ ^[0-9]+$ ]]; }

while [ $# -gt 0 ]; do
  case $1 in
    --check) check=1 ;;
    --top) [ $# -ge 2 ] || die "--top needs a module name"; top=$2; shift ;;
    --files) [ $# -ge 2 ] || die "--files needs a list of files"; files=$2; shift ;;
    --param) [[ ${2:-} =~ ^([A-Za-z_][A-Za-z0-9_]*)=([0-9]+)$ ]] || die "--param needs NAME=NUMBER"
             extra+=" -set ${BASH_REMATCH[1]} ${BASH_REMATCH[2]}"; shift ;;
    --max-depth) isnum "${2:-}" || die "--max-depth needs a number"; max_depth=$2; shift ;;
    --max-ff-pct) isnum "${2:-}" || die "--max-ff-pct needs a whole percent"; max_ff_pct=$2; shift ;;
    --sram-min-bits) isnum "${2:-}" || die "--sram-min-bits needs a number"; sram_min_bits=$2; shift ;;
    --keep) [ $# -ge 2 ] || die "--keep needs a folder"; keep=$2; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -) configs+=("-") ;;
    -*) die "unknown option '$1' (see --help)" ;;
    *) [[ $1 =~ ^[0-9]+:[0-9]+:[0-9]+:[0-9]+(:[0-9]+)?$ ]] ||
         die "bad configuration '$1' (want NPORTS:NGROUPS:SLOTS:SRAM_LAT[:LOOKUPS])"
       configs+=("$1") ;;
  esac
  shift
done
[ ${#configs[@]} -gt 0 ] || configs=(8:1024:64:2)
[[ $top =~ ^[A-Za-z_][A-Za-z0-9_$]*$ ]] || die "bad top module name '$top'"
command -v yosys >/dev/null 2>&1 || die "yosys not found (apt-get install yosys; tests/install-deps.sh)"
if [ -z "$files" ]; then
  for f in "$here"/*.v; do
    case ${f##*/} in tb_*|*_tb.v) ;; *) files+="$f " ;; esac   # not the test benches
  done
fi
for f in $files; do [ -r "$f" ] || die "$f: cannot read"; done

if [ -n "$keep" ]; then mkdir -p "$keep" || die "$keep: cannot create"; work=$keep
else work=$(mktemp -d "${TMPDIR:-/tmp}/synth_report.XXXXXX"); trap 'rm -rf "$work"' EXIT; fi

failed=0    # a limit is broken (--check)
yfailed=0   # yosys failed
fails=()    # this configuration's broken limits, printed after its report
# fail RULE WHERE: one broken limit (reported with --check only)
fail() { [ "$check" -eq 0 ] || { fails+=("synth_report: CHECK FAILED: $1: $2"); failed=1; }; }

# run_one CONFIG: synthesize, print the report, check
run_one() {
  local cfg=$1 tag params=() chp=
  fails=()
  if [ "$cfg" = - ]; then
    tag=default
  else
    IFS=: read -r -a params <<< "$cfg"
    tag=${cfg//:/_}
    chp=" -set NPORTS ${params[0]} -set NGROUPS ${params[1]} -set SLOTS ${params[2]}"
    chp+=" -set SRAM_LAT ${params[3]}"
    chp+=" -set LOOKUPS ${params[4]:-4}"   # the harness's default too (harness/CMakeLists.txt)
  fi
  [ -z "$chp$extra" ] || chp="chparam$chp$extra $top"
  local ys=$work/$tag.ys log=$work/$tag.log
  # The $mem_v2 cells are dumped last, with INIT (words x bits characters) cleared: the
  # design is not used after that.
  cat > "$ys" <<YS
read_verilog -defer $files
$chp
synth -flatten -top $top -run :fine
script $here/synth_fine.ys
tee -q -o $work/$tag.stat stat
tee -q -o $work/$tag.ltp ltp -noff
setparam -set INIT 0 t:\$mem_v2
tee -q -o $work/$tag.mems dump t:\$mem_v2
YS
  local t0 t1 rc=0
  t0=$(date +%s)
  nice yosys -q -l "$log" "$ys" >/dev/null 2>&1 || rc=$?
  t1=$(date +%s)
  if [ $rc -ne 0 ]; then
    echo "synth_report: $top $cfg: yosys failed (exit $rc); the log's last lines:"
    grep -E '^ERROR|^Error' "$log" | head -5 || true
    tail -5 "$log"
    yfailed=1
    return
  fi

  local desc=$cfg
  [ "$cfg" = - ] || desc="NPORTS=${params[0]} NGROUPS=${params[1]} SLOTS=${params[2]} SRAM_LAT=${params[3]} LOOKUPS=${params[4]:-4}"
  [ "$cfg" != - ] || desc="own parameters"
  echo "== $top, $desc: $(yosys -V | awk '{print $1, $2}'), $((t1 - t0)) s =="

  # memories: one line per $mem_v2 cell: name words width rd wr unregistered-read-ports
  awk '
    function flush() { if (name != "") print name, size, width, rd, wr, unreg }
    $1 == "cell" && $2 == "$mem_v2" { flush(); name = $3; sub(/^\\/, "", name)
                                      size = width = rd = wr = unreg = 0 }
    $1 == "parameter" && $2 == "\\SIZE"     { size = $3 }
    $1 == "parameter" && $2 == "\\WIDTH"    { width = $3 }
    $1 == "parameter" && $2 == "\\RD_PORTS" { rd = $3 }
    $1 == "parameter" && $2 == "\\WR_PORTS" { wr = $3 }
    $1 == "parameter" && $2 == "\\RD_CLK_ENABLE" { v = $3; sub(/^[0-9]*\x27/, "", v)
                                      unreg = gsub(/0/, "", v) }
    END { flush() }' "$work/$tag.mems" > "$work/$tag.memlist"
  # grouped by name with generate indices as [*]
  awk -v min="$sram_min_bits" '
    { key = $1; gsub(/\[[0-9]+\]/, "[*]", key); key = key SUBSEP $2 SUBSEP $3 SUBSEP $4 SUBSEP $5 SUBSEP $6
      if (!(key in n)) order[++k] = key; n[key]++ }
    END { for (i = 1; i <= k; i++) { split(order[i], f, SUBSEP)
            bits = f[2] * f[3]; sram = (f[4] <= 1 && f[5] <= 1 && f[6] == 0)
            print f[1], n[order[i]], f[2], f[3], bits, f[4], f[5], f[6], sram, (bits > min) } }' \
    "$work/$tag.memlist" > "$work/$tag.memrows"

  local mem_bits=0 arr_ff_bits=0 nmem=0
  echo
  echo "| memory | instances | words x bits | bits each | read ports | write ports | read | SRAM-able |"
  echo "|---|---:|---:|---:|---:|---:|---|---|"
  local name inst words width bits rd wr unreg sram big
  while read -r name inst words width bits rd wr unreg sram big; do
    local rdk=registered
    [ "$unreg" -eq 0 ] || rdk="$unreg of $rd unregistered"
    [ "$rd" -gt 0 ] || rdk="-"
    local sk=yes
    [ "$sram" -eq 1 ] || sk="no: flip-flops"
    echo "| \`$name\` | $inst | $words x $width | $bits | $rd | $wr | $rdk | $sk |"
    nmem=$((nmem + inst))
    if [ "$sram" -eq 1 ]; then mem_bits=$((mem_bits + inst * bits))
    else arr_ff_bits=$((arr_ff_bits + inst * bits)); fi
    if [ "$big" -eq 1 ]; then
      [ "$rd" -le 1 ] && [ "$wr" -le 1 ] ||   # shared read/write: 1 read + 1 write in Yosys
        fail "memory ports" "\`$name\` ($inst x $words x $width): $rd read, $wr write ports (at most 1 read + 1 write, or one shared read/write)"
      [ "$unreg" -eq 0 ] ||
        fail "registered read" "\`$name\` ($inst x $words x $width): $unreg of $rd read ports unregistered"
    fi
  done < "$work/$tag.memrows"
  [ "$nmem" -gt 0 ] || echo "| (none) | | | | | | | |"
  echo

  # flip-flop bits: the single-bit FF and latch cells of the last stat (one module: flat)
  local ff_bits cells
  ff_bits=$(awk '$1 ~ /^\$_(.*DFF.*|DLATCH.*|SR_.*|FF_)$/ { n += $2 } END { print n + 0 }' "$work/$tag.stat")
  cells=$(awk '/Number of cells:/ { n = $4 } END { print n + 0 }' "$work/$tag.stat")
  local ff_total=$((ff_bits + arr_ff_bits)) state=$((ff_bits + arr_ff_bits + mem_bits))
  # percent with one decimal, integer arithmetic (bash has no floats)
  local pm=0
  [ "$state" -eq 0 ] || pm=$(( (ff_total * 1000 + state / 2) / state ))
  local pct="$((pm / 10)).$((pm % 10))"

  # logic depth: ltp's length, its first node and its last (the flip-flop it ends in, if any)
  local depth from to
  depth=$(sed -n 's/^Longest topological path in .* (length=\([0-9]*\)):.*/\1/p' "$work/$tag.ltp" | head -1)
  [ -n "$depth" ] || depth=0
  from=$(awk '$1 == "0:" { $1 = ""; sub(/^ /, ""); sub(/ \(via .*/, ""); print; exit }' "$work/$tag.ltp")
  to=$(awk '$1 ~ /^([0-9]+|ff):$/ { $1 = ""; sub(/^ /, ""); sub(/ \(via .*/, ""); t = $0 } END { print t }' "$work/$tag.ltp")

  printf 'memories:        %d cells, %d bits SRAM-able\n' "$nmem" "$mem_bits"
  printf 'flip-flop bits:  %d (%d outside memories + %d in arrays that cannot be SRAMs)\n' \
    "$ff_total" "$ff_bits" "$arr_ff_bits"
  printf 'state bits:      %d (flip-flops %s%%)\n' "$state" "$pct"
  printf 'cells:           %d (after abc -fast, memories kept as $mem_v2)\n' "$cells"
  printf 'logic depth:     %d levels (ltp -noff), from %s to %s\n' "$depth" "${from:--}" "${to:--}"
  echo "summary: top=$top config=$cfg memories=$nmem mem_bits=$mem_bits ff_bits=$ff_total" \
       "ff_outside_mem=$ff_bits ff_arrays=$arr_ff_bits state_bits=$state ff_pct=$pct cells=$cells" \
       "depth=$depth seconds=$((t1 - t0))"

  if [ "$check" -eq 1 ]; then
    [ "$state" -eq 0 ] || [ $((ff_total * 100)) -le $((max_ff_pct * state)) ] ||
      fail "flip-flops" "$ff_total of $state state bits ($pct%) are flip-flops (at most $max_ff_pct%)"
    [ "$depth" -le "$max_depth" ] ||
      fail "logic depth" "$depth levels (at most $max_depth), from $from to $to"
  fi
  [ ${#fails[@]} -eq 0 ] || printf '%s\n' "${fails[@]}"
  echo
}

for c in "${configs[@]}"; do run_one "$c"; done
[ "$yfailed" -eq 0 ] || exit 1
if [ "$check" -eq 1 ]; then
  if [ "$failed" -eq 0 ]; then
    echo "synth_report: check passed (memories over $sram_min_bits bits 1R+1W with registered read," \
         "flip-flops <= $max_ff_pct% of state bits, depth <= $max_depth)"
  fi
  exit "$failed"
fi
exit 0
