/*
 * The one failure a crawler retries by itself: an MVCC read conflict at commit, which the gateway
 * reports as DEURO_LEDGER_CONFLICT (409). It means another transaction committed first a change
 * to a key this one read (two crawlers completing tasks that discovered the same link or fetched
 * the same content, a lease taken by someone else); the transaction wrote nothing, and sending
 * the same request again is endorsed against the new state. Anything else is not retried here.
 */
import { setTimeout as delay } from 'node:timers/promises';

/** The code the gateway gives an MVCC read conflict (gateway/src/errors/ledger-error.ts). */
export const LEDGER_CONFLICT = 'DEURO_LEDGER_CONFLICT';

/** Whether `error` is the gateway's DEURO_LEDGER_CONFLICT, whatever client raised it. */
export function isLedgerConflict(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && 'code' in error && error.code === LEDGER_CONFLICT
  );
}

/** Options of {@link retryOnConflict}. */
export interface ConflictRetryOptions {
  /** Calls in all, the first included (at least 1). */
  readonly attempts: number;
  /** Pause before the n-th retry: `baseDelayMs × 2^(n−1)`, plus up to as much again at random. */
  readonly baseDelayMs: number;
  /** Told of every conflict, the last one included, with the attempt that lost it. */
  readonly onConflict: (attempt: number) => void;
}

/**
 * Call `call` until it does not lose an MVCC conflict, at most `attempts` times.
 * @throws The last conflict when every attempt lost one; any other error at once.
 */
export async function retryOnConflict<T>(
  call: () => Promise<T>,
  options: ConflictRetryOptions,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!isLedgerConflict(error)) {
        throw error;
      }
      options.onConflict(attempt);
      if (attempt >= options.attempts) {
        throw error;
      }
      const pause = options.baseDelayMs * 2 ** (attempt - 1);
      await delay(pause + Math.floor(Math.random() * pause));
    }
  }
}
