/*
 * A counting semaphore with a FIFO queue whose waiters an AbortSignal can withdraw: the building
 * block of the politeness scheduler's per-host and overall concurrency caps.
 */
import { abortedError, throwIfAborted } from './clock.js';

interface Waiter {
  readonly grant: () => void;
}

/** A counting semaphore; internal to the crawler. */
export class Semaphore {
  #available: number;
  readonly #queue: Waiter[] = [];

  constructor(permits: number) {
    this.#available = permits;
  }

  /**
   * Take a permit, waiting in line for one.
   * @throws CrawlError `DEURO_CRAWL_ABORTED` when `signal` aborts while waiting.
   */
  async acquire(signal?: AbortSignal): Promise<void> {
    throwIfAborted(signal);
    if (this.#available > 0 && this.#queue.length === 0) {
      this.#available--;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        const index = this.#queue.indexOf(waiter);
        if (index >= 0) {
          this.#queue.splice(index, 1);
        }
        reject(abortedError(signal?.reason));
      };
      const waiter: Waiter = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      this.#queue.push(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Give a permit back, to the first waiter if there is one. */
  release(): void {
    const next = this.#queue.shift();
    if (next === undefined) {
      this.#available++;
    } else {
      next.grant();
    }
  }
}
