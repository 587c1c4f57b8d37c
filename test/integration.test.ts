/**
 * Integration tests against one real Deuro network per run: four SmartBFT
 * orderers, two organizations of two peers, the chaincode as a service.
 * Suites share the network and isolate themselves by their own keys; the
 * disruptive ones (peer and orderer faults, upgrade) run last.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { after, before, describe } from 'node:test';

import { chaincodeUpgradeSuite } from './integration/chaincode-upgrade.suite';
import { cliSuite } from './integration/cli.suite';
import { crawlSuite } from './integration/crawl.suite';
import { gpredictSuite } from './integration/gpredict.suite';
import { eventsSuite } from './integration/events.suite';
import { featuresSuite } from './integration/features.suite';
import { federationSuite } from './integration/federation.suite';
import { gatewayApiSuite } from './integration/gateway-api.suite';
import { gatewayProcessSuite } from './integration/gateway-process.suite';
import { keyDirectorySuite } from './integration/key-directory.suite';
import { ledgerClientSuite } from './integration/ledger-client.suite';
import { ledgerSharingSuite } from './integration/ledger-sharing.suite';
import { privateDataSuite } from './integration/private-data.suite';
import { queriesSuite } from './integration/queries.suite';
import { speechSuite } from './integration/speech.suite';
import { ivectorSuite } from './integration/ivector.suite';
import { stateMachineSuite } from './integration/state-machine.suite';
import { networkHealthSuite } from './integration/network-health.suite';
import { ordererFaultsSuite } from './integration/orderer-faults.suite';
import { peerRecoverySuite } from './integration/peer-recovery.suite';
import { transactionsSuite } from './integration/transactions.suite';
import { repoRoot } from './harness/run-script';
import { startTestNetwork, type TestNetwork } from './harness/test-network';

let network: TestNetwork | undefined;

function currentNetwork(): TestNetwork {
  if (network === undefined) {
    throw new Error('the test network is not running (see the before hook failure)');
  }
  return network;
}

// The nodes run in their own sessions: stop them if the runner kills us.
process.once('SIGTERM', () => {
  if (network !== undefined) {
    execFileSync('bash', [path.join(repoRoot, 'scripts', 'network.sh'), 'down'], {
      env: { ...process.env, DEURO_RUN_DIR: network.layout.runDir },
      stdio: 'ignore',
    });
  }
  process.exit(143);
});

void describe('Deuro on a real Fabric network', () => {
  before(
    async () => {
      network = await startTestNetwork();
    },
    { timeout: 15 * 60_000 },
  );
  after(
    async () => {
      await network?.teardown();
    },
    { timeout: 120_000 },
  );

  networkHealthSuite(currentNetwork);
  transactionsSuite(currentNetwork);
  ledgerSharingSuite(currentNetwork);
  stateMachineSuite(currentNetwork);
  keyDirectorySuite(currentNetwork);
  privateDataSuite(currentNetwork);
  eventsSuite(currentNetwork);
  queriesSuite(currentNetwork);
  ledgerClientSuite(currentNetwork);
  gatewayApiSuite(currentNetwork);
  gatewayProcessSuite(currentNetwork);
  cliSuite(currentNetwork);
  federationSuite(currentNetwork);
  featuresSuite(currentNetwork);
  speechSuite(currentNetwork);
  ivectorSuite(currentNetwork);
  crawlSuite(currentNetwork);
  gpredictSuite(currentNetwork);
  chaincodeUpgradeSuite(currentNetwork);
  peerRecoverySuite(currentNetwork);
  ordererFaultsSuite(currentNetwork);
});
