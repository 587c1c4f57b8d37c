/**
 * Image feature extraction: PNG/JPEG decoding to OpenCV's gray levels, then Canny edges,
 * Harris and Shi-Tomasi corners, Laplacian-of-Gaussian and determinant-of-Hessian blobs, and
 * Sato ridges, each computed as its scikit-image 0.19 reference computes it. Every extractor
 * is a pure, single-threaded function of a {@link GrayImage} and an options object whose
 * defaults come from {@link IMAGE_PARAMETERS}; see docs/features-image.md.
 *
 * Inner loops read typed arrays with `as number` rather than `?? 0`: their indices are in range
 * by construction, and a default would hide an indexing bug instead of showing it as NaN.
 */

export {
  ImageError,
  imageErrorCatalogue,
  imageErrorCodes,
  isImageError,
  type ImageErrorCode,
} from './errors.js';
export {
  LUMA_WEIGHTS,
  grayImageFromGray8,
  grayImageToGray8,
  interleavedToGray8,
  rgbToGray8,
  type GrayImage,
} from './gray-image.js';
export {
  DEFAULT_MAX_PIXELS,
  decodeImage,
  sniffImageFormat,
  type DecodeImageOptions,
  type DecodedImage,
  type ImageFormat,
} from './decode-image.js';
export {
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
  type BlobOptions,
  type BlobParameters,
  type CannyOptions,
  type CannyParameters,
  type HarrisOptions,
  type HarrisParameters,
  type ImageExtractorName,
  type ImageParameter,
  type RidgeOptions,
  type RidgeParameters,
  type ShiTomasiOptions,
  type ShiTomasiParameters,
} from './parameters.js';
export { cannyEdges, type EdgeMap } from './canny.js';
export {
  harrisCorners,
  harrisResponse,
  shiTomasiCorners,
  shiTomasiResponse,
  type Corner,
} from './corners.js';
export { structureTensor, type StructureTensor } from './structure-tensor.js';
export { dohBlobs, logBlobs, logResponse, type Blob } from './blobs.js';
export { hessianDeterminant, integralImage } from './hessian-determinant.js';
export { ridges, type RidgeMap } from './ridges.js';
export { decodeRuns, encodeRuns, type RunLengthMask } from './run-length.js';
export {
  IMAGE_EXTRACTOR_NAME,
  IMAGE_EXTRACTOR_VERSION,
  extractImageFeatures,
  roundScore,
  type BlobSet,
  type CornerSet,
  type ImageFeatureOptions,
  type ImageFeatureParameters,
  type ImageFeatureSet,
  type RidgeSummary,
} from './feature-set.js';
export { imageFeaturesToJson, imageParameterHash } from './feature-json.js';
export {
  edgeAgreement,
  pointAgreement,
  type ComparedPoint,
  type EdgeAgreement,
  type PointAgreement,
} from './feature-agreement.js';
