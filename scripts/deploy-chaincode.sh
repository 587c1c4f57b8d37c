#!/usr/bin/env bash
# Deploys (or upgrades) the Deuro chaincode through the real Fabric lifecycle:
# package as a chaincode service (CCaaS) per organization, install on every
# peer, start the chaincode service processes (TLS, client auth), approve for
# both organizations, commit with the channel's Endorsement policy (a majority
# of organizations), and check that every peer answers.
#
# A new version (or changed code) upgrades with the next sequence and keeps all
# state; run again unchanged, it changes nothing and says so.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/log.sh
. "${SCRIPT_DIR}/log.sh"
# shellcheck source=scripts/network-env.sh
. "${SCRIPT_DIR}/network-env.sh"

ENDORSEMENT_POLICY="/Channel/Application/Endorsement"
COLLECTIONS_CONFIG="${DEURO_REPO}/network/collections.json"
CC_DIR="${DEURO_RUN_DIR}/chaincode"

printHelp() {
  cat <<EOF
Usage: scripts/deploy-chaincode.sh [--version VERSION] [--skip-build]

Deploys chaincode '${DEURO_CHAINCODE}' on channel '${DEURO_CHANNEL}' of the network in
${DEURO_RUN_DIR}. VERSION defaults to the version in chaincode/package.json.
EOF
}

# The first running orderer: approvals and commits go through it.
ordererAddress() {
  local orderer
  for orderer in "${ORDERERS[@]}"; do
    if [ -n "$(runningPid "${orderer}")" ]; then
      echo "127.0.0.1:$(ordererPort "${orderer}")"
      return
    fi
  done
  fatalln "no orderer is running: start the network with scripts/network.sh up"
}

requireNetwork() {
  local peer
  for peer in "${PEERS[@]}"; do
    [ -n "$(runningPid "${peer}")" ] || fatalln "${peer} is not running: start the network with scripts/network.sh up"
  done
}

buildChaincode() {
  infoln "building the chaincode (TypeScript)"
  (cd "${DEURO_REPO}" && npm run --silent build --workspace chaincode) >&2 || fatalln "the chaincode does not build"
}

# A digest of what the chaincode service runs and of its private data
# collections, so that a change of either gives a new package id (and a new
# definition) even when the version string stays the same.
codeDigest() {
  (cd "${DEURO_REPO}" && find chaincode/dist chaincode/package.json network/collections.json -type f -print0 |
    sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
}

jsonString() { node -e 'process.stdout.write(JSON.stringify(require("fs").readFileSync(process.argv[1], "utf8")))' "$1"; }

# Writes the CCaaS package of one organization and prints its path.
packageFor() {
  local org="$1" label="$2" digest="$3" work peer_tls
  work="${CC_DIR}/package-${org}"
  rm -rf "${work}"
  mkdir -p "${work}/code"
  peer_tls="$(peerDir "peer0.${org}")/tls"
  # The peers present their TLS identity to the service, which trusts only
  # the organization's TLS CA (client_auth_required).
  cat >"${work}/code/connection.json" <<EOF
{
  "address": "127.0.0.1:$(chaincodeServicePort "${org}")",
  "dial_timeout": "10s",
  "tls_required": true,
  "client_auth_required": true,
  "client_key": $(jsonString "${peer_tls}/server.key"),
  "client_cert": $(jsonString "${peer_tls}/server.crt"),
  "root_cert": $(jsonString "$(orgTlsCa "${org}")")
}
EOF
  echo "${digest}" >"${work}/code/code-digest"
  printf '{"type":"ccaas","label":"%s"}\n' "${label}" >"${work}/metadata.json"
  # Fixed order, owners and times: the same inputs give the same package id.
  local tar_opts=(--sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner)
  tar "${tar_opts[@]}" -C "${work}/code" -cf - connection.json code-digest | gzip -n >"${work}/code.tar.gz"
  tar "${tar_opts[@]}" -C "${work}" -cf - metadata.json code.tar.gz | gzip -n >"${CC_DIR}/${org}.tar.gz"
  rm -rf "${work}"
  echo "${CC_DIR}/${org}.tar.gz"
}

installOnPeers() {
  local org="$1" package="$2" package_id="$3" peer
  for peer in "${PEERS[@]}"; do
    [ "$(orgOfPeer "${peer}")" = "${org}" ] || continue
    if peerAsAdmin "${peer}" lifecycle chaincode queryinstalled -O json 2>/dev/null | grep -q "\"${package_id}\""; then
      continue
    fi
    infoln "installing ${package_id%%:*} on ${peer}"
    peerAsAdmin "${peer}" lifecycle chaincode install "${package}" >/dev/null
  done
}

writeServiceCommand() {
  local org="$1" package_id="$2" tls
  tls="$(orgDir "${org}")/peers/chaincode.$(orgDomain "${org}")/tls"
  printf '%s\n' \
    "$(command -v node)" \
    "${DEURO_REPO}/node_modules/fabric-shim/cli.js" server \
    "--chaincode-address=127.0.0.1:$(chaincodeServicePort "${org}")" \
    "--chaincode-id=${package_id}" \
    "--module-path=${DEURO_REPO}/chaincode" \
    "--chaincode-tls-cert-file=${tls}/server.crt" \
    "--chaincode-tls-key-file=${tls}/server.key" \
    "--chaincode-tls-client-cacert-file=${tls}/ca.crt" \
    >"${CC_DIR}/chaincode.${org}.command.new"
}

# (Re)starts an organization's chaincode service when its command changed or
# it is not running.
startService() {
  local org="$1" service="chaincode.${1}" command_file="${CC_DIR}/chaincode.${1}.command"
  if cmp -s "${command_file}.new" "${command_file}" && [ -n "$(runningPid "${service}")" ]; then
    rm -f "${command_file}.new"
    return
  fi
  "${SCRIPT_DIR}/network.sh" stop "${service}"
  mv "${command_file}.new" "${command_file}"
  "${SCRIPT_DIR}/network.sh" start "${service}"
}

committedField() {
  local field="$1"
  peerAsAdmin peer0.org1 lifecycle chaincode querycommitted -C "${DEURO_CHANNEL}" -n "${DEURO_CHAINCODE}" -O json 2>/dev/null |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{const v=JSON.parse(s)[process.argv[1]];process.stdout.write(v===undefined?"":String(v))}catch{}})' "${field}" || true
}

approvedPackage() {
  local org="$1" sequence="$2"
  peerAsAdmin "peer0.${org}" lifecycle chaincode queryapproved -C "${DEURO_CHANNEL}" -n "${DEURO_CHAINCODE}" \
    --sequence "${sequence}" -O json 2>/dev/null |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{process.stdout.write(JSON.parse(s).source.Type.LocalPackage.package_id)}catch{}})' || true
}

approveFor() {
  local org="$1" package_id="$2" version="$3" sequence="$4"
  infoln "approving ${DEURO_CHAINCODE} ${version} (sequence ${sequence}) for $(orgMspId "${org}")"
  peerAsAdmin "peer0.${org}" lifecycle chaincode approveformyorg -o "$(ordererAddress)" \
    --tls --cafile "$(ordererTlsCa)" -C "${DEURO_CHANNEL}" -n "${DEURO_CHAINCODE}" \
    --version "${version}" --sequence "${sequence}" --package-id "${package_id}" \
    --channel-config-policy "${ENDORSEMENT_POLICY}" --collections-config "${COLLECTIONS_CONFIG}" \
    --waitForEventTimeout 60s >/dev/null
}

commitDefinition() {
  local version="$1" sequence="$2" org
  local -a peers=()
  for org in "${PEER_ORGS[@]}"; do
    peers+=(--peerAddresses "127.0.0.1:$(peerPort "peer0.${org}")" --tlsRootCertFiles "$(orgTlsCa "${org}")")
  done
  infoln "committing ${DEURO_CHAINCODE} ${version} (sequence ${sequence}) on channel ${DEURO_CHANNEL}"
  peerAsAdmin peer0.org1 lifecycle chaincode commit -o "$(ordererAddress)" \
    --tls --cafile "$(ordererTlsCa)" -C "${DEURO_CHANNEL}" -n "${DEURO_CHAINCODE}" \
    --version "${version}" --sequence "${sequence}" \
    --channel-config-policy "${ENDORSEMENT_POLICY}" --collections-config "${COLLECTIONS_CONFIG}" \
    "${peers[@]}" --waitForEventTimeout 60s >/dev/null
}

peerAnswers() {
  peerAsAdmin "$1" chaincode query -C "${DEURO_CHANNEL}" -n "${DEURO_CHAINCODE}" -c '{"Args":["Version"]}'
}

# Every peer must answer a query through the new definition.
checkPeersAnswer() {
  local peer
  for peer in "${PEERS[@]}"; do
    retry 30 1 peerAnswers "${peer}" >/dev/null 2>&1 ||
      fatalln "${peer} does not answer chaincode queries: $(peerAnswers "${peer}" 2>&1)"
    infoln "${peer} answers: $(peerAnswers "${peer}")"
  done
}

# Counts the distinct peers that service discovery on an organization's peer0
# offers as endorsers of the chaincode (gossip membership and chaincode info
# have both reached it).
discoveredEndorsers() {
  local org="$1" user
  user="$(orgDir "${org}")/users/User1@$(orgDomain "${org}")/msp"
  discover --peerTLSCA "$(orgTlsCa "${org}")" --userKey "${user}/keystore/priv_sk" \
    --userCert "${user}/signcerts/User1@$(orgDomain "${org}")-cert.pem" --MSP "$(orgMspId "${org}")" \
    endorsers --channel "${DEURO_CHANNEL}" --chaincode "${DEURO_CHAINCODE}" \
    --server "127.0.0.1:$(peerPort "peer0.${org}")" 2>/dev/null |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const e=new Set();try{for(const d of JSON.parse(s))for(const g of Object.values(d.EndorsersByGroups))for(const p of g)e.add(p.Endpoint)}catch{}process.stdout.write(String(e.size))})' || echo 0
}

discoveryOffers() {
  [ "$(discoveredEndorsers "$1")" -ge "$2" ]
}

# Clients endorse through discovery: wait until it offers every running peer.
waitForDiscovery() {
  local org peer running=0
  for peer in "${PEERS[@]}"; do
    [ -z "$(runningPid "${peer}")" ] || running=$((running + 1))
  done
  for org in "${PEER_ORGS[@]}"; do
    retry 120 0.5 discoveryOffers "${org}" "${running}" ||
      fatalln "service discovery on peer0.${org} offers $(discoveredEndorsers "${org}") of ${running} peers as endorsers after 60s"
    infoln "service discovery on peer0.${org} offers all ${running} peers as endorsers"
  done
}

main() {
  local version="" skip_build=false
  while [ $# -gt 0 ]; do
    case "$1" in
    --version)
      version="${2:-}"
      shift 2
      ;;
    --skip-build)
      skip_build=true
      shift
      ;;
    -h | --help)
      printHelp
      return
      ;;
    *) fatalln "unknown option $1 (see --help)" ;;
    esac
  done
  [ -n "${version}" ] || version="$(node -p 'require(process.argv[1]).version' "${DEURO_REPO}/chaincode/package.json")"
  [[ "${version}" =~ ^[A-Za-z0-9][A-Za-z0-9_.+-]*$ ]] || fatalln "version '${version}' must be letters, digits and . _ + -"

  PATH="$(fabricBinDir):${PATH}"
  export FABRIC_CFG_PATH="${CONFIG_DIR}"
  requireNetwork
  mkdir -p "${CC_DIR}"
  [ "${skip_build}" = true ] || buildChaincode

  local digest label org package package_id
  local -A package_ids=()
  digest="$(codeDigest)"
  label="${DEURO_CHAINCODE}_${version}"
  for org in "${PEER_ORGS[@]}"; do
    package="$(packageFor "${org}" "${label}" "${digest}")"
    package_id="$(peer lifecycle chaincode calculatepackageid "${package}" 2>/dev/null)"
    package_ids[${org}]="${package_id}"
    installOnPeers "${org}" "${package}" "${package_id}"
    writeServiceCommand "${org}" "${package_id}"
    startService "${org}"
  done

  local sequence committed_version unchanged=true
  sequence="$(committedField sequence)"
  committed_version="$(committedField version)"
  if [ -z "${sequence}" ] || [ "${committed_version}" != "${version}" ]; then
    unchanged=false
  else
    for org in "${PEER_ORGS[@]}"; do
      [ "$(approvedPackage "${org}" "${sequence}")" = "${package_ids[${org}]}" ] || unchanged=false
    done
  fi
  if [ "${unchanged}" = true ]; then
    waitForDiscovery
    successln "${DEURO_CHAINCODE} ${version} (sequence ${sequence}) is already deployed with this code: nothing to do"
    return
  fi

  sequence=$((${sequence:-0} + 1))
  for org in "${PEER_ORGS[@]}"; do
    approveFor "${org}" "${package_ids[${org}]}" "${version}" "${sequence}"
  done
  commitDefinition "${version}" "${sequence}"
  checkPeersAnswer
  waitForDiscovery
  successln "${DEURO_CHAINCODE} ${version} deployed at sequence ${sequence}"
}

main "$@"
