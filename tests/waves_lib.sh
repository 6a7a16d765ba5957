# waves_lib.sh -- sourced by tests/waves.sh and tests/rtl_bug.sh.
# check_view WAVE SAVE [CYCLE]: GTKWave (under Xvfb) opens WAVE with the save
# file SAVE and lists the waveform's facilities ($tmp/facs); every signal
# SAVE names must be one of them; with CYCLE, the marker is at the start of that
# cycle (CYCLE*1000 ps: one cycle is 1 ns) and inside the view.
check_view() {
  local wave=$1 save=$2 cyc=${3:-}
  command -v xvfb-run > /dev/null || { echo "FAIL: xvfb-run is not installed (tests/install-deps.sh installs xvfb)"; return 1; }
  command -v gtkwave > /dev/null || { echo "FAIL: gtkwave is not installed (tests/install-deps.sh)"; return 1; }
  cat > "$tmp/list.tcl" <<'TCL'
set n [gtkwave::getNumFacs]
for {set i 0} {$i < $n} {incr i} { puts "FAC [gtkwave::getFacName $i]" }
puts "MARKER [gtkwave::getMarker]"
puts "VIEW [gtkwave::getWindowStartTime] [gtkwave::getWindowEndTime]"
puts "TRACES [gtkwave::getTotalNumTraces]"
gtkwave::/File/Quit
TCL
  timeout 120 xvfb-run -a gtkwave -S "$tmp/list.tcl" "$wave" "$save" > "$tmp/gtkwave.out" 2>&1
  grep '^FAC ' "$tmp/gtkwave.out" | cut -c5- | sort -u > "$tmp/facs"
  [ -s "$tmp/facs" ] || { cat "$tmp/gtkwave.out"; echo "FAIL: GTKWave listed no signals of $wave"; return 1; }
  # the trace lines of a save file: not a [section], *zoom, @flags, -label/group or comment
  grep -v -e '^\[' -e '^\*' -e '^@' -e '^-' -e '^$' "$save" | sort -u > "$tmp/named"
  [ -s "$tmp/named" ] || { echo "FAIL: the save file names no signal"; return 1; }
  local missing
  missing=$(comm -23 "$tmp/named" "$tmp/facs")
  [ -z "$missing" ] || { echo "FAIL: signals of $save not in the waveform (renamed in the RTL? fix harness/waves.cpp):"; echo "$missing"; return 1; }
  local shown
  shown=$(awk '/^TRACES/ { print $2 }' "$tmp/gtkwave.out")
  [ "${shown:-0}" -gt "$(wc -l < "$tmp/named")" ] || { echo "FAIL: GTKWave shows ${shown:-0} traces"; return 1; }
  if [ -n "$cyc" ]; then
    local want=$(( cyc * 1000 )) mark start end
    mark=$(awk '/^MARKER/ { print $2 }' "$tmp/gtkwave.out")
    read -r start end < <(awk '/^VIEW/ { print $2, $3 }' "$tmp/gtkwave.out")
    [ "$mark" = "$want" ] || { echo "FAIL: marker at $mark, wanted $want (cycle $cyc)"; return 1; }
    [ "$start" -le "$want" ] && [ "$want" -le "$end" ] || { echo "FAIL: marker $want not in view $start..$end"; return 1; }
  fi
  echo "view: $(wc -l < "$tmp/named") signals, all in the waveform; GTKWave shows $shown traces"
  return 0
}
