import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { CodedError } from '../errors/coded-error';
import type {
  CrawlCompletion,
  CrawlCompletionSummary,
  CrawlJob,
  CrawlTask,
} from '../ledger/crawl-ledger';
import { startCrawlSite, type CrawlSite } from '../testing/crawl-site/index';
import type { CrawlerApi } from './crawler-api';
import { COMPLETION_ATTEMPTS, runCrawler } from './crawler-worker';

/** How the CLI's gateway client reports a 409 DEURO_LEDGER_CONFLICT problem. */
const conflict = (): Error =>
  Object.assign(new Error('DEURO_LEDGER_CONFLICT: another transaction changed the same data'), {
    code: 'DEURO_LEDGER_CONFLICT',
  });

interface Calls {
  renew: number;
  complete: CrawlCompletion[];
  giveBack: number;
}

type Override = Partial<Pick<CrawlerApi, 'renew' | 'complete'>>;

/**
 * A gateway with one job and one task of `pages` numbered pages of the site: the task is
 * leasable once, then the job has nothing queued or leased and finishing it succeeds.
 */
function fakeGateway(
  site: CrawlSite,
  options: { pages: number; perHostDelayMs: number; override?: Override },
): { api: CrawlerApi; calls: Calls } {
  const host = new URL(site.url).host;
  const job: CrawlJob = {
    id: 'job-1',
    owner: { identityId: 'owner', mspId: 'Org1MSP' },
    state: 'running',
    seeds: [site.url],
    scope: {
      hosts: [host],
      pathPrefixes: ['/'],
      maxDepth: 5,
      mediaTypes: ['*/*'],
      maxBytes: 1_000_000,
    },
    politeness: {
      perHostDelayMs: options.perHostDelayMs,
      perHostConcurrency: 1,
      concurrency: 1,
      maxCrawlDelayMs: 0,
    },
    maxPages: 100,
    batchSize: options.pages,
    leaseSeconds: 1,
    maxRetries: 0,
    crawlerOrgs: ['Org1MSP'],
  };
  const task: CrawlTask = {
    jobId: job.id,
    id: 'a'.repeat(32),
    state: 'leased',
    urls: Array.from({ length: options.pages }, (_, i) => ({
      url: new URL(`/pages/${String(i)}.html`, site.url).href,
      depth: 1,
    })),
    retry: 0,
    budget: 0,
    holder: 'crawler',
    leaseExpiresAt: 0,
    leases: 1,
  };
  const calls: Calls = { renew: 0, complete: [], giveBack: 0 };
  let leased = false;
  const summary = (completion: CrawlCompletion): CrawlCompletionSummary => ({
    state: 'done',
    fetched: completion.fetched.length,
    duplicates: 0,
    failed: completion.failed.length,
    retried: 0,
    admitted: 0,
    newTasks: [],
  });
  const api: CrawlerApi = {
    whoAmI: () => Promise.resolve({ identityId: 'crawler' }),
    job: () => Promise.resolve(job),
    progress: () =>
      Promise.resolve({
        jobId: job.id,
        state: 'running',
        tasks: { queued: 0, leased: 0, done: 1, failed: 0 },
        crawled: 0,
        duplicates: 0,
        failedTaskUrls: 0,
      }),
    leasable: () => Promise.resolve(leased ? [] : [{ ...task, state: 'queued', holder: null }]),
    lease: () => {
      leased = true;
      return Promise.resolve(task);
    },
    renew: async (...args) => {
      calls.renew++;
      return options.override?.renew === undefined ? true : options.override.renew(...args);
    },
    giveBack: () => {
      calls.giveBack++;
      return Promise.resolve();
    },
    complete: async (jobId, taskId, completion) => {
      calls.complete.push(completion);
      return options.override?.complete === undefined
        ? summary(completion)
        : options.override.complete(jobId, taskId, completion);
    },
    finish: () => Promise.resolve(true),
    recordAlignment: () => Promise.resolve('recorded'),
    hasContent: () => Promise.resolve(false),
    upload: () => Promise.resolve('stored'),
  };
  return { api, calls };
}

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => {
  unhandled.push(reason);
};

void describe('runCrawler: renewals and completions', () => {
  let site: CrawlSite;
  before(async () => {
    process.on('unhandledRejection', onUnhandled);
    site = await startCrawlSite({ pages: 20 });
  });
  after(async () => {
    process.off('unhandledRejection', onUnhandled);
    await site.close();
  });

  void it('a renewal that fails with an error is logged and the task still completes (no unhandled rejection)', async () => {
    // Three pages 700 ms apart: about 1.4 s of work, so the 1 s renewal runs at least once.
    const { api, calls } = fakeGateway(site, {
      pages: 3,
      perHostDelayMs: 700,
      override: {
        renew: () =>
          Promise.reject(new CodedError('DEURO_LEDGER_UNAVAILABLE', 'the ledger did not answer')),
      },
    });
    const lines: string[] = [];
    const report = await runCrawler({
      api,
      jobId: 'job-1',
      align: false,
      idleMs: 10,
      log: (line) => lines.push(line),
    });
    assert.ok(calls.renew >= 1, 'renewed');
    assert.equal(report.renewalFailures, calls.renew);
    assert.ok(
      lines.some((line) => /renewing the lease failed .*DEURO_LEDGER_UNAVAILABLE/.test(line)),
      lines.join('\n'),
    );
    assert.equal(report.tasksCompleted, 1);
    assert.equal(report.urlsFetched, 3);
    assert.equal(report.leasesLost, 0);
    assert.equal(report.stepErrors, 0);
    assert.equal(report.jobFinished, true);
    assert.deepEqual(unhandled, []);
  });

  void it('a renewal refused (the lease is lost) stops the work on the task: nothing completed or given back', async () => {
    const { api, calls } = fakeGateway(site, {
      pages: 5,
      perHostDelayMs: 700,
      override: { renew: () => Promise.resolve(false) },
    });
    const earlier = site.requests().length;
    const report = await runCrawler({ api, jobId: 'job-1', align: false, idleMs: 10 });
    assert.equal(calls.renew, 1);
    assert.equal(calls.complete.length, 0);
    assert.equal(calls.giveBack, 0);
    assert.equal(report.leasesLost, 1);
    assert.equal(report.tasksCompleted, 0);
    const requested = site
      .requests()
      .slice(earlier)
      .filter((request) => request.path.startsWith('/pages/'));
    assert.ok(
      requested.length < 5,
      `stopped fetching when the lease was lost (${String(requested.length)} fetched)`,
    );
  });

  void it('a completion that loses MVCC conflicts is sent again and counted', async () => {
    let attempts = 0;
    const { api, calls } = fakeGateway(site, {
      pages: 2,
      perHostDelayMs: 0,
      override: {
        complete: (_job, _task, completion) => {
          attempts++;
          return attempts <= 2
            ? Promise.reject(conflict())
            : Promise.resolve({
                state: 'done',
                fetched: completion.fetched.length,
                duplicates: 0,
                failed: 0,
                retried: 0,
                admitted: 0,
                newTasks: [],
              });
        },
      },
    });
    const report = await runCrawler({ api, jobId: 'job-1', align: false, idleMs: 10 });
    assert.equal(calls.complete.length, 3);
    assert.deepEqual(calls.complete[2], calls.complete[0], 'the same completion each time');
    assert.equal(report.completionAttempts, 3);
    assert.equal(report.completionConflicts, 2);
    assert.equal(report.tasksCompleted, 1);
    assert.equal(report.tasksReturned, 0);
    assert.equal(report.urlsFetched, 2);
  });

  void it('a completion that loses every attempt gives the task back instead of leaving it leased', async () => {
    const { api, calls } = fakeGateway(site, {
      pages: 1,
      perHostDelayMs: 0,
      override: { complete: () => Promise.reject(conflict()) },
    });
    const report = await runCrawler({ api, jobId: 'job-1', align: false, idleMs: 10 });
    assert.equal(calls.complete.length, COMPLETION_ATTEMPTS);
    assert.equal(report.completionConflicts, COMPLETION_ATTEMPTS);
    assert.equal(calls.giveBack, 1);
    assert.equal(report.tasksReturned, 1);
    assert.equal(report.tasksCompleted, 0);
  });

  void it('any other completion error is not retried; the task is given back and the step fails', async () => {
    const { api, calls } = fakeGateway(site, {
      pages: 1,
      perHostDelayMs: 0,
      override: {
        complete: () =>
          Promise.reject(new CodedError('DEURO_INVALID_ARGUMENT', 'request.fetched[0] is bad')),
      },
    });
    const lines: string[] = [];
    const report = await runCrawler({
      api,
      jobId: 'job-1',
      align: false,
      idleMs: 10,
      log: (line) => lines.push(line),
    });
    assert.equal(calls.complete.length, 1);
    assert.equal(report.completionConflicts, 0);
    assert.equal(report.tasksCompleted, 0);
    assert.equal(calls.giveBack, 1);
    assert.equal(report.tasksReturned, 1);
    assert.equal(report.stepErrors, 1);
    assert.ok(
      lines.some((line) => line.includes('DEURO_INVALID_ARGUMENT')),
      lines.join('\n'),
    );
  });
});
