import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

import { AudioErrorCode, isAudioError } from './errors.js';
import { featureAgreement } from './feature-agreement.js';
import { stackFrames } from './feature-matrix.js';
import { logMelSpectrogram } from './log-mel.js';
import { mfcc, newMfccExtractor } from './mfcc.js';
import { POCKETSPHINX_EN_US, resolveMfccOptions } from './mfcc-options.js';
import { sphinxFrameCount } from './sphinx-front-end.js';
import { readSphinxMfc } from './sphinx-mfc-format.js';
import { decodeWav } from './wav-decoder.js';

const FIXTURES = join(__dirname, '../../../../test/fixtures/audio');

function fixture(name: string): Uint8Array {
  return readFileSync(join(FIXTURES, name));
}

/** Agreement the issue asks for; the measured figure is far below (see docs/features-audio.md). */
const TOLERANCE = 1e-3;

describe('mfcc against stored sphinx_fe fixtures', () => {
  const speech = decodeWav(fixture('speech-16k.wav')).samples;

  const cases = [
    { file: 'speech-16k.legacy.mfc', options: {}, dimension: 13 },
    { file: 'speech-16k.dct.mfc', options: { transform: 'dct' as const }, dimension: 13 },
    { file: 'speech-16k.en-us.mfc', options: POCKETSPHINX_EN_US, dimension: 13 },
  ];
  for (const { file, options, dimension } of cases) {
    it(`agrees with ${file}`, (t) => {
      const reference = readSphinxMfc(fixture(file), dimension).features;
      const ours = mfcc(speech, options);
      const agreement = featureAgreement(reference, ours);
      t.diagnostic(
        `max relative error per coefficient: ${agreement.relativeError.map((e) => e.toExponential(1)).join(' ')}`,
      );
      assert.ok(
        agreement.worstRelativeError <= TOLERANCE,
        `worst ${String(agreement.worstRelativeError)}`,
      );
    });
  }

  it('agrees with sphinx_fe -logspec yes', () => {
    const reference = readSphinxMfc(fixture('speech-16k.logspec.mfc'), 40).features;
    const agreement = featureAgreement(reference, logMelSpectrogram(speech));
    assert.ok(
      agreement.worstRelativeError <= TOLERANCE,
      `worst ${String(agreement.worstRelativeError)}`,
    );
  });
});

describe('mfcc framing', () => {
  it('uses sphinx_fe sizes: 410-sample window, 160-sample shift', () => {
    const p = resolveMfccOptions();
    assert.equal(p.frameSize, 410);
    assert.equal(p.frameShift, 160);
  });

  it('counts frames as sphinx_fe (whole windows plus one final partial frame)', () => {
    assert.equal(sphinxFrameCount(0, 410, 160), 0);
    assert.equal(sphinxFrameCount(100, 410, 160), 1);
    assert.equal(sphinxFrameCount(410, 410, 160), 2);
    assert.equal(sphinxFrameCount(1850, 410, 160), 11);
    assert.equal(sphinxFrameCount(49137, 410, 160), 306);
    for (const n of [0, 1, 409, 410, 411, 570, 2000]) {
      assert.equal(mfcc(new Float64Array(n).fill(0.01)).frameCount, sphinxFrameCount(n, 410, 160));
    }
  });

  it('streams: any chunking gives bit-identical frames', () => {
    const samples = new Float64Array(16000).map(
      (_, i) => Math.sin(i * 0.05) * 0.3 + Math.sin(i * 1.3) * 0.1,
    );
    const batch = mfcc(samples);
    for (const chunk of [1, 159, 160, 411, 5000]) {
      const extractor = newMfccExtractor();
      const frames = [];
      for (let i = 0; i < samples.length; i += chunk)
        frames.push(...extractor.push(samples.subarray(i, i + chunk)));
      frames.push(...extractor.end());
      assert.deepEqual(stackFrames(frames, 13).data, batch.data, `chunk ${String(chunk)}`);
    }
  });

  it('floors the log of digital silence at log(1e-4)', () => {
    const logMel = logMelSpectrogram(new Float64Array(1000));
    assert.ok(logMel.data.every((x) => Math.abs(x - Math.log(1e-4)) < 1e-6));
  });

  it('rejects invalid parameters naming the field', () => {
    for (const [options, field] of [
      [{ fftSize: 500 }, 'fftSize'],
      [{ fftSize: 256 }, 'fftSize'],
      [{ upperFrequency: 9000 }, 'upperFrequency'],
      [{ cepstrumCount: 41 }, 'cepstrumCount'],
      [{ lifter: 2.5 }, 'lifter'],
    ] as const) {
      assert.throws(
        () => mfcc(new Float64Array(1000), options),
        (e: unknown) =>
          isAudioError(e, AudioErrorCode.invalidParameter) && e.details.field === field,
      );
    }
  });
});
