#!/usr/bin/env bash
# Main-text extraction from HTML pages: trafilatura's scores (precision, recall, F1) and speed
# on one core, on trafilatura's evaluation pages (../shared/data/trafilatura-eval, read at run
# time, never copied into the repository). Prints figures only.
# Environment: BUILD_DIR (build), HTML_EVAL_DATA (the folder), BENCH_REPEAT (5), BENCH_CPU (0).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BUILD_DIR="${BUILD_DIR:-build}"
DATA="${HTML_EVAL_DATA:-$ROOT/../shared/data/trafilatura-eval}"
REPEAT="${BENCH_REPEAT:-5}"
CPU="${BENCH_CPU:-0}"
[[ -f "$DATA/evaldata.json" ]] || {
  echo "bench/html_eval.sh: no evaldata.json in $DATA (set HTML_EVAL_DATA)" >&2
  exit 1
}
cmake --build "$BUILD_DIR" --target html_eval >/dev/null
pin=()
command -v taskset >/dev/null && taskset -c "$CPU" true 2>/dev/null && pin=(taskset -c "$CPU")
echo "== HTML main-text extraction (trafilatura's evaluation, $(ls "$DATA/pages" | wc -l) pages)"
echo "   date: $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo none), load $(cut -d' ' -f1-3 /proc/loadavg)"
"${pin[@]}" "$BUILD_DIR/bench/html_eval" --data "$DATA" --repeat "$REPEAT" | sed 's/^/   /'
echo "== all visible text, for comparison"
"${pin[@]}" "$BUILD_DIR/bench/html_eval" --data "$DATA" --repeat 1 --all | sed 's/^/   /'
