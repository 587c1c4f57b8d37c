/**
 * The energy rule that trims the silence espeak-ng leaves around a word, so that a word's
 * ground-truth boundaries are where its sound starts and ends.
 *
 * The samples are cut into frames of {@link TRIM_FRAME_MS} ms (from sample 0, the last frame
 * may be short). A frame is sound when its RMS is at least the louder of
 * {@link TRIM_RELATIVE_DB} dB below the loudest frame's RMS and the absolute floor
 * {@link TRIM_FLOOR_DBFS} dBFS. The word runs from the start of the first sound frame to the
 * end of the last one; quiet frames inside it (a stop's closure) stay. espeak-ng writes exact
 * digital silence around a word, and the resampler's ringing is near -100 dB, so the rule only
 * has to keep weak onsets such as /h/ and /f/ (30–40 dB below the vowel), which it does.
 */

/** Frame length of the trimming rule, in milliseconds. */
export const TRIM_FRAME_MS = 5;
/** A frame is sound when its RMS is within this many dB of the loudest frame's. */
export const TRIM_RELATIVE_DB = 40;
/** ...and at least this loud, in dB relative to full scale (RMS 1). */
export const TRIM_FLOOR_DBFS = -70;

/** Half-open sample range `[start, end)` of the sound in a signal; empty when all is silence. */
export interface SoundSpan {
  readonly start: number;
  readonly end: number;
}

function frameRms(samples: ArrayLike<number>, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) {
    const x = samples[i] ?? 0;
    sum += x * x;
  }
  return Math.sqrt(sum / Math.max(1, to - from));
}

/**
 * Where the sound of `samples` starts and ends by the trimming rule.
 *
 * @param samples - mono samples, full scale 1.
 * @param sampleRate - samples per second.
 * @returns the sample range from the first to the last sound frame; `{ start: 0, end: 0 }`
 * when no frame is sound.
 */
export function soundSpan(samples: ArrayLike<number>, sampleRate: number): SoundSpan {
  const frame = Math.max(1, Math.round((sampleRate * TRIM_FRAME_MS) / 1000));
  const frames = Math.ceil(samples.length / frame);
  const rms = new Float64Array(frames);
  let loudest = 0;
  for (let f = 0; f < frames; f++) {
    const value = frameRms(samples, f * frame, Math.min(samples.length, (f + 1) * frame));
    rms[f] = value;
    loudest = Math.max(loudest, value);
  }
  const threshold = Math.max(
    loudest * 10 ** (-TRIM_RELATIVE_DB / 20),
    10 ** (TRIM_FLOOR_DBFS / 20),
  );
  let first = -1;
  let last = -1;
  for (let f = 0; f < frames; f++) {
    if ((rms[f] ?? 0) >= threshold) {
      if (first < 0) first = f;
      last = f;
    }
  }
  if (first < 0) return { start: 0, end: 0 };
  return { start: first * frame, end: Math.min(samples.length, (last + 1) * frame) };
}
