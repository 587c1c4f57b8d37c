/**
 * The memory measurement, run in a child process of run.ts so that nothing else the benchmark
 * did counts: a stream of `sizeMib` MiB generated on the fly goes through the Deuro encryptor
 * (to 1 RSA-3072 and 2 P-256 recipients) and straight into the decryptor of one recipient,
 * into a sink that checks the byte count. Prints one JSON line: the resident set size before
 * the stream, the process's peak resident set size (getrusage maxrss) after it, and the time.
 *
 *   node --import tsx bench/crypto/stream-memory.ts 1024
 */

import { generateKeyPairSync } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { newCmsDecryptor, newCmsEncryptor } from '../../gateway/src/crypto';
import { generatedChunks } from './input-file';

/** What the child process prints. */
export interface StreamMemoryResult {
  readonly bytes: number;
  readonly seconds: number;
  readonly baselineRssBytes: number;
  readonly peakRssBytes: number;
}

const MIB = 1024 * 1024;

async function main(sizeMib: number): Promise<void> {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 3072 });
  const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const ec2 = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  let bytes = 0;
  const baselineRssBytes = process.memoryUsage().rss;
  const started = process.hrtime.bigint();
  await pipeline(
    Readable.from(generatedChunks(sizeMib)),
    newCmsEncryptor({
      recipients: [rsa, ec, ec2].map((pair) => ({ publicKey: pair.publicKey })),
    }),
    newCmsDecryptor({ privateKey: ec.privateKey }),
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        bytes += chunk.length;
        callback();
      },
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (bytes !== sizeMib * MIB) {
    throw new Error(`decrypted ${String(bytes)} bytes, expected ${String(sizeMib * MIB)}`);
  }
  const result: StreamMemoryResult = {
    bytes,
    seconds,
    baselineRssBytes,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (require.main === module) {
  main(Number(process.argv[2] ?? '1024')).catch((error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  });
}
