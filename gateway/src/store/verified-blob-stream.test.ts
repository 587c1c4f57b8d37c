import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { appendFile, mkdtemp, open, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { StoreError } from './store-error';
import { newVerifiedBlobStream } from './verified-blob-stream';

interface ReadOutcome {
  readonly received: number;
  readonly error: unknown;
  readonly ended: boolean;
}

async function consume(stream: Readable): Promise<ReadOutcome> {
  let received = 0;
  let ended = false;
  stream.on('end', () => {
    ended = true;
  });
  try {
    for await (const chunk of stream) {
      received += (chunk as Buffer).length;
    }
    return { received, error: undefined, ended };
  } catch (err) {
    return { received, error: err, ended };
  }
}

function assertTampered(outcome: ReadOutcome, sha256: string): void {
  assert.ok(outcome.error instanceof StoreError, String(outcome.error));
  assert.equal(outcome.error.code, 'DEURO_STORE_TAMPERED');
  assert.equal(outcome.error.sha256, sha256);
  assert.equal(outcome.ended, false);
}

describe('newVerifiedBlobStream', () => {
  const size = 1024 * 1024 + 123;
  let root = '';
  let content = Buffer.alloc(0);
  let sha256 = '';
  let counter = 0;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'deuro-verify-'));
    content = randomBytes(size);
    sha256 = createHash('sha256').update(content).digest('hex');
  });

  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  async function blobFile(bytes: Buffer = content): Promise<string> {
    counter += 1;
    const path = join(root, `blob-${String(counter)}`);
    await writeFile(path, bytes);
    return path;
  }

  it('streams an intact blob to a clean end', async () => {
    const outcome = await consume(newVerifiedBlobStream(await blobFile(), sha256));

    assert.deepEqual(outcome, { received: size, error: undefined, ended: true });
  });

  it('fails with DEURO_STORE_TAMPERED, withholding the last chunk, when one byte changed', async () => {
    const path = await blobFile();
    const handle = await open(path, 'r+');
    await handle.write(Buffer.from([content[500] === 0 ? 1 : 0]), 0, 1, 500);
    await handle.close();

    const outcome = await consume(newVerifiedBlobStream(path, sha256));

    assertTampered(outcome, sha256);
    assert.ok(outcome.received < size, `received ${String(outcome.received)} of ${String(size)}`);
  });

  it('releases nothing of a one-chunk blob that was altered', async () => {
    const small = Buffer.from('short blob');
    const path = await blobFile(Buffer.from('short blub'));

    const outcome = await consume(
      newVerifiedBlobStream(path, createHash('sha256').update(small).digest('hex')),
    );

    assert.equal(outcome.received, 0);
    assert.ok(outcome.error instanceof StoreError);
    assert.equal(outcome.error.code, 'DEURO_STORE_TAMPERED');
  });

  it('detects a truncated blob', async () => {
    const path = await blobFile();
    await truncate(path, size - 1);

    assertTampered(await consume(newVerifiedBlobStream(path, sha256)), sha256);
  });

  it('detects a blob emptied on disk', async () => {
    const path = await blobFile();
    await truncate(path, 0);

    assertTampered(await consume(newVerifiedBlobStream(path, sha256)), sha256);
  });

  it('detects bytes appended to a blob', async () => {
    const path = await blobFile();
    await appendFile(path, 'x');

    const outcome = await consume(newVerifiedBlobStream(path, sha256));

    assertTampered(outcome, sha256);
    assert.ok(outcome.received <= size);
  });

  it('never puts blob bytes into the error message', async () => {
    const secret = Buffer.from('secret-marker-in-blob');
    const path = await blobFile(Buffer.from('secret-marker-in-blob!'));

    const outcome = await consume(
      newVerifiedBlobStream(path, createHash('sha256').update(secret).digest('hex')),
    );

    assert.ok(outcome.error instanceof StoreError);
    assert.ok(!outcome.error.message.includes('secret-marker'));
  });

  it('fails with DEURO_STORE_NOT_FOUND for a missing file', async () => {
    const outcome = await consume(newVerifiedBlobStream(join(root, 'absent'), sha256));

    assert.ok(outcome.error instanceof StoreError);
    assert.equal(outcome.error.code, 'DEURO_STORE_NOT_FOUND');
  });

  it('closes the file when the consumer stops early', async () => {
    const stream = newVerifiedBlobStream(await blobFile(), sha256);
    for await (const _chunk of stream) {
      break;
    }

    assert.equal(stream.destroyed, true);
  });
});
