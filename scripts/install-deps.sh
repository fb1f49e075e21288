#!/usr/bin/env bash
# Installs every Debian bookworm package Dossier needs to build, test and run the demo.
# Idempotent: packages already present are skipped by apt. Works as root or through sudo.
set -euo pipefail

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build ccache pkg-config clang-format git
  # gRPC + protobuf (C++ runtime, codegen, health.proto for reflection)
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler grpc-proto libabsl-dev
  # storage
  libpqxx-dev postgresql postgresql-contrib
  # text processing
  libicu-dev libre2-dev libxml2-dev zlib1g-dev libcld2-dev iso-codes
  # utilities; Prometheus metrics
  nlohmann-json3-dev libspdlog-dev libfmt-dev libcli11-dev prometheus-cpp-dev
  # tokens and test certificates (openssl), reading the metrics endpoint (curl)
  openssl curl
  # tests and benchmarks; clang and its runtime for the sanitizer build and the fuzzers
  libgtest-dev libgmock-dev libbenchmark-dev clang libclang-rt-14-dev
  # second-language e2e client
  python3 python3-grpcio python3-grpc-tools python3-protobuf
)
# buf (proto lint) comes from npm; machines that already have Node.js keep theirs.
command -v npm >/dev/null 2>&1 || PACKAGES+=(nodejs npm)

if [[ $(id -u) -eq 0 ]]; then SUDO=(); else SUDO=(sudo); fi

missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
