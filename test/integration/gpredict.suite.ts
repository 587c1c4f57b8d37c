import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { ensureDigits, splitDigits } from '../../gateway/src/gpredict/datasets/index';
import { suggestTpeTrial } from '../../gateway/src/gpredict/search/index';
import { deserializeCheckpoint, evaluateModel } from '../../gateway/src/gpredict/training/index';
import type { TrainedModel, TrainingTask, Trial } from '../../gateway/src/ledger/training-ledger';
import { shiftDigitsRight, searchHistory } from '../../gateway/src/trainer/index';
import {
  deuroCliPath,
  gatewayUser,
  runDeuro,
  type CliOutcome,
  type CliUser,
} from '../harness/deuro-cli';
import { repoRoot } from '../harness/run-script';
import { callGateway, type GatewayAnswer } from '../harness/gateway-call';
import type { TestNetwork } from '../harness/test-network';
import { waitFor } from '../harness/wait-for';

type Name = 'owner' | 'w1' | 'w2';

const SPACE = {
  parameters: {
    model: {
      type: 'choice',
      options: [
        'softmax',
        { value: 'mlp', parameters: { 'mlp.hidden': { type: 'int', low: 8, high: 32, step: 8 } } },
      ],
    },
    learningRate: { type: 'loguniform', low: 0.01, high: 0.08 },
    epochs: { type: 'choice', options: [2] },
    nb: { type: 'choice', options: [8] },
    fb: { type: 'choice', options: [8] },
  },
};

/** The suggestions are what anyone recomputes from the reported trials. */
function checkSuggestions(all: readonly Trial[]): void {
  for (const trial of all) {
    const history = searchHistory(all.filter((other) => other.number <= trial.number - 2));
    const suggested = suggestTpeTrial(
      { space: SPACE, seed: 'gpredict-suite', parallelism: 2, direction: 'maximize' },
      trial.number,
      history,
    );
    assert.deepEqual(
      JSON.parse(trial.result?.configuration ?? '{}'),
      suggested,
      `trial ${String(trial.number)}`,
    );
  }
}

/** The sum/count reduction and best trial, computed here from the trials. */
function expectedReduction(all: readonly Trial[]): NonNullable<TrainingTask['reduction']> {
  const reported = all.flatMap((trial) =>
    trial.result === null ? [] : [{ number: trial.number, result: trial.result }],
  );
  const correct = reported.reduce((sum, trial) => sum + BigInt(trial.result.correct), 0n);
  const count = reported.reduce((sum, trial) => sum + BigInt(trial.result.count), 0n);
  const [best] = [...reported].sort(
    (a, b) => b.result.accuracyBasisPoints - a.result.accuracyBasisPoints || a.number - b.number,
  );
  return {
    trials: reported.length,
    correctSum: correct.toString(),
    countSum: count.toString(),
    meanAccuracyBasisPoints: Number((10_000n * correct) / count),
    bestTrial: best?.number ?? -1,
    bestAccuracyBasisPoints: best?.result.accuracyBasisPoints ?? -1,
  };
}

/**
 * gPredict on the real network: a task with a conditional search space run by trainer workers of
 * two organizations, one killed mid-trial; the reduction and the model with lineage checked
 * against what is recomputed here; transfer learning to a version 2; bad input refused.
 */
export function gpredictSuite(network: () => TestNetwork): void {
  void describe('gPredict: training tasks, trials, reduction and models', () => {
    const work = mkdtempSync(path.join(tmpdir(), 'deuro-gpredict-'));
    const users = new Map<Name, CliUser>();
    const ids = new Map<Name, string>();
    const user = (name: Name): CliUser => {
      const found = users.get(name);
      assert.ok(found !== undefined);
      return found;
    };
    const deuro = async (name: Name, ...args: string[]): Promise<CliOutcome> => {
      const outcome = await runDeuro(user(name), work, ...args);
      return outcome;
    };
    const ok = (outcome: CliOutcome): CliOutcome => {
      assert.equal(outcome.code, 0, outcome.stderr);
      return outcome;
    };

    const api = <T>(
      name: Name,
      method: string,
      apiPath: string,
      body?: unknown,
    ): Promise<GatewayAnswer<T>> => callGateway<T>(user(name), method, apiPath, body);
    const task = async (taskId: string): Promise<TrainingTask> =>
      (await api<TrainingTask>('owner', 'GET', `/v1/training/tasks/${taskId}`)).json;
    const trials = async (taskId: string): Promise<Trial[]> =>
      (await api<Trial[]>('owner', 'GET', `/v1/training/tasks/${taskId}/trials`)).json;
    const trainer = (name: Name, taskId: string): { child: ChildProcess; log: () => string } => {
      const child = spawn('node', [deuroCliPath, 'trainer', '--task', taskId], {
        env: {
          ...process.env,
          DEURO_GATEWAY_URL: user(name).gatewayUrl,
          DEURO_API_KEY: user(name).apiKey ?? '',
          DEURO_HOME: user(name).home,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let log = '';
      child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
      return { child, log: () => log };
    };
    const exited = (child: ChildProcess): Promise<number | null> =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) {
          resolve(child.exitCode);
        } else {
          child.once('exit', (code) => {
            resolve(code);
          });
        }
      });
    const createTask = async (request: Record<string, unknown>): Promise<string> => {
      const id = `task-${randomUUID().slice(0, 8)}`;
      const created = await api<{ id: string; code?: string }>(
        'owner',
        'POST',
        '/v1/training/tasks',
        { id, ...request },
      );
      assert.equal(created.status, 200, JSON.stringify(created.json));
      await network().settle();
      return id;
    };
    const datasetId = `digits-${randomUUID().slice(0, 8)}`;
    const shiftedId = `digits-shifted-${randomUUID().slice(0, 8)}`;
    const modelName = `digits-${randomUUID().slice(0, 8)}`;
    let firstTask = '';

    before(async () => {
      const { layout } = network();
      for (const [name, org, identity] of [
        ['owner', 'org1', 'User1'],
        ['w1', 'org1', 'User2'],
        ['w2', 'org2', 'User1'],
      ] as const) {
        users.set(name, gatewayUser(layout, org, identity, path.join(work, name)));
        ok(await deuro(name, 'keygen'));
        ids.set(
          name,
          (JSON.parse(ok(await deuro(name, '--json', 'whoami')).stdout) as { identityId: string })
            .identityId,
        );
      }
      await network().settle();
      ok(await deuro('owner', 'training', 'digits', datasetId, '--to-org', 'Org1MSP', 'Org2MSP'));
      ok(
        await deuro(
          'owner',
          'training',
          'digits',
          shiftedId,
          '--shift',
          '1',
          '--to-org',
          'Org1MSP',
          'Org2MSP',
        ),
      );
      await network().settle();
    });
    after(() => {
      rmSync(work, { recursive: true, force: true });
    });

    /** Starts a trainer, SIGKILLs it once it holds a trial, and returns that trial. */
    async function killTrainerHoldingTrial(
      worker: Name,
      taskId: string,
    ): Promise<Trial | undefined> {
      const held = async (): Promise<Trial | undefined> =>
        (await trials(taskId)).find(
          (trial) => trial.state === 'leased' && trial.holder === ids.get(worker),
        );
      const started = trainer(worker, taskId);
      await waitFor(
        'the first trainer to hold a trial',
        async () => (await held()) !== undefined,
        60_000,
        100,
      );
      started.child.kill('SIGKILL');
      await exited(started.child);
      return held();
    }

    /** w1 (Org1) retrains a trial w2 (Org2) reported and gets the ledger's weights hash. */
    async function checkReproducedByOtherOrganization(
      taskId: string,
      all: readonly Trial[],
      number: number,
    ): Promise<void> {
      const onLedger = all.find((trial) => trial.number === number);
      assert.equal(onLedger?.reportedBy, ids.get('w2'));
      const reproduced = JSON.parse(
        ok(await deuro('w1', '--json', 'training', 'reproduce', taskId, String(number))).stdout,
      ) as { identical: boolean; reproducedBy: string; local: { weightsSha256: string } };
      assert.equal(reproduced.reproducedBy, ids.get('w1'));
      assert.equal(reproduced.identical, true);
      assert.equal(reproduced.local.weightsSha256, onLedger?.result?.weightsSha256);
    }

    it('two trainers of two organizations, one killed mid-trial, complete a task: reduction, model and lineage as recomputed here', async () => {
      firstTask = await createTask({
        modelName,
        datasets: [datasetId],
        searchSpace: SPACE,
        trials: 6,
        parallelism: 2,
        seed: 'gpredict-suite',
        leaseSeconds: 6,
        workerOrgs: ['Org1MSP', 'Org2MSP'],
      });
      const killed = await killTrainerHoldingTrial('w1', firstTask);
      const second = trainer('w2', firstTask);
      assert.equal(await exited(second.child), 0, second.log());
      await network().settle();

      const done = await task(firstTask);
      assert.equal(done.state, 'completed');
      const all = await trials(firstTask);
      assert.equal(all.length, 6);
      assert.ok(killed !== undefined, 'the first trainer was killed holding a trial');
      const rerun = all.find((trial) => trial.number === killed.number);
      assert.ok((rerun?.leases ?? 0) >= 2, 'the killed trial was leased again');
      assert.equal(rerun?.state, 'reported');
      assert.equal(rerun.reportedBy, ids.get('w2'));

      checkSuggestions(all);
      const expected = expectedReduction(all);
      assert.deepEqual(done.reduction, expected);
      const best = all.find((trial) => trial.number === expected.bestTrial);

      const model = (await api<TrainedModel>('owner', 'GET', `/v1/models/${modelName}/versions/1`))
        .json;
      assert.deepEqual(model.lineage, {
        parent: null,
        datasets: [datasetId],
        task: firstTask,
        trial: best?.number,
      });
      assert.equal(model.weightsSha256, best?.result?.weightsSha256);

      // A worker of the other organization (w1, Org1) retrains trials w2 (Org2) reported, through
      // its own gateway: the weights and checkpoints hash bit for bit as on the ledger.
      for (const number of [best?.number ?? 0, killed.number]) {
        await checkReproducedByOtherOrganization(firstTask, all, number);
      }
    });

    it('fine-tunes the registered model on new data into version 2, which does better on that data', async () => {
      const parent = (await api<TrainedModel>('owner', 'GET', `/v1/models/${modelName}/versions/1`))
        .json;
      const config = JSON.parse(parent.configuration) as Record<string, unknown>;
      const fixed = (value: unknown): Record<string, unknown> => ({
        type: 'choice',
        options: [value],
      });
      const space = {
        parameters: {
          model:
            config.model === 'mlp'
              ? {
                  type: 'choice',
                  options: [
                    { value: 'mlp', parameters: { 'mlp.hidden': fixed(config['mlp.hidden']) } },
                  ],
                }
              : fixed('softmax'),
          learningRate: { type: 'loguniform', low: 0.01, high: 0.05 },
          epochs: fixed(2),
          nb: fixed(8),
          fb: fixed(8),
        },
      };
      const second = await createTask({
        modelName,
        datasets: [shiftedId],
        startingModel: { name: modelName, version: 1 },
        searchSpace: space,
        trials: 2,
        leaseSeconds: 30,
        workerOrgs: ['Org1MSP', 'Org2MSP'],
      });
      const worker = trainer('w2', second);
      assert.equal(await exited(worker.child), 0, worker.log());
      await network().settle();
      const v2 = (await api<TrainedModel>('owner', 'GET', `/v1/models/${modelName}/versions/2`))
        .json;
      assert.deepEqual(v2.lineage.parent, { name: modelName, version: 1 });
      assert.deepEqual(v2.lineage.datasets, [shiftedId]);

      const checkpoint = path.join(work, 'v1.ckpt');
      ok(await deuro('owner', 'get', parent.assetId, '-o', checkpoint));
      const shifted = splitDigits(shiftDigitsRight(await ensureDigits(), 1));
      const before = evaluateModel(
        deserializeCheckpoint(readFileSync(checkpoint)).weights,
        shifted.test,
      );
      assert.ok(
        v2.metrics.accuracyBasisPoints > before.accuracyBasisPoints,
        `version 2 (${String(v2.metrics.accuracyBasisPoints)}) beats version 1 (${String(before.accuracyBasisPoints)}) on the new data`,
      );

      // Version 1's weights as ONNX: the file hashes as the ledger says, passes onnx's checker,
      // and OpenCV's DNN module running it on the raw pixels predicts what the trainer does.
      assert.ok(parent.onnx !== null);
      const onnxFile = path.join(work, 'v1.onnx');
      ok(await deuro('owner', 'get', parent.onnx.assetId, '-o', onnxFile));
      assert.equal(
        createHash('sha256').update(readFileSync(onnxFile)).digest('hex'),
        parent.onnx.sha256,
      );
      const { featureCount } = shifted.test;
      const rows = Array.from({ length: shifted.test.count }, (_, sample) =>
        Array.from(
          shifted.test.features.subarray(sample * featureCount, (sample + 1) * featureCount),
          (value) => Math.round(value * 16),
        ),
      );
      const checked = JSON.parse(
        execFileSync(
          '/usr/bin/python3',
          [path.join(repoRoot, 'scripts', 'reference', 'gpredict-onnx-check.py'), onnxFile],
          { input: JSON.stringify({ rows, outputs: ['probabilities'] }), maxBuffer: 64 << 20 },
        ).toString('utf8'),
      ) as { models: { outputs: { probabilities: number[][] } }[] };
      const probabilities = checked.models[0]?.outputs.probabilities ?? [];
      const correct = probabilities.filter(
        (row, sample) => row.indexOf(Math.max(...row)) === shifted.test.labels[sample],
      ).length;
      assert.equal(correct, before.correct, 'OpenCV predicts as the trainer does');
    });

    it('fails trials whose configuration the trainer refuses, and a task whose every trial failed ends failed', async () => {
      const doomed = await createTask({
        modelName: `${modelName}-doomed`,
        datasets: [datasetId],
        searchSpace: {
          parameters: {
            model: { type: 'choice', options: ['softmax'] },
            nb: { type: 'choice', options: [8] },
            fb: { type: 'choice', options: [30] },
          },
        },
        trials: 2,
        workerOrgs: ['Org1MSP', 'Org2MSP'],
      });
      const worker = trainer('w2', doomed);
      assert.equal(await exited(worker.child), 0, worker.log());
      await network().settle();
      assert.equal((await task(doomed)).state, 'failed');
      const failed = await trials(doomed);
      assert.deepEqual(
        failed.map((trial) => [trial.state, trial.failure]),
        [
          ['failed', 'DEURO_FIXED_INVALID_FORMAT'],
          ['failed', 'DEURO_FIXED_INVALID_FORMAT'],
        ],
      );
    });

    it('cancels a task with deuro training cancel (its owner only); no trial is leased after it', async () => {
      const cancelled = await createTask({
        modelName: `${modelName}-cancelled`,
        datasets: [datasetId],
        searchSpace: SPACE,
        trials: 2,
        workerOrgs: ['Org1MSP', 'Org2MSP'],
      });
      const notOwner = await api<{ code: string }>(
        'w1',
        'POST',
        `/v1/training/tasks/${cancelled}/cancel`,
      );
      assert.equal(`${String(notOwner.status)} ${notOwner.json.code}`, '403 DEURO_ACCESS_DENIED');
      const printed = JSON.parse(
        ok(await deuro('owner', '--json', 'training', 'cancel', cancelled)).stdout,
      ) as TrainingTask;
      assert.equal(printed.id, cancelled);
      assert.equal(printed.state, 'cancelled');
      await network().settle();
      assert.equal((await task(cancelled)).state, 'cancelled');
      const lease = await api<{ code: string }>(
        'w2',
        'POST',
        `/v1/training/tasks/${cancelled}/trials/0/lease`,
      );
      assert.equal(`${String(lease.status)} ${lease.json.code}`, '409 DEURO_INVALID_TRANSITION');
      await network().settle();
      assert.deepEqual(await trials(cancelled), []);
      // A trainer started on the cancelled task stops at once, leasing nothing.
      const worker = trainer('w2', cancelled);
      assert.equal(await exited(worker.child), 0, worker.log());
      assert.deepEqual(await trials(cancelled), []);
      assert.equal((await task(cancelled)).state, 'cancelled');
    });

    it('refuses bad input with a clear code and changes nothing; contributions reduce exactly once', async () => {
      const badId = `bad-${randomUUID().slice(0, 8)}`;
      const invalid = await api<{ code: string }>('owner', 'POST', '/v1/training/tasks', {
        id: badId,
        modelName,
        datasets: [datasetId],
        searchSpace: { parameters: { lr: { type: 'loguniform', low: 0, high: 1 } } },
        trials: 2,
      });
      assert.equal(
        `${String(invalid.status)} ${invalid.json.code}`,
        '400 DEURO_SEARCH_INVALID_SPACE',
      );
      await network().settle();
      const noTask = await api<{ code: string }>('owner', 'GET', `/v1/training/tasks/${badId}`);
      assert.equal(`${String(noTask.status)} ${noTask.json.code}`, '404 DEURO_NOT_FOUND');

      const third = await createTask({
        modelName: `${modelName}-x`,
        datasets: [datasetId],
        searchSpace: SPACE,
        trials: 2,
        workerOrgs: ['Org1MSP', 'Org2MSP'],
      });
      assert.equal(
        (await api('w2', 'POST', `/v1/training/tasks/${third}/trials/0/lease`)).status,
        200,
      );
      await network().settle();
      const result = {
        configuration: { model: 'softmax' },
        accuracyBasisPoints: 5000,
        correct: 1,
        count: 2,
        lossRaw: 0,
        weightsSha256: '0'.repeat(64),
        checkpointSha256: '0'.repeat(64),
        modelAssetId: datasetId,
      };
      const notHolder = await api<{ code: string }>(
        'w1',
        'POST',
        `/v1/training/tasks/${third}/trials/0/result`,
        result,
      );
      assert.equal(
        `${String(notHolder.status)} ${notHolder.json.code}`,
        '409 DEURO_LEASE_NOT_HELD',
      );
      const fractional = await api<{ code: string }>(
        'w2',
        'POST',
        `/v1/training/tasks/${third}/trials/0/result`,
        { ...result, accuracyBasisPoints: 5000.5 },
      );
      assert.equal(
        `${String(fractional.status)} ${fractional.json.code}`,
        '400 DEURO_VALIDATION_FAILED',
      );
      const completed = await task(firstTask);
      const completedTrials = await trials(firstTask);
      assert.equal(completed.state, 'completed');
      assert.ok(completed.reduction !== null);
      const afterDone = await api<{ code: string }>(
        'w2',
        'POST',
        `/v1/training/tasks/${firstTask}/trials/0/result`,
        result,
      );
      assert.equal(
        `${String(afterDone.status)} ${afterDone.json.code}`,
        '409 DEURO_INVALID_TRANSITION',
      );
      await network().settle();
      // The completed task, its reduction and its trials are exactly as before.
      assert.deepEqual(await task(firstTask), completed);
      assert.deepEqual(await trials(firstTask), completedTrials);
      const unchanged = (await trials(third)).find((trial) => trial.number === 0);
      assert.equal(unchanged?.state, 'leased');
      assert.equal(unchanged.result, null);

      const big = '123456789012345678901';
      const contribute = (
        name: Name,
        values: string[],
        count: number,
      ): Promise<{ status: number; json: { code?: string } }> =>
        api(name, 'POST', `/v1/training/tasks/${third}/rounds/0/contributions`, { values, count });
      assert.equal((await contribute('w1', [big, '-3'], 10)).status, 200);
      assert.equal((await contribute('w2', ['1', '5'], 6)).status, 200);
      await network().settle();
      const twice = await contribute('w2', ['1', '5'], 6);
      assert.equal(`${String(twice.status)} ${twice.json.code ?? ''}`, '409 DEURO_ALREADY_EXISTS');
      const reduced = await api<{ sum: string[]; count: string; mean: string[] }>(
        'owner',
        'POST',
        `/v1/training/tasks/${third}/rounds/0/reduction`,
      );
      assert.deepEqual(reduced.json.sum, [(BigInt(big) + 1n).toString(), '2']);
      assert.equal(reduced.json.count, '16');
      assert.deepEqual(reduced.json.mean, [((BigInt(big) + 1n) / 16n).toString(), '0']);
      await network().settle();
      // The owner's organization is a worker organization of the task, so the contribution
      // passes the access check and is refused as late (the round is reduced).
      const late = await contribute('owner', ['1', '1'], 1);
      assert.equal(
        `${String(late.status)} ${late.json.code ?? ''}`,
        '409 DEURO_INVALID_TRANSITION',
      );
      await network().settle();
      const round = await api<unknown>('owner', 'GET', `/v1/training/tasks/${third}/rounds/0`);
      assert.equal(round.status, 200);
      assert.deepEqual(round.json, reduced.json);
      writeFileSync(path.join(work, 'done'), '');
    });
  });
}
