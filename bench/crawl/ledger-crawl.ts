/**
 * One ledger-backed crawl for bench/crawl: a job over the test site's numbered pages (seeded with
 * all of them, depth 0, so every run crawls the same URLs), crawled by k `deuro crawler`
 * processes of different identities through their gateways, timed from the job's creation to its
 * completion.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';

import { deuroCliPath, type CliUser } from '../../test/harness/deuro-cli';

/** What one crawl measured. */
export interface LedgerCrawlFigures {
  readonly crawlers: number;
  /** URLs per ledger task. */
  readonly batchSize: number;
  readonly urls: number;
  readonly tasks: number;
  readonly seconds: number;
  readonly urlsPerSecond: number;
  readonly tasksPerSecond: number;
  /** Lease attempts over all crawlers, and those that lost an MVCC conflict. */
  readonly leaseAttempts: number;
  readonly leaseConflicts: number;
  /** CompleteCrawlTask submissions over all crawlers (retries included), and those that lost one. */
  readonly completionAttempts: number;
  readonly completionConflicts: number;
  /** Content uploads that lost an MVCC conflict (sent again). */
  readonly uploadConflicts: number;
  /** Crawler steps that failed with another error and were tried again. */
  readonly stepErrors: number;
}

interface CrawlerReport {
  readonly leasesTaken: number;
  readonly leaseConflicts: number;
  readonly completionAttempts: number;
  readonly completionConflicts: number;
  readonly uploadConflicts: number;
  readonly stepErrors: number;
}

const sum = (reports: readonly CrawlerReport[], count: (report: CrawlerReport) => number): number =>
  reports.reduce((total, report) => total + count(report), 0);

interface Progress {
  readonly state: string;
  readonly tasks: Record<'queued' | 'leased' | 'done' | 'failed', number>;
  readonly crawled: number;
}

async function call<T>(user: CliUser, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${user.gatewayUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${user.apiKey ?? ''}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) {
    throw new Error(`${method} ${path}: ${String(response.status)} ${await response.text()}`);
  }
  return (await response.json()) as T;
}

function runCrawler(user: CliUser, jobId: string): Promise<CrawlerReport> {
  return new Promise((resolve, reject) => {
    const child = spawn('node', [deuroCliPath, '--json', 'crawler', '--job', jobId], {
      env: {
        ...process.env,
        DEURO_GATEWAY_URL: user.gatewayUrl,
        DEURO_API_KEY: user.apiKey ?? '',
        DEURO_HOME: user.home,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    let report = '';
    child.stdout.on('data', (chunk: Buffer) => {
      report += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      log = `${log}${chunk.toString('utf8')}`.slice(-2000);
    });
    child.once('exit', (code) => {
      if (code === 0) {
        resolve(JSON.parse(report) as CrawlerReport);
      } else {
        reject(new Error(`a crawler exited with ${String(code)}: ${log}`));
      }
    });
  });
}

/** Crawl `urls` with one crawler per entry of `crawlers`; `owner` owns the job. */
export async function crawlWithLedger(
  owner: CliUser,
  crawlers: readonly CliUser[],
  urls: readonly string[],
  batchSize: number,
  crawlerOrgs: readonly string[],
): Promise<LedgerCrawlFigures> {
  const jobId = `bench-${randomUUID().slice(0, 8)}`;
  const host = new URL(urls[0] ?? '').host;
  const started = performance.now();
  await call(owner, 'POST', '/v1/crawl/jobs', {
    id: jobId,
    seeds: urls,
    scope: { hosts: [host], maxDepth: 0 },
    politeness: { perHostDelayMs: 0, perHostConcurrency: 8, concurrency: 8 },
    maxPages: urls.length,
    batchSize,
    leaseSeconds: 60,
    maxRetries: 0,
    crawlerOrgs,
  });
  const reports = await Promise.all(crawlers.map((crawler) => runCrawler(crawler, jobId)));
  const seconds = (performance.now() - started) / 1000;
  const progress = await call<Progress>(owner, 'GET', `/v1/crawl/jobs/${jobId}/progress`);
  const tasks = progress.tasks.done + progress.tasks.failed;
  return {
    crawlers: crawlers.length,
    batchSize,
    urls: progress.crawled,
    tasks,
    seconds,
    urlsPerSecond: progress.crawled / seconds,
    tasksPerSecond: tasks / seconds,
    leaseAttempts: sum(reports, (report) => report.leasesTaken + report.leaseConflicts),
    leaseConflicts: sum(reports, (report) => report.leaseConflicts),
    completionAttempts: sum(reports, (report) => report.completionAttempts),
    completionConflicts: sum(reports, (report) => report.completionConflicts),
    uploadConflicts: sum(reports, (report) => report.uploadConflicts),
    stepErrors: sum(reports, (report) => report.stepErrors),
  };
}
