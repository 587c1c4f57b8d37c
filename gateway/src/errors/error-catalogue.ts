/*
 * The one catalogue of the gateway's error codes: each with the HTTP status that fits and a title
 * for problem+json (RFC 9457). Chaincode codes (DEURO_* from chaincode/src/ledger/errors.ts) are
 * listed too, so an error that comes back from the ledger maps to its status by code, never by
 * English text. The blob store's and the wallet's codes (their own catalogues, beside their
 * code) are part of it.
 */
import { audioErrorCatalogue } from '../features/audio/errors';
import { imageErrorCatalogue } from '../features/image/errors';
import { datasetErrorCatalogue } from '../gpredict/datasets/dataset-error';
import { fixedPointErrorCatalogue } from '../gpredict/fixed-point/fixed-point-error';
import { searchErrorCatalogue } from '../gpredict/search/search-error';
import { trainingErrorCatalogue } from '../gpredict/training/training-error';
import { speechErrorCatalogue } from '../speech/align/speech-error';
import { ivectorErrorCatalogue } from '../speech/ivector/errors';
import { storeErrorCatalogue } from '../store/store-error';
import { walletErrorCatalogue } from '../wallet/wallet-error';

/** One catalogue entry. */
export interface ErrorEntry {
  readonly status: number;
  readonly title: string;
}

/** Every code the REST API may answer with. */
export const errorCatalogue = {
  // From the chaincode.
  DEURO_INVALID_ARGUMENT: { status: 400, title: 'Invalid argument' },
  DEURO_NOT_FOUND: { status: 404, title: 'Not found' },
  DEURO_ALREADY_EXISTS: { status: 409, title: 'Already exists' },
  DEURO_ACCESS_DENIED: { status: 403, title: 'Access denied' },
  DEURO_INVALID_TRANSITION: { status: 409, title: 'Transition not allowed in this state' },
  DEURO_KEY_UNAVAILABLE: { status: 422, title: 'Encryption key unavailable' },
  DEURO_PRIVATE_DATA_MISSING: { status: 404, title: 'Private data missing' },
  DEURO_PRIVATE_DATA_MISMATCH: { status: 422, title: 'Private data does not match its hash' },
  DEURO_LEASE_NOT_HELD: { status: 409, title: 'Lease not held by the caller' },
  // From the gateway.
  DEURO_UNAUTHENTICATED: { status: 401, title: 'Authentication required' },
  DEURO_VALIDATION_FAILED: { status: 400, title: 'Request validation failed' },
  DEURO_ROUTE_NOT_FOUND: { status: 404, title: 'No such endpoint' },
  DEURO_PAYLOAD_TOO_LARGE: { status: 413, title: 'Payload too large' },
  DEURO_UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type' },
  DEURO_LEDGER_UNAVAILABLE: { status: 503, title: 'Ledger unavailable' },
  DEURO_LEDGER_CONFLICT: { status: 409, title: 'Concurrent change, retry' },
  DEURO_INTERNAL: { status: 500, title: 'Internal error' },
  DEURO_UPGRADE_REQUIRED: { status: 426, title: 'Open this endpoint as a WebSocket' },
  DEURO_UPLOAD_INCOMPLETE: {
    status: 400,
    title: 'The upload ended before (or after) the size it announced',
  },
  DEURO_IDEMPOTENCY_MISMATCH: {
    status: 422,
    title: 'Idempotency key reused for a different request',
  },
  DEURO_IDEMPOTENCY_IN_PROGRESS: {
    status: 409,
    title: 'The first request with this idempotency key is still running',
  },
  // From the CMS library (gateway/src/crypto/crypto-error.ts).
  DEURO_CRYPTO_UNSUPPORTED_KEY: { status: 422, title: 'Key type or size not supported' },
  DEURO_CRYPTO_NOT_A_RECIPIENT: { status: 403, title: 'Not a recipient of the envelope' },
  DEURO_CRYPTO_TAMPERED: { status: 500, title: 'Envelope failed its integrity check' },
  DEURO_CRYPTO_MALFORMED: { status: 422, title: 'Malformed envelope' },
  DEURO_CRYPTO_UNSUPPORTED_FORMAT: { status: 422, title: 'Envelope format not supported' },
  DEURO_CRYPTO_INVALID_ARGUMENT: { status: 400, title: 'Invalid encryption argument' },
  // From the crawler library (gateway/src/crawl/crawl-error.ts), as request validation.
  DEURO_CRAWL_INVALID_URL: { status: 400, title: 'Invalid URL' },
  DEURO_CRAWL_INVALID_SCOPE: { status: 400, title: 'Invalid crawl scope' },
  DEURO_CRAWL_INVALID_POLITENESS: { status: 400, title: 'Invalid politeness options' },
  ...storeErrorCatalogue,
  ...searchErrorCatalogue,
  ...fixedPointErrorCatalogue,
  ...trainingErrorCatalogue,
  ...datasetErrorCatalogue,
  ...audioErrorCatalogue,
  ...imageErrorCatalogue,
  ...speechErrorCatalogue,
  ...ivectorErrorCatalogue,
  ...walletErrorCatalogue,
} as const satisfies Record<string, ErrorEntry>;

/** A code of the catalogue. */
export type ApiErrorCode = keyof typeof errorCatalogue;

/** Whether a string is a code of the catalogue. */
export function isApiErrorCode(text: string): text is ApiErrorCode {
  return Object.hasOwn(errorCatalogue, text);
}
