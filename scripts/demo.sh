#!/usr/bin/env bash
# The one demo command: installs dependencies, builds, starts a private PostgreSQL and both
# services, ingests examples/, prints a few queries and how to explore further.
#   scripts/demo.sh          start (leaves the services running)
#   scripts/demo.sh stop     stop the services and the database
# State lives in .demo/ (database, logs, pids).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEMO="$ROOT/.demo"
CTL=("$ROOT/build/tools/dossierctl/dossierctl")

stop() {
  for name in query ingest; do
    if [[ -f "$DEMO/$name.pid" ]]; then
      kill "$(cat "$DEMO/$name.pid")" 2>/dev/null || true
      rm -f "$DEMO/$name.pid"
    fi
  done
  [[ -d "$DEMO/pg" ]] && "$ROOT/scripts/pg.sh" stop "$DEMO/pg"
  echo "demo stopped (data kept in $DEMO; delete it to start from scratch)"
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

show() {  # show COMMAND...: print a dossierctl command, then run it
  printf '\n$ dossierctl %s\n' "$*"
  "${CTL[@]}" "$@"
}

if [[ ${1:-} == stop ]]; then stop; exit 0; fi

step "Installing dependencies (Debian packages)"
"$ROOT/scripts/install-deps.sh"
step "Building"
"$ROOT/scripts/build.sh" | tail -1

step "Starting a private PostgreSQL in .demo/pg"
mkdir -p "$DEMO" && chmod 755 "$DEMO"
[[ -f "$DEMO/query.pid" || -f "$DEMO/ingest.pid" ]] && stop >/dev/null
export DOSSIER_DATABASE_URL
DOSSIER_DATABASE_URL=$("$ROOT/scripts/pg.sh" start "$DEMO/pg")
echo "$DOSSIER_DATABASE_URL"

INGEST_PORT=${DOSSIER_DEMO_INGEST_PORT:-50051}
QUERY_PORT=${DOSSIER_DEMO_QUERY_PORT:-50052}
INGEST_METRICS_PORT=${DOSSIER_DEMO_INGEST_METRICS_PORT:-9464}
QUERY_METRICS_PORT=${DOSSIER_DEMO_QUERY_METRICS_PORT:-9465}
for port in "$INGEST_PORT" "$QUERY_PORT" "$INGEST_METRICS_PORT" "$QUERY_METRICS_PORT"; do
  port_free "$port" || {
    echo "port $port is taken; set DOSSIER_DEMO_{INGEST,QUERY}_PORT or DOSSIER_DEMO_{INGEST,QUERY}_METRICS_PORT" >&2
    exit 1
  }
done
# Ingest always asks for a bearer token; the demo makes one. Queries stay open (no read
# token in the file), so grpcurl works without one.
if [[ ! -s "$DEMO/tokens" ]]; then
  (umask 077 && printf 'ingest %s\n' "$(openssl rand -hex 32)" >"$DEMO/tokens")
fi
step "Starting dossier-ingest on :$INGEST_PORT and dossier-query on :$QUERY_PORT (JSON logs in .demo/)"
nohup "$ROOT/build/ingest-service/dossier-ingest" --listen "127.0.0.1:$INGEST_PORT" --tokens-file "$DEMO/tokens" \
  --metrics-listen "127.0.0.1:$INGEST_METRICS_PORT" >"$DEMO/ingest.log" 2>&1 &
echo $! >"$DEMO/ingest.pid"
nohup "$ROOT/build/query-service/dossier-query" --listen "127.0.0.1:$QUERY_PORT" \
  --metrics-listen "127.0.0.1:$QUERY_METRICS_PORT" >"$DEMO/query.log" 2>&1 &
echo $! >"$DEMO/query.pid"
CTL+=(--ingest-address "127.0.0.1:$INGEST_PORT" --query-address "127.0.0.1:$QUERY_PORT"
  --token "$(awk '$1 == "ingest" {print $2; exit}' "$DEMO/tokens")")
for _ in $(seq 1 60); do "${CTL[@]}" health >/dev/null 2>&1 && break; sleep 0.5; done
show health

step "Ingesting the example articles"
show ingest "$ROOT/examples"
# Articles kept from an earlier demo run were extracted by an older engine: bring them up to date.
"${CTL[@]}" reprocess >/dev/null
show stats

step "A few questions"
show entities search kone
KONE=$("${CTL[@]}" --json entities search --query "Salif Kone" |
  /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["entities"][0]["id"])')
show entity get "$KONE"
show events list --entity "$KONE" --limit 5
show relations list --entity "$KONE"
show events list --type attack --type seize --type blockade --limit 5
NIAMEY=$("${CTL[@]}" --json entities search --query Niamey --type city |
  /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["entities"][0]["id"])')
show paths "$KONE" "$NIAMEY" --max-paths 2
show entity neighbors "$KONE" --depth 2 --max 12
show entity timeline "$KONE" --bucket week
show --json entities search --query Mali --type country

step "How the engine read the first sentence of an example (tagger and parser, CoNLL-U)"
show analyze "$ROOT/examples/02-cdf-attack-border-post.txt" --published 2025-03-12 --conllu |
  awk 'BEGIN { RS = ""; ORS = "\n\n" } NR == 1'

step "What the services measured (Prometheus, curl on the metrics ports)"
printf '\n$ curl -s http://127.0.0.1:%s/metrics | grep -E "^dossier_ingest_(articles|facts|rejected)"\n' "$INGEST_METRICS_PORT"
curl -s "http://127.0.0.1:$INGEST_METRICS_PORT/metrics" | grep -E "^dossier_ingest_(articles|facts|rejected)"
printf '\n$ curl -s http://127.0.0.1:%s/metrics | grep -E "^dossier_(rpc_requests_total|db_pool_connections)"\n' \
  "$QUERY_METRICS_PORT"
curl -s "http://127.0.0.1:$QUERY_METRICS_PORT/metrics" | grep -E "^dossier_(rpc_requests_total|db_pool_connections)"

cat <<MSG

== Both services are running.
   More:     build/tools/dossierctl/dossierctl --help   (article get ID --facts, articles search, mentions list, events watch, ...)
             build/tools/dossierctl/dossierctl analyze FILE   (the whole analysis: tokens, tags, tree, mentions, events)
   grpcurl:  grpcurl -plaintext 127.0.0.1:$QUERY_PORT list
             grpcurl -plaintext -d '{"query": "niger"}' 127.0.0.1:$QUERY_PORT dossier.v1.QueryService/SearchEntities
             grpcurl -plaintext -d '{"service": "dossier.v1.QueryService"}' 127.0.0.1:$QUERY_PORT grpc.health.v1.Health/Check
   Metrics:  curl http://127.0.0.1:$INGEST_METRICS_PORT/metrics   curl http://127.0.0.1:$QUERY_METRICS_PORT/metrics
   Ingest:   dossierctl asks for the token in .demo/tokens:
               build/tools/dossierctl/dossierctl --token \$(awk '{print \$2}' .demo/tokens) ingest FILE
   Python:   /usr/bin/python3 tests/e2e/reflection_client.py --address 127.0.0.1:$QUERY_PORT \\
               --call dossier.v1.QueryService/SearchEntities --request-json '{"query": "ghana"}'
   Stop:     scripts/demo.sh stop
MSG
