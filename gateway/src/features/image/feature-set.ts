/*
 * All extractors over one encoded image, as one JSON-serialisable result with a stable key
 * order: what `deuro features image` writes. Extractors are pure and single-threaded, so the
 * same bytes and options give the same output bit for bit (the JSON too, written by
 * feature-json.ts: floats are rounded to 7 significant digits, deterministically).
 *
 * Encodings (see docs/features-image.md):
 * - edges and ridge pixels: run-length masks (run-length.ts);
 * - corners and blobs: parallel arrays (x, y[, sigma], score), strongest first.
 */
import { type Blob, dohBlobs, logBlobs } from './blobs.js';
import { cannyEdges } from './canny.js';
import { harrisCorners, shiTomasiCorners, tensorFits, type Corner } from './corners.js';
import { decodeImage, DEFAULT_MAX_PIXELS } from './decode-image.js';
import { checkParameter } from './errors.js';
import type { GrayImage } from './gray-image.js';
import {
  IMAGE_EXTRACTORS,
  resolveCannyOptions,
  resolveDohOptions,
  resolveHarrisOptions,
  resolveLogOptions,
  resolveRidgeOptions,
  resolveShiTomasiOptions,
  type BlobOptions,
  type BlobParameters,
  type CannyOptions,
  type CannyParameters,
  type HarrisOptions,
  type HarrisParameters,
  type ImageExtractorName,
  type RidgeOptions,
  type RidgeParameters,
  type ShiTomasiOptions,
  type ShiTomasiParameters,
} from './parameters.js';
import { ridges, type RidgeMap } from './ridges.js';
import { imageParameterHash } from './feature-json.js';
import { encodeRuns, type RunLengthMask } from './run-length.js';
import { structureTensor, type StructureTensor } from './structure-tensor.js';

/** The name written in every feature set. */
export const IMAGE_EXTRACTOR_NAME = 'deuro-image-features';
/** Changes whenever any output could change for the same input and options. */
export const IMAGE_EXTRACTOR_VERSION = '1.1.0';

/** Options of {@link extractImageFeatures}. */
export interface ImageFeatureOptions {
  /** Which extractors to run (default: all, in {@link IMAGE_EXTRACTORS} order). */
  readonly extractors?: readonly ImageExtractorName[];
  /** Largest accepted image, width x height (default 50 000 000). */
  readonly maxPixels?: number;
  readonly canny?: CannyOptions;
  readonly harris?: HarrisOptions;
  readonly shiTomasi?: ShiTomasiOptions;
  readonly log?: BlobOptions;
  readonly doh?: BlobOptions;
  readonly ridges?: RidgeOptions;
}

/** Corners as parallel arrays, strongest first. */
export interface CornerSet {
  readonly count: number;
  readonly x: number[];
  readonly y: number[];
  readonly score: number[];
}

/** Blobs as parallel arrays, strongest first; a blob's radius is about sigma sqrt(2). */
export interface BlobSet {
  readonly count: number;
  readonly x: number[];
  readonly y: number[];
  readonly sigma: number[];
  readonly score: number[];
}

/** The ridge pixels and their statistics. */
export interface RidgeSummary extends RunLengthMask {
  /** The scales. */
  readonly sigmas: number[];
  /** Ridge pixels whose response peaked at each scale. */
  readonly scaleCounts: number[];
  /** Largest response over the image. */
  readonly maxResponse: number;
  /** Mean response over the ridge pixels (0 when there are none). */
  readonly meanResponse: number;
}

/** The resolved parameters of the extractors that ran. */
export interface ImageFeatureParameters {
  readonly canny?: CannyParameters;
  readonly harris?: HarrisParameters;
  readonly shiTomasi?: ShiTomasiParameters;
  readonly log?: BlobParameters;
  readonly doh?: BlobParameters;
  readonly ridges?: RidgeParameters;
}

/** The features of one image. */
export interface ImageFeatureSet {
  readonly extractor: typeof IMAGE_EXTRACTOR_NAME;
  readonly version: typeof IMAGE_EXTRACTOR_VERSION;
  readonly image: { readonly width: number; readonly height: number; readonly format: string };
  readonly parameters: ImageFeatureParameters;
  /** SHA-256 (hex) of the canonical JSON of `parameters` (keys sorted, no whitespace). */
  readonly parameterHash: string;
  readonly edges?: RunLengthMask;
  readonly harris?: CornerSet;
  readonly shiTomasi?: CornerSet;
  readonly log?: BlobSet;
  readonly doh?: BlobSet;
  readonly ridges?: RidgeSummary;
}

const OPTION_KEYS = new Set(['extractors', 'maxPixels', ...IMAGE_EXTRACTORS]);

/**
 * Decodes a PNG or JPEG and runs the chosen extractors on its gray levels.
 *
 * @throws {ImageError} `DEURO_IMAGE_INVALID_PARAMETER` naming the first invalid option (checked
 * before decoding), `DEURO_IMAGE_UNSUPPORTED` or `DEURO_IMAGE_MALFORMED` from decoding.
 */
export async function extractImageFeatures(
  bytes: Uint8Array,
  options: ImageFeatureOptions = {},
): Promise<ImageFeatureSet> {
  const extractors = resolveExtractors(options);
  const parameters = resolveAll(options, extractors);
  const image = await decodeImage(bytes, { maxPixels: options.maxPixels ?? DEFAULT_MAX_PIXELS });
  return {
    extractor: IMAGE_EXTRACTOR_NAME,
    version: IMAGE_EXTRACTOR_VERSION,
    image: { width: image.width, height: image.height, format: image.format },
    parameters,
    parameterHash: imageParameterHash(parameters),
    ...runExtractors(image, parameters),
  };
}

function resolveExtractors(options: ImageFeatureOptions): readonly ImageExtractorName[] {
  checkParameter(typeof options === 'object', 'options', options, 'an object');
  for (const key of Object.keys(options)) {
    checkParameter(OPTION_KEYS.has(key), key, key, `one of ${[...OPTION_KEYS].join(', ')}`);
  }
  const chosen = options.extractors ?? IMAGE_EXTRACTORS;
  checkParameter(Array.isArray(chosen), 'extractors', String(chosen), 'a list of extractor names');
  for (const name of chosen) {
    checkParameter(
      IMAGE_EXTRACTORS.includes(name),
      'extractors',
      name,
      `one of ${IMAGE_EXTRACTORS.join(', ')}`,
    );
  }
  return IMAGE_EXTRACTORS.filter((name) => chosen.includes(name));
}

function resolveAll(
  options: ImageFeatureOptions,
  extractors: readonly ImageExtractorName[],
): ImageFeatureParameters {
  const has = (name: ImageExtractorName): boolean => extractors.includes(name);
  return {
    ...(has('canny') ? { canny: resolveCannyOptions(options.canny) } : {}),
    ...(has('harris') ? { harris: resolveHarrisOptions(options.harris) } : {}),
    ...(has('shiTomasi') ? { shiTomasi: resolveShiTomasiOptions(options.shiTomasi) } : {}),
    ...(has('log') ? { log: resolveLogOptions(options.log) } : {}),
    ...(has('doh') ? { doh: resolveDohOptions(options.doh) } : {}),
    ...(has('ridges') ? { ridges: resolveRidgeOptions(options.ridges) } : {}),
  };
}

type Extracted = Pick<ImageFeatureSet, 'edges' | 'harris' | 'shiTomasi' | 'log' | 'doh' | 'ridges'>;

/** Runs the extractors whose parameters are given, sharing the structure tensor when it can. */
export function runExtractors(image: GrayImage, p: ImageFeatureParameters): Extracted {
  let tensor: StructureTensor | undefined;
  const tensorFor = (window: ShiTomasiParameters): StructureTensor => {
    if (tensor === undefined || !tensorFits(tensor, window)) {
      tensor = structureTensor(image, window.sigma, window.blockSize);
    }
    return tensor;
  };
  return {
    ...(p.canny ? { edges: encodeRuns(cannyEdges(image, p.canny).edges) } : {}),
    ...(p.harris ? { harris: cornerSet(harrisCorners(image, p.harris, tensorFor(p.harris))) } : {}),
    ...(p.shiTomasi
      ? { shiTomasi: cornerSet(shiTomasiCorners(image, p.shiTomasi, tensorFor(p.shiTomasi))) }
      : {}),
    ...(p.log ? { log: blobSet(logBlobs(image, p.log)) } : {}),
    ...(p.doh ? { doh: blobSet(dohBlobs(image, p.doh)) } : {}),
    ...(p.ridges ? { ridges: ridgeSummary(ridges(image, p.ridges)) } : {}),
  };
}

/** A float rounded to 7 significant digits (deterministic; keeps the JSON compact). */
export function roundScore(value: number): number {
  return value === 0 ? 0 : Number(value.toPrecision(7));
}

function cornerSet(corners: readonly Corner[]): CornerSet {
  return {
    count: corners.length,
    x: corners.map((c) => c.x),
    y: corners.map((c) => c.y),
    score: corners.map((c) => roundScore(c.score)),
  };
}

function blobSet(blobs: readonly Blob[]): BlobSet {
  return {
    count: blobs.length,
    x: blobs.map((b) => b.x),
    y: blobs.map((b) => b.y),
    sigma: blobs.map((b) => roundScore(b.sigma)),
    score: blobs.map((b) => roundScore(b.score)),
  };
}

function ridgeSummary(map: RidgeMap): RidgeSummary {
  const scaleCounts = map.sigmas.map(() => 0);
  let max = 0;
  let sum = 0;
  for (let i = 0; i < map.response.length; i++) {
    const r = map.response[i] ?? 0;
    if (r > max) max = r;
    if (map.mask[i] === 1) {
      sum += r;
      const s = map.scale[i] ?? 0;
      scaleCounts[s] = (scaleCounts[s] ?? 0) + 1;
    }
  }
  const { count, runs } = encodeRuns(map.mask);
  return {
    count,
    sigmas: map.sigmas.map(roundScore),
    scaleCounts,
    maxResponse: roundScore(max),
    meanResponse: roundScore(count === 0 ? 0 : sum / count),
    runs,
  };
}
