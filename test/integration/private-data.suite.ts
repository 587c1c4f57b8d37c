import assert from 'node:assert/strict';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import {
  envelopeFor,
  json,
  newLedgerActor,
  registerRequest,
  rejectsWithCode,
  type LedgerActor,
} from '../harness/ledger-actor';
import type { TestNetwork } from '../harness/test-network';

/** The canonical JSON the chaincode hashes: sorted keys, no whitespace. */
function saltedHash(salt: string, metadata: Record<string, string>): string {
  const sortedMetadata = Object.fromEntries(
    Object.entries(metadata).sort(([a], [b]) => (a < b ? -1 : 1)),
  );
  return createHash('sha256')
    .update(JSON.stringify({ metadata: sortedMetadata, salt }))
    .digest('hex');
}

/** Every block file of every peer and orderer of the network. */
function blockFiles(runDir: string): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) {
        walk(full);
      } else if (name.startsWith('blockfile')) {
        files.push(full);
      }
    }
  };
  walk(path.join(runDir, 'data'));
  return files;
}

/**
 * Private metadata lives in the owner's organization collection: only a salted hash is public,
 * the other organization cannot read it, it is in no block file, and deleting purges it.
 */
export function privateDataSuite(network: () => TestNetwork): void {
  void describe('ledger: private data', () => {
    let owner: LedgerActor;
    let org2Reader: LedgerActor;
    const assetId = `private-${randomUUID()}`;
    const marker = `deuro-private-marker-${randomUUID()}`;
    const salt = randomBytes(24).toString('base64');
    const metadata = { diagnosis: marker, patient: 'kept in Org1' };

    before(async () => {
      owner = await newLedgerActor(network(), 'peer0.org1', 'User1');
      org2Reader = await newLedgerActor(network(), 'peer0.org2', 'User1');
    });
    after(() => {
      owner.close();
      org2Reader.close();
    });

    it('registers the asset with only the salted hash public, then stores the metadata privately', async () => {
      const hash = saltedHash(salt, metadata);
      await owner.assets.submitTransaction(
        'RegisterAsset',
        registerRequest(owner, assetId, 'recording', { privateMetadata: { hash, scope: 'org' } }),
      );
      // Endorsed by Org1 alone, so the transient data never reaches Org2's peers; it commits as
      // valid because it writes only to Org1's collection, whose endorsement policy is Org1.
      await owner.assets.submit('PutPrivateMetadata', {
        arguments: [assetId],
        endorsingOrganizations: ['Org1MSP'],
        transientData: { private_metadata: JSON.stringify({ salt, metadata }) },
      });
      const stored = json<{ collection: string; metadata: Record<string, string> }>(
        await owner.assets.evaluateTransaction('GetPrivateMetadata', assetId),
      );
      assert.equal(stored.collection, 'Org1MSPPrivateCollection');
      assert.deepEqual(stored.metadata, metadata);
      const publicRecord = json<{ privateMetadata: { hash: string } }>(
        await owner.assets.evaluateTransaction('GetAsset', assetId),
      );
      assert.equal(publicRecord.privateMetadata.hash, hash);
    });

    it('refuses private metadata that does not match the public hash', async () => {
      await rejectsWithCode(
        owner.assets.submit('PutPrivateMetadata', {
          arguments: [assetId],
          transientData: {
            private_metadata: JSON.stringify({ salt, metadata: { diagnosis: 'forged' } }),
          },
        }),
        'DEURO_PRIVATE_DATA_MISMATCH',
      );
    });

    it('keeps it from Org2, even from an Org2 identity granted read of the asset', async () => {
      await owner.assets.submitTransaction(
        'ShareAsset',
        assetId,
        JSON.stringify({
          grants: [{ type: 'identity', id: org2Reader.identityId }],
          envelope: envelopeFor(owner.fingerprint, org2Reader.fingerprint),
        }),
      );
      await network().settle();
      await org2Reader.assets.evaluateTransaction('GetAsset', assetId);
      await rejectsWithCode(
        org2Reader.assets.evaluateTransaction('GetPrivateMetadata', assetId),
        'DEURO_ACCESS_DENIED',
      );
    });

    it('never writes the private metadata into a block file of any peer or orderer', () => {
      const files = blockFiles(network().layout.runDir);
      const nodes = new Set(
        files.map(
          (file) =>
            path.relative(path.join(network().layout.runDir, 'data'), file).split(path.sep)[0],
        ),
      );
      assert.equal(
        nodes.size,
        network().layout.peers.length + network().layout.orderers.length,
        [...nodes].join(' '),
      );
      for (const file of files) {
        assert.equal(
          readFileSync(file).includes(Buffer.from(marker)),
          false,
          `${marker} found in ${file}`,
        );
      }
    });

    it('purges it when the asset is deleted', async () => {
      await owner.assets.submitTransaction('DeleteAsset', assetId);
      await rejectsWithCode(
        owner.assets.evaluateTransaction('GetPrivateMetadata', assetId),
        'DEURO_PRIVATE_DATA_MISSING',
      );
    });
  });
}
