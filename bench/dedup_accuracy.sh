#!/usr/bin/env bash
# Accuracy of `newsweave dedup` on a generated corpus with known truth (issue 3).
#
# Builds newsweave, make_dup_corpus and dedup_eval in ${BUILD_DIR:-build}, generates a corpus
# of origins, edited copies and distractors from the SemEval-2022 Task 8 CSV (read from
# ../shared/data relative to the repository root; never copied into the repository) under
# $BUILD_DIR/bench, runs `newsweave dedup --json` on it and prints precision, recall and the
# worst cases. Figures are printed; nothing passes or fails.
#
# Environment: BUILD_DIR (default build), DUP_ARTICLES (10000), DUP_SEED (1),
# DUP_THRESHOLD (0.8), DUP_SHINGLE (5), DUP_WORST (10), NEWSWEAVE_CSV (the CSV).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BUILD_DIR="${BUILD_DIR:-build}"
ARTICLES="${DUP_ARTICLES:-10000}"
SEED="${DUP_SEED:-1}"
THRESHOLD="${DUP_THRESHOLD:-0.8}"
SHINGLE="${DUP_SHINGLE:-5}"
WORST="${DUP_WORST:-10}"
CSV="${NEWSWEAVE_CSV:-$ROOT/../shared/data/semeval2022-task8/train.csv}"

die() {
  echo "bench/dedup_accuracy.sh: $*" >&2
  exit 1
}

[[ -f "$CSV" ]] || die "the corpus generator needs the SemEval-2022 Task 8 CSV at $CSV
(expected at ../shared/data/semeval2022-task8/train.csv relative to the repository root;
set NEWSWEAVE_CSV to use another path)"
if [[ ! -f "$BUILD_DIR/CMakeCache.txt" ]]; then
  cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release >/dev/null ||
    die "could not configure $BUILD_DIR"
fi
cmake --build "$BUILD_DIR" --target newsweave make_dup_corpus dedup_eval -j "$(nproc 2>/dev/null || echo 2)" \
  >/dev/null || die "could not build newsweave, make_dup_corpus and dedup_eval in $BUILD_DIR \
(run the build to see why)"

OUT="$BUILD_DIR/bench"
mkdir -p "$OUT"
BASE="$OUT/dup-${ARTICLES}-seed${SEED}"
echo "== newsweave dedup accuracy"
echo "   date:    $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "   commit:  $(git rev-parse --short HEAD 2>/dev/null || echo none)$(git diff --quiet HEAD -- 2>/dev/null || echo ' (with uncommitted changes)')"
echo "   corpus:  $BASE.jsonl, truth $BASE.truth.tsv"
echo
# The corpus takes about a second to make: made again each time, so that it follows the
# generator.
"$OUT/make_dup_corpus" --csv "$CSV" --count "$ARTICLES" --seed "$SEED" --out "$BASE.jsonl" \
  --truth "$BASE.truth.tsv" --distractors "$BASE.distractors.tsv" || die "make_dup_corpus failed"
echo
"$BUILD_DIR/newsweave" dedup --json --stats --threshold "$THRESHOLD" --shingle "$SHINGLE" \
  "$BASE.jsonl" >"$BASE.groups.jsonl" || die "newsweave dedup failed"
echo
"$OUT/dedup_eval" --truth "$BASE.truth.tsv" --corpus "$BASE.jsonl" --groups "$BASE.groups.jsonl" \
  --distractors "$BASE.distractors.tsv" --threshold "$THRESHOLD" --shingle "$SHINGLE" \
  --worst "$WORST"
