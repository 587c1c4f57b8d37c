import assert from 'node:assert/strict';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';

import {
  isApiError,
  type LedgerClient,
  newCommitStatusLookup,
  newLedgerClient,
} from '@deuro/gateway';
import type { FabricConnection } from '@deuro/gateway';

import { newEncryptionPublicKey } from '../harness/ledger-actor';
import type { TestNetwork } from '../harness/test-network';

/** The gateway's typed ledger client against the real chaincode, errors mapped by code. */
export function ledgerClientSuite(network: () => TestNetwork): void {
  void describe('gateway: typed ledger client', () => {
    let connections: FabricConnection[] = [];
    let owner: LedgerClient;
    let reader: LedgerClient;
    let readerId = '';

    before(async () => {
      connections = [
        network().connect('peer0.org1', 'User1'),
        network().connect('peer0.org2', 'User1'),
      ];
      const [first, second] = connections;
      assert.ok(first && second);
      const { channel, chaincode } = network().layout;
      owner = newLedgerClient(
        first.network,
        chaincode,
        newCommitStatusLookup(first.gateway, channel),
      );
      reader = newLedgerClient(
        second.network,
        chaincode,
        newCommitStatusLookup(second.gateway, channel),
      );
      readerId = (await reader.whoAmI()).identityId;
    });
    after(() => {
      for (const connection of connections) {
        connection.close();
      }
    });

    it('registers keys and an asset, shares it, and the reader lists it as shared', async () => {
      const ownerKey = await owner.registerEncryptionKey(newEncryptionPublicKey());
      const readerKey = await reader.registerEncryptionKey(newEncryptionPublicKey());
      await network().settle();
      const id = `client-${randomUUID()}`;
      const hash = (): string => createHash('sha256').update(randomBytes(16)).digest('hex');
      const asset = await owner.registerAsset({
        id,
        kind: 'image',
        mediaType: 'image/png',
        ciphertextSha256: hash(),
        size: 10,
        keyFingerprints: [ownerKey.fingerprint],
      });
      assert.equal(asset.state, 'registered');
      const shared = await owner.shareAsset(id, [{ type: 'identity', id: readerId }], {
        ciphertextSha256: hash(),
        size: 12,
        keyFingerprints: [ownerKey.fingerprint, readerKey.fingerprint],
      });
      assert.equal(shared.state, 'shared');
      await network().settle();
      const ids: string[] = [];
      let bookmark = '';
      do {
        const page = await reader.listAssets({ by: 'sharedWithMe' }, 50, bookmark);
        ids.push(...page.records.map((record) => record.id));
        bookmark = page.bookmark;
      } while (bookmark !== '');
      assert.ok(ids.includes(id));
      assert.equal((await reader.assetHistory(id)).length, 2);
    });

    it('turns chaincode errors into API errors by their code', async () => {
      await assert.rejects(owner.getAsset(`missing-${randomUUID()}`), (error: unknown) => {
        assert.ok(isApiError(error, 'DEURO_NOT_FOUND'), String(error));
        assert.equal(error.status, 404);
        return true;
      });
      await assert.rejects(owner.registerEncryptionKey('not a key'), (error: unknown) => {
        assert.ok(isApiError(error, 'DEURO_INVALID_ARGUMENT'), String(error));
        assert.match(error.detail, /publicKeyPem must be/);
        return true;
      });
    });
  });
}
