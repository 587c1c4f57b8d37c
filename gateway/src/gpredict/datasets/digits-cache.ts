/*
 * The digits on demand: read them from a cache directory, exporting them there first with the
 * reference script when they are missing. The export goes to a private temporary directory
 * renamed into place, so concurrent test processes never see half a data set; the first rename
 * wins and the others read its result. The exported data must hash to the pinned SHA-256
 * (DIGITS_SHA256): every machine then trains on the same bytes.
 */
import { execFile } from 'node:child_process';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

import { DatasetError } from './dataset-error.js';
import { DIGITS_SHA256, type DigitsDataset, readDigits } from './digits.js';

/** Options of {@link ensureDigits}. */
export interface EnsureDigitsOptions {
  /** Where the export lives. Default `~/.cache/deuro/datasets/digits`. */
  readonly cacheDir?: string;
  /** The Python that sees Debian's scikit-learn. Default `/usr/bin/python3`. */
  readonly python?: string;
  /** The export script. Default `scripts/reference/gpredict-export-digits.py` of this repository. */
  readonly exportScript?: string;
  /** Check the data against {@link DIGITS_SHA256}. Default true. */
  readonly checkPinnedHashes?: boolean;
}

/** The default cache directory of the digits. */
export function defaultDigitsCacheDir(): string {
  return join(homedir(), '.cache', 'deuro', 'datasets', 'digits');
}

/** The export script of this repository (four levels above this folder, in src or dist). */
export function digitsExportScript(): string {
  return join(
    __dirname,
    '..',
    '..',
    '..',
    '..',
    'scripts',
    'reference',
    'gpredict-export-digits.py',
  );
}

/**
 * The digits from `cacheDir`, exported there first when missing.
 * @throws DatasetError `DEURO_DATASET_REFERENCE_MISSING` when Python or scikit-learn is
 * missing, `DEURO_DATASET_EXPORT_FAILED` when the script fails otherwise,
 * `DEURO_DATASET_MALFORMED` when the cached files are damaged, `DEURO_DATASET_MISMATCH` when
 * the data differ from the pinned hashes.
 */
export async function ensureDigits(options: EnsureDigitsOptions = {}): Promise<DigitsDataset> {
  const cacheDir = options.cacheDir ?? defaultDigitsCacheDir();
  if (!(await exists(join(cacheDir, 'digits.json')))) {
    await exportInto(cacheDir, options);
  }
  const digits = await readDigits(cacheDir);
  if (
    (options.checkPinnedHashes ?? true) &&
    (digits.sha256.images !== DIGITS_SHA256.images || digits.sha256.labels !== DIGITS_SHA256.labels)
  ) {
    throw new DatasetError(
      'DEURO_DATASET_MISMATCH',
      `the digits in ${cacheDir} differ from the pinned export (images ${digits.sha256.images})`,
      'sha256',
    );
  }
  return digits;
}

async function exportInto(cacheDir: string, options: EnsureDigitsOptions): Promise<void> {
  await mkdir(dirname(cacheDir), { recursive: true });
  const partial = `${cacheDir}.partial-${String(process.pid)}`;
  await rm(partial, { recursive: true, force: true });
  try {
    await runExport(
      options.python ?? '/usr/bin/python3',
      options.exportScript ?? digitsExportScript(),
      partial,
    );
    try {
      await rename(partial, cacheDir);
    } catch (error) {
      // Another process renamed its export first: use that one.
      if (!(await exists(join(cacheDir, 'digits.json')))) {
        throw new DatasetError(
          'DEURO_DATASET_EXPORT_FAILED',
          `cannot move the export to ${cacheDir}`,
          'cacheDir',
          error,
        );
      }
    }
  } finally {
    await rm(partial, { recursive: true, force: true });
  }
}

function runExport(python: string, script: string, outDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(python, [script, outDir], { timeout: 120_000 }, (error, _stdout, stderr) => {
      if (error === null) {
        resolve();
        return;
      }
      const code = (error as { code?: unknown }).code;
      const detail = stderr.trim() === '' ? error.message : stderr.trim();
      if (code === 'ENOENT' || code === 3) {
        reject(
          new DatasetError(
            'DEURO_DATASET_REFERENCE_MISSING',
            `exporting the digits needs ${python} with numpy and scikit-learn (apt-get install -y python3-sklearn): ${detail}`,
            'python',
            error,
          ),
        );
        return;
      }
      reject(
        new DatasetError(
          'DEURO_DATASET_EXPORT_FAILED',
          `${script} failed: ${detail}`,
          'exportScript',
          error,
        ),
      );
    });
  });
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
