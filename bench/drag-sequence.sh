#!/usr/bin/env bash
# A drag sequence on a real window, to look at (issue 16): takt shows LAYOUT on a fresh Xvfb
# screen, xdotool sends real X pointer events (left drag orbits 4 x 20 px right and 2 x 20 px
# down, middle drag pans 60 px left, three wheel notches zoom towards a point right of centre),
# and ImageMagick's import takes a screenshot of the screen after each step, into OUTDIR.
# Needs xdotool (not in tools/bootstrap.sh: this is a look, not a test). Pixels moved decide the
# view, not frames drawn, so the sequence looks the same on a loaded machine, only slower.
#   bench/drag-sequence.sh TAKT LAYOUT OUTDIR
set -euo pipefail
takt=$1 layout=$2 out=$3
mkdir -p "$out"
disp=:$((90 + RANDOM % 9))
Xvfb $disp -screen 0 1280x800x24 -nolisten tcp & xpid=$!
trap 'kill $tpid $xpid 2>/dev/null || true' EXIT
sleep 2
export DISPLAY=$disp
"$takt" "$layout" --size 1280x800 >"$out/takt.log" 2>&1 & tpid=$!
# Wait for the first frame (the log says so), then for the levels of detail.
for i in $(seq 1 300); do grep -q 'first frame drawn' "$out/takt.log" && break; sleep 1; done
sleep 20
win=$(xdotool search --sync --onlyvisible --name 'Takt' | head -1)
xdotool windowmove $win 0 0 windowsize $win 1280 800
sleep 5
shot() { import -window root "$out/$1.png"; echo "shot $1"; }
shot 00-start
# Left drag: orbit, 4 steps of 20 px to the right (80 px in all), then 2 of 20 px down.
cx=640 cy=420
xdotool mousemove $cx $cy mousedown 1
for s in 1 2 3 4; do xdotool mousemove_relative -- 20 0; sleep 8; shot "0${s}-orbit-right-$((s*20))px"; done
for s in 1 2; do xdotool mousemove_relative -- 0 20; sleep 8; shot "0$((s+4))-orbit-down-$((s*20))px"; done
xdotool mouseup 1
sleep 6; shot 07-released-still
# Middle drag: pan 60 px left.
xdotool mousemove $cx $cy mousedown 2
for s in 1 2 3; do xdotool mousemove_relative -- -20 0; sleep 8; done
xdotool mouseup 2; sleep 6; shot 08-panned-60px-left
# Wheel: three notches towards the cursor at a point right of centre.
xdotool mousemove 900 400
for s in 1 2 3; do xdotool click 4; sleep 3; done
sleep 6; shot 09-zoomed-3-notches-at-900-400
echo done
