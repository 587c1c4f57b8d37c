/**
 * Polls a condition until it holds: the tests wait on state, never on fixed
 * sleeps.
 */
import { setTimeout as delay } from 'node:timers/promises';

/**
 * Resolves with the first truthy value of `probe`; errors thrown by the probe
 * count as "not yet".
 * @throws Error naming `what` and the last probe error after `timeoutMs`.
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 60_000,
  intervalMs = 500,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) {
        return value;
      }
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const reason = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`timed out after ${String(timeoutMs)} ms waiting for ${what}${reason}`);
    }
    await delay(intervalMs);
  }
}
