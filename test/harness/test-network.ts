/**
 * A real Deuro network for the integration tests, in its own run directory
 * and ports: started once per test run (scripts/network.sh up, then
 * scripts/deploy-chaincode.sh) and purged afterwards, also when a test fails.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { freePortBase } from './free-port-base';
import {
  loadIdentityFromMsp,
  newFabricConnection,
  orgNamed,
  peerNamed,
  readNetworkLayout,
  type FabricConnection,
  type NetworkLayout,
} from '@deuro/gateway';
import { runCommand, runScript, tailOf, type ScriptResult } from './run-script';
import { waitFor } from './wait-for';

/** The identities cryptogen makes for each organization. */
export type OrgIdentity = 'User1' | 'User2' | 'Admin';

/** A running test network and the means to drive it. */
export interface TestNetwork {
  readonly layout: NetworkLayout;
  /** File with the output of every script and CLI call. */
  readonly logFile: string;
  /** Runs `scripts/<name>` against this network. */
  script(name: string, args?: readonly string[]): Promise<ScriptResult>;
  /** Runs a Fabric binary (peer, osnadmin, configtxlator) with this network's config. */
  fabric(
    binary: string,
    args: readonly string[],
    env?: Readonly<Record<string, string>>,
  ): Promise<ScriptResult>;
  /** Runs the `peer` CLI as the admin of a peer's organization, against that peer. */
  peerAdmin(peerName: string, args: readonly string[]): Promise<ScriptResult>;
  /** Connects through a peer's gateway service as one of its organization's identities. */
  connect(peerName: string, as?: OrgIdentity): FabricConnection;
  /** The block height of a peer's copy of the channel. */
  peerHeight(peerName: string): Promise<number>;
  /**
   * Wait until every running peer has committed a block: a transaction endorsed right after a
   * commit may otherwise land on a peer that has not seen it yet.
   */
  waitForPeers(blockNumber: bigint): Promise<void>;
  /**
   * Wait until every peer has what peer0.org1 has committed: a read through another
   * organization's gateway right after a submit may otherwise reach a peer a block behind.
   */
  settle(): Promise<void>;
  /** The block height of an orderer's copy of the channel. */
  ordererHeight(ordererName: string): Promise<number>;
  /** Stops the network and deletes its run directory. */
  teardown(): Promise<void>;
}

/** Options for {@link startTestNetwork}. */
export interface TestNetworkOptions {
  /** Ordering service consensus; SmartBFT unless said otherwise. */
  readonly consensus?: 'bft' | 'raft';
}

/**
 * Starts a network with the chaincode deployed.
 * @throws Error when a step fails; what started is stopped again.
 */
export async function startTestNetwork(options: TestNetworkOptions = {}): Promise<TestNetwork> {
  const existing = process.env.DEURO_TEST_NETWORK_DIR;
  if (existing !== undefined && options.consensus !== 'raft') {
    return useExistingNetwork(existing);
  }
  const runDir = mkdtempSync(path.join(tmpdir(), 'deuro-test-'));
  const logFile = path.join(runDir, 'test-scripts.log');
  const env = {
    DEURO_RUN_DIR: path.join(runDir, 'network'),
    DEURO_PORT_BASE: String(await freePortBase()),
  };
  const script = (name: string, args: readonly string[] = []): Promise<ScriptResult> =>
    runScript(name, args, { env, logFile });
  try {
    await script('network.sh', ['up', '--consensus', options.consensus ?? 'bft']);
    await script('deploy-chaincode.sh');
    await script('network.sh', ['start', 'gateway.org1']);
    await script('network.sh', ['start', 'gateway.org2']);
    return newTestNetwork(readNetworkLayout(env.DEURO_RUN_DIR), runDir, logFile, script);
  } catch (error) {
    await script('network.sh', ['down']).catch(() => undefined);
    throw new Error(`the test network did not start (logs in ${runDir}):\n${tailOf(logFile)}`, {
      cause: error,
    });
  }
}

/**
 * A network someone started by hand (DEURO_TEST_NETWORK_DIR names its run directory), to iterate
 * on tests without a network start per run; it is left running afterwards.
 */
async function useExistingNetwork(networkDir: string): Promise<TestNetwork> {
  const runDir = mkdtempSync(path.join(tmpdir(), 'deuro-test-'));
  const logFile = path.join(runDir, 'test-scripts.log');
  const script = (name: string, args: readonly string[] = []): Promise<ScriptResult> =>
    runScript(name, args, { env: { DEURO_RUN_DIR: networkDir }, logFile });
  await script('deploy-chaincode.sh');
  const network = newTestNetwork(readNetworkLayout(networkDir), runDir, logFile, script);
  return {
    ...network,
    teardown: () => {
      rmSync(runDir, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}

function newTestNetwork(
  layout: NetworkLayout,
  runDir: string,
  logFile: string,
  script: TestNetwork['script'],
): TestNetwork {
  const fabric: TestNetwork['fabric'] = (binary, args, env = {}) =>
    runCommand(path.join(layout.binDir, binary), args, {
      env: { FABRIC_CFG_PATH: layout.configDir, FABRIC_LOGGING_SPEC: 'error', ...env },
      logFile,
    });

  const peerAdmin: TestNetwork['peerAdmin'] = (peerName, args) => {
    const peer = peerNamed(layout, peerName);
    const org = orgNamed(layout, peer.org);
    return fabric('peer', args, {
      CORE_PEER_TLS_ENABLED: 'true',
      CORE_PEER_LOCALMSPID: org.mspId,
      CORE_PEER_MSPCONFIGPATH: org.adminMsp,
      CORE_PEER_TLS_ROOTCERT_FILE: org.tlsCa,
      CORE_PEER_ADDRESS: peer.address,
    });
  };

  return {
    layout,
    logFile,
    script,
    fabric,
    peerAdmin,
    connect(peerName, as = 'User1') {
      const peer = peerNamed(layout, peerName);
      const org = orgNamed(layout, peer.org);
      const msp = { User1: org.userMsps[0], User2: org.userMsps[1], Admin: org.adminMsp }[as];
      const identity = loadIdentityFromMsp(msp, org.mspId);
      return newFabricConnection({
        peerEndpoint: peer.address,
        hostnameOverride: peer.hostname,
        tlsRootCertPem: readFileSync(peer.tlsCa),
        mspId: identity.mspId,
        certPem: identity.certPem,
        privateKeyPem: identity.privateKeyPem,
        channel: layout.channel,
        chaincode: layout.chaincode,
      });
    },
    async peerHeight(peerName) {
      const { stdout } = await peerAdmin(peerName, ['channel', 'getinfo', '-c', layout.channel]);
      const info = JSON.parse(stdout.replace(/^[^{]*/, '')) as { height: number };
      return info.height;
    },
    async waitForPeers(blockNumber) {
      const peers = layout.peers.map((peer) => peer.name);
      await waitFor(
        `every peer at block ${blockNumber.toString()}`,
        async () => {
          const heights = await Promise.all(peers.map((name) => this.peerHeight(name)));
          return heights.every((height) => BigInt(height) > blockNumber);
        },
        60_000,
        200,
      );
    },
    async settle() {
      await this.waitForPeers(BigInt(await this.peerHeight('peer0.org1')) - 1n);
    },
    async ordererHeight(ordererName) {
      const orderer = layout.orderers.find((candidate) => candidate.name === ordererName);
      if (orderer === undefined) {
        throw new Error(`the network has no orderer ${ordererName}`);
      }
      const { stdout } = await fabric('osnadmin', [
        'channel',
        'list',
        '--channelID',
        layout.channel,
        '-o',
        orderer.adminAddress,
        '--ca-file',
        layout.ordererTlsCa,
        '--client-cert',
        layout.ordererAdminTls.cert,
        '--client-key',
        layout.ordererAdminTls.key,
      ]);
      if (!stdout.startsWith('Status: 200')) {
        throw new Error(`${ordererName} does not list channel ${layout.channel}: ${stdout}`);
      }
      return (JSON.parse(stdout.slice(stdout.indexOf('{'))) as { height: number }).height;
    },
    async teardown() {
      await script('network.sh', ['down']);
      if (process.env.DEURO_KEEP_TEST_NETWORK === undefined) {
        rmSync(runDir, { recursive: true, force: true });
      }
    },
  };
}
