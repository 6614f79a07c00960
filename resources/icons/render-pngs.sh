#!/usr/bin/env bash
# Renders takt.svg into the PNG sizes that are committed beside it (hicolor theme sizes and the
# window icon's). Run after editing the SVG; needs rsvg-convert (Debian: librsvg2-bin).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
for size in 16 22 24 32 48 64 128 256 512; do
  rsvg-convert --width "$size" --height "$size" takt.svg --output "takt-$size.png"
done
