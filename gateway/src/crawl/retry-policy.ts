/*
 * When and how long to wait before trying a URL again: exponential backoff with "equal
 * jitter" (half the delay fixed, half drawn from the injected random source), and the
 * Retry-After header of a 429 or 503 (RFC 9110 §10.2.3) as a floor.
 */
import type { RandomSource } from './clock.js';
import type { FetchOptions } from './fetch-options.js';

/**
 * Whether a status is worth retrying: 429 and every 5xx except 501 and 505, which will not
 * change.
 */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599 && status !== 501 && status !== 505);
}

/**
 * The backoff before retry number `retry` (1 for the first): `d = min(max, base * 2^(retry-1))`,
 * then `d/2 + random() * d/2`, rounded.
 */
export function backoffDelayMs(
  options: Pick<FetchOptions, 'retryBaseDelayMs' | 'retryMaxDelayMs'>,
  retry: number,
  random: RandomSource,
): number {
  const ceiling = Math.min(options.retryMaxDelayMs, options.retryBaseDelayMs * 2 ** (retry - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * A Retry-After header in ms from `now`: delay-seconds or an HTTP-date; `undefined` when
 * absent or unreadable. A date in the past is 0.
 */
export function parseRetryAfterMs(header: string | undefined, now: number): number | undefined {
  const value = header?.trim() ?? '';
  if (/^\d+$/.test(value)) {
    return Number(value) * 1000;
  }
  const date = /^[A-Za-z]{3}/.test(value) ? Date.parse(value) : NaN; // HTTP-dates start with a day name
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
