import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, it } from 'node:test';
import { newCmsDecryptor } from './cms-decryptor';
import { newCmsEncryptor } from './cms-encryptor';

const MIB = 1024 * 1024;
const CONTENT_MIB = 256;
const MAX_RSS_GROWTH_MIB = 100;

/** `total` bytes in 1 MiB chunks, generated on the fly and hashed as they go. */
function* generatedContent(total: number, hash: ReturnType<typeof createHash>): Generator<Buffer> {
  const pattern = randomBytes(MIB);
  for (let offset = 0; offset < total; offset += MIB) {
    const chunk = Buffer.from(pattern);
    chunk.writeUInt32BE(offset / MIB, 0);
    hash.update(chunk);
    yield chunk;
  }
}

describe('CMS streaming memory', () => {
  it(`encrypts and decrypts ${String(CONTENT_MIB)} MiB with flat resident memory`, async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const inputHash = createHash('sha256');
    const outputHash = createHash('sha256');
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    let received = 0;

    await pipeline(
      Readable.from(generatedContent(CONTENT_MIB * MIB, inputHash)),
      newCmsEncryptor({ recipients: [{ publicKey }] }),
      newCmsDecryptor({ privateKey }),
      new Writable({
        write(chunk: Buffer, _encoding, callback) {
          received += chunk.length;
          outputHash.update(chunk);
          peak = Math.max(peak, process.memoryUsage().rss);
          callback();
        },
      }),
    );

    assert.equal(received, CONTENT_MIB * MIB);
    assert.equal(outputHash.digest('hex'), inputHash.digest('hex'));
    const growthMib = (peak - baseline) / MIB;
    assert.ok(growthMib < MAX_RSS_GROWTH_MIB, `rss grew by ${growthMib.toFixed(1)} MiB`);
  });
});
