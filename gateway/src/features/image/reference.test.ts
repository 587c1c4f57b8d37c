/**
 * The reference comparison of the issue: every extractor against its reference, run now on
 * the same PNGs with the same parameters through scripts/reference/image-features.py:
 * scikit-image 0.19 for all features (library defaults), and OpenCV 4.6 for the gray levels,
 * Canny (cv2.GaussianBlur with scipy's kernel size + cv2.Canny(L2gradient), thresholds x 255)
 * and the corners (cv2.cornerHarris and cv2.cornerMinEigenVal with blockSize 3, ksize 3,
 * against Deuro's OpenCV box window, blockSize 3; both sides' peaks picked by corner_peaks with
 * the same minDistance and thresholds). docs/features-image.md maps the parameters.
 *
 * Images: the synthetic scene (clean, 256 x 256; and with noise, 320 x 240) and two
 * photographs from Debian's python3-skimage (astronaut.png, hubble_deep_field.jpg).
 * Thresholds: Canny edges agree on >= 95% of edge pixels within one pixel, both ways; the 100
 * strongest corners and blobs of each side have a counterpart within 1.5 px (and, for blobs, at
 * the same sigma) for >= 90%; the ridge response agrees within 1e-9. The measured figures are
 * printed as diagnostics, with two comparisons that are not asserted: Deuro's Gaussian-window
 * corners against OpenCV's box-window ones, and cv2.goodFeaturesToTrack (its own peak
 * selection) against Deuro's box-window Shi-Tomasi.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { dohBlobs, logBlobs } from './blobs.js';
import { cannyEdges } from './canny.js';
import { harrisCorners, shiTomasiCorners } from './corners.js';
import { decodeImage, type DecodedImage } from './decode-image.js';
import {
  edgeAgreement,
  pointAgreement,
  type ComparedPoint,
  type EdgeAgreement,
  type PointAgreement,
} from './feature-agreement.js';
import {
  resolveCannyOptions,
  resolveDohOptions,
  resolveHarrisOptions,
  resolveLogOptions,
  resolveRidgeOptions,
  resolveShiTomasiOptions,
} from './parameters.js';
import {
  decodeFloat64,
  referenceMask,
  referencePoints,
  requireReferenceTools,
  runImageReference,
  type ReferenceOutput,
} from './reference-script.js';
import { ridges } from './ridges.js';
import { syntheticScenePng } from './synthetic-images.js';

/** OpenCV's box window for the corner comparisons (cornerHarris' and cornerMinEigenVal's). */
const OPENCV_BLOCK_SIZE = 3;

const PARAMETERS = {
  canny: resolveCannyOptions(),
  opencvCanny: resolveCannyOptions(),
  harris: resolveHarrisOptions(),
  shiTomasi: resolveShiTomasiOptions(),
  opencvHarris: resolveHarrisOptions({ blockSize: OPENCV_BLOCK_SIZE }),
  opencvShiTomasi: resolveShiTomasiOptions({ blockSize: OPENCV_BLOCK_SIZE }),
  opencvGoodFeatures: resolveShiTomasiOptions({ blockSize: OPENCV_BLOCK_SIZE }),
  log: resolveLogOptions(),
  doh: resolveDohOptions(),
  ridges: resolveRidgeOptions(),
};
const FEATURES = ['gray', ...Object.keys(PARAMETERS)];
const SKIMAGE_DATA = '/usr/lib/python3/dist-packages/skimage/data';

interface Case {
  readonly name: string;
  readonly png: () => Promise<Buffer>;
}

const CASES: readonly Case[] = [
  { name: 'synthetic 256x256', png: () => syntheticScenePng(256, 256) },
  {
    name: 'synthetic 320x240 noisy',
    png: () => syntheticScenePng(320, 240, { noise: 6, seed: 7 }),
  },
  { name: 'astronaut.png', png: () => debianFile('astronaut.png') },
  { name: 'hubble_deep_field.jpg', png: () => debianFile('hubble_deep_field.jpg') },
];

function debianFile(name: string): Promise<Buffer> {
  return Promise.resolve(readFileSync(join(SKIMAGE_DATA, name)));
}

interface Run {
  readonly image: DecodedImage;
  readonly reference: ReferenceOutput;
}

function percent(value: number): string {
  return `${(100 * value).toFixed(1)}%`;
}

function ours(points: readonly ComparedPoint[]): ComparedPoint[] {
  return [...points];
}

describe('image features against scikit-image and OpenCV, run now', () => {
  const runs = new Map<string, Run>();
  let dir = '';

  before(async () => {
    requireReferenceTools();
    dir = mkdtempSync(join(tmpdir(), 'deuro-image-reference-'));
    await Promise.all(
      CASES.map(async (c, i) => {
        const png = await c.png();
        const path = join(dir, `case-${String(i)}`);
        writeFileSync(path, png);
        const reference = await runImageReference(path, { features: FEATURES, ...PARAMETERS });
        runs.set(c.name, { image: await decodeImage(png), reference });
      }),
    );
  });
  after(() => {
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  const run = (name: string): Run => {
    const found = runs.get(name);
    assert.ok(found, `no reference run for ${name}`);
    return found;
  };

  for (const { name } of CASES) {
    describe(name, () => {
      it("decodes to OpenCV's gray levels", () => {
        const { image, reference } = run(name);
        assert.equal(
          createHash('sha256').update(image.gray8).digest('hex'),
          reference.gray?.sha256,
        );
      });

      const cannyAgainst = (key: 'canny' | 'opencvCanny'): EdgeAgreement => {
        const { image, reference } = run(name);
        const length = image.width * image.height;
        return edgeAgreement(
          cannyEdges(image, PARAMETERS.canny).edges,
          referenceMask(reference[key] ?? { count: 0, indices: [] }, length),
          image.width,
        );
      };
      const edgeDiagnostic = (a: EdgeAgreement): string =>
        `ours ${String(a.oursCount)}, reference ${String(a.referenceCount)}, identical ${String(a.identical)}, ` +
        `within 1 px ${percent(a.referenceMatched)} (reference in ours) / ${percent(a.oursMatched)} (ours in reference)`;

      it('Canny: >= 95% of edge pixels within one pixel of skimage.feature.canny', (t) => {
        const a = cannyAgainst('canny');
        t.diagnostic(edgeDiagnostic(a));
        assert.ok(a.agreement >= 0.95, percent(a.agreement));
      });

      it('Canny: >= 95% of edge pixels within one pixel of cv2.GaussianBlur + cv2.Canny', (t) => {
        const a = cannyAgainst('opencvCanny');
        t.diagnostic(edgeDiagnostic(a));
        assert.ok(a.agreement >= 0.95, percent(a.agreement));
      });

      const pointCases = [
        ['Harris', 'harris', () => harrisCorners(run(name).image, PARAMETERS.harris)],
        ['Shi-Tomasi', 'shiTomasi', () => shiTomasiCorners(run(name).image, PARAMETERS.shiTomasi)],
        [
          'Harris against cv2.cornerHarris (box window 3)',
          'opencvHarris',
          () => harrisCorners(run(name).image, PARAMETERS.opencvHarris),
        ],
        [
          'Shi-Tomasi against cv2.cornerMinEigenVal (box window 3)',
          'opencvShiTomasi',
          () => shiTomasiCorners(run(name).image, PARAMETERS.opencvShiTomasi),
        ],
        ['LoG blobs', 'log', () => logBlobs(run(name).image, PARAMETERS.log)],
        ['DoH blobs', 'doh', () => dohBlobs(run(name).image, PARAMETERS.doh)],
      ] as const;
      for (const [label, key, extract] of pointCases) {
        it(`${label}: >= 90% of the strongest 100 within 1.5 px (and at the same sigma)`, (t) => {
          const reference = run(name).reference[key];
          assert.ok(reference, `no ${key} in the reference output`);
          const a = pointAgreement(ours(extract()), referencePoints(reference));
          t.diagnostic(
            `ours ${String(a.oursCount)}, reference ${String(a.referenceCount)}, strongest ${String(a.compared)} matched ` +
              `${percent(a.referenceMatched)} (reference in ours) / ${percent(a.oursMatched)} (ours in reference)`,
          );
          assert.ok(a.agreement >= 0.9, percent(a.agreement));
        });
      }

      it('OpenCV corners against the Gaussian window and goodFeaturesToTrack (not asserted)', (t) => {
        const { image, reference } = run(name);
        const describe = (label: string, a: PointAgreement): string =>
          `${label}: ours ${String(a.oursCount)}, OpenCV ${String(a.referenceCount)}, matched ` +
          `${percent(a.referenceMatched)} / ${percent(a.oursMatched)}`;
        const missing = { x: [], y: [], score: [] };
        t.diagnostic(
          [
            describe(
              'Gaussian-window Harris vs cv2.cornerHarris',
              pointAgreement(
                harrisCorners(image, PARAMETERS.harris),
                referencePoints(reference.opencvHarris ?? missing),
              ),
            ),
            describe(
              'Gaussian-window Shi-Tomasi vs cv2.cornerMinEigenVal',
              pointAgreement(
                shiTomasiCorners(image, PARAMETERS.shiTomasi),
                referencePoints(reference.opencvShiTomasi ?? missing),
              ),
            ),
            describe(
              'box-window Shi-Tomasi vs cv2.goodFeaturesToTrack',
              pointAgreement(
                shiTomasiCorners(image, PARAMETERS.opencvShiTomasi),
                referencePoints(reference.opencvGoodFeatures ?? missing),
              ),
            ),
          ].join('; '),
        );
      });

      it('Sato ridges: response within 1e-9 of skimage.filters.sato, same ridge pixels', (t) => {
        const { image, reference } = run(name);
        const map = ridges(image, PARAMETERS.ridges);
        const expected = decodeFloat64(reference.ridges?.response ?? '');
        assert.equal(expected.length, map.response.length);
        let worst = 0;
        for (let i = 0; i < expected.length; i++) {
          worst = Math.max(worst, Math.abs((expected[i] ?? 0) - (map.response[i] ?? 0)));
        }
        t.diagnostic(
          `max |difference| ${worst.toExponential(2)} (response max ${String(reference.ridges?.max)}), ` +
            `ridge pixels ours ${String(map.count)}, reference ${String(reference.ridges?.count)}`,
        );
        assert.ok(worst <= 1e-9, String(worst));
        assert.equal(map.count, reference.ridges?.count);
      });
    });
  }
});
