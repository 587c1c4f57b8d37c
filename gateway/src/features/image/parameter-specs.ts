/*
 * The parameters of every extractor: their types and, in one place, each one's default,
 * accepted range and meaning. parameters.ts turns these specs into the public table
 * `IMAGE_PARAMETERS` and validates options against them; the specs are typed so that a
 * parameter without a spec does not compile.
 *
 * Defaults are scikit-image 0.19's where they are practical (Canny, Harris, Shi-Tomasi, DoH,
 * Sato ridges), with these choices where it has none or they are impractical: corners keep
 * peaks at least 5 pixels apart above 1% of the strongest response, at most 1000; LoG stops at
 * sigma 10 (scikit-image's 50 means kernels of 401 taps); blob lists keep the 1000 strongest;
 * ridge pixels are those whose response reaches 0.1.
 */

/** The extractors, in the order `extractImageFeatures` runs them. */
export const IMAGE_EXTRACTORS = ['canny', 'harris', 'shiTomasi', 'log', 'doh', 'ridges'] as const;

/** The name of one extractor. */
export type ImageExtractorName = (typeof IMAGE_EXTRACTORS)[number];

/** Parameters of `cannyEdges`. */
export interface CannyParameters {
  readonly sigma: number;
  readonly lowThreshold: number;
  readonly highThreshold: number;
}

/** Parameters of `harrisCorners`. */
export interface HarrisParameters {
  readonly sigma: number;
  readonly blockSize: number;
  readonly k: number;
  readonly minDistance: number;
  readonly thresholdRel: number;
  readonly thresholdAbs: number;
  readonly maxCorners: number;
}

/** Parameters of `shiTomasiCorners`. */
export type ShiTomasiParameters = Omit<HarrisParameters, 'k'>;

/** Parameters of `logBlobs` and `dohBlobs`. */
export interface BlobParameters {
  readonly minSigma: number;
  readonly maxSigma: number;
  readonly numSigma: number;
  readonly threshold: number;
  readonly overlap: number;
  readonly logScale: boolean;
  readonly maxBlobs: number;
}

/** Parameters of `ridges`. */
export interface RidgeParameters {
  readonly minSigma: number;
  readonly maxSigma: number;
  readonly numSigma: number;
  readonly blackRidges: boolean;
  readonly threshold: number;
}

/** A numeric parameter: default and accepted interval. */
export interface NumberSpec {
  readonly type: 'number' | 'integer';
  readonly default: number;
  readonly min: number;
  readonly max: number;
  /** The minimum itself is excluded. */
  readonly minExclusive?: boolean;
  readonly description: string;
}

/** A boolean parameter. */
export interface BooleanSpec {
  readonly type: 'boolean';
  readonly default: boolean;
  readonly description: string;
}

/** The spec of every parameter of an extractor. */
export type Specs<T> = { readonly [K in keyof T]: T[K] extends boolean ? BooleanSpec : NumberSpec };

const SIGMA = 'standard deviation of the Gaussian, in pixels';

function sigmaSpec(value: number, max: number, what: string): NumberSpec {
  return {
    type: 'number',
    default: value,
    min: 0,
    minExclusive: true,
    max,
    description: `${what} ${SIGMA}`,
  };
}

function integerSpec(value: number, min: number, max: number, description: string): NumberSpec {
  return { type: 'integer', default: value, min, max, description };
}

function numberSpec(value: number, min: number, max: number, description: string): NumberSpec {
  return { type: 'number', default: value, min, max, description };
}

export const CANNY_SPECS: Specs<CannyParameters> = {
  sigma: sigmaSpec(1, 50, 'smoothing'),
  lowThreshold: numberSpec(
    0.1,
    0,
    10,
    'hysteresis low threshold on the Sobel gradient magnitude of the [0, 1] image',
  ),
  highThreshold: numberSpec(
    0.2,
    0,
    10,
    'hysteresis high threshold (at least lowThreshold): edges grow from pixels at or above it',
  ),
};

const CORNER_SPECS: Specs<ShiTomasiParameters> = {
  sigma: sigmaSpec(1, 50, 'structure tensor window'),
  blockSize: integerSpec(
    0,
    0,
    31,
    "0: Gaussian window of sigma (scikit-image); n > 0: OpenCV's n x n box window (cornerHarris, cornerMinEigenVal), sigma unused",
  ),
  minDistance: integerSpec(
    5,
    1,
    100,
    'corners are at least this many pixels apart (Chebyshev) and from the border',
  ),
  thresholdRel: numberSpec(
    0.01,
    0,
    1,
    'keep responses above this fraction of the largest response',
  ),
  thresholdAbs: numberSpec(0, 0, 1e9, 'keep responses above this value'),
  maxCorners: integerSpec(1000, 1, 1_000_000, 'most corners returned, strongest first'),
};

export const HARRIS_SPECS: Specs<HarrisParameters> = {
  sigma: CORNER_SPECS.sigma,
  blockSize: CORNER_SPECS.blockSize,
  k: numberSpec(0.05, 0, 0.25, 'Harris sensitivity: the response is det(A) - k trace(A)^2'),
  minDistance: CORNER_SPECS.minDistance,
  thresholdRel: CORNER_SPECS.thresholdRel,
  thresholdAbs: CORNER_SPECS.thresholdAbs,
  maxCorners: CORNER_SPECS.maxCorners,
};

export const SHI_TOMASI_SPECS: Specs<ShiTomasiParameters> = CORNER_SPECS;

function blobSpecs(
  smallest: NumberSpec,
  maxSigma: number,
  threshold: number,
): Specs<BlobParameters> {
  return {
    minSigma: smallest,
    maxSigma: {
      ...smallest,
      default: maxSigma,
      description: `largest ${SIGMA} (at least minSigma)`,
    },
    numSigma: integerSpec(10, 1, 100, 'number of scales from minSigma to maxSigma'),
    threshold: numberSpec(threshold, 0, 100, 'keep scale-space maxima above this response'),
    overlap: numberSpec(
      0.5,
      0,
      1,
      'of two blobs overlapping by more than this fraction of the smaller, drop the smaller',
    ),
    logScale: {
      type: 'boolean',
      default: false,
      description: 'space the scales logarithmically rather than linearly',
    },
    maxBlobs: integerSpec(1000, 1, 1_000_000, 'most blobs returned, strongest first'),
  };
}

export const LOG_SPECS = blobSpecs(sigmaSpec(1, 100, 'smallest'), 10, 0.2);
export const DOH_SPECS = blobSpecs(
  {
    type: 'number',
    default: 1,
    min: 1,
    max: 100,
    description: `smallest ${SIGMA} (boxes are int(3 sigma) wide)`,
  },
  30,
  0.01,
);

export const RIDGE_SPECS: Specs<RidgeParameters> = {
  minSigma: sigmaSpec(1, 50, 'smallest'),
  maxSigma: { ...sigmaSpec(9, 50, 'largest'), description: `largest ${SIGMA} (at least minSigma)` },
  numSigma: integerSpec(5, 1, 50, 'number of scales, linearly spaced'),
  blackRidges: {
    type: 'boolean',
    default: true,
    description: 'detect dark ridges on a bright background (false: bright ridges on dark)',
  },
  threshold: numberSpec(0.1, 0, 10, 'ridge pixels are those whose response is at least this'),
};

/** The specs of each extractor. */
export const EXTRACTOR_SPECS: {
  readonly [E in ImageExtractorName]: Readonly<Record<string, NumberSpec | BooleanSpec>>;
} = {
  canny: CANNY_SPECS,
  harris: HARRIS_SPECS,
  shiTomasi: SHI_TOMASI_SPECS,
  log: LOG_SPECS,
  doh: DOH_SPECS,
  ridges: RIDGE_SPECS,
};
