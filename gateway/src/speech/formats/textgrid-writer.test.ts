import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isFormatError } from './errors.js';
import { SAMPLE_ALIGNMENTS, AWKWARD_LABELS, EMPTY, HELLO_WORLD } from './sample-alignments.js';
import { parseTextGrid, type TextGridTier } from './textgrid-parser.js';
import { alignmentToTextGrid } from './textgrid-writer.js';

function intervalsOf(
  tier: TextGridTier | undefined,
): { xmin: number; xmax: number; text: string }[] {
  assert.equal(tier?.kind, 'IntervalTier');
  return tier.intervals;
}

describe('alignmentToTextGrid', () => {
  it('writes the long text format Praat writes', () => {
    const text = alignmentToTextGrid(HELLO_WORLD);
    const lines = text.split('\n');
    assert.deepEqual(lines.slice(0, 17), [
      'File type = "ooTextFile"',
      'Object class = "TextGrid"',
      '',
      'xmin = 0 ',
      'xmax = 1.5 ',
      'tiers? <exists> ',
      'size = 2 ',
      'item []: ',
      '    item [1]:',
      '        class = "IntervalTier" ',
      '        name = "words" ',
      '        xmin = 0 ',
      '        xmax = 1.5 ',
      '        intervals: size = 5 ',
      '        intervals [1]:',
      '            xmin = 0 ',
      '            xmax = 0.3 ',
    ]);
    assert.ok(text.endsWith('\n'));
  });

  it('covers 0..duration with abutting intervals in both tiers, gaps empty', () => {
    for (const [name, alignment] of Object.entries(SAMPLE_ALIGNMENTS)) {
      const grid = parseTextGrid(alignmentToTextGrid(alignment));
      assert.deepEqual(
        grid.tiers.map((t) => t.name),
        ['words', 'phones'],
        name,
      );
      for (const tier of grid.tiers) {
        const intervals = intervalsOf(tier);
        assert.equal(intervals[0]?.xmin, 0);
        assert.equal(intervals.at(-1)?.xmax, grid.xmax);
        intervals.slice(1).forEach((interval, i) => {
          assert.equal(interval.xmin, intervals[i]?.xmax, `${name} ${tier.name} ${String(i)}`);
        });
        assert.ok(intervals.every((interval) => interval.xmax > interval.xmin));
      }
    }
  });

  it('keeps labels, quotes and unicode, and rounds to the millisecond', () => {
    const grid = parseTextGrid(alignmentToTextGrid(AWKWARD_LABELS));
    assert.equal(grid.xmax, 2);
    const words = intervalsOf(grid.tiers[0]).filter((i) => i.text !== '');
    assert.deepEqual(words, [
      { xmin: 0.1, xmax: 0.5, text: 'café' },
      { xmin: 0.5, xmax: 0.9, text: 'say "hi"' },
      { xmin: 1.2, xmax: 1.9, text: 'naïve☃' },
    ]);
    assert.match(alignmentToTextGrid(AWKWARD_LABELS), /text = "say ""hi""" /);
    const phones = intervalsOf(grid.tiers[1]).map((i) => i.text);
    assert.deepEqual(phones.slice(7, 11), ['', '+BREATH+', '', 'N']);
  });

  it('writes one empty interval per tier for no words', () => {
    const grid = parseTextGrid(alignmentToTextGrid(EMPTY));
    assert.deepEqual(intervalsOf(grid.tiers[0]), [{ xmin: 0, xmax: 0.8, text: '' }]);
    assert.deepEqual(intervalsOf(grid.tiers[1]), [{ xmin: 0, xmax: 0.8, text: '' }]);
  });

  it('stretches the grid to the last interval and rejects a bad duration or name', () => {
    const grid = parseTextGrid(alignmentToTextGrid({ ...HELLO_WORLD, duration: 1.2 }));
    assert.equal(grid.xmax, 1.5);
    assert.throws(
      () => alignmentToTextGrid({ ...HELLO_WORLD, duration: Number.POSITIVE_INFINITY }),
      (e) => isFormatError(e, 'DEURO_FORMAT_INVALID_ALIGNMENT') && e.details.field === 'duration',
    );
    assert.throws(
      () => alignmentToTextGrid(HELLO_WORLD, { name: 'a\nb' }),
      (e) => isFormatError(e, 'DEURO_FORMAT_INVALID_PARAMETER') && e.details.field === 'name',
    );
  });
});
