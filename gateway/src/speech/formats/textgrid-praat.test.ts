/**
 * Praat itself must open every TextGrid Deuro writes: each sample alignment is written, read
 * with `praat --run scripts/reference/speech-tools-textgrid-summary.praat`, and what Praat reports
 * (tiers, interval counts, times, labels) must equal what our reader finds in the same file.
 */

import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { praatAndDeuroReadings } from './praat-textgrid-check.js';
import { SAMPLE_ALIGNMENTS } from './sample-alignments.js';
import { alignmentToTextGrid } from './textgrid-writer.js';

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
      const path = join(dir, `${name}.TextGrid`);
      await writeFile(path, alignmentToTextGrid(alignment), 'utf8');
      const { praat, deuro } = await praatAndDeuroReadings(path);
      assert.deepEqual(praat, deuro);
      assert.equal(praat[0]?.[1], '2');
      assert.ok(deuro.every((row) => row[0] !== 'tier' || row[3] === 'IntervalTier'));
    });
  }
});
