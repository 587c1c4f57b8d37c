/*
 * Keeping a task's lease while the crawler works on it: RenewCrawlLease every third of the lease
 * time. A renewal refused because the lease is not the crawler's any more (another crawler took
 * it after it expired, the job ended) aborts `lost`, and the crawler drops the task. Any other
 * failure (the gateway or the ledger not answering, a conflict) is logged and the next renewal
 * tries again: the lease stays the crawler's until it expires, and even then until another
 * crawler takes it, which the next renewal or the completion finds out. Renewals never reject
 * into the void, and run one at a time; `stop()` waits for the one in flight, so that it cannot
 * race the crawler's own completion or return on the task's key.
 */

/** Options of {@link keepLeaseRenewed}. */
export interface LeaseRenewalOptions {
  /** Renew once. @returns false when the lease is no longer held. */
  readonly renew: () => Promise<boolean>;
  /** Pause between renewals. */
  readonly everyMs: number;
  /** One line about a renewal that failed. */
  readonly log: (line: string) => void;
}

/** A lease being kept. */
export interface LeaseRenewal {
  /** Aborts when a renewal was refused: the lease is lost. */
  readonly lost: AbortSignal;
  /** Whether a renewal was refused. */
  isLost(): boolean;
  /** Renewals that failed with an error (not a refusal). */
  readonly failures: () => number;
  /** Stop renewing; resolves once no renewal is in flight. Safe to call more than once. */
  stop(): Promise<void>;
}

class Renewal implements LeaseRenewal {
  readonly #options: LeaseRenewalOptions;
  readonly #lost = new AbortController();
  readonly #timer: ReturnType<typeof setInterval>;
  #inFlight: Promise<void> | undefined;
  #stopped = false;
  #failures = 0;
  #failuresInARow = 0;

  constructor(options: LeaseRenewalOptions) {
    this.#options = options;
    this.#timer = setInterval(() => {
      this.#tick();
    }, options.everyMs);
  }

  get lost(): AbortSignal {
    return this.#lost.signal;
  }

  isLost(): boolean {
    return this.#lost.signal.aborted;
  }

  failures(): number {
    return this.#failures;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    await this.#inFlight;
  }

  #tick(): void {
    if (this.#stopped || this.#lost.signal.aborted || this.#inFlight !== undefined) {
      return;
    }
    this.#inFlight = this.#renewOnce().finally(() => {
      this.#inFlight = undefined;
    });
  }

  async #renewOnce(): Promise<void> {
    try {
      if (await this.#options.renew()) {
        this.#failuresInARow = 0;
        return;
      }
      clearInterval(this.#timer);
      this.#lost.abort(new Error('lease lost'));
    } catch (error) {
      this.#failures++;
      this.#failuresInARow++;
      this.#options.log(
        `renewing the lease failed (${String(this.#failuresInARow)} in a row): ${error instanceof Error ? error.message : String(error)}; working on, next renewal in ${String(this.#options.everyMs)} ms`,
      );
    }
  }
}

/** Renew a lease every `everyMs` until stopped or lost. */
export function keepLeaseRenewed(options: LeaseRenewalOptions): LeaseRenewal {
  return new Renewal(options);
}
