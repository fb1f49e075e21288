#!/usr/bin/env bash
# End-to-end ingest throughput (issue 10): a private PostgreSQL, one dossier-ingest process,
# and ingest_load sending generated articles at each concurrency (a fresh corpus seed per
# run, so nothing is a duplicate). Everything shares the machine.
#
#   bench/load/ingest.sh                         ARTICLES=2000 CONCURRENCY="2 4" RUNS=3
#
# Needs a build (scripts/build.sh). Prints one line per run; nothing is kept.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-$ROOT/build}
ARTICLES=${ARTICLES:-2000}
CONCURRENCIES=(${CONCURRENCY:-2 4})
RUNS=${RUNS:-3}
POOL_SIZE=$(printf "%s\n" "${CONCURRENCIES[@]}" | sort -n | tail -1)

work=$(mktemp -d /tmp/dossier-ingest-XXXXXX)
chmod 755 "$work"
url=$("$ROOT/scripts/pg.sh" start "$work/pg")
ingest_pid=""
trap '[[ -n $ingest_pid ]] && kill $ingest_pid 2>/dev/null; "$ROOT/scripts/pg.sh" stop "$work/pg" >/dev/null 2>&1; rm -rf "$work"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$BUILD/ingest-service/dossier-ingest" --database-url "$url" --listen "127.0.0.1:$port" --db-pool-size "$POOL_SIZE" \
  --log-level info --log-format text --allow-unauthenticated --metrics-listen "" >"$work/ingest.log" 2>&1 &
ingest_pid=$!
for _ in $(seq 1 60); do
  grep -q "event=serving" "$work/ingest.log" && break
  sleep 0.5
done
grep -q "event=serving" "$work/ingest.log" || { echo "dossier-ingest did not start:" >&2; cat "$work/ingest.log" >&2; exit 1; }
grep -o "event=models_loaded.*" "$work/ingest.log" || true
seed=1
for concurrency in "${CONCURRENCIES[@]}"; do
  for _ in $(seq 1 "$RUNS"); do
    "$BUILD/bench/ingest_load" --target "127.0.0.1:$port" --articles "$ARTICLES" --concurrency "$concurrency" \
      --seed "$seed"
    seed=$((seed + 1))
  done
done
