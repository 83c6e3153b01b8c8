#!/usr/bin/env bash
# Speed and memory of the main job (`newsweave run --json`) on generated days of global news,
# and the incremental figure (day 2 on top of day 1 against both at once); part of `make bench`.
#
# For each size in SPEED_SIZES (default "20000 200000"; add 1000000 for the big one, which needs
# about 4 GB of disk and a long while) makes a corpus with make_news_day (seed 1, two days)
# under ${BUILD_DIR:-build}/bench/speed unless it is there, then runs
#   /usr/bin/time -v build/newsweave run --json -q CORPUS > /dev/null
# and prints wall seconds, CPU seconds (user + system), articles/s and peak RSS. Then incremental_eval on the smallest size.
# Sentences come from the SemEval-2022 Task 8 CSV (../shared/data, never copied here).
#
# Environment: BUILD_DIR (build), SPEED_SIZES, SPEED_THREADS (0: one per core),
# NEWSWEAVE_CSV (the CSV), SPEED_INCREMENTAL (1; 0 skips incremental_eval).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BUILD_DIR="${BUILD_DIR:-build}"
SIZES="${SPEED_SIZES:-20000 200000}"
THREADS="${SPEED_THREADS:-0}"
CSV="${NEWSWEAVE_CSV:-$ROOT/../shared/data/semeval2022-task8/train.csv}"

die() {
  echo "bench/run_speed.sh: $*" >&2
  exit 1
}

[[ -f "$CSV" ]] || die "make_news_day needs the SemEval-2022 Task 8 CSV at $CSV (set NEWSWEAVE_CSV)"
[[ -f "$BUILD_DIR/CMakeCache.txt" ]] || die "no CMake build in $BUILD_DIR; run 'make build' first"
[[ -x /usr/bin/time ]] || die "/usr/bin/time is needed for the peak memory (apt-get install time)"
cmake --build "$BUILD_DIR" --target newsweave make_news_day incremental_eval >/dev/null ||
  die "could not build newsweave, make_news_day and incremental_eval in $BUILD_DIR"

DIR="$BUILD_DIR/bench/speed"
mkdir -p "$DIR"
echo "== newsweave run: speed and memory on generated news days"
echo "   date:    $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "   commit:  $(git rev-parse --short HEAD 2>/dev/null || echo none)"
echo "   build:   $BUILD_DIR ($(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$BUILD_DIR/CMakeCache.txt"))"
echo "   cpu:     $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(nproc) cores, --threads $THREADS"
echo "   load:    $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%10s %9s %10s %10s %12s %9s %8s\n' articles MB seconds "CPU s" articles/s "peak MB" events
for n in $SIZES; do
  corpus="$DIR/news-$n.jsonl"
  if [[ ! -s "$corpus" ]]; then
    "$BUILD_DIR/bench/make_news_day" --count "$n" --seed 1 --out "$corpus.tmp" \
      --truth "$DIR/news-$n.truth.tsv" 2>"$DIR/news-$n.log" || die "make_news_day failed"
    mv "$corpus.tmp" "$corpus"
  fi
  timing="$DIR/run-$n.time"
  /usr/bin/time -v "$BUILD_DIR/newsweave" run --json -q --threads "$THREADS" "$corpus" \
    >"$DIR/run-$n.json" 2>"$timing" || die "newsweave run failed on $corpus (see $timing)"
  secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0;
    for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s}' "$timing")
  cpu=$(awk -F': ' '/(User|System) time/ {s += $2} END {printf "%.1f", s}' "$timing")
  peak=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1000}' "$timing")
  events=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["events"]))' \
    "$DIR/run-$n.json" 2>/dev/null || echo "?")
  rm -f "$DIR/run-$n.json"
  printf '%10s %9.0f %10.1f %10s %12.0f %9s %8s\n' "$n" "$(du -m "$corpus" | cut -f1)" "$secs" "$cpu" \
    "$(awk -v n="$n" -v s="$secs" 'BEGIN {print n / s}')" "$peak" "$events"
done

if [[ "${SPEED_INCREMENTAL:-1}" != 0 ]]; then
  first="${SIZES%% *}"
  echo
  echo "== day 2 on top of day 1 against both days at once ($first articles)"
  "$BUILD_DIR/bench/incremental_eval" --split 2026-03-15 --threads "$THREADS" \
    --truth "$DIR/news-$first.truth.tsv" "$DIR/news-$first.jsonl"
fi
