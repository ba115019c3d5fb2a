#!/usr/bin/env bash
# archsplit beside cargo-coupling (BENCHMARKS.md, "Peers"): the parse floor, a cold
# `archsplit analyze --format json` and `cargo coupling --no-git --summary` on the same
# corpus families, interleaved. cargo-coupling writes a Cargo.lock into the tree it analyzes
# and runs the tree's rust-toolchain.toml when started in it, so it runs on a throwaway copy
# from a neutral directory. Install it first (outside the project):
#
#   cargo install --locked cargo-coupling --version 0.4.0 --root /tmp/cc-root
#
#   usage: CARGO_COUPLING=/tmp/cc-root/bin/cargo-coupling bench/peers.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work=target/bench
corpus=$work/corpus
cc=${CARGO_COUPLING:-/tmp/cc-root/bin/cargo-coupling}
[ -x "$cc" ] || { echo "no cargo-coupling at $cc (see the header of this script)" >&2; exit 2; }
[ -d "$corpus/tokio" ] || ../shared/corpus/build.sh "$corpus" >/dev/null
cargo build --release -q --bin archsplit --example parse_floor
bin=$PWD/target/release/archsplit
floor_bin=$PWD/target/release/examples/parse_floor
runs=${RUNS:-3}
limit=${LIMIT:-600}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
secs() { local s e; s=$(date +%s.%N); timeout "$limit" "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N); echo "$e - $s" | bc; }

printf '%-8s %9s %11s %14s %12s %14s\n' family floor_s archsplit_s cargo-coupling archsplit/fl coupling/fl
for dir in "$corpus"/regex "$corpus"/ripgrep "$corpus"/serde "$corpus"/syn "$corpus"/tokio; do
  name=$(basename "$dir")
  abs=$(realpath "$dir")
  fl=() ar=() co=()
  for _ in $(seq "$runs"); do
    fl+=("$("$floor_bin" "$dir" | cut -d' ' -f1)")
    cache=$(mktemp -d)
    ar+=("$(cd /tmp && secs "$bin" analyze "$abs" --no-history --format json -o /dev/null --cache-dir "$cache" -q)")
    rm -rf "$cache"
    copy=$(mktemp -d)
    cp -r "$dir/." "$copy"
    co+=("$(cd /tmp && secs "$cc" coupling --no-git --summary "$copy")")
    rm -rf "$copy"
  done
  f=$(printf '%s\n' "${fl[@]}" | median); a=$(printf '%s\n' "${ar[@]}" | median)
  c=$(printf '%s\n' "${co[@]}" | median)
  awk -v n="$name" -v f="$f" -v a="$a" -v c="$c" 'BEGIN {
    printf "%-8s %9.3f %11.3f %14.3f %12.2f %14.2f\n", n, f, a, c, a/f, c/f }'
done
