#!/bin/sh
# End-to-end checks of the newsweave binary's command-line contract.
# Usage: cli_test.sh PATH/TO/newsweave
set -u
bin=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir "$dir/in"
fails=0
check() {  # check DESCRIPTION COMMAND...: the command must succeed
  desc=$1; shift
  if "$@"; then :; else echo "FAIL: $desc"; fails=$((fails + 1)); fi
}

printf 'Skip to main content\nFloods close schools across northern Italy\n\nHeavy rain forced the closure of more than 200 schools in Lombardy on Tuesday, officials said.\nAdvertisement\n' > "$dir/in/en-floods.txt"
printf '{"id": "fr1", "text": "Publicité\\nDe fortes pluies ont entraîné mardi la fermeture de plus de 200 écoles en Lombardie, selon les autorités."}\n{broken\n' > "$dir/in/batch.jsonl"

# clean --json: one line per article with the contract's fields, in order.
"$bin" clean --json "$dir/in" > "$dir/out.jsonl" 2> "$dir/err.txt"
status=$?
check "clean exits 0 when some input is bad" test "$status" -eq 0
check "clean writes one line per article" test "$(wc -l < "$dir/out.jsonl")" -eq 2
check "clean --json fields" grep -q '^{"id":"fr1","lang":"fr","text":"De fortes pluies' "$dir/out.jsonl"
check "removed span with reason and offsets" \
  grep -q '"removed":\[{"start":0,"end":20,"reason":"chrome","text":"Skip to main content"}' "$dir/out.jsonl"
check "clean text starts after the chrome" grep -q '"id":"en-floods","lang":"en","text":"Floods close' "$dir/out.jsonl"
check "malformed line reported with file and line" grep -q 'batch.jsonl:2: malformed JSON' "$dir/err.txt"

# A missing path is reported; the others are still read.
"$bin" clean --json "$dir/in/missing.txt" "$dir/in/en-floods.txt" > "$dir/out2.jsonl" 2> "$dir/err2.txt"
check "missing file named" grep -q 'missing.txt' "$dir/err2.txt"
check "other file still read" grep -q '"id":"en-floods"' "$dir/out2.jsonl"

# run --json: the contract's object.
"$bin" run --json "$dir/in/en-floods.txt" > "$dir/run.json"
check "run --json object" grep -q '^{"articles":\[{"id":"en-floods","lang":"en","title":"Floods close schools across northern Italy","event":"e1","story":"s1","duplicate_of":null,"relation":null}' "$dir/run.json"
check "run --json event" grep -q '"events":\[{"id":"e1","story":"s1","articles":\["en-floods"\],"headline":"Floods close schools across northern Italy","languages":\["en"\]' "$dir/run.json"
check "run --json story" grep -q '"stories":\[{"id":"s1","title":"Floods close schools across northern Italy","events":\["e1"\]}\]}' "$dir/run.json"
"$bin" run "$dir/in" > "$dir/digest.txt" 2>/dev/null
check "run digest counts" grep -q '^newsweave run: 2 articles from 2 files' "$dir/digest.txt"

# run: each event's quotes (speaker, text, language, article) and claims (actor, stance,
# target, text, article); --no-quotes leaves them out.
printf '{"id": "q1", "lang": "en", "text": "The ministry accused the rebels of shelling the port.\\n\\n\\"We have evidence of it,\\" said spokesman Idris Kallon."}\n' > "$dir/q.jsonl"
"$bin" run --json "$dir/q.jsonl" > "$dir/q.json"
check "run --json quotes" grep -q '"quotes":\[{"speaker":"Idris Kallon","speaker_key":"[^"]*","text":"We have evidence of it,","language":"en","article":"q1"' "$dir/q.json"
check "run --json claims" grep -q '"claims":\[{"actor":"ministry","actor_key":"d:ministry","stance":"accusation","target":"rebels","target_key":"d:rebels","text":"The ministry accused the rebels of shelling the port.","article":"q1"' "$dir/q.json"
"$bin" run "$dir/q.jsonl" > "$dir/q.txt"
check "run digest: who said what" grep -q 'Idris Kallon: .We have evidence of it,. \[en\]' "$dir/q.txt"
"$bin" run --no-quotes --json "$dir/q.jsonl" > "$dir/nq.json"
check "run --no-quotes" sh -c "! grep -q '\"quotes\"' '$dir/nq.json'"

# dedup --json: a group per line; the representative is listed with relation null.
mkdir "$dir/dup"
body="Heavy rain forced the closure of more than 200 schools in Lombardy on Tuesday, officials said, as rivers rose to their highest level in a decade and the regional government asked Rome for emergency funds."
printf '%s\n' "$body" > "$dir/dup/a.txt"
printf 'Advertisement\n%s\n' "$body" > "$dir/dup/b.txt"
printf 'A storm cut power to about 40,000 homes across County Galway on Sunday night.\n' > "$dir/dup/c.txt"
"$bin" dedup --json "$dir/dup" > "$dir/dedup.jsonl"
check "dedup writes one group" test "$(wc -l < "$dir/dedup.jsonl")" -eq 1
check "dedup group fields" grep -q '^{"representative":"a","members":\[{"id":"a","relation":null,"duplicate_of":null},{"id":"b","relation":"exact","duplicate_of":"a"}\]}$' "$dir/dedup.jsonl"

# The same groups on one thread and on two.
"$bin" dedup -q --json --threads 1 "$dir/dup" "$dir/in" > "$dir/t1.jsonl"
"$bin" dedup -q --json --threads 2 "$dir/dup" "$dir/in" > "$dir/t2.jsonl"
check "dedup: same groups for 1 and 2 threads" cmp -s "$dir/t1.jsonl" "$dir/t2.jsonl"

# An index extended by a second run gives the groups of one run over everything.
"$bin" dedup -q --json --index "$dir/idx" "$dir/dup/a.txt" > /dev/null
"$bin" dedup -q --json --index "$dir/idx" "$dir/dup/b.txt" "$dir/dup/c.txt" > "$dir/ext.jsonl"
"$bin" dedup -q --json "$dir/dup" > "$dir/once.jsonl"
check "dedup: extended index gives the same groups" cmp -s "$dir/ext.jsonl" "$dir/once.jsonl"
printf 'garbage' > "$dir/bad.idx"
"$bin" dedup -q --index "$dir/bad.idx" "$dir/dup" > /dev/null 2> "$dir/badidx.txt"
status=$?
check "dedup: a damaged index is an error" test "$status" -eq 1
check "dedup: the error names the file" grep -q 'bad.idx: not a newsweave dedup index' "$dir/badidx.txt"

# dedup --translations: an article and its translation form a group, relation "translation".
mkdir "$dir/tr"
printf 'The regional parliament of Aragon approved on Tuesday a plan to build the Arnes dam near Huesca. The project, which costs 310 million euros, will flood the village of Santa Orosia, where 146 people live. Tomas Garrido, the spokesman of the Valle Vivo platform, said that 1,200 farmers would block the works in March.\n' > "$dir/tr/dam-en.txt"
printf 'Le parlement r\303\251gional d'"'"'Aragon a approuv\303\251 mardi un plan pour construire le barrage d'"'"'Arnes pr\303\250s de Huesca. Le projet, qui co\303\273te 310 millions d'"'"'euros, inondera le village de Santa Orosia, o\303\271 vivent 146 personnes. Tomas Garrido, le porte-parole de la plateforme Valle Vivo, a d\303\251clar\303\251 que 1 200 agriculteurs bloqueraient les travaux en mars.\n' > "$dir/tr/dam-fr.txt"
printf 'Heavy rain forced the closure of 200 schools in Lombardy on Tuesday, officials said, as the river Po rose to its highest level in a decade.\n' > "$dir/tr/rain-en.txt"
"$bin" dedup --json --translations "$dir/tr" > "$dir/tr.jsonl" 2> "$dir/tr.err"
check "dedup --translations exits 0" test $? -eq 0
check "dedup --translations groups a translation" grep -q '"id":"dam-en","relation":"translation","duplicate_of":"dam-fr"' "$dir/tr.jsonl"
check "dedup --translations leaves the other article alone" test "$(grep -c rain-en "$dir/tr.jsonl")" -eq 0
"$bin" dedup --json "$dir/tr" > "$dir/notr.jsonl" 2>/dev/null
check "dedup without --translations finds no copy" test ! -s "$dir/notr.jsonl"

# similar A B: scores on the 1..4 scale with reasons; --pairs: one JSON line per good pair,
# bad lines reported with file and line.
printf 'Un s\303\251isme de magnitude 6,1 a frapp\303\251 lundi la province de Van, dans l'"'"'est de la Turquie, faisant 41 morts selon l'"'"'agence AFAD. Le pr\303\251sident Erdogan s'"'"'est rendu \303\240 Ercis.\n' > "$dir/quake-fr.txt"
printf 'A magnitude 6.1 earthquake struck the province of Van in eastern Turkey on Monday, killing 41 people, the agency AFAD said. President Erdogan visited Ercis.\n' > "$dir/quake-en.txt"
"$bin" similar "$dir/quake-fr.txt" "$dir/quake-en.txt" > "$dir/sim.txt" 2>&1
check "similar A B exits 0" test $? -eq 0
check "similar prints the overall score" grep -q '^  overall    [1-4]\.' "$dir/sim.txt"
check "similar gives shared names as a reason" grep -q 'shared names: .*Erdogan' "$dir/sim.txt"
{
  printf '{"id": "p1", "a": {"id": "x", "text": "Floods closed 200 schools in Lombardy on Tuesday, officials said."}, "b": {"id": "y", "text": "Heavy rain shut 200 schools across Lombardy on Tuesday."}}\n'
  printf '{"id": "p2", "a": {"text": "x"}}\n'
  printf 'not json\n'
  # 100,000 levels deep: nlohmann parses it, but its dump() recursed until the stack overflowed.
  printf '{"id": "p4", "a": {"text": "x", "z": '
  head -c 100000 /dev/zero | tr '\0' '['
  head -c 100000 /dev/zero | tr '\0' ']'
  printf '}, "b": {"text": "y"}}\n'
} > "$dir/pairs.jsonl"
"$bin" similar --pairs "$dir/pairs.jsonl" > "$dir/pairs.out" 2> "$dir/pairs.err"
check "similar --pairs exits 0 when some lines are bad" test $? -eq 0
check "similar --pairs writes one line per good pair" test "$(wc -l < "$dir/pairs.out")" -eq 1
check "similar --pairs fields" grep -q '^{"id":"p1","overall":[1-4]\.[0-9]*,"geography":.*"reasons":\[' "$dir/pairs.out"
check "similar --pairs names the bad line" grep -q 'pairs.jsonl:2: needs objects "a" and "b"' "$dir/pairs.err"
check "similar --pairs names the malformed line" grep -q 'pairs.jsonl:3: not a JSON object' "$dir/pairs.err"
check "similar --pairs skips JSON nested too deep" \
  grep -q 'pairs.jsonl:4: JSON nested deeper than 64 levels (max_json_depth), skipped' "$dir/pairs.err"

# ingest: idempotent, and crash-safe: killed at random moments and run again, the store
# ends with every article exactly once. $NEWSWEAVE_CLI_ARTICLES (default 3000) articles; the
# sanitizer run (make sanitize) uses fewer, as its binaries are several times slower.
n=${NEWSWEAVE_CLI_ARTICLES:-3000}
i=0
while [ $i -lt "$n" ]; do
  printf '{"id": "k%d", "lang": "en", "text": "Article number %d of the crash test says that %d boats reached the harbour of Port %d on day %d."}\n' $i $i $((i * 7)) $((i % 97)) $i
  i=$((i + 1))
done > "$dir/many.jsonl"
"$bin" ingest -q --db "$dir/clean.db" "$dir/many.jsonl" > "$dir/ingest1.txt"
check "ingest stores every article" grep -q "^newsweave ingest: $n added" "$dir/ingest1.txt"
"$bin" ingest -q --db "$dir/clean.db" "$dir/many.jsonl" > "$dir/ingest2.txt"
check "ingest again adds nothing" grep -q "^newsweave ingest: 0 added, $n already stored.*$n articles" "$dir/ingest2.txt"
# Four moments drawn at random (printed, to replay a failure) between 0.02 s and 1.5 s: while
# reading, storing batches, clustering or writing the events.
delays=$(awk -v seed="$(date +%s%N | cut -c8-16)" 'BEGIN { srand(seed); for (i = 0; i < 4; i++) printf "%.2f ", 0.02 + rand() * 1.48 }')
echo "kill -9 moments: $delays"
for delay in $delays; do
  rm -f "$dir/crash.db" "$dir/crash.db-wal" "$dir/crash.db-shm"
  "$bin" ingest -q --db "$dir/crash.db" "$dir/many.jsonl" > /dev/null 2>&1 &
  pid=$!
  sleep $delay
  kill -9 $pid 2>/dev/null
  wait $pid 2>/dev/null
  "$bin" ingest -q --db "$dir/crash.db" "$dir/many.jsonl" > "$dir/crash.txt" 2>&1
  check "ingest after kill -9 at ${delay}s ends with $n articles" grep -q "; $n articles," "$dir/crash.txt"
  "$bin" run -q --db "$dir/crash.db" --json > "$dir/crash.json"
  check "after kill -9 at ${delay}s every article has an event" test "$(grep -o '"event":"e[0-9]*"' "$dir/crash.json" | wc -l)" -eq "$n"
done

# serve: refuses a port in use with one line; stops on SIGTERM.
"$bin" serve --db "$dir/clean.db" --port 0 > /dev/null 2> "$dir/serve.err" &
pid=$!
port=""
for _ in $(seq 1 1200); do  # up to 2 min: the store is replayed first
  port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$dir/serve.err")
  [ -n "$port" ] && break
  sleep 0.1
done
check "serve says where it listens" test -n "$port"
"$bin" serve --db "$dir/clean.db" --port "$port" > /dev/null 2> "$dir/serve2.err"
check "serve on a port in use fails" test $? -eq 1
check "serve says the port is in use" grep -q "cannot listen on 127.0.0.1:$port" "$dir/serve2.err"
kill -TERM $pid
wait $pid
check "serve stops cleanly on SIGTERM" test $? -eq 0
check "serve says it stops" grep -q "stopping" "$dir/serve.err"

if [ "$fails" -ne 0 ]; then
  echo "$fails check(s) failed"
  exit 1
fi
echo "all CLI checks passed"
