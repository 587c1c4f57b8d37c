import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

import { isImageError } from './errors.js';
import {
  IMAGE_EXTRACTORS,
  IMAGE_PARAMETERS,
  formatImageParameterTable,
  parseImageParameterValue,
  resolveCannyOptions,
  resolveDohOptions,
  resolveHarrisOptions,
  resolveLogOptions,
  resolveRidgeOptions,
  resolveShiTomasiOptions,
} from './parameters.js';

const DOCS = join(__dirname, '../../../../docs/features-image.md');

const RESOLVED: Record<string, object> = {
  canny: resolveCannyOptions(),
  harris: resolveHarrisOptions(),
  shiTomasi: resolveShiTomasiOptions(),
  log: resolveLogOptions(),
  doh: resolveDohOptions(),
  ridges: resolveRidgeOptions(),
};

describe('IMAGE_PARAMETERS', () => {
  it('has one row per option of every extractor, with the resolvers’ defaults', () => {
    for (const extractor of IMAGE_EXTRACTORS) {
      const rows = IMAGE_PARAMETERS.filter((p) => p.extractor === extractor);
      const defaults = RESOLVED[extractor] as Record<string, unknown>;
      assert.deepEqual(rows.map((p) => p.name).sort(), Object.keys(defaults).sort(), extractor);
      for (const p of rows) assert.equal(p.default, defaults[p.name], p.key);
    }
  });

  it('has unique keys and kebab-case flags, a range and a description for each', () => {
    assert.equal(new Set(IMAGE_PARAMETERS.map((p) => p.key)).size, IMAGE_PARAMETERS.length);
    assert.equal(new Set(IMAGE_PARAMETERS.map((p) => p.flag)).size, IMAGE_PARAMETERS.length);
    for (const p of IMAGE_PARAMETERS) {
      assert.match(p.flag, /^--[a-z]+(-[a-z]+)*$/, p.key);
      assert.ok(p.description.length > 10 && p.range.length > 0, p.key);
    }
  });

  it('parses every default back from its printed form, by key or by flag', () => {
    for (const p of IMAGE_PARAMETERS) {
      assert.equal(parseImageParameterValue(p.key, String(p.default)), p.default);
      assert.equal(parseImageParameterValue(p.flag, String(p.default)), p.default);
    }
    assert.equal(parseImageParameterValue('ridges.blackRidges', 'no'), false);
    assert.equal(parseImageParameterValue('--log-max-sigma', '1.5e1'), 15);
  });

  it('refuses out-of-range or mistyped values, naming the parameter', () => {
    const cases: [string, string][] = [
      ['canny.sigma', '0'],
      ['canny.sigma', 'abc'],
      ['harris.minDistance', '2.5'],
      ['log.numSigma', '101'],
      ['ridges.blackRidges', 'maybe'],
      ['doh.minSigma', '0.5'],
      ['canny.sigma', ''],
    ];
    for (const [key, text] of cases) {
      assert.throws(
        () => parseImageParameterValue(key, text),
        (error: unknown) =>
          isImageError(error, 'DEURO_IMAGE_INVALID_PARAMETER') && error.field === key,
        `${key}=${text}`,
      );
    }
    assert.throws(
      () => parseImageParameterValue('canny.radius', '1'),
      (error: unknown) => isImageError(error) && error.field === 'canny.radius',
    );
  });

  it('refuses options that are not objects', () => {
    assert.throws(
      () => resolveCannyOptions(5 as never),
      (error: unknown) => isImageError(error) && error.field === 'canny',
    );
  });

  it('is what docs/features-image.md shows', () => {
    const docs = readFileSync(DOCS, 'utf8');
    assert.ok(
      docs.includes(formatImageParameterTable()),
      'docs/features-image.md must carry formatImageParameterTable() verbatim; regenerate it',
    );
  });
});
