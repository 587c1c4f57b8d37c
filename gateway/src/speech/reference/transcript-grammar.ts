/**
 * The JSGF grammar that accepts exactly one transcript, for pocketsphinx's `-jsgf`.
 *
 * The grammar is the words in order and nothing else: pocketsphinx's finite-state search adds
 * optional silence and filler words (`<sil>`, `[NOISE]`, from the model's `noisedict`) between
 * words by itself (`-silprob`, `-fillprob`), so the grammar must not mention them. Words are
 * lowercased to match `cmudict-en-us.dict`; a word must be a plain JSGF token (letters, digits,
 * `'`, `.`, `_`, `-`).
 */

import { checkReferenceParameter } from './errors.js';

const TOKEN = /^[\p{Ll}\p{N}'][\p{Ll}\p{N}'._-]*$/u;

/**
 * The transcript's words, lowercased, split on white space.
 * @throws {ReferenceAlignerError} `DEURO_REFERENCE_INVALID_PARAMETER` for no words or a word
 * that is not a plain JSGF token (`transcript[i]` names it).
 */
export function transcriptWords(transcript: string): string[] {
  const words = transcript
    .toLowerCase()
    .split(/\s+/u)
    .filter((word) => word.length > 0);
  checkReferenceParameter(words.length > 0, 'transcript', transcript, 'at least one word');
  words.forEach((word, i) => {
    checkReferenceParameter(
      TOKEN.test(word),
      `transcript[${String(i)}]`,
      word,
      "a word of letters, digits and ' . _ -",
    );
  });
  return words;
}

/** A JSGF V1.0 grammar whose only sentence is `words` in order. */
export function transcriptGrammar(words: readonly string[]): string {
  return `#JSGF V1.0;\ngrammar deuro;\npublic <transcript> = ${words.join(' ')};\n`;
}
