/*
 * Field checks for transaction requests: each names the field and what it must be, so a caller
 * can act on the error. Requests are JSON objects; unknown fields are refused rather than ignored.
 */
import { invalidArgument } from '../ledger/errors';

/** Parse a JSON request argument into an object. */
export function parseRequest(text: string, name: string): Record<string, unknown> {
  if (text.length > MAX_REQUEST_LENGTH) {
    throw invalidArgument(`${name} must be at most ${String(MAX_REQUEST_LENGTH)} characters`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalidArgument(`${name} must be a JSON object`);
  }
  return objectField(value, name);
}

/** The longest request accepted, in characters. */
export const MAX_REQUEST_LENGTH = 65_536;

/** The value as a plain object. */
export function objectField(value: unknown, name: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidArgument(`${name} must be a JSON object`);
  }
  return value as Record<string, unknown>;
}

/** Refuse members that are not in `allowed`. */
export function onlyFields(value: Record<string, unknown>, name: string, allowed: string[]): void {
  const unknown = Object.keys(value).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) {
    throw invalidArgument(
      `${name} has unknown field(s) ${unknown.join(', ')}; allowed: ${allowed.join(', ')}`,
    );
  }
}

/** A string matching a pattern, described for the error message. */
export function stringField(value: unknown, name: string, pattern: RegExp, what: string): string {
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw invalidArgument(`${name} must be ${what}`);
  }
  return value;
}

/** A safe non-negative integer. */
export function sizeField(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw invalidArgument(`${name} must be a whole number of bytes from 0 to 2^53-1`);
  }
  return value;
}

/** An array of at most `max` items, each checked by `item`; duplicates refused; result sorted. */
export function sortedUniqueList<T>(
  value: unknown,
  name: string,
  limits: { readonly min: number; readonly max: number },
  item: (entry: unknown, entryName: string) => T,
  keyOf: (entry: T) => string,
): T[] {
  if (!Array.isArray(value) || value.length < limits.min || value.length > limits.max) {
    throw invalidArgument(
      `${name} must be a list of ${String(limits.min)} to ${String(limits.max)} entries`,
    );
  }
  const entries = value.map((entry, index) => item(entry, `${name}[${String(index)}]`));
  const keys = entries.map(keyOf);
  const duplicate = keys.find((key, index) => keys.indexOf(key) !== index);
  if (duplicate !== undefined) {
    throw invalidArgument(`${name} lists ${duplicate} twice`);
  }
  return entries.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
}

/** A whole number in [min, max]. */
export function wholeNumberField(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw invalidArgument(`${name} must be a whole number from ${String(min)} to ${String(max)}`);
  }
  return value;
}
