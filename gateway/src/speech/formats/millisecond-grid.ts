/**
 * Times on a millisecond grid, shared by every writer so that the formats agree to the
 * millisecond and intervals abut exactly.
 *
 * A time t (seconds) becomes round(1000 t) ms. Going through a tier's segments in order, a
 * segment starts at the later of its rounded start and the previous segment's end (rounding can
 * make neighbours overlap by a millisecond), and ends at the later of its rounded end and its
 * start + 1 ms (so no segment is empty). A segment that starts more than half a millisecond
 * before the previous one ends is an error: segments must be in time order and not overlap.
 * Integer milliseconds are printed as exact decimals (`350` → `0.35`).
 */

import { checkAlignmentField } from './errors.js';

/** A segment on the millisecond grid. */
export interface GridSegment {
  readonly label: string;
  readonly startMs: number;
  readonly endMs: number;
}

/** Seconds to whole milliseconds. */
export function toMs(seconds: number): number {
  return Math.round(seconds * 1000);
}

/** Whole milliseconds as seconds in the shortest exact decimal (`1500` → `1.5`, `0` → `0`). */
export function formatMs(ms: number): string {
  return String(ms / 1000);
}

/** Checks a time: a finite number, at least 0. */
export function checkTime(value: number, field: string): void {
  checkAlignmentField(Number.isFinite(value) && value >= 0, field, value, 'a finite time >= 0 s');
}

/**
 * Places `segments` (seconds, in time order) on the millisecond grid by the rule above.
 *
 * @param field - the segments' name in messages, e.g. `words`.
 * @throws {FormatError} `DEURO_FORMAT_INVALID_ALIGNMENT` naming `field[i].start` or `.end` for a
 * time that is not finite, negative, not after the start, or before the previous segment's end.
 */
export function toGrid(
  segments: readonly { readonly label: string; readonly start: number; readonly end: number }[],
  field: string,
): GridSegment[] {
  const out: GridSegment[] = [];
  let previousEnd = 0;
  let previousEndSeconds = 0;
  segments.forEach((segment, index) => {
    const name = `${field}[${String(index)}]`;
    checkTime(segment.start, `${name}.start`);
    checkTime(segment.end, `${name}.end`);
    checkAlignmentField(
      segment.end > segment.start,
      `${name}.end`,
      segment.end,
      `after start ${String(segment.start)} s`,
    );
    checkAlignmentField(
      segment.start >= previousEndSeconds - 0.0005,
      `${name}.start`,
      segment.start,
      `at or after the previous end ${String(previousEndSeconds)} s`,
    );
    const startMs = Math.max(toMs(segment.start), previousEnd);
    const endMs = Math.max(toMs(segment.end), startMs + 1);
    out.push({ label: segment.label, startMs, endMs });
    previousEnd = endMs;
    previousEndSeconds = segment.end;
  });
  return out;
}

/**
 * A tier covering `[0, durationMs)` without holes: the segments, with empty-labelled intervals
 * filling the gaps before, between and after them.
 */
export function fillGaps(segments: readonly GridSegment[], durationMs: number): GridSegment[] {
  const out: GridSegment[] = [];
  let at = 0;
  for (const segment of segments) {
    if (segment.startMs > at) out.push({ label: '', startMs: at, endMs: segment.startMs });
    out.push(segment);
    at = segment.endMs;
  }
  if (durationMs > at) out.push({ label: '', startMs: at, endMs: durationMs });
  return out;
}
