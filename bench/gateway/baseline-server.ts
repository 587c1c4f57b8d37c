/**
 * The baseline: a plain HTTP server that streams each upload to a file, hashing it, fsyncs and
 * renames it into place, and answers 201 - what storing an upload costs with no encryption and
 * no ledger. Deuro's figures are reported against it.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** A running baseline server. */
export interface BaselineServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Start the baseline server on an ephemeral loopback port. */
export async function startBaselineServer(): Promise<BaselineServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'deuro-bench-baseline-'));
  const server: Server = createServer((req, res) => {
    const hash = createHash('sha256');
    const part = path.join(dir, `${randomUUID()}.part`);
    const hashing = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        hash.update(chunk);
        callback(null, chunk);
      },
    });
    pipeline(req, hashing, createWriteStream(part))
      .then(async () => {
        const file = await open(part, 'r');
        await file.sync();
        await file.close();
        const sha256 = hash.digest('hex');
        await rename(part, path.join(dir, sha256));
        res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ sha256 }));
      })
      .catch(() => {
        res.writeHead(500).end();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}
