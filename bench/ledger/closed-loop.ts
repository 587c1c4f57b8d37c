/**
 * A closed-loop load driver: keeps `concurrency` submissions in flight until
 * `count` have finished, each one started as soon as another finishes. A
 * submission's latency runs from its start to the resolution of its promise,
 * which for fabric-gateway's submitTransaction is the commit. A failed
 * submission is counted under its reason and never retried, so a conflict
 * shows up in the figures instead of being absorbed by them.
 */
import { performance } from 'node:perf_hooks';

import { failureReason } from './failure-reason';

/** What one round of submissions gave. */
export interface RoundResult {
  /** Submissions that committed as valid. */
  readonly committed: number;
  /** Failed submissions, by reason. */
  readonly failures: ReadonlyMap<string, number>;
  /** Start-to-commit latency of each committed submission, in milliseconds. */
  readonly latenciesMs: readonly number[];
  /** From the first start to the last finish, in milliseconds. */
  readonly wallMs: number;
}

/** Options for {@link runClosedLoop}. */
export interface ClosedLoopOptions {
  /** Submissions to finish. */
  readonly count: number;
  /** Submissions in flight at once. */
  readonly concurrency: number;
  /** Submits the `index`-th transaction (0-based) and resolves when it has committed. */
  readonly submit: (index: number) => Promise<unknown>;
  /** Called after every `progressEvery` finished submissions with the number finished. */
  readonly onProgress?: (finished: number) => void;
  /** Defaults to a tenth of `count`. */
  readonly progressEvery?: number;
}

/** Runs `count` submissions, `concurrency` at a time. Never rejects for a failed submission. */
export async function runClosedLoop(options: ClosedLoopOptions): Promise<RoundResult> {
  const { count, submit, onProgress } = options;
  const progressEvery = options.progressEvery ?? Math.max(1, Math.ceil(count / 10));
  const latenciesMs: number[] = [];
  const failures = new Map<string, number>();
  let next = 0;
  let finished = 0;

  const worker = async (): Promise<void> => {
    while (next < count) {
      const index = next++;
      const started = performance.now();
      try {
        await submit(index);
        latenciesMs.push(performance.now() - started);
      } catch (error) {
        const reason = failureReason(error);
        failures.set(reason, (failures.get(reason) ?? 0) + 1);
      }
      finished++;
      if (onProgress !== undefined && (finished % progressEvery === 0 || finished === count)) {
        onProgress(finished);
      }
    }
  };

  const started = performance.now();
  const workers = Array.from({ length: Math.min(options.concurrency, count) }, worker);
  await Promise.all(workers);
  return {
    committed: latenciesMs.length,
    failures,
    latenciesMs,
    wallMs: performance.now() - started,
  };
}
