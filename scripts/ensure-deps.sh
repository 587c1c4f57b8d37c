#!/usr/bin/env bash
# Installs what the two commands need and a fresh machine may lack:
#   - Debian packages (curl, openssl, shellcheck, ...) through apt-get
#   - the npm packages of package-lock.json (npm ci), when they changed
# The Fabric binaries are built separately (scripts/fabric-binaries.sh).
#
#   scripts/ensure-deps.sh [--dev]    --dev adds what `npm test` needs
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "${SCRIPT_DIR}/.." && pwd)"
# shellcheck source=scripts/log.sh
. "${SCRIPT_DIR}/log.sh"

# command -> Debian package (read through a name reference)
# shellcheck disable=SC2034
declare -A RUNTIME_PACKAGES=([curl]=curl [openssl]=openssl [tar]=tar [gzip]=gzip [setsid]=util-linux)
# shellcheck disable=SC2034
declare -A DEV_PACKAGES=([shellcheck]=shellcheck [sphinx_fe]=sphinxbase-utils [espeak-ng]=espeak-ng [sox]=sox
  [praat]=praat [pocketsphinx_continuous]=pocketsphinx)
# Python module (of Debian's /usr/bin/python3) -> Debian package: the references the tests compare with
# shellcheck disable=SC2034
declare -A DEV_PYTHON_MODULES=([cv2]=python3-opencv [skimage]=python3-skimage [sklearn]=python3-sklearn
  [optuna]=python3-optuna [onnx]=python3-onnx)
# data file -> Debian package: the acoustic model and dictionary the speech aligner reads
# shellcheck disable=SC2034
declare -A RUNTIME_DATA_FILES=([/usr/share/pocketsphinx/model/en-us/en-us/mdef]=pocketsphinx-en-us)

aptInstall() {
  local -a runner=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || fatalln "missing Debian packages $*; install them as root: apt-get install $*"
    runner=(sudo)
  fi
  infoln "installing Debian packages: $*"
  export DEBIAN_FRONTEND=noninteractive
  # Package lists may be missing or stale on a fresh machine.
  "${runner[@]}" apt-get update -q >/dev/null || fatalln "apt-get update failed"
  "${runner[@]}" apt-get install -y -q --no-install-recommends "$@" >/dev/null ||
    fatalln "apt-get install $* failed"
}

ensureDebianPackages() {
  local -n wanted="$1"
  local command
  local -a missing=()
  for command in "${!wanted[@]}"; do
    command -v "${command}" >/dev/null 2>&1 || missing+=("${wanted[${command}]}")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    aptInstall "${missing[@]}"
  fi
}

ensureDebianPythonModules() {
  local -n wanted="$1"
  local module
  local -a missing=()
  for module in "${!wanted[@]}"; do
    [ -x /usr/bin/python3 ] && /usr/bin/python3 -c "import ${module}" >/dev/null 2>&1 || missing+=("${wanted[${module}]}")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    aptInstall "${missing[@]}"
  fi
}

ensureDebianDataFiles() {
  local -n wanted="$1"
  local file
  local -a missing=()
  for file in "${!wanted[@]}"; do
    [ -e "${file}" ] || missing+=("${wanted[${file}]}")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    aptInstall "${missing[@]}"
  fi
}

ensureGo() {
  if command -v go >/dev/null 2>&1 || [ -x /usr/local/go/bin/go ]; then
    return
  fi
  fatalln "no Go toolchain (go on PATH or /usr/local/go/bin/go): Fabric's binaries are built from its Go module and need Go 1.24 or later"
}

# npm ci when node_modules is missing or was installed from another lock file.
ensureNodeModules() {
  local stamp="${REPO}/node_modules/.deuro-lock.sha256" wanted
  wanted="$(sha256sum "${REPO}/package-lock.json" | cut -d' ' -f1)"
  if [ -f "${stamp}" ] && [ "$(cat "${stamp}")" = "${wanted}" ]; then
    return
  fi
  infoln "installing npm packages (npm ci)"
  (cd "${REPO}" && npm ci --no-audit --no-fund --loglevel=error) || fatalln "npm ci failed"
  echo "${wanted}" >"${stamp}"
}

main() {
  ensureDebianPackages RUNTIME_PACKAGES
  ensureDebianDataFiles RUNTIME_DATA_FILES
  if [ "${1:-}" = "--dev" ]; then
    ensureDebianPackages DEV_PACKAGES
    ensureDebianPythonModules DEV_PYTHON_MODULES
  fi
  ensureGo
  ensureNodeModules
}

main "$@"
