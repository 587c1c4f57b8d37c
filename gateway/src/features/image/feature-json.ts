/*
 * The JSON form of an image feature set, with the documented key order whatever the object's
 * order (docs/features-image.md), and the hash of its parameters over canonical JSON.
 */
import { createHash } from 'node:crypto';

import type {
  BlobSet,
  CornerSet,
  ImageFeatureParameters,
  ImageFeatureSet,
  RidgeSummary,
} from './feature-set.js';
import { IMAGE_EXTRACTORS, IMAGE_PARAMETERS } from './parameters.js';

/**
 * SHA-256 (hex) of resolved parameters as canonical JSON: keys sorted at every level, no
 * whitespace, numbers as ECMAScript prints them; the same parameters give the same hash
 * whatever order they were given in.
 */
export function imageParameterHash(parameters: ImageFeatureParameters): string {
  return createHash('sha256').update(canonicalJson(parameters), 'utf8').digest('hex');
}

function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The feature set as JSON text, keys in the documented order whatever the object's order. */
export function imageFeaturesToJson(set: ImageFeatureSet): string {
  const ordered = {
    extractor: set.extractor,
    version: set.version,
    image: { width: set.image.width, height: set.image.height, format: set.image.format },
    parameters: set.parameters,
    parameterHash: set.parameterHash,
    edges: set.edges && { count: set.edges.count, runs: set.edges.runs },
    harris: set.harris && orderedCorners(set.harris),
    shiTomasi: set.shiTomasi && orderedCorners(set.shiTomasi),
    log: set.log && orderedBlobs(set.log),
    doh: set.doh && orderedBlobs(set.doh),
    ridges: set.ridges && orderedRidges(set.ridges),
  };
  return JSON.stringify(ordered, (key, value: unknown) =>
    key === 'parameters' ? orderedParameters(value as ImageFeatureParameters) : value,
  );
}

function orderedParameters(p: ImageFeatureParameters): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of IMAGE_EXTRACTORS) {
    const values = p[name] as Record<string, unknown> | undefined;
    if (values !== undefined) {
      out[name] = Object.fromEntries(
        IMAGE_PARAMETERS.filter((row) => row.extractor === name).map((row) => [
          row.name,
          values[row.name],
        ]),
      );
    }
  }
  return out;
}

function orderedCorners(c: CornerSet): CornerSet {
  return { count: c.count, x: c.x, y: c.y, score: c.score };
}

function orderedBlobs(b: BlobSet): BlobSet {
  return { count: b.count, x: b.x, y: b.y, sigma: b.sigma, score: b.score };
}

function orderedRidges(r: RidgeSummary): RidgeSummary {
  return {
    count: r.count,
    sigmas: r.sigmas,
    scaleCounts: r.scaleCounts,
    maxResponse: r.maxResponse,
    meanResponse: r.meanResponse,
    runs: r.runs,
  };
}
