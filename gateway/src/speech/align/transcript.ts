/**
 * From transcript text to dictionary words: tokens are runs of non-space characters; each loses
 * its leading and trailing punctuation (anything but letters, digits and apostrophes, then
 * edge apostrophes unless the dictionary has the word with them, as `'bout`); a hyphenated token
 * the dictionary lacks is split at its hyphens. Lookup ignores case; the words keep the
 * transcript's spelling. Every word missing from the dictionary is reported at once.
 */

import type { PronouncingDictionary } from '../model/index.js';
import { SpeechError, SpeechErrorCode } from './speech-error.js';

/** A transcript word with its pronunciations (phone names). */
export interface TranscriptWord {
  /** The word as the transcript spells it, punctuation stripped. */
  readonly text: string;
  readonly pronunciations: readonly (readonly string[])[];
}

const EDGE_PUNCTUATION = /^[^\p{L}\p{N}']+|[^\p{L}\p{N}']+$/gu;
const EDGE_APOSTROPHES = /^'+|'+$/g;

function candidates(token: string, dictionary: PronouncingDictionary): string[] {
  const stripped = token.replace(EDGE_PUNCTUATION, '');
  if (stripped === '' || dictionary.pronunciations(stripped) !== undefined) {
    return stripped === '' ? [] : [stripped];
  }
  const bare = stripped.replace(EDGE_APOSTROPHES, '');
  if (bare === '') return [];
  if (dictionary.pronunciations(bare) !== undefined || !bare.includes('-')) return [bare];
  const parts = bare
    .split('-')
    .map((part) => part.replace(EDGE_PUNCTUATION, '').replace(EDGE_APOSTROPHES, ''))
    .filter((part) => part !== '');
  return parts.every((part) => dictionary.pronunciations(part) !== undefined) ? parts : [bare];
}

/**
 * Splits a transcript into dictionary words.
 *
 * @throws {SpeechError} `DEURO_SPEECH_EMPTY_TRANSCRIPT` when no word remains,
 *   `DEURO_SPEECH_UNKNOWN_WORDS` listing (once each, in order) every word the dictionary lacks.
 */
export function transcriptWords(
  transcript: string,
  dictionary: PronouncingDictionary,
): TranscriptWord[] {
  const words: TranscriptWord[] = [];
  const unknown: string[] = [];
  for (const token of transcript.split(/\s+/)) {
    for (const text of candidates(token, dictionary)) {
      const pronunciations = dictionary.pronunciations(text);
      if (pronunciations === undefined) {
        if (!unknown.includes(text)) unknown.push(text);
      } else {
        words.push({ text, pronunciations });
      }
    }
  }
  if (unknown.length > 0) {
    throw new SpeechError(
      SpeechErrorCode.unknownWords,
      `not in the pronouncing dictionary: ${unknown.join(', ')}`,
      { field: 'transcript', words: unknown },
    );
  }
  if (words.length === 0) {
    throw new SpeechError(SpeechErrorCode.emptyTranscript, 'the transcript has no word', {
      field: 'transcript',
    });
  }
  return words;
}
