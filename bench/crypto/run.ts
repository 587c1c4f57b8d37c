/**
 * bench/crypto: throughput of Deuro's streaming CMS encryptor to three recipients (1 RSA-3072,
 * 2 P-256) against `openssl cms -encrypt` with the same algorithms on the same file in the same
 * run, and the resident memory of a 1 GiB stream through the encryptor. See README.md beside
 * this file.
 *
 *   node --import tsx bench/crypto/run.ts [--size-mib 256] [--rounds 3] [--stream-mib 1024]
 */

import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { newTestRecipient, type TestRecipient } from '../../gateway/src/testing/test-recipients';
import { describeLoad, describeMachine } from '../ledger/machine';
import { run, timeDeuroEncryption, timeOpensslEncryption } from './encrypt-runs';
import { writeInputFile } from './input-file';
import { parseCryptoBenchOptions, usage, wantsHelp, type CryptoBenchOptions } from './options';
import { formatMemory, formatThroughput, type MemoryFigures } from './report';

async function main(argv: readonly string[]): Promise<void> {
  if (wantsHelp(argv)) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const options = parseCryptoBenchOptions(argv, process.env);
  const dir = await mkdtemp(join(tmpdir(), 'deuro-bench-crypto-'));
  try {
    printLines(header(options));
    await measureThroughput(dir, options);
    if (options.streamMib > 0) {
      printLines(['', ...formatMemory(await measureMemory(options.streamMib))]);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function measureThroughput(dir: string, options: CryptoBenchOptions): Promise<void> {
  const recipients = [
    newTestRecipient(dir, 'rsa', 'rsa'),
    newTestRecipient(dir, 'ec1', 'ec'),
    newTestRecipient(dir, 'ec2', 'ec'),
  ];
  const input = join(dir, 'input.bin');
  await writeInputFile(input, options.sizeMib);
  const deuroOut = join(dir, 'deuro.der');
  const opensslOut = join(dir, 'openssl.der');
  const deuroSeconds: number[] = [];
  const opensslSeconds: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    deuroSeconds.push(await timeDeuroEncryption(input, deuroOut, recipients));
    opensslSeconds.push(await timeOpensslEncryption(input, opensslOut, recipients));
  }
  await verifyWithOpenssl(dir, input, deuroOut, recipients[0]);
  printLines([
    `input ${String(options.sizeMib)} MiB file, recipients 1 RSA-3072 + 2 P-256, ` +
      `${String(options.rounds)} alternating runs each, median reported`,
    `check: openssl cms -decrypt of Deuro's last envelope (RSA recipient) matches the input`,
    '',
    ...formatThroughput({ sizeMib: options.sizeMib, deuroSeconds, opensslSeconds }),
  ]);
}

async function verifyWithOpenssl(
  dir: string,
  input: string,
  envelope: string,
  recipient: TestRecipient | undefined,
): Promise<void> {
  if (recipient === undefined) {
    throw new Error('no recipient to verify with');
  }
  const decrypted = join(dir, 'decrypted.bin');
  await run('openssl', [
    'cms',
    '-decrypt',
    '-inform',
    'DER',
    '-in',
    envelope,
    '-inkey',
    recipient.privateKeyPath,
    '-out',
    decrypted,
  ]);
  if ((await sha256Of(decrypted)) !== (await sha256Of(input))) {
    throw new Error('openssl decrypted something else than the input');
  }
  await rm(decrypted);
}

async function measureMemory(streamMib: number): Promise<MemoryFigures> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', join(__dirname, 'stream-memory.ts'), String(streamMib)],
    { maxBuffer: 1024 * 1024 },
  );
  return JSON.parse(stdout) as MemoryFigures;
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}

function header(options: CryptoBenchOptions): string[] {
  return [
    'Deuro crypto benchmark: CMS AuthEnvelopedData (AES-256-GCM) encryption vs openssl cms -encrypt',
    `machine: ${describeMachine()}; load average at start ${describeLoad()}`,
    `options: size ${String(options.sizeMib)} MiB, rounds ${String(options.rounds)}, ` +
      `stream ${String(options.streamMib)} MiB`,
    '',
  ];
}

function printLines(lines: readonly string[]): void {
  process.stdout.write(`${lines.join('\n')}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
