/*
 * Downloading an asset as its reader: the envelope streams from the gateway, its SHA-256 is
 * checked against the ledger's as it passes, and it is decrypted here with the reader's private
 * key (<DEURO_HOME>/keys). A mismatch or a failed decryption is an integrity error (exit 4).
 */
import { createHash } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { decryptEnvelope } from '../crypto/index';
import { hashingStream } from '../storage/hashing-stream';
import { CliError, exitCodes } from './cli-error';
import type { GatewayClient } from './gateway-client';
import { loadKeys } from './key-files';
import { progressMeter } from './progress';

interface AssetSize {
  readonly size: number;
  readonly ciphertextSha256: string;
}

/**
 * Stream asset `id`'s plaintext into `sink`.
 * @returns The ledger's ciphertext hash, which the download matched.
 * @throws CliError exit 4 on a hash mismatch or when it cannot be decrypted.
 */
export async function downloadDecrypted(
  gateway: GatewayClient,
  home: string,
  id: string,
  sink: Writable,
  progressLabel?: string,
): Promise<string> {
  const asset = await gateway.json<AssetSize>('GET', `/v1/assets/${encodeURIComponent(id)}`);
  const [privateKey] = loadKeys(home);
  if (privateKey === undefined) {
    throw new CliError('no local encryption key: run deuro keygen', exitCodes.usage);
  }
  const response = await gateway.request('GET', `/v1/assets/${encodeURIComponent(id)}/ciphertext`);
  if (response.body === null) {
    throw new CliError('the gateway sent no content', exitCodes.unavailable);
  }
  const hash = createHash('sha256');
  const hashing = hashingStream(hash);
  const source = Readable.fromWeb(response.body);
  const meter = progressLabel === undefined ? [] : [progressMeter(progressLabel, asset.size)];
  // A download cut short (the gateway stops one whose stored bytes fail their hash) fails the
  // decryption below through `hashing`, never as an unhandled stream error.
  const feeding = pipeline([source, ...meter, hashing]).catch(() => undefined);
  try {
    await pipeline(Readable.from(decryptEnvelope(hashing, privateKey)), sink);
    await feeding;
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new CliError(
      `cannot decrypt ${id}: ${error instanceof Error ? error.message : String(error)}`,
      exitCodes.integrity,
      code,
    );
  }
  const actual = hash.digest('hex');
  if (actual !== asset.ciphertextSha256) {
    throw new CliError(
      `the download hashes to ${actual}, not to the ledger's ${asset.ciphertextSha256}`,
      exitCodes.integrity,
    );
  }
  return actual;
}

/** Asset `id`'s plaintext in memory (for small assets: data sets, checkpoints). */
export async function downloadDecryptedBytes(
  gateway: GatewayClient,
  home: string,
  id: string,
): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  await downloadDecrypted(
    gateway,
    home,
    id,
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        callback();
      },
    }),
  );
  return Buffer.concat(chunks);
}
