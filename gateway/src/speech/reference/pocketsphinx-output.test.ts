import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isReferenceAlignerError } from './errors.js';
import { parsePocketsphinxOutput } from './pocketsphinx-output.js';

/** Real output of `pocketsphinx_continuous -time yes` (5prealpha) on a synthesized sentence. */
const OUTPUT = `she sells the market
<s> 0.000 0.290 1.000000
she 0.300 0.650 1.000000
<sil> 0.660 0.950 1.000000
sells 0.960 1.380 0.998001
[NOISE] 1.390 1.540 1.000000
the 3.800 3.910 1.000000
+BREATH+ 3.920 4.240 1.000000
market(2) 4.250 4.760 1.000000
</s> 4.770 5.040 1.000000
`;

describe('parsePocketsphinxOutput', () => {
  it('keeps words, drops fillers, strips alternates, and ends a word after its last frame', () => {
    const { hypotheses, words } = parsePocketsphinxOutput(OUTPUT);
    assert.deepEqual(hypotheses, ['she sells the market']);
    assert.deepEqual(words, [
      { label: 'she', start: 0.3, end: 0.66 },
      { label: 'sells', start: 0.96, end: 1.39 },
      { label: 'the', start: 3.8, end: 3.92 },
      { label: 'market', start: 4.25, end: 4.77 },
    ]);
  });

  it('uses the frame rate for the last frame', () => {
    const { words } = parsePocketsphinxOutput('a\na 0.500 0.740 1.0\n', 50);
    assert.deepEqual(words, [{ label: 'a', start: 0.5, end: 0.76 }]);
  });

  it('reads several utterances and empty output', () => {
    assert.equal(parsePocketsphinxOutput('a\na 0.1 0.2 1\nb\nb 0.1 0.2 1\n').hypotheses.length, 2);
    assert.deepEqual(parsePocketsphinxOutput(''), { hypotheses: [], words: [] });
  });

  it('rejects a segment that ends before it starts', () => {
    assert.throws(
      () => parsePocketsphinxOutput('a\na 0.500 0.300 1.0\n'),
      (e) => isReferenceAlignerError(e, 'DEURO_REFERENCE_POCKETSPHINX_FAILED'),
    );
  });
});
