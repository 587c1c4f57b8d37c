/*
 * Runs scripts/reference/image-features.py (OpenCV 4.6 and scikit-image 0.19 through Debian's
 * /usr/bin/python3) for the reference tests; not part of the library's surface. Fails with an
 * explicit message when Python or one of its modules is missing.
 */
import { execFile, execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** The only Python that sees Debian's cv2 and skimage. */
export const REFERENCE_PYTHON = '/usr/bin/python3';
/** The reference script, from the repository root. */
export const REFERENCE_SCRIPT = join(__dirname, '../../../../scripts/reference/image-features.py');

/** Corners or blobs as the script prints them. */
export interface ReferencePoints {
  readonly x: number[];
  readonly y: number[];
  readonly score: number[];
  readonly sigma?: number[];
}

/** Edge pixels as the script prints them. */
export interface ReferenceEdges {
  readonly count: number;
  readonly indices: number[];
}

/** What the script prints (the features asked for). */
export interface ReferenceOutput {
  readonly versions: Record<string, string>;
  readonly width: number;
  readonly height: number;
  readonly gray?: { readonly sha256: string };
  readonly canny?: ReferenceEdges;
  readonly opencvCanny?: ReferenceEdges;
  readonly harris?: ReferencePoints;
  readonly shiTomasi?: ReferencePoints;
  readonly opencvHarris?: ReferencePoints;
  readonly opencvShiTomasi?: ReferencePoints;
  readonly opencvGoodFeatures?: ReferencePoints;
  readonly log?: ReferencePoints;
  readonly doh?: ReferencePoints;
  readonly ridges?: { readonly max: number; readonly count: number; readonly response: string };
}

/**
 * Throws a message naming the Debian packages to install unless cv2, skimage and scipy import.
 */
export function requireReferenceTools(): void {
  try {
    execFileSync(REFERENCE_PYTHON, ['-c', 'import cv2, skimage, scipy, numpy'], { stdio: 'pipe' });
  } catch (error) {
    const detail = (error as { stderr?: Buffer }).stderr?.toString().trim() ?? String(error);
    throw new Error(
      `the image references need ${REFERENCE_PYTHON} with OpenCV and scikit-image ` +
        `(apt-get install -y python3-opencv python3-skimage): ${detail}`,
    );
  }
}

/** Runs the reference script on one image file with the given parameters. */
export async function runImageReference(
  imagePath: string,
  params: Record<string, unknown>,
): Promise<ReferenceOutput> {
  const { stdout } = await promisify(execFile)(
    REFERENCE_PYTHON,
    [REFERENCE_SCRIPT, imagePath, JSON.stringify(params)],
    { maxBuffer: 256 * 1024 * 1024, env: { ...process.env, OMP_NUM_THREADS: '1' } },
  );
  return JSON.parse(stdout) as ReferenceOutput;
}

/** The reference's edge pixels as a 0/1 mask. */
export function referenceMask(edges: ReferenceEdges, length: number): Uint8Array {
  const mask = new Uint8Array(length);
  for (const i of edges.indices) mask[i] = 1;
  return mask;
}

/** The reference's points as objects. */
export function referencePoints(
  points: ReferencePoints,
): { x: number; y: number; score: number; sigma?: number }[] {
  return points.x.map((x, i) => ({
    x,
    y: points.y[i] ?? -1,
    score: points.score[i] ?? 0,
    ...(points.sigma ? { sigma: points.sigma[i] ?? 0 } : {}),
  }));
}

/** A base64 little-endian float64 array, as the script prints the ridge response. */
export function decodeFloat64(base64: string): Float64Array {
  const bytes = Buffer.from(base64, 'base64');
  const out = new Float64Array(bytes.length / 8);
  for (let i = 0; i < out.length; i++) out[i] = bytes.readDoubleLE(i * 8);
  return out;
}
