/**
 * Praat as the reference reader of TextGrids: `praat --run
 * scripts/reference/speech-tools-textgrid-summary.praat file.TextGrid` prints what Praat
 * understood (tiers, interval counts, times, labels), and {@link praatReadsAsWritten} compares
 * it with what Deuro's own reader finds in the same file. Used by the format tests and by the
 * integration tests on the TextGrids the gateway and the CLI write. Needs Debian's `praat`.
 */

import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { parseTextGrid } from './textgrid-parser.js';

const SCRIPT = join(__dirname, '../../../../scripts/reference/speech-tools-textgrid-summary.praat');

/** Time columns of each row kind (Praat prints 0 as `0` with fixed$, so times are re-printed). */
const TIME_COLUMNS: Readonly<Record<string, readonly number[]>> = {
  tiers: [2, 3],
  interval: [3, 4],
};

async function praatSummary(path: string): Promise<string[][]> {
  try {
    const { stdout } = await promisify(execFile)('praat', ['--run', SCRIPT, path]);
    return stdout
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => line.split('\t'));
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') {
      throw new Error('praat is not installed: apt-get install praat', { cause: error });
    }
    throw error;
  }
}

function ourSummary(text: string): string[][] {
  const grid = parseTextGrid(text);
  const rows = [['tiers', String(grid.tiers.length), grid.xmin.toFixed(6), grid.xmax.toFixed(6)]];
  grid.tiers.forEach((tier, t) => {
    rows.push(['tier', String(t + 1), tier.name, tier.kind, String(tier.intervals.length)]);
    tier.intervals.forEach((interval, i) => {
      rows.push([
        'interval',
        String(t + 1),
        String(i + 1),
        interval.xmin.toFixed(6),
        interval.xmax.toFixed(6),
        interval.text,
      ]);
    });
  });
  return rows;
}

function normalise(rows: string[][]): string[][] {
  return rows.map((row) => {
    const times = TIME_COLUMNS[row[0] ?? ''] ?? [];
    return row.map((cell, i) => (times.includes(i) ? Number(cell).toFixed(6) : cell));
  });
}

/** What Praat and Deuro's reader each find in a TextGrid file, as comparable rows. */
export async function praatAndDeuroReadings(
  path: string,
): Promise<{ readonly praat: string[][]; readonly deuro: string[][] }> {
  const [praat, text] = await Promise.all([praatSummary(path), readFile(path, 'utf8')]);
  return { praat: normalise(praat), deuro: normalise(ourSummary(text)) };
}
