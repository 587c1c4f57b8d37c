/*
 * The catalogue of hyper-parameter search error codes, and the one error class the search throws.
 * Callers (and the REST layer, which can spread the catalogue into its own) switch on the code,
 * never on English text. Space errors carry the JSON Pointer of the fault, option errors the
 * option's name, trial errors the trial number.
 */
import { CodedError } from '../../errors/coded-error.js';

/**
 * Every code a {@link SearchError} may carry: the HTTP status and problem+json title it maps to
 * (the shape of the gateway's `errors/error-catalogue.ts`) and what it means.
 */
export const searchErrorCatalogue = {
  DEURO_SEARCH_INVALID_SPACE: {
    status: 400,
    title: 'Invalid search space',
    meaning:
      'A search-space description breaks the grammar; `path` is the JSON Pointer of the fault.',
  },
  DEURO_SEARCH_INVALID_OPTION: {
    status: 400,
    title: 'Invalid search option',
    meaning:
      'An option of the search (seed, parallelism, a TPE setting) is out of range; `field` names it.',
  },
  DEURO_SEARCH_INVALID_TRIAL: {
    status: 400,
    title: 'Invalid trial',
    meaning:
      'A trial number, result or configuration is not acceptable (negative number, result for a trial never suggested, result given twice, configuration outside the space).',
  },
  DEURO_SEARCH_NOT_READY: {
    status: 409,
    title: 'Trial not ready',
    meaning:
      'The suggestion for a trial depends on results that are not in yet; `missingTrials` lists them.',
  },
} as const satisfies Record<string, { status: number; title: string; meaning: string }>;

/** A stable search error code from {@link searchErrorCatalogue}. */
export type SearchErrorCode = keyof typeof searchErrorCatalogue;

/** Structured fields a {@link SearchError} may carry besides its code. */
export interface SearchErrorDetails {
  /** The JSON Pointer (RFC 6901) of the fault in a search-space description. */
  readonly path?: string;
  /** The option or configuration field concerned. */
  readonly field?: string;
  /** The trial concerned. */
  readonly trialNumber?: number;
  /** Trials whose results are still missing (for `DEURO_SEARCH_NOT_READY`). */
  readonly missingTrials?: readonly number[];
}

/** An error raised by the hyper-parameter search. Its message is `CODE: detail`. */
export class SearchError extends CodedError<SearchErrorCode> {
  /** The JSON Pointer of the fault in a search-space description, when there is one. */
  readonly path: string | undefined;
  /** The option or configuration field concerned, when there is one. */
  readonly field: string | undefined;
  /** The trial concerned, when there is one. */
  readonly trialNumber: number | undefined;
  /** Trials whose results are still missing (for `DEURO_SEARCH_NOT_READY`), else empty. */
  readonly missingTrials: readonly number[];

  /**
   * @param code - A code from {@link searchErrorCatalogue}.
   * @param detail - What is wrong, naming the path, option or trial.
   * @param details - The structured fields.
   */
  constructor(code: SearchErrorCode, detail: string, details: SearchErrorDetails = {}) {
    super(code, detail);
    this.name = 'SearchError';
    this.path = details.path;
    this.field = details.field;
    this.trialNumber = details.trialNumber;
    this.missingTrials = details.missingTrials ?? [];
  }
}

/**
 * Whether a value is a {@link SearchError}, optionally with a given code.
 * @param value - Anything caught.
 * @param code - The code to match, if any.
 */
export function isSearchError(value: unknown, code?: SearchErrorCode): value is SearchError {
  return value instanceof SearchError && (code === undefined || value.code === code);
}
