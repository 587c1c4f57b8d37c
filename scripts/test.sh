#!/usr/bin/env bash
# `npm test`: installs what is missing, then lint (ESLint, Prettier and
# ShellCheck), type checks, the build, and one node:test run of the unit tests
# and the integration tests (which start their own network and stop it).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "${SCRIPT_DIR}/.." && pwd)"
# shellcheck source=scripts/log.sh
. "${SCRIPT_DIR}/log.sh"

cd "${REPO}"
"${SCRIPT_DIR}/ensure-deps.sh" --dev
# Built before the tests so that a first build's minutes are not a test's.
"${SCRIPT_DIR}/fabric-binaries.sh" >/dev/null

infoln "lint: eslint, prettier, shellcheck"
npm run --silent lint
shellcheck -x scripts/*.sh scripts/reference/*.sh network/builders/*/bin/* .ci/run

infoln "type checks"
npm run --silent typecheck

infoln "build"
npm run --silent build

infoln "tests: unit and integration (node:test)"
mapfile -t unit_tests < <(find chaincode/src gateway/src bench -name '*.test.ts' | sort)
mapfile -t integration_tests < <(find test -maxdepth 1 -name '*.test.ts' | sort)
exec node --import tsx --test "${unit_tests[@]}" "${integration_tests[@]}"
