#!/usr/bin/env bash
# The Deuro Fabric network on one machine: four orderers (SmartBFT, or Raft),
# two peer organizations with two peers each, TLS everywhere, LevelDB state.
# Every node is a native process with its pid file and log in the run
# directory (see scripts/network-env.sh for the layout and ports).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/log.sh
. "${SCRIPT_DIR}/log.sh"
# shellcheck source=scripts/network-env.sh
. "${SCRIPT_DIR}/network-env.sh"

printHelp() {
  cat <<EOF
Usage: scripts/network.sh COMMAND [OPTIONS]

Commands:
  up [--consensus bft|raft]   build or reuse the Fabric binaries, generate crypto,
                              start every node, create and join channel '${DEURO_CHANNEL}'
  down [--purge]              stop every node (ledgers kept; --purge deletes the run directory)
  status                      one line per node: running or stopped, and its health
  logs NODE [-f]              print (or follow) a node's log
  stop NODE                   stop one node (for fault tests)
  start NODE                  start one stopped node again
  nodes                       list the node names
  describe                    print the addresses and credential paths as JSON

Nodes: ${ORDERERS[*]} ${PEERS[*]} ${CHAINCODE_SERVICES[*]} ${GATEWAYS[*]}
Environment: DEURO_RUN_DIR (now ${DEURO_RUN_DIR}), DEURO_PORT_BASE (now ${DEURO_PORT_BASE})
EOF
}

requireNode() {
  if [ "$(nodeKind "${1:-}")" = unknown ]; then
    fatalln "unknown node '${1:-}'; nodes are: ${ORDERERS[*]} ${PEERS[*]} ${CHAINCODE_SERVICES[*]} ${GATEWAYS[*]}"
  fi
}

usePathToBinaries() {
  local bin
  bin="$("${SCRIPT_DIR}/fabric-binaries.sh")"
  export PATH="${bin}:${PATH}"
  export FABRIC_CFG_PATH="${CONFIG_DIR}"
}

saveNetworkEnv() {
  mkdir -p "${DEURO_RUN_DIR}"
  if [ ! -f "${DEURO_RUN_DIR}/network.env" ]; then
    printf 'DEURO_PORT_BASE=%s\nDEURO_CONSENSUS=%s\n' "${DEURO_PORT_BASE}" "${DEURO_CONSENSUS}" \
      >"${DEURO_RUN_DIR}/network.env"
  fi
}

generateCrypto() {
  if [ -d "${CRYPTO_DIR}" ]; then
    infoln "reusing crypto material in ${CRYPTO_DIR}"
    return
  fi
  infoln "generating crypto material with cryptogen (NodeOUs on)"
  cryptogen generate --config="${DEURO_REPO}/crypto-config/crypto-config.yaml" \
    --output="${CRYPTO_DIR}.tmp" >/dev/null
  mv "${CRYPTO_DIR}.tmp" "${CRYPTO_DIR}"
}

renderConfig() {
  local sed_args=(-e "s|@CRYPTO@|${CRYPTO_DIR}|g" -e "s|@BUILDERS@|${DEURO_REPO}/network/builders|g")
  local orderer
  for orderer in "${ORDERERS[@]}"; do
    sed_args+=(-e "s|@${orderer^^}_PORT@|$(ordererPort "${orderer}")|g")
  done
  sed_args+=(-e "s|@PEER0_ORG1_PORT@|$(peerPort peer0.org1)|g")
  sed_args+=(-e "s|@PEER0_ORG2_PORT@|$(peerPort peer0.org2)|g")
  mkdir -p "${CONFIG_DIR}"
  local file
  for file in core.yaml orderer.yaml configtx.yaml; do
    sed "${sed_args[@]}" "${DEURO_REPO}/network/${file}" >"${CONFIG_DIR}/${file}"
  done
}

# Runs a node's command in its own session, detached, logging to its file.
launch() {
  local node="$1"
  shift
  mkdir -p "${LOG_DIR}" "${PID_DIR}"
  setsid "$@" >>"$(logFile "${node}")" 2>&1 </dev/null &
  echo $! >"$(pidFile "${node}")"
}

startOrderer() {
  local orderer="$1" dir
  dir="$(ordererDir "${orderer}")"
  mkdir -p "${DATA_DIR}/${orderer}"
  launch "${orderer}" env \
    FABRIC_CFG_PATH="${CONFIG_DIR}" \
    FABRIC_LOGGING_SPEC="${DEURO_FABRIC_LOGGING:-grpc,comm.grpc.server=warning:info}" \
    ORDERER_GENERAL_LISTENPORT="$(ordererPort "${orderer}")" \
    ORDERER_GENERAL_LOCALMSPDIR="${dir}/msp" \
    ORDERER_GENERAL_TLS_PRIVATEKEY="${dir}/tls/server.key" \
    ORDERER_GENERAL_TLS_CERTIFICATE="${dir}/tls/server.crt" \
    ORDERER_GENERAL_TLS_ROOTCAS="[${dir}/tls/ca.crt]" \
    ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE="${dir}/tls/server.crt" \
    ORDERER_GENERAL_CLUSTER_CLIENTPRIVATEKEY="${dir}/tls/server.key" \
    ORDERER_GENERAL_CLUSTER_ROOTCAS="[${dir}/tls/ca.crt]" \
    ORDERER_FILELEDGER_LOCATION="${DATA_DIR}/${orderer}/ledger" \
    ORDERER_CONSENSUS_WALDIR="${DATA_DIR}/${orderer}/consensus/wal" \
    ORDERER_CONSENSUS_SNAPDIR="${DATA_DIR}/${orderer}/consensus/snapshot" \
    ORDERER_OPERATIONS_LISTENADDRESS="127.0.0.1:$(ordererOpsPort "${orderer}")" \
    ORDERER_ADMIN_LISTENADDRESS="127.0.0.1:$(ordererAdminPort "${orderer}")" \
    ORDERER_ADMIN_TLS_PRIVATEKEY="${dir}/tls/server.key" \
    ORDERER_ADMIN_TLS_CERTIFICATE="${dir}/tls/server.crt" \
    ORDERER_ADMIN_TLS_ROOTCAS="[${dir}/tls/ca.crt]" \
    ORDERER_ADMIN_TLS_CLIENTROOTCAS="[${dir}/tls/ca.crt]" \
    orderer
}

startPeer() {
  local peer="$1" org dir other
  org="$(orgOfPeer "${peer}")"
  dir="$(peerDir "${peer}")"
  # Gossip bootstraps from the other peer of the same organization.
  if [ "${peer%%.*}" = peer0 ]; then other="peer1.${org}"; else other="peer0.${org}"; fi
  mkdir -p "${DATA_DIR}/${peer}"
  launch "${peer}" env \
    FABRIC_CFG_PATH="${CONFIG_DIR}" \
    FABRIC_LOGGING_SPEC="${DEURO_FABRIC_LOGGING:-grpc,comm.grpc.server=warning:info}" \
    CORE_PEER_ID="${peer}.deuro.local" \
    CORE_PEER_LISTENADDRESS="127.0.0.1:$(peerPort "${peer}")" \
    CORE_PEER_ADDRESS="127.0.0.1:$(peerPort "${peer}")" \
    CORE_PEER_CHAINCODELISTENADDRESS="127.0.0.1:$(peerChaincodePort "${peer}")" \
    CORE_PEER_CHAINCODEADDRESS="127.0.0.1:$(peerChaincodePort "${peer}")" \
    CORE_PEER_GOSSIP_BOOTSTRAP="127.0.0.1:$(peerPort "${other}")" \
    CORE_PEER_GOSSIP_ENDPOINT="127.0.0.1:$(peerPort "${peer}")" \
    CORE_PEER_GOSSIP_EXTERNALENDPOINT="127.0.0.1:$(peerPort "${peer}")" \
    CORE_PEER_LOCALMSPID="$(orgMspId "${org}")" \
    CORE_PEER_MSPCONFIGPATH="${dir}/msp" \
    CORE_PEER_TLS_CERT_FILE="${dir}/tls/server.crt" \
    CORE_PEER_TLS_KEY_FILE="${dir}/tls/server.key" \
    CORE_PEER_TLS_ROOTCERT_FILE="${dir}/tls/ca.crt" \
    CORE_PEER_FILESYSTEMPATH="${DATA_DIR}/${peer}" \
    CORE_LEDGER_SNAPSHOTS_ROOTDIR="${DATA_DIR}/${peer}/snapshots" \
    CORE_OPERATIONS_LISTENADDRESS="127.0.0.1:$(peerOpsPort "${peer}")" \
    peer node start
}

# The chaincode service's command line is written by deploy-chaincode.sh.
startChaincodeService() {
  local service="$1" command_file="${DEURO_RUN_DIR}/chaincode/${1}.command"
  if [ ! -f "${command_file}" ]; then
    fatalln "${service} has never been deployed: run scripts/deploy-chaincode.sh"
  fi
  local -a command
  mapfile -t command <"${command_file}"
  launch "${service}" "${command[@]}"
}

# The gateway's TLS certificate, issued by its organization's TLS CA: it serves
# HTTPS with it and presents it to other organizations' gateways.
ensureGatewayTls() {
  local org="$1" dir="$2" tlsca
  tlsca="$(orgDir "${org}")/tlsca"
  [ -f "${dir}/server.crt" ] && return
  mkdir -p "${dir}"
  (umask 077 && openssl ecparam -name prime256v1 -genkey -noout -out "${dir}/server.key.sec1" &&
    openssl pkcs8 -topk8 -nocrypt -in "${dir}/server.key.sec1" -out "${dir}/server.key") ||
    fatalln "creating the ${org} gateway's TLS key failed"
  rm -f "${dir}/server.key.sec1"
  openssl req -new -key "${dir}/server.key" -subj "/O=$(orgDomain "${org}")/CN=gateway.$(orgDomain "${org}")" \
    -out "${dir}/server.csr" 2>/dev/null || fatalln "creating the ${org} gateway's certificate request failed"
  printf '%s\n' "subjectAltName=DNS:gateway.$(orgDomain "${org}"),DNS:localhost,IP:127.0.0.1" \
    "extendedKeyUsage=serverAuth,clientAuth" "keyUsage=critical,digitalSignature,keyAgreement" >"${dir}/server.ext"
  openssl x509 -req -in "${dir}/server.csr" -CA "${tlsca}/tlsca.$(orgDomain "${org}")-cert.pem" \
    -CAkey "${tlsca}/priv_sk" -CAcreateserial -days 365 -sha256 -extfile "${dir}/server.ext" \
    -out "${dir}/server.crt" 2>/dev/null || fatalln "signing the ${org} gateway's TLS certificate failed"
  rm -f "${dir}/server.csr" "${dir}/server.ext"
}

# A gateway of one organization: enrolls the development identities (once),
# then serves the REST API on the organization's gateway ports.
startGateway() {
  local node="$1" org data
  org="${1#gateway.}"
  data="$(gatewayDataDir "${org}")"
  [ -f "${DEURO_REPO}/gateway/dist/main.js" ] || fatalln "the gateway is not built: run npm run build"
  mkdir -p "${data}"
  chmod 700 "${data}"
  # A development install keeps its wallet passphrase beside the wallet; production
  # supplies DEURO_WALLET_PASSPHRASE from its own secret store (docs/gateway.md).
  if [ ! -f "${data}/passphrase" ]; then
    (umask 077 && openssl rand -hex 32 >"${data}/passphrase")
  fi
  ensureGatewayTls "${org}" "${data}/tls"
  local -a environment=(
    DEURO_GATEWAY_ORG="${org}"
    DEURO_RUN_DIR="${DEURO_RUN_DIR}"
    DEURO_GATEWAY_DATA_DIR="${data}"
    DEURO_GATEWAY_PORT="$(gatewayPort "${org}")"
    DEURO_GATEWAY_TLS_PORT="$(gatewayTlsPort "${org}")"
    DEURO_GATEWAY_TLS_CERT="${data}/tls/server.crt"
    DEURO_GATEWAY_TLS_KEY="${data}/tls/server.key"
  )
  if [ -n "${DEURO_WALLET_PASSPHRASE:-}" ]; then
    environment+=(DEURO_WALLET_PASSPHRASE="${DEURO_WALLET_PASSPHRASE}")
  else
    environment+=(DEURO_WALLET_PASSPHRASE_FILE="${data}/passphrase")
  fi
  env "${environment[@]}" node "${DEURO_REPO}/gateway/dist/admin/enroll-dev-identities.js" >>"$(logFile "${node}")" 2>&1 ||
    fatalln "enrolling the ${org} identities into its gateway failed; see $(logFile "${node}")"
  launch "${node}" env "${environment[@]}" node "${DEURO_REPO}/gateway/dist/main.js"
}

healthy() {
  local port
  port="$(nodeOpsPort "$1")"
  if [ -z "${port}" ]; then
    # A chaincode service has no operations endpoint: it is up when it listens.
    [ -n "$(runningPid "$1")" ] && (exec 3<>"/dev/tcp/127.0.0.1/$(nodePorts "$1")") 2>/dev/null
    return
  fi
  curl -fsS --max-time 2 "http://127.0.0.1:${port}/healthz" 2>/dev/null | grep -qi '"status":"ok"'
}

waitHealthy() {
  local node="$1" tries=0
  while ! healthy "${node}"; do
    if [ -z "$(runningPid "${node}")" ]; then
      tail -n 20 "$(logFile "${node}")" >&2 || true
      fatalln "${node} exited during start; its log is $(logFile "${node}")"
    fi
    tries=$((tries + 1))
    if [ "${tries}" -gt 120 ]; then
      fatalln "${node} not healthy after 60s; see $(logFile "${node}")"
    fi
    sleep 0.5
  done
}

# Something else listening on a node's port would make the node fail later
# with a less helpful message.
requirePortsFree() {
  local node="$1" port
  for port in $(nodePorts "${node}"); do
    if (exec 3<>"/dev/tcp/127.0.0.1/${port}") 2>/dev/null; then
      fatalln "port ${port} of ${node} is already in use; stop what uses it or choose another block of ports with DEURO_PORT_BASE (now ${DEURO_PORT_BASE}) and a new DEURO_RUN_DIR"
    fi
  done
}

startNode() {
  local node="$1"
  if [ -n "$(runningPid "${node}")" ]; then
    infoln "${node} is already running (pid $(runningPid "${node}"))"
    return
  fi
  requirePortsFree "${node}"
  infoln "starting ${node}"
  case "$(nodeKind "${node}")" in
  orderer) startOrderer "${node}" ;;
  peer) startPeer "${node}" ;;
  chaincode) startChaincodeService "${node}" ;;
  gateway) startGateway "${node}" ;;
  esac
}

stopNode() {
  local node="$1" pid tries=0
  pid="$(runningPid "${node}")"
  if [ -z "${pid}" ]; then
    rm -f "$(pidFile "${node}")"
    return
  fi
  infoln "stopping ${node} (pid ${pid})"
  # The node leads its own session (setsid), so its process group ends with it.
  kill -TERM -- "-${pid}" 2>/dev/null || kill -TERM "${pid}" 2>/dev/null || true
  while kill -0 "${pid}" 2>/dev/null; do
    tries=$((tries + 1))
    if [ "${tries}" -gt 100 ]; then
      warnln "${node} ignored SIGTERM for 10s; killing it"
      kill -KILL -- "-${pid}" 2>/dev/null || kill -KILL "${pid}" 2>/dev/null || true
    fi
    sleep 0.1
  done
  rm -f "$(pidFile "${node}")"
}

joinOrderers() {
  local orderer admin output
  admin="$(ordererAdminTlsDir)"
  for orderer in "${ORDERERS[@]}"; do
    # osnadmin exits 0 whatever the HTTP status: read the status it prints.
    if osnadmin channel list --channelID "${DEURO_CHANNEL}" \
      -o "127.0.0.1:$(ordererAdminPort "${orderer}")" --ca-file "$(ordererTlsCa)" \
      --client-cert "${admin}/client.crt" --client-key "${admin}/client.key" 2>/dev/null |
      grep -q '^Status: 200'; then
      continue
    fi
    infoln "joining ${orderer} to channel ${DEURO_CHANNEL} (channel participation API)"
    output="$(osnadmin channel join --channelID "${DEURO_CHANNEL}" --config-block "${CHANNEL_BLOCK}" \
      -o "127.0.0.1:$(ordererAdminPort "${orderer}")" --ca-file "$(ordererTlsCa)" \
      --client-cert "${admin}/client.crt" --client-key "${admin}/client.key" 2>&1)"
    grep -q '^Status: 201' <<<"${output}" || fatalln "${orderer} did not join ${DEURO_CHANNEL}: ${output}"
  done
}

createChannelBlock() {
  if [ -f "${CHANNEL_BLOCK}" ]; then
    return
  fi
  local profile=DeuroBFT
  [ "${DEURO_CONSENSUS}" = raft ] && profile=DeuroRaft
  infoln "creating the genesis block of channel ${DEURO_CHANNEL} (profile ${profile})"
  mkdir -p "$(dirname "${CHANNEL_BLOCK}")"
  configtxgen -configPath "${CONFIG_DIR}" -profile "${profile}" -channelID "${DEURO_CHANNEL}" \
    -outputBlock "${CHANNEL_BLOCK}" 2>"${LOG_DIR}/configtxgen.log"
}

joinPeer() {
  peerAsAdmin "$1" channel join -b "${CHANNEL_BLOCK}" >>"${LOG_DIR}/peer-cli.log" 2>&1
}

joinPeers() {
  local peer
  for peer in "${PEERS[@]}"; do
    if peerAsAdmin "${peer}" channel getinfo -c "${DEURO_CHANNEL}" >/dev/null 2>&1; then
      continue
    fi
    infoln "joining ${peer} to channel ${DEURO_CHANNEL}"
    retry 10 1 joinPeer "${peer}" || fatalln "${peer} could not join ${DEURO_CHANNEL}; see ${LOG_DIR}/peer-cli.log"
  done
}

networkUp() {
  while [ $# -gt 0 ]; do
    case "$1" in
    --consensus)
      DEURO_CONSENSUS="${2:-}"
      shift 2
      ;;
    *) fatalln "unknown option for up: $1" ;;
    esac
  done
  case "${DEURO_CONSENSUS}" in
  bft | raft) ;;
  *) fatalln "--consensus must be bft or raft, not '${DEURO_CONSENSUS}'" ;;
  esac
  if [ -f "${CHANNEL_BLOCK}" ] && ! grep -q "DEURO_CONSENSUS=${DEURO_CONSENSUS}" "${DEURO_RUN_DIR}/network.env"; then
    fatalln "the channel in ${DEURO_RUN_DIR} was created with other settings ($(tr '\n' ' ' <"${DEURO_RUN_DIR}/network.env")); use down --purge to start over"
  fi
  local started=${SECONDS} node
  infoln "network up: run directory ${DEURO_RUN_DIR}, port base ${DEURO_PORT_BASE}, consensus ${DEURO_CONSENSUS}"
  usePathToBinaries
  saveNetworkEnv
  mkdir -p "${LOG_DIR}" "${PID_DIR}" "${DATA_DIR}"
  generateCrypto
  renderConfig
  createChannelBlock
  for node in "${ORDERERS[@]}"; do startNode "${node}"; done
  for node in "${ORDERERS[@]}"; do waitHealthy "${node}"; done
  joinOrderers
  for node in "${PEERS[@]}"; do startNode "${node}"; done
  for node in "${PEERS[@]}"; do waitHealthy "${node}"; done
  joinPeers
  if [ -d "${DEURO_RUN_DIR}/chaincode" ]; then
    for node in "${CHAINCODE_SERVICES[@]}"; do
      if [ -f "${DEURO_RUN_DIR}/chaincode/${node}.command" ]; then
        startNode "${node}"
        waitHealthy "${node}"
      fi
    done
  fi
  # Gateways started before (by npm start) come back with the network.
  for node in "${GATEWAYS[@]}"; do
    if [ -d "$(gatewayDataDir "${node#gateway.}")" ]; then
      startNode "${node}"
      waitHealthy "${node}"
    fi
  done
  # Programs (the gateway, tests) read addresses and credential paths from here.
  describeNetwork >"${DEURO_RUN_DIR}/network.json"
  successln "network up in $((SECONDS - started))s"
  networkStatus
}

networkDown() {
  local purge=false node
  [ "${1:-}" = "--purge" ] && purge=true
  # Nodes stop in parallel (each takes a second or two to shut down cleanly).
  for node in "${GATEWAYS[@]}" "${CHAINCODE_SERVICES[@]}" "${PEERS[@]}" "${ORDERERS[@]}"; do
    stopNode "${node}" &
  done
  wait
  if [ "${purge}" = true ]; then
    infoln "deleting ${DEURO_RUN_DIR} (ledgers, crypto, logs)"
    rm -rf "${DEURO_RUN_DIR}"
  fi
  successln "network down"
}

networkStatus() {
  local node pid port state
  for node in "${ORDERERS[@]}" "${PEERS[@]}" "${CHAINCODE_SERVICES[@]}" "${GATEWAYS[@]}"; do
    pid="$(runningPid "${node}")"
    port="$(nodeOpsPort "${node}")"
    if [ -z "${pid}" ]; then
      state="stopped"
    elif healthy "${node}"; then
      state="running  pid ${pid}  healthy${port:+ (operations 127.0.0.1:${port})}"
    else
      state="running  pid ${pid}  UNHEALTHY${port:+ (operations 127.0.0.1:${port})}"
    fi
    printf '%-16s %s\n' "${node}" "${state}"
  done
}

showLogs() {
  requireNode "${1:-}"
  local file
  file="$(logFile "$1")"
  [ -f "${file}" ] || fatalln "no log for $1 yet (${file})"
  if [ "${2:-}" = "-f" ]; then
    tail -n 100 -f "${file}"
  else
    cat "${file}"
  fi
}

# The layout as JSON, for programs (tests, gateway) that need addresses and
# credential paths without repeating the port arithmetic of network-env.sh.
describeNetwork() {
  local node org first=true
  printf '{\n  "runDir": "%s",\n  "portBase": %s,\n  "consensus": "%s",\n' \
    "${DEURO_RUN_DIR}" "${DEURO_PORT_BASE}" "${DEURO_CONSENSUS}"
  printf '  "channel": "%s",\n  "chaincode": "%s",\n' "${DEURO_CHANNEL}" "${DEURO_CHAINCODE}"
  printf '  "binDir": "%s",\n  "configDir": "%s",\n' "$(fabricBinDir)" "${CONFIG_DIR}"
  printf '  "orderers": [\n'
  for node in "${ORDERERS[@]}"; do
    [ "${first}" = true ] || printf ',\n'
    first=false
    printf '    {"name": "%s", "address": "127.0.0.1:%s", "adminAddress": "127.0.0.1:%s", "operationsAddress": "127.0.0.1:%s", "hostname": "%s"}' \
      "${node}" "$(ordererPort "${node}")" "$(ordererAdminPort "${node}")" "$(ordererOpsPort "${node}")" "${node}.${ORDERER_DOMAIN}"
  done
  printf '\n  ],\n  "ordererTlsCa": "%s",\n' "$(ordererTlsCa)"
  printf '  "ordererAdminTls": {"cert": "%s", "key": "%s"},\n' "$(ordererAdminTlsDir)/client.crt" "$(ordererAdminTlsDir)/client.key"
  printf '  "peers": [\n'
  first=true
  for node in "${PEERS[@]}"; do
    [ "${first}" = true ] || printf ',\n'
    first=false
    org="$(orgOfPeer "${node}")"
    printf '    {"name": "%s", "org": "%s", "mspId": "%s", "address": "127.0.0.1:%s", "operationsAddress": "127.0.0.1:%s", "hostname": "%s", "tlsCa": "%s"}' \
      "${node}" "${org}" "$(orgMspId "${org}")" "$(peerPort "${node}")" "$(peerOpsPort "${node}")" "${node}.deuro.local" "$(orgTlsCa "${org}")"
  done
  printf '\n  ],\n  "orgs": [\n'
  first=true
  for org in "${PEER_ORGS[@]}"; do
    [ "${first}" = true ] || printf ',\n'
    first=false
    printf '    {"name": "%s", "mspId": "%s", "adminMsp": "%s", "userMsps": ["%s", "%s"], "tlsCa": "%s", "gatewayPort": %s, "gatewayTlsPort": %s}' \
      "${org}" "$(orgMspId "${org}")" "$(orgAdminMsp "${org}")" \
      "$(orgDir "${org}")/users/User1@$(orgDomain "${org}")/msp" "$(orgDir "${org}")/users/User2@$(orgDomain "${org}")/msp" \
      "$(orgTlsCa "${org}")" "$(gatewayPort "${org}")" "$(gatewayTlsPort "${org}")"
  done
  printf '\n  ]\n}\n'
}

main() {
  local verb="${1:-help}"
  shift || true
  case "${verb}" in
  up) networkUp "$@" ;;
  down) networkDown "$@" ;;
  status) networkStatus ;;
  logs) showLogs "$@" ;;
  stop)
    requireNode "${1:-}"
    stopNode "$1"
    ;;
  start)
    requireNode "${1:-}"
    usePathToBinaries
    startNode "$1"
    waitHealthy "$1"
    successln "$1 started"
    ;;
  describe) describeNetwork ;;
  nodes) printf '%s\n' "${ORDERERS[@]}" "${PEERS[@]}" "${CHAINCODE_SERVICES[@]}" "${GATEWAYS[@]}" ;;
  help | -h | --help) printHelp ;;
  *)
    printHelp >&2
    exit 1
    ;;
  esac
}

main "$@"
