/**
 * The benchmark's input: the built-in corpus sentences (`ENGLISH_SENTENCES`), each spoken by
 * espeak-ng in one run (`synthesizeSentence`, continuous speech), in order and round again until
 * the requested length is reached, joined with a fixed pause into ONE utterance; the transcript
 * is every sentence in order. Each round speaks at another rate (160, 175, 145, 190, 130 wpm in
 * turn) so the rounds are not copies of each other. Seeded white noise over the whole utterance,
 * when asked, replaces the digital silence of the pauses.
 */

import {
  ENGLISH_SENTENCES,
  newSeededRandom,
  synthesizeSentence,
} from '../../gateway/src/speech/corpus';

/** Rates (words per minute) of the successive rounds through the sentences. */
export const ROUND_RATES: readonly number[] = [160, 175, 145, 190, 130];

/** One long utterance and its transcript. */
export interface LongUtterance {
  readonly samples: Float32Array;
  readonly sampleRate: number;
  readonly transcript: string;
  readonly sentences: number;
  readonly words: number;
  readonly seconds: number;
}

/** What to build. */
export interface LongUtteranceOptions {
  readonly seconds: number;
  readonly pauseMs: number;
  readonly noiseDbfs: number | 'none';
  readonly seed: number;
}

const SAMPLE_RATE = 16000;

/** Builds the utterance (about 80 ms of espeak-ng per sentence). */
export async function buildLongUtterance(options: LongUtteranceOptions): Promise<LongUtterance> {
  const pause = Math.round((options.pauseMs * SAMPLE_RATE) / 1000);
  const target = Math.round(options.seconds * SAMPLE_RATE);
  const parts: Float32Array[] = [];
  const texts: string[] = [];
  let length = pause;
  for (let k = 0; length < target; k++) {
    const text = ENGLISH_SENTENCES[k % ENGLISH_SENTENCES.length] ?? '';
    const rate = ROUND_RATES[Math.floor(k / ENGLISH_SENTENCES.length) % ROUND_RATES.length] ?? 160;
    const sentence = await synthesizeSentence(text, { rate, paddingMs: 0 });
    parts.push(sentence.samples);
    texts.push(text);
    length += sentence.samples.length + pause;
  }
  const samples = new Float32Array(length);
  let at = pause;
  for (const part of parts) {
    samples.set(part, at);
    at += part.length + pause;
  }
  addNoise(samples, options);
  const transcript = texts.join(' ');
  return {
    samples,
    sampleRate: SAMPLE_RATE,
    transcript,
    sentences: texts.length,
    words: transcript.split(' ').length,
    seconds: length / SAMPLE_RATE,
  };
}

function addNoise(samples: Float32Array, options: LongUtteranceOptions): void {
  if (options.noiseDbfs === 'none') return;
  const level = 10 ** (options.noiseDbfs / 20);
  const random = newSeededRandom(options.seed);
  for (let i = 0; i < samples.length; i++)
    samples[i] = (samples[i] ?? 0) + level * random.gaussian();
}
