/*
 * Building blocks of the crawler's validators (scope, politeness, options): each checks one
 * JSON value and throws a CrawlError naming the field. Small and pure so that the chaincode can
 * port them.
 */
import { requireField, type CrawlErrorCode } from './crawl-error.js';

/** The codes a validator throws. */
export type ValidationCode = Extract<
  CrawlErrorCode,
  'DEURO_CRAWL_INVALID_SCOPE' | 'DEURO_CRAWL_INVALID_POLITENESS' | 'DEURO_CRAWL_INVALID_OPTIONS'
>;

/** The most entries a list field may have, and the longest string entry. */
export const LIST_LIMITS = { entries: 1000, entryLength: 1024 } as const;

/** Whether a value is a plain JSON object (not null, not an array). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A whole number within [min, max].
 * @throws CrawlError with `code`, naming `field`, otherwise.
 */
export function wholeNumber(
  value: unknown,
  field: string,
  min: number,
  max: number,
  code: ValidationCode,
): number {
  requireField(
    typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max,
    code,
    field,
    `a whole number in [${String(min)}, ${String(max)}]`,
  );
  return value;
}

/**
 * A non-empty array of non-empty strings, at most {@link LIST_LIMITS}.
 * @throws CrawlError with `code`, naming `field` or `field[i]`, otherwise.
 */
export function stringList(value: unknown, field: string, code: ValidationCode): string[] {
  requireField(Array.isArray(value), code, field, 'an array of strings');
  const list: unknown[] = value;
  requireField(list.length > 0, code, field, 'a non-empty array');
  requireField(
    list.length <= LIST_LIMITS.entries,
    code,
    field,
    `at most ${String(LIST_LIMITS.entries)} entries`,
  );
  return list.map((item, i) => {
    requireField(
      typeof item === 'string' && item.length > 0 && item.length <= LIST_LIMITS.entryLength,
      code,
      `${field}[${String(i)}]`,
      `a non-empty string of at most ${String(LIST_LIMITS.entryLength)} characters`,
    );
    return item;
  });
}

/**
 * Reject fields of `value` not in `known`.
 * @throws CrawlError with `code`, naming the first unknown field.
 */
export function rejectUnknownFields(
  value: Record<string, unknown>,
  known: ReadonlySet<string>,
  code: ValidationCode,
): void {
  for (const key of Object.keys(value)) {
    requireField(known.has(key), code, key, 'absent (unknown field)');
  }
}
