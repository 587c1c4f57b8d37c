#!/usr/bin/env bash
# `npm start`: the whole product on one machine. Installs what is missing,
# builds or reuses the Fabric binaries, brings the network up (reusing its
# ledgers), deploys the chaincode, and prints what runs where.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/log.sh
. "${SCRIPT_DIR}/log.sh"

started=${SECONDS}
"${SCRIPT_DIR}/ensure-deps.sh"
"${SCRIPT_DIR}/fabric-binaries.sh" >/dev/null
"${SCRIPT_DIR}/network.sh" up >/dev/null
"${SCRIPT_DIR}/deploy-chaincode.sh"
infoln "building and starting the gateways"
(cd "${SCRIPT_DIR}/.." && npm run --silent build --workspace gateway) >&2 || fatalln "the gateway does not build"
# npm links the `deuro` bin only when its target exists, which is after this first build.
(cd "${SCRIPT_DIR}/.." && npm rebuild @deuro/gateway --ignore-scripts --loglevel=error >/dev/null) ||
  fatalln "linking the deuro CLI failed"
"${SCRIPT_DIR}/network.sh" start gateway.org1 >/dev/null
"${SCRIPT_DIR}/network.sh" start gateway.org2 >/dev/null

# shellcheck source=scripts/network-env.sh
. "${SCRIPT_DIR}/network-env.sh"
successln "Deuro is running (started in $((SECONDS - started))s)"
cat <<EOF

Nodes (scripts/network.sh status):
$("${SCRIPT_DIR}/network.sh" status | sed 's/^/  /')

Gateways (REST API, reference at /docs):
  Org1  http://127.0.0.1:$(gatewayPort org1)   API keys of its users: $(gatewayDataDir org1)/dev-api-keys.json
  Org2  http://127.0.0.1:$(gatewayPort org2)   API keys of its users: $(gatewayDataDir org2)/dev-api-keys.json
  Try:  curl -H "Authorization: Bearer \$(jq -r '."User1@org1.deuro.local"' $(gatewayDataDir org1)/dev-api-keys.json)" http://127.0.0.1:$(gatewayPort org1)/v1/me

Channel '${DEURO_CHANNEL}', chaincode '${DEURO_CHAINCODE}', orderers on 127.0.0.1:$(ordererPort orderer1)-$(ordererPort orderer4) (SmartBFT)
Run directory: ${DEURO_RUN_DIR} (logs in ${LOG_DIR})

Use the peer CLI as Org1's admin:
  source scripts/peer-env.sh org1
  peer chaincode query -C ${DEURO_CHANNEL} -n ${DEURO_CHAINCODE} -c '{"Args":["Version"]}'

Stop with: npm stop (ledgers are kept; scripts/network.sh down --purge deletes them)
EOF
