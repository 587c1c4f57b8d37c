/**
 * One pass over the frames: the forced search and the phone loop advance together on the same
 * senone scores. Before each frame the codebooks (CI phones) of every active HMM of either are
 * gathered, and only those are computed.
 */

import {
  dynamicFeatureFrame,
  newSenoneScorer,
  type AcousticModel,
  type FeatureMatrix,
} from '../model/index.js';
import { ForcedSearch } from './forced-search.js';
import type { SettledPhone } from './history.js';
import type { HmmNetwork } from './hmm-network.js';
import { PhoneLoop } from './phone-loop.js';

/** Search settings, natural-log units. */
export interface SearchSettings {
  readonly beam: number;
  readonly loopBeam: number;
  readonly phoneInsertionPenalty: number;
  readonly topN: number;
}

/** What the pass found. */
export interface SearchResult {
  /** The best forced path, phone by phone, or undefined when none reached the end. */
  readonly path: { readonly score: number; readonly phones: readonly SettledPhone[] } | undefined;
  /** The phone loop's best state score at each frame. */
  readonly loopScores: Float64Array;
  readonly frames: number;
  readonly statistics: SearchStatistics;
}

/** Effort figures of a pass. */
export interface SearchStatistics {
  /** Forced-network HMMs advanced per frame, on average. */
  readonly activeNodesPerFrame: number;
  /** Codebooks computed per frame, on average. */
  readonly codebooksPerFrame: number;
  /** History records live (unsettled) at most, after a collection. */
  readonly historyPeak: number;
  /** History pool capacity at the end. */
  readonly historyCapacity: number;
  /** History records created. */
  readonly historyCreated: number;
}

class CodebookSet {
  readonly list: Int32Array;
  count = 0;
  readonly #stamp: Int32Array;
  #frame = 0;

  constructor(size: number) {
    this.list = new Int32Array(size);
    this.#stamp = new Int32Array(size).fill(-1);
  }

  begin(): void {
    this.#frame++;
    this.count = 0;
  }

  add(c: number): void {
    if (this.#stamp[c] === this.#frame) return;
    this.#stamp[c] = this.#frame;
    this.list[this.count++] = c;
  }
}

/** Runs the pass over CMN cepstra (13 per frame; the dynamic features are made per frame). */
export function runAlignmentSearch(
  model: AcousticModel,
  network: HmmNetwork,
  cepstra: FeatureMatrix,
  settings: SearchSettings,
): SearchResult {
  const scorer = newSenoneScorer(model, { topN: settings.topN });
  const forced = new ForcedSearch(network, settings.beam);
  const loop = new PhoneLoop(model, settings.loopBeam, settings.phoneInsertionPenalty);
  const codebooks = new CodebookSet(model.codebooks.codebookCount);
  const frame = new Float32Array(3 * cepstra.dimension);
  const loopScores = new Float64Array(cepstra.frameCount);
  let codebookTotal = 0;
  for (let t = 0; t < cepstra.frameCount; t++) {
    dynamicFeatureFrame(cepstra, t, frame);
    codebooks.begin();
    for (const i of forced.activeNodes) codebooks.add(network.base[i] ?? 0);
    for (const p of loop.activePhones) codebooks.add(p);
    codebookTotal += codebooks.count;
    scorer.beginFrame(frame, codebooks.list, codebooks.count);
    forced.step(t, scorer);
    loop.step(scorer);
    loopScores[t] = loop.best;
  }
  const frames = cepstra.frameCount;
  const history = forced.history;
  return {
    path: forced.finish(frames - 1),
    loopScores,
    frames,
    statistics: {
      activeNodesPerFrame: forced.activeTotal / frames,
      codebooksPerFrame: codebookTotal / frames,
      historyPeak: history.peakLive,
      historyCapacity: history.capacity,
      historyCreated: history.created,
    },
  };
}
