/**
 * Sphinx pronouncing dictionaries (`cmudict-en-us.dict`, `noisedict`): one pronunciation per
 * line, `word PH ON ES`, alternates as `word(2)`, `word(3)`, ... in the order the file gives
 * them; blank lines and lines starting with `;;` or `##` are skipped. Headwords are matched
 * without regard to case (cmudict is lower case, noisedict's `<sil>` and `[NOISE]` mixed).
 */

import { checkModel } from '../align/speech-error.js';

/** A pronouncing dictionary. */
export interface PronouncingDictionary {
  /** Distinct headwords (alternates counted once). */
  readonly size: number;
  /** The pronunciations of a word, first the main one, or undefined when the word is absent. */
  pronunciations(word: string): readonly (readonly string[])[] | undefined;
  /** Every headword, lower case, in file order. */
  words(): IterableIterator<string>;
}

const ALTERNATE = /^(.+)\((\d+)\)$/;

class DictionaryFile implements PronouncingDictionary {
  /** Lower-case headword to its pronunciations, one per line, phones space-separated. */
  readonly #entries = new Map<string, string>();
  readonly #parsed = new Map<string, readonly (readonly string[])[]>();

  constructor(text: string, file: string) {
    let lineNumber = 0;
    for (const raw of text.split('\n')) {
      lineNumber++;
      const line = raw.trim();
      if (line === '' || line.startsWith(';;') || line.startsWith('##')) continue;
      const space = line.search(/\s/);
      checkModel(space > 0, file, `line ${String(lineNumber)} has no pronunciation`);
      const head = line.slice(0, space).toLowerCase();
      const phones = line
        .slice(space + 1)
        .trim()
        .split(/\s+/)
        .join(' ');
      const word = ALTERNATE.exec(head)?.[1] ?? head;
      const previous = this.#entries.get(word);
      this.#entries.set(word, previous === undefined ? phones : `${previous}\n${phones}`);
    }
  }

  get size(): number {
    return this.#entries.size;
  }

  pronunciations(word: string): readonly (readonly string[])[] | undefined {
    const key = word.toLowerCase();
    const cached = this.#parsed.get(key);
    if (cached !== undefined) return cached;
    const text = this.#entries.get(key);
    if (text === undefined) return undefined;
    const parsed = text.split('\n').map((line) => line.split(' '));
    this.#parsed.set(key, parsed);
    return parsed;
  }

  words(): IterableIterator<string> {
    return this.#entries.keys();
  }
}

/**
 * Parses a dictionary's text.
 *
 * @param file - The file's name, for error messages.
 * @throws {SpeechError} `DEURO_SPEECH_MODEL_MALFORMED` for a line without a pronunciation.
 */
export function parsePronouncingDictionary(text: string, file: string): PronouncingDictionary {
  return new DictionaryFile(text, file);
}
