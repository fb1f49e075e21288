#!/usr/bin/env bash
# Static checks of deploy/Dockerfile, for machines without a Docker engine (CI):
#   - every COPY source from the build context exists and is not excluded by .dockerignore
#     patterns we know (build trees);
#   - the build stage installs with scripts/install-deps.sh, the README's dependency script;
#   - every binary the runtime stage copies or runs is an executable target the build makes,
#     at the path CMake puts it;
#   - every runtime package exists in this machine's Debian archive (apt-cache), and with a
#     local build every shared library the binaries link is brought by one of them;
#   - base images are pinned to a Debian release (no "latest"), and the image runs as non-root.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dockerfile=deploy/Dockerfile
fail() { echo "dockerfile check: FAIL: $*" >&2; exit 1; }
[[ -f $dockerfile ]] || fail "no $dockerfile"

grep -q 'scripts/install-deps.sh' README.md || fail "README no longer names scripts/install-deps.sh"
grep -Eq '^RUN scripts/install-deps.sh' "$dockerfile" || fail "the build stage does not run scripts/install-deps.sh"

while read -r image; do
  [[ $image == debian:bookworm* ]] || fail "base image $image is not a pinned Debian bookworm image"
  [[ $image != *:latest ]] || fail "base image $image uses latest"
done < <(awk '/^FROM /{print $2}' "$dockerfile")

# COPY sources from the context (not --from=stage).
while read -r line; do
  read -ra words <<<"$line"
  sources=("${words[@]:1:${#words[@]}-2}")
  for source in "${sources[@]}"; do
    [[ $source == . ]] && continue
    [[ -e $source ]] || fail "COPY source $source does not exist"
    case $source in build/* | build-sanitize/* | .git/*) fail "COPY source $source is excluded by .dockerignore" ;; esac
  done
done < <(grep -E '^COPY ' "$dockerfile" | grep -v -- '--from=')

# Binaries: every /src/build/... path copied from the build stage is an executable target of
# ours, built by the build stage's ninja line, and the entrypoint is one of the copied ones.
built=$(grep -E 'ninja -C build' "$dockerfile")
installed=()
while read -r source destination; do
  target=$(basename "$source")
  directory=$(dirname "${source#/src/build/}")
  grep -Eq "add_executable\\($target( |\$)" "$directory/CMakeLists.txt" ||
    fail "$source: $directory/CMakeLists.txt makes no executable $target"
  [[ $built == *" $target"* ]] || fail "$target is copied but the build stage does not build it"
  installed+=("$destination")
done < <(grep -E '^COPY --from=build ' "$dockerfile" | awk '{print $3, $4}')
entrypoint=$(sed -nE 's/^ENTRYPOINT \["([^"]+)".*/\1/p' "$dockerfile")
[[ " ${installed[*]} " == *" $entrypoint "* ]] || fail "ENTRYPOINT $entrypoint is not a binary the image holds"

# Every binary of ours the manifests run (an absolute path; probes run other images' tools)
# is in the image.
while read -r command; do
  [[ " ${installed[*]} " == *" $command "* ]] || fail "k8s runs $command, which the image does not hold"
done < <(grep -rhoE 'command: \["/[^"]+"' k8s | sed -E 's/command: \["//; s/"$//' | sort -u)

# Runtime packages: known to apt on this (bookworm) machine.
packages=$(awk '/^FROM .* AS runtime/{runtime=1} runtime' "$dockerfile" |
  sed -n '/apt-get install/,/rm -rf/p' | tr ' \\' '\n\n' | grep -E '^[a-z0-9][a-z0-9.+-]+$' |
  grep -vE '^(apt-get|install|rm|y|qq|update|DEBIAN_FRONTEND|env)$' || true)
[[ -n $packages ]] || fail "found no runtime packages"
if command -v apt-cache >/dev/null; then
  for package in $packages; do
    # Installed (the -dev packages pull them in) or at least known to apt's lists.
    dpkg-query -W "$package" >/dev/null 2>&1 || apt-cache show "$package" >/dev/null 2>&1 ||
      fail "runtime package $package is not in the Debian archive"
  done
fi

# With a local build (BUILD, default build/): every shared library the binaries link comes from
# a runtime package, a package those depend on, or the slim base's own (libc, libstdc++).
build_dir=${BUILD:-build}
if [[ -x $build_dir/ingest-service/dossier-ingest ]] && command -v apt-cache >/dev/null; then
  # shellcheck disable=SC2086
  provided=" libc6 libstdc++6 libgcc-s1 zlib1g $(apt-cache depends --recurse --no-recommends --no-suggests \
    --no-conflicts --no-breaks --no-replaces --no-enhances $packages 2>/dev/null | grep -vE '^ |<' | sort -u | tr '\n' ' ') "
  libraries=$(for binary in ingest-service/dossier-ingest query-service/dossier-query tools/dossierctl/dossierctl; do
    ldd "$build_dir/$binary" | awk '$3 ~ /^\// {print $3}'
  done | xargs readlink -f | sort -u)
  # shellcheck disable=SC2086
  while read -r line; do
    package=${line%%:*} library=${line##* }
    [[ $provided == *" $package "* ]] || fail "the binaries link $library from $package, which no runtime package brings"
  done < <(dpkg -S $libraries 2>/dev/null | grep -v '^diversion')
fi

grep -Eq '^USER [1-9][0-9]*' "$dockerfile" || fail "the image does not run as a numeric non-root user"
[[ -f .dockerignore ]] || fail "no .dockerignore"
grep -qx 'build' .dockerignore || fail ".dockerignore does not exclude build/"
echo "dockerfile check: ok ($(wc -w <<<"$packages") runtime packages, ${#installed[@]} binaries)"
