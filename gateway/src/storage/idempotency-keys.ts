/*
 * Idempotency keys for uploads: a client that did not hear back from an upload sends it again
 * with the same `Idempotency-Key`, and the asset is registered once. Each (caller, key) maps to
 * the fingerprint of the request (asset id, kind, media type, recipients, metadata) and the asset
 * it registered, one JSON file per key, kept for a day. A key reused for a different request is
 * refused; one whose first request is still running answers "in progress".
 *
 * A process that stops between the ledger commit and writing the record leaves a pending record:
 * the retry finds the asset on the ledger (the asset id is in the fingerprint), owned by the
 * caller, and answers with it.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

import { writeFileAtomic } from '../wallet/atomic-file';

/** What an idempotency record holds. */
export interface IdempotencyRecord {
  readonly requestSha256: string;
  readonly assetId: string;
  readonly state: 'pending' | 'done';
}

/** The idempotency records of one gateway. */
export interface IdempotencyKeys {
  /** The record of a caller's key, if any. */
  get(label: string, key: string): Promise<IdempotencyRecord | undefined>;
  put(label: string, key: string, record: IdempotencyRecord): Promise<void>;
  delete(label: string, key: string): Promise<void>;
  /** Whether this process is running the first request of the key now. */
  isRunning(label: string, key: string): boolean;
  /** Mark the key as running in this process until `done` is called. */
  start(label: string, key: string): () => void;
  /** Remove records older than `maxAgeMs`. @returns How many. */
  expire(maxAgeMs: number): Promise<number>;
}

/** The canonical fingerprint of an upload request. */
export function uploadFingerprint(request: {
  readonly id: string;
  readonly kind: string;
  readonly mediaType: string;
  readonly recipients: readonly string[];
  readonly metadata: Readonly<Record<string, string>>;
  readonly parents?: readonly string[];
}): string {
  const parents = request.parents ?? [];
  const metadata = Object.fromEntries(
    Object.entries(request.metadata).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  return createHash('sha256')
    .update(
      JSON.stringify([
        request.id,
        request.kind,
        request.mediaType,
        [...request.recipients].sort(),
        metadata,
        // Absent when empty, so uploads without lineage keep the fingerprints they had.
        ...(parents.length === 0 ? [] : [[...parents].sort()]),
      ]),
    )
    .digest('hex');
}

/** Records in a directory. */
export function newIdempotencyKeys(options: { readonly directory: string }): IdempotencyKeys {
  const running = new Set<string>();
  const nameOf = (label: string, key: string): string =>
    createHash('sha256').update(`${label}\n${key}`).digest('hex');
  const fileOf = (label: string, key: string): string =>
    join(options.directory, `${nameOf(label, key)}.json`);
  return {
    async get(label, key) {
      try {
        return JSON.parse(await readFile(fileOf(label, key), 'utf8')) as IdempotencyRecord;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          return undefined;
        }
        throw error;
      }
    },
    async put(label, key, record) {
      await mkdir(options.directory, { recursive: true, mode: 0o700 });
      await writeFileAtomic(fileOf(label, key), JSON.stringify(record), 0o600);
    },
    async delete(label, key) {
      await rm(fileOf(label, key), { force: true });
    },
    isRunning(label, key) {
      return running.has(nameOf(label, key));
    },
    start(label, key) {
      const name = nameOf(label, key);
      running.add(name);
      return () => running.delete(name);
    },
    async expire(maxAgeMs) {
      let names: string[];
      try {
        names = await readdir(options.directory);
      } catch {
        return 0;
      }
      let removed = 0;
      for (const name of names) {
        const file = join(options.directory, name);
        const info = await stat(file).catch(() => undefined);
        if (info !== undefined && Date.now() - info.mtimeMs > maxAgeMs) {
          await rm(file, { force: true });
          removed++;
        }
      }
      return removed;
    },
  };
}
