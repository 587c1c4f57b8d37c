/**
 * The free phone loop that competes with the forced path for the verdict: every CI phone of
 * the model (speech phones, silence and noise fillers) as a context-independent HMM, any phone
 * after any other at a phone insertion penalty. It runs in the same pass as the forced search on
 * the same senone scores (CI senones use the same codebooks), with its own beam, and keeps no
 * history: only its best score per frame, which is all the verdict needs.
 */

import type { AcousticModel, SenoneScorer } from '../model/index.js';
import { TRANSITIONS_PER_NODE } from './hmm-network.js';
import { pruneHmm, stepHmm, type HmmStates } from './hmm-step.js';

/** The phone loop. */
export class PhoneLoop {
  readonly #count: number;
  readonly #senones: Int32Array;
  readonly #transitions: Float64Array;
  readonly #states: HmmStates;
  readonly #alive: Uint8Array;
  readonly #beam: number;
  readonly #insertion: number;
  readonly #phones: Int32Array;
  #phoneCount = 0;
  #entry = 0;
  #best = -Infinity;

  /**
   * @param beam - States further than this below the loop's best are dropped (nats).
   * @param insertionPenalty - Log-probability of entering a phone (`-pip`), <= 0.
   */
  constructor(model: AcousticModel, beam: number, insertionPenalty: number) {
    const definition = model.definition;
    const log = model.transitions.logProbabilities;
    const n = definition.ciPhones.length;
    this.#count = n;
    this.#senones = new Int32Array(3 * n);
    this.#transitions = new Float64Array(TRANSITIONS_PER_NODE * n);
    for (let p = 0; p < n; p++) {
      for (let s = 0; s < 3; s++) this.#senones[3 * p + s] = definition.senone(p, s);
      const m = definition.transitionMatrix(p) * 12;
      [0, 1, 5, 6, 10, 11].forEach((k, j) => {
        this.#transitions[TRANSITIONS_PER_NODE * p + j] = log[m + k] ?? -Infinity;
      });
    }
    this.#states = {
      score: new Float64Array(3 * n).fill(-Infinity),
      history: new Int32Array(3 * n),
    };
    this.#alive = new Uint8Array(n);
    this.#phones = new Int32Array(n);
    this.#beam = beam;
    this.#insertion = insertionPenalty;
  }

  /** Best state score of the last frame stepped. */
  get best(): number {
    return this.#best;
  }

  /**
   * The phones (codebooks) the coming frame needs: those alive plus, when the loop's best exit
   * is within the beam, all of them (any phone may start).
   */
  get activePhones(): Int32Array {
    this.#phoneCount = 0;
    const entering = this.#entry > -Infinity;
    for (let p = 0; p < this.#count; p++) {
      if (entering || this.#alive[p] === 1) this.#phones[this.#phoneCount++] = p;
    }
    return this.#phones.subarray(0, this.#phoneCount);
  }

  /** Advances the loop through one frame. */
  step(scorer: SenoneScorer): void {
    const phones = this.activePhones;
    let best = -Infinity;
    let bestExit = -Infinity;
    for (const p of phones) {
      const s = stepHmm(this.#states, p, this.#transitions, this.#senones, scorer, this.#entry, 0);
      if (s > best) best = s;
      const exit =
        (this.#states.score[3 * p + 2] as number) + (this.#transitions[6 * p + 5] as number);
      if (exit > bestExit) bestExit = exit;
    }
    const threshold = best - this.#beam;
    for (const p of phones) this.#alive[p] = pruneHmm(this.#states.score, p, threshold) ? 1 : 0;
    this.#best = best;
    const entry = bestExit + this.#insertion;
    this.#entry = entry >= threshold ? entry : -Infinity;
  }
}
