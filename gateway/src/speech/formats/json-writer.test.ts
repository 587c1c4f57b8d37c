import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isFormatError } from './errors.js';
import { alignmentToJson } from './json-writer.js';
import { AWKWARD_LABELS, EMPTY } from './sample-alignments.js';

describe('alignmentToJson', () => {
  it('sorts keys, rounds to 0.001 and keeps whole numbers', () => {
    assert.equal(
      alignmentToJson(EMPTY),
      '{"duration":0.8,"frames":80,"phones":[],"verdict":{"aligned":false,"score":0,"threshold":0.5},"words":[]}',
    );
    const parsed = JSON.parse(alignmentToJson(AWKWARD_LABELS)) as typeof AWKWARD_LABELS;
    assert.equal(parsed.duration, 2);
    assert.equal(parsed.verdict.score, -0.123);
    assert.deepEqual(parsed.words[0], {
      confidence: 0.5,
      end: 0.5,
      label: 'café',
      pronunciation: ['K', 'AE', 'F', 'EY'],
      start: 0.1,
    });
    assert.equal(parsed.phones[6]?.word, -1);
    assert.match(
      alignmentToJson(AWKWARD_LABELS),
      /^\{"duration":2,"frames":200,"phones":\[\{"end":0.2,"label":"K","start":0.1,"word":0\}/,
    );
  });

  it('gives the same text for key orders that differ', () => {
    const reordered = {
      words: EMPTY.words,
      verdict: { threshold: 0.5, score: 0, aligned: false },
      phones: [],
      frames: 80,
      duration: 0.8,
    };
    assert.equal(alignmentToJson(reordered), alignmentToJson(EMPTY));
  });

  it('names a number JSON cannot hold', () => {
    assert.throws(
      () => alignmentToJson({ ...EMPTY, verdict: { ...EMPTY.verdict, score: Number.NaN } }),
      (e) =>
        isFormatError(e, 'DEURO_FORMAT_INVALID_ALIGNMENT') && e.details.field === 'verdict.score',
    );
  });
});
