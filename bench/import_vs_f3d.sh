#!/usr/bin/env bash
# Import plus first rendered frame of a large layout (1 M triangles in 2,000 meshes), Takt beside
# F3D on the same file in the same run: wall time and peak resident memory, median of 3 runs.
#   import_vs_f3d.sh TAKT LAYOUT_GENERATOR WORKDIR [MESHES] [TRIANGLES]
set -euo pipefail
takt=$1 gen=$2 work=$3 meshes=${4:-2000} triangles=${5:-1000000}
runs=${TAKT_BENCH_RUNS:-3}
mkdir -p "$work"
command -v f3d >/dev/null || { echo "bench: f3d is not installed (apt-get install f3d)" >&2; exit 1; }
layout=$work/large-${meshes}.glb
[[ -f $layout ]] || "$gen" --meshes "$meshes" --triangles "$triangles" --out "$layout"

display_cmd=()
[[ -n ${DISPLAY:-} ]] || display_cmd=(xvfb-run -a -s "-screen 0 1920x1080x24")

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

measure() { # name, command...; appends "wall_s rss_mb" lines to $work/$name.txt
  local name=$1; shift
  : >"$work/$name.txt"
  for ((i = 0; i < runs; i++)); do
    /usr/bin/time -f "%e %M" -o "$work/time.txt" "${display_cmd[@]}" "$@" >"$work/$name.out" 2>&1 || {
      echo "bench: $name failed:" >&2; cat "$work/$name.out" >&2; exit 1; }
    read -r wall rss <"$work/time.txt"
    echo "$wall $((rss / 1024))" >>"$work/$name.txt"
  done
}

# xvfb-run's own start-up is part of both measurements alike.
measure takt "$takt" "$layout" --first-frame --size 1280x800
measure f3d f3d "$layout" --output "$work/f3d.png" --resolution 1280,800

takt_wall=$(cut -d' ' -f1 "$work/takt.txt" | median)
takt_rss=$(cut -d' ' -f2 "$work/takt.txt" | median)
f3d_wall=$(cut -d' ' -f1 "$work/f3d.txt" | median)
f3d_rss=$(cut -d' ' -f2 "$work/f3d.txt" | median)
draws=$(awk '/^draw_calls/ {print $2}' "$work/takt.out")
import_s=$(awk '/^import_s/ {print $2}' "$work/takt.out")

printf '\nimport + first frame, %s meshes / %s triangles, median of %d runs\n' "$meshes" "$triangles" "$runs"
printf '%-6s %10s %12s\n' tool wall_s peak_rss_mb
printf '%-6s %10s %12s   (import %s s in the helper, %s draw calls)\n' takt "$takt_wall" "$takt_rss" "$import_s" "$draws"
printf '%-6s %10s %12s\n' f3d "$f3d_wall" "$f3d_rss"
awk -v t="$takt_wall" -v f="$f3d_wall" -v tm="$takt_rss" -v fm="$f3d_rss" 'BEGIN {
  printf "takt/f3d: time %.2fx, memory %.2fx (target: at most 1.00x each)\n", t / f, tm / fm }'
# One machine-readable line per figure (tests/bench_support.h, tools/bench-report).
result() { # figure value unit reference reference_value target_op target
  local pass
  pass=$(awk -v v="$2" -v r="$5" -v t="$7" 'BEGIN { print (v / r <= t) ? "true" : "false" }')
  local line
  line=$(printf 'BENCH_RESULT {"benchmark": "bench_import_vs_f3d", "figure": "%s", "value": %s, "unit": "%s", "reference": "%s", "reference_value": %s, "target": "%s %s", "target_on": "ratio", "pass": %s}' \
    "$1" "$2" "$3" "$4" "$5" "$6" "$7" "$pass")
  echo "$line"
  [[ -z ${TAKT_BENCH_RESULTS:-} ]] || echo "$line" >>"$TAKT_BENCH_RESULTS"
}
result "import + first frame, wall time" "$takt_wall" s "f3d --output, same layout" "$f3d_wall" "<=" 1
result "import + first frame, peak memory" "$takt_rss" MiB "f3d --output, same layout" "$f3d_rss" "<=" 1
