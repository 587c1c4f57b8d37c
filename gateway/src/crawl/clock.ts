/*
 * The crawler's view of time and chance, injected so that tests control them: a clock in
 * milliseconds, a sleep that an AbortSignal cuts short, and a random source for retry jitter.
 */
import { getRandomValues } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { CrawlError } from './crawl-error.js';

/** Milliseconds since the epoch; `Date.now` in production. */
export type Clock = () => number;

/**
 * Wait `ms` milliseconds.
 * @throws CrawlError `DEURO_CRAWL_ABORTED` when `signal` aborts first (or already has).
 */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** A number in [0, 1). */
export type RandomSource = () => number;

/** The system clock. */
export const systemClock: Clock = () => Date.now();

/** A real sleep on node's timers. */
export const systemSleep: Sleep = async (ms, signal) => {
  throwIfAborted(signal);
  try {
    await delay(Math.max(0, ms), undefined, { signal });
  } catch (err) {
    throw abortedError(err);
  }
};

/** Uniform numbers from the operating system's random source. */
export const systemRandom: RandomSource = () => {
  const [value = 0] = getRandomValues(new Uint32Array(1));
  return value / 2 ** 32;
};

/**
 * @throws CrawlError `DEURO_CRAWL_ABORTED` when `signal` has aborted.
 */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) {
    throw abortedError(signal.reason);
  }
}

/** The error of a crawl stopped through its AbortSignal. */
export function abortedError(cause?: unknown): CrawlError {
  return new CrawlError('DEURO_CRAWL_ABORTED', 'the crawl was stopped', { cause });
}
