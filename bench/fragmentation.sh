#!/usr/bin/env bash
# The over-fragmentation accuracy benchmark (ACCURACY.md): lays out workspaces as their
# maintainers published them just before merging crates back together, runs archsplit on
# each, and scores its findings against what the maintainers did (bench/calibration/
# decisions.toml): merged crates named (recall), kept crates named (false alarms), and
# whether the crate to merge into is the one they chose. Then the healthy corpus, where any
# warning is most likely a false alarm.
#
#   usage: bench/fragmentation.sh [DEST]     (DEST: where the families are laid out, reused
#                                            when already there; default target/fragmentation)
set -euo pipefail
cd "$(dirname "$0")/.."
here=$(pwd)
dest=${1:-target/fragmentation}
mkdir -p "$dest"
dest=$(cd "$dest" && pwd)
cal=bench/calibration
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The calibration families (the shared script, or an existing layout), then ours.
shared=../shared/calibration
mapfile -t fams < <(grep -v '^#' "$cal/families.txt" | grep . | cut -d: -f1)
need=0
for f in "${fams[@]}"; do [ -d "$dest/calib/$f" ] || need=1; done
if ((need)); then
  if [ -x "$shared/build.sh" ] && cmp -s "$shared/families.txt" "$cal/families.txt"; then
    "$shared/build.sh" "$dest/calib" >/dev/null
  else
    # The same layout from our copy of the list.
    mkdir -p "$tmp/calib"
    cp "$shared/build.sh" "$tmp/calib/build.sh" 2>/dev/null || { echo "needs ../shared/calibration/build.sh" >&2; exit 2; }
    cp "$cal/families.txt" "$tmp/calib/"
    bash "$tmp/calib/build.sh" "$dest/calib" >/dev/null
  fi
fi
# Our own families, laid out by the same script from bench/calibration/ours.txt.
mapfile -t ours < <(grep -v '^#' "$cal/ours.txt" | grep . | cut -d: -f1)
need=0
for f in "${ours[@]}"; do [ -d "$dest/ours/$f" ] || need=1; done
if ((need)); then
  mkdir -p "$tmp/ours"
  cp "$shared/build.sh" "$tmp/ours/build.sh" || { echo "needs ../shared/calibration/build.sh" >&2; exit 2; }
  cp "$cal/ours.txt" "$tmp/ours/families.txt"
  bash "$tmp/ours/build.sh" "$dest/ours" >/dev/null
fi
held=()
mapfile -t held < <(grep -v '^#' "$cal/held-out.txt" | grep .)
cargo build --release -q --bin archsplit
bin=$here/target/release/archsplit
args=()
for f in "${fams[@]}"; do
  "$bin" analyze "$dest/calib/$f" --format json --no-history -q --cache-dir "$dest/cache" -o "$dest/$f.json"
  args+=("$f=$dest/$f.json")
done
for f in "${ours[@]}"; do
  "$bin" analyze "$dest/ours/$f" --format json --no-history -q --cache-dir "$dest/cache" -o "$dest/$f.json"
  args+=("$f=$dest/$f.json")
done
for h in "${held[@]}"; do args+=(--held-out "$h"); done
# Our families that are not held out are kept controls the model was corrected on.
for f in "${ours[@]}"; do
  printf '%s\n' "${held[@]}" | grep -qx "$f" || args+=(--control "$f")
done
python3 bench/fragmentation_score.py "$cal/decisions.toml" "${args[@]}"

# The healthy corpus: nothing there asks to be merged.
corpus=${CORPUS:-$dest/corpus}
if [ ! -d "$corpus/tokio" ] && [ -x ../shared/corpus/build.sh ]; then
  ../shared/corpus/build.sh "$corpus" >/dev/null
fi
echo
echo "healthy corpus (every warning is most likely a false alarm):"
for dir in "$corpus"/*/; do
  name=$(basename "$dir")
  "$bin" analyze "$dir" --format json --no-history -q --cache-dir "$dest/cache" -o "$dest/corpus-$name.json"
  python3 - "$dest/corpus-$name.json" "$name" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
w = [f for f in d["findings"] if f["rule"] == "over-fragmentation" and f["severity"] != "note"]
crates = len(d["crates"])
print(f"  {sys.argv[2]:10} {crates:3} crates, {len(w)} over-fragmentation warnings" + "".join(f"\n    {f['message']}" for f in w))
PY
done
