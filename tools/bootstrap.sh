#!/usr/bin/env bash
# Takt bootstrap: install what is missing from Debian 12's packages, configure, build, then
# either open the app on the sample (`run`) or run the whole test suite (`test`).
# Idempotent: a second run with nothing changed installs nothing and rebuilds nothing.
set -euo pipefail

mode=${1:-run}
shift || true
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${TAKT_BUILD_DIR:-$root/build/release}
preset=${TAKT_PRESET:-release}

packages=(
  build-essential cmake ninja-build pkg-config git
  qt6-base-dev qt6-base-dev-tools libqt6opengl6-dev qt6-3d-dev qt6-qpa-plugins qt6-image-formats-plugins
  libvtk9-dev libassimp-dev libsqlite3-dev sqlite3 libspdlog-dev nlohmann-json3-dev libcli11-dev
  libmosquitto-dev mosquitto mosquitto-clients libprotobuf-dev protobuf-compiler openssl
  libgl-dev libegl-dev libgl1-mesa-dri mesa-utils xvfb xauth fonts-dejavu-core imagemagick ffmpeg poppler-utils
  dpkg-dev file desktop-file-utils appstream clang-14 libclang-rt-14-dev clang-format-14
  libocct-data-exchange-dev libmeshoptimizer-dev
)
# dpkg-dev and file: cpack's Debian package (dpkg-shlibdeps); desktop-file-utils and appstream:
# the tests that validate resources/. clang-14 and libclang-rt-14-dev: the asan preset
# (sanitizers and libFuzzer; tools/fuzz, docs/fuzzing.md); clang-format-14: tools/check-format, run by CI.
# libocct-data-exchange-dev: STEP import through Open CASCADE 7.6 (it pulls in the foundation,
# modelling, OCAF and visualisation -dev packages).

# Benchmarks measure Takt beside F3D, with GNU time for peak memory.
[[ $mode == bench ]] && packages+=(f3d time)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "bootstrap: installing ${#missing[@]} missing Debian packages: ${missing[*]}"
  sudo_cmd=()
  [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -q
  "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

jobs=${TAKT_JOBS:-2}
if [[ ! -f $build/CMakeCache.txt ]]; then
  cmake --preset "$preset" -S "$root"
fi
cmake --build "$build" -j "$jobs"

# Commands that need a display get a virtual one when there is none.
with_display() {
  if [[ -n ${DISPLAY:-} ]]; then "$@"; else xvfb-run -a -s "-screen 0 1920x1080x24" "$@"; fi
}

case $mode in
  run)
    with_display "$build/app/takt" "$@"
    ;;
  test)
    cd "$build"
    with_display ctest --output-on-failure -LE bench -j "$jobs" "$@"
    ;;
  bench)
    cd "$build"
    with_display ctest --output-on-failure -L bench "$@"
    ;;
  build)
    ;;
  *)
    echo "usage: tools/bootstrap.sh run|test|bench|build [args...]" >&2
    exit 2
    ;;
esac
