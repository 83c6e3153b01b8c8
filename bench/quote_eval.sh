#!/usr/bin/env bash
# Who said what (issue 10): speaker attribution of quotes, and its cost; what `make bench`
# runs for the quotes module.
#
# Prints, with bench/quote_eval:
#   data/sample        every quote of three words or more (data/quotes/sample-gold.jsonl), as
#                      the extractor finds them and as `newsweave run --json` reports them;
#   data/quotes sets   dev (used while building), test, test2, test3 (each written after the
#                      fixes that followed the one before, and first run once committed: see
#                      data/quotes/README.md for their first-run figures), then all together;
#   cost               ExtractStatements per article on a generated 5,000-article corpus
#                      (make_corpus, from the SemEval-2022 Task 8 CSV), pinned to one core.
# Figures are printed; nothing passes or fails.
#
# Environment: BUILD_DIR (default build), NEWSWEAVE_CSV (the CSV), QUOTE_EVAL_ARGS (extra
# arguments, e.g. "--errors"), BENCH_CPU (core to pin to, 0).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BUILD_DIR="${BUILD_DIR:-build}"
CSV="${NEWSWEAVE_CSV:-$ROOT/../shared/data/semeval2022-task8/train.csv}"
CPU="${BENCH_CPU:-0}"

die() {
  echo "bench/quote_eval.sh: $*" >&2
  exit 1
}

[[ -f "$BUILD_DIR/CMakeCache.txt" ]] ||
  die "no CMake build in $BUILD_DIR; run 'make build' (or cmake -S . -B $BUILD_DIR) first"
cmake --build "$BUILD_DIR" --target quote_eval newsweave make_corpus xling_lexicon >/dev/null ||
  die "could not build quote_eval and newsweave in $BUILD_DIR"
EVAL="$BUILD_DIR/bench/quote_eval"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

echo "== newsweave quotes: speaker attribution (issue 10)"
echo "   date:    $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "   commit:  $(git rev-parse --short HEAD 2>/dev/null || echo none)"
echo "   load:    $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
echo
echo "-- data/sample (46 articles, copies included)"
# shellcheck disable=SC2086
"$EVAL" --gold data/quotes/sample-gold.jsonl ${QUOTE_EVAL_ARGS:-} data/sample/txt data/sample/jsonl
echo "-- data/sample through newsweave run --json"
"$BUILD_DIR/newsweave" run -q --json data/sample/txt data/sample/jsonl > "$TMP/run.json"
"$EVAL" --gold data/quotes/sample-gold.jsonl --run-json "$TMP/run.json" | tail -1
for set in dev test test2 test3; do
  echo "-- data/quotes/$set.jsonl"
  # shellcheck disable=SC2086
  "$EVAL" --gold "data/quotes/$set-gold.jsonl" ${QUOTE_EVAL_ARGS:-} "data/quotes/$set.jsonl"
done
echo "-- data/quotes, all four sets"
cat data/quotes/dev-gold.jsonl data/quotes/test-gold.jsonl data/quotes/test2-gold.jsonl \
  data/quotes/test3-gold.jsonl > "$TMP/gold.jsonl"
"$EVAL" --gold "$TMP/gold.jsonl" data/quotes/dev.jsonl data/quotes/test.jsonl \
  data/quotes/test2.jsonl data/quotes/test3.jsonl
echo

if [[ -f "$CSV" ]]; then
  CORPUS="$BUILD_DIR/bench/corpus-5000-seed1.jsonl"
  if [[ ! -s "$CORPUS" ]]; then
    "$BUILD_DIR/bench/make_corpus" --csv "$CSV" --count 5000 --seed 1 --out "$CORPUS.tmp" \
      2>/dev/null || die "make_corpus failed"
    mv "$CORPUS.tmp" "$CORPUS"
  fi
  PIN=()
  if command -v taskset >/dev/null 2>&1 && taskset -c "$CPU" true 2>/dev/null; then
    PIN=(taskset -c "$CPU")
  fi
  echo "-- cost on $CORPUS"
  "${PIN[@]}" "$EVAL" --cost "$CORPUS"
else
  echo "-- cost: skipped (no SemEval-2022 Task 8 CSV at $CSV; set NEWSWEAVE_CSV)"
fi
