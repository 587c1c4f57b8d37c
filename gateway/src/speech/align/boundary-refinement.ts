/**
 * Word edges at pauses, placed by the signal's energy.
 *
 * The search puts a word's edge next to a pause where the model's states change, and those are
 * biased: a frame's features see 25.6 ms of signal from its start and, through the deltas, three
 * frames either side, so the first state of a word takes the frames of silence just before its
 * onset and the last state those just after its end (starts come out ~30 ms early, ends ~20 ms
 * late); and the en-us model's silence and the edge states of some phones overlap, so a
 * word-initial DH or T can take a whole pause (its closure looks like silence) and the silence
 * can take a weak final vowel. Between a word and a pause, though, the acoustic evidence of
 * where the sound is, is its energy above the background, and that is what this module uses:
 *
 * - the energy of each 10 ms hop of the input, `[k / 100 s, (k + 1) / 100 s)` (the hop of
 *   frame k, so a refined edge lies on the same frame grid), in dB, floored at one 16-bit step;
 * - the background is the median energy of the frames the path gives to silence and fillers;
 *   a hop is *sound* when it is at least {@link SOUND_MARGIN_DB} above it;
 * - a word next to a pause loses the silent hops at that edge (never more than its edge phone);
 * - where the search joined two words with no pause between but their adjoining phones hold a
 *   run of at least {@link MIN_PAUSE_HOPS} silent hops, the longest such run becomes a `SIL`
 *   between them (a word-initial DH or T that took a pause);
 * - then a word takes the sound hops of the pause next to it, also across a silence shorter
 *   than {@link MIN_PAUSE_HOPS} (a final stop's closure before its release);
 * - nothing is refined when the recording has no pause clearly quieter than its words (the
 *   background less than 2 x the margin below the words' median energy): with no pause there
 *   is nothing to place an edge against.
 *
 * Only timings change: the scores, word confidences and verdict are the search's.
 */

/** A hop is sound when its energy is this far above the background (dB). */
export const SOUND_MARGIN_DB = 6;

/**
 * A run of silent hops this long (50 ms) or longer is a pause; a shorter one a stop's closure
 * (espeak-ng's are 20 to 45 ms).
 */
export const MIN_PAUSE_HOPS = 5;

/** Energy floor: one 16-bit step RMS, as the aligner's dither (dBFS). */
const ENERGY_FLOOR_DB = 20 * Math.log10(1 / 32768);

/** A phone of the path in frames: `start`..`end` inclusive, `word` -1 for a pause. */
export interface FramePhone {
  readonly label: string;
  readonly word: number;
  readonly start: number;
  readonly end: number;
}

/**
 * The energy in dB (full scale 1) of each 10 ms hop of the input, hop k being samples
 * `[round(k r / 100), round((k + 1) r / 100))` at rate r, for `frames` hops.
 */
export function hopEnergies(
  samples: Float32Array,
  sampleRate: number,
  frames: number,
): Float64Array {
  const energies = new Float64Array(frames);
  const floor = 10 ** (ENERGY_FLOOR_DB / 10);
  for (let k = 0; k < frames; k++) {
    const from = Math.round((k * sampleRate) / 100);
    const to = Math.min(samples.length, Math.round(((k + 1) * sampleRate) / 100));
    let sum = 0;
    for (let i = from; i < to; i++) sum += (samples[i] ?? 0) ** 2;
    energies[k] = 10 * Math.log10(Math.max(floor, sum / Math.max(1, to - from)));
  }
  return energies;
}

function median(values: number[]): number {
  const sorted = values.sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** The energy above which a hop is sound, or undefined when no pause is clearly quiet. */
function soundThreshold(phones: readonly FramePhone[], energies: Float64Array): number | undefined {
  const pause: number[] = [];
  const speech: number[] = [];
  for (const p of phones) {
    for (let t = p.start; t <= p.end; t++) (p.word < 0 ? pause : speech).push(energies[t] ?? 0);
  }
  if (pause.length === 0 || speech.length === 0) return undefined;
  const background = median(pause);
  if (median(speech) - background < 2 * SOUND_MARGIN_DB) return undefined;
  return background + SOUND_MARGIN_DB;
}

interface WordSpan {
  readonly word: number;
  /** Indices of its first and last phone. */
  readonly first: number;
  readonly last: number;
  start: number;
  end: number;
}

function wordSpans(phones: readonly FramePhone[]): WordSpan[] {
  const spans: WordSpan[] = [];
  phones.forEach((p, i) => {
    const open = spans.at(-1);
    if (p.word < 0) return;
    if (open?.word === p.word && open.last === i - 1) {
      spans[spans.length - 1] = { ...open, last: i, end: p.end };
    } else {
      spans.push({ word: p.word, first: i, last: i, start: p.start, end: p.end });
    }
  });
  return spans;
}

/** The first hop of `phone` after the silent hops at its head (never past its last hop). */
function startAfterSilence(phone: FramePhone, sound: (t: number) => boolean): number {
  let start = phone.start;
  while (start < phone.end && !sound(start)) start++;
  return start;
}

/** The last hop of `phone` before the silent hops at its tail (never before `from`). */
function endBeforeSilence(phone: FramePhone, from: number, sound: (t: number) => boolean): number {
  let end = phone.end;
  while (end > from && !sound(end)) end--;
  return end;
}

/**
 * The longest run of silent hops in `from..to`, when it is at least {@link MIN_PAUSE_HOPS}
 * long: the pause between two words that the search joined.
 */
function longestPause(
  from: number,
  to: number,
  sound: (t: number) => boolean,
): { start: number; end: number } | undefined {
  let best: { start: number; end: number } | undefined;
  let runStart = from;
  for (let t = from; t <= to + 1; t++) {
    if (t <= to && !sound(t)) continue;
    const length = t - runStart;
    if (length >= MIN_PAUSE_HOPS && length > (best === undefined ? 0 : best.end - best.start + 1)) {
      best = { start: runStart, end: t - 1 };
    }
    runStart = t + 1;
  }
  return best;
}

/** Takes out the silent hops at a word's edges next to a pause (or the recording's ends). */
function trimSpan(
  span: WordSpan,
  phones: readonly FramePhone[],
  sound: (t: number) => boolean,
): void {
  const first = phones[span.first];
  const last = phones[span.last];
  if (first === undefined || last === undefined) return;
  const joined = (i: number): boolean => (phones[i]?.word ?? -1) >= 0;
  if (!joined(span.first - 1)) span.start = startAfterSilence(first, sound);
  if (!joined(span.last + 1))
    span.end = endBeforeSilence(last, Math.max(span.start, last.start), sound);
}

/**
 * Where the search joined two words with no pause between, but the hops around the join hold
 * one (the last phone of the one and the first of the other, one hop of each kept), it becomes
 * a pause: the first word ends before it and the second starts after it.
 */
function separateJoined(
  a: WordSpan,
  b: WordSpan,
  phones: readonly FramePhone[],
  sound: (t: number) => boolean,
): void {
  const last = phones[a.last];
  const first = phones[b.first];
  if (last === undefined || first === undefined || b.first !== a.last + 1) return;
  const pause = longestPause(Math.max(last.start + 1, a.start + 1), first.end - 1, sound);
  if (pause === undefined) return;
  a.end = pause.start - 1;
  b.start = pause.end + 1;
}

/**
 * How far a word's edge at `edge` reaches into the pause beside it (`step` -1 before, +1 after):
 * over its sound hops, and over a silence shorter than {@link MIN_PAUSE_HOPS} when sound follows
 * (a final stop's closure before its release).
 */
function reach(
  edge: number,
  step: 1 | -1,
  owner: Int32Array,
  sound: (t: number) => boolean,
): number {
  const free = (t: number): boolean => t >= 0 && t < owner.length && owner[t] === -1;
  let reached = edge;
  let t = edge + step;
  let silent = 0;
  while (free(t) && silent < MIN_PAUSE_HOPS) {
    if (sound(t)) {
      reached = t;
      silent = 0;
    } else {
      silent++;
    }
    t += step;
  }
  return reached;
}

/** Gives a word the sound of the pause right next to it. */
function extendSpan(span: WordSpan, owner: Int32Array, sound: (t: number) => boolean): void {
  const start = reach(span.start, -1, owner, sound);
  const end = reach(span.end, 1, owner, sound);
  owner.fill(span.word, start, end + 1);
  span.start = start;
  span.end = end;
}

/**
 * The phones with every word's edges at pauses placed by energy (see the module comment).
 *
 * @param phones - The path's phones in order, covering frames 0..n-1 without gaps.
 * @param energies - {@link hopEnergies} of the same n frames.
 * @param silence - The label of an inserted pause.
 */
export function refineWordEdges(
  phones: readonly FramePhone[],
  energies: Float64Array,
  silence: string,
): FramePhone[] {
  const threshold = soundThreshold(phones, energies);
  if (threshold === undefined) return [...phones];
  const sound = (t: number): boolean => (energies[t] ?? -Infinity) >= threshold;
  const spans = wordSpans(phones);
  spans.forEach((span, i) => {
    trimSpan(span, phones, sound);
    const next = spans[i + 1];
    if (next !== undefined) separateJoined(span, next, phones, sound);
  });
  const owner = new Int32Array(energies.length).fill(-1);
  for (const span of spans) owner.fill(span.word, span.start, span.end + 1);
  for (const span of spans) extendSpan(span, owner, sound);
  return rebuild(phones, spans, silence);
}

/** The phones again, words at their refined spans and the pauses filling what lies between. */
function rebuild(
  phones: readonly FramePhone[],
  spans: readonly WordSpan[],
  silence: string,
): FramePhone[] {
  const out: FramePhone[] = [];
  const pause = (from: number, to: number, between: readonly FramePhone[]): void => {
    if (from > to) return;
    const kept = between
      .map((p) => ({ ...p, start: Math.max(p.start, from), end: Math.min(p.end, to) }))
      .filter((p) => p.start <= p.end);
    const [head] = kept;
    if (head === undefined) {
      out.push({ label: silence, word: -1, start: from, end: to });
      return;
    }
    kept[0] = { ...head, start: from };
    const tail = kept.at(-1) ?? head;
    kept[kept.length - 1] = { ...tail, end: to };
    out.push(...kept);
  };
  let next = 0;
  let index = 0;
  for (const span of spans) {
    pause(next, span.start - 1, phones.slice(index, span.first));
    for (let i = span.first; i <= span.last; i++) {
      const p = phones[i];
      if (p === undefined) continue;
      const start = i === span.first ? span.start : p.start;
      const end = i === span.last ? span.end : p.end;
      out.push({ ...p, start, end });
    }
    next = span.end + 1;
    index = span.last + 1;
  }
  const end = phones.at(-1)?.end ?? -1;
  pause(next, end, phones.slice(index));
  return out;
}
