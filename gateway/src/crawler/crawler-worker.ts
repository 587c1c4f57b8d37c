/*
 * `deuro crawler`: a worker that crawls one job through its organization's gateway under its own
 * identity, coordinating with other crawlers only through the ledger. It lists leasable tasks
 * starting at its own bucket (so crawlers rarely pick the same task), leases one, renews the
 * lease while it works, crawls the batch (robots.txt, politeness, retries: gateway/src/crawl),
 * stores what it fetched encrypted to the job's owner, and completes the task with the links it
 * found. When the job has nothing queued or leased it marks the job completed and stops. On
 * SIGTERM it stops starting fetches and gives its task back unfinished.
 *
 * Conflicts: a lease or a completion may lose an MVCC read conflict to another crawler's
 * transaction (docs/gcrawl.md, "Conflicts"). A lost lease moves on to the next candidate; a lost
 * completion is sent again, a few times, since it wrote nothing and is endorsed against the new
 * state; if every attempt loses, the task is given back rather than left leased until it
 * expires. Both are counted in the report.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

import {
  crawlBatch,
  newPolitenessScheduler,
  newTempFileSinkFactory,
  validateCrawlPoliteness,
  validateCrawlScope,
  type CrawlJobRules,
  type CrawlResult,
  type RobotsStore,
} from '../crawl/index';
import type { CrawlCompletion, CrawlJob, CrawlTask } from '../ledger/crawl-ledger';
import { alignCrawledPairs, newModelCache } from './crawl-alignment';
import { completionOf, readersOf } from './crawl-completion';
import { isCodedError } from '../errors/coded-error';
import { runUntilDone } from '../worker/retry-loop';
import type { CrawlerApi } from './crawler-api';
import { isLedgerConflict, retryOnConflict } from './ledger-conflict';
import { keepLeaseRenewed, type LeaseRenewal } from './lease-renewal';

/** Options of {@link runCrawler}. */
export interface CrawlerOptions {
  readonly api: CrawlerApi;
  readonly jobId: string;
  /** Stop starting fetches when this aborts; the task in hand is given back. */
  readonly signal?: AbortSignal;
  /** Trusted CA certificates for HTTPS sites. */
  readonly ca?: string;
  /** One line of progress. */
  readonly log?: (line: string) => void;
  /** Wait between polls when nothing is leasable yet (default 1 s). */
  readonly idleMs?: number;
  /** Force-align crawled WAV audio with its transcript and record the verdict (default true). */
  readonly align?: boolean;
}

/** What a crawler did. */
export interface CrawlerReport {
  readonly tasksCompleted: number;
  readonly tasksReturned: number;
  readonly leasesLost: number;
  readonly urlsFetched: number;
  readonly urlsFailed: number;
  readonly jobFinished: boolean;
  /** Leases committed, and lease attempts that lost an MVCC conflict to another crawler. */
  readonly leasesTaken: number;
  readonly leaseConflicts: number;
  /**
   * CompleteCrawlTask submissions (each retry counts), and those that lost an MVCC conflict
   * (retried up to {@link COMPLETION_ATTEMPTS} times per task, then the task is given back).
   */
  readonly completionAttempts: number;
  readonly completionConflicts: number;
  /** Content uploads that lost an MVCC conflict (another crawler registered the same content). */
  readonly uploadConflicts: number;
  /** Lease renewals that failed with an error other than a refusal (logged; work went on). */
  readonly renewalFailures: number;
  /** Steps (lease, crawl, store, complete) that failed with an error and were tried again. */
  readonly stepErrors: number;
  /** Audio/transcript pairs this crawler aligned, by verdict. */
  readonly pairsVerified: number;
  readonly pairsRejected: number;
}

const BUCKETS = '0123456789abcdef';
/** CompleteCrawlTask submissions per task when they lose MVCC conflicts. */
export const COMPLETION_ATTEMPTS = 5;
const CONFLICT_BASE_DELAY_MS = 100;

class Crawler {
  readonly #options: CrawlerOptions;
  readonly #robots: RobotsStore = new Map();
  readonly #log: (line: string) => void;
  #report = {
    tasksCompleted: 0,
    tasksReturned: 0,
    leasesLost: 0,
    urlsFetched: 0,
    urlsFailed: 0,
    jobFinished: false,
    leasesTaken: 0,
    leaseConflicts: 0,
    completionAttempts: 0,
    completionConflicts: 0,
    uploadConflicts: 0,
    renewalFailures: 0,
    stepErrors: 0,
    pairsVerified: 0,
    pairsRejected: 0,
  };
  readonly #speechModel = newModelCache();
  #aligning = true;

  constructor(options: CrawlerOptions) {
    this.#options = options;
    this.#log = options.log ?? (() => undefined);
  }

  async run(): Promise<CrawlerReport> {
    const { api, jobId } = this.#options;
    const me = await api.whoAmI();
    const job = await api.job(jobId);
    const rules: CrawlJobRules = {
      scope: validateCrawlScope(job.scope),
      politeness: validateCrawlPoliteness(job.politeness),
    };
    const scheduler = newPolitenessScheduler(rules.politeness);
    let bucket = BUCKETS.indexOf(
      createHash('sha256').update(me.identityId).digest('hex')[0] ?? '0',
    );
    this.#log(`crawler ${me.identityId} on job ${jobId} (${job.state})`);
    await runUntilDone({
      step: async () => {
        await this.#step(job, me.identityId, BUCKETS[bucket] ?? '0', rules, scheduler).catch(
          (error: unknown) => {
            this.#report.stepErrors++;
            throw error;
          },
        );
        bucket = (bucket + 1) % BUCKETS.length;
        return this.#report.jobFinished;
      },
      log: this.#log,
      ...(this.#options.signal === undefined ? {} : { signal: this.#options.signal }),
    });
    return { ...this.#report };
  }

  /** Lease a task from `bucket` and crawl it, or wait when none is free. */
  async #step(
    job: CrawlJob,
    crawlerId: string,
    bucket: string,
    rules: CrawlJobRules,
    scheduler: ReturnType<typeof newPolitenessScheduler>,
  ): Promise<void> {
    const task = await this.#leaseOne(job, bucket);
    if (task === 'finished') {
      this.#report.jobFinished = true;
    } else if (task === undefined) {
      await delay(this.#options.idleMs ?? 1000);
    } else {
      await this.#crawlTask(job, crawlerId, task, rules, scheduler);
    }
  }

  /** A task leased now, undefined when none is free yet, or `finished` when the job is done. */
  async #leaseOne(job: CrawlJob, bucket: string): Promise<CrawlTask | 'finished' | undefined> {
    const { api } = this.#options;
    const candidates = await api.leasable(job.id, bucket, 20);
    if (candidates.length === 0) {
      const progress = await api.progress(job.id);
      if (progress.state !== 'running') {
        return 'finished';
      }
      if (progress.tasks.queued === 0 && progress.tasks.leased === 0) {
        return (await api.finish(job.id)) ? 'finished' : undefined;
      }
      return undefined;
    }
    // Start at a random candidate: crawlers listing the same bucket spread out.
    const start = Math.floor(Math.random() * candidates.length);
    for (let step = 0; step < candidates.length; step++) {
      const candidate = candidates[(start + step) % candidates.length];
      if (candidate !== undefined) {
        const leased = await api.lease(job.id, candidate.id);
        if (leased === 'conflict') {
          this.#report.leaseConflicts++;
        } else if (leased !== 'taken') {
          this.#report.leasesTaken++;
          return leased;
        }
      }
    }
    return undefined;
  }

  async #crawlTask(
    job: CrawlJob,
    crawlerId: string,
    task: CrawlTask,
    rules: CrawlJobRules,
    scheduler: ReturnType<typeof newPolitenessScheduler>,
  ): Promise<void> {
    const { api } = this.#options;
    this.#log(
      `task ${task.id}: ${String(task.urls.length)} URLs (attempt ${String(task.retry + 1)})`,
    );
    const renewal = keepLeaseRenewed({
      renew: () => api.renew(job.id, task.id),
      everyMs: Math.max(1000, (job.leaseSeconds * 1000) / 3),
      log: (line) => {
        this.#log(`task ${task.id}: ${line}`);
      },
    });
    const stop = AbortSignal.any([
      renewal.lost,
      ...(this.#options.signal === undefined ? [] : [this.#options.signal]),
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'deuro-crawler-'));
    try {
      const results = await crawlBatch(
        task.urls.map((entry) => ({
          url: entry.url,
          depth: entry.depth,
          ...(entry.transcriptUrls === undefined ? {} : { transcriptUrls: entry.transcriptUrls }),
        })),
        rules,
        {
          sinkFactory: newTempFileSinkFactory(dir),
          scheduler,
          robotsStore: this.#robots,
          signal: stop,
          ...(this.#options.ca === undefined ? {} : { ca: this.#options.ca }),
        },
      );
      await this.#finishTask(job, crawlerId, task, results, renewal);
    } finally {
      await renewal.stop();
      this.#report.renewalFailures += renewal.failures();
      rmSync(dir, { recursive: true, force: true });
    }
  }

  async #finishTask(
    job: CrawlJob,
    crawlerId: string,
    task: CrawlTask,
    results: readonly CrawlResult[],
    renewal: LeaseRenewal,
  ): Promise<void> {
    if (renewal.isLost()) {
      this.#dropLost(task, 'dropped');
      return;
    }
    if (this.#options.signal?.aborted === true) {
      await renewal.stop();
      await this.#giveBack(job, task, 'stopping');
      return;
    }
    const completion = await completionOf(this.#options.api, job, crawlerId, results, () => {
      this.#report.uploadConflicts++;
    });
    // The crawler's own renewal writes the task too: none may be in flight while it completes.
    await renewal.stop();
    if (renewal.isLost()) {
      this.#dropLost(task, 'dropped before completing');
      return;
    }
    if (await this.#completeTask(job, task, completion)) {
      if (this.#options.align !== false) {
        await this.#align(job, crawlerId, results);
      }
    }
  }

  /** Complete the task and count it. @returns Whether it was completed. */
  async #completeTask(
    job: CrawlJob,
    task: CrawlTask,
    completion: CrawlCompletion,
  ): Promise<boolean> {
    const summary = await this.#complete(job, task, completion).catch(async (error: unknown) => {
      // Not retried (not known to be safe), but the task need not wait for its lease to expire:
      // had the completion committed after all, the ledger refuses the return, and a return
      // that commits first makes the completion fail its read of the task.
      await this.#giveBack(job, task, 'the completion failed').catch((giveBackError: unknown) => {
        this.#log(`task ${task.id}: could not give it back: ${String(giveBackError)}`);
      });
      throw error;
    });
    if (summary === 'conflicted') {
      await this.#giveBack(
        job,
        task,
        `each of ${String(COMPLETION_ATTEMPTS)} completions lost an MVCC conflict`,
      );
      return false;
    }
    if (summary === undefined) {
      this.#dropLost(task, 'lost before completing');
      return false;
    }
    this.#report.tasksCompleted++;
    this.#report.urlsFetched += summary.fetched;
    this.#report.urlsFailed += summary.failed;
    this.#log(
      `task ${task.id}: ${summary.state}, ${String(summary.fetched)} fetched (${String(summary.duplicates)} duplicate), ${String(summary.failed)} failed, ${String(summary.retried)} to retry, ${String(summary.admitted)} new URLs`,
    );
    return true;
  }

  #dropLost(task: CrawlTask, what: string): void {
    this.#report.leasesLost++;
    this.#log(`task ${task.id}: lease lost, ${what}`);
  }

  /** Submit the completion, again while it loses MVCC conflicts (bounded). */
  async #complete(
    job: CrawlJob,
    task: CrawlTask,
    completion: CrawlCompletion,
  ): Promise<Awaited<ReturnType<CrawlerApi['complete']>> | 'conflicted'> {
    try {
      return await retryOnConflict(
        () => {
          this.#report.completionAttempts++;
          return this.#options.api.complete(job.id, task.id, completion);
        },
        {
          attempts: COMPLETION_ATTEMPTS,
          baseDelayMs: CONFLICT_BASE_DELAY_MS,
          onConflict: (attempt) => {
            this.#report.completionConflicts++;
            this.#log(
              `task ${task.id}: completion lost an MVCC conflict (attempt ${String(attempt)} of ${String(COMPLETION_ATTEMPTS)})`,
            );
          },
        },
      );
    } catch (error) {
      if (isLedgerConflict(error)) {
        return 'conflicted';
      }
      throw error;
    }
  }

  /** Give the task back so that it is queued again at once. */
  async #giveBack(job: CrawlJob, task: CrawlTask, why: string): Promise<void> {
    await this.#options.api.giveBack(job.id, task.id);
    this.#report.tasksReturned++;
    this.#log(`task ${task.id}: given back (${why})`);
  }

  async #align(job: CrawlJob, crawlerId: string, results: readonly CrawlResult[]): Promise<void> {
    if (!this.#aligning) {
      return;
    }
    let pairs: Awaited<ReturnType<typeof alignCrawledPairs>>;
    try {
      pairs = await alignCrawledPairs(
        this.#options.api,
        job,
        readersOf(job, crawlerId),
        results,
        this.#speechModel,
      );
    } catch (err) {
      if (!isCodedError(err) || err.code !== 'DEURO_SPEECH_MODEL_MISSING') {
        throw err;
      }
      // Without the acoustic model nothing can be aligned: crawl on, pairs stay `crawled`.
      this.#aligning = false;
      this.#log(`not aligning audio with transcripts: ${err.message}`);
      return;
    }
    for (const { url, alignment, outcome } of pairs) {
      if (outcome === 'recorded') {
        this.#report[alignment.verdict === 'verified' ? 'pairsVerified' : 'pairsRejected']++;
      }
      const why =
        alignment.reason ??
        `score ${String(alignment.scoreMicro)} µ, threshold ${String(alignment.thresholdMicro)} µ`;
      this.#log(
        `aligned ${url}: ${alignment.verdict} (${why})${outcome === 'already' ? ', recorded before' : ''}`,
      );
    }
  }
}

/** Crawl a job until it is finished or `signal` aborts. */
export function runCrawler(options: CrawlerOptions): Promise<CrawlerReport> {
  return new Crawler(options).run();
}
