/**
 * A separate process for the determinism test (`mfcc-determinism.test.ts`): streams a WAV file
 * through {@link extractMfccStream} and prints one JSON line with the SHA-256 of the output
 * bytes and the parameter hash.
 *
 *   node --import tsx determinism-probe.ts <file.wav> <options JSON> <npy|mfc> <read chunk bytes>
 */

import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Writable } from 'node:stream';

import { extractMfccStream } from './mfcc-stream.js';
import type { FeatureFileFormat, MfccPipelineOptions } from './mfcc-pipeline-options.js';

/** What the probe prints. */
export interface DeterminismProbeResult {
  readonly outputSha256: string;
  readonly parameterHash: string;
  readonly frameCount: number;
}

async function main(argv: readonly string[]): Promise<void> {
  const [path, optionsJson, format, chunkBytes] = argv;
  if (path === undefined || optionsJson === undefined || format === undefined) {
    throw new Error(
      'usage: determinism-probe.ts <file.wav> <options JSON> <npy|mfc> [chunk bytes]',
    );
  }
  const hash = createHash('sha256');
  const output = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      callback();
    },
  });
  const result = await extractMfccStream(
    createReadStream(path, { highWaterMark: Number(chunkBytes ?? 65536) }),
    JSON.parse(optionsJson) as MfccPipelineOptions,
    output,
    format as FeatureFileFormat,
  );
  const printed: DeterminismProbeResult = {
    outputSha256: hash.digest('hex'),
    parameterHash: result.parameterHash,
    frameCount: result.frameCount,
  };
  process.stdout.write(`${JSON.stringify(printed)}\n`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  });
}
