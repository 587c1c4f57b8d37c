import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setImmediate } from 'node:timers/promises';
import { newFakeTime } from '../testing/crawl-site/fake-time.js';
import { isCrawlError } from './crawl-error.js';
import { validateCrawlPoliteness } from './politeness.js';
import { newPolitenessScheduler, type PolitenessSlot } from './politeness-scheduler.js';

/** Acquire `count` slots for `host` one after the other, releasing each at once. */
async function startTimes(
  scheduler: ReturnType<typeof newPolitenessScheduler>,
  host: string,
  count: number,
  minDelayMs?: number,
): Promise<number[]> {
  const starts: number[] = [];
  for (let i = 0; i < count; i++) {
    const slot = await scheduler.acquire(host, { minDelayMs });
    starts.push(slot.startedAt);
    slot.release();
  }
  return starts;
}

function gaps(times: readonly number[]): number[] {
  return times.slice(1).map((time, i) => time - (times[i] ?? 0));
}

describe('politeness scheduler', () => {
  it('spaces the starts of requests to one host by perHostDelayMs', async () => {
    const time = newFakeTime();
    const scheduler = newPolitenessScheduler(
      validateCrawlPoliteness({ perHostDelayMs: 1000 }),
      time,
    );
    const starts = await startTimes(scheduler, 'a.example', 4);
    assert.deepEqual(gaps(starts), [1000, 1000, 1000]);
    assert.deepEqual(time.sleeps, [1000, 1000, 1000]);
  });

  it('does not make one host wait for another', async () => {
    const time = newFakeTime();
    const scheduler = newPolitenessScheduler(
      validateCrawlPoliteness({ perHostDelayMs: 1000 }),
      time,
    );
    const [a, b] = await Promise.all([
      startTimes(scheduler, 'a.example', 3),
      startTimes(scheduler, 'b.example', 3),
    ]);
    assert.deepEqual(gaps(a), [1000, 1000]);
    assert.deepEqual(gaps(b), [1000, 1000]);
    assert.ok(time.clock() - (a[0] ?? 0) <= 2000, 'the hosts waited in parallel');
  });

  it('raises the delay to a Crawl-delay floor, capped by maxCrawlDelayMs', async () => {
    const time = newFakeTime();
    const politeness = validateCrawlPoliteness({ perHostDelayMs: 1000, maxCrawlDelayMs: 5000 });
    const scheduler = newPolitenessScheduler(politeness, time);
    assert.deepEqual(gaps(await startTimes(scheduler, 'a.example', 3, 3000)), [3000, 3000]);
    assert.deepEqual(gaps(await startTimes(scheduler, 'b.example', 3, 60_000)), [5000, 5000]);
    assert.deepEqual(gaps(await startTimes(scheduler, 'c.example', 3, 10)), [1000, 1000]);
  });

  it('caps requests in flight per host and overall', async () => {
    const time = newFakeTime();
    const politeness = validateCrawlPoliteness({
      perHostDelayMs: 0,
      perHostConcurrency: 2,
      concurrency: 3,
    });
    const scheduler = newPolitenessScheduler(politeness, time);
    const granted: { host: string; slot: PolitenessSlot }[] = [];
    for (const host of ['a', 'a', 'a', 'b', 'b', 'b']) {
      void scheduler.acquire(host).then((slot) => granted.push({ host, slot }));
    }
    await setImmediate();
    await setImmediate();
    assert.deepEqual(
      granted.map((g) => g.host),
      ['a', 'a', 'b'],
    );
    granted[0]?.slot.release();
    granted[0]?.slot.release(); // a second release changes nothing
    for (let i = 0; i < 5; i++) {
      await setImmediate();
    }
    // The overall permit goes to the first in line for one: b's second request.
    assert.deepEqual(
      granted.map((g) => g.host),
      ['a', 'a', 'b', 'b'],
    );
    for (const g of granted.slice(1)) {
      g.slot.release();
    }
    for (let i = 0; i < 5; i++) {
      await setImmediate();
    }
    assert.equal(granted.length, 6);
  });

  it('withdraws an aborted waiter without losing its permit', async () => {
    const time = newFakeTime();
    const scheduler = newPolitenessScheduler(validateCrawlPoliteness({ perHostDelayMs: 0 }), time);
    const first = await scheduler.acquire('a');
    const controller = new AbortController();
    const waiting = scheduler.acquire('a', { signal: controller.signal });
    controller.abort();
    await assert.rejects(waiting, (err: unknown) => isCrawlError(err, 'DEURO_CRAWL_ABORTED'));
    first.release();
    const next = await scheduler.acquire('a');
    next.release();
    await assert.rejects(scheduler.acquire('a', { signal: AbortSignal.abort() }), (err: unknown) =>
      isCrawlError(err, 'DEURO_CRAWL_ABORTED'),
    );
  });

  it('an abort during the politeness wait gives the host back', async () => {
    const time = newFakeTime();
    const scheduler = newPolitenessScheduler(
      validateCrawlPoliteness({ perHostDelayMs: 1000 }),
      time,
    );
    (await scheduler.acquire('a')).release();
    const controller = new AbortController();
    const waiting = scheduler.acquire('a', { signal: controller.signal });
    controller.abort();
    await assert.rejects(waiting, (err: unknown) => isCrawlError(err, 'DEURO_CRAWL_ABORTED'));
    const slot = await scheduler.acquire('a');
    slot.release();
  });
});
