/**
 * bench/crawl: gCrawl's throughput on the ledger against a plain fetch loop over the same local
 * site, in one run. The same numbered pages are crawled by 1, 2 and 4 `deuro crawler` processes
 * (identities of both organizations, through their gateways), each crawl a fresh job; the
 * baselines fetch the same pages with a plain `http.get` loop and with `crawlBatch` (the
 * crawler's own fetching, no ledger). Printed: URLs and tasks per second, the scaling from 1
 * crawler, the ledger's overhead, and the white paper's figure (one million tasks a day per
 * cluster of twelve machines: 11.6 per second). See README.md beside this file.
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
    for (const count of [1, 2, 4]) {
      log(
        `${String(pages)} pages with ${String(count)} crawler(s), ${String(batch)} URLs per task...`,
      );
      crawls.push(
        await crawlWithLedger(owner, people.slice(0, count), urls, batch, ['Org1MSP', 'Org2MSP']),
      );
    }
    const one = crawls[0]?.urlsPerSecond ?? Number.NaN;
    const rows = [
      [
        'plain http.get loop (no ledger)',
        String(plain.fetched),
        '',
        plain.seconds.toFixed(1),
        plain.pagesPerSecond.toFixed(1),
        '',
        '',
        '',
      ],
      [
        'crawlBatch, temp files (no ledger)',
        String(batchOnly.fetched),
        '',
        batchOnly.seconds.toFixed(1),
        batchOnly.pagesPerSecond.toFixed(1),
        '',
        '',
        '',
      ],
      ...crawls.map((crawl) => [
        `${String(crawl.crawlers)} crawler(s) on the ledger`,
        String(crawl.urls),
        String(crawl.tasks),
        crawl.seconds.toFixed(1),
        crawl.urlsPerSecond.toFixed(1),
        crawl.tasksPerSecond.toFixed(2),
        (crawl.urlsPerSecond / one).toFixed(2),
        (batchOnly.pagesPerSecond / crawl.urlsPerSecond).toFixed(1),
        `${String(crawl.leaseConflicts)}/${String(crawl.leaseAttempts)}`,
      ]),
    ];
    const best = Math.max(...crawls.map((crawl) => crawl.urlsPerSecond));
    process.stdout.write(
      `\n${[
        ...formatTable(
          [
            'run',
            'URLs',
            'tasks',
            'seconds',
            'URLs/s',
            'tasks/s',
            'scaling vs 1',
            'overhead vs crawlBatch',
            'lease conflicts',
          ],
          rows,
        ),
        '',
        `white paper: 1,000,000 crawling tasks a day per 12-machine cluster = ${PAPER_TASKS_PER_SECOND.toFixed(1)}/s; best here ${best.toFixed(1)} URLs/s on one machine = ${(best / PAPER_TASKS_PER_SECOND).toFixed(2)}x (${String(batch)} URLs per ledger task)`,
      ].join('\n')}\n`,
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
