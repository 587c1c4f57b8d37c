/**
 * Beam search of the forced-alignment network, frame by frame, with phone-exit history records
 * (see `history.ts`) instead of a backtrace matrix.
 *
 * Per frame t: every active node advances one step (`hmm-step.ts`); states more than `beam`
 * below the frame's best are dropped; a node whose exit score is within the beam enters its
 * successors at t + 1 (best entry wins), creating a history record when it improves one. At the
 * last frame the best exit of a final node ends the path.
 */

import type { SenoneScorer } from '../model/index.js';
import { HistoryPool, type SettledPhone } from './history.js';
import type { HmmNetwork } from './hmm-network.js';
import { pruneHmm, stepHmm, type HmmStates } from './hmm-step.js';

const NONE = -1;

/** The forced search over one network. */
export class ForcedSearch {
  readonly #net: HmmNetwork;
  readonly #beam: number;
  readonly #states: HmmStates;
  readonly #entryScore: Float64Array;
  readonly #entryHistory: Int32Array;
  readonly #entryFrame: Int32Array;
  readonly #listed: Int32Array;
  #active: Int32Array;
  #next: Int32Array;
  #activeCount = 0;
  #nextCount = 0;
  #best = -Infinity;
  readonly #pool = new HistoryPool();
  readonly #settled: SettledPhone[] = [];
  #activeTotal = 0;

  constructor(network: HmmNetwork, beam: number) {
    const n = network.nodeCount;
    this.#net = network;
    this.#beam = beam;
    this.#states = {
      score: new Float64Array(3 * n).fill(-Infinity),
      history: new Int32Array(3 * n).fill(NONE),
    };
    this.#entryScore = new Float64Array(n).fill(-Infinity);
    this.#entryHistory = new Int32Array(n).fill(NONE);
    this.#entryFrame = new Int32Array(n).fill(NONE);
    this.#listed = new Int32Array(n).fill(NONE);
    this.#active = new Int32Array(n);
    this.#next = new Int32Array(n);
    network.startNodes.forEach((node, i) => {
      this.#enter(node, network.startPenalty[i] ?? 0, NONE, 0);
    });
    this.#swap();
  }

  /** Nodes active in the coming frame. */
  get activeNodes(): Int32Array {
    return this.#active.subarray(0, this.#activeCount);
  }

  /** Best state score of the last frame stepped. */
  get best(): number {
    return this.#best;
  }

  /** The history pool (for its size figures). */
  get history(): HistoryPool {
    return this.#pool;
  }

  /** Sum over frames of active nodes (for the average). */
  get activeTotal(): number {
    return this.#activeTotal;
  }

  /** Advances every active node through frame t, prunes, and enters successors for t + 1. */
  step(t: number, scorer: SenoneScorer): void {
    const net = this.#net;
    let best = -Infinity;
    for (let a = 0; a < this.#activeCount; a++) {
      const i = this.#active[a] as number;
      const entry = this.#entryFrame[i] === t ? (this.#entryScore[i] as number) : -Infinity;
      const s = stepHmm(
        this.#states,
        i,
        net.transitions,
        net.senones,
        scorer,
        entry,
        this.#entryHistory[i] as number,
      );
      if (s > best) best = s;
    }
    this.#best = best;
    this.#activeTotal += this.#activeCount;
    this.#pruneAndExit(t, best - this.#beam);
    this.#swap();
  }

  #pruneAndExit(t: number, threshold: number): void {
    const score = this.#states.score;
    const transitions = this.#net.transitions;
    for (let a = 0; a < this.#activeCount; a++) {
      const i = this.#active[a] as number;
      if (!pruneHmm(score, i, threshold)) continue;
      this.#list(i, t + 1);
      const exit = (score[3 * i + 2] as number) + (transitions[6 * i + 5] as number);
      if (exit >= threshold) this.#propagate(i, exit, t, threshold);
    }
  }

  #propagate(i: number, exit: number, t: number, threshold: number): void {
    const net = this.#net;
    let record = NONE;
    for (let e = net.successorStart[i] as number; e < (net.successorStart[i + 1] as number); e++) {
      const j = net.successors[e] as number;
      const candidate = exit + (net.successorPenalty[e] as number);
      if (candidate < threshold) continue;
      if (this.#entryFrame[j] === t + 1 && candidate <= (this.#entryScore[j] as number)) continue;
      if (record === NONE) record = this.#record(i, t, exit);
      this.#enter(j, candidate, record, t + 1);
    }
  }

  #record(i: number, t: number, exit: number): number {
    if (this.#pool.full) this.#collect(t);
    return this.#pool.add(i, t, exit, this.#states.history[3 * i + 2] as number);
  }

  #enter(j: number, score: number, history: number, frame: number): void {
    this.#entryScore[j] = score;
    this.#entryHistory[j] = history;
    this.#entryFrame[j] = frame;
    this.#list(j, frame);
  }

  /** Puts node j on the list of frame `frame` once. */
  #list(j: number, frame: number): void {
    if (this.#listed[j] === frame) return;
    this.#listed[j] = frame;
    this.#next[this.#nextCount++] = j;
  }

  #swap(): void {
    const active = this.#active;
    this.#active = this.#next;
    this.#next = active;
    this.#activeCount = this.#nextCount;
    this.#nextCount = 0;
  }

  #collect(t: number): void {
    const live: number[] = [];
    const history = this.#states.history;
    const score = this.#states.score;
    const visit = (i: number): void => {
      for (let k = 3 * i; k < 3 * i + 3; k++)
        if ((score[k] as number) > -Infinity) live.push(history[k] as number);
      if (this.#entryFrame[i] === t + 1) live.push(this.#entryHistory[i] as number);
    };
    for (let a = 0; a < this.#activeCount; a++) visit(this.#active[a] as number);
    for (let a = 0; a < this.#nextCount; a++) visit(this.#next[a] as number);
    this.#pool.collect(live, (phone) => this.#settled.push(phone));
  }

  /**
   * Ends the search after the last frame stepped: the best exit of a final node, and the path
   * to it (settled phones first). Undefined when no final node is active.
   */
  finish(lastFrame: number): { score: number; phones: SettledPhone[] } | undefined {
    const net = this.#net;
    const score = this.#states.score;
    let bestNode = NONE;
    let bestExit = -Infinity;
    // After the last step the active list holds the survivors of that frame.
    for (let a = 0; a < this.#activeCount; a++) {
      const i = this.#active[a] as number;
      const exit = (score[3 * i + 2] as number) + (net.transitions[6 * i + 5] as number);
      if (net.finalNode[i] === 1 && exit > bestExit) {
        bestExit = exit;
        bestNode = i;
      }
    }
    if (bestNode === NONE) return undefined;
    const record = this.#record(bestNode, lastFrame, bestExit);
    return { score: bestExit, phones: [...this.#settled, ...this.#pool.chain(record)] };
  }
}
