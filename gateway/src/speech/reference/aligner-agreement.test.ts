/**
 * Deuro's forced aligner against the reference, pocketsphinx 5prealpha with a transcript-only
 * JSGF grammar (wide beams: `-beam 1e-80 -wbeam 1e-60 -pbeam 1e-80`, since the default beams
 * lose the path on some of these inputs), on ten utterances of the espeak-ng corpus.
 *
 * - Seven sentences spoken continuously (every fourth built-in sentence): the speech issue's
 *   goal, word boundaries (starts and ends) within 50 ms for >= 90%, pooled.
 * - Three sentences spoken word by word with pauses, where the ground truth is known: the
 *   speech issue's goal there, Deuro's word boundaries within 30 ms of the truth at the median
 *   and 60 ms at the 95th percentile, pooled; and, since pocketsphinx is itself often more than
 *   50 ms off the truth there (it lets a short word slide into the pause), that Deuro is at
 *   least as close to the truth as pocketsphinx is. The agreement of the two is printed.
 *
 * Light noise (-60 dBFS) replaces espeak-ng's digital silence, which throws pocketsphinx off
 * (see docs/speech-formats.md). About 20 s on a 2-core machine.
 */

import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  alignTranscript,
  loadSpeechModel,
  type LoadedSpeechModel,
  type TimedSegment,
} from '../align/index.js';
import { ENGLISH_SENTENCES, synthesizeSentence, synthesizeWords } from '../corpus/index.js';
import { boundaryAgreement } from './boundary-agreement.js';
import { alignWithPocketsphinx } from './pocketsphinx-aligner.js';

const NOISE_DBFS = -60;
const TOLERANCE = 0.05;
/** The speech issue's goal against the ground truth: median and 95th percentile, seconds. */
const TRUTH_MEDIAN = 0.03;
const TRUTH_P95 = 0.06;
const CONTINUOUS = [0, 4, 8, 12, 16, 20, 24];
const WORD_BY_WORD = [15, 21, 27];

interface Utterance {
  readonly name: string;
  readonly samples: Float32Array;
  readonly sampleRate: number;
  readonly transcript: string;
  readonly truth?: TimedSegment[];
}

interface Aligned {
  readonly utterance: Utterance;
  readonly pocketsphinx: TimedSegment[];
  readonly deuro: TimedSegment[];
}

async function corpusUtterances(): Promise<Utterance[]> {
  const utterances: Utterance[] = [];
  for (const index of CONTINUOUS) {
    const transcript = ENGLISH_SENTENCES[index] ?? '';
    const speech = await synthesizeSentence(transcript, { seed: index, noiseDbfs: NOISE_DBFS });
    utterances.push({ name: `sentence ${String(index)}`, ...speech, transcript });
  }
  for (const index of WORD_BY_WORD) {
    const transcript = ENGLISH_SENTENCES[index] ?? '';
    const words = transcript.split(' ');
    const speech = await synthesizeWords(words, { seed: index, noiseDbfs: NOISE_DBFS });
    utterances.push({ name: `words ${String(index)}`, ...speech, transcript });
  }
  return utterances;
}

function pooled(pairs: readonly [readonly TimedSegment[], readonly TimedSegment[]][]): {
  fraction: number;
  median: number;
  p95: number;
  text: string;
} {
  const differences = pairs.flatMap(([a, b]) => boundaryAgreement(a, b, TOLERANCE).differences);
  const within = differences.filter((d) => d <= TOLERANCE + 1e-9).length;
  const fraction = within / differences.length;
  const sorted = [...differences].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  // Nearest rank.
  const p95 = sorted[Math.max(0, Math.ceil(0.95 * sorted.length) - 1)] ?? 0;
  const text = `${(100 * fraction).toFixed(1)}% of ${String(differences.length)} boundaries within 50 ms, median ${(1000 * median).toFixed(0)} ms, p95 ${(1000 * p95).toFixed(0)} ms`;
  return { fraction, median, p95, text };
}

function note(line: string): void {
  process.stdout.write(`${line}\n`);
}

describe('Deuro aligner against pocketsphinx', () => {
  const aligned: Aligned[] = [];
  before(async () => {
    const [model, utterances]: [LoadedSpeechModel, Utterance[]] = await Promise.all([
      loadSpeechModel(),
      corpusUtterances(),
    ]);
    for (const utterance of utterances) {
      const [reference, deuro] = await Promise.all([
        alignWithPocketsphinx(utterance, { beams: 'wide', timeoutMs: 30000 }),
        alignTranscript(utterance, {}, model),
      ]);
      aligned.push({ utterance, pocketsphinx: reference.words, deuro: deuro.words });
    }
    note(`all ten: ${pooled(aligned.map((a) => [a.pocketsphinx, a.deuro])).text}`);
  });

  it('agrees within 50 ms on at least 90% of word boundaries of continuous speech', () => {
    const continuous = aligned.filter((a) => a.utterance.truth === undefined);
    assert.equal(continuous.length, CONTINUOUS.length);
    const agreement = pooled(continuous.map((a) => [a.pocketsphinx, a.deuro]));
    note(`continuous speech: ${agreement.text}`);
    assert.ok(agreement.fraction >= 0.9, agreement.text);
  });

  it('puts word boundaries within 30 ms of the truth at the median and 60 ms at p95', () => {
    const words = aligned.filter((a) => a.utterance.truth !== undefined);
    assert.equal(words.length, WORD_BY_WORD.length);
    const deuro = pooled(words.map((a) => [a.utterance.truth ?? [], a.deuro]));
    assert.ok(deuro.median <= TRUTH_MEDIAN + 1e-9, deuro.text);
    assert.ok(deuro.p95 <= TRUTH_P95 + 1e-9, deuro.text);
  });

  it('is at least as close to the ground truth as pocketsphinx on words spoken one by one', () => {
    const words = aligned.filter((a) => a.utterance.truth !== undefined);
    assert.equal(words.length, WORD_BY_WORD.length);
    const truthOf = (a: Aligned): TimedSegment[] => a.utterance.truth ?? [];
    const deuro = pooled(words.map((a) => [truthOf(a), a.deuro]));
    const reference = pooled(words.map((a) => [truthOf(a), a.pocketsphinx]));
    note(
      `words one by one: deuro vs pocketsphinx ${pooled(words.map((a) => [a.pocketsphinx, a.deuro])).text}`,
    );
    note(`  against the ground truth: deuro ${deuro.text}; pocketsphinx ${reference.text}`);
    assert.ok(
      deuro.fraction >= reference.fraction,
      `deuro ${deuro.text}, pocketsphinx ${reference.text}`,
    );
  });
});
