#!/usr/bin/env bash
# What reading history costs: a copy of the tokio corpus family becomes a git repository with
# COMMITS synthetic commits (each appends a line to 1-6 source files, chosen by a fixed
# generator, by one of 8 authors), then `archsplit analyze --format json` runs cold with the
# history (the default) and with --no-history, and `git log` alone is timed. Prints the
# ratio; the history is synthetic (the corpus ships without one), its size is not.
#
#   usage: COMMITS=1000 bench/history.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work=target/bench
corpus=$work/corpus
commits=${COMMITS:-1000}
runs=${RUNS:-3}
[ -d "$corpus/tokio" ] || ../shared/corpus/build.sh "$corpus" >/dev/null
cargo build --release -q --bin archsplit
bin=$PWD/target/release/archsplit
repo=$work/history-tokio
if [ ! -f "$repo/.commits-$commits" ]; then
  rm -rf "$repo"
  cp -r "$corpus/tokio" "$repo"
  cd "$repo"
  export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
  git init -q
  git add -A
  GIT_AUTHOR_NAME=a0 GIT_AUTHOR_EMAIL=a0@x GIT_COMMITTER_NAME=a0 GIT_COMMITTER_EMAIL=a0@x \
    git commit -q -m init
  mapfile -t files < <(git ls-files '*.rs' | sort)
  n=${#files[@]}
  seed=12345
  for ((i = 1; i <= commits; i++)); do
    seed=$(((seed * 1103515245 + 12345) % 2147483648))
    k=$((seed % 6 + 1))
    base=$((seed / 7 % n))
    for ((j = 0; j < k; j++)); do
      # Neighbouring files in path order: commits touch related modules, as real ones do.
      echo "// change $i" >>"${files[$(((base + j * (seed % 3 + 1)) % n))]}"
    done
    a=$((seed / 11 % 8))
    GIT_AUTHOR_NAME=a$a GIT_AUTHOR_EMAIL=a$a@x GIT_COMMITTER_NAME=a$a GIT_COMMITTER_EMAIL=a$a@x \
      git commit -q -am "change $i"
  done
  touch ".commits-$commits"
  cd - >/dev/null
fi
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_of() { /usr/bin/time -f '%e' "$@" 2>&1 >/dev/null | tail -1; }
with=() without=() gitlog=()
for _ in $(seq "$runs"); do
  with+=("$(time_of "$bin" analyze "$repo" --format json -o /dev/null --no-cache -q)")
  without+=("$(time_of "$bin" analyze "$repo" --format json -o /dev/null --no-cache -q --no-history)")
  gitlog+=("$(time_of git -C "$repo" log --no-merges -M --name-status -z --max-count=1000 HEAD -- .)")
done
w=$(printf '%s\n' "${with[@]}" | median)
wo=$(printf '%s\n' "${without[@]}" | median)
g=$(printf '%s\n' "${gitlog[@]}" | median)
"$bin" analyze "$repo" --format json --no-cache -q | python3 -c '
import json, sys
h = json.load(sys.stdin)["summary"]["history"]
print("history read: %d commits used of %d read, %d authors, %d left out as too large" % (h["commits"], h["commits_read"], h["authors"], h["skipped_large"]))'
awk -v w="$w" -v wo="$wo" -v g="$g" 'BEGIN {
  printf "cold analyze: %.3f s with history, %.3f s without (ratio %.2f); git log alone %.3f s\n", w, wo, w/wo, g }'
