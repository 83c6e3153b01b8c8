#!/bin/sh
# Load on `newsweave serve` over loopback with wrk: GET /api/stories and GET /api/search on a
# store of $ARTICLES generated articles, while POST /api/articles adds new ones; then checks
# that every article the POSTs stored is there exactly once. Prints requests per second and
# latency percentiles. Not a test: it prints figures.
#   ARTICLES (10000) POSTS (40: fewer than the run sends, so that each is sent again and must
#   not be stored twice) SECONDS (20) CONNECTIONS (8) BUILD_DIR (build)
#   CSV (../shared/data/semeval2022-task8/train.csv, where the generator takes sentences)
set -eu
ARTICLES=${ARTICLES:-10000}
POSTS=${POSTS:-40}
SECONDS_=${SECONDS:-20}
CONNECTIONS=${CONNECTIONS:-8}
BUILD_DIR=${BUILD_DIR:-build}
CSV=${CSV:-../shared/data/semeval2022-task8/train.csv}
here=$(dirname "$0")

die() {
  echo "bench/serve_load.sh: $*" >&2
  exit 1
}
command -v wrk >/dev/null || die "wrk is missing (scripts/setup installs it)"
command -v curl >/dev/null || die "curl is missing (scripts/setup installs it)"
[ -f "$CSV" ] || die "no $CSV (set CSV=path/to/train.csv)"
cmake --build "$BUILD_DIR" --target newsweave make_corpus >/dev/null || die "build failed"
bin="$BUILD_DIR/newsweave"
dir=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$dir"' EXIT

"$BUILD_DIR/bench/make_corpus" --csv "$CSV" --count "$ARTICLES" --seed 1 --out "$dir/stored.jsonl"
# The POSTed articles: another seed, ids of their own.
"$BUILD_DIR/bench/make_corpus" --csv "$CSV" --count "$POSTS" --seed 2 --out "$dir/posts.tmp"
sed -e 's/"id":"/"id":"post-/' -e 's|"url":"https://www[.]|"url":"https://post.|' "$dir/posts.tmp" > "$dir/posts.jsonl"
start=$(date +%s.%N)
/usr/bin/time -f '%e s, %M KB peak' -o "$dir/ingest.time" "$bin" ingest -q --db "$dir/load.db" "$dir/stored.jsonl" >/dev/null
echo "ingest of $ARTICLES articles: $(cat "$dir/ingest.time")"

"$bin" serve --db "$dir/load.db" --port 0 --token bench 2> "$dir/serve.err" &
pid=$!
port=""
for _ in $(seq 1 6000); do  # start-up replays the store: up to 10 minutes
  port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$dir/serve.err")
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || die "the server did not start: $(cat "$dir/serve.err")"
url="http://127.0.0.1:$port"
before=$(curl -s "$url/healthz" | sed 's/.*"articles":\([0-9]*\).*/\1/')
echo "server up on $url with $before articles (start-up replays the store: see serve.err)"

run_wrk() {  # name, wrk arguments...
  name=$1
  shift
  wrk --latency -t2 -c"$CONNECTIONS" -d"${SECONDS_}s" "$@" > "$dir/$name.out" 2>&1
}
NW_POSTS="$dir/posts.jsonl" NW_TOKEN=bench NW_POST_THREADS=1 \
  wrk --latency --timeout 60s -t1 -c1 -d"$((SECONDS_ * 2))s" -s "$here/serve_post.lua" "$url" > "$dir/post.out" 2>&1 &
post_pid=$!
run_wrk stories "$url/api/stories?limit=20"
run_wrk search -s "$here/serve_search.lua" "$url"
wait $post_pid || { echo "POST load failed:"; cat "$dir/post.out"; }

summary() {  # name
  rps=$(sed -n 's/^Requests\/sec: *//p' "$dir/$1.out")
  p50=$(awk '$1 == "50%" {print $2}' "$dir/$1.out")
  p99=$(awk '$1 == "99%" {print $2}' "$dir/$1.out")
  errors=$(grep -E "Non-2xx|Socket errors" "$dir/$1.out" | tr '\n' ' ')
  printf '%-28s %10s req/s   p50 %-9s p99 %-9s %s\n' "$2" "$rps" "$p50" "$p99" "${errors:-no errors}"
}
echo
summary stories "GET /api/stories?limit=20"
summary search "GET /api/search?q=..."
summary post "POST /api/articles (1 conn)"
grep "POST stored" "$dir/post.out" || true
stored=$(sed -n 's/^POST stored \([0-9]*\).*/\1/p' "$dir/post.out")
after=$(curl -s "$url/healthz" | sed 's/.*"articles":\([0-9]*\).*/\1/')
# Every line again, one at a time: an article the POSTs stored must come back as "same id"
# (stored once), the others are stored now; the count must add up exactly.
again_same=0
again_added=0
while IFS= read -r line; do
  answer=$(printf '%s\n' "$line" | curl -s -H 'Authorization: Bearer bench' -H 'Content-Type: application/x-ndjson' --data-binary @- "$url/api/articles")
  case "$answer" in
    *'"added":1'*) again_added=$((again_added + 1)) ;;
    *'"same_id":1'*) again_same=$((again_same + 1)) ;;
  esac
done < "$dir/posts.jsonl"
final=$(curl -s "$url/healthz" | sed 's/.*"articles":\([0-9]*\).*/\1/')
echo "articles: $before before the load, $after after it; POST answers acknowledged $stored"
echo "posting every line again: $again_same already stored (by id), $again_added stored now; $final in the end"
if [ "$after" -eq "$((before + again_same))" ] && [ "$final" -eq "$((after + again_added))" ] &&
  [ "$again_same" -ge "$stored" ]; then
  echo "nothing lost, nothing doubled (stored during the load: $again_same, of which $((again_same - stored)) answered after wrk stopped)"
else
  echo "MISMATCH"
fi
