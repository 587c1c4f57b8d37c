/**
 * The benchmark's input: incompressible bytes written once to a file both encryptors read,
 * and the same kind of content generated on the fly (never held in memory) for the memory
 * measurement.
 */

import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const MIB = 1024 * 1024;

/**
 * `sizeMib` MiB in 1 MiB chunks: one random MiB with the chunk number in its first bytes, so
 * no two chunks are equal. Each chunk is a new Buffer, as a file or socket reader gives.
 */
export function* generatedChunks(sizeMib: number): Generator<Buffer> {
  const pattern = randomBytes(MIB);
  for (let index = 0; index < sizeMib; index++) {
    const chunk = Buffer.from(pattern);
    chunk.writeUInt32BE(index, 0);
    yield chunk;
  }
}

/** Write `sizeMib` MiB of generated content to `path`. */
export async function writeInputFile(path: string, sizeMib: number): Promise<void> {
  await pipeline(Readable.from(generatedChunks(sizeMib)), createWriteStream(path));
}
