import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { newLocalBlobStore } from './local-blob-store';

const MIB = 1024 * 1024;
const BLOB_BYTES = 300 * MIB;
const MAX_RSS_GROWTH = 100 * MIB;

/** Tracks the peak resident set size while sampled. */
function newRssProbe(): { sample: () => void; growth: () => number } {
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  return {
    sample: () => {
      peak = Math.max(peak, process.memoryUsage.rss());
    },
    growth: () => peak - baseline,
  };
}

/** 300 MiB generated on the fly: a random block, each copy salted with its index. */
function generatedBlob(onChunk: () => void): { source: Readable; sha256: () => string } {
  const block = randomBytes(MIB);
  const hash = createHash('sha256');
  let sent = 0;
  const source = new Readable({
    read() {
      if (sent === BLOB_BYTES) {
        this.push(null);
        return;
      }
      const chunk = Buffer.from(block);
      chunk.writeUInt32BE(sent / MIB, 0);
      hash.update(chunk);
      sent += chunk.length;
      onChunk();
      this.push(chunk);
    },
  });
  return { source, sha256: () => hash.digest('hex') };
}

describe('LocalBlobStore with a 300 MiB blob', () => {
  let root = '';

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'deuro-store-large-'));
  });

  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('stores and reads it back with flat memory', async () => {
    const store = newLocalBlobStore({ directory: root });
    const probe = newRssProbe();
    const sampler = setInterval(probe.sample, 10);
    try {
      const blob = generatedBlob(probe.sample);
      const stored = await store.put(blob.source, { maxBytes: BLOB_BYTES });
      assert.deepEqual(stored, { sha256: blob.sha256(), size: BLOB_BYTES });

      let read = 0;
      for await (const chunk of store.get(stored.sha256)) {
        read += (chunk as Buffer).length;
        probe.sample();
      }
      assert.equal(read, BLOB_BYTES);
    } finally {
      clearInterval(sampler);
    }

    assert.ok(
      probe.growth() < MAX_RSS_GROWTH,
      `rss grew by ${String(Math.round(probe.growth() / MIB))} MiB`,
    );
  });
});
