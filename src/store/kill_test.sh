#!/bin/sh
# The store's crash test (issue 8): `newsweave ingest --db` of the sample corpus killed with
# kill -9 at random moments, and after each kill the store reopened and checked.
#
#   sh kill_test.sh NEWSWEAVE STORE_CHECK SAMPLE_DIR [KILLS]
#
# KILLS ($NEWSWEAVE_KILLS, else the argument, else 100) moments are drawn at random: every
# other kill between 0 and 1.2 times a full ingest's duration from its start, the others
# after a random number K of its commits, plus up to 1.2 times the mean time between commits;
# NEWSWEAVE_KILL_SEED replays a run (the seed is printed; timing makes it approximate).
# Ingests store 4 articles per transaction (--batch 4) and print each committed transaction
# (--print-commits): an article is *acknowledged* when a complete "committed N: ID..." line
# naming it reached stdout before the kill. A killed ingest is run again on the same store (as
# a user would), and killed again, until one completes; then the next round starts from an
# empty store. After each kill, store_check reopens the store (Collection::Open, which writes
# the events of articles stored before the crash) and the script checks:
#   - lost: no acknowledged article is missing;
#   - doubled: ids and clean texts are each stored once;
#   - every stored article is in a stored event, events count their articles right, and the
#     SQLite and FTS integrity checks pass;
#   - nothing but sample articles is stored;
# and after each completed ingest, that every article of the reference ingest is stored.
bin=$1
check_bin=$2
sample=$3
kills=${NEWSWEAVE_KILLS:-${4:-100}}
seed=${NEWSWEAVE_KILL_SEED:-$(date +%s%N | cut -c8-16)}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}
ms() { echo $(($(date +%s%N) / 1000000)); }
ingest() {  # DB: a full ingest of the sample, its output in $dir/out (not for `&`: kill
  # needs the process itself, not a subshell)
  "$bin" ingest -q --batch 4 --print-commits --db "$1" "$sample/txt" "$sample/jsonl" \
    > "$dir/out" 2> "$dir/err"
}
value() { sed -n "s/^$1 //p" "$dir/check"; }

# waits until the ingest PID has printed N commits (or ended): wait_commits PID N
wait_commits() {
  while kill -0 "$1" 2> /dev/null && [ "$(grep -c '^committed' "$dir/out")" -lt "$2" ]; do
    sleep 0.005
  done
}

# The reference: what a full ingest stores, how long it takes (the faster of two), and how
# long its commits take, from the first to the end (the faster of two, watched as the kills
# after a commit watch them: the polling slows the ingest).
span=
tail_span=
for i in 1 2 3 4; do
  rm -f "$dir/ref.db" "$dir/ref.db-wal" "$dir/ref.db-shm"
  start=$(ms)
  "$bin" ingest -q --batch 4 --print-commits --db "$dir/ref.db" "$sample/txt" "$sample/jsonl" \
    > "$dir/out" 2> "$dir/err" &
  pid=$!
  [ $i -gt 2 ] && wait_commits $pid 1
  first=$(ms)
  wait $pid || { cat "$dir/err"; exit 1; }
  end=$(ms)
  if [ $i -le 2 ]; then
    [ -z "$span" ] || [ $((end - start)) -lt "$span" ] && span=$((end - start))
  else
    [ -z "$tail_span" ] || [ $((end - first)) -lt "$tail_span" ] && tail_span=$((end - first))
  fi
done
"$check_bin" "$dir/ref.db" > "$dir/check" || exit 1
sed -n 's/^id //p' "$dir/check" | sort > "$dir/expected"
total=$(wc -l < "$dir/expected")
echo "reference ingest: $total articles stored in $span ms, $tail_span ms from the first commit;" \
  "$kills kills, seed $seed"

db="$dir/crash.db"
: > "$dir/acked"
mid=0 acked_total=0 lost_total=0 doubled_total=0 completed=0 rounds=1
after_commit=0 on_resumed=0 resumed=0
# Half the moments count from the start (kills while loading, replaying, reading, storing
# or writing events), half from the Kth committed transaction (most of an ingest's time goes
# before the first; the commits come fast, and the machine's load would blur a timer).
commits=$(grep -c '^committed' "$dir/out")
for moment in $(awk -v seed="$seed" -v n="$kills" -v span="$span" -v tail_span="$tail_span" \
  -v commits="$commits" 'BEGIN {
    srand(seed)
    for (i = 0; i < n; i++) {
      if (i % 2) printf "%d:%.3f\n", 1 + int(rand() * commits), rand() * 1.2 * tail_span / commits / 1000
      else printf "0:%.3f\n", rand() * span * 1.2 / 1000
    }
  }'); do
  "$bin" ingest -q --batch 4 --print-commits --db "$db" "$sample/txt" "$sample/jsonl" \
    > "$dir/out" 2> "$dir/err" &
  pid=$!
  after=${moment%:*}
  delay=${moment#*:}
  when="${delay}s"
  if [ "$after" -gt 0 ]; then
    when="${delay}s after commit $after"
    wait_commits $pid "$after"
  fi
  sleep "$delay"
  kill -9 "$pid" 2> /dev/null
  wait "$pid" 2> /dev/null
  # Complete lines only: a line cut by the kill lacks its newline.
  if [ -n "$(tail -c 1 "$dir/out")" ]; then sed '$d' "$dir/out" > "$dir/lines"; else cp "$dir/out" "$dir/lines"; fi
  awk '$1 == "committed" && NF - 2 == $2 + 0 { for (i = 3; i <= NF; i++) print $i }' \
    "$dir/lines" > "$dir/acked_now"
  cat "$dir/acked_now" >> "$dir/acked"
  finished=0
  grep -q '^newsweave ingest: ' "$dir/lines" && finished=1
  if [ $finished -eq 0 ]; then
    mid=$((mid + 1))
    acked_total=$((acked_total + $(wc -l < "$dir/acked_now")))
    [ -s "$dir/acked_now" ] && after_commit=$((after_commit + 1))
    [ "$resumed" -eq 1 ] && on_resumed=$((on_resumed + 1))
  fi
  resumed=1
  if ! "$check_bin" "$db" > "$dir/check" 2> "$dir/check_err"; then
    fail "after kill at $when the store does not reopen: $(cat "$dir/check_err")"
    rm -f "$db" "$db-wal" "$db-shm"
    : > "$dir/acked"
    resumed=0
    continue
  fi
  sed -n 's/^id //p' "$dir/check" | sort > "$dir/stored"
  n=$(value articles)
  lost=$(sort -u "$dir/acked" | comm -23 - "$dir/stored" | wc -l)
  doubled=$((2 * n - $(value distinct_ids) - $(value distinct_texts)))
  lost_total=$((lost_total + lost))
  doubled_total=$((doubled_total + doubled))
  [ "$lost" -eq 0 ] || fail "after kill at $when: $lost acknowledged articles missing"
  [ "$doubled" -eq 0 ] || fail "after kill at $when: $doubled articles doubled"
  [ "$(value distinct_hashes)" = "$n" ] || fail "after kill at $when: words stored twice"
  [ "$(value distinct_urls)" = "$(value urls)" ] || fail "after kill at $when: URL stored twice"
  [ "$(value without_event)" = 0 ] || fail "after kill at $when: $(value without_event) articles without an event"
  [ "$(value wrong_counts)" = 0 ] || fail "after kill at $when: events with wrong counts"
  [ "$(value integrity)" = ok ] || fail "after kill at $when: integrity_check: $(value integrity)"
  [ "$(value fts)" = ok ] || fail "after kill at $when: FTS index: $(value fts)"
  [ -z "$(comm -13 "$dir/expected" "$dir/stored")" ] || fail "after kill at $when: articles not in the sample stored"
  if [ $finished -eq 1 ]; then
    completed=$((completed + 1))
    cmp -s "$dir/expected" "$dir/stored" || fail "a completed ingest did not store every sample article once"
    rm -f "$db" "$db-wal" "$db-shm"
    : > "$dir/acked"
    rounds=$((rounds + 1))
    resumed=0
  fi
done

# The last round's store, ingested again to the end without a kill.
ingest "$db" || fail "the last ingest failed: $(cat "$dir/err")"
"$check_bin" "$db" > "$dir/check" || fail "the last store does not reopen"
sed -n 's/^id //p' "$dir/check" | sort > "$dir/stored"
cmp -s "$dir/expected" "$dir/stored" || fail "after the last ingest the store is not the sample once"
[ "$(value articles)" = "$total" ] || fail "after the last ingest: $(value articles) articles, not $total"

echo "kill -9: $kills kills, $mid mid-ingest ($after_commit after a commit, $on_resumed in an ingest" \
  "resuming a killed one), $completed ingests completed before their kill, $rounds stores;" \
  "$acked_total articles acknowledged before the kills; lost $lost_total, doubled $doubled_total"
if [ $failures -ne 0 ]; then
  echo "$failures check(s) failed (seed $seed)"
  exit 1
fi
echo "all crash checks passed"
