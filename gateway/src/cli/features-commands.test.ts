/*
 * `deuro features mfcc` and `deuro features image` run in-process on a small WAV and PNG: the
 * options reach the extractors (the output changes as they say), sphinx_fe's flag names work,
 * and bad options fail with a usage error naming the parameter and its code, leaving no file.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { Command, CommanderError } from 'commander';

import {
  encodeWav,
  extractMfcc,
  readNpy,
  readSphinxMfc,
  sphinxFrameCount,
  type FeatureMatrix,
} from '../features/audio/index';
import { syntheticScenePng } from '../features/image/synthetic-images';
import { CliError, exitCodes } from './cli-error';
import { registerFeaturesCommands } from './features-commands';

/** A fresh `deuro` with the features commands, throwing instead of exiting. */
async function deuro(...args: string[]): Promise<void> {
  const root = new Command('deuro').exitOverride().configureOutput({
    writeErr: () => undefined,
    writeOut: () => undefined,
  });
  registerFeaturesCommands(root);
  await root.parseAsync(args, { from: 'user' });
}

/** One second of 16 kHz speech-like sound: two tones under a slow envelope, and some noise. */
function testWav(): Uint8Array {
  const samples = new Float64Array(16000);
  let state = 7;
  for (let n = 0; n < samples.length; n++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const envelope = 0.5 + 0.5 * Math.sin((2 * Math.PI * 3 * n) / 16000);
    const tones =
      Math.sin((2 * Math.PI * 440 * n) / 16000) + 0.5 * Math.sin((2 * Math.PI * 1870 * n) / 16000);
    samples[n] = 0.3 * envelope * tones + 0.01 * (state / 2 ** 32 - 0.5);
  }
  return encodeWav(samples, { sampleRate: 16000, bitsPerSample: 16 });
}

function assertUsageError(error: unknown, code: string, field: RegExp): true {
  assert.ok(error instanceof CliError, String(error));
  assert.equal(error.exitCode, exitCodes.usage);
  assert.equal(error.code, code);
  assert.match(error.message, field);
  return true;
}

describe('deuro features mfcc and image', () => {
  let dir = '';
  let wav = '';
  let png = '';
  const out = (name: string): string => join(dir, name);
  const npy = (name: string): FeatureMatrix => readNpy(readFileSync(out(name)));

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'deuro-features-cli-'));
    wav = out('in.wav');
    png = out('in.png');
    writeFileSync(wav, testWav());
    writeFileSync(png, await syntheticScenePng(96, 72, { noise: 4, seed: 5 }));
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the sphinx_fe defaults as .npy: 13 cepstra per frame', async () => {
    await deuro('features', 'mfcc', wav, '-o', out('default.npy'));
    const m = npy('default.npy');
    assert.equal(m.dimension, 13);
    assert.equal(m.frameCount, sphinxFrameCount(16000, 410, 160));
    assert.deepEqual(m.data, extractMfcc(readFileSync(wav)).data);
    assert.equal(existsSync(out('default.npy.part')), false);
  });

  it('passes non-default options through: --cepstrum-count, --filter-count, --lifter, --deltas', async () => {
    await deuro(
      'features',
      'mfcc',
      wav,
      '-o',
      out('custom.npy'),
      '--cepstrum-count',
      '20',
      '--filter-count',
      '30',
      '--transform',
      'dct',
      '--lifter',
      '22',
    );
    const custom = npy('custom.npy');
    assert.equal(custom.dimension, 20);
    const expected = extractMfcc(readFileSync(wav), {
      cepstrumCount: 20,
      filterCount: 30,
      transform: 'dct',
      lifter: 22,
    });
    assert.deepEqual(custom.data, expected.data);
    assert.notDeepEqual(custom.data.subarray(0, 13), npy('default.npy').data.subarray(0, 13));

    await deuro('features', 'mfcc', wav, '-o', out('deltas.npy'), '--deltas', 'sphinx');
    assert.equal(npy('deltas.npy').dimension, 39);
  });

  it("accepts sphinx_fe's names: --ncep 20 --nfilt 30 is --cepstrum-count 20 --filter-count 30", async () => {
    await deuro('features', 'mfcc', wav, '-o', out('sphinx-names.npy'), '--ncep', '20');
    await deuro('features', 'mfcc', wav, '-o', out('own-names.npy'), '--cepstrum-count', '20');
    assert.deepEqual(readFileSync(out('sphinx-names.npy')), readFileSync(out('own-names.npy')));
    await deuro(
      'features',
      'mfcc',
      wav,
      '-o',
      out('nfilt.npy'),
      '--nfilt',
      '30',
      '--cepstrum-count',
      '20',
      '--transform',
      'dct',
      '--lifter',
      '22',
    );
    assert.deepEqual(readFileSync(out('nfilt.npy')), readFileSync(out('custom.npy')));
  });

  it('writes Sphinx .mfc with --format mfc (and --byte-order big): the same features', async () => {
    await deuro('features', 'mfcc', wav, '-o', out('default.mfc'), '--format', 'mfc');
    const bytes = readFileSync(out('default.mfc'));
    const values = npy('default.npy').data;
    assert.equal(bytes.readInt32LE(0), values.length);
    const mfc = readSphinxMfc(bytes, 13);
    assert.equal(mfc.byteOrder, 'little');
    assert.deepEqual(mfc.features.data, values);

    await deuro(
      'features',
      'mfcc',
      wav,
      '-o',
      out('big.mfc'),
      '--format',
      'mfc',
      '--byte-order',
      'big',
    );
    const big = readSphinxMfc(readFileSync(out('big.mfc')), 13);
    assert.equal(big.byteOrder, 'big');
    assert.deepEqual(big.features.data, values);
  });

  it('refuses bad MFCC options with a usage error naming the parameter, and writes nothing', async () => {
    const cases: [string[], string, RegExp][] = [
      [['--cepstrum-count', '50'], 'DEURO_AUDIO_INVALID_PARAMETER', /cepstrumCount/],
      [['--cepstrum-count', 'many'], 'DEURO_AUDIO_INVALID_PARAMETER', /cepstrumCount/],
      [['--fft-size', '500'], 'DEURO_AUDIO_INVALID_PARAMETER', /fftSize/],
      [['--format', 'wav'], 'DEURO_AUDIO_INVALID_PARAMETER', /format/],
      [['--remove-dc', 'maybe'], 'DEURO_AUDIO_INVALID_PARAMETER', /removeDc/],
    ];
    for (const [flags, code, field] of cases) {
      await assert.rejects(deuro('features', 'mfcc', wav, '-o', out('bad.npy'), ...flags), (e) =>
        assertUsageError(e, code, field),
      );
      assert.equal(existsSync(out('bad.npy')), false, flags.join(' '));
      assert.equal(existsSync(out('bad.npy.part')), false, flags.join(' '));
    }
    await assert.rejects(
      deuro(
        'features',
        'mfcc',
        wav,
        '-o',
        out('bad.npy'),
        '--ncep',
        '12',
        '--cepstrum-count',
        '13',
      ),
      (e) => {
        assert.ok(e instanceof CliError);
        assert.match(e.message, /--cepstrum-count 13 and --ncep 12/);
        return true;
      },
    );
    await assert.rejects(
      deuro('features', 'mfcc', wav, '-o', out('bad.npy'), '--bogus', '1'),
      (e) => {
        assert.ok(e instanceof CommanderError);
        assert.equal(e.code, 'commander.unknownOption');
        return true;
      },
    );
  });

  it('passes image options through: the JSON holds them and the features follow', async () => {
    await deuro('features', 'image', png, '-o', out('default.json'));
    await deuro(
      'features',
      'image',
      png,
      '-o',
      out('custom.json'),
      '--canny-sigma',
      '2',
      '--harris-max-corners',
      '3',
      '--harris-block-size',
      '3',
      '--log-log-scale',
      'true',
    );
    type Json = {
      parameters: {
        canny: { sigma: number };
        harris: { maxCorners: number; blockSize: number };
        log: { logScale: boolean };
      };
      parameterHash: string;
      edges: { count: number };
      harris: { count: number };
    };
    const read = (name: string): Json => JSON.parse(readFileSync(out(name), 'utf8')) as Json;
    const before = read('default.json');
    const custom = read('custom.json');
    assert.equal(custom.parameters.canny.sigma, 2);
    assert.equal(custom.parameters.harris.maxCorners, 3);
    assert.equal(custom.parameters.harris.blockSize, 3);
    assert.equal(custom.parameters.log.logScale, true);
    assert.equal(custom.harris.count, 3);
    assert.ok(before.harris.count > 3);
    assert.notEqual(custom.edges.count, before.edges.count);
    assert.notEqual(custom.parameterHash, before.parameterHash);
  });

  it('refuses bad image options with a usage error naming the parameter', async () => {
    const cases: [string[], RegExp][] = [
      [['--canny-sigma', '-1'], /canny\.sigma/],
      [['--harris-max-corners', '2.5'], /harris\.maxCorners/],
      [['--log-log-scale', 'maybe'], /log\.logScale/],
      [['--canny-low-threshold', '0.5', '--canny-high-threshold', '0.2'], /canny\.highThreshold/],
    ];
    for (const [flags, field] of cases) {
      await assert.rejects(deuro('features', 'image', png, '-o', out('bad.json'), ...flags), (e) =>
        assertUsageError(e, 'DEURO_IMAGE_INVALID_PARAMETER', field),
      );
      assert.equal(existsSync(out('bad.json')), false, flags.join(' '));
    }
  });
});
