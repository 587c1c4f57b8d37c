/*
 * The loop of a ledger worker (crawler, trainer): run a step until it says the work is done or
 * the worker is told to stop. A failed step is tried again with a growing pause: the gateway or
 * the ledger may refuse for a while (restarts, BFT load), and whatever the step held (a lease)
 * expires and returns to the pool if the worker gives up.
 */
import { setTimeout as delay } from 'node:timers/promises';

/** Options of {@link runUntilDone}. */
export interface RetryLoopOptions {
  /** One step; resolves true when there is nothing left to do. */
  readonly step: () => Promise<boolean>;
  readonly signal?: AbortSignal;
  readonly log: (line: string) => void;
  /** Failures in a row before the last one is thrown (default 8). */
  readonly maxFailures?: number;
}

/**
 * Run steps until one reports done or `signal` aborts.
 * @throws The error of the last step after `maxFailures` failures in a row.
 */
export async function runUntilDone(options: RetryLoopOptions): Promise<void> {
  const maxFailures = options.maxFailures ?? 8;
  let failures = 0;
  while (options.signal?.aborted !== true) {
    try {
      if (await options.step()) {
        return;
      }
      failures = 0;
    } catch (error) {
      failures++;
      if (failures >= maxFailures) {
        throw error;
      }
      options.log(
        `error (${String(failures)} in a row): ${error instanceof Error ? error.message : String(error)}; trying again`,
      );
      await delay(Math.min(10_000, 500 * 2 ** failures));
    }
  }
}
