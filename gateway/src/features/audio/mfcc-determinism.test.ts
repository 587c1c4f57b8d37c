/**
 * Determinism across processes: two separate node processes (`node --import tsx`) stream the
 * same WAV file through the pipeline with the same parameters, reading it in different chunk
 * sizes, and must write the same bytes (same SHA-256) as each other and as this process, with
 * the same parameter hash.
 */

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';

import type { DeterminismProbeResult } from './determinism-probe.js';
import { canonicalParameterHash } from './extractor-identity.js';
import { extractMfcc, writeFeatureFile } from './mfcc-stream.js';
import {
  resolveMfccPipelineOptions,
  type FeatureFileFormat,
  type MfccPipelineOptions,
} from './mfcc-pipeline-options.js';
import { decodeWav } from './wav-decoder.js';
import { encodeWav } from './wav-encoder.js';

const PROBE = join(__dirname, 'determinism-probe.ts');
const FIXTURE = join(__dirname, '../../../../test/fixtures/audio/speech-16k.wav');

async function probe(
  wav: string,
  options: MfccPipelineOptions,
  format: FeatureFileFormat,
  chunkBytes: number,
): Promise<DeterminismProbeResult> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', PROBE, wav, JSON.stringify(options), format, String(chunkBytes)],
    { maxBuffer: 1024 * 1024 },
  );
  return JSON.parse(stdout) as DeterminismProbeResult;
}

describe('MFCC output across processes', () => {
  let dir = '';
  let wav = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'deuro-mfcc-determinism-'));
    // Ten seconds: the fixture's speech, 44.1 kHz stereo, so that resampling is exercised too.
    const speech = decodeWav(readFileSync(FIXTURE)).samples;
    const frames = Float64Array.from({ length: 2 * 441000 }, (_, i) => {
      const x = speech[Math.floor(i / 2) % speech.length] ?? 0;
      return i % 2 === 0 ? x : 0.5 * x;
    });
    wav = join(dir, 'input.wav');
    writeFileSync(wav, encodeWav(frames, { sampleRate: 44100, channelCount: 2 }));
  });
  after(() => {
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  const runs: [MfccPipelineOptions, FeatureFileFormat][] = [
    [{}, 'npy'],
    [{ transform: 'dct', lifter: 22, filterCount: 25, cmn: 'live', deltas: 'sphinx' }, 'mfc'],
  ];
  for (const [options, format] of runs) {
    it(`writes identical bytes in two processes (${JSON.stringify(options)}, ${format})`, async () => {
      const [first, second] = await Promise.all([
        probe(wav, options, format, 4096),
        probe(wav, options, format, 65537),
      ]);
      const here = createHash('sha256')
        .update(writeFeatureFile(extractMfcc(readFileSync(wav), options), format))
        .digest('hex');
      assert.equal(first.outputSha256, second.outputSha256);
      assert.equal(first.outputSha256, here);
      assert.equal(first.parameterHash, second.parameterHash);
      assert.equal(
        first.parameterHash,
        canonicalParameterHash(resolveMfccPipelineOptions(options)),
      );
      assert.equal(first.frameCount, 999);
    });
  }
});
