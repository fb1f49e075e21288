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
INGEST_PORT=$(free_port) QUERY_PORT=$(free_port) INGEST_METRICS_PORT=$(free_port) QUERY_METRICS_PORT=$(free_port)
# Ingest needs a token with scope ingest; queries need one with scope read (an ingest token
# may read too), since the file holds a read token.
INGEST_TOKEN=$(openssl rand -hex 24) READ_TOKEN=$(openssl rand -hex 24)
printf '# e2e tokens\ningest %s\nread %s\n' "$INGEST_TOKEN" "$READ_TOKEN" >"$WORK/tokens"
"$INGEST_BIN" --listen "127.0.0.1:$INGEST_PORT" --health-check-interval-seconds 1 --tokens-file "$WORK/tokens" \
  --metrics-listen "127.0.0.1:$INGEST_METRICS_PORT" >"$WORK/ingest.log" 2>&1 &
pids+=($!)
"$QUERY_BIN" --listen "127.0.0.1:$QUERY_PORT" --health-check-interval-seconds 1 --tokens-file "$WORK/tokens" \
  --tokens-reload-seconds 1 --metrics-listen "127.0.0.1:$QUERY_METRICS_PORT" >"$WORK/query.log" 2>&1 &
pids+=($!)
CTL=("$CTL_BIN" --ingest-address "127.0.0.1:$INGEST_PORT" --query-address "127.0.0.1:$QUERY_PORT" --token "$INGEST_TOKEN")

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

REFLECT=("$PYTHON" "$ROOT/tests/e2e/reflection_client.py" --token "$READ_TOKEN")
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

# --- Tokens: the scope decides, health and reflection stay open ---------------------------
code_of() {  # code_of WANTED_CODE COMMAND...: the command fails, naming the status code
  local wanted=$1; shift
  local out; out=$("$@" 2>&1) && { echo "succeeded: $out"; return 1; }
  echo "$out"; grep -q "error: $wanted:" <<<"$out"
}
PLAIN_CTL=("$CTL_BIN" --ingest-address "127.0.0.1:$INGEST_PORT" --query-address "127.0.0.1:$QUERY_PORT")
check "ingest without a token is UNAUTHENTICATED" \
  code_of UNAUTHENTICATED "${PLAIN_CTL[@]}" ingest --url https://e2e.example/t "$ROOT/examples/02-cdf-attack-border-post.txt"
check "ingest with a read token is PERMISSION_DENIED" code_of PERMISSION_DENIED "${PLAIN_CTL[@]}" --token "$READ_TOKEN" \
  ingest --url https://e2e.example/t "$ROOT/examples/02-cdf-attack-border-post.txt"
check "a query with an unknown token is UNAUTHENTICATED" \
  code_of UNAUTHENTICATED "${PLAIN_CTL[@]}" --token "not-a-token-we-issued-0000" entities search --query Niger
check "a query without a token is UNAUTHENTICATED" code_of UNAUTHENTICATED "${PLAIN_CTL[@]}" entities search --query Niger
check "a read token queries" "${PLAIN_CTL[@]}" --token "$READ_TOKEN" entities search --query Niger
check "health needs no token" "${PLAIN_CTL[@]}" health
no_tokens_no_start() {
  local out; out=$("$INGEST_BIN" --listen 127.0.0.1:0 --metrics-listen "" 2>&1) && return 1
  echo "$out"; grep -q 'needs bearer tokens: set --tokens-file' <<<"$out"
}
check "ingest without a tokens file refuses to start and says why" no_tokens_no_start
check "--migrate-only needs no tokens (the init container)" "$INGEST_BIN" --migrate-only
store_stats() {
  "${CTL[@]}" stats | tee /dev/stderr | grep -qE "^stored in the last hour +[0-9]+" || return 1
  ctl_json "int(r['articles']) >= $(find "$ROOT/examples" -name '*.html' -o -name '*.txt' | wc -l) and int(r['articles']) == int(r['articlesLastHour']) and int(r['events']) > 10" stats
}
check "dossierctl stats counts the store and the last hour's articles" store_stats

# --- Metrics and logs -------------------------------------------------------------------
EXAMPLES=$(find "$ROOT/examples" -name '*.html' -o -name '*.txt' | wc -l)
metric() {  # metric PORT SERIES: the value of one series on a /metrics page
  curl -fsS "http://127.0.0.1:$1/metrics" | awk -v series="$2" 'index($0, series " ") == 1 {print $NF}'
}
ingest_metrics() {
  curl -fsS "http://127.0.0.1:$INGEST_METRICS_PORT/metrics" >"$WORK/ingest.metrics" || return 1
  grep -E '^dossier_(ingest|rpc|db_pool)' "$WORK/ingest.metrics" | head -40
  local stored duplicate unauthenticated denied
  stored=$(metric "$INGEST_METRICS_PORT" 'dossier_ingest_articles_total{outcome="stored"}')
  duplicate=$(metric "$INGEST_METRICS_PORT" 'dossier_ingest_articles_total{outcome="duplicate"}')
  unauthenticated=$(metric "$INGEST_METRICS_PORT" 'dossier_rpc_requests_total{code="UNAUTHENTICATED",method="IngestArticles",service="dossier.v1.IngestService"}')
  denied=$(metric "$INGEST_METRICS_PORT" 'dossier_rpc_requests_total{code="PERMISSION_DENIED",method="IngestArticles",service="dossier.v1.IngestService"}')
  echo "stored=$stored duplicate=$duplicate unauthenticated=$unauthenticated denied=$denied"
  # The examples twice, plus the watch test's attacks; the examples' second round all duplicates.
  [[ $stored -ge $((EXAMPLES + 1)) && $duplicate -eq $EXAMPLES && $unauthenticated -eq 1 && $denied -eq 1 ]] &&
    grep -q '^dossier_ingest_rejected_total{code="INVALID_ARGUMENT",stage="normalize"} 1' "$WORK/ingest.metrics" &&
    grep -qE '^dossier_ingest_facts_total\{kind="events"\} [1-9]' "$WORK/ingest.metrics" &&
    grep -qE '^dossier_ingest_stage_seconds_count\{stage="extract"\} [1-9]' "$WORK/ingest.metrics" &&
    grep -qE '^dossier_db_pool_connections\{pool="primary",state="idle"\} [1-9]' "$WORK/ingest.metrics" &&
    grep -q '^dossier_db_pool_size{pool="primary"} 8' "$WORK/ingest.metrics"
}
check "the ingest metrics count articles, facts, rejections and calls" ingest_metrics
query_metrics() {
  curl -fsS "http://127.0.0.1:$QUERY_METRICS_PORT/metrics" >"$WORK/query.metrics" || return 1
  grep -E '^dossier_rpc_(requests_total|duration_seconds_count)\{.*SearchEntities' "$WORK/query.metrics"
  grep -qE '^dossier_rpc_requests_total\{code="OK",method="SearchEntities",service="dossier.v1.QueryService"\} [1-9]' "$WORK/query.metrics" &&
    grep -qE '^dossier_rpc_requests_total\{code="INVALID_ARGUMENT",method="SearchEntities",service="dossier.v1.QueryService"\} 1$' "$WORK/query.metrics" &&
    grep -qE '^dossier_rpc_duration_seconds_bucket\{method="GetEntity",service="dossier.v1.QueryService",le="\+Inf"\} [1-9]' "$WORK/query.metrics" &&
    grep -q '^dossier_db_pool_size{pool="reads"} 8' "$WORK/query.metrics"
}
check "the query metrics count calls by method and code, with latency" query_metrics
json_logs() {
  "$PYTHON" - "$WORK/query.log" <<'PY'
import json, sys
records = [json.loads(line) for line in open(sys.argv[1])]
calls = [r for r in records if r["event"] == "rpc"]
tagged = [r for r in calls if r["request_id"] == "e2e-request-7"]
assert tagged and tagged[0]["method"] == "GetEntity" and tagged[0]["code"] == "OK", tagged
assert all(r["service"] == "dossier-query" and r["ts"].endswith("Z") for r in records)
print(len(records), "JSON records,", len(calls), "calls; request e2e-request-7:", tagged[0])
PY
}
check "query logs are JSON lines naming each call's request id" json_logs

# --- TLS and mutual TLS, certificates made now ------------------------------------------
"$ROOT/scripts/dev-certs.sh" "$WORK/certs" >/dev/null && "$ROOT/scripts/dev-certs.sh" "$WORK/certs" rogue >/dev/null
C=$WORK/certs
TLS_INGEST_PORT=$(free_port) TLS_QUERY_PORT=$(free_port) INGEST_PROBE_PORT=$(free_port) QUERY_PROBE_PORT=$(free_port)
# Ingest asks for client certificates (mutual TLS); queries use TLS alone, without reflection,
# and re-read their certificate every second. Each has a plaintext health-only port for probes.
"$INGEST_BIN" --listen "127.0.0.1:$TLS_INGEST_PORT" --tokens-file "$WORK/tokens" --metrics-listen "" \
  --health-listen "127.0.0.1:$INGEST_PROBE_PORT" \
  --tls-cert-file "$C/dev-server.pem" --tls-key-file "$C/dev-server-key.pem" --tls-client-ca-file "$C/dev-ca.pem" \
  >"$WORK/tls-ingest.log" 2>&1 &
pids+=($!)
cp "$C/dev-server.pem" "$C/query.pem" && cp "$C/dev-server-key.pem" "$C/query-key.pem"
"$QUERY_BIN" --listen "127.0.0.1:$TLS_QUERY_PORT" --tokens-file "$WORK/tokens" --metrics-listen "" \
  --health-listen "127.0.0.1:$QUERY_PROBE_PORT" \
  --tls-cert-file "$C/query.pem" --tls-key-file "$C/query-key.pem" --tls-reload-seconds 1 --disable-reflection \
  >"$WORK/tls-query.log" 2>&1 &
pids+=($!)
TLS_CTL=("$CTL_BIN" --ingest-address "localhost:$TLS_INGEST_PORT" --query-address "localhost:$TLS_QUERY_PORT"
  --token "$INGEST_TOKEN" --timeout 5)
CLIENT=(--tls-cert-file "$C/dev-client.pem" --tls-key-file "$C/dev-client-key.pem")
tls_ready() { for _ in $(seq 1 60); do "${TLS_CTL[@]}" --tls-ca-file "$C/dev-ca.pem" "${CLIENT[@]}" health >/dev/null 2>&1 && return 0; sleep 0.5; done; return 1; }
check "TLS services report SERVING to a client with a certificate" tls_ready
check "the plaintext probe ports report SERVING" "$CTL_BIN" --ingest-address "127.0.0.1:$INGEST_PROBE_PORT" \
  --query-address "127.0.0.1:$QUERY_PROBE_PORT" health
check "the probe port serves health alone" code_of UNIMPLEMENTED "$CTL_BIN" --query-address "127.0.0.1:$QUERY_PROBE_PORT" \
  --token "$READ_TOKEN" entities search --query Ghana
printf 'Talks in Accra\nGhana and Togo held border talks in Accra on 3 June 2025, officials said.\n' >"$WORK/tls-article.txt"
check "mutual TLS: a client certificate from our CA ingests" "${TLS_CTL[@]}" --tls-ca-file "$C/dev-ca.pem" "${CLIENT[@]}" \
  ingest --url https://e2e.example/tls --published 2025-06-04 "$WORK/tls-article.txt"
check "mutual TLS: no client certificate, no connection" code_of UNAVAILABLE "${TLS_CTL[@]}" --tls-ca-file "$C/dev-ca.pem" \
  ingest --url https://e2e.example/tls2 "$WORK/tls-article.txt"
check "mutual TLS: a certificate from another CA is refused" code_of UNAVAILABLE "${TLS_CTL[@]}" \
  --tls-ca-file "$C/dev-ca.pem" --tls-cert-file "$C/rogue-client.pem" --tls-key-file "$C/rogue-client-key.pem" \
  ingest --url https://e2e.example/tls3 "$WORK/tls-article.txt"
check "TLS: a plaintext client cannot talk to it" code_of UNAVAILABLE "$CTL_BIN" --query-address "127.0.0.1:$TLS_QUERY_PORT" \
  --token "$READ_TOKEN" --timeout 5 entities search --query Ghana
check "TLS: a client that trusts another CA refuses the server" code_of UNAVAILABLE "${TLS_CTL[@]}" \
  --tls-ca-file "$C/rogue-ca.pem" entities search --query Ghana
check "TLS: queries over TLS with a read token" "${TLS_CTL[@]}" --token "$READ_TOKEN" --tls-ca-file "$C/dev-ca.pem" \
  entities search --query Togo
check "TLS: tokens are still checked" code_of UNAUTHENTICATED "$CTL_BIN" --query-address "localhost:$TLS_QUERY_PORT" \
  --tls-ca-file "$C/dev-ca.pem" entities search --query Togo
check "python client over mutual TLS lists IngestService through reflection" "${REFLECT[@]}" \
  --address "localhost:$TLS_INGEST_PORT" --tls-ca-file "$C/dev-ca.pem" --tls-cert-file "$C/dev-client.pem" \
  --tls-key-file "$C/dev-client-key.pem" --expect-service dossier.v1.IngestService --health dossier.v1.IngestService
check "reflection is off where --disable-reflection says so" "${REFLECT[@]}" --address "localhost:$TLS_QUERY_PORT" \
  --tls-ca-file "$C/dev-ca.pem" --expect-no-reflection
# Rotation: the query server's files are replaced by a certificate from another CA, the
# way a Secret update lands (rename into place); within seconds clients see the new one.
rotated() {
  cp "$C/rogue-server.pem" "$C/query.pem.new" && cp "$C/rogue-server-key.pem" "$C/query-key.pem.new" &&
    mv "$C/query-key.pem.new" "$C/query-key.pem" && mv "$C/query.pem.new" "$C/query.pem" || return 1
  for _ in $(seq 1 40); do
    "${TLS_CTL[@]}" --token "$READ_TOKEN" --tls-ca-file "$C/rogue-ca.pem" entities search --query Togo && break
    sleep 0.25
  done
  "${TLS_CTL[@]}" --token "$READ_TOKEN" --tls-ca-file "$C/rogue-ca.pem" entities search --query Togo &&
    code_of UNAVAILABLE "${TLS_CTL[@]}" --token "$READ_TOKEN" --tls-ca-file "$C/dev-ca.pem" entities search --query Togo
}
check "a rotated certificate is served without a restart" rotated

# Token rotation: the tokens file is replaced (as a Secret update does); within seconds the
# new read token works and the old one no longer does, without a restart.
rotated_tokens() {
  local new_token; new_token=$(openssl rand -hex 24)
  printf 'ingest %s\nread %s\n' "$INGEST_TOKEN" "$new_token" >"$WORK/tokens.next" && mv "$WORK/tokens.next" "$WORK/tokens"
  for _ in $(seq 1 20); do "${PLAIN_CTL[@]}" --token "$new_token" stats >/dev/null 2>&1 && break; sleep 0.25; done
  "${PLAIN_CTL[@]}" --token "$new_token" stats && code_of UNAUTHENTICATED "${PLAIN_CTL[@]}" --token "$READ_TOKEN" stats &&
    grep -q '"event":"tokens_reloaded"' "$WORK/query.log"
}
check "a rotated tokens file is used without a restart" rotated_tokens

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
  for log in query ingest tls-query tls-ingest; do grep -q '"event":"stopped"' "$WORK/$log.log" || return 1; done
}
check "SIGTERM drains and both services exit 0" graceful_stop
watch_ended() { wait "$WATCHER"; cat "$WORK/watch-at-stop.out"; grep -q "UNAVAILABLE: this server is shutting down" "$WORK/watch-at-stop.out"; }
check "an open watch ends with UNAVAILABLE and where to resume" watch_ended

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
