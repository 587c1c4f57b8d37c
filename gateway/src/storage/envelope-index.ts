/*
 * Where an envelope's parts are. The blob store holds the bulk ciphertext once (content-addressed);
 * an envelope version is its small header and trailer plus a reference to the bulk, so granting a
 * reader rewrites the header only (docs/crypto.md). The index maps the envelope's SHA-256 (the
 * asset's `ciphertextSha256` on the ledger) to its parts, one JSON file per envelope, written
 * atomically.
 */
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

import { writeFileAtomic } from '../wallet/atomic-file';

/** The parts of one envelope version. */
export interface EnvelopeManifest {
  /** SHA-256 of header + bulk + trailer: what the ledger records. */
  readonly envelopeSha256: string;
  /** Total length of the envelope in bytes. */
  readonly size: number;
  /** DER of the header (base64). */
  readonly header: string;
  /** DER of the trailer (base64). */
  readonly trailer: string;
  /** The blob holding the encrypted content. */
  readonly bulkSha256: string;
  readonly bulkSize: number;
}

/** The envelope index. */
export interface EnvelopeIndex {
  put(manifest: EnvelopeManifest): Promise<void>;
  /** @returns undefined when no envelope has that hash. */
  get(envelopeSha256: string): Promise<EnvelopeManifest | undefined>;
  delete(envelopeSha256: string): Promise<void>;
  /**
   * Remove every envelope version over one bulk ciphertext (their headers hold wrapped content
   * keys): what deleting an asset must leave is hashes only.
   * @returns How many versions were removed.
   */
  deleteAllOfBulk(bulkSha256: string): Promise<number>;
}

const SHA256 = /^[0-9a-f]{64}$/;

/** An index in a directory of JSON files. */
export function newEnvelopeIndex(options: { readonly directory: string }): EnvelopeIndex {
  const fileOf = (sha256: string): string => {
    if (!SHA256.test(sha256)) {
      throw new Error('an envelope is addressed by 64 lowercase hex digits');
    }
    return join(options.directory, `${sha256}.json`);
  };
  return {
    async put(manifest) {
      await mkdir(options.directory, { recursive: true, mode: 0o700 });
      await writeFileAtomic(fileOf(manifest.envelopeSha256), JSON.stringify(manifest), 0o600);
    },
    async get(envelopeSha256) {
      try {
        return JSON.parse(await readFile(fileOf(envelopeSha256), 'utf8')) as EnvelopeManifest;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          return undefined;
        }
        throw error;
      }
    },
    async delete(envelopeSha256) {
      await rm(fileOf(envelopeSha256), { force: true });
    },
    async deleteAllOfBulk(bulkSha256) {
      let names: string[];
      try {
        names = await readdir(options.directory);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          return 0;
        }
        throw error;
      }
      let removed = 0;
      for (const name of names.filter((file) => /^[0-9a-f]{64}\.json$/.test(file))) {
        const manifest = await this.get(name.slice(0, 64));
        if (manifest?.bulkSha256 === bulkSha256) {
          await this.delete(manifest.envelopeSha256);
          removed++;
        }
      }
      return removed;
    },
  };
}
