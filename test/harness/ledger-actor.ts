/**
 * An identity acting on the ledger in the integration tests: a Fabric Gateway connection as one
 * of an organization's identities, its identity id, and a freshly registered encryption key.
 */
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';

import type { Contract, Status } from '@hyperledger/fabric-gateway';
import {
  newCommitStatusLookup,
  submitForStatus,
  type BoundContract,
  type FabricConnection,
} from '@deuro/gateway';

import type { OrgIdentity, TestNetwork } from './test-network';

const utf8 = new TextDecoder();

/** An identity with its contracts. */
export interface LedgerActor {
  readonly label: string;
  readonly identityId: string;
  readonly mspId: string;
  readonly connection: FabricConnection;
  readonly network: TestNetwork;
  readonly keys: Contract;
  readonly assets: Contract;
  readonly queries: Contract;
  /** Fingerprint of its active encryption key ('' until {@link registerEncryptionKey}). */
  fingerprint: string;
  /**
   * Submit through the gateway library's submit path (which settles BFT's spurious UNAVAILABLE
   * by commit status), failing on an invalidated transaction.
   */
  submit(
    contract: Contract,
    name: string,
    ...args: string[]
  ): Promise<{ result: Uint8Array; status: Status }>;
  close(): void;
}

/** Parse a contract's JSON answer. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- a typed view of test JSON
export function json<T = Record<string, unknown>>(bytes: Uint8Array): T {
  return JSON.parse(utf8.decode(bytes)) as T;
}

/**
 * Connect as an identity of the organization of `peerName` and learn its identity id.
 * @param registerKey - Also register a fresh EC P-256 encryption key.
 */
export async function newLedgerActor(
  network: TestNetwork,
  peerName: string,
  as: OrgIdentity,
  registerKey = true,
): Promise<LedgerActor> {
  const connection = network.connect(peerName, as);
  const chaincode = network.layout.chaincode;
  const keys = connection.network.getContract(chaincode, 'keys');
  const me = json<{ identityId: string; mspId: string }>(await keys.evaluateTransaction('WhoAmI'));
  const actor: LedgerActor = {
    label: `${me.mspId} ${as}`,
    identityId: me.identityId,
    mspId: me.mspId,
    connection,
    network,
    keys,
    assets: connection.network.getContract(chaincode, 'assets'),
    queries: connection.network.getContract(chaincode, 'queries'),
    fingerprint: '',
    submit: (contract, name, ...args) => {
      const target: BoundContract = {
        contract,
        commitStatus: newCommitStatusLookup(connection.gateway, network.layout.channel),
      };
      return submitForStatus(target, name, { arguments: args });
    },
    close: () => {
      connection.close();
    },
  };
  if (registerKey) {
    await registerEncryptionKey(actor);
  }
  return actor;
}

/** A fresh EC P-256 public key as SPKI PEM. */
export function newEncryptionPublicKey(): string {
  return generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
    .publicKey.export({ type: 'spki', format: 'pem' })
    .toString();
}

/**
 * Register (or rotate to) a fresh encryption key, and wait until every peer has it, since the
 * next transaction that names it may be endorsed by any of them.
 */
export async function registerEncryptionKey(actor: LedgerActor): Promise<string> {
  const { result, status } = await actor.submit(
    actor.keys,
    'RegisterEncryptionKey',
    newEncryptionPublicKey(),
  );
  await actor.network.waitForPeers(status.blockNumber);
  const record = json<{ fingerprint: string }>(result);
  actor.fingerprint = record.fingerprint;
  return record.fingerprint;
}

/** An envelope description for these key fingerprints, with a stand-in ciphertext hash. */
export function envelopeFor(...fingerprints: string[]): {
  ciphertextSha256: string;
  size: number;
  keyFingerprints: string[];
} {
  return {
    ciphertextSha256: createHash('sha256').update(randomBytes(32)).digest('hex'),
    size: 1024 + fingerprints.length,
    keyFingerprints: [...new Set(fingerprints)],
  };
}

/** A RegisterAsset request of a kind, encrypted to its owner. */
export function registerRequest(
  owner: LedgerActor,
  id: string,
  kind: string,
  extra: Record<string, unknown> = {},
): string {
  return JSON.stringify({
    id,
    kind,
    ...envelopeFor(owner.fingerprint),
    mediaType: 'application/octet-stream',
    metadata: { source: 'integration-test' },
    parents: [],
    ...extra,
  });
}

/** The message and details of a fabric-gateway error, where chaincode messages arrive. */
export function errorText(error: unknown): string {
  if (!(error instanceof Error)) {
    return String(error);
  }
  const details = (error as Error & { details?: { message: string }[] }).details ?? [];
  return [error.message, ...details.map((detail) => detail.message)].join('\n');
}

/** Assert that a call fails with a Deuro error code. */
export async function rejectsWithCode(call: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(call, (error: unknown) => {
    assert.ok(errorText(error).includes(`${code}:`), `expected ${code}, got: ${errorText(error)}`);
    return true;
  });
}
