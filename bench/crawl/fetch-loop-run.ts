/**
 * bench/crawl, the no-ledger baseline on its own: pages per second of a plain fetch loop and
 * of `crawlBatch` over the local crawl test site. See fetch-loop.ts and docs/gcrawl-crawler.md.
 *
 *   node --import tsx bench/crawl/fetch-loop-run.ts [--pages 2000] [--concurrency 8] [--rounds 3]
 */
import { describeLoad, describeMachine } from '../ledger/machine';
import { measureFetchLoops } from './fetch-loop';
import { formatFetchLoops, parseFetchLoopArgs } from './fetch-loop-report';

async function main(argv: readonly string[]): Promise<void> {
  const options = parseFetchLoopArgs(argv);
  process.stdout.write(
    `bench/crawl fetch loop (no ledger) on ${describeMachine()}, load ${describeLoad()}\n`,
  );
  const figures = await measureFetchLoops(options);
  process.stdout.write(`${formatFetchLoops(figures).join('\n')}\n`);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
