import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

import { CodedError, isCodedError } from '../../errors/coded-error.js';
import { AudioError, AudioErrorCode, audioErrorCatalogue, isAudioError } from './errors.js';
import {
  AUDIO_EXTRACTOR_NAME,
  AUDIO_EXTRACTOR_VERSION,
  canonicalJson,
  canonicalParameterHash,
} from './extractor-identity.js';
import {
  formatMfccParameterTable,
  formatParameterDefault,
  parseMfccParameterValue,
} from './mfcc-parameter-text.js';
import { MFCC_OUTPUT_DEFAULTS, MFCC_PARAMETERS } from './mfcc-parameters.js';
import { resolveMfccPipelineOptions, type MfccPipelineOptions } from './mfcc-pipeline-options.js';

const DOCS = join(__dirname, '../../../../docs/features-audio.md');

/**
 * The hash of the default parameters. It changes only when a default or the canonical form
 * changes; then the extractor's output for "the defaults" changes meaning, and
 * AUDIO_EXTRACTOR_VERSION must say so.
 */
const DEFAULT_PARAMETER_HASH = 'de579378ba289160587ed6d7900a28e203e382071c392ef169c68f11eb58caf4';

describe('MFCC_PARAMETERS', () => {
  it('has one row per pipeline option and output choice, with their defaults', () => {
    const resolved = resolveMfccPipelineOptions();
    const expected = { ...resolved, ...MFCC_OUTPUT_DEFAULTS };
    assert.deepEqual(MFCC_PARAMETERS.map((p) => p.name).sort(), Object.keys(expected).sort());
    for (const p of MFCC_PARAMETERS) {
      assert.deepEqual(p.default, expected[p.name as keyof typeof expected], p.name);
    }
  });

  it('has unique kebab-case flags and a description, unit and range for each', () => {
    const flags = MFCC_PARAMETERS.map((p) => p.flag);
    assert.equal(new Set(flags).size, flags.length);
    for (const p of MFCC_PARAMETERS) {
      assert.match(p.flag, /^--[a-z]+(-[a-z]+)*$/, p.name);
      assert.ok(p.description.length > 10 && p.range.length > 0, p.name);
    }
  });

  it('parses every default back from its printed form', () => {
    for (const p of MFCC_PARAMETERS) {
      assert.deepEqual(
        parseMfccParameterValue(p.name, formatParameterDefault(p.default)),
        p.default,
      );
    }
  });

  it('parses command-line values by type', () => {
    assert.equal(parseMfccParameterValue('sampleRate', '8000'), 8000);
    assert.equal(parseMfccParameterValue('preEmphasis', '0.95'), 0.95);
    assert.equal(parseMfccParameterValue('unitArea', 'no'), false);
    assert.equal(parseMfccParameterValue('removeDc', 'TRUE'), true);
    assert.equal(parseMfccParameterValue('transform', 'htk'), 'htk');
    assert.deepEqual(parseMfccParameterValue('cmnInitialMean', '41,-5.29, 0'), [41, -5.29, 0]);
    assert.equal(parseMfccParameterValue('channel', 'mix'), 'mix');
    assert.equal(parseMfccParameterValue('channel', '1'), 1);
    assert.equal(parseMfccParameterValue('format', 'mfc'), 'mfc');
  });

  it('rejects values of the wrong type, naming the parameter', () => {
    for (const [name, text] of [
      ['sampleRate', '16k'],
      ['fftSize', '512.5'],
      ['preEmphasis', ''],
      ['unitArea', 'maybe'],
      ['transform', 'mel'],
      ['cmnInitialMean', '1,,2'],
      ['channel', 'left'],
      ['noSuchOption', '1'],
    ] as const) {
      assert.throws(
        () => parseMfccParameterValue(name, text),
        (e: unknown) =>
          isAudioError(e, AudioErrorCode.invalidParameter) && e.details.field === name,
        `${name} ${text}`,
      );
    }
  });

  it('lists choices that the pipeline accepts', () => {
    for (const p of MFCC_PARAMETERS.filter((q) => q.type === 'choice' && q.group !== 'output')) {
      for (const choice of p.choices ?? []) {
        assert.doesNotThrow(() => resolveMfccPipelineOptions({ [p.name]: choice }));
      }
    }
  });

  it('is the table docs/features-audio.md shows (regenerate with formatMfccParameterTable())', () => {
    const docs = readFileSync(DOCS, 'utf8');
    const table = formatMfccParameterTable();
    assert.ok(
      docs.includes(table),
      `docs/features-audio.md must contain the parameter table exactly:\n\n${table}\n`,
    );
  });
});

describe('resolveMfccPipelineOptions', () => {
  it('takes undefined as the default and rejects unknown options by name', () => {
    assert.deepEqual(
      resolveMfccPipelineOptions({ sampleRate: undefined, deltas: undefined }),
      resolveMfccPipelineOptions(),
    );
    assert.throws(
      () => resolveMfccPipelineOptions({ sampleRte: 8000 } as MfccPipelineOptions),
      (e: unknown) =>
        isAudioError(e, AudioErrorCode.invalidParameter) && e.details.field === 'sampleRte',
    );
  });

  it('checks the front end and the pipeline options', () => {
    for (const [options, field] of [
      [{ fftSize: 256 }, 'fftSize'],
      [{ channel: -1 }, 'channel'],
      [{ resamplePassband: 1 }, 'resamplePassband'],
      [{ cmn: 'current' }, 'cmn'],
      [{ deltaWindow: 0 }, 'deltaWindow'],
    ] as const) {
      assert.throws(
        () => resolveMfccPipelineOptions(options as MfccPipelineOptions),
        (e: unknown) =>
          isAudioError(e, AudioErrorCode.invalidParameter) && e.details.field === field,
      );
    }
  });
});

describe('extractor identity', () => {
  it('names and versions the extractor', () => {
    assert.equal(AUDIO_EXTRACTOR_NAME, 'deuro.features.audio.mfcc');
    assert.match(AUDIO_EXTRACTOR_VERSION, /^\d+\.\d+\.\d+$/);
  });

  it('writes canonical JSON: sorted keys, no spaces, shortest numbers', () => {
    assert.equal(
      canonicalJson({ b: 1, a: [1, 1e-4, 'x', -0], c: { e: true, d: null }, B: 133.33334 }),
      '{"B":133.33334,"a":[1,0.0001,"x",0],"b":1,"c":{"d":null,"e":true}}',
    );
  });

  it('hashes the same parameters the same, in any key order', () => {
    const a = resolveMfccPipelineOptions({ transform: 'dct', deltas: 'sphinx' });
    const reordered = Object.fromEntries(Object.entries(a).reverse());
    assert.equal(canonicalParameterHash(a), canonicalParameterHash(reordered));
    assert.equal(
      canonicalParameterHash(a),
      createHash('sha256').update(canonicalJson(a)).digest('hex'),
    );
    assert.notEqual(
      canonicalParameterHash(a),
      canonicalParameterHash(resolveMfccPipelineOptions()),
    );
    assert.equal(canonicalParameterHash(resolveMfccPipelineOptions()), DEFAULT_PARAMETER_HASH);
  });

  it('refuses values JSON cannot hold exactly, naming the path', () => {
    for (const [value, field] of [
      [{ a: Number.NaN }, 'parameters.a'],
      [{ a: [1, Infinity] }, 'parameters.a[1]'],
      [{ a: undefined }, 'parameters.a'],
      [{ a: new Float32Array(1) }, 'parameters.a'],
    ] as const) {
      assert.throws(
        () => canonicalParameterHash(value),
        (e: unknown) =>
          isAudioError(e, AudioErrorCode.invalidParameter) && e.details.field === field,
      );
    }
  });
});

describe('AudioError', () => {
  it('is a CodedError with its code, detail and details', () => {
    const error = new AudioError(AudioErrorCode.malformed, 'chunk truncated', {
      field: 'data.size',
    });
    assert.ok(error instanceof CodedError);
    assert.ok(isCodedError(error));
    assert.ok(isAudioError(error, AudioErrorCode.malformed));
    assert.equal(error.name, 'AudioError');
    assert.equal(error.code, 'DEURO_AUDIO_MALFORMED');
    assert.equal(error.detail, 'chunk truncated');
    assert.equal(error.message, 'DEURO_AUDIO_MALFORMED: chunk truncated');
    assert.deepEqual(error.details, { field: 'data.size' });
  });

  it('has a catalogue entry for every code', () => {
    assert.deepEqual(Object.keys(audioErrorCatalogue).sort(), Object.values(AudioErrorCode).sort());
  });
});
