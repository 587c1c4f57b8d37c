/*
 * The per-host politeness scheduler: every request a crawler sends (robots.txt, each redirect
 * hop, each retry, transcripts) first takes a slot here.
 *
 * A slot for host H is granted when (1) fewer than `perHostConcurrency` requests to H are in
 * flight, (2) at least the host's delay has passed since the previous request to H started
 * (start-to-start spacing; the delay is `perHostDelayMs`, raised to the host's robots.txt
 * Crawl-delay when that is larger, capped at `maxCrawlDelayMs`), and (3) fewer than
 * `concurrency` requests are in flight overall. Waiters for one host queue FIFO; a host waiting
 * out its delay holds no overall permit, so it never blocks the other hosts.
 */
import { systemClock, systemSleep, type Clock, type Sleep } from './clock.js';
import type { CrawlPoliteness } from './politeness.js';
import { Semaphore } from './semaphore.js';

/** A granted request slot; release it when the response has been read or abandoned. */
export interface PolitenessSlot {
  /** When the request may start (the clock's reading when the slot was granted). */
  readonly startedAt: number;
  /** Give the slot back; further calls do nothing. */
  release(): void;
}

/** Options of one {@link PolitenessScheduler.acquire}. */
export interface AcquireOptions {
  /** A delay floor for this host, e.g. its robots.txt Crawl-delay in ms (capped). */
  readonly minDelayMs?: number;
  /** Withdraws the request from the queue. */
  readonly signal?: AbortSignal;
}

/** Grants request slots per host. */
export interface PolitenessScheduler {
  /**
   * Wait for a slot to send one request to `host` (`host[:port]`).
   * @throws CrawlError `DEURO_CRAWL_ABORTED` when `signal` aborts while waiting.
   */
  acquire(host: string, options?: AcquireOptions): Promise<PolitenessSlot>;
}

/** Dependencies of {@link newPolitenessScheduler}. */
export interface PolitenessSchedulerDeps {
  readonly clock?: Clock;
  readonly sleep?: Sleep;
}

interface HostState {
  readonly permits: Semaphore;
  nextStart: number;
}

class Scheduler implements PolitenessScheduler {
  readonly #politeness: CrawlPoliteness;
  readonly #clock: Clock;
  readonly #sleep: Sleep;
  readonly #overall: Semaphore;
  readonly #hosts = new Map<string, HostState>();

  constructor(politeness: CrawlPoliteness, deps: PolitenessSchedulerDeps) {
    this.#politeness = politeness;
    this.#clock = deps.clock ?? systemClock;
    this.#sleep = deps.sleep ?? systemSleep;
    this.#overall = new Semaphore(politeness.concurrency);
  }

  async acquire(host: string, options: AcquireOptions = {}): Promise<PolitenessSlot> {
    const state = this.#host(host);
    await state.permits.acquire(options.signal);
    try {
      const delayMs = this.#delayFor(options.minDelayMs);
      const start = Math.max(this.#clock(), state.nextStart);
      state.nextStart = start + delayMs;
      const wait = start - this.#clock();
      if (wait > 0) {
        await this.#sleep(wait, options.signal);
      }
      await this.#overall.acquire(options.signal);
      const startedAt = this.#clock();
      state.nextStart = Math.max(state.nextStart, startedAt + delayMs);
      return this.#slot(state, startedAt);
    } catch (err) {
      state.permits.release();
      throw err;
    }
  }

  #delayFor(minDelayMs = 0): number {
    const floor = Math.min(minDelayMs, this.#politeness.maxCrawlDelayMs);
    return Math.max(this.#politeness.perHostDelayMs, floor);
  }

  #host(host: string): HostState {
    let state = this.#hosts.get(host);
    if (state === undefined) {
      state = {
        permits: new Semaphore(this.#politeness.perHostConcurrency),
        nextStart: Number.NEGATIVE_INFINITY,
      };
      this.#hosts.set(host, state);
    }
    return state;
  }

  #slot(state: HostState, startedAt: number): PolitenessSlot {
    let released = false;
    return {
      startedAt,
      release: () => {
        if (!released) {
          released = true;
          this.#overall.release();
          state.permits.release();
        }
      },
    };
  }
}

/**
 * A scheduler enforcing `politeness` (already validated, see `validateCrawlPoliteness`).
 * @param deps - The clock and sleep to use (the system's by default).
 */
export function newPolitenessScheduler(
  politeness: CrawlPoliteness,
  deps: PolitenessSchedulerDeps = {},
): PolitenessScheduler {
  return new Scheduler(politeness, deps);
}
