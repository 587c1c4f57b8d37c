import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isFormatError } from './errors.js';
import { parseTextGrid } from './textgrid-parser.js';

const SHORT = `File type = "ooTextFile"
Object class = "TextGrid"

0
2.5
<exists>
2
"IntervalTier"
"words"
0
2.5
2
0
1.25
"a ""b"""
1.25
2.5
""
"TextTier"
"events"
0
2.5
1
1.0e0
"click"
`;

describe('parseTextGrid', () => {
  it('reads the short format with interval and text tiers', () => {
    assert.deepEqual(parseTextGrid(`\uFEFF${SHORT}`), {
      xmin: 0,
      xmax: 2.5,
      tiers: [
        {
          kind: 'IntervalTier',
          name: 'words',
          xmin: 0,
          xmax: 2.5,
          intervals: [
            { xmin: 0, xmax: 1.25, text: 'a "b"' },
            { xmin: 1.25, xmax: 2.5, text: '' },
          ],
          points: [],
        },
        {
          kind: 'TextTier',
          name: 'events',
          xmin: 0,
          xmax: 2.5,
          intervals: [],
          points: [{ time: 1, mark: 'click' }],
        },
      ],
    });
  });

  it('reads a TextGrid without tiers', () => {
    const text =
      'File type = "ooTextFile"\nObject class = "TextGrid"\nxmin = 0\nxmax = 1\ntiers? <absent>\n';
    assert.deepEqual(parseTextGrid(text), { xmin: 0, xmax: 1, tiers: [] });
  });

  it('says what is missing or wrong', () => {
    const bad = [
      '',
      'File type = "ooTextFile"\nObject class = "Sound"\n',
      SHORT.replace('"IntervalTier"', '"PointTier"'),
      SHORT.slice(0, SHORT.indexOf('"click"')),
      SHORT.replace('\n2\n"IntervalTier"', '\n1.5\n"IntervalTier"'),
    ];
    for (const text of bad) {
      assert.throws(
        () => parseTextGrid(text),
        (e) => isFormatError(e, 'DEURO_FORMAT_MALFORMED_TEXTGRID'),
      );
    }
  });
});
