#!/usr/bin/env bash
# The pull-request benchmark (BENCHMARKS.md, "check --base"): on a git repository made from a
# corpus family (committed, then one file changed and committed), a cold `analyze` of the
# tree against a cold and a warm `check --base HEAD~1`, interleaved, and the HTML report's
# size. Prints ratios; no absolute bound.
#
#   usage: bench/check.sh [FAMILY_DIR...]   (default: the calibration and corpus families
#                                            under target/bench)
set -euo pipefail
cd "$(dirname "$0")/.."
work=target/bench
cargo build --release -q --bin archsplit
bin=$PWD/target/release/archsplit
runs=${RUNS:-3}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
secs() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N); echo "$e - $s" | bc; }

dirs=("$@")
if [ ${#dirs[@]} -eq 0 ]; then
  [ -d "$work/corpus/tokio" ] || ../shared/corpus/build.sh "$work/corpus" >/dev/null
  [ -d "$work/calib" ] || ../shared/calibration/build.sh "$work/calib" >/dev/null
  dirs=("$work/corpus/tokio" "$work/corpus/regex" "$work/calib/bevy-0.15" "$work/calib/rust-analyzer-2024")
fi

printf '%-20s %9s %9s %9s %10s %10s %9s\n' family analyze_s check_s warm_s check/an warm/an html_kB
for src in "${dirs[@]}"; do
  name=$(basename "$src")
  repo=$(mktemp -d)
  cp -r "$src/." "$repo"
  (
    cd "$repo"
    git init -q && git add -A
    git -c user.name=b -c user.email=b@b -c commit.gpgsign=false commit -qm base
    f=$(git ls-files '*.rs' | sort | sed -n '10p')
    echo "// a change" >>"$f"
    git -c user.name=b -c user.email=b@b -c commit.gpgsign=false commit -qam change
  )
  cache=$(mktemp -d)
  an=() ck=() wm=()
  for _ in $(seq "$runs"); do
    rm -rf "${cache:?}"/*
    an+=("$(cd "$repo" && secs "$bin" analyze . --no-history --format json -o /dev/null --cache-dir "$cache" -q)")
    rm -rf "${cache:?}"/*
    ck+=("$(cd "$repo" && secs "$bin" check --base HEAD~1 --format json -o /dev/null --cache-dir "$cache" -q)")
    wm+=("$(cd "$repo" && secs "$bin" check --base HEAD~1 --format json -o /dev/null --cache-dir "$cache" -q)")
  done
  html=$(cd "$repo" && "$bin" analyze . --no-history -q --cache-dir "$cache" -o "$cache/r.html" && stat -c %s "$cache/r.html")
  a=$(printf '%s\n' "${an[@]}" | median); c=$(printf '%s\n' "${ck[@]}" | median)
  w=$(printf '%s\n' "${wm[@]}" | median)
  awk -v n="$name" -v a="$a" -v c="$c" -v w="$w" -v h="$html" 'BEGIN {
    printf "%-20s %9.3f %9.3f %9.3f %10.2f %10.2f %9.0f\n", n, a, c, w, c/a, w/a, h/1024 }'
  rm -rf "$repo" "$cache"
done
