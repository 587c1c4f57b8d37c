import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isFormatError } from './errors.js';
import { fillGaps, formatMs, toGrid } from './millisecond-grid.js';

describe('millisecond grid', () => {
  it('prints whole milliseconds as exact short decimals', () => {
    assert.deepEqual([0, 1, 350, 1500, 2000, 123456].map(formatMs), [
      '0',
      '0.001',
      '0.35',
      '1.5',
      '2',
      '123.456',
    ]);
  });

  it('rounds, keeps neighbours abutting, and never makes an empty segment', () => {
    const grid = toGrid(
      [
        { label: 'a', start: 0.1004, end: 0.4996 },
        { label: 'b', start: 0.4996, end: 0.5001 },
        { label: 'c', start: 0.5001, end: 0.7 },
      ],
      'words',
    );
    assert.deepEqual(grid, [
      { label: 'a', startMs: 100, endMs: 500 },
      { label: 'b', startMs: 500, endMs: 501 },
      { label: 'c', startMs: 501, endMs: 700 },
    ]);
  });

  it('fills the gaps with empty intervals from 0 to the duration', () => {
    const filled = fillGaps(
      [
        { label: 'a', startMs: 100, endMs: 200 },
        { label: 'b', startMs: 200, endMs: 300 },
        { label: 'c', startMs: 400, endMs: 500 },
      ],
      600,
    );
    assert.deepEqual(
      filled.map((s) => `${s.label}:${String(s.startMs)}-${String(s.endMs)}`),
      [':0-100', 'a:100-200', 'b:200-300', ':300-400', 'c:400-500', ':500-600'],
    );
    assert.deepEqual(fillGaps([], 50), [{ label: '', startMs: 0, endMs: 50 }]);
  });

  it('names the time that is out of order, not after its start, or not finite', () => {
    const field = (
      segments: { label: string; start: number; end: number }[],
    ): string | undefined => {
      try {
        toGrid(segments, 'phones');
      } catch (error) {
        assert.ok(isFormatError(error, 'DEURO_FORMAT_INVALID_ALIGNMENT'));
        return error.details.field;
      }
      return undefined;
    };
    assert.equal(field([{ label: 'a', start: 0.5, end: 0.4 }]), 'phones[0].end');
    assert.equal(field([{ label: 'a', start: Number.NaN, end: 0.4 }]), 'phones[0].start');
    assert.equal(field([{ label: 'a', start: -1, end: 0.4 }]), 'phones[0].start');
    assert.equal(
      field([
        { label: 'a', start: 0, end: 0.5 },
        { label: 'b', start: 0.4, end: 0.6 },
      ]),
      'phones[1].start',
    );
  });
});
