#!/usr/bin/env bash
# rtl_bug.sh SRC VECTORS: checking a changed RTL the way README's "Checking your own
# RTL change" says.  Copies rtl/ to a scratch folder, plants a bug (egress 2 flips
# header bit 40, a bit of dst, on every flit it sends), builds fanout against it
# (-DFANOUT_RTL_DIR, the small configuration only, its per-cycle C++ at -O1: a short run), and checks that co-simulation
# of a golden vector stops at the first header egress 2 sends (its cycle read from
# the golden trace), naming the field, the pin's path in the waveform, and the
# waveform's GTKWave view.  Prints the build time.
set -u
src=$1; vec=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
cp -r "$src/rtl" "$tmp/rtl"
f=$tmp/rtl/fanout_switch.v
# the egress queues' flits reach out_data_o through a wire the bug corrupts
grep -c 'out_data_o *(out_data_o\[e\*64 +: 64\])' "$f" | grep -qx 1 ||
  fail "cannot plant the bug: no '.out_data_o (out_data_o[e*64 +: 64])' in fanout_switch.v (update tests/rtl_bug.sh)"
grep -c '^ *genvar p, e;' "$f" | grep -qx 1 ||
  fail "cannot plant the bug: no 'genvar p, e;' in fanout_switch.v (update tests/rtl_bug.sh)"
sed -i 's/out_data_o\( *\)(out_data_o\[e\*64 +: 64\])/out_data_o\1(bug_data[e*64 +: 64])/' "$f"
sed -i 's/^\( *\)genvar p, e;/\1wire [NPORTS*64-1:0] bug_data;  \/\/ planted by tests\/rtl_bug.sh\n\1assign out_data_o = bug_data ^ ({{(NPORTS*64-1){1'"'"'b0}}, 1'"'"'b1} << (2*64 + 40));\n\1genvar p, e;/' "$f"
grep -q 'assign out_data_o = bug_data' "$f" || fail "the bug was not planted"

start=$(date +%s)
{ cmake -S "$src" -B "$tmp/build" -DCMAKE_BUILD_TYPE=Release -DFANOUT_RTL_DIR="$tmp/rtl" \
        -DFANOUT_RTL_CONFIGS=8:1024:64:2 -DFANOUT_RTL_FST=OFF -DFANOUT_RTL_FST_CONFIGS= \
        -DFANOUT_SYSTEMC=OFF -DFANOUT_RTL_OPT_FAST=-O1 && cmake --build "$tmp/build" -j2 --target fanout; } > "$tmp/build.log" 2>&1 ||
  { tail -30 "$tmp/build.log"; fail "the build against the changed RTL failed"; }
echo "build against the changed RTL: $(( $(date +%s) - start )) s"
fanout=$tmp/build/fanout

stim=$vec/small/moe.stim.gz; gold=$vec/small/moe.trace.gz
cyc=$(zcat "$gold" | awk '$2 == "out" && $3 == 2 { print $1; exit }')
[ -n "$cyc" ] || fail "no copy leaves egress 2 in $gold"
"$fanout" cosim "$stim" --gold "$gold" --vcd "$tmp/w.vcd" > /dev/null 2> "$tmp/err"; rc=$?
cat "$tmp/err"
[ $rc -eq 1 ] || fail "cosim exit $rc, wanted 1 (a mismatch)"
grep -q "MISMATCH: cycle $cyc: out_data\[2\] (header): rtl 0x" "$tmp/err" || fail "cycle $cyc and out_data[2] not named"
grep -q "in the waveform: TOP.fanout_tb.port\[2\].out_data\[63:0\] (rtl), TOP.fanout_tb.model.port\[2\].out_data\[63:0\] (model)" "$tmp/err" ||
  fail "the signal's path in the waveform not named"
# the RTL's header differs from the expected one in bit 40 exactly
got=$(sed -n 's/.*(header): rtl 0x\([0-9a-f]*\), expected 0x\([0-9a-f]*\).*/\1 \2/p' "$tmp/err")
set -- $got
[ $(( (0x$1 ^ 0x$2) )) -eq $(( 1 << 40 )) ] || fail "rtl 0x$1 and expected 0x$2 do not differ in bit 40 alone"
grep -q "view it: gtkwave $tmp/w.vcd $tmp/w.gtkw" "$tmp/err" || fail "no view command"
grep -q "^TOP.fanout_tb.dut.g_egress\[2\].u_egress" "$tmp/w.gtkw" || fail "the view does not show egress queue 2"
grep -q "^\*-[0-9.]* $(( cyc * 1000 )) " "$tmp/w.gtkw" || fail "the marker is not at cycle $cyc"
# the unchanged tree's fanout passes the same vector: the bug, not the vector, failed
echo "ok: the planted bug is named at cycle $cyc, out_data[2]"
