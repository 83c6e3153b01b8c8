#!/usr/bin/env bash
# Speed of `newsweave dedup` on generated corpora: whole command (read, clean, normalize,
# sign, band, group) on one and on two cores, with peak memory; then shingling + signing and
# banding alone (clean texts held in memory, one thread). Prints figures only.
# Environment: BUILD_DIR (build), DEDUP_SIZES ("100000 1000000"), NEWSWEAVE_CSV.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BUILD_DIR="${BUILD_DIR:-build}"
SIZES="${DEDUP_SIZES:-100000 1000000}"
CSV="${NEWSWEAVE_CSV:-$ROOT/../shared/data/semeval2022-task8/train.csv}"
[[ -f "$CSV" ]] || { echo "bench/dedup_speed.sh: no CSV at $CSV" >&2; exit 1; }
cmake --build "$BUILD_DIR" --target newsweave make_corpus dedup_sign_bench >/dev/null
mkdir -p "$BUILD_DIR/bench"
for n in $SIZES; do
  corpus="$BUILD_DIR/bench/corpus-$n-seed3.jsonl"
  [[ -s "$corpus" ]] || "$BUILD_DIR/bench/make_corpus" --csv "$CSV" --count "$n" --seed 3 \
    --out "$corpus" 2>/dev/null
  echo "== $n articles ($(du -h "$corpus" | cut -f1))"
  for threads in 1 2; do
    pin=()
    [[ "$threads" == 1 ]] && command -v taskset >/dev/null && pin=(taskset -c 0)
    /usr/bin/time -f "   wall %e s, peak RSS %M KB" "${pin[@]}" "$BUILD_DIR/newsweave" dedup \
      --stats --threads "$threads" "$corpus" 2>&1 >/dev/null | sed 's/^/   /'
  done
  echo "   signing + banding alone (one thread):"
  "$BUILD_DIR/bench/dedup_sign_bench" --repeat 1 "$corpus" | sed 's/^/   /'
done
