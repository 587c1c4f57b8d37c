/*
 * Virtual time for crawler tests: a clock that only moves when someone sleeps, and a sleep
 * that returns at once (on the next turn of the event loop) after moving the clock. Every
 * requested sleep is recorded, so tests assert backoff and politeness delays without waiting.
 */
import { setImmediate } from 'node:timers/promises';
import { abortedError } from '../../crawl/clock.js';

/** A virtual clock and its sleep. */
export interface FakeTime {
  /** The virtual time in ms. */
  readonly clock: () => number;
  /** Moves the clock to at least (now at the call + ms) and resolves on the next turn. */
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Every sleep asked for, in ms, in order. */
  readonly sleeps: number[];
}

/** Virtual time starting at `start` ms (default 1 000 000). */
export function newFakeTime(start = 1_000_000): FakeTime {
  let now = start;
  const sleeps: number[] = [];
  return {
    clock: () => now,
    sleeps,
    sleep: async (ms, signal) => {
      throwIfAborted(signal);
      sleeps.push(ms);
      const target = now + Math.max(0, ms);
      await setImmediate();
      now = Math.max(now, target);
      throwIfAborted(signal);
    },
  };
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) {
    throw abortedError(signal.reason);
  }
}
