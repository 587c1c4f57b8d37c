/**
 * bench/gateway: uploads per second and p50/p95/p99 latency of `POST /v1/assets` (encrypted to
 * the caller as it streams, stored, registered on the ledger) for 64 KiB and 16 MiB files with
 * concurrent clients, against a plain HTTP server that streams the same uploads to disk (the
 * baseline, same run); then the gateway process's resident memory while a 1 GiB file goes up and
 * comes back down. See README.md beside this file.
 *
 *   node --import tsx bench/gateway/run.ts [--small 200] [--large 16] [--concurrency 32] [--no-gib]
 */
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';

import { orgNamed } from '../../gateway/src/fabric/network-layout';
import { startTestNetwork, type TestNetwork } from '../../test/harness/test-network';
import { latencyPercentiles } from '../ledger/latency-stats';
import { describeLoad, describeMachine } from '../ledger/machine';
import { newProgressLog, type ProgressLog } from '../ledger/progress-log';
import { formatTable } from '../ledger/text-table';
import { startBaselineServer } from './baseline-server';
import { sampleResidentMemory } from './rss-sampler';
import { runUploadLoad, type LoadResult } from './upload-load';

interface Options {
  readonly small: number;
  readonly large: number;
  readonly concurrency: number;
  readonly gib: boolean;
}

const KIB = 1024;
const MIB = 1024 * KIB;

function parseOptions(argv: readonly string[]): Options {
  const value = (name: string, fallback: number): number => {
    const at = argv.indexOf(`--${name}`);
    const number = at < 0 ? fallback : Number(argv[at + 1]);
    if (!Number.isInteger(number) || number < 1) {
      throw new Error(`--${name} must be a whole number of at least 1`);
    }
    return number;
  };
  return {
    small: value('small', 200),
    large: value('large', 16),
    concurrency: value('concurrency', 32),
    gib: !argv.includes('--no-gib'),
  };
}

interface Target {
  readonly url: string;
  readonly headers: Record<string, string>;
}

function uploader(
  target: Target,
  body: Buffer,
  prefix: string,
): (index: number) => Promise<number> {
  return async (index) => {
    const query = new URLSearchParams({
      id: `${prefix}-${String(index)}`,
      kind: 'training-set',
      mediaType: 'application/octet-stream',
    });
    const response = await fetch(`${target.url}?${query.toString()}`, {
      method: 'POST',
      body,
      headers: { ...target.headers, 'content-type': 'application/octet-stream' },
    });
    await response.arrayBuffer();
    return response.status;
  };
}

function row(name: string, size: number, load: LoadResult): string[] {
  const ok = load.timings.filter((timing) => timing.ok);
  const { p50, p95, p99 } = latencyPercentiles(ok.map((timing) => timing.ms));
  const perSecond = ok.length / (load.wallMs / 1000);
  return [
    name,
    String(ok.length),
    String(load.timings.length - ok.length),
    perSecond.toFixed(1),
    ((perSecond * size) / MIB).toFixed(1),
    p50.toFixed(0),
    p95.toFixed(0),
    p99.toFixed(0),
  ];
}

async function measureUploads(
  network: TestNetwork,
  options: Options,
  log: ProgressLog,
): Promise<string[]> {
  const org1 = orgNamed(network.layout, 'org1');
  const apiKeys = JSON.parse(
    readFileSync(path.join(network.layout.runDir, 'gateway-org1', 'dev-api-keys.json'), 'utf8'),
  ) as Record<string, string>;
  const headers = { authorization: `Bearer ${apiKeys['User1@org1.deuro.local'] ?? ''}` };
  const gatewayUrl = `http://127.0.0.1:${String(org1.gatewayPort)}`;
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const registered = await fetch(`${gatewayUrl}/v1/me/encryption-key`, {
    method: 'PUT',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) }),
  });
  if (!registered.ok) {
    throw new Error(`registering the encryption key failed: ${await registered.text()}`);
  }
  const baseline = await startBaselineServer();
  const deuro: Target = { url: `${gatewayUrl}/v1/assets`, headers };
  const plain: Target = { url: baseline.url, headers: {} };
  const runId = randomUUID().slice(0, 8);
  const rows: string[][] = [];
  try {
    for (const [size, count, concurrency] of [
      [64 * KIB, options.small, options.concurrency],
      [16 * MIB, options.large, Math.min(4, options.concurrency)],
    ] as const) {
      const body = randomBytes(size);
      const label = size >= MIB ? `${String(size / MIB)} MiB` : `${String(size / KIB)} KiB`;
      log(
        `${label}: ${String(count)} uploads, ${String(concurrency)} clients, baseline then Deuro...`,
      );
      await runUploadLoad(
        Math.min(count, 2 * concurrency),
        concurrency,
        uploader(deuro, body, `warm-${runId}-${String(size)}`),
      );
      const base = await runUploadLoad(count, concurrency, uploader(plain, body, 'base'));
      const measured = await runUploadLoad(
        count,
        concurrency,
        uploader(deuro, body, `bench-${runId}-${String(size)}`),
      );
      const baseRow = row(`baseline ${label} (disk, no crypto, no ledger)`, size, base);
      const deuroRow = row(`Deuro ${label} (CMS + store + RegisterAsset)`, size, measured);
      rows.push(baseRow, deuroRow, [
        `  ratio Deuro/baseline uploads/s`,
        '',
        '',
        (Number(deuroRow[3]) / Number(baseRow[3])).toFixed(2),
        '',
        '',
        '',
        '',
      ]);
    }
  } finally {
    await baseline.close();
  }
  return [
    `uploads as Org1 User1 through gateway.org1 (one gateway process, its peer, SmartBFT ordering); concurrency ${String(options.concurrency)} for 64 KiB, ${String(Math.min(4, options.concurrency))} for 16 MiB`,
    '',
    ...formatTable(
      ['workload', 'ok', 'failed', 'uploads/s', 'MiB/s', 'p50 ms', 'p95 ms', 'p99 ms'],
      rows,
    ),
  ];
}

function* gibibyte(): Generator<Buffer> {
  const block = randomBytes(MIB);
  for (let index = 0; index < 1024; index++) {
    yield block;
  }
}

async function measureGibMemory(network: TestNetwork, log: ProgressLog): Promise<string[]> {
  const org1 = orgNamed(network.layout, 'org1');
  const apiKeys = JSON.parse(
    readFileSync(path.join(network.layout.runDir, 'gateway-org1', 'dev-api-keys.json'), 'utf8'),
  ) as Record<string, string>;
  const headers = { authorization: `Bearer ${apiKeys['User1@org1.deuro.local'] ?? ''}` };
  const gatewayUrl = `http://127.0.0.1:${String(org1.gatewayPort)}`;
  const pid = Number(
    readFileSync(path.join(network.layout.runDir, 'pids', 'gateway.org1.pid'), 'utf8'),
  );
  const id = `gib-${randomUUID().slice(0, 8)}`;
  log('1 GiB upload through the gateway process, sampling its resident memory...');
  const up = await sampleResidentMemory(pid, async () => {
    const started = performance.now();
    const response = await fetch(
      `${gatewayUrl}/v1/assets?id=${id}&kind=training-set&mediaType=application/octet-stream`,
      {
        method: 'POST',
        body: Readable.toWeb(Readable.from(gibibyte())),
        duplex: 'half',
        headers: { ...headers, 'content-type': 'application/octet-stream' },
      },
    );
    if (response.status !== 201) {
      throw new Error(`the 1 GiB upload failed: ${await response.text()}`);
    }
    return performance.now() - started;
  });
  log('1 GiB download of its envelope, sampling again...');
  const down = await sampleResidentMemory(pid, async () => {
    const started = performance.now();
    const response = await fetch(`${gatewayUrl}/v1/assets/${id}/ciphertext`, { headers });
    let bytes = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
    }
    if (bytes < 1024 * MIB) {
      throw new Error(`the download stopped after ${String(bytes)} bytes`);
    }
    return performance.now() - started;
  });
  const mib = (bytes: number): string => (bytes / MIB).toFixed(1);
  return [
    'gateway.org1 resident memory (VmRSS) with 1 GiB through it (goal: growth < 100 MiB):',
    '',
    ...formatTable(
      ['transfer', 'seconds', 'MiB/s', 'RSS before MiB', 'RSS peak MiB', 'growth MiB'],
      [
        [
          'upload 1 GiB',
          (up.result / 1000).toFixed(1),
          (1024 / (up.result / 1000)).toFixed(1),
          mib(up.beforeBytes),
          mib(up.peakBytes),
          mib(up.peakBytes - up.beforeBytes),
        ],
        [
          'download 1 GiB',
          (down.result / 1000).toFixed(1),
          (1024 / (down.result / 1000)).toFixed(1),
          mib(down.beforeBytes),
          mib(down.peakBytes),
          mib(down.peakBytes - down.beforeBytes),
        ],
      ],
    ),
  ];
}

async function main(argv: readonly string[]): Promise<void> {
  const options = parseOptions(argv);
  const log = newProgressLog();
  process.stdout.write(
    `Deuro gateway benchmark: uploads against a plain disk-writing HTTP server, and memory for 1 GiB\nmachine: ${describeMachine()}; load average at start ${describeLoad()}\n\n`,
  );
  log('starting a test network with its gateways (SmartBFT, 4 orderers, 2 orgs x 2 peers)...');
  const network = await startTestNetwork();
  try {
    const lines = await measureUploads(network, options, log);
    const memory = options.gib ? await measureGibMemory(network, log) : [];
    process.stdout.write(`\n${[...lines, '', ...memory].join('\n')}\n`);
  } finally {
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
