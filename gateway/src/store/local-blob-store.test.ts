import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdir, stat, writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { after, before, describe, it } from 'node:test';
import type { BlobStore } from './blob-store';
import { newLocalBlobStore } from './local-blob-store';
import { StoreError, type StoreErrorCode } from './store-error';

function sha256Of(bytes: string | Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function isStoreErrorWithCode(code: StoreErrorCode): (err: unknown) => boolean {
  return (err: unknown) => {
    assert.ok(err instanceof StoreError, String(err));
    assert.equal(err.code, code);
    return true;
  };
}

describe('newLocalBlobStore', () => {
  let root = '';
  let counter = 0;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'deuro-store-'));
  });

  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  function newStore(): { store: BlobStore; directory: string } {
    counter += 1;
    const directory = join(root, `store-${String(counter)}`);
    return { store: newLocalBlobStore({ directory }), directory };
  }

  async function incomingFiles(directory: string): Promise<string[]> {
    return readdir(join(directory, 'incoming'));
  }

  it('stores a stream under its SHA-256 and streams it back', async () => {
    const { store, directory } = newStore();
    const content = 'recording bytes';

    const stored = await store.put(Readable.from([Buffer.from(content)]));

    assert.deepEqual(stored, { sha256: sha256Of(content), size: content.length });
    assert.equal(await text(store.get(stored.sha256)), content);
    assert.equal(await store.has(stored.sha256), true);
    assert.deepEqual(await store.stat(stored.sha256), { size: content.length });
    const file = await stat(join(directory, stored.sha256.slice(0, 2), stored.sha256));
    assert.equal(file.mode & 0o777, 0o600);
    assert.deepEqual(await incomingFiles(directory), []);
  });

  it('stores an empty blob', async () => {
    const { store } = newStore();

    const stored = await store.put(Readable.from([]));

    assert.deepEqual(stored, { sha256: sha256Of(''), size: 0 });
    assert.equal(await text(store.get(stored.sha256)), '');
  });

  it('is idempotent for the same bytes', async () => {
    const { store, directory } = newStore();

    const first = await store.put(Readable.from([Buffer.from('same')]));
    const second = await store.put(Readable.from([Buffer.from('sa'), Buffer.from('me')]));

    assert.deepEqual(second, first);
    assert.equal(await text(store.get(first.sha256)), 'same');
    assert.deepEqual(await readdir(join(directory, first.sha256.slice(0, 2))), [first.sha256]);
  });

  it('accepts a matching expectedSha256 in upper case', async () => {
    const { store } = newStore();

    const stored = await store.put(Readable.from([Buffer.from('abc')]), {
      expectedSha256: sha256Of('abc').toUpperCase(),
    });

    assert.equal(stored.sha256, sha256Of('abc'));
  });

  it('stores nothing when the bytes differ from expectedSha256', async () => {
    const { store, directory } = newStore();
    const expected = sha256Of('announced');

    await assert.rejects(
      store.put(Readable.from([Buffer.from('delivered')]), { expectedSha256: expected }),
      (err: unknown) => {
        isStoreErrorWithCode('DEURO_STORE_HASH_MISMATCH')(err);
        assert.equal((err as StoreError).sha256, expected);
        assert.ok(!(err as StoreError).message.includes('delivered'));
        return true;
      },
    );

    assert.equal(await store.has(expected), false);
    assert.equal(await store.has(sha256Of('delivered')), false);
    assert.deepEqual(await incomingFiles(directory), []);
  });

  it('stores nothing and removes the temporary file when maxBytes is exceeded', async () => {
    const { store, directory } = newStore();
    const chunks = [Buffer.alloc(6, 1), Buffer.alloc(6, 2)];

    await assert.rejects(
      store.put(Readable.from(chunks), { maxBytes: 10 }),
      isStoreErrorWithCode('DEURO_STORE_TOO_LARGE'),
    );

    assert.equal(await store.has(sha256Of(Buffer.concat(chunks))), false);
    assert.deepEqual(await incomingFiles(directory), []);
  });

  it('accepts an upload of exactly maxBytes', async () => {
    const { store } = newStore();

    const stored = await store.put(Readable.from([Buffer.alloc(10)]), { maxBytes: 10 });

    assert.equal(stored.size, 10);
  });

  it('stores nothing when the source stream fails', async () => {
    const { store, directory } = newStore();
    const source = new Readable({
      read() {
        this.push(Buffer.alloc(1024));
        this.destroy(new Error('connection reset'));
      },
    });

    await assert.rejects(store.put(source), (err: unknown) => {
      isStoreErrorWithCode('DEURO_STORE_SOURCE_FAILED')(err);
      assert.equal(((err as StoreError).cause as Error).message, 'connection reset');
      return true;
    });

    assert.deepEqual(await incomingFiles(directory), []);
  });

  it('stores nothing when aborted mid-upload', async () => {
    const { store, directory } = newStore();
    const controller = new AbortController();
    let pushed = 0;
    const source = new Readable({
      read() {
        pushed += 1;
        if (pushed === 3) {
          controller.abort();
        }
        setImmediate(() => this.push(Buffer.alloc(1024, pushed)));
      },
    });

    await assert.rejects(
      store.put(source, { signal: controller.signal }),
      isStoreErrorWithCode('DEURO_STORE_ABORTED'),
    );

    assert.deepEqual(await incomingFiles(directory), []);
    assert.equal(source.destroyed, true);
  });

  it('rejects malformed arguments with DEURO_STORE_INVALID_ARGUMENT', async () => {
    const { store } = newStore();
    const invalid = isStoreErrorWithCode('DEURO_STORE_INVALID_ARGUMENT');

    assert.throws(() => store.get('abc'), invalid);
    assert.throws(() => store.get(`${'0'.repeat(63)}g`), invalid);
    await assert.rejects(store.has('../../etc/passwd'), invalid);
    await assert.rejects(store.stat(''), invalid);
    await assert.rejects(store.delete('x'.repeat(64)), invalid);
    await assert.rejects(store.put(Readable.from([]), { maxBytes: -1 }), invalid);
    await assert.rejects(store.put(Readable.from([]), { expectedSha256: 'nope' }), invalid);
    await assert.rejects(store.cleanUp(-1), invalid);
    await assert.rejects(store.put(null as unknown as Readable), invalid);
    assert.throws(() => newLocalBlobStore({ directory: '' }), invalid);
  });

  it('reports a missing blob as DEURO_STORE_NOT_FOUND', async () => {
    const { store } = newStore();
    const missing = sha256Of('never stored');

    await assert.rejects(text(store.get(missing)), (err: unknown) => {
      isStoreErrorWithCode('DEURO_STORE_NOT_FOUND')(err);
      assert.equal((err as StoreError).sha256, missing);
      return true;
    });
    assert.equal(await store.has(missing), false);
    assert.equal(await store.stat(missing), undefined);
  });

  it('deletes a blob', async () => {
    const { store } = newStore();
    const { sha256 } = await store.put(Readable.from([Buffer.from('to delete')]));

    assert.equal(await store.delete(sha256), true);
    assert.equal(await store.delete(sha256), false);
    assert.equal(await store.has(sha256), false);
  });

  it('fails the read of a blob whose bytes changed on disk with DEURO_STORE_TAMPERED', async () => {
    const { store, directory } = newStore();
    const { sha256 } = await store.put(Readable.from([Buffer.from('original bytes')]));
    await writeFile(join(directory, sha256.slice(0, 2), sha256), 'altered  bytes');

    await assert.rejects(text(store.get(sha256)), (err: unknown) => {
      isStoreErrorWithCode('DEURO_STORE_TAMPERED')(err);
      assert.equal((err as StoreError).sha256, sha256);
      return true;
    });
  });

  it('replaces a tampered copy when the same bytes are put again', async () => {
    const { store, directory } = newStore();
    const { sha256 } = await store.put(Readable.from([Buffer.from('original')]));
    await writeFile(join(directory, sha256.slice(0, 2), sha256), 'tampered');

    await store.put(Readable.from([Buffer.from('original')]));

    assert.equal(await text(store.get(sha256)), 'original');
  });
});
