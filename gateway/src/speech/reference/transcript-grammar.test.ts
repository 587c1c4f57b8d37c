import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isReferenceAlignerError } from './errors.js';
import { transcriptGrammar, transcriptWords } from './transcript-grammar.js';

describe('transcript grammar', () => {
  it('lowercases and splits the transcript, and writes a one-sentence JSGF grammar', () => {
    const words = transcriptWords('  The cat\tsat\n ON the mat ');
    assert.deepEqual(words, ['the', 'cat', 'sat', 'on', 'the', 'mat']);
    assert.equal(
      transcriptGrammar(["don't", 'stop']),
      "#JSGF V1.0;\ngrammar deuro;\npublic <transcript> = don't stop;\n",
    );
  });

  it('names a word that is not a plain JSGF token, and rejects no words', () => {
    for (const [text, field] of [
      ['hello <world>', 'transcript[1]'],
      ['a;b', 'transcript[0]'],
      ['x (y)', 'transcript[1]'],
      ['  ', 'transcript'],
    ] as const) {
      assert.throws(
        () => transcriptWords(text),
        (e) =>
          isReferenceAlignerError(e, 'DEURO_REFERENCE_INVALID_PARAMETER') &&
          e.details.field === field,
      );
    }
  });
});
