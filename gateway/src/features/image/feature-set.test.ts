import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';

import { isImageError } from './errors.js';
import { imageFeaturesToJson, imageParameterHash } from './feature-json.js';
import {
  IMAGE_EXTRACTOR_NAME,
  IMAGE_EXTRACTOR_VERSION,
  extractImageFeatures,
  type ImageFeatureSet,
} from './feature-set.js';
import { resolveCannyOptions } from './parameters.js';
import { decodeRuns } from './run-length.js';
import { syntheticScenePng } from './synthetic-images.js';

/**
 * SHA-256 of the JSON of every feature of the 160 x 120 noisy scene with default parameters.
 * It changes only when some output changes for the same input and options; then
 * IMAGE_EXTRACTOR_VERSION must change too.
 */
const GOLDEN_SHA256 = '9056eb07571f3945b6e92bb4cbd272d1b4a04beef1046fa4c3001338befc8f3d';

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

async function scene(): Promise<Buffer> {
  return syntheticScenePng(160, 120, { noise: 4, seed: 3 });
}

async function expectInvalid(promise: Promise<unknown>, field: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(isImageError(error, 'DEURO_IMAGE_INVALID_PARAMETER'), String(error));
    assert.equal(error.field, field);
    return true;
  });
}

describe('extractImageFeatures', () => {
  it('runs every extractor and names itself, its version and its parameters', async () => {
    const set = await extractImageFeatures(await scene());
    assert.equal(set.extractor, IMAGE_EXTRACTOR_NAME);
    assert.equal(set.version, IMAGE_EXTRACTOR_VERSION);
    assert.deepEqual(set.image, { width: 160, height: 120, format: 'png' });
    assert.deepEqual(Object.keys(set.parameters), [
      'canny',
      'harris',
      'shiTomasi',
      'log',
      'doh',
      'ridges',
    ]);
    assert.equal(set.parameterHash, imageParameterHash(set.parameters));
    const edges = set.edges ?? { count: 0, runs: [] };
    assert.ok(edges.count > 0);
    assert.equal(
      decodeRuns(edges.runs, 160 * 120).reduce((s, v) => s + v, 0),
      edges.count,
    );
  });

  it('lists corners and blobs strongest first, and summarises ridges per scale', async () => {
    const set = await extractImageFeatures(await scene());
    for (const points of [set.harris, set.shiTomasi, set.log, set.doh]) {
      assert.ok(points !== undefined && points.count > 0);
      assert.equal(points.x.length, points.count);
      assert.equal(points.y.length, points.count);
      assert.deepEqual(
        points.score,
        [...points.score].sort((a, b) => b - a),
      );
    }
    assert.equal(set.log?.sigma.length, set.log?.count);
    const ridgeSummary = set.ridges;
    assert.ok(ridgeSummary !== undefined);
    assert.deepEqual(ridgeSummary.sigmas, [1, 3, 5, 7, 9]);
    assert.equal(
      ridgeSummary.scaleCounts.reduce((s, v) => s + v, 0),
      ridgeSummary.count,
    );
  });

  it('gives bit-identical JSON for the same bytes and options, with a stable key order', async () => {
    const png = await scene();
    const first = imageFeaturesToJson(await extractImageFeatures(png));
    const second = imageFeaturesToJson(await extractImageFeatures(png));
    assert.equal(first, second);
    assert.deepEqual(Object.keys(JSON.parse(first) as object), [
      'extractor',
      'version',
      'image',
      'parameters',
      'parameterHash',
      'edges',
      'harris',
      'shiTomasi',
      'log',
      'doh',
      'ridges',
    ]);
    assert.equal(sha256(first), GOLDEN_SHA256);
  });

  it('writes the documented key order whatever the object order', async () => {
    const set = await extractImageFeatures(await scene(), { extractors: ['ridges', 'canny'] });
    const shuffled = Object.fromEntries(
      Object.entries(set).reverse(),
    ) as unknown as ImageFeatureSet;
    assert.equal(imageFeaturesToJson(shuffled), imageFeaturesToJson(set));
    assert.deepEqual(Object.keys(set.parameters), ['canny', 'ridges']);
    assert.equal(set.harris, undefined);
  });

  it('hashes parameters independently of their order', () => {
    const canny = resolveCannyOptions({ sigma: 2 });
    const reordered = {
      highThreshold: canny.highThreshold,
      lowThreshold: canny.lowThreshold,
      sigma: 2,
    };
    assert.equal(imageParameterHash({ canny }), imageParameterHash({ canny: reordered }));
    assert.notEqual(
      imageParameterHash({ canny }),
      imageParameterHash({ canny: resolveCannyOptions() }),
    );
  });

  it('checks options before decoding, naming the field', async () => {
    const notAnImage = Buffer.from('not an image');
    await expectInvalid(extractImageFeatures(notAnImage, { canny: { sigma: -1 } }), 'canny.sigma');
    await expectInvalid(
      extractImageFeatures(notAnImage, { extractors: ['edges' as never] }),
      'extractors',
    );
    await expectInvalid(extractImageFeatures(notAnImage, { colour: true } as never), 'colour');
    await expectInvalid(extractImageFeatures(notAnImage, { log: { maxBlobs: 0 } }), 'log.maxBlobs');
    await assert.rejects(extractImageFeatures(notAnImage), (error: unknown) =>
      isImageError(error, 'DEURO_IMAGE_UNSUPPORTED'),
    );
  });
});
