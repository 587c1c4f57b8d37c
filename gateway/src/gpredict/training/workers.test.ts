import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';

import { ensureDigits, splitDigits } from '../datasets/index.js';
import { type TrainingConfig, trainModel } from './index.js';

const run = promisify(execFile);

/** The trial both workers run: an MLP with stochastic rounding, the path with the most draws. */
const TRIAL: TrainingConfig = {
  model: 'mlp',
  taskId: 'task-42',
  trialId: 'trial-3',
  hiddenSizes: [16],
  epochs: 2,
  rounding: 'stochastic',
  format: { nb: 4, fb: 12 },
};

/** A worker: exports the digits into its own cache, trains the trial, prints the hashes. */
const WORKER = `
const { ensureDigits, splitDigits } = require(process.argv[1]);
const { trainModel } = require(process.argv[2]);
ensureDigits({ cacheDir: process.argv[3] }).then((digits) => {
  const result = trainModel(JSON.parse(process.argv[4]), splitDigits(digits));
  process.stdout.write(JSON.stringify({ weights: result.weightsSha256, checkpoint: result.checkpointSha256 }));
});
`;

describe('two workers of different organizations', () => {
  let scratch = '';

  before(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'deuro-workers-'));
  });

  after(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it('run the same trial in separate processes and produce bit-identical weights', async () => {
    const worker = (organization: string, env: NodeJS.ProcessEnv): Promise<{ stdout: string }> =>
      run(
        process.execPath,
        [
          '--import',
          'tsx',
          '-e',
          WORKER,
          join(__dirname, '..', 'datasets', 'index.ts'),
          join(__dirname, 'index.ts'),
          join(scratch, organization, 'digits'),
          JSON.stringify(TRIAL),
        ],
        { env: { ...process.env, ...env } },
      );
    const [org1, org2] = await Promise.all([
      worker('org1', { TZ: 'UTC', LANG: 'C' }),
      worker('org2', { TZ: 'Asia/Kolkata', LANG: 'fr_FR.UTF-8' }),
    ]);
    const first = JSON.parse(org1.stdout) as { weights: string; checkpoint: string };
    const second = JSON.parse(org2.stdout) as { weights: string; checkpoint: string };
    assert.match(first.weights, /^[0-9a-f]{64}$/);
    assert.deepEqual(second, first);
    // And the same as in this process.
    const local = trainModel(TRIAL, splitDigits(await ensureDigits()));
    assert.equal(local.weightsSha256, first.weights);
    assert.equal(local.checkpointSha256, first.checkpoint);
  });
});
