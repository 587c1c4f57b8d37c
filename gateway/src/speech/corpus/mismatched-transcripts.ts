/**
 * Wrong transcripts for a recording, to test that an aligner's verdict rejects them. Four kinds,
 * as the speech issue lists them:
 *
 * - `different-sentence`: a built-in sentence ({@link ENGLISH_SENTENCES}) that is not the
 *   transcript, chosen by the seed;
 * - `swapped-words`: the transcript with two of its words (different ones) exchanged;
 * - `substituted-20pct`: round(20%) of its words (at least one) replaced by words from
 *   {@link SUBSTITUTE_WORDS} (each different from the word it replaces);
 * - `other-file`: one of `others` (the transcripts of other recordings) that is not the
 *   transcript.
 *
 * Transcripts are compared and returned in lower case with single spaces. A kind that cannot be
 * made is left out: `swapped-words` when the transcript has fewer than two different words,
 * `other-file` when every one of `others` equals the transcript.
 */

import { checkCorpusParameter } from './errors.js';
import { newSeededRandom, seededShuffle, type SeededRandom } from './seeded-random.js';
import { ENGLISH_SENTENCES, SUBSTITUTE_WORDS } from './sentences.js';

/** The kinds of wrong transcript. */
export type MismatchKind =
  'different-sentence' | 'swapped-words' | 'substituted-20pct' | 'other-file';

/** One wrong transcript. */
export interface MismatchedTranscript {
  readonly kind: MismatchKind;
  readonly transcript: string;
}

/** Fraction of the words `substituted-20pct` replaces. */
export const SUBSTITUTED_FRACTION = 0.2;

function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(/\s+/u)
    .filter((word) => word.length > 0);
}

function pick<T>(items: readonly T[], random: SeededRandom): T | undefined {
  return items[random.below(items.length)];
}

function differentSentence(normal: string, random: SeededRandom): string | undefined {
  return pick(
    ENGLISH_SENTENCES.filter((s) => s !== normal),
    random,
  );
}

function swappedWords(words: readonly string[], random: SeededRandom): string | undefined {
  const pairs: [number, number][] = [];
  for (let i = 0; i < words.length; i++) {
    for (let j = i + 1; j < words.length; j++) {
      if (words[i] !== words[j]) pairs.push([i, j]);
    }
  }
  const pair = pick(pairs, random);
  if (pair === undefined) return undefined;
  const out = [...words];
  out[pair[0]] = words[pair[1]] ?? '';
  out[pair[1]] = words[pair[0]] ?? '';
  return out.join(' ');
}

function substituted(words: readonly string[], random: SeededRandom): string {
  const count = Math.max(1, Math.round(words.length * SUBSTITUTED_FRACTION));
  const positions = seededShuffle(
    words.map((_, index) => index),
    random,
  ).slice(0, count);
  const out = [...words];
  for (const position of positions) {
    const choices = SUBSTITUTE_WORDS.filter(
      (word) => word !== words[position] && !out.includes(word),
    );
    out[position] = pick(choices, random) ?? '';
  }
  return out.join(' ');
}

function otherFile(
  normal: string,
  others: readonly string[],
  random: SeededRandom,
): string | undefined {
  const candidates = others
    .map((other) => wordsOf(other).join(' '))
    .filter((o) => o.length > 0 && o !== normal);
  return pick(candidates, random);
}

/**
 * Wrong transcripts of every kind for `transcript`, deterministic for a seed.
 *
 * @param transcript - the right transcript (at least one word).
 * @param others - transcripts of other recordings, for `other-file`.
 * @param seed - seed of every choice, a whole number 0–2^32-1.
 * @returns up to four wrong transcripts, in the order different-sentence, swapped-words,
 * substituted-20pct, other-file; each differs from the transcript.
 * @throws {CorpusError} `DEURO_CORPUS_INVALID_PARAMETER` for an empty transcript or a bad seed.
 */
export function mismatchedTranscripts(
  transcript: string,
  others: readonly string[],
  seed: number,
): MismatchedTranscript[] {
  const words = wordsOf(transcript);
  checkCorpusParameter(words.length > 0, 'transcript', transcript, 'at least one word');
  checkCorpusParameter(
    Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32,
    'seed',
    seed,
    'a whole number from 0 to 2^32-1',
  );
  const random = newSeededRandom(seed);
  const normal = words.join(' ');
  const made: [MismatchKind, string | undefined][] = [
    ['different-sentence', differentSentence(normal, random)],
    ['swapped-words', swappedWords(words, random)],
    ['substituted-20pct', substituted(words, random)],
    ['other-file', otherFile(normal, others, random)],
  ];
  return made.flatMap(([kind, text]) => (text === undefined ? [] : [{ kind, transcript: text }]));
}
