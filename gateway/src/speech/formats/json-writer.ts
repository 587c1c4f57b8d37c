/**
 * Canonical JSON of an alignment: object keys sorted at every level, no white space, whole
 * numbers as they are (`frames`, `word`), every other number rounded to three decimals (times
 * to the millisecond; confidences, score and threshold to 0.001). Times are not moved onto the
 * grid of the other formats: each is rounded on its own. Equal alignments give equal bytes, so
 * the text can be hashed.
 */

import type { Alignment } from '../align/index.js';
import { checkAlignmentField } from './errors.js';

function roundedNumber(value: number, path: string): number {
  checkAlignmentField(Number.isFinite(value), path, value, 'a finite number');
  if (Number.isInteger(value)) return value === 0 ? 0 : value;
  const rounded = Math.round(value * 1000) / 1000;
  return rounded === 0 ? 0 : rounded;
}

function canonical(value: unknown, path: string): string {
  if (typeof value === 'number') return JSON.stringify(roundedNumber(value, path));
  if (typeof value === 'string' || typeof value === 'boolean' || value === null)
    return JSON.stringify(value);
  if (Array.isArray(value)) {
    return `[${value.map((item: unknown, i) => canonical(item, `${path}[${String(i)}]`)).join(',')}]`;
  }
  checkAlignmentField(typeof value === 'object', path, typeof value, 'a JSON value');
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item, path === '' ? key : `${path}.${key}`)}`).join(',')}}`;
}

/**
 * Writes an alignment as canonical JSON (see the module comment).
 *
 * @throws {FormatError} `DEURO_FORMAT_INVALID_ALIGNMENT` naming a number that is NaN or infinite.
 */
export function alignmentToJson(a: Alignment): string {
  return canonical(a, '');
}
