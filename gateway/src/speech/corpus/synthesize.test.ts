import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isCorpusError } from './errors.js';
import { soundSpan } from './silence-trim.js';
import { synthesizeSentence, synthesizeWords } from './synthesize.js';

const words = ['she', 'sells', 'fresh', 'fish'];

function rms(samples: Float32Array, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += (samples[i] ?? 0) ** 2;
  return Math.sqrt(sum / Math.max(1, to - from));
}

describe('synthesizeWords', () => {
  it('joins trimmed words with the pauses asked for, silence outside the words', async () => {
    const out = await synthesizeWords(words, { gapsMs: [100, 250, 400], paddingMs: 200 });
    assert.equal(out.sampleRate, 16000);
    assert.deepEqual(
      out.truth.map((t) => t.label),
      words,
    );
    assert.equal(out.truth[0]?.start, 0.2);
    const gaps = out.truth.slice(1).map((t, i) => t.start - (out.truth[i]?.end ?? 0));
    assert.deepEqual(
      gaps.map((g) => Math.round(g * 1000)),
      [100, 250, 400],
    );
    const last = out.truth.at(-1);
    assert.equal(Math.round(out.samples.length - (last?.end ?? 0) * 16000), 3200);
    for (const t of out.truth) {
      const [from, to] = [Math.round(t.start * 16000), Math.round(t.end * 16000)];
      assert.ok(
        t.end - t.start > 0.15 && t.end - t.start < 0.8,
        `${t.label} lasts ${String(t.end - t.start)} s`,
      );
      // the trimming rule applied again finds the same edges: frames at both ends are sound
      const span = soundSpan(out.samples.subarray(from, to), 16000);
      assert.deepEqual(span, { start: 0, end: to - from });
    }
    assert.equal(rms(out.samples, 0, 3200), 0);
    const pauseFrom = Math.round((out.truth.at(0)?.end ?? 0) * 16000);
    const pauseTo = Math.round((out.truth[1]?.start ?? 0) * 16000);
    assert.equal(rms(out.samples, pauseFrom, pauseTo), 0);
  });

  it('is deterministic for a seed: default pauses and noise repeat, another seed differs', async () => {
    const a = await synthesizeWords(words.slice(0, 3), { seed: 11, noiseDbfs: -50 });
    const b = await synthesizeWords(words.slice(0, 3), { seed: 11, noiseDbfs: -50 });
    const c = await synthesizeWords(words.slice(0, 3), { seed: 12, noiseDbfs: -50 });
    assert.deepEqual(a.truth, b.truth);
    assert.deepEqual(a.samples, b.samples);
    assert.notDeepEqual(a.samples, c.samples);
    for (const gap of a.truth.slice(1).map((t, i) => t.start - (a.truth[i]?.end ?? 0))) {
      const ms = Math.round(gap * 1000);
      assert.ok(ms >= 100 && ms <= 400 && ms % 10 === 0, `pause ${String(ms)} ms`);
    }
    const noise = rms(a.samples, 0, Math.round((a.truth[0]?.start ?? 0) * 16000));
    assert.ok(
      Math.abs(20 * Math.log10(noise) + 50) < 0.5,
      `noise at ${String(20 * Math.log10(noise))} dBFS`,
    );
  });

  it('names the bad option or word', async () => {
    const field = async (run: () => Promise<unknown>): Promise<string | undefined> => {
      try {
        await run();
      } catch (error) {
        assert.ok(isCorpusError(error, 'DEURO_CORPUS_INVALID_PARAMETER'), String(error));
        return error.details.field;
      }
      return undefined;
    };
    assert.equal(await field(() => synthesizeWords([])), 'words');
    assert.equal(await field(() => synthesizeWords(['two words'])), 'words[0]');
    assert.equal(await field(() => synthesizeWords(words, { gapsMs: [1, 2] })), 'gapsMs');
    assert.equal(await field(() => synthesizeWords(words, { gapsMs: [1, -2, 3] })), 'gapsMs[1]');
    assert.equal(await field(() => synthesizeWords(words, { rate: 5 })), 'rate');
    assert.equal(await field(() => synthesizeWords(words, { pitch: 100 })), 'pitch');
    assert.equal(await field(() => synthesizeWords(words, { voice: '-x' })), 'voice');
    assert.equal(await field(() => synthesizeWords(words, { seed: 1.5 })), 'seed');
    assert.equal(await field(() => synthesizeWords(words, { noiseDbfs: 3 })), 'noiseDbfs');
    assert.equal(await field(() => synthesizeSentence('...')), 'text');
  });

  it('tells espeak-ng is missing or failed', async () => {
    await assert.rejects(
      synthesizeWords(['hello'], { program: 'deuro-no-such-espeak' }),
      (e) =>
        isCorpusError(e, 'DEURO_CORPUS_ESPEAK_MISSING') &&
        /apt-get install espeak-ng/.test(e.message),
    );
    await assert.rejects(synthesizeWords(['hello'], { voice: 'nosuchvoice' }), (e) =>
      isCorpusError(e, 'DEURO_CORPUS_ESPEAK_FAILED'),
    );
  });
});

describe('synthesizeSentence', () => {
  it('speaks the sentence in one run, trimmed and padded', async () => {
    const out = await synthesizeSentence('the cat slept in a warm spot near the fire', {
      paddingMs: 250,
    });
    assert.equal(out.speech.start, 0.25);
    assert.ok(out.speech.end - out.speech.start > 1.5 && out.speech.end - out.speech.start < 4);
    assert.equal(out.samples.length, Math.round((out.speech.end + 0.25) * 16000));
    assert.equal(rms(out.samples, 0, 4000), 0);
    const again = await synthesizeSentence('the cat slept in a warm spot near the fire', {
      paddingMs: 250,
    });
    assert.deepEqual(again.samples, out.samples);
  });
});
