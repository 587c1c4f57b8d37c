/**
 * Praat itself must open every TextGrid Deuro writes: each sample alignment is written, read
 * with `praat --run scripts/reference/speech-tools-textgrid-summary.praat`, and what Praat reports
 * (tiers, interval counts, times, labels) must equal what our reader finds in the same file.
 */

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { SAMPLE_ALIGNMENTS } from './sample-alignments.js';
import { parseTextGrid } from './textgrid-parser.js';
import { alignmentToTextGrid } from './textgrid-writer.js';

const SCRIPT = join(__dirname, '../../../../scripts/reference/speech-tools-textgrid-summary.praat');

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
    assert.equal(tier.kind, 'IntervalTier');
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

/** Time columns of each row kind (Praat prints 0 as `0` with fixed$, so times are re-printed). */
const TIME_COLUMNS: Readonly<Record<string, readonly number[]>> = {
  tiers: [2, 3],
  interval: [3, 4],
};

function normalise(rows: string[][]): string[][] {
  return rows.map((row) => {
    const times = TIME_COLUMNS[row[0] ?? ''] ?? [];
    return row.map((cell, i) => (times.includes(i) ? Number(cell).toFixed(6) : cell));
  });
}

describe('TextGrids opened by Praat', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'deuro-textgrid-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  for (const [name, alignment] of Object.entries(SAMPLE_ALIGNMENTS)) {
    it(`reads ${name} as we wrote it`, async () => {
      const text = alignmentToTextGrid(alignment);
      const path = join(dir, `${name}.TextGrid`);
      await writeFile(path, text, 'utf8');
      const praat = normalise(await praatSummary(path));
      assert.deepEqual(praat, normalise(ourSummary(text)));
      assert.equal(praat[0]?.[1], '2');
    });
  }
});
