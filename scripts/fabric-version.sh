#!/usr/bin/env bash
# The one place the Fabric release is pinned. Sourced by the other scripts.
#
# Fabric's Go module path has no major-version suffix, so its v3 tags are not
# valid module versions; the release commit is addressed by its canonical
# pseudo-version instead (base tag v1.4.0-rc1, the last v1 tag below it).
# v3.1.1 is the newest 3.1.x release the module proxy serves here: see
# docs/fabric-binaries.md for the v3.1.5 refusal.
# shellcheck disable=SC2034
FABRIC_VERSION="3.1.1"
FABRIC_COMMIT="435a7f1a780a128756fb2f72bf4cad164bf13fbb"
FABRIC_MODULE="github.com/hyperledger/fabric"
FABRIC_MODULE_VERSION="v1.4.0-rc1.0.20250510200036-435a7f1a780a"
