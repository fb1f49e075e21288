#!/usr/bin/env bash
# The sanitizer and fuzzing pass: builds with clang, AddressSanitizer and
# UndefinedBehaviorSanitizer into build-sanitize/, runs the unit and integration tests there,
# then every libFuzzer target: first over its kept inputs (fuzz/corpus/NAME: seeds and the
# crashes found before, kept as regression inputs), then for FUZZ_SECONDS (default 20) of
# new inputs. A crash is written to fuzz/corpus/NAME/ so it is kept once committed, and fails
# the run.
#   scripts/sanitize.sh              tests and fuzzing (20 s per target)
#   FUZZ_SECONDS=600 scripts/sanitize.sh fuzz     fuzzing only, ten minutes per target
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}
FUZZ_SECONDS=${FUZZ_SECONDS:-20}
BUILD=build-sanitize

cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DDOSSIER_SANITIZE=ON -DDOSSIER_FUZZ=ON >/dev/null
FUZZERS=(html_normalizer plain_text dates page_token)
targets=("${FUZZERS[@]/%/_fuzz}")
[[ $what == fuzz ]] || targets+=(unit_tests common_db_test ingest_service_test query_service_test)
ninja -C "$BUILD" "${targets[@]}"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export LSAN_OPTIONS=suppressions=$PWD/tests/lsan-suppressions.txt
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
if [[ $what != fuzz ]]; then
  ctest --test-dir "$BUILD" --output-on-failure -j 2 -L '^(unit|integration)$'
fi

for name in "${FUZZERS[@]}"; do
  corpus=fuzz/corpus/$name
  mkdir -p "$corpus"
  echo "sanitize: fuzzing $name for ${FUZZ_SECONDS}s (kept inputs: $(find "$corpus" -type f | wc -l))"
  # New inputs go to a scratch folder; crashes to the kept corpus.
  scratch=$(mktemp -d)
  status=0
  "$BUILD/fuzz/${name}_fuzz" "$scratch" "$corpus" -max_total_time="$FUZZ_SECONDS" -timeout=10 \
    -rss_limit_mb=4096 -max_len=262144 -artifact_prefix="$corpus/crash-" -print_final_stats=1 \
    >"$scratch.log" 2>&1 || status=$?
  tail -n 12 "$scratch.log"
  rm -rf "$scratch" "$scratch.log"
  if ((status != 0)); then
    echo "sanitize: $name failed; the input is kept in $corpus" >&2
    exit 1
  fi
done
