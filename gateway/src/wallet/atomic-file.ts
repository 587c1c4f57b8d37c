/*
 * Atomic replacement of small files: write a temporary file beside the target, fsync it, rename
 * it over the target, fsync the folder. Readers see the old file or the new one, never a torn
 * one, and a crash leaves at most a `.tmp` file that no reader looks at.
 */

import { randomUUID } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Replace a file's content atomically and durably.
 * @param path - The file to write.
 * @param content - Its new content.
 * @param mode - The permission bits of the new file, such as 0o600.
 * @throws The system error of the failed step; the temporary file is removed first.
 */
export async function writeFileAtomic(
  path: string,
  content: string | Uint8Array,
  mode: number,
): Promise<void> {
  const directory = dirname(path);
  const tempPath = join(directory, `.${basename(path)}.${randomUUID()}.tmp`);
  try {
    const handle = await open(tempPath, 'wx', mode);
    try {
      await handle.writeFile(content);
      await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tempPath, path);
  } catch (err) {
    await rm(tempPath, { force: true }).catch(() => undefined);
    throw err;
  }
  await syncDirectory(directory);
}

/**
 * Flush a folder's entries (a rename or an unlink) to disk.
 * @param path - The folder.
 * @throws The system error when the folder cannot be opened or synced.
 */
export async function syncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
