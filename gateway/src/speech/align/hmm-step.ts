/**
 * One Viterbi step of a three-state left-to-right HMM, shared by the forced network and the
 * phone loop. Scores are natural-log path scores; `-Infinity` marks an inactive state.
 *
 *   s0' = max(s0 + t00, entry) + b0(x)
 *   s1' = max(s1 + t11, s0 + t01) + b1(x)
 *   s2' = max(s2 + t22, s1 + t12) + b2(x)
 *   exit = s2' + t2x
 *
 * Each state carries a history pointer (the record of the phone before this one), which moves
 * with the score it came from.
 */

import type { SenoneScorer } from '../model/index.js';
import { TRANSITIONS_PER_NODE } from './hmm-network.js';

/** State scores and history pointers of a set of HMMs, three states per node. */
export interface HmmStates {
  readonly score: Float64Array;
  readonly history: Int32Array;
}

/**
 * Advances node `i` by one frame; returns its best state score.
 *
 * @param entry - Score entering state 0 this frame (`-Infinity` for none).
 * @param entryHistory - History pointer that comes with it.
 */
export function stepHmm(
  states: HmmStates,
  i: number,
  transitions: Float64Array,
  senones: Int32Array,
  scorer: SenoneScorer,
  entry: number,
  entryHistory: number,
): number {
  const k = 3 * i;
  const t = TRANSITIONS_PER_NODE * i;
  const score = states.score;
  const history = states.history;
  const s0 = score[k] as number;
  const s1 = score[k + 1] as number;
  const s2 = score[k + 2] as number;
  const stay2 = s2 + (transitions[t + 4] as number);
  const move2 = s1 + (transitions[t + 3] as number);
  let n2 = stay2;
  if (move2 > stay2) {
    n2 = move2;
    history[k + 2] = history[k + 1] as number;
  }
  const stay1 = s1 + (transitions[t + 2] as number);
  const move1 = s0 + (transitions[t + 1] as number);
  let n1 = stay1;
  if (move1 > stay1) {
    n1 = move1;
    history[k + 1] = history[k] as number;
  }
  let n0 = s0 + (transitions[t] as number);
  if (entry > n0) {
    n0 = entry;
    history[k] = entryHistory;
  }
  return emit(score, k, senones, scorer, n0, n1, n2);
}

/** Adds the senone scores of the active states and stores them; returns the best. */
function emit(
  score: Float64Array,
  k: number,
  senones: Int32Array,
  scorer: SenoneScorer,
  n0: number,
  n1: number,
  n2: number,
): number {
  const a = n0 === -Infinity ? n0 : n0 + scorer.score(senones[k] as number);
  const b = n1 === -Infinity ? n1 : n1 + scorer.score(senones[k + 1] as number);
  const c = n2 === -Infinity ? n2 : n2 + scorer.score(senones[k + 2] as number);
  score[k] = a;
  score[k + 1] = b;
  score[k + 2] = c;
  return Math.max(a, b, c);
}

/**
 * Beam pruning of node `i`: states below `threshold` become inactive. Returns whether any state
 * is still active.
 */
export function pruneHmm(score: Float64Array, i: number, threshold: number): boolean {
  const k = 3 * i;
  let alive = false;
  for (let s = k; s < k + 3; s++) {
    if ((score[s] as number) < threshold) score[s] = -Infinity;
    else alive = true;
  }
  return alive;
}
