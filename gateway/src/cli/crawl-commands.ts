/*
 * `deuro crawl create | status | data | cancel` for a job's owner, and `deuro crawler` for the
 * worker that crawls it (gateway/src/crawler).
 */
import { readFileSync } from 'node:fs';

import type { Command } from 'commander';

import { runCrawler } from '../crawler/index';
import type { CrawlJob, CrawlProgress, CrawledData } from '../ledger/crawl-ledger';
import { CliError, exitCodes } from './cli-error';
import { newCrawlerGatewayApi } from './crawler-gateway-api';
import { client, globals, print } from './program';

const jobPath = (jobId: string): string => `/v1/crawl/jobs/${encodeURIComponent(jobId)}`;

function integer(text: string | undefined, name: string): number | undefined {
  if (text === undefined) {
    return undefined;
  }
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    throw new CliError(`${name} must be a whole number`, exitCodes.usage);
  }
  return value;
}

function describeProgress(progress: CrawlProgress): string {
  const { tasks } = progress;
  return `${progress.jobId}: ${progress.state}; tasks ${String(tasks.queued)} queued, ${String(tasks.leased)} leased, ${String(tasks.done)} done, ${String(tasks.failed)} failed; ${String(progress.crawled)} URLs crawled (${String(progress.duplicates)} duplicates)`;
}

interface CreateOptions {
  seed: string[];
  host?: string[];
  path?: string[];
  depth?: string;
  mediaType?: string[];
  maxBytes?: string;
  maxPages?: string;
  batch?: string;
  delayMs?: string;
  leaseSeconds?: string;
  retries?: string;
  crawlerOrg?: string[];
}

function jobRequest(id: string, command: CreateOptions): Record<string, unknown> {
  const hosts = command.host ?? command.seed.map((seed) => new URL(seed).host);
  const optional = (entries: Record<string, unknown>): Record<string, unknown> =>
    Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined));
  return optional({
    id,
    seeds: command.seed,
    scope: optional({
      hosts,
      pathPrefixes: command.path,
      maxDepth: integer(command.depth, '--depth'),
      mediaTypes: command.mediaType,
      maxBytes: integer(command.maxBytes, '--max-bytes'),
    }),
    politeness: optional({ perHostDelayMs: integer(command.delayMs, '--delay-ms') }),
    maxPages: integer(command.maxPages, '--max-pages'),
    batchSize: integer(command.batch, '--batch'),
    leaseSeconds: integer(command.leaseSeconds, '--lease-seconds'),
    maxRetries: integer(command.retries, '--retries'),
    crawlerOrgs: command.crawlerOrg,
  });
}

/** Add crawl and crawler to the program. */
export function registerCrawlCommands(program: Command): void {
  const crawl = program.command('crawl').description('crawl jobs: create one, follow it');
  crawl
    .command('create')
    .description('create a crawl job that you own; crawlers of the allowed organizations crawl it')
    .argument('<jobId>', 'the job id')
    .requiredOption('--seed <urls...>', 'where to start')
    .option(
      '--host <hosts...>',
      "hosts in scope (default: the seeds' hosts); *.example.com for subdomains",
    )
    .option('--path <prefixes...>', 'path prefixes in scope (default /)')
    .option('--depth <n>', 'links followed from a seed at most (default 3)')
    .option('--media-type <ranges...>', 'media ranges kept, e.g. text/html audio/* (default */*)')
    .option('--max-bytes <n>', 'largest body fetched (default 50 MiB)')
    .option('--max-pages <n>', 'URLs the job admits at most (default 10000)')
    .option('--batch <n>', 'URLs per task (default 10)')
    .option('--delay-ms <n>', 'least time between requests to one host (default 1000)')
    .option('--lease-seconds <n>', 'how long a crawler holds a task without renewing (default 60)')
    .option('--retries <n>', 'retries of a failing URL (default 2)')
    .option('--crawler-org <mspIds...>', 'organizations whose members may crawl (default yours)')
    .action(async (jobId: string, command: CreateOptions) => {
      const options = globals();
      const job = await client(options).json<CrawlJob>(
        'POST',
        '/v1/crawl/jobs',
        jobRequest(jobId, command),
      );
      print(
        options,
        job,
        `crawl job ${job.id} created: ${String(job.seeds.length)} seeds, scope ${job.scope.hosts.join(', ')}`,
      );
    });
  crawl
    .command('status')
    .description("a job's progress")
    .argument('<jobId>', 'the job id')
    .action(async (jobId: string) => {
      const options = globals();
      const progress = await client(options).json<CrawlProgress>(
        'GET',
        `${jobPath(jobId)}/progress`,
      );
      print(options, progress, describeProgress(progress));
    });
  crawl
    .command('data')
    .description('what a job crawled: URL, status, media type, size, asset')
    .argument('<jobId>', 'the job id')
    .action(async (jobId: string) => {
      const options = globals();
      const gateway = client(options);
      const records: CrawledData[] = [];
      let bookmark = '';
      do {
        const page = await gateway.json<{ records: CrawledData[]; bookmark: string }>(
          'GET',
          `${jobPath(jobId)}/data?pageSize=200${bookmark === '' ? '' : `&bookmark=${encodeURIComponent(bookmark)}`}`,
        );
        records.push(...page.records);
        bookmark = page.bookmark;
      } while (bookmark !== '');
      print(
        options,
        records,
        records
          .map(
            (r) =>
              `${r.url}\t${String(r.status)}\t${r.mediaType}\t${String(r.size)}\t${r.assetId}${r.duplicate ? '\t(duplicate)' : ''}${r.transcript === null ? '' : '\ttranscript'}`,
          )
          .join('\n') || '(none)',
      );
    });
  crawl
    .command('cancel')
    .description('stop a job you own')
    .argument('<jobId>', 'the job id')
    .action(async (jobId: string) => {
      const options = globals();
      const job = await client(options).json<CrawlJob>('POST', `${jobPath(jobId)}/cancel`);
      print(options, job, `crawl job ${job.id} ${job.state}`);
    });

  program
    .command('crawler')
    .description(
      'crawl a job until it is done: lease tasks, fetch, store encrypted to the job owner, complete, then force-align WAV audio with its transcript and record the verdict (SIGTERM gives the task back)',
    )
    .requiredOption('--job <jobId>', 'the job to crawl')
    .option('--ca <file>', 'extra CA certificate (PEM) trusted for HTTPS sites')
    .option('--no-align', 'leave crawled audio/transcript pairs unaligned (state crawled)')
    .action(async (command: { job: string; ca?: string; align: boolean }) => {
      const options = globals();
      const stop = new AbortController();
      const onSignal = (): void => {
        process.stderr.write('deuro crawler: stopping (giving the task in hand back)\n');
        stop.abort();
      };
      process.once('SIGTERM', onSignal);
      process.once('SIGINT', onSignal);
      const report = await runCrawler({
        api: newCrawlerGatewayApi(client(options)),
        jobId: command.job,
        signal: stop.signal,
        align: command.align,
        ...(command.ca === undefined ? {} : { ca: readFileSync(command.ca, 'utf8') }),
        log: (line) => {
          if (!options.json) {
            process.stderr.write(`${line}\n`);
          }
        },
      });
      print(
        options,
        report,
        `crawler done: ${String(report.tasksCompleted)} tasks completed, ${String(report.urlsFetched)} URLs fetched, ${String(report.urlsFailed)} failed, ${String(report.tasksReturned)} returned, ${String(report.leasesLost)} leases lost, ${String(report.leaseConflicts)} lease conflicts in ${String(report.leasesTaken + report.leaseConflicts)} attempts, ${String(report.pairsVerified)} audio/transcript pairs verified and ${String(report.pairsRejected)} rejected${report.jobFinished ? '; the job is finished' : ''}`,
      );
    });
}
