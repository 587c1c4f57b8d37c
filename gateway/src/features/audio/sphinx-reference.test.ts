/**
 * The reference comparison of the issue: speech from espeak-ng (several voices and rates) plus
 * noise and digital silence, run through sphinx_fe (Debian sphinxbase-utils) and through Deuro;
 * every coefficient of every frame must agree within 1e-3 of that coefficient's range, with the
 * legacy and the orthogonal DCT. Both tools run here, through child_process; the test fails
 * with an explicit message when one is missing.
 */

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { featureAgreement } from './feature-agreement.js';
import { mfcc } from './mfcc.js';
import type { CepstralTransform } from './mfcc-options.js';
import { resample } from './resampler.js';
import { readSphinxMfc } from './sphinx-mfc-format.js';
import { decodeWav } from './wav-decoder.js';

const TOLERANCE = 1e-3;
const SPHINX_FE_FLAGS = [
  '-dither',
  'no',
  '-remove_noise',
  'no',
  '-remove_silence',
  'no',
  '-raw',
  'yes',
];
const UTTERANCES = [
  {
    voice: 'en-us',
    rate: 120,
    text: 'Recordings are turned into features before they are shared.',
  },
  { voice: 'en-gb', rate: 175, text: 'The features are encrypted and registered on the ledger.' },
  { voice: 'en-us+f3', rate: 220, text: 'Only the owner of the key can read them back.' },
  { voice: 'fr', rate: 150, text: 'Les données restent chiffrées de bout en bout.' },
];

function requireTool(tool: string, args: string[], debianPackage: string): void {
  try {
    execFileSync(tool, args, { stdio: 'ignore' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${tool} is not installed: apt-get install -y ${debianPackage}`);
    }
  }
}

/** A deterministic generator for the added noise (no Math.random: runs must be reproducible). */
function noise(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32 - 0.5;
  };
}

/** espeak-ng speech at 16 kHz, with 0.3 s of digital silence before and noise throughout, as int16. */
function speechSample(dir: string, index: number): Int16Array {
  const { voice, rate, text } = UTTERANCES[index] ?? { voice: 'en-us', rate: 160, text: 'test' };
  const wav = join(dir, `speech-${String(index)}.wav`);
  execFileSync('espeak-ng', ['-v', voice, '-s', String(rate), '-w', wav, text]);
  const decoded = decodeWav(readFileSync(wav));
  const speech = resample(decoded.samples, { inputRate: decoded.sampleRate, outputRate: 16000 });
  const silence = 4800;
  const out = new Int16Array(silence + speech.length);
  const next = noise(index + 1);
  const noiseLevel = [0, 50, 300, 1000][index] ?? 0;
  for (let i = 0; i < speech.length; i++) {
    const x = Math.round((speech[i] ?? 0) * 32768 + noiseLevel * next());
    out[silence + i] = Math.max(-32768, Math.min(32767, x));
  }
  return out;
}

function sphinxFe(dir: string, raw: string, transform: CepstralTransform): Uint8Array {
  const out = join(dir, `${raw}.${transform}.mfc`);
  execFileSync(
    'sphinx_fe',
    [...SPHINX_FE_FLAGS, '-transform', transform, '-i', join(dir, raw), '-o', out],
    {
      stdio: 'ignore',
    },
  );
  return readFileSync(out);
}

describe('mfcc against sphinx_fe run now', () => {
  let dir = '';
  before(() => {
    requireTool('sphinx_fe', ['-help', 'no'], 'sphinxbase-utils');
    requireTool('espeak-ng', ['--version'], 'espeak-ng');
    dir = mkdtempSync(join(tmpdir(), 'deuro-mfcc-'));
  });
  after(() => {
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  for (const transform of ['legacy', 'dct'] as const) {
    it(`agrees within 1e-3 of each coefficient's range (${transform})`, (t) => {
      const worst = new Array<number>(13).fill(0);
      UTTERANCES.forEach((_, index) => {
        const pcm = speechSample(dir, index);
        const raw = `speech-${String(index)}.raw`;
        writeFileSync(join(dir, raw), new Uint8Array(pcm.buffer));
        const reference = readSphinxMfc(sphinxFe(dir, raw, transform)).features;
        const ours = mfcc(pcm, { transform, inputScale: 1 });
        const agreement = featureAgreement(reference, ours);
        agreement.relativeError.forEach((e, k) => {
          worst[k] = Math.max(worst[k] ?? 0, e);
        });
      });
      t.diagnostic(
        `${transform}: max relative error per coefficient ${worst.map((e) => e.toExponential(1)).join(' ')}`,
      );
      assert.ok(Math.max(...worst) <= TOLERANCE, `worst ${String(Math.max(...worst))}`);
    });
  }
});
