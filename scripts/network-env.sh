#!/usr/bin/env bash
# shellcheck disable=SC2034 # the variables are for the scripts that source this
# Shared facts about the Deuro network on one machine: where things live, which
# nodes exist and which port each one uses. Sourced by every network script.
#
#   DEURO_RUN_DIR     run directory for crypto, configs, ledgers, logs, pids
#                     (default: .deuro/network in the repository)
#   DEURO_PORT_BASE   first port of the block of ports the network uses
#                     (default 7000; a test network uses another base)
#   DEURO_CONSENSUS   bft (default) or raft, fixed when the channel is created
#
# The port base and consensus are written to ${DEURO_RUN_DIR}/network.env on
# the first `up`, because the channel configuration records the addresses:
# later runs read them from there.

DEURO_REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEURO_RUN_DIR="${DEURO_RUN_DIR:-${DEURO_REPO}/.deuro/network}"
DEURO_CHANNEL="deuro"
DEURO_CHAINCODE="deuro"

if [ -f "${DEURO_RUN_DIR}/network.env" ]; then
  # shellcheck source=/dev/null
  . "${DEURO_RUN_DIR}/network.env"
fi
DEURO_PORT_BASE="${DEURO_PORT_BASE:-7000}"
DEURO_CONSENSUS="${DEURO_CONSENSUS:-bft}"

CRYPTO_DIR="${DEURO_RUN_DIR}/crypto"
CONFIG_DIR="${DEURO_RUN_DIR}/config"
DATA_DIR="${DEURO_RUN_DIR}/data"
LOG_DIR="${DEURO_RUN_DIR}/logs"
PID_DIR="${DEURO_RUN_DIR}/pids"
CHANNEL_BLOCK="${DEURO_RUN_DIR}/channel/${DEURO_CHANNEL}.block"

ORDERERS=(orderer1 orderer2 orderer3 orderer4)
PEER_ORGS=(org1 org2)
PEERS=(peer0.org1 peer1.org1 peer0.org2 peer1.org2)
CHAINCODE_SERVICES=(chaincode.org1 chaincode.org2)
GATEWAYS=(gateway.org1 gateway.org2)

ORDERER_DOMAIN="orderer.deuro.local"
ORDERER_ORG_DIR="${CRYPTO_DIR}/ordererOrganizations/${ORDERER_DOMAIN}"

# Port layout from the base B:
#   orderer n    B+100+n (client and cluster), admin B+110+n, operations B+120+n
#   peer p of org o   B+200+20(o-1)+5p (peer), +1 (chaincode), +2 (operations)
#   chaincode service of org o   B+300+10(o-1)
#   gateway of org o             B+400+10(o-1) (HTTP), +1 (HTTPS with client certificates)
ordererIndex() { echo "${1#orderer}"; }
ordererPort() { echo $((DEURO_PORT_BASE + 100 + $(ordererIndex "$1"))); }
ordererAdminPort() { echo $((DEURO_PORT_BASE + 110 + $(ordererIndex "$1"))); }
ordererOpsPort() { echo $((DEURO_PORT_BASE + 120 + $(ordererIndex "$1"))); }

# peer0.org1 -> "0 1"
peerIndices() {
  local peer="${1%%.*}" org="${1#*.}"
  echo "${peer#peer} ${org#org}"
}
peerPortBase() {
  local p o
  read -r p o <<<"$(peerIndices "$1")"
  echo $((DEURO_PORT_BASE + 200 + 20 * (o - 1) + 5 * p))
}
peerPort() { peerPortBase "$1"; }
peerChaincodePort() { echo $(($(peerPortBase "$1") + 1)); }
peerOpsPort() { echo $(($(peerPortBase "$1") + 2)); }
chaincodeServicePort() { echo $((DEURO_PORT_BASE + 300 + 10 * (${1#org} - 1))); }
gatewayPort() { echo $((DEURO_PORT_BASE + 400 + 10 * (${1#org} - 1))); }
gatewayTlsPort() { echo $(($(gatewayPort "$1") + 1)); }
gatewayDataDir() { echo "${DEURO_RUN_DIR}/gateway-${1}"; }

orgOfPeer() { echo "${1#*.}"; }
orgMspId() { echo "Org${1#org}MSP"; }
orgDomain() { echo "${1}.deuro.local"; }
orgDir() { echo "${CRYPTO_DIR}/peerOrganizations/$(orgDomain "$1")"; }
orgAdminMsp() { echo "$(orgDir "$1")/users/Admin@$(orgDomain "$1")/msp"; }
orgTlsCa() { echo "$(orgDir "$1")/tlsca/tlsca.$(orgDomain "$1")-cert.pem"; }
peerDir() { echo "$(orgDir "$(orgOfPeer "$1")")/peers/${1}.deuro.local"; }
ordererDir() { echo "${ORDERER_ORG_DIR}/orderers/${1}.${ORDERER_DOMAIN}"; }
ordererTlsCa() { echo "${ORDERER_ORG_DIR}/tlsca/tlsca.${ORDERER_DOMAIN}-cert.pem"; }
ordererAdminTlsDir() { echo "${ORDERER_ORG_DIR}/users/Admin@${ORDERER_DOMAIN}/tls"; }

nodeKind() {
  case "$1" in
  orderer[1-4]) echo orderer ;;
  peer[01].org[12]) echo peer ;;
  chaincode.org[12]) echo chaincode ;;
  gateway.org[12]) echo gateway ;;
  *) echo unknown ;;
  esac
}

# Every port a node listens on.
nodePorts() {
  case "$(nodeKind "$1")" in
  orderer) echo "$(ordererPort "$1") $(ordererAdminPort "$1") $(ordererOpsPort "$1")" ;;
  peer) echo "$(peerPort "$1") $(peerChaincodePort "$1") $(peerOpsPort "$1")" ;;
  chaincode) chaincodeServicePort "${1#chaincode.}" ;;
  gateway) gatewayPort "${1#gateway.}" ;;
  esac
}

nodeOpsPort() {
  case "$(nodeKind "$1")" in
  orderer) ordererOpsPort "$1" ;;
  peer) peerOpsPort "$1" ;;
  gateway) gatewayPort "${1#gateway.}" ;;
  *) echo "" ;;
  esac
}

pidFile() { echo "${PID_DIR}/${1}.pid"; }
logFile() { echo "${LOG_DIR}/${1}.log"; }

# Prints the pid of a running node, or nothing.
runningPid() {
  local file pid
  file="$(pidFile "$1")"
  [ -f "${file}" ] || return 0
  pid="$(cat "${file}")"
  # A killed node whose parent does not reap it stays a zombie: it answers kill -0 but is gone.
  if [ -n "${pid}" ] && kill -0 "${pid}" 2>/dev/null &&
    [ "$(sed 's/.*) //' "/proc/${pid}/stat" 2>/dev/null | cut -d' ' -f1)" != Z ]; then
    echo "${pid}"
  fi
}

# Runs a command until it succeeds: at most ATTEMPTS times, DELAY seconds apart.
retry() {
  local attempts="$1" delay="$2" attempt
  shift 2
  for ((attempt = 1; ; attempt++)); do
    "$@" && return 0
    [ "${attempt}" -lt "${attempts}" ] || return 1
    sleep "${delay}"
  done
}

# Runs the peer CLI (on PATH) as the admin of a peer's organization, against
# that peer.
peerAsAdmin() {
  local peer="$1" org
  shift
  org="$(orgOfPeer "${peer}")"
  env CORE_PEER_TLS_ENABLED=true \
    CORE_PEER_LOCALMSPID="$(orgMspId "${org}")" \
    CORE_PEER_MSPCONFIGPATH="$(orgAdminMsp "${org}")" \
    CORE_PEER_TLS_ROOTCERT_FILE="$(orgTlsCa "${org}")" \
    CORE_PEER_ADDRESS="127.0.0.1:$(peerPort "${peer}")" \
    FABRIC_LOGGING_SPEC=error \
    peer "$@"
}

fabricBinDir() { "${DEURO_REPO}/scripts/fabric-binaries.sh" --path; }
