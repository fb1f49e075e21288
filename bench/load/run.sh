#!/usr/bin/env bash
# Load and scale benchmark of dossier-query (issue 4). For each store size: a fresh private
# PostgreSQL, migrated and filled by fill_store.sql, a dossier-query process, then
# query_load on each RPC at a fixed concurrency, and pgbench running the same SQL (printed
# by query_load from the repository's own statements) at the same concurrency.
#
#   bench/load/run.sh [EVENTS ...]          default: 10000 100000 1000000
#   CONCURRENCY="8 2" SECONDS_PER_RUN=20 bench/load/run.sh 1000000
#
# CONCURRENCY lists the calls in flight to measure at (default "8 2": throughput with
# calls queueing for the two cores, then latency with one call per core). The server runs
# with shared_buffers = 2 GB (PG_OPTIONS overrides), as one would size it for a 1.6 GB store.
#
# Needs a build (scripts/build.sh). Prints one line per measurement; nothing is kept.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-$ROOT/build}
CONCURRENCIES=(${CONCURRENCY:-8 2})
# One pooled connection per call in flight at the highest concurrency measured.
POOL_SIZE=$(printf "%s\n" "${CONCURRENCIES[@]}" | sort -n | tail -1)
export PG_OPTIONS=${PG_OPTIONS:--c shared_buffers=2GB}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-20}
SIZES=("$@")
[[ ${#SIZES[@]} -gt 0 ]] || SIZES=(10000 100000 1000000)
LOAD=("$BUILD/bench/query_load")
QUERY_BIN=$BUILD/query-service/dossier-query

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# pgbench_percentiles LOG_PREFIX: p50 and p99 in ms from pgbench's per-transaction logs
# (third column: latency in microseconds).
pgbench_percentiles() {
  cat "$1".* | awk '{print $3}' | sort -n | awk '{v[NR]=$1} END {
    p50 = v[int(NR * 0.50 + 0.999)]; p99 = v[int(NR * 0.99 + 0.999)];
    printf "p50_ms=%.2f p99_ms=%.2f", p50 / 1000, p99 / 1000 }'
}

for events in "${SIZES[@]}"; do
  work=$(mktemp -d /tmp/dossier-load-XXXXXX)
  chmod 755 "$work"
  url=$("$ROOT/scripts/pg.sh" start "$work/pg")
  query_pid=""
  trap '[[ -n $query_pid ]] && kill $query_pid 2>/dev/null; "$ROOT/scripts/pg.sh" stop "$work/pg" >/dev/null 2>&1; rm -rf "$work"' EXIT
  "$QUERY_BIN" --database-url "$url" --migrate-only >"$work/migrate.log" 2>&1
  fill_start=$(date +%s)
  psql -q "$url" -v events="$events" -f "$ROOT/bench/load/fill_store.sql" >"$work/fill.log"
  counts=$(psql -At "$url" -c "SELECT (SELECT count(*) FROM articles) || ' articles, ' ||
    (SELECT count(*) FROM entities) || ' entities, ' || (SELECT count(*) FROM events) || ' events, ' ||
    (SELECT count(*) FROM mentions) || ' mentions, ' || (SELECT count(*) FROM relationships) || ' relationships, ' ||
    pg_size_pretty(pg_database_size(current_database()))")
  echo "== store: $counts (filled in $(( $(date +%s) - fill_start )) s)"
  entities=$(psql -At "$url" -c "SELECT max(id) FROM entities")
  psql -At "$url" -c "SELECT lower(canonical_name) FROM entities ORDER BY random() LIMIT 2000" >"$work/names.txt"

  port=$(free_port)
  "$QUERY_BIN" --database-url "$url" --listen "127.0.0.1:$port" --db-pool-size "$POOL_SIZE" \
    --log-level warn --metrics-listen "" >"$work/query.log" 2>&1 &
  query_pid=$!
  for _ in $(seq 1 60); do
    "${LOAD[@]}" run --target "127.0.0.1:$port" --rpc get_entity --entities "$entities" --concurrency 1 \
      --seconds 0.2 --warmup-seconds 0 >/dev/null 2>&1 && break
    sleep 0.5
  done
  for concurrency in "${CONCURRENCIES[@]}"; do
    for rpc in get_entity list_events search_fuzzy find_paths; do
      echo -n "events=$events service "
      "${LOAD[@]}" run --target "127.0.0.1:$port" --rpc "$rpc" --entities "$entities" --names "$work/names.txt" \
        --concurrency "$concurrency" --seconds "$SECONDS_PER_RUN" || true
    done
  done
  kill "$query_pid"; wait "$query_pid" 2>/dev/null || true; query_pid=""
  for rpc in get_entity list_events; do
    "${LOAD[@]}" pgbench-script --database-url "$url" --rpc "$rpc" --entities "$entities" >"$work/$rpc.sql"
    for concurrency in "${CONCURRENCIES[@]}"; do
      # As the service's sessions are: no JIT for page-sized queries, read-only, a statement timeout.
      out=$(cd "$work" && PGOPTIONS="-c jit=off -c default_transaction_read_only=on -c statement_timeout=10000" \
        pgbench -n -M prepared -c "$concurrency" -j 2 -T "$SECONDS_PER_RUN" -l \
        --log-prefix "$work/pgb-$rpc-$concurrency" -f "$work/$rpc.sql" "$url" 2>&1)
      tps=$(grep -oP 'tps = \K[0-9.]+' <<<"$out" | head -1)
      echo "events=$events pgbench rpc=$rpc concurrency=$concurrency tps=${tps%.*}" \
        "$(pgbench_percentiles "$work/pgb-$rpc-$concurrency")"
    done
  done
  "$ROOT/scripts/pg.sh" stop "$work/pg" >/dev/null 2>&1
  rm -rf "$work"
  trap - EXIT
done
