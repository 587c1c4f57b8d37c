/*
 * Uploads stored but not yet known to be on the ledger. A record is written before the
 * registering transaction is submitted and removed once the ledger answered either way; what a
 * crash (or a commit whose outcome never came back) leaves is reconciled against the ledger: an
 * envelope the ledger does not hold is removed, so no ciphertext outlives a registration that
 * never happened, and none is removed under an asset that did commit.
 */
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

import type { BlobStore } from '../store/blob-store';
import { writeFileAtomic } from '../wallet/atomic-file';
import { removeStoredUpload } from './encrypted-upload';
import type { EnvelopeIndex } from './envelope-index';

/** One upload awaiting its ledger outcome. */
export interface PendingRegistration {
  readonly assetId: string;
  /** The wallet label of the identity that registers it (it may read its own asset). */
  readonly label: string;
  readonly envelopeSha256: string;
  readonly bulkSha256: string;
}

/** The records. */
export interface PendingRegistrations {
  add(pending: PendingRegistration): Promise<void>;
  remove(envelopeSha256: string): Promise<void>;
  list(): Promise<PendingRegistration[]>;
}

const RECORD = /^[0-9a-f]{64}\.json$/;

/** Records as JSON files in a directory, written durably. */
export function newPendingRegistrations(options: {
  readonly directory: string;
}): PendingRegistrations {
  const fileOf = (envelopeSha256: string): string =>
    join(options.directory, `${envelopeSha256}.json`);
  return {
    async add(pending) {
      await mkdir(options.directory, { recursive: true, mode: 0o700 });
      await writeFileAtomic(fileOf(pending.envelopeSha256), JSON.stringify(pending), 0o600);
    },
    async remove(envelopeSha256) {
      await rm(fileOf(envelopeSha256), { force: true });
    },
    async list() {
      const names = await readdir(options.directory).catch((error: unknown) => {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      });
      const records: PendingRegistration[] = [];
      for (const name of names.filter((file) => RECORD.test(file))) {
        records.push(
          JSON.parse(await readFile(join(options.directory, name), 'utf8')) as PendingRegistration,
        );
      }
      return records;
    },
  };
}

/** What reconciliation did. */
export interface ReconcileOutcome {
  /** Registered on the ledger: the envelope stays. */
  readonly confirmed: number;
  /** Not on the ledger: envelope and bulk removed. */
  readonly removed: number;
  /** The ledger could not say: left for the next run. */
  readonly undecided: number;
}

/** Options of {@link reconcilePendingRegistrations}. */
export interface ReconcileOptions {
  readonly pending: PendingRegistrations;
  readonly index: EnvelopeIndex;
  readonly store: BlobStore;
  /**
   * The ciphertext hash the ledger records for the asset, as the registering identity reads it;
   * undefined when there is no such asset. Throws when the ledger cannot answer.
   */
  readonly ledgerCiphertextOf: (pending: PendingRegistration) => Promise<string | undefined>;
}

/** Settles every pending record against the ledger. */
export async function reconcilePendingRegistrations(
  options: ReconcileOptions,
): Promise<ReconcileOutcome> {
  let confirmed = 0;
  let removed = 0;
  let undecided = 0;
  for (const pending of await options.pending.list()) {
    let onLedger: string | undefined;
    try {
      onLedger = await options.ledgerCiphertextOf(pending);
    } catch {
      undecided++;
      continue;
    }
    if (onLedger === pending.envelopeSha256) {
      confirmed++;
    } else {
      await removeStoredUpload(options, pending);
      removed++;
    }
    await options.pending.remove(pending.envelopeSha256);
  }
  return { confirmed, removed, undecided };
}
