/** Small file-system helpers for tests. */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** Every file below a folder, relative, sorted. */
export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) {
    return [];
  }
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}
