import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';

import { newLocalBlobStore } from '../store/local-blob-store';
import { newEnvelopeIndex, type EnvelopeIndex } from './envelope-index';
import {
  newPendingRegistrations,
  reconcilePendingRegistrations,
  type PendingRegistration,
} from './pending-registrations';
import type { BlobStore } from '../store/blob-store';

describe('pending registrations', () => {
  let root = '';
  let store: BlobStore;
  let index: EnvelopeIndex;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'deuro-pending-'));
    store = newLocalBlobStore({ directory: join(root, 'blobs') });
    index = newEnvelopeIndex({ directory: join(root, 'envelopes') });
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  /** Stores a bulk and an envelope over it, as an upload leaves them before registering. */
  async function storedUpload(
    assetId: string,
    envelopeSha256: string,
  ): Promise<PendingRegistration> {
    const { sha256, size } = await store.put(Readable.from([Buffer.from(`bulk of ${assetId}`)]));
    await index.put({
      envelopeSha256,
      size,
      header: '',
      trailer: '',
      bulkSha256: sha256,
      bulkSize: size,
    });
    return { assetId, label: 'User1@org1', envelopeSha256, bulkSha256: sha256 };
  }

  it('keeps what the ledger registered, removes what it does not hold, and leaves what it cannot say', async () => {
    const pending = newPendingRegistrations({ directory: join(root, 'pending') });
    const committed = await storedUpload('committed', 'a'.repeat(64));
    const lost = await storedUpload('lost', 'b'.repeat(64));
    const replaced = await storedUpload('replaced', 'c'.repeat(64));
    const unknown = await storedUpload('unknown', 'd'.repeat(64));
    for (const record of [committed, lost, replaced, unknown]) await pending.add(record);
    assert.equal((await pending.list()).length, 4);

    const ledger = new Map<string, string>([
      ['committed', committed.envelopeSha256],
      ['replaced', 'e'.repeat(64)],
    ]);
    const outcome = await reconcilePendingRegistrations({
      pending,
      index,
      store,
      ledgerCiphertextOf: ({ assetId }) =>
        assetId === 'unknown'
          ? Promise.reject(new Error('ledger unavailable'))
          : Promise.resolve(ledger.get(assetId)),
    });

    assert.deepEqual(outcome, { confirmed: 1, removed: 2, undecided: 1 });
    assert.ok(await index.get(committed.envelopeSha256));
    assert.ok(await store.stat(committed.bulkSha256));
    for (const gone of [lost, replaced]) {
      assert.equal(await index.get(gone.envelopeSha256), undefined);
      assert.equal(await store.stat(gone.bulkSha256), undefined);
    }
    assert.ok(await index.get(unknown.envelopeSha256), 'undecided uploads are kept');
    assert.deepEqual(
      (await pending.list()).map((record) => record.assetId),
      ['unknown'],
      'only the undecided record waits for the next run',
    );
  });

  it('lists nothing before the first record', async () => {
    const pending = newPendingRegistrations({ directory: join(root, 'none') });
    assert.deepEqual(await pending.list(), []);
  });
});
