/**
 * Dither for the aligner's features: seeded white Gaussian noise of a fixed, tiny RMS added to
 * the 16 kHz samples before the front end, as Kaldi's feature extraction does by default
 * (`--dither=1`, one 16-bit step RMS).
 *
 * Why: audio with stretches of exact digital silence (espeak-ng output, gated or generated
 * recordings) gives frames whose mel energies are all 0, so every log energy is the log floor
 * (`log(1e-4)`) and c0 lies about 100 nats below any frame the model was trained on. No senone
 * fits such a frame; the scores there are set by the density floor of the senone scorer, which
 * is relative to the best codebook of the frame. The free phone loop can always put its best
 * phone (silence) on those frames, while the forced path must keep the phone the transcript
 * puts there (a stop's closure inside a word, where espeak-ng writes exact zeros), so a
 * correct transcript lost up to ~30 nats on each such frame and its verdict score fell below
 * the threshold. One 16-bit step of noise (-90.3 dBFS) gives those frames a defined, flat
 * spectrum, and is far below the noise floor of any real recording, whose features it leaves
 * practically unchanged.
 *
 * The noise is seeded with a constant, so equal input gives equal features.
 */

import { newSeededRandom } from '../corpus/seeded-random.js';

/** Default dither RMS, in 16-bit steps (1/32768 of full scale, -90.3 dBFS). */
export const DITHER_STEPS = 1;

const DITHER_SEED = 0x6d6f6465;

/** Seeded Gaussian noise of RMS `steps / 32768`, added block after block. */
export interface Dither {
  /** Writes `samples[from .. from + out.length)` plus the next noise values into `out`. */
  addTo(samples: ArrayLike<number>, from: number, out: Float64Array): void;
}

/**
 * The dither of one recording: the same noise sequence whatever the block sizes, so the blocks
 * of a recording get exactly what one pass over it would. With `steps` 0, a plain copy.
 */
export function newDither(steps: number): Dither {
  const level = steps / 32768;
  const random = newSeededRandom(DITHER_SEED);
  return {
    addTo(samples, from, out) {
      if (steps === 0) {
        for (let i = 0; i < out.length; i++) out[i] = samples[from + i] ?? 0;
        return;
      }
      for (let i = 0; i < out.length; i++) {
        out[i] = (samples[from + i] ?? 0) + level * random.gaussian();
      }
    },
  };
}
