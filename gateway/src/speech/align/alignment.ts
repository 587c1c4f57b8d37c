/**
 * What the aligner returns: word and phone timings in seconds from the start of the recording,
 * a confidence per word, and the verdict on the transcript as a whole.
 */

/** A labelled stretch of the recording, in seconds (start < end, from 0). */
export interface TimedSegment {
  readonly label: string;
  readonly start: number;
  readonly end: number;
}

/** A transcript word, in the transcript's spelling (punctuation stripped). */
export interface AlignedWord extends TimedSegment {
  /** In [0, 1]: how much better the word's frames fit the word than a free phone loop. */
  readonly confidence: number;
  /** The pronunciation the alignment chose (CI phone names). */
  readonly pronunciation: string[];
}

/** A phone: a CI phone name (`AH`, `SIL`, `+NSN+`). */
export interface AlignedPhone extends TimedSegment {
  /** Index into {@link Alignment.words}; -1 for silence and fillers. */
  readonly word: number;
}

/** Whether the recording says the transcript. */
export interface Verdict {
  /** `score >= threshold`. */
  readonly aligned: boolean;
  /**
   * Per-frame log-likelihood ratio of the forced path against the free phone loop, over the
   * frames of the transcript's words (natural log per 10 ms frame; near 0 or above for a
   * matching transcript, well below for a wrong one).
   */
  readonly score: number;
  readonly threshold: number;
}

/** The result of {@link alignTranscript}. */
export interface Alignment {
  /** Length of the recording in seconds. */
  readonly duration: number;
  readonly words: AlignedWord[];
  /** Every phone of the path, silences and fillers included, in order. */
  readonly phones: AlignedPhone[];
  readonly verdict: Verdict;
  /** Feature frames (10 ms each). */
  readonly frames: number;
}
