#!/usr/bin/env bash
# The speed benchmark (BENCHMARKS.md): the parse floor, archsplit cold and warm, peak memory
# and stage timings on every corpus family and on a generated workspace six times the
# largest family, then clustering cost on generated graphs. Prints ratios, which stay
# stable on a noisy machine where absolute times do not.
#
#   usage: bench/run.sh            (needs ../shared/corpus/build.sh and the registry)
set -euo pipefail
cd "$(dirname "$0")/.."
work=target/bench
corpus=$work/corpus
mkdir -p "$work"
[ -d "$corpus/tokio" ] || ../shared/corpus/build.sh "$corpus" >/dev/null
# Six renamed copies of the tokio family, side by side: a directory of six workspaces.
big=$work/big
if [ ! -d "$big" ]; then
  mkdir -p "$big"
  for i in 1 2 3 4 5 6; do
    cp -r "$corpus/tokio" "$big/tokio$i"
    find "$big/tokio$i" -name Cargo.toml -exec sed -i -E "s/^name = \"([^\"]+)\"/name = \"\\1-copy$i\"/" {} +
  done
fi
cargo build --release -q --bin archsplit --example parse_floor --example cluster_scale
bin=target/release/archsplit
runs=${RUNS:-3}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# Seconds a run takes, to the nanosecond clock (`/usr/bin/time` rounds to 10 ms, which a warm
# run is below).
secs() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N); echo "$e - $s" | bc; }

printf '%-8s %9s %9s %9s %9s %8s %8s %8s %9s %9s %10s %9s\n' family floor_s cold_s warm_s edit_s cold/fl best/fl warm/cold edit/cold src_MB peak_MB peak/src
for dir in "$corpus"/regex "$corpus"/ripgrep "$corpus"/serde "$corpus"/syn "$corpus"/tokio "$big"; do
  name=$(basename "$dir")
  read -r _ bytes _ < <(target/release/examples/parse_floor "$dir")
  cache=$(mktemp -d)
  floor=() cold=() warm=() edit=() peak=0
  # The file an "edit" run changes (a comment appended, then the file restored): the
  # finished result no longer holds, the other files' facts still come from the cache.
  edited=$(find "$dir" -name '*.rs' -path '*/src/*' | sort | sed -n 1p)
  saved=$(mktemp)
  cp "$edited" "$saved"
  trap 'cp "$saved" "$edited"' EXIT
  # Interleaved, so that the floor and archsplit see the same moments of a noisy machine.
  for _ in $(seq "$runs"); do
    floor+=("$(target/release/examples/parse_floor "$dir" | cut -d' ' -f1)")
    rm -rf "${cache:?}"/*
    t=$( { /usr/bin/time -f '%e %M' "$bin" analyze "$dir" --format json -o /dev/null --cache-dir "$cache" -q; } 2>&1 | tail -1)
    cold+=("${t% *}"); m=${t#* }; ((m > peak)) && peak=$m
    warm+=("$(secs "$bin" analyze "$dir" --format json -o /dev/null --cache-dir "$cache" -q)")
    echo "// an edit" >>"$edited"
    edit+=("$(secs "$bin" analyze "$dir" --format json -o /dev/null --cache-dir "$cache" -q)")
    cp "$saved" "$edited"
  done
  trap - EXIT
  rm -f "$saved"
  f=$(printf '%s\n' "${floor[@]}" | median); c=$(printf '%s\n' "${cold[@]}" | median)
  w=$(printf '%s\n' "${warm[@]}" | median); e=$(printf '%s\n' "${edit[@]}" | median)
  fb=$(printf '%s\n' "${floor[@]}" | sort -n | head -1); cb=$(printf '%s\n' "${cold[@]}" | sort -n | head -1)
  awk -v n="$name" -v f="$f" -v c="$c" -v w="$w" -v e="$e" -v fb="$fb" -v cb="$cb" -v b="$bytes" -v p="$peak" 'BEGIN {
    printf "%-8s %9.3f %9.3f %9.3f %9.3f %8.2f %8.2f %8.3f %9.2f %9.1f %10.1f %9.1f\n", n, f, c, w, e, c/f, cb/fb, w/c, e/c, b/1e6, p/1024, p*1024/b }'
  rm -rf "$cache"
done

echo
echo "stage timings, cold, on the generated workspace:"
cache=$(mktemp -d)
"$bin" analyze "$big" --format json -o /dev/null --cache-dir "$cache" -q --timings 2>&1 >/dev/null | sed 's/^/  /'
rm -rf "$cache"

echo
echo "clustering on generated graphs (modules edges seconds):"
target/release/examples/cluster_scale 25000 50000 100000 | sed 's/^/  /'
