#!/bin/sh
# Regenerates the "after" pictures of docs/gallery.md's "Flows: before and after" section,
# docs/gallery/flows/*-after.png: three places of the light-theme samples, cut out of the SVG at
# scale 1 (the root viewBox narrowed to the steps shown and the gutters beside them, from the top of the first lane to the
# bottom of the last), drawn with rsvg-convert. BEFORE=path/to/old/blueprint also redraws the
# "before" pictures with that binary (they were made with commit 74c5707's).
# Run from anywhere: `sh docs/gallery-flows.sh`. BLUEPRINT=path/to/blueprint skips the build.
# Needs python3 and rsvg-convert (librsvg2-bin).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if [ -z "${BLUEPRINT:-}" ]; then
    cargo build --release --locked --quiet
    BLUEPRINT="${CARGO_TARGET_DIR:-$root/target}/release/blueprint"
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# crop BINARY SAMPLE FIRST-STEP LAST-STEP OUT.png
crop() {
    "$1" render --theme light "samples/$2.yaml" -o "$tmp/$2.svg"
    python3 - "$tmp/$2.svg" "$3" "$4" "$tmp/crop.svg" <<'EOF'
import re, sys
import xml.etree.ElementTree as ET
src, first, last, out = sys.argv[1:]
text = open(src, encoding="utf-8").read()
ns = "{http://www.w3.org/2000/svg}"
tree = ET.fromstring(text)
steps, lanes = {}, []
for g in tree.iter(ns + "g"):
    r = g.find(ns + "rect")
    if r is None:
        continue
    box = [float(r.get(k)) for k in ("x", "y", "width", "height")]
    if g.get("class") == "step":
        steps[g.get("data-step")] = box
    elif (g.get("class") or "").split()[:1] == ["lane"]:
        lanes.append(box)
# From the step before's right edge to the step after's left, so the gutters beside the
# steps shown (and any label in them) are whole.
a, b = steps[first], steps[last]
rights = [s[0] + s[2] for s in steps.values() if s[0] + s[2] < a[0]]
lefts = [s[0] for s in steps.values() if s[0] > b[0] + b[2]]
x0 = max(rights, default=a[0] - 60) - 12
x1 = min(lefts, default=b[0] + b[2] + 60) + 12
y0, y1 = min(l[1] for l in lanes) - 70, max(l[1] + l[3] for l in lanes)
w, h = x1 - x0, y1 - y0
head = re.search(r"<svg[^>]*>", text).group(0)
new = re.sub(r'viewBox="[^"]*"', f'viewBox="{x0:g} {y0:g} {w:g} {h:g}"', head)
new = re.sub(r' width="[^"]*"', f' width="{w:g}"', new)
new = re.sub(r' height="[^"]*"', f' height="{h:g}"', new)
open(out, "w", encoding="utf-8").write(text.replace(head, new, 1))
EOF
    rsvg-convert "$tmp/crop.svg" -o "$5"
}

for which in after before; do
    if [ "$which" = after ]; then bin=$BLUEPRINT; else bin=${BEFORE:-}; fi
    [ -n "$bin" ] || continue
    crop "$bin" hotel check-in luggage "docs/gallery/flows/hotel-check-in-$which.png"
    crop "$bin" clinic vitals blood-test "docs/gallery/flows/clinic-consultation-$which.png"
    crop "$bin" online-order confirm late "docs/gallery/flows/online-order-dispatch-$which.png"
done
du -ch docs/gallery/flows/*.png | tail -n 1
