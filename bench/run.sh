#!/usr/bin/env bash
# Benchmark of the read -> clean -> analyze stages; what `make bench` runs.
#
# Generates a 20,000-article JSONL corpus from the SemEval-2022 Task 8 CSV (read from
# ../shared/data relative to the repository root; never copied into the repository) under
# ${BUILD_DIR:-build}/bench unless it is already there, then runs pipeline_bench --stages
# pinned to one core. Figures are printed; nothing passes or fails.
#
# Environment: BUILD_DIR (default build), BENCH_ARTICLES (20000), BENCH_SEED (1),
# BENCH_REPEAT (3), NEWSWEAVE_CSV (the CSV), BENCH_CPU (core to pin to, 0).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BUILD_DIR="${BUILD_DIR:-build}"
ARTICLES="${BENCH_ARTICLES:-20000}"
SEED="${BENCH_SEED:-1}"
REPEAT="${BENCH_REPEAT:-3}"
CPU="${BENCH_CPU:-0}"
CSV="${NEWSWEAVE_CSV:-$ROOT/../shared/data/semeval2022-task8/train.csv}"

die() {
  echo "bench/run.sh: $*" >&2
  exit 1
}

[[ -f "$CSV" ]] || die "the corpus generator needs the SemEval-2022 Task 8 CSV at $CSV
(expected at ../shared/data/semeval2022-task8/train.csv relative to the repository root;
set NEWSWEAVE_CSV to use another path)"
[[ -f "$BUILD_DIR/CMakeCache.txt" ]] ||
  die "no CMake build in $BUILD_DIR; run 'make build' (or cmake -S . -B $BUILD_DIR) first"

BENCH_BIN="$BUILD_DIR/bench"
# Up to date after `make build`; this is a no-op then, and a rebuild after edits otherwise.
cmake --build "$BUILD_DIR" --target make_corpus pipeline_bench >/dev/null ||
  die "could not build make_corpus and pipeline_bench in $BUILD_DIR (run the build to see why)"

CORPUS="$BENCH_BIN/corpus-${ARTICLES}-seed${SEED}.jsonl"
if [[ ! -s "$CORPUS" ]]; then
  echo "== generating $CORPUS"
  "$BENCH_BIN/make_corpus" --csv "$CSV" --count "$ARTICLES" --seed "$SEED" --out "$CORPUS.tmp" ||
    die "make_corpus failed"
  mv "$CORPUS.tmp" "$CORPUS"
fi

PIN=()
if command -v taskset >/dev/null 2>&1 && taskset -c "$CPU" true 2>/dev/null; then
  PIN=(taskset -c "$CPU")
  PINNED="core $CPU (taskset)"
else
  PINNED="not pinned (taskset unavailable)"
fi

echo "== newsweave pipeline benchmark"
echo "   date:    $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "   commit:  $(git rev-parse --short HEAD 2>/dev/null || echo none)"
echo "   build:   $BUILD_DIR ($(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$BUILD_DIR/CMakeCache.txt"))"
echo "   cpu:     $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -1), $PINNED"
echo "   load:    $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
echo "   corpus:  $CORPUS ($(du -h "$CORPUS" | cut -f1))"
echo
"${PIN[@]}" "$BENCH_BIN/pipeline_bench" --stages --repeat "$REPEAT" "$CORPUS"
