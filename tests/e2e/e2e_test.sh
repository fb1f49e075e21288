#!/usr/bin/env bash
# End to end: a private PostgreSQL, the real dossier-ingest and dossier-query processes,
# dossierctl against them, and a Python client that knows the API only through reflection.
#   tests/e2e/e2e_test.sh DOSSIER_INGEST DOSSIER_QUERY DOSSIERCTL
set -uo pipefail

INGEST_BIN=$1 QUERY_BIN=$2 CTL_BIN=$3
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d /tmp/dossier-e2e-XXXXXX)
chmod 755 "$WORK"  # PostgreSQL runs as the postgres user when we are root
PYTHON=/usr/bin/python3
passed=0 failed=0
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  "$ROOT/scripts/pg.sh" stop "$WORK/pg" >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT

check() {  # check NAME COMMAND...: one named assertion
  local name=$1; shift
  if "$@" >"$WORK/last.out" 2>&1; then
    echo "ok     $name"; passed=$((passed + 1))
  else
    echo "FAILED $name"; sed 's/^/       | /' "$WORK/last.out" | tail -20; failed=$((failed + 1))
  fi
}

free_port() { "$PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

export DOSSIER_DATABASE_URL
DOSSIER_DATABASE_URL=$("$ROOT/scripts/pg.sh" start "$WORK/pg") || exit 1
INGEST_PORT=$(free_port) QUERY_PORT=$(free_port)
"$INGEST_BIN" --listen "127.0.0.1:$INGEST_PORT" --health-check-interval-seconds 1 >"$WORK/ingest.log" 2>&1 &
pids+=($!)
"$QUERY_BIN" --listen "127.0.0.1:$QUERY_PORT" --health-check-interval-seconds 1 >"$WORK/query.log" 2>&1 &
pids+=($!)
CTL=("$CTL_BIN" --ingest-address "127.0.0.1:$INGEST_PORT" --query-address "127.0.0.1:$QUERY_PORT")

ready() { for _ in $(seq 1 60); do "${CTL[@]}" health >/dev/null 2>&1 && return 0; sleep 0.5; done; return 1; }
check "both services report SERVING" ready

all_outcomes() {  # all_outcomes OUTCOME: every example file got this outcome
  local out; out=$("${CTL[@]}" ingest "$ROOT/examples") || { echo "$out"; return 1; }
  echo "$out" | tee "$WORK/ingest-$1.out"
  local files; files=$(find "$ROOT/examples" -name '*.html' -o -name '*.txt' | wc -l)
  [[ $(grep -c " $1 " <<<"$out") -eq $files ]]
}
check "dossierctl ingests every example" all_outcomes stored
check "ingesting the same files again stores nothing new" all_outcomes duplicate

same_story() {
  local original copy
  original=$(awk '/^07-accra-security-declaration\.html/ {print $3}' "$WORK/ingest-stored.out")
  copy=$(awk '/^08-accra-security-declaration-syndicated/ {print $3}' "$WORK/ingest-stored.out")
  "${CTL[@]}" --json article get "$copy" | "$PYTHON" -c "import json,sys; a=json.load(sys.stdin)['article']; print(a); assert a['storyId'] == '$original'"
}
check "the syndicated copy joins its original's story" same_story

# Every fact names the engine and the trained models that found it.
models_version() {
  "${CTL[@]}" --json article get "$(awk '/^01-niger-ghana-talks/ {print $3}' "$WORK/ingest-stored.out")" |
    "$PYTHON" -c "import json,sys; v=json.load(sys.stdin)['article']['extractorVersion']; print(v); assert '+ud-en.' in v"
}
check "stored articles carry the engine's and the models' version" models_version

# dossierctl analyze: one CoNLL-U tree per sentence, each with a single root and heads in range.
parsed_trees() {
  "$CTL_BIN" analyze "$ROOT/examples/01-niger-ghana-talks.html" --published 2025-03-12 --conllu >"$WORK/analyze.conllu" &&
    "$PYTHON" - "$WORK/analyze.conllu" <<'PY'
import sys
sentences = [block for block in open(sys.argv[1]).read().split("\n\n") if block.strip()]
assert len(sentences) > 5, len(sentences)
for block in sentences:
    rows = [line.split("\t") for line in block.splitlines() if not line.startswith("#")]
    heads = [int(row[6]) for row in rows]
    assert heads.count(0) == 1, block
    assert all(0 <= head <= len(rows) for head in heads), block
    assert all(row[3] != "_" and row[7] != "_" for row in rows), block
print(len(sentences), "sentences parsed")
PY
}
check "dossierctl analyze prints one rooted tree per sentence" parsed_trees

# dossierctl extract on a folder: one JSON line per article file, in one process.
folder_lines() {
  "$CTL_BIN" extract "$ROOT/examples" >"$WORK/examples.jsonl" &&
    "$PYTHON" - "$WORK/examples.jsonl" "$ROOT/examples" <<'PY'
import json, os, sys
lines = [json.loads(line) for line in open(sys.argv[1])]
pages = sorted(f for f in os.listdir(sys.argv[2]) if f.endswith((".html", ".txt")))
assert [os.path.basename(line["file"]) for line in lines] == pages, [line["file"] for line in lines]
assert all(line["article"]["body"] and line["entities"] for line in lines)
print(len(lines), "articles")
PY
}
check "dossierctl extract reads a folder into JSON lines" folder_lines

typed_json() {
  "${CTL[@]}" --json entities search --query Niger --type country >"$WORK/niger.json" &&
    "$PYTHON" - "$WORK/niger.json" <<'PY'
import json, sys
entities = json.load(open(sys.argv[1]))["entities"]
niger = entities[0]
assert niger["canonicalName"] == "Niger", niger
assert niger["type"] == "ENTITY_TYPE_COUNTRY", niger
assert {"scheme": "iso3166-1-alpha2", "value": "NE"} in niger["externalIds"], niger
assert int(niger["mentionCount"]) > 5, niger
PY
}
check "entities search --json returns typed JSON" typed_json

evidence() {
  local id; id=$("${CTL[@]}" --json entities search --query "Salif Kone" |
    "$PYTHON" -c 'import json,sys; print(json.load(sys.stdin)["entities"][0]["id"])') || return 1
  "${CTL[@]}" entity get "$id" | tee /dev/stderr | grep -q "Interior Minister Salif Kone"
}
check "entity get prints evidence sentences" evidence

attacks() { "${CTL[@]}" events list --type attack | grep -q "Coastal Defence Front (agent)"; }
check "events list --type attack finds the CDF attacks" attacks

rejected() {
  local out; out=$("${CTL[@]}" ingest --url https://e2e.example/a --published "the 12th" "$ROOT/examples/02-cdf-attack-border-post.txt" 2>&1)
  [[ $? -eq 2 ]] && grep -q "article.published" <<<"$out"
}
check "a bad date is rejected with the field name" rejected
not_found() {
  local out; out=$("${CTL[@]}" entity get 99999999 2>&1)
  [[ $? -eq 2 ]] && grep -q "NOT_FOUND: entity 99999999 does not exist" <<<"$out"
}
check "an unknown entity is NOT_FOUND" not_found

entity_id() {  # entity_id QUERY [TYPE]: the id of the first entity a search finds
  "${CTL[@]}" --json entities search --query "$1" ${2:+--type "$2"} |
    "$PYTHON" -c 'import json,sys; print(json.load(sys.stdin)["entities"][0]["id"])'
}
KONE=$(entity_id "Salif Kone") NIGER=$(entity_id Niger country) NIAMEY=$(entity_id Niamey city)
neighbors() { "${CTL[@]}" entity neighbors "$NIGER" --predicate capital-of | tee /dev/stderr | grep -q "Niamey"; }
check "entity neighbors finds the capital of Niger" neighbors
paths() { "${CTL[@]}" paths "$KONE" "$NIAMEY" | tee /dev/stderr | grep -q "^path 1 (2 hops)"; }
check "paths connects the minister to the capital in two hops" paths
timeline() { "${CTL[@]}" entity timeline "$NIGER" --bucket month | tee /dev/stderr | grep -qE "^20[0-9]{2}-[0-9]{2}-01"; }
check "entity timeline buckets Niger's mentions by month" timeline

# ctl_json PYTHON_CONDITION ARGS...: dossierctl --json ARGS, then the condition on its
# response `r` must hold.
ctl_json() {
  local condition=$1; shift
  "${CTL[@]}" --json "$@" | "$PYTHON" -c "import json,sys; r=json.load(sys.stdin); assert $condition, r"
}
ORIGINAL=$(awk '/^07-accra-security-declaration\.html/ {print $3}' "$WORK/ingest-stored.out")
ATTACK=$("${CTL[@]}" --json events list --type attack --limit 1 |
  "$PYTHON" -c 'import json,sys; print(json.load(sys.stdin)["events"][0]["id"])')
check "articles search finds the declaration's story" \
  ctl_json "r['hits'] and all('«' in h['snippet'] for h in r['hits'])" articles search security
check "mentions list returns the minister's mentions with evidence" \
  ctl_json "r['mentions'][0]['entityId'] == '$KONE' and r['mentions'][0]['evidence']['sentence']" \
  mentions list --entity "$KONE"
check "event get returns the attack with its agent" \
  ctl_json "r['event']['id'] == '$ATTACK' and any(p['role'] == 'PARTICIPANT_ROLE_AGENT' for p in r['event']['participants'])" \
  event get "$ATTACK"
check "relations list finds Niamey capital of Niger" \
  ctl_json "r['relationships'][0]['objectName'] == 'Niger'" relations list --entity "$NIAMEY" --predicate capital-of

# A fresh watch sends what is stored after it began: keep storing new attacks (each on
# another day, so none merges into an earlier event) until the watcher has printed one.
watch_live() {
  timeout 60 "${CTL[@]}" --json events watch --type attack --count 1 >"$WORK/watch.out" 2>&1 &
  local watcher=$! day
  for day in 1 2 3 4 5 6 7 8; do
    printf 'Attack near Djibo\nThe Coastal Defence Front attacked an army post near Djibo on %s May 2025.\n' "$day" \
      >"$WORK/attack-$day.txt"
    "${CTL[@]}" ingest --url "https://e2e.example/attack-$day" --published 2025-06-01 "$WORK/attack-$day.txt" >/dev/null
    for _ in 1 2 3 4 5 6; do kill -0 "$watcher" 2>/dev/null || break 2; sleep 0.5; done
  done
  wait "$watcher" && cat "$WORK/watch.out" && grep -q '"EVENT_TYPE_ATTACK"' "$WORK/watch.out"
}
check "events watch streams an attack stored after it began" watch_live

REFLECT=("$PYTHON" "$ROOT/tests/e2e/reflection_client.py")
check "python reflection client lists and calls QueryService" "${REFLECT[@]}" --address "127.0.0.1:$QUERY_PORT" \
  --expect-service dossier.v1.QueryService --expect-service grpc.health.v1.Health --health dossier.v1.QueryService \
  --call dossier.v1.QueryService/SearchEntities --request-json '{"query": "ghana", "types": ["ENTITY_TYPE_COUNTRY"]}' \
  --expect-json-path entities.0.canonicalName --expect-value Ghana
check "python reflection client walks a neighbourhood" "${REFLECT[@]}" --address "127.0.0.1:$QUERY_PORT" \
  --call dossier.v1.QueryService/GetNeighborhood --request-json "{\"entityId\": \"$NIGER\", \"depth\": 2}" \
  --expect-json-path entities.0.canonicalName --expect-value Niger
check "python reflection client finds a path" "${REFLECT[@]}" --address "127.0.0.1:$QUERY_PORT" \
  --call dossier.v1.QueryService/FindPaths \
  --request-json "{\"fromEntityId\": \"$KONE\", \"toEntityId\": \"$NIAMEY\", \"maxHops\": 2}" \
  --expect-json-path paths.0.edges.1.subjectName --expect-value Niamey
check "python reflection client reads a timeline" "${REFLECT[@]}" --address "127.0.0.1:$QUERY_PORT" \
  --call dossier.v1.QueryService/GetEntityTimeline \
  --request-json "{\"entityId\": \"$NIGER\", \"bucket\": \"TIMELINE_BUCKET_MONTH\", \"time\": {\"start\": \"2025-03-01T00:00:00Z\", \"end\": \"2025-04-01T00:00:00Z\"}}" \
  --expect-json-path entries.0.bucketStart --expect-value 2025-03-01T00:00:00Z
check "python reflection client resumes a watch" "${REFLECT[@]}" --address "127.0.0.1:$QUERY_PORT" \
  --call dossier.v1.QueryService/WatchEvents --request-json '{"afterEventId": "1", "types": ["EVENT_TYPE_ATTACK"]}' \
  --messages 2 --expect-json-path messages.1.event.type --expect-value EVENT_TYPE_ATTACK
# The reflection client reaches every other read RPC too.
reflect_call() {  # reflect_call METHOD REQUEST_JSON PATH VALUE
  "${REFLECT[@]}" --address "127.0.0.1:$QUERY_PORT" --call "dossier.v1.QueryService/$1" --request-json "$2" \
    --expect-json-path "$3" --expect-value "$4"
}
check "python reflection client reads an article" \
  reflect_call GetArticle "{\"id\": \"$ORIGINAL\", \"includeFacts\": true}" article.id "$ORIGINAL"
check "python reflection client searches articles within a story" \
  reflect_call SearchArticles "{\"query\": \"security\", \"storyId\": \"$ORIGINAL\"}" hits.0.article.storyId "$ORIGINAL"
check "python reflection client reads an entity" \
  reflect_call GetEntity "{\"id\": \"$KONE\"}" entity.canonicalName "Salif Kone"
check "python reflection client lists mentions" \
  reflect_call ListMentions "{\"entityId\": \"$KONE\", \"pageSize\": 1}" mentions.0.entityId "$KONE"
check "python reflection client lists attacks" \
  reflect_call ListEvents '{"types": ["EVENT_TYPE_ATTACK"], "pageSize": 1}' events.0.type EVENT_TYPE_ATTACK
check "python reflection client reads an event" reflect_call GetEvent "{\"id\": \"$ATTACK\"}" event.id "$ATTACK"
check "python reflection client lists relationships" \
  reflect_call ListRelationships "{\"entityId\": \"$NIAMEY\", \"predicates\": [\"RELATIONSHIP_PREDICATE_CAPITAL_OF\"]}" \
  relationships.0.objectName Niger
check "python reflection client sees INVALID_ARGUMENT" "${REFLECT[@]}" --address "127.0.0.1:$QUERY_PORT" \
  --call dossier.v1.QueryService/SearchEntities --request-json '{"query": ""}' --expect-code INVALID_ARGUMENT
check "a call's x-request-id comes back in the response headers" "${REFLECT[@]}" --address "127.0.0.1:$QUERY_PORT" \
  --call dossier.v1.QueryService/GetEntity --request-json "{\"id\": \"$KONE\"}" --request-id e2e-request-7 \
  --expect-json-path entity.canonicalName --expect-value "Salif Kone"
check "python reflection client lists IngestService" "${REFLECT[@]}" --address "127.0.0.1:$INGEST_PORT" \
  --expect-service dossier.v1.IngestService --health dossier.v1.IngestService

# A watch is open when SIGTERM comes: it ends with UNAVAILABLE and the id to resume after,
# instead of holding the shutdown for the whole grace period.
"${CTL[@]}" events watch --after 1 >"$WORK/watch-at-stop.out" 2>&1 &
WATCHER=$!
# Streaming once it has printed the events stored after id 1.
for _ in $(seq 1 40); do [[ -s "$WORK/watch-at-stop.out" ]] && break; sleep 0.25; done
graceful_stop() {
  kill -TERM "${pids[@]}"
  for pid in "${pids[@]}"; do wait "$pid" || return 1; done
  pids=()
  grep -q "event=stopped" "$WORK/query.log" && grep -q "event=stopped" "$WORK/ingest.log"
}
check "SIGTERM drains and both services exit 0" graceful_stop
watch_ended() { wait "$WATCHER"; cat "$WORK/watch-at-stop.out"; grep -q "UNAVAILABLE: this server is shutting down" "$WORK/watch-at-stop.out"; }
check "an open watch ends with UNAVAILABLE and where to resume" watch_ended

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
