#!/usr/bin/env bash
# The Debian package, built and run without installing it on this machine (issue 11, item 6):
# cpack builds the .deb from the build folder, dpkg -x unpacks it into a temporary root, and the
# unpacked takt must report its version, compute the KPIs of the sample shift it ships, and, when
# there is a display, open that sample on its own (no file given) and draw it.
# usage: package_test.sh BUILD_DIR WORK_DIR VERSION
set -euo pipefail
build=$1 work=$2 version=$3

rm -rf "$work"
mkdir -p "$work"
cd "$work"
cpack --config "$build/CPackConfig.cmake" -B "$work/out" >cpack.log 2>&1 || { cat cpack.log; exit 1; }
deb=$(echo out/*.deb)
[[ -f $deb ]] || { echo "FAIL: cpack made no .deb"; cat cpack.log; exit 1; }
echo "package: $deb ($(du -h "$deb" | cut -f1))"

# Dependencies declared: dpkg-shlibdeps found the Qt, VTK and Assimp libraries takt links.
depends=$(dpkg-deb --field "$deb" Depends)
echo "Depends: $depends"
for lib in libqt6widgets6 libqt63drender6 libassimp libvtk libsqlite3-0 libocct-data-exchange; do
  [[ $depends == *"$lib"* ]] || { echo "FAIL: Depends lacks $lib"; exit 1; }
done
[[ $(dpkg-deb --field "$deb" Version) == "$version" ]] || { echo "FAIL: version"; exit 1; }

# What a desktop needs is in the package, in the XDG places.
dpkg -x "$deb" root
for f in usr/bin/takt usr/share/takt/sample/plant.json usr/share/takt/sample/layout.glb \
         usr/share/takt/sample/sample-shift.takt usr/share/applications/takt.desktop \
         usr/share/metainfo/org.takt.Takt.metainfo.xml usr/share/mime/packages/takt.xml \
         usr/share/icons/hicolor/scalable/apps/takt.svg usr/share/icons/hicolor/48x48/apps/takt.png \
         usr/share/doc/takt/LICENSE usr/share/doc/takt/README.md usr/lib/takt/libtakt_step.so; do
  [[ -f root/$f ]] || { echo "FAIL: the package lacks /$f"; exit 1; }
done

# The shipped shift is a rollback-journal SQLite file (header bytes 18-19 are 1 1; WAL is 2 2):
# in /usr/share a user cannot create the -shm file a WAL-mode file needs to be read.
mode=$(od -An -tu1 -j18 -N2 root/usr/share/takt/sample/sample-shift.takt | tr -s ' ')
[[ $mode == " 1 1" ]] || { echo "FAIL: the shipped shift is in WAL mode ($mode)"; exit 1; }

# Nothing from the build environment: no variable points at the build or the source tree.
unset TAKT_DATA_DIR TAKT_SAMPLE_SHIFT TAKT_SAMPLE_DIR
takt=$work/root/usr/bin/takt
cd /
out=$("$takt" --version)
[[ $out == "takt $version" ]] || { echo "FAIL: takt --version said '$out'"; exit 1; }
echo "$out"
"$takt" kpi "$work/root/usr/share/takt/sample/sample-shift.takt" --json >"$work/kpi.json"
grep -q '"throughput' "$work/kpi.json" || { echo "FAIL: takt kpi printed no throughput"; cat "$work/kpi.json"; exit 1; }
"$takt" kpi "$work/root/usr/share/takt/sample/sample-shift.takt" >"$work/kpi.txt"
head -5 "$work/kpi.txt"

# STEP: the unpacked helper finds its Open CASCADE module beside bin/ (docs/step-import.md).
"$build/tests/takt_step_writer" "$work"
"$takt" import-check "$work/box.step" >"$work/step.txt"
grep -q "(STEP (Open CASCADE" "$work/step.txt" || { echo "FAIL: import-check read no STEP"; cat "$work/step.txt"; exit 1; }
cat "$work/step.txt"

# No file given: the unpacked takt finds the sample beside itself (../share/takt) and draws it;
# --screenshot exits 3 if the 3D view stays blank.
if [[ -n ${DISPLAY:-} ]]; then
  "$takt" --screenshot "$work/installed.png" --size 800x500 >"$work/gui.log" 2>&1 ||
    { echo "FAIL: takt from the package did not draw the sample (exit $?)"; cat "$work/gui.log"; exit 1; }
  [[ -s $work/installed.png ]] || { echo "FAIL: no screenshot"; exit 1; }
  echo "screenshot: $work/installed.png"
else
  echo "no DISPLAY: the GUI check is skipped"
fi
echo "PASS"
