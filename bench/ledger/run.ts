/**
 * bench/ledger: committed transactions per second and p50/p95/p99 latency of
 * asset registration (assets:RegisterAsset) through @hyperledger/fabric-gateway,
 * against a plain key/value write (system:PutValue) of the same size, on one
 * SmartBFT test network in one run. See README.md beside this file.
 *
 *   node --import tsx bench/ledger/run.ts [--concurrency 8] [--transactions 400]
 *     [--warmup 40] [--rounds 2] [--baseline-only]
 */
import { startTestNetwork, type TestNetwork } from '../../test/harness/test-network';
import { newEncryptionPublicKey } from './encryption-key';
import { newRunId } from './item-id';
import { runLedgerBench } from './ledger-bench';
import { describeLoad, describeMachine } from './machine';
import { parseBenchOptions, usage, wantsHelp, type BenchOptions } from './options';
import { newProgressLog, type ProgressLog } from './progress-log';
import { formatReport } from './report';
import { selectWorkloads } from './select-workloads';

const GATEWAY_PEER = 'peer0.org1';

async function main(argv: readonly string[]): Promise<void> {
  if (wantsHelp(argv)) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const options = parseBenchOptions(argv, process.env);
  const log = newProgressLog();
  printLines(header(options));
  log('starting a test network (SmartBFT, 4 orderers, 2 orgs x 2 peers, chaincode deployed)...');
  const network = await startTestNetwork();
  const removeSignalHandlers = tearDownOnSignal(network);
  try {
    log(`network up: ${network.layout.runDir}, port base ${String(network.layout.portBase)}`);
    await measure(network, options, log);
  } finally {
    log('tearing the network down...');
    await network.teardown();
    removeSignalHandlers();
    log('done');
  }
}

async function measure(
  network: TestNetwork,
  options: BenchOptions,
  log: ProgressLog,
): Promise<void> {
  const connection = network.connect(GATEWAY_PEER);
  try {
    const workloads = await selectWorkloads({
      connection,
      chaincode: network.layout.chaincode,
      runId: newRunId(),
      encryptionKey: newEncryptionPublicKey(),
      baselineOnly: options.baselineOnly,
      log,
    });
    const summaries = await runLedgerBench({ ...options, workloads, log });
    printLines([
      '',
      `results: ${String(options.concurrency)} in flight through ${GATEWAY_PEER} as Org1 User1, ` +
        `${String(options.transactions)} tx per workload over ${plural(options.rounds, 'round')} ` +
        `(workloads alternating) after ${String(options.warmup)} warm-up; latency = submit to commit`,
      '',
      ...formatReport(summaries),
      '',
    ]);
  } finally {
    connection.close();
  }
}

function header(options: BenchOptions): string[] {
  return [
    'Deuro ledger benchmark: RegisterAsset vs PutValue of the same size (Fabric 3.1, SmartBFT)',
    `machine: ${describeMachine()}; load average at start ${describeLoad()}`,
    `options: concurrency ${String(options.concurrency)}, transactions ${String(options.transactions)} per workload, ` +
      `rounds ${String(options.rounds)}, warm-up ${String(options.warmup)}${options.baselineOnly ? ', baseline only' : ''}`,
    '',
  ];
}

function plural(count: number, noun: string): string {
  return `${String(count)} ${noun}${count === 1 ? '' : 's'}`;
}

function printLines(lines: readonly string[]): void {
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** Stops the network's processes (they run in their own sessions) when the run is interrupted. */
function tearDownOnSignal(network: TestNetwork): () => void {
  const onSignal = (signal: NodeJS.Signals): void => {
    process.stderr.write(`\n${signal}: tearing the network down...\n`);
    void network.teardown().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
