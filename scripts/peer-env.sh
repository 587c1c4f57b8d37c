#!/usr/bin/env bash
# Sets up the `peer` CLI as an organization's admin, against its peer0:
#
#   source scripts/peer-env.sh org1      (or org2)
#   peer chaincode query -C deuro -n deuro -c '{"Args":["Version"]}'
#
# Also exports ORDERER_ADDRESS and ORDERER_CA for commands that talk to the
# orderers (add: -o "$ORDERER_ADDRESS" --tls --cafile "$ORDERER_CA"), and
# PEER0_ORG1_ADDRESS, ORG1_TLS_CA, PEER0_ORG2_ADDRESS, ORG2_TLS_CA for
# invokes that collect endorsements from both organizations.
# Honors DEURO_RUN_DIR like the other scripts.

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  echo "source this script instead: source scripts/peer-env.sh org1" >&2
  exit 1
fi

deuroPeerEnv() {
  local org="${1:-}" bin
  case "${org}" in
  org1 | org2) ;;
  *)
    echo "usage: source scripts/peer-env.sh org1|org2" >&2
    return 1
    ;;
  esac
  # shellcheck source=scripts/network-env.sh
  . "$(dirname "${BASH_SOURCE[0]}")/network-env.sh"
  if [ ! -d "${CRYPTO_DIR}" ]; then
    echo "no network in ${DEURO_RUN_DIR}: run npm start (or scripts/network.sh up) first" >&2
    return 1
  fi
  bin="$("${DEURO_REPO}/scripts/fabric-binaries.sh" --path)"
  case ":${PATH}:" in
  *":${bin}:"*) ;;
  *) export PATH="${bin}:${PATH}" ;;
  esac
  export FABRIC_CFG_PATH="${CONFIG_DIR}"
  export FABRIC_LOGGING_SPEC="${FABRIC_LOGGING_SPEC:-grpc=error:chaincodeCmd,cli.lifecycle.chaincode=info:warning}"
  export CORE_PEER_TLS_ENABLED=true
  CORE_PEER_LOCALMSPID="$(orgMspId "${org}")"
  CORE_PEER_MSPCONFIGPATH="$(orgAdminMsp "${org}")"
  CORE_PEER_TLS_ROOTCERT_FILE="$(orgTlsCa "${org}")"
  CORE_PEER_ADDRESS="127.0.0.1:$(peerPort "peer0.${org}")"
  ORDERER_ADDRESS="127.0.0.1:$(ordererPort orderer1)"
  ORDERER_CA="$(ordererTlsCa)"
  export CORE_PEER_LOCALMSPID CORE_PEER_MSPCONFIGPATH CORE_PEER_TLS_ROOTCERT_FILE CORE_PEER_ADDRESS
  export ORDERER_ADDRESS ORDERER_CA
  PEER0_ORG1_ADDRESS="127.0.0.1:$(peerPort peer0.org1)"
  PEER0_ORG2_ADDRESS="127.0.0.1:$(peerPort peer0.org2)"
  ORG1_TLS_CA="$(orgTlsCa org1)"
  ORG2_TLS_CA="$(orgTlsCa org2)"
  export PEER0_ORG1_ADDRESS PEER0_ORG2_ADDRESS ORG1_TLS_CA ORG2_TLS_CA
  echo "peer CLI set up as the admin of ${CORE_PEER_LOCALMSPID} against ${CORE_PEER_ADDRESS}"
}

deuroPeerEnv "$@"
