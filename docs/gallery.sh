#!/bin/sh
# Regenerates docs/gallery/SAMPLE-THEME.png: every samples/*.yaml in every built-in theme, as
# PNG at scale 1 (96 dpi), with the bundled fonts only, so the images are the same on any
# machine. Run from anywhere: `sh docs/gallery.sh`. BLUEPRINT=path/to/blueprint skips the build.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if [ -z "${BLUEPRINT:-}" ]; then
    cargo build --release --locked --quiet
    BLUEPRINT="${CARGO_TARGET_DIR:-$root/target}/release/blueprint"
fi
themes="light dark print high-contrast"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rm -f docs/gallery/*.png
for theme in $themes; do
    mkdir -p "$tmp/$theme"
    "$BLUEPRINT" render --theme "$theme" --format png --scale 1 --out-dir "$tmp/$theme" samples/*.yaml
    for png in "$tmp/$theme"/*.png; do
        name=$(basename "$png" .png)
        mv "$png" "docs/gallery/$name-$theme.png"
    done
done
# A slide: the largest sample cut to one phase, scaled to a 1920x1080 slide's height.
"$BLUEPRINT" render samples/online-order.yaml --phase purchase --format png --scale 1.129 \
    -o docs/gallery/slide-online-order-purchase.png
du -ch docs/gallery/*.png | tail -n 1
