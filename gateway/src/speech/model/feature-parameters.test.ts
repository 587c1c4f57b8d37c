/**
 * `feat.params`: the real file parses to the flags Deuro computes; malformed lines, values Deuro
 * does not compute and flags it does not know are rejected with the model-malformed code.
 */

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { POCKETSPHINX_EN_US } from '../../features/audio/index.js';
import { isSpeechError } from '../align/speech-error.js';
import { DEFAULT_MODEL_DIRECTORY } from './acoustic-model.js';
import { checkFeatureParameters, parseFeatureParameters } from './feature-parameters.js';

const TEXT = readFileSync(join(DEFAULT_MODEL_DIRECTORY, 'feat.params'), 'utf8');

function isMalformed(e: unknown): boolean {
  return isSpeechError(e, 'DEURO_SPEECH_MODEL_MALFORMED') && e.details.field === 'feat.params';
}

/** The real flags with `line` added (a later line replaces an earlier flag). */
function checkWith(line: string): void {
  checkFeatureParameters(parseFeatureParameters(`${TEXT}\n${line}\n`));
}

describe('parseFeatureParameters', () => {
  it('parses the en-us feat.params', () => {
    const flags = parseFeatureParameters(TEXT);
    assert.deepEqual(Object.fromEntries(flags), {
      lowerf: '130',
      upperf: '6800',
      nfilt: '25',
      transform: 'dct',
      lifter: '22',
      feat: '1s_c_d_dd',
      svspec: '0-12/13-25/26-38',
      agc: 'none',
      cmn: 'batch',
      varnorm: 'no',
      model: 'ptm',
      cmninit: '41.00,-5.29,-0.12,5.09,2.48,-4.07,-1.37,-1.78,-5.08,-2.05,-6.45,-1.42,1.17',
    });
  });

  it('skips blank lines and surrounding space; the last of a repeated flag wins', () => {
    const flags = parseFeatureParameters('\n  -nfilt   25  \r\n\n\t-nfilt 40\n');
    assert.deepEqual([...flags], [['nfilt', '40']]);
  });

  it('rejects a line without a dash or without a value', () => {
    assert.throws(() => parseFeatureParameters('lowerf 130\n'), isMalformed);
    assert.throws(() => parseFeatureParameters('-lowerf 130\n-upperf\n'), isMalformed);
  });
});

describe('checkFeatureParameters', () => {
  it("accepts the model's flags and returns the front end Deuro computes for them", () => {
    assert.equal(checkFeatureParameters(parseFeatureParameters(TEXT)), POCKETSPHINX_EN_US);
    assert.equal(checkFeatureParameters(new Map()), POCKETSPHINX_EN_US);
  });

  it('compares numbers as numbers and accepts front-end flags at their sphinx_fe defaults', () => {
    checkWith('-lowerf 130.0');
    checkWith('-samprate 16000\n-frate 100\n-wlen 0.025625\n-nfft 512\n-ncep 13\n-alpha 0.97');
  });

  it('rejects values Deuro does not compute', () => {
    for (const line of [
      '-nfilt 40',
      '-transform legacy',
      '-cmn live',
      '-feat s2_4x',
      '-model ms',
    ]) {
      assert.throws(() => {
        checkWith(line);
      }, isMalformed);
    }
    for (const line of ['-samprate 8000', '-nfft 256', '-ncep 20', '-alpha 0.9']) {
      assert.throws(() => {
        checkWith(line);
      }, isMalformed);
    }
  });

  it('rejects flags Deuro does not know', () => {
    for (const line of ['-remove_noise yes', '-dither yes', '-lowerfreq 130']) {
      assert.throws(() => {
        checkWith(line);
      }, isMalformed);
    }
  });
});
