/*
 * The network's layout as `scripts/network.sh describe` prints it (and `network.sh up` writes to
 * `<run dir>/network.json`): addresses and credential paths, computed in one place
 * (scripts/network-env.sh).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** An orderer node. */
export interface OrdererLayout {
  readonly name: string;
  readonly address: string;
  readonly adminAddress: string;
  readonly operationsAddress: string;
  readonly hostname: string;
}

/** A peer node. */
export interface PeerLayout {
  readonly name: string;
  readonly org: string;
  readonly mspId: string;
  readonly address: string;
  readonly operationsAddress: string;
  readonly hostname: string;
  readonly tlsCa: string;
}

/** A peer organization. */
export interface OrgLayout {
  readonly name: string;
  readonly mspId: string;
  readonly adminMsp: string;
  /** MSP folders of User1 and User2. */
  readonly userMsps: readonly [string, string];
  readonly tlsCa: string;
  readonly gatewayPort: number;
  /** The gateway's HTTPS port (client certificates accepted). */
  readonly gatewayTlsPort: number;
}

/** The whole network. */
export interface NetworkLayout {
  readonly runDir: string;
  readonly portBase: number;
  readonly consensus: 'bft' | 'raft';
  readonly channel: string;
  readonly chaincode: string;
  readonly binDir: string;
  readonly configDir: string;
  readonly orderers: readonly OrdererLayout[];
  readonly ordererTlsCa: string;
  readonly ordererAdminTls: { readonly cert: string; readonly key: string };
  readonly peers: readonly PeerLayout[];
  readonly orgs: readonly OrgLayout[];
}

/** Finds a node of the layout by name. @throws Error when there is none. */
export function peerNamed(layout: NetworkLayout, name: string): PeerLayout {
  const peer = layout.peers.find((candidate) => candidate.name === name);
  if (peer === undefined) {
    throw new Error(`the network has no peer ${name}`);
  }
  return peer;
}

/** Finds an organization of the layout by name. @throws Error when there is none. */
export function orgNamed(layout: NetworkLayout, name: string): OrgLayout {
  const org = layout.orgs.find((candidate) => candidate.name === name);
  if (org === undefined) {
    throw new Error(`the network has no organization ${name}`);
  }
  return org;
}

/**
 * Read `<run dir>/network.json`.
 * @throws Error naming the file when it is missing or not a layout.
 */
export function readNetworkLayout(runDir: string): NetworkLayout {
  const file = join(runDir, 'network.json');
  let layout: unknown;
  try {
    layout = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read the network layout ${file}: start the network first (npm start)`, {
      cause: error,
    });
  }
  if (
    typeof layout !== 'object' ||
    layout === null ||
    !('peers' in layout) ||
    !('orgs' in layout)
  ) {
    throw new Error(`${file} is not a network layout`);
  }
  return layout as NetworkLayout;
}
