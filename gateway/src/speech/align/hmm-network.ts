/**
 * A network of phone HMMs as flat typed arrays, the form the Viterbi search runs on: each node
 * is one phone HMM (three emitting states, left to right, with the transition matrix of its
 * mdef phone), with successors reached from its exit state at a log-probability penalty. Nodes
 * carry what the output needs (transcript word, pronunciation, phone label).
 */

import type { AcousticModel } from '../model/index.js';
import { checkModel } from './speech-error.js';

/** Log transition probabilities kept per node: t00, t01, t11, t12, t22, t2x (exit). */
export const TRANSITIONS_PER_NODE = 6;

/** A finished network. */
export interface HmmNetwork {
  readonly nodeCount: number;
  /** mdef phone id of each node. */
  readonly phone: Int32Array;
  /** Base (CI) phone of each node: its codebook. */
  readonly base: Int32Array;
  /** Three senones per node. */
  readonly senones: Int32Array;
  /** {@link TRANSITIONS_PER_NODE} log probabilities per node. */
  readonly transitions: Float64Array;
  /** Successors of node i are `successors[successorStart[i] .. successorStart[i + 1])`. */
  readonly successorStart: Int32Array;
  readonly successors: Int32Array;
  /** Log-probability penalty of entering each successor. */
  readonly successorPenalty: Float64Array;
  /** Nodes a path may start in, with their entry penalties. */
  readonly startNodes: Int32Array;
  readonly startPenalty: Float64Array;
  /** 1 where a path may end (after this node's exit). */
  readonly finalNode: Uint8Array;
  /** Transcript word of each node, -1 for silence and fillers. */
  readonly word: Int32Array;
  /** Pronunciation (index among the word's) of each node, -1 for fillers. */
  readonly pronunciation: Int32Array;
}

/** Metadata of a node being added. */
export interface NodeLabel {
  readonly word: number;
  readonly pronunciation: number;
}

/** Builds an {@link HmmNetwork} node by node and edge by edge. */
export class HmmNetworkBuilder {
  readonly #model: AcousticModel;
  readonly #phones: number[] = [];
  readonly #labels: NodeLabel[] = [];
  readonly #edges: number[][] = [];
  readonly #penalties: number[][] = [];
  readonly #starts = new Map<number, number>();
  readonly #finals = new Set<number>();

  constructor(model: AcousticModel) {
    checkModel(model.definition.stateCount === 3, 'mdef', 'only 3-state HMMs are supported');
    this.#model = model;
  }

  /** Adds a node for an mdef phone; returns its id. */
  addNode(phone: number, label: NodeLabel): number {
    this.#phones.push(phone);
    this.#labels.push(label);
    this.#edges.push([]);
    this.#penalties.push([]);
    return this.#phones.length - 1;
  }

  /** Adds an edge (keeps the better penalty if it exists). */
  addEdge(from: number, to: number, penalty: number): void {
    const edges = this.#edges[from];
    const penalties = this.#penalties[from];
    if (edges === undefined || penalties === undefined) return;
    const at = edges.indexOf(to);
    if (at < 0) {
      edges.push(to);
      penalties.push(penalty);
    } else if ((penalties[at] ?? -Infinity) < penalty) {
      penalties[at] = penalty;
    }
  }

  /** Lets paths start in `node` at `penalty`. */
  addStart(node: number, penalty: number): void {
    this.#starts.set(node, Math.max(penalty, this.#starts.get(node) ?? -Infinity));
  }

  /** Lets paths end after `node`. */
  addFinal(node: number): void {
    this.#finals.add(node);
  }

  /** Freezes the network. */
  build(): HmmNetwork {
    const n = this.#phones.length;
    const definition = this.#model.definition;
    const log = this.#model.transitions.logProbabilities;
    const phone = Int32Array.from(this.#phones);
    const base = phone.map((p) => definition.basePhone(p));
    const senones = new Int32Array(3 * n);
    const transitions = new Float64Array(TRANSITIONS_PER_NODE * n);
    for (let i = 0; i < n; i++) {
      const p = phone[i] ?? 0;
      for (let s = 0; s < 3; s++) senones[3 * i + s] = definition.senone(p, s);
      transitions.set(
        leftToRightTransitions(log, definition.transitionMatrix(p) * 12),
        TRANSITIONS_PER_NODE * i,
      );
    }
    const successorStart = new Int32Array(n + 1);
    for (let i = 0; i < n; i++)
      successorStart[i + 1] = (successorStart[i] ?? 0) + (this.#edges[i]?.length ?? 0);
    return {
      nodeCount: n,
      phone,
      base,
      senones,
      transitions,
      successorStart,
      successors: Int32Array.from(this.#edges.flat()),
      successorPenalty: Float64Array.from(this.#penalties.flat()),
      startNodes: Int32Array.from(this.#starts.keys()),
      startPenalty: Float64Array.from(this.#starts.values()),
      finalNode: Uint8Array.from({ length: n }, (_, i) => (this.#finals.has(i) ? 1 : 0)),
      word: Int32Array.from(this.#labels, (l) => l.word),
      pronunciation: Int32Array.from(this.#labels, (l) => l.pronunciation),
    };
  }
}

/**
 * The six log transition probabilities of a 3-state left-to-right matrix starting at `m`
 * (stay and advance for each state).
 *
 * @throws {SpeechError} `DEURO_SPEECH_MODEL_MALFORMED` when the matrix has skip transitions.
 */
function leftToRightTransitions(log: Float64Array, m: number): number[] {
  checkModel(
    [2, 3, 7].every((k) => (log[m + k] ?? -Infinity) === -Infinity),
    'transition_matrices',
    'skip transitions are not supported',
  );
  return [
    log[m] ?? 0,
    log[m + 1] ?? 0,
    log[m + 5] ?? 0,
    log[m + 6] ?? 0,
    log[m + 10] ?? 0,
    log[m + 11] ?? 0,
  ];
}
