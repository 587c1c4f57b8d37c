/**
 * One timed encryption of the input file to the same three recipients by each encryptor:
 * Deuro's streaming CMS encryptor (file in, envelope file out, 1 MiB reads), and the reference
 * `openssl cms -encrypt -stream` with the same algorithms (AES-256-GCM AuthEnvelopedData,
 * RSA-OAEP SHA-256, ECDH). `-stream` is openssl's fast path: without it openssl gathers the
 * whole input in memory first and is several times slower, which would flatter the ratio.
 * Both write their envelope to a file in the same directory.
 */

import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { newCmsEncryptor } from '../../gateway/src/crypto';
import type { TestRecipient } from '../../gateway/src/testing/test-recipients';

const READ_CHUNK = 1024 * 1024;

/** Seconds of wall time the Deuro encryptor takes for `inputPath`. */
export async function timeDeuroEncryption(
  inputPath: string,
  outputPath: string,
  recipients: readonly TestRecipient[],
): Promise<number> {
  const started = process.hrtime.bigint();
  await pipeline(
    createReadStream(inputPath, { highWaterMark: READ_CHUNK }),
    newCmsEncryptor({
      recipients: recipients.map((r) => ({
        publicKey: r.publicKeyPem,
        fingerprint: r.fingerprint,
      })),
    }),
    createWriteStream(outputPath),
  );
  return secondsSince(started);
}

/** The openssl command line of the baseline, for the report and the README. */
export function opensslEncryptArgs(
  inputPath: string,
  outputPath: string,
  recipients: readonly TestRecipient[],
): string[] {
  const recipientArgs = recipients.flatMap((r) =>
    r.kind === 'rsa'
      ? [
          '-recip',
          r.certPath,
          '-keyopt',
          'rsa_padding_mode:oaep',
          '-keyopt',
          'rsa_oaep_md:sha256',
          '-keyopt',
          'rsa_mgf1_md:sha256',
        ]
      : ['-recip', r.certPath],
  );
  return [
    'cms',
    '-encrypt',
    '-binary',
    '-stream',
    '-aes-256-gcm',
    '-outform',
    'DER',
    '-in',
    inputPath,
    '-out',
    outputPath,
    ...recipientArgs,
  ];
}

/**
 * Seconds of wall time `openssl cms -encrypt` takes for `inputPath`.
 * @throws Error with openssl's stderr when it fails.
 */
export async function timeOpensslEncryption(
  inputPath: string,
  outputPath: string,
  recipients: readonly TestRecipient[],
): Promise<number> {
  const started = process.hrtime.bigint();
  await run('openssl', opensslEncryptArgs(inputPath, outputPath, recipients));
  return secondsSince(started);
}

/** Run a command to completion, rejecting with its stderr when it fails. */
export function run(command: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) {
        resolve();
      } else {
        reject(new Error(`${command} exited with ${String(code)}: ${stderr.trim()}`));
      }
    });
  });
}

function secondsSince(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}
