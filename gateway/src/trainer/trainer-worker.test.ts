/*
 * The trainer against a fake ledger: it keeps renewing its lease while a trial trains (training
 * runs in a worker thread, so the renewal timer fires), the result is bit-identical to training
 * in this thread, and a lease lost mid-trial stops the trial without storing or reporting it.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';

import { ensureDigits, splitDigits, type DigitsDataset } from '../gpredict/datasets/index';
import { trainModel } from '../gpredict/training/index';
import type { TrainingTask, Trial, TrialResult } from '../ledger/training-ledger';
import { digitsBundle } from './dataset-bundle';
import type { TrainerApi } from './trainer-api';
import { runTrainer } from './trainer-worker';
import { trainingConfigOf } from './trial-config';

const fixed = (value: unknown): Record<string, unknown> => ({ type: 'choice', options: [value] });

/** One trial of an MLP with stochastic rounding: about a second of training. */
const TASK: TrainingTask = {
  id: 'task-renewal',
  owner: { identityId: 'Org1MSP/owner', mspId: 'Org1MSP' },
  state: 'open',
  modelName: 'digits',
  datasets: ['digits-1'],
  startingModel: null,
  searchSpace: JSON.stringify({
    parameters: {
      model: {
        type: 'choice',
        options: [{ value: 'mlp', parameters: { 'mlp.hidden': fixed(16) } }],
      },
      epochs: fixed(3),
      rounding: fixed('stochastic'),
      nb: fixed(4),
      fb: fixed(12),
    },
  }),
  trials: 1,
  parallelism: 1,
  seed: 'renewal',
  leaseSeconds: 5,
  workerOrgs: ['Org1MSP'],
  reduction: null,
  model: null,
};

const RENEW_EVERY_MS = 25;

const trialOf = (state: Trial['state'], holder: string): Trial => ({
  taskId: TASK.id,
  number: 0,
  state,
  holder,
  leaseExpiresAt: 0,
  leases: 1,
  result: null,
  failure: null,
  failedConfiguration: null,
  reportedBy: state === 'leased' ? null : holder,
});

/** A ledger of one task and one trial, recording what the trainer does in order. */
class FakeLedger {
  readonly events: string[] = [];
  readonly reports: TrialResult[] = [];
  #state: TrainingTask['state'] = 'open';
  #trial: Trial | undefined;

  constructor(
    readonly bundle: Uint8Array,
    /**
     * The renewal after training started (1 for the first) that finds the trial re-leased to
     * another worker.
     */
    readonly loseOnRenewal = Infinity,
    /** How many renewals fail first (the gateway unreachable): they reject with an error. */
    readonly renewalErrors = 0,
  ) {}

  api(): TrainerApi {
    const refused = (): Promise<never> => Promise.reject(new Error('not in this test'));
    return {
      whoAmI: () => Promise.resolve({ identityId: 'Org1MSP/worker' }),
      task: () => Promise.resolve({ ...TASK, state: this.#state }),
      trials: () => Promise.resolve(this.#trial === undefined ? [] : [this.#trial]),
      lease: () => {
        this.events.push('lease');
        this.#state = 'running';
        this.#trial = trialOf('leased', 'Org1MSP/worker');
        return Promise.resolve(this.#trial);
      },
      renew: () =>
        this.events.filter((event) => event === 'renew').length < this.renewalErrors
          ? Promise.reject(
              new Error(`gateway unreachable (renewal ${String(this.#renewalError())})`),
            )
          : Promise.resolve(this.#renew()),
      report: (_taskId, _number, result) => {
        this.events.push('report');
        this.reports.push(result);
        this.#trial = {
          ...trialOf('reported', 'Org1MSP/worker'),
          result: { ...result, configuration: JSON.stringify(result.configuration) },
        };
        return Promise.resolve(true);
      },
      fail: refused,
      reduce: () => {
        this.#state = 'reducing';
        return Promise.resolve(true);
      },
      registerModel: () => {
        this.#state = 'completed';
        return Promise.resolve(true);
      },
      model: refused,
      download: () => Promise.resolve(this.bundle),
      uploadModel: () => {
        this.events.push('upload');
        return Promise.resolve('stored');
      },
    };
  }

  /** Called for each trainer log line: marks when training starts. */
  log(line: string): void {
    if (line.endsWith(': training')) {
      this.events.push('training');
    }
  }

  #renewalError(): number {
    this.events.push('renew');
    return this.events.filter((event) => event === 'renew').length;
  }

  #renew(): boolean {
    this.events.push('renew');
    const sinceTraining = this.events.filter(
      (event, at) => event === 'renew' && at > this.events.indexOf('training'),
    ).length;
    if (!this.events.includes('training') || sinceTraining < this.loseOnRenewal) {
      return true;
    }
    // Another worker leased the trial after an expiry and finished the task.
    this.#trial = trialOf('reported', 'Org2MSP/other');
    this.#state = 'completed';
    return false;
  }
}

describe('the trainer renews its lease while a trial trains', () => {
  let digits: DigitsDataset;
  let bundle: Uint8Array;

  before(async () => {
    digits = await ensureDigits();
    bundle = digitsBundle(digits, 'sklearn digits');
  });

  it('renews during a trial many renewal intervals long, and reports bit-identical weights', async () => {
    const ledger = new FakeLedger(bundle);
    const report = await runTrainer({
      api: ledger.api(),
      taskId: TASK.id,
      idleMs: 1,
      renewEveryMs: RENEW_EVERY_MS,
      log: (line) => {
        ledger.log(line);
      },
    });
    assert.deepEqual(report, { trialsReported: 1, leasesLost: 0, taskState: 'completed' });

    // Renewals between the start of training and the first upload (which follows training):
    // with training on the event loop there would be none.
    const started = ledger.events.indexOf('training');
    const stored = ledger.events.indexOf('upload');
    assert.ok(started >= 0 && stored > started, ledger.events.join(' '));
    const duringTraining = ledger.events
      .slice(started, stored)
      .filter((event) => event === 'renew').length;
    assert.ok(duringTraining >= 3, `${String(duringTraining)} renewals while training`);

    // The thread's weights are the ones this thread computes.
    const [reported] = ledger.reports;
    assert.ok(reported !== undefined);
    const local = trainModel(
      trainingConfigOf(TASK.id, 0, reported.configuration),
      splitDigits(digits),
    );
    assert.equal(reported.weightsSha256, local.weightsSha256);
    assert.equal(reported.checkpointSha256, local.checkpointSha256);
    assert.equal(reported.accuracyBasisPoints, local.metrics.test?.accuracyBasisPoints);
  });

  it('stops a trial whose lease is lost while it trains: nothing stored or reported', async () => {
    const ledger = new FakeLedger(bundle, 2);
    const report = await runTrainer({
      api: ledger.api(),
      taskId: TASK.id,
      idleMs: 1,
      renewEveryMs: RENEW_EVERY_MS,
      log: (line) => {
        ledger.log(line);
      },
    });
    assert.deepEqual(report, { trialsReported: 0, leasesLost: 1, taskState: 'completed' });
    // The second renewal after training started was refused, and was the last: the thread was
    // stopped there, and neither checkpoint nor result was sent.
    const started = ledger.events.indexOf('training');
    assert.ok(started >= 0, ledger.events.join(' '));
    assert.deepEqual(ledger.events.slice(started + 1), ['renew', 'renew']);
    assert.ok(!ledger.events.includes('upload'));
    assert.ok(!ledger.events.includes('report'));
  });

  it('logs a renewal that fails (not refused) and goes on renewing and training', async () => {
    const ledger = new FakeLedger(bundle, Infinity, 2);
    const lines: string[] = [];
    const report = await runTrainer({
      api: ledger.api(),
      taskId: TASK.id,
      idleMs: 1,
      renewEveryMs: RENEW_EVERY_MS,
      log: (line) => {
        lines.push(line);
        ledger.log(line);
      },
    });
    assert.deepEqual(report, { trialsReported: 1, leasesLost: 0, taskState: 'completed' });
    assert.equal(
      lines.filter((line) => /renewal failed \(gateway unreachable/.test(line)).length,
      2,
    );
    assert.ok(ledger.events.filter((event) => event === 'renew').length > 2);
  });
});
