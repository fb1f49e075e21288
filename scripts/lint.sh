#!/usr/bin/env bash
# Style and contract checks: clang-format on our C++, buf lint on the protos (buf from npm,
# pinned in tools/lint), our policy checks on the rendered Kubernetes manifests, and static
# checks of the container image's Dockerfile.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "lint: clang-format"
git ls-files '*.cc' '*.h' | xargs clang-format --dry-run --Werror

echo "lint: buf lint"
if [[ ! -x tools/lint/node_modules/.bin/buf ]]; then
  # The exact version pinned in package.json; buf ships per-platform binaries as optional
  # packages, which npm ci mishandles, so no lock file.
  npm install --prefix tools/lint --no-package-lock --no-audit --no-fund --loglevel=error
fi
(cd proto && ../tools/lint/node_modules/.bin/buf lint)

echo "lint: kubernetes manifests"
if command -v kubectl >/dev/null; then
  for kustomization in k8s/base k8s/overlays/*; do k8s/check.sh "$kustomization"; done
else
  echo "lint: kubectl not installed, skipping k8s/check.sh"
fi

echo "lint: Dockerfile"
deploy/check-dockerfile.sh
