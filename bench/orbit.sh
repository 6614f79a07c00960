#!/usr/bin/env bash
# One 360° orbit of generated layouts (1 M and 10 M triangles) with levels of detail and culling
# on, beside the same orbit with both off, in the same run: `takt FILE --orbit-benchmark` prints
# the table and the BENCH_RESULT lines (docs/benchmarks.md); its first frame beside that of
# `takt FILE --first-frame --no-lod` (no cells, no levels) run just before.
#   orbit.sh TAKT LAYOUT_GENERATOR WORKDIR [SIZES]      SIZES: "1 10" (millions of triangles;
#   "10p": a scanned hall of 10 million points)
set -euo pipefail
takt=$1 gen=$2 work=$3 sizes=${4:-${TAKT_ORBIT_SIZES:-1 10}}
mkdir -p "$work"
display_cmd=()
[[ -n ${DISPLAY:-} ]] || display_cmd=(xvfb-run -a -s "-screen 0 1920x1080x24")
status=0
for m in $sizes; do
  if [[ $m == *p ]]; then
    # A scanned hall of that many million points (glTF POINTS in tiles of 100,000).
    name=hall-${m%p}m
    layout=$work/$name.glb
    [[ -f $layout ]] || "$gen" --points $((${m%p} * 1000000)) --out "$layout"
  else
    name=orbit-${m}m
    layout=$work/$name.glb
    # 500 triangles a mesh, as the layouts (2,000 meshes at 1 M, 20,000 at 10 M).
    [[ -f $layout ]] || "$gen" --meshes $((m * 2000)) --triangles $((m * 1000000)) --out "$layout"
  fi
  # The first frame's reference, just before: the same file with no cells and no levels, the
  # way every layout was drawn before them (the benchmark prints it beside its own).
  echo "== $name: $takt $layout --first-frame --no-lod --size 1280x800"
  reference=$("${display_cmd[@]}" "$takt" "$layout" --first-frame --no-lod --size 1280x800 \
    2>"$work/$name-reference.log" | awk '/^first_frame_s/ {print $2}') || true
  echo "first_frame_s ${reference:-?} (no cells, no levels)"
  echo "== $name: $takt $layout --orbit-benchmark --size 1280x800"
  TAKT_ORBIT_FIRST_FRAME_REFERENCE=${reference:-} \
    "${display_cmd[@]}" "$takt" "$layout" --orbit-benchmark --size 1280x800 2>"$work/$name.log" \
    | tee "$work/$name.out" || status=1
  grep -q '"pass": false' "$work/$name.out" && status=1
done
exit $status
