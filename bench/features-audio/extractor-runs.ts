/**
 * One timed MFCC extraction of the recording by each extractor, measured in CPU time.
 *
 * - Deuro: {@link extractMfccStream} in this process, single-threaded and streaming (1 MiB file
 *   reads, `.mfc` written to a file), with `process.cpuUsage()` around it (user + system of the
 *   whole process, so file reads count too).
 * - sphinx_fe: a child process started by `scripts/reference/audio-child-rusage.py`, which
 *   reports the child's own user and system CPU from its rusage (`os.wait4`, microseconds).
 */

import { execFile } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { extractMfccStream, readSphinxMfc } from '../../gateway/src/features/audio';

/** CPU and wall time of one run. */
export interface RunTimes {
  readonly cpuSeconds: number;
  readonly wallSeconds: number;
}

const RUSAGE_SCRIPT = join(__dirname, '../../scripts/reference/audio-child-rusage.py');

/** What the rusage script prints. */
interface ChildUsage {
  readonly exitCode: number;
  readonly userSeconds: number;
  readonly systemSeconds: number;
  readonly wallSeconds: number;
}

const READ_CHUNK = 1024 * 1024;

/** The sphinx_fe flags that make it compute what Deuro computes (no dither, no noise or silence removal). */
export const SAME_WORK_FLAGS = ['-dither', 'no', '-remove_noise', 'no', '-remove_silence', 'no'];

/** Deuro's streaming extractor, defaults (sphinx_fe's), `.mfc` out. */
export async function timeDeuro(wavPath: string, mfcPath: string): Promise<RunTimes> {
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  await extractMfccStream(
    createReadStream(wavPath, { highWaterMark: READ_CHUNK }),
    {},
    createWriteStream(mfcPath),
    'mfc',
  );
  const used = process.cpuUsage(cpu);
  return {
    cpuSeconds: (used.user + used.system) / 1e6,
    wallSeconds: Number(process.hrtime.bigint() - started) / 1e9,
  };
}

/**
 * `sphinx_fe -i wav -o mfc -mswav yes` plus `extraFlags`, its CPU time from its own rusage.
 *
 * @throws Error naming the tool that is missing or failed.
 */
export async function timeSphinxFe(
  wavPath: string,
  mfcPath: string,
  extraFlags: readonly string[],
): Promise<RunTimes> {
  const command = ['sphinx_fe', '-i', wavPath, '-o', mfcPath, '-mswav', 'yes', ...extraFlags];
  let stdout: string;
  try {
    ({ stdout } = await promisify(execFile)('/usr/bin/python3', [RUSAGE_SCRIPT, ...command]));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error('/usr/bin/python3 is not installed: apt-get install -y python3');
    }
    throw new Error(
      `${command.join(' ')} failed (apt-get install -y sphinxbase-utils if it is missing)`,
      { cause: error },
    );
  }
  const usage = JSON.parse(stdout) as ChildUsage;
  return {
    cpuSeconds: usage.userSeconds + usage.systemSeconds,
    wallSeconds: usage.wallSeconds,
  };
}

/** How two `.mfc` files compare, value by value. */
export interface MfcComparison {
  readonly values: number;
  readonly differing: number;
  readonly maxAbsDifference: number;
}

/** Compares Deuro's `.mfc` with sphinx_fe's (same work flags), float by float. */
export async function compareMfc(deuroPath: string, sphinxPath: string): Promise<MfcComparison> {
  const ours = readSphinxMfc(await readFile(deuroPath)).features.data;
  const theirs = readSphinxMfc(await readFile(sphinxPath)).features.data;
  if (ours.length !== theirs.length) {
    return { values: Math.max(ours.length, theirs.length), differing: -1, maxAbsDifference: NaN };
  }
  let differing = 0;
  let maxAbsDifference = 0;
  for (let i = 0; i < ours.length; i++) {
    const a = ours[i] ?? NaN;
    const b = theirs[i] ?? NaN;
    if (!Object.is(a, b)) {
      differing++;
      maxAbsDifference = Math.max(maxAbsDifference, Math.abs(a - b));
    }
  }
  return { values: ours.length, differing, maxAbsDifference };
}
