/**
 * Synthetic speech with known word boundaries, from espeak-ng.
 *
 * {@link synthesizeWords} speaks every word in its own espeak-ng run, trims each word's silence
 * with the energy rule of `silence-trim.ts`, and joins the words with pauses of known length,
 * so the word boundaries are known exactly (ground truth by construction). Its output is
 * `padding, word 1, pause 1, word 2, ..., word n, padding`. {@link synthesizeSentence} speaks a
 * whole text in one run (continuous speech with coarticulation, no ground truth), trimmed and
 * padded the same way. Noise, when asked for, comes from the seeded generator, so equal options
 * give equal samples.
 */

import type { TimedSegment } from '../align/index.js';
import { openEspeakSession, type EspeakSession, type EspeakVoice } from './espeak.js';
import { checkCorpusParameter } from './errors.js';
import { newSeededRandom, type SeededRandom } from './seeded-random.js';
import { soundSpan } from './silence-trim.js';
import {
  resolveGaps,
  resolveSynthesisOptions,
  type ResolvedSynthesisOptions,
  type SynthesisOptions,
  type SynthesizeWordsOptions,
} from './synthesis-options.js';

/** What {@link synthesizeWords} returns. */
export interface SynthesizedWords {
  /** Mono samples, full scale 1. */
  readonly samples: Float32Array;
  readonly sampleRate: number;
  /** Each word's trimmed sound: its start and end in seconds (exact sample positions). */
  readonly truth: TimedSegment[];
}

/** What {@link synthesizeSentence} returns. */
export interface SynthesizedSentence {
  readonly samples: Float32Array;
  readonly sampleRate: number;
  /** Where the trimmed speech starts and ends, in seconds (after the leading padding). */
  readonly speech: { readonly start: number; readonly end: number };
}

const WORD_PATTERN = /^[^\s]{1,64}$/u;

function voiceOf(options: ResolvedSynthesisOptions): EspeakVoice {
  return {
    voice: options.voice,
    rate: options.rate,
    pitch: options.pitch,
    program: options.program,
  };
}

async function speakTrimmed(
  session: EspeakSession,
  text: string,
  options: ResolvedSynthesisOptions,
): Promise<Float64Array> {
  const samples = await session.speak(text, voiceOf(options), options.sampleRate);
  const span = soundSpan(samples, options.sampleRate);
  return samples.subarray(span.start, span.end);
}

async function withSession<T>(run: (session: EspeakSession) => Promise<T>): Promise<T> {
  const session = await openEspeakSession();
  try {
    return await run(session);
  } finally {
    await session.close();
  }
}

function msToSamples(ms: number, sampleRate: number): number {
  return Math.round((ms * sampleRate) / 1000);
}

function addNoise(
  samples: Float32Array,
  options: ResolvedSynthesisOptions,
  random: SeededRandom,
): void {
  if (options.noiseDbfs === undefined) return;
  const level = 10 ** (options.noiseDbfs / 20);
  for (let i = 0; i < samples.length; i++) {
    samples[i] = (samples[i] ?? 0) + level * random.gaussian();
  }
}

/**
 * Speaks each word separately with espeak-ng and joins them with silences of known length.
 *
 * @param words - the words, each without spaces (1–64 characters), at least one.
 * @param options - voice, rate, pitch, pauses, padding, noise, seed (see {@link SynthesizeWordsOptions}).
 * @returns 16 kHz samples and each word's boundaries. A word whose sound is empty after trimming
 * (espeak-ng said nothing) is an error.
 * @throws {CorpusError} `DEURO_CORPUS_INVALID_PARAMETER` for a bad word or option,
 * `DEURO_CORPUS_ESPEAK_MISSING` without espeak-ng, `DEURO_CORPUS_ESPEAK_FAILED` when it fails.
 */
export async function synthesizeWords(
  words: readonly string[],
  options: SynthesizeWordsOptions = {},
): Promise<SynthesizedWords> {
  checkCorpusParameter(words.length > 0, 'words', words.length, 'at least one word');
  words.forEach((word, index) => {
    checkCorpusParameter(
      WORD_PATTERN.test(word),
      `words[${String(index)}]`,
      word,
      'a word of 1 to 64 characters without spaces',
    );
  });
  const resolved = resolveSynthesisOptions(options);
  const random = newSeededRandom(resolved.seed);
  const gaps = resolveGaps(options.gapsMs, words.length, () => random.next());
  const spoken = await withSession(async (session) => {
    const out: Float64Array[] = [];
    for (const word of words) out.push(await speakTrimmed(session, word, resolved));
    return out;
  });
  spoken.forEach((sound, index) => {
    checkCorpusParameter(
      sound.length > 0,
      `words[${String(index)}]`,
      words[index],
      'a word espeak-ng pronounces',
    );
  });
  return joinWords(words, spoken, gaps, resolved, random);
}

function joinWords(
  words: readonly string[],
  spoken: readonly Float64Array[],
  gaps: readonly number[],
  options: ResolvedSynthesisOptions,
  random: SeededRandom,
): SynthesizedWords {
  const rate = options.sampleRate;
  const padding = msToSamples(options.paddingMs, rate);
  const gapSamples = gaps.map((gap) => msToSamples(gap, rate));
  const total =
    2 * padding +
    spoken.reduce((sum, s) => sum + s.length, 0) +
    gapSamples.reduce((sum, g) => sum + g, 0);
  const samples = new Float32Array(total);
  const truth: TimedSegment[] = [];
  let at = padding;
  spoken.forEach((sound, index) => {
    samples.set(sound, at);
    truth.push({ label: words[index] ?? '', start: at / rate, end: (at + sound.length) / rate });
    at += sound.length + (gapSamples[index] ?? 0);
  });
  addNoise(samples, options, random);
  return { samples, sampleRate: rate, truth };
}

/**
 * Speaks a whole text in one espeak-ng run (continuous speech), trimmed by the energy rule and
 * padded with `paddingMs` of silence at both ends.
 *
 * @param text - the text, 1–10000 characters with at least one letter or digit.
 * @param options - voice, rate, pitch, padding, noise, seed (see {@link SynthesisOptions}).
 * @throws {CorpusError} as {@link synthesizeWords}.
 */
export async function synthesizeSentence(
  text: string,
  options: SynthesisOptions = {},
): Promise<SynthesizedSentence> {
  checkCorpusParameter(
    /[\p{L}\p{N}]/u.test(text) && text.length <= 10000,
    'text',
    text,
    'a text of up to 10000 characters with a letter or digit',
  );
  const resolved = resolveSynthesisOptions(options);
  const sound = await withSession((session) => speakTrimmed(session, text, resolved));
  checkCorpusParameter(sound.length > 0, 'text', text, 'a text espeak-ng pronounces');
  const rate = resolved.sampleRate;
  const padding = msToSamples(resolved.paddingMs, rate);
  const samples = new Float32Array(2 * padding + sound.length);
  samples.set(sound, padding);
  addNoise(samples, resolved, newSeededRandom(resolved.seed));
  return {
    samples,
    sampleRate: rate,
    speech: { start: padding / rate, end: (padding + sound.length) / rate },
  };
}
