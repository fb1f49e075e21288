#!/usr/bin/env bash
# The one test command: installs dependencies, builds, lints, runs every test suite.
#   scripts/test.sh            all suites (unit, integration, e2e), then the sanitizer and
#                              fuzzing pass (scripts/sanitize.sh: clang, ASan + UBSan)
#   scripts/test.sh unit       only one ctest label: unit, integration or e2e
# Integration and e2e tests start their own private PostgreSQL (scripts/pg.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
scripts/build.sh
scripts/lint.sh
label=${1:-}
ctest --test-dir build --output-on-failure -j 2 ${label:+-L "^${label}\$"}
[[ -n $label ]] || scripts/sanitize.sh
