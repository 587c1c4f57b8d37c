/**
 * The pocketsphinx runner against the real program (Debian's pocketsphinx 5prealpha and
 * pocketsphinx-en-us) on espeak-ng speech: it returns every transcript word in order with times
 * near the ground truth, and reports pocketsphinx's failures with their codes.
 */

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { synthesizeWords } from '../corpus/index.js';
import { boundaryAgreement } from './boundary-agreement.js';
import { isReferenceAlignerError } from './errors.js';
import { alignWithPocketsphinx } from './pocketsphinx-aligner.js';

const TEXT = 'she sells fresh fish at the market every morning';

describe('alignWithPocketsphinx', () => {
  it('aligns every word of the transcript, mostly within 50 ms of the ground truth', async () => {
    const speech = await synthesizeWords(TEXT.split(' '), { seed: 1, noiseDbfs: -60 });
    const aligned = await alignWithPocketsphinx(
      { ...speech, transcript: TEXT.toUpperCase() },
      { beams: 'wide', timeoutMs: 30000 },
    );
    assert.deepEqual(
      aligned.words.map((w) => w.label),
      TEXT.split(' '),
    );
    const agreement = boundaryAgreement(speech.truth, aligned.words);
    assert.ok(agreement.fraction >= 0.7, `only ${String(agreement.fraction)} within 50 ms`);
    assert.ok(agreement.median <= 0.04, `median ${String(agreement.median)} s`);
    assert.ok(aligned.seconds > 0);
    assert.ok(aligned.command.includes('-wbeam'));
  });

  it('reports a transcript with no path, an unknown word and a missing program by code', async () => {
    const speech = await synthesizeWords(['she', 'sells', 'fish'], { seed: 2, noiseDbfs: -60 });
    await assert.rejects(
      alignWithPocketsphinx({
        ...speech,
        transcript: 'the quick brown fox jumps over the lazy dog',
      }),
      (e) =>
        isReferenceAlignerError(e, 'DEURO_REFERENCE_GRAMMAR_MISMATCH') &&
        (e.details.log ?? []).length > 0,
    );
    await assert.rejects(
      alignWithPocketsphinx({ ...speech, transcript: 'she xyzzyqq fish' }),
      (e) => isReferenceAlignerError(e, 'DEURO_REFERENCE_POCKETSPHINX_FAILED'),
    );
    await assert.rejects(
      alignWithPocketsphinx(
        { ...speech, transcript: 'she sells fish' },
        { program: 'deuro-no-such-pocketsphinx' },
      ),
      (e) =>
        isReferenceAlignerError(e, 'DEURO_REFERENCE_POCKETSPHINX_MISSING') &&
        /apt-get install/.test(e.message),
    );
    await assert.rejects(
      alignWithPocketsphinx(
        { ...speech, transcript: 'she sells fish' },
        { modelDir: '/nonexistent' },
      ),
      (e) =>
        isReferenceAlignerError(e, 'DEURO_REFERENCE_POCKETSPHINX_MISSING') &&
        e.details.field === 'modelDir',
    );
  });
});
