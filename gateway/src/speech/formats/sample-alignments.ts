/**
 * Small hand-made alignments for the format tests (not exported from the index): gaps between
 * words, leading and trailing silence, a filler, times that need rounding, unicode and quoted
 * labels.
 */

import type { AlignedPhone, AlignedWord, Alignment } from '../align/index.js';

function word(
  label: string,
  start: number,
  end: number,
  pronunciation: string[],
  confidence = 0.9,
): AlignedWord {
  return { label, start, end, confidence, pronunciation };
}

function phone(label: string, start: number, end: number, index: number): AlignedPhone {
  return { label, start, end, word: index };
}

/** Two words with a pause, leading and trailing silence phones. */
export const HELLO_WORLD: Alignment = {
  duration: 1.5,
  frames: 150,
  verdict: { aligned: true, score: 1.25, threshold: 0.5 },
  words: [
    word('hello', 0.3, 0.71, ['HH', 'AH', 'L', 'OW'], 0.97),
    word('world', 0.9, 1.32, ['W', 'ER', 'L', 'D'], 0.88),
  ],
  phones: [
    phone('SIL', 0, 0.3, -1),
    phone('HH', 0.3, 0.38, 0),
    phone('AH', 0.38, 0.47, 0),
    phone('L', 0.47, 0.56, 0),
    phone('OW', 0.56, 0.71, 0),
    phone('SIL', 0.71, 0.9, -1),
    phone('W', 0.9, 1.0, 1),
    phone('ER', 1.0, 1.12, 1),
    phone('L', 1.12, 1.2, 1),
    phone('D', 1.2, 1.32, 1),
    phone('SIL', 1.32, 1.5, -1),
  ],
};

/** Words that touch, times off the millisecond grid, a filler phone, unicode and quotes. */
export const AWKWARD_LABELS: Alignment = {
  duration: 2.0004,
  frames: 200,
  verdict: { aligned: false, score: -0.123456, threshold: 0.5 },
  words: [
    word('café', 0.1004, 0.4996, ['K', 'AE', 'F', 'EY'], 0.5),
    word('say "hi"', 0.4996, 0.9, ['S', 'EY'], 0.25),
    word('naïve☃', 1.2, 1.9, ['N', 'AY', 'IY', 'V'], 0),
  ],
  phones: [
    phone('K', 0.1004, 0.2, 0),
    phone('AE', 0.2, 0.3, 0),
    phone('F', 0.3, 0.4, 0),
    phone('EY', 0.4, 0.4996, 0),
    phone('S', 0.4996, 0.7, 1),
    phone('EY', 0.7, 0.9, 1),
    phone('+BREATH+', 0.95, 1.1, -1),
    phone('N', 1.2, 1.4, 2),
    phone('AY', 1.4, 1.6, 2),
    phone('IY', 1.6, 1.7, 2),
    phone('V', 1.7, 1.9, 2),
  ],
};

/** No words at all (a silent recording aligned to nothing). */
export const EMPTY: Alignment = {
  duration: 0.8,
  frames: 80,
  verdict: { aligned: false, score: 0, threshold: 0.5 },
  words: [],
  phones: [],
};

/** Every sample alignment, by name. */
export const SAMPLE_ALIGNMENTS: Readonly<Record<string, Alignment>> = {
  'hello-world': HELLO_WORLD,
  'awkward-labels': AWKWARD_LABELS,
  empty: EMPTY,
};
