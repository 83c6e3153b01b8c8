#!/usr/bin/env bash
# The cross-lingual layer on SemEval-2022 Task 8; what `make bench` runs for issue 9.
#
# Reads the CSV from ../shared/data relative to the repository root (never copied into the
# repository), then prints:
#   xling_eval   P@1 of each translation's original per language pair, translation links
#                found by TranslationIndex::Pairs() and false links;
#   xling_bench  analyze-stage and cross-lingual-layer CPU time per article (pass 1 cold,
#                later passes warm).
# Figures are printed; nothing passes or fails.
#
# Environment: BUILD_DIR (default build), NEWSWEAVE_CSV (the CSV), XLING_ARGS (extra
# arguments for xling_eval, e.g. "--list-false").
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BUILD_DIR="${BUILD_DIR:-build}"
CSV="${NEWSWEAVE_CSV:-$ROOT/../shared/data/semeval2022-task8/train.csv}"

die() {
  echo "bench/xling_eval.sh: $*" >&2
  exit 1
}

[[ -f "$CSV" ]] || die "needs the SemEval-2022 Task 8 CSV at $CSV (set NEWSWEAVE_CSV)"
[[ -f "$BUILD_DIR/CMakeCache.txt" ]] ||
  die "no CMake build in $BUILD_DIR; run 'make build' (or cmake -S . -B $BUILD_DIR) first"
cmake --build "$BUILD_DIR" --target xling_eval xling_bench xling_lexicon >/dev/null ||
  die "could not build xling_eval and xling_bench in $BUILD_DIR"

echo "== newsweave cross-lingual layer (issue 9)"
echo "   date:    $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "   commit:  $(git rev-parse --short HEAD 2>/dev/null || echo none)"
echo "   load:    $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
echo
# shellcheck disable=SC2086
"$BUILD_DIR/bench/xling_eval" --csv "$CSV" --repeat 1 ${XLING_ARGS:-}
echo
"$BUILD_DIR/bench/xling_bench" --csv "$CSV" --passes 3
echo
echo "== newsweave dedup --translations on the CSV's articles"
cmake --build "$BUILD_DIR" --target newsweave translation_eval >/dev/null ||
  die "could not build newsweave and translation_eval in $BUILD_DIR"
mkdir -p "$BUILD_DIR/bench"
"$BUILD_DIR/bench/translation_eval" --csv "$CSV" --write-corpus "$BUILD_DIR/bench/semeval-articles.jsonl"
"$BUILD_DIR/newsweave" dedup --json --translations --stats "$BUILD_DIR/bench/semeval-articles.jsonl" \
  > "$BUILD_DIR/bench/semeval-groups.jsonl"
"$BUILD_DIR/bench/translation_eval" --csv "$CSV" --groups "$BUILD_DIR/bench/semeval-groups.jsonl"
