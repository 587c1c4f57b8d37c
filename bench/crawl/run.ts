/**
 * bench/crawl: gCrawl's throughput on the ledger against a plain fetch loop over the same local
 * site, in one run. The same numbered pages are crawled by 1, 2 and 4 `deuro crawler` processes
 * (identities of both organizations, through their gateways), each crawl a fresh job; the
 * baselines fetch the same pages with a plain `http.get` loop and with `crawlBatch` (the
 * crawler's own fetching, no ledger). Printed: URLs and tasks per second, the scaling from 1
 * crawler, the ledger's overhead, lease and completion conflicts, and the white paper's figure
 * (one million tasks a day per cluster of twelve machines: 11.6 per second) against both ledger
 * tasks and URLs per second. A ledger task batches `--batch` URLs, so a last crawl with 4
 * crawlers and one URL per task gives the like-for-like figure if a paper task is one URL. See
 * README.md beside this file.
 *
 *   node --import tsx bench/crawl/run.ts [--pages 300] [--batch 10]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { orgNamed } from '../../gateway/src/fabric/network-layout';
import { startCrawlSite } from '../../gateway/src/testing/crawl-site/index';
import { runDeuro, type CliUser } from '../../test/harness/deuro-cli';
import { startTestNetwork, type TestNetwork } from '../../test/harness/test-network';
import { describeLoad, describeMachine } from '../ledger/machine';
import { newProgressLog } from '../ledger/progress-log';
import { formatTable } from '../ledger/text-table';
import { runFetchLoop } from './fetch-loop';
import { crawlWithLedger, type LedgerCrawlFigures } from './ledger-crawl';

const PAPER_TASKS_PER_SECOND = 1_000_000 / 86_400;

function option(argv: readonly string[], name: string, fallback: number): number {
  const at = argv.indexOf(`--${name}`);
  const value = at < 0 ? fallback : Number(argv[at + 1]);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`--${name} must be a whole number of at least 1`);
  }
  return value;
}

function users(network: TestNetwork, work: string): CliUser[] {
  const { layout } = network;
  const keys = (org: string): Record<string, string> =>
    JSON.parse(
      readFileSync(path.join(layout.runDir, `gateway-${org}`, 'dev-api-keys.json'), 'utf8'),
    ) as Record<string, string>;
  return [
    ['org1', 'User1'],
    ['org1', 'User2'],
    ['org2', 'User1'],
    ['org2', 'User2'],
  ].map(([org = '', user = '']) => ({
    gatewayUrl: `http://127.0.0.1:${String(orgNamed(layout, org).gatewayPort)}`,
    apiKey: keys(org)[`${user}@${org}.deuro.local`] ?? '',
    home: path.join(work, `${org}-${user}`),
  }));
}

const COLUMNS = [
  'run',
  'URLs/task',
  'URLs',
  'tasks',
  'seconds',
  'URLs/s',
  'tasks/s',
  'scaling vs 1',
  'overhead vs crawlBatch',
  'lease conflicts',
  'completion conflicts',
  'upload conflicts',
  'step errors',
];

function baselineRow(
  name: string,
  loop: { fetched: number; seconds: number; pagesPerSecond: number },
): string[] {
  const row = [name, '', String(loop.fetched), '', loop.seconds.toFixed(1)];
  return [...row, loop.pagesPerSecond.toFixed(1), ...COLUMNS.slice(row.length + 1).map(() => '')];
}

/** A crawl's row; scaling is against `one` (1 crawler) when the batch size is the same. */
function crawlRow(
  crawl: LedgerCrawlFigures,
  one: LedgerCrawlFigures | undefined,
  crawlBatchPerSecond: number,
): string[] {
  const comparable = one !== undefined && one.batchSize === crawl.batchSize;
  return [
    `${String(crawl.crawlers)} crawler(s) on the ledger`,
    String(crawl.batchSize),
    String(crawl.urls),
    String(crawl.tasks),
    crawl.seconds.toFixed(1),
    crawl.urlsPerSecond.toFixed(1),
    crawl.tasksPerSecond.toFixed(2),
    comparable ? (crawl.urlsPerSecond / one.urlsPerSecond).toFixed(2) : '',
    (crawlBatchPerSecond / crawl.urlsPerSecond).toFixed(1),
    `${String(crawl.leaseConflicts)}/${String(crawl.leaseAttempts)}`,
    `${String(crawl.completionConflicts)}/${String(crawl.completionAttempts)}`,
    String(crawl.uploadConflicts),
    String(crawl.stepErrors),
  ];
}

/** The white paper's tasks per second against ledger tasks and URLs per second. */
function paperComparison(crawls: readonly LedgerCrawlFigures[], batch: number): string[] {
  const times = (perSecond: number): string =>
    `${(perSecond / PAPER_TASKS_PER_SECOND).toFixed(2)}x`;
  const batched = crawls.filter((crawl) => crawl.batchSize === batch);
  const best = batched.reduce<LedgerCrawlFigures | undefined>(
    (top, crawl) => (top === undefined || crawl.urlsPerSecond > top.urlsPerSecond ? crawl : top),
    undefined,
  );
  const single = crawls.find((crawl) => crawl.batchSize === 1 && batch !== 1);
  return [
    `white paper: 1,000,000 crawling tasks a day per 12-machine cluster = ${PAPER_TASKS_PER_SECOND.toFixed(1)} tasks/s`,
    ...(best === undefined
      ? []
      : [
          `best here at ${String(batch)} URLs per ledger task (${String(best.crawlers)} crawlers, one machine): ${best.tasksPerSecond.toFixed(2)} ledger tasks/s = ${times(best.tasksPerSecond)} the paper's tasks/s, carrying ${best.urlsPerSecond.toFixed(1)} URLs/s = ${times(best.urlsPerSecond)} if a paper task is one URL`,
        ]),
    ...(single === undefined
      ? []
      : [
          `one URL per ledger task (${String(single.crawlers)} crawlers), like for like if a paper task is one URL: ${single.tasksPerSecond.toFixed(2)} tasks/s = ${times(single.tasksPerSecond)}`,
        ]),
  ];
}

async function main(argv: readonly string[]): Promise<void> {
  const pages = option(argv, 'pages', 300);
  const batch = option(argv, 'batch', 10);
  const log = newProgressLog();
  process.stdout.write(
    `Deuro crawl benchmark: ledger-backed crawlers against a plain fetch loop\nmachine: ${describeMachine()}; load average at start ${describeLoad()}\n\n`,
  );
  log('starting a test network with its gateways...');
  const network = await startTestNetwork();
  const work = mkdtempSync(path.join(tmpdir(), 'deuro-bench-crawl-'));
  const site = await startCrawlSite({ pages });
  try {
    const people = users(network, work);
    const [owner] = people;
    if (owner === undefined) {
      throw new Error('no users');
    }
    for (const person of people) {
      await runDeuro(person, work, 'keygen');
    }
    await network.settle();
    const urls = Array.from(
      { length: pages },
      (_, i) => new URL(`/pages/${String(i)}.html`, site.url).href,
    );
    log(
      `baselines: ${String(pages)} pages with a plain loop and with crawlBatch (concurrency 8)...`,
    );
    const plain = await runFetchLoop({ mode: 'plain', siteUrl: site.url, pages, concurrency: 8 });
    const batchOnly = await runFetchLoop({
      mode: 'crawler',
      siteUrl: site.url,
      pages,
      concurrency: 8,
    });
    const crawls: LedgerCrawlFigures[] = [];
    for (const [count, size] of [
      [1, batch],
      [2, batch],
      [4, batch],
      [4, 1],
    ] as const) {
      log(
        `${String(pages)} pages with ${String(count)} crawler(s), ${String(size)} URLs per task...`,
      );
      crawls.push(
        await crawlWithLedger(owner, people.slice(0, count), urls, size, ['Org1MSP', 'Org2MSP']),
      );
    }
    const rows = [
      baselineRow('plain http.get loop (no ledger)', plain),
      baselineRow('crawlBatch, temp files (no ledger)', batchOnly),
      ...crawls.map((crawl) => crawlRow(crawl, crawls[0], batchOnly.pagesPerSecond)),
    ];
    process.stdout.write(
      `\n${[...formatTable(COLUMNS, rows), '', ...paperComparison(crawls, batch)].join('\n')}\n`,
    );
  } finally {
    await site.close();
    rmSync(work, { recursive: true, force: true });
    log('tearing the network down...');
    await network.teardown();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
