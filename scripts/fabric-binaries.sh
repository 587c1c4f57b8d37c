#!/usr/bin/env bash
# Builds the pinned Fabric release's binaries from Fabric's Go module with the
# machine's Go toolchain, into a cache outside git, and prints the bin folder.
#
#   scripts/fabric-binaries.sh          build what is missing, print the bin dir
#   scripts/fabric-binaries.sh --path   print the bin dir only (no build)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/fabric-version.sh
. "${SCRIPT_DIR}/fabric-version.sh"
# shellcheck source=scripts/log.sh
. "${SCRIPT_DIR}/log.sh"

FABRIC_TOOLS=(peer orderer osnadmin configtxgen configtxlator cryptogen discover)

# Go and the cache both need a home directory, which a bare CI environment may not set.
export HOME="${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}"

binDir() {
  local cache="${XDG_CACHE_HOME:-${HOME}/.cache}"
  echo "${DEURO_FABRIC_CACHE:-${cache}/deuro/fabric}/v${FABRIC_VERSION}-${FABRIC_COMMIT:0:12}/bin"
}

findGo() {
  if command -v go >/dev/null 2>&1; then
    command -v go
  elif [ -x /usr/local/go/bin/go ]; then
    echo /usr/local/go/bin/go
  else
    fatalln "no Go toolchain found (looked on PATH and in /usr/local/go/bin); Fabric ${FABRIC_VERSION} needs Go to build"
  fi
}

missingTools() {
  local bin="$1" tool
  for tool in "${FABRIC_TOOLS[@]}"; do
    [ -x "${bin}/${tool}" ] || echo "${tool}"
  done
}

# `go install pkg@version` would also fetch the module's version list to check
# for deprecation, which the module proxy here refuses; a throwaway main module
# that requires the pinned version builds the same packages with the same
# dependency versions (Fabric's go.mod lists its full module graph).
buildTools() {
  local bin go ldflags work started tool
  local -a missing packages
  bin="$(binDir)"
  mapfile -t missing < <(missingTools "${bin}")
  if [ "${#missing[@]}" -eq 0 ]; then
    return
  fi
  go="$(findGo)"
  mkdir -p "${bin}"
  work="$(mktemp -d "${bin}/../build.XXXXXX")"
  printf 'module deuro.local/fabric-build\n\ngo 1.24\n\nrequire %s %s\n' \
    "${FABRIC_MODULE}" "${FABRIC_MODULE_VERSION}" >"${work}/go.mod"
  for tool in "${missing[@]}"; do
    packages+=("${FABRIC_MODULE}/cmd/${tool}")
  done
  ldflags="-X ${FABRIC_MODULE}/common/metadata.Version=${FABRIC_VERSION}"
  ldflags+=" -X ${FABRIC_MODULE}/common/metadata.CommitSHA=${FABRIC_COMMIT:0:9}"
  started=${SECONDS}
  infoln "building Fabric ${FABRIC_VERSION} (${FABRIC_COMMIT:0:9}) ${missing[*]} with $("${go}" version | cut -d' ' -f3); a first build takes several minutes"
  # Binaries land in the work dir first and move into place only when all
  # built, so an interrupted build never leaves a half-written cached binary.
  if ! (cd "${work}" && GOFLAGS="-mod=mod -buildvcs=false" "${go}" build -v -trimpath \
    -ldflags "${ldflags}" -o "${work}/out/" "${packages[@]}" 2>&1 |
    awk '/^github.com\/hyperledger\/fabric\/cmd\// { print "[deuro]   built package " $0; fflush() } /^go: |: / { print; fflush() }' >&2); then
    rm -rf "${work}"
    fatalln "building Fabric from ${FABRIC_MODULE}@${FABRIC_MODULE_VERSION} failed (is the Go module proxy reachable?)"
  fi
  for tool in "${missing[@]}"; do
    [ -x "${work}/out/${tool}" ] || fatalln "the Fabric build produced no ${tool} binary"
    mv "${work}/out/${tool}" "${bin}/${tool}"
  done
  rm -rf "${work}"
  successln "built Fabric ${FABRIC_VERSION} in $((SECONDS - started))s into ${bin}"
}

main() {
  if [ "${1:-}" = "--path" ]; then
    binDir
    return
  fi
  buildTools >&2
  binDir
}

main "$@"
