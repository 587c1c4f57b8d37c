/*
 * TrainingContract on a fake stub: the search space is refused on chain when it breaks the
 * grammar, the lease rule at expiry (renewal refused, a report accepted until someone re-leases),
 * metrics that are not integers, and cancellation. Each transaction runs at its own transaction
 * time over one shared world state.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { Context } from 'fabric-contract-api';

import { ASSET_OBJECT_TYPE } from '../assets/asset-store';
import { isDeuroError, type ErrorCode } from '../ledger/errors';
import { writeRecord } from '../ledger/state';
import { newFakeContext } from '../testing/fake-context';
import { TrainingContract } from './training.contract';
import { findTrial } from './training-store';

const contract = new TrainingContract();

const OWNER = 'x509::/C=US/CN=owner::/C=US/CN=ca.org1';
const W1 = 'x509::/C=US/CN=worker1::/C=US/CN=ca.org1';
const W2 = 'x509::/C=US/CN=worker2::/C=US/CN=ca.org1';

/** The lease time of the tasks below, and the time of their creation. */
const LEASE = 10;
const T0 = 1_700_000_000;

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
  },
};

const RESULT = {
  configuration: { model: 'softmax', learningRate: 0.02 },
  accuracyBasisPoints: 5000,
  correct: 1,
  count: 2,
  lossRaw: 0,
  weightsSha256: '0'.repeat(64),
  checkpointSha256: '0'.repeat(64),
  modelAssetId: 'model-1',
};

/** A ledger shared by the transactions of one test. */
function newLedger(): { state: Map<string, Uint8Array>; tx: (who: string, at: number) => Context } {
  const state = new Map<string, Uint8Array>();
  let count = 0;
  const tx = (who: string, at: number): Context => {
    count++;
    const { ctx } = newFakeContext(
      { txId: `tx-${String(count)}`, txTimestamp: { seconds: at, nanos: 0 }, mspId: 'Org1MSP' },
      state,
    );
    ctx.clientIdentity = {
      getMSPID: () => 'Org1MSP',
      getID: () => who,
    } as unknown as Context['clientIdentity'];
    return ctx;
  };
  return { state, tx };
}

/** A ledger with a data set asset, a model asset and an open task `task-1`. */
async function ledgerWithTask(): Promise<ReturnType<typeof newLedger>> {
  const ledger = newLedger();
  const setup = ledger.tx(OWNER, T0);
  await writeRecord(setup.stub, ASSET_OBJECT_TYPE, 'digits-1', { id: 'digits-1', kind: 'dataset' });
  await writeRecord(setup.stub, ASSET_OBJECT_TYPE, 'model-1', { id: 'model-1', kind: 'model' });
  await contract.CreateTrainingTask(
    ledger.tx(OWNER, T0),
    JSON.stringify({
      id: 'task-1',
      modelName: 'digits',
      datasets: ['digits-1'],
      searchSpace: SPACE,
      trials: 2,
      parallelism: 2,
      leaseSeconds: LEASE,
    }),
  );
  return ledger;
}

/** Nested choices `c1 > c2 > ... > c<depth>`, each with one option holding the next. */
function nestedChoices(depth: number): unknown {
  let parameters: Record<string, unknown> = { leaf: { type: 'uniform', low: 0, high: 1 } };
  for (let level = depth; level >= 1; level -= 1) {
    parameters = {
      [`c${String(level)}`]: { type: 'choice', options: [{ value: 'a', parameters }] },
    };
  }
  return { parameters };
}

const refusedWith =
  (code: ErrorCode, detail: RegExp) =>
  (error: unknown): boolean => {
    assert.ok(isDeuroError(error, code), String(error));
    assert.match(error.message, detail);
    return true;
  };

/** World state as text, to show that a refused transaction changed nothing. */
const snapshot = (state: Map<string, Uint8Array>): string[] =>
  [...state].map(([key, value]) => `${key}=${Buffer.from(value).toString('utf8')}`).sort();

describe('TrainingContract search spaces', () => {
  const at = (pointer: string): RegExp =>
    new RegExp(`^DEURO_INVALID_ARGUMENT: request\\.searchSpace at ${pointer}: `);
  for (const [name, space, message] of [
    ['an empty parameters object', { parameters: {} }, at('/parameters')],
    ['parameters that are not an object', { parameters: [] }, at('/parameters')],
    [
      'an unknown parameter type',
      { parameters: { x: { type: 'normal', low: 0, high: 1 } } },
      at('/parameters/x/type'),
    ],
    [
      'a parameter without a type',
      { parameters: { x: { low: 0, high: 1 } } },
      at('/parameters/x/type'),
    ],
    [
      'a loguniform from 0',
      { parameters: { lr: { type: 'loguniform', low: 0, high: 1 } } },
      at('/parameters/lr/low'),
    ],
    [
      'a uniform with a bound as a string',
      { parameters: { x: { type: 'uniform', low: '0', high: 1 } } },
      at('/parameters/x/low'),
    ],
    [
      'a quniform without q',
      { parameters: { x: { type: 'quniform', low: 0, high: 1 } } },
      at('/parameters/x/q'),
    ],
    [
      'a qloguniform below 0',
      { parameters: { x: { type: 'qloguniform', low: -1, high: 1, q: 1 } } },
      at('/parameters/x/low'),
    ],
    [
      'an int with a fractional bound',
      { parameters: { x: { type: 'int', low: 0.5, high: 3 } } },
      at('/parameters/x/low'),
    ],
    [
      'an int with high below low',
      { parameters: { x: { type: 'int', low: 3, high: 1 } } },
      at('/parameters/x/high'),
    ],
    [
      'a fault in a nested choice branch',
      {
        parameters: {
          m: {
            type: 'choice',
            options: ['a', { value: 'b', parameters: { y: { type: 'uniform', low: 1, high: 0 } } }],
          },
        },
      },
      at('/parameters/m/options/1/parameters/y/high'),
    ],
    [
      'a choice without options',
      { parameters: { x: { type: 'choice', options: [] } } },
      at('/parameters/x/options'),
    ],
    [
      'choices nested nine deep',
      nestedChoices(9),
      at(
        `/parameters/c1${Array.from({ length: 8 }, (_, level) => `/options/0/parameters/c${String(level + 2)}`).join('')}`,
      ),
    ],
    [
      'more than 256 parameters',
      {
        parameters: Object.fromEntries(
          Array.from({ length: 257 }, (_, i) => [
            `p${String(i).padStart(3, '0')}`,
            { type: 'int', low: 0, high: 1 },
          ]),
        ),
      },
      at('/parameters/p256'),
    ],
    [
      'an array',
      [1],
      /^DEURO_INVALID_ARGUMENT: request\.searchSpace: a search space must be a JSON object/,
    ],
    ['no space', undefined, /^DEURO_INVALID_ARGUMENT: request\.searchSpace: /],
  ] as const) {
    it(`refuses ${name}, naming the field, and stores nothing`, async () => {
      const ledger = newLedger();
      const setup = ledger.tx(OWNER, T0);
      await writeRecord(setup.stub, ASSET_OBJECT_TYPE, 'digits-1', { id: 'digits-1' });
      const before = snapshot(ledger.state);
      await assert.rejects(
        contract.CreateTrainingTask(
          ledger.tx(OWNER, T0),
          JSON.stringify({
            id: 'task-bad',
            modelName: 'digits',
            datasets: ['digits-1'],
            searchSpace: space,
            trials: 2,
          }),
        ),
        refusedWith('DEURO_INVALID_ARGUMENT', message),
      );
      assert.deepEqual(snapshot(ledger.state), before);
    });
  }

  it('keeps a valid space as JSON text with sorted keys', async () => {
    const ledger = await ledgerWithTask();
    const task = JSON.parse(await contract.GetTrainingTask(ledger.tx(OWNER, T0 + 1), 'task-1')) as {
      searchSpace: unknown;
    };
    assert.equal(typeof task.searchSpace, 'string');
    assert.deepEqual(JSON.parse(task.searchSpace as string), SPACE);
  });
});

describe('TrainingContract leases at expiry', () => {
  it('renews a lease before it expires and refuses to renew it once expired', async () => {
    const ledger = await ledgerWithTask();
    await contract.LeaseTrial(ledger.tx(W1, T0 + 1), 'task-1', '0');
    const renewed = JSON.parse(
      await contract.RenewTrialLease(ledger.tx(W1, T0 + 1 + LEASE - 1), 'task-1', '0'),
    ) as { leaseExpiresAt: number };
    assert.equal(renewed.leaseExpiresAt, T0 + 2 * LEASE);
    const before = snapshot(ledger.state);
    await assert.rejects(
      contract.RenewTrialLease(ledger.tx(W1, T0 + 2 * LEASE), 'task-1', '0'),
      refusedWith(
        'DEURO_LEASE_NOT_HELD',
        new RegExp(`expired at ${new Date((T0 + 2 * LEASE) * 1000).toISOString()}`),
      ),
    );
    assert.deepEqual(snapshot(ledger.state), before);
  });

  it('accepts the holder’s report after expiry while nobody has leased the trial again', async () => {
    const ledger = await ledgerWithTask();
    await contract.LeaseTrial(ledger.tx(W1, T0 + 1), 'task-1', '0');
    const reported = JSON.parse(
      await contract.ReportTrial(
        ledger.tx(W1, T0 + 1 + 5 * LEASE),
        'task-1',
        '0',
        JSON.stringify(RESULT),
      ),
    ) as { state: string; leases: number; result: { correct: number } };
    assert.equal(reported.state, 'reported');
    assert.equal(reported.leases, 1);
    assert.equal(reported.result.correct, 1);
  });

  it('refuses the former holder’s report and renewal once another worker leased the trial', async () => {
    const ledger = await ledgerWithTask();
    await contract.LeaseTrial(ledger.tx(W1, T0 + 1), 'task-1', '0');
    await assert.rejects(
      contract.LeaseTrial(ledger.tx(W2, T0 + LEASE), 'task-1', '0'),
      refusedWith('DEURO_INVALID_TRANSITION', /leased until/),
    );
    const released = JSON.parse(
      await contract.LeaseTrial(ledger.tx(W2, T0 + 1 + LEASE), 'task-1', '0'),
    ) as { leases: number };
    assert.equal(released.leases, 2);
    const before = snapshot(ledger.state);
    for (const late of [
      contract.ReportTrial(ledger.tx(W1, T0 + 2 + LEASE), 'task-1', '0', JSON.stringify(RESULT)),
      contract.RenewTrialLease(ledger.tx(W1, T0 + 2 + LEASE), 'task-1', '0'),
      contract.ReportTrialFailure(
        ledger.tx(W1, T0 + 2 + LEASE),
        'task-1',
        '0',
        'DEURO_TRAINING_INVALID_CONFIG',
        '{}',
      ),
    ]) {
      await assert.rejects(late, refusedWith('DEURO_LEASE_NOT_HELD', /not leased by Org1MSP\//));
    }
    assert.deepEqual(snapshot(ledger.state), before);
    await contract.ReportTrial(
      ledger.tx(W2, T0 + 2 + LEASE),
      'task-1',
      '0',
      JSON.stringify(RESULT),
    );
  });
});

describe('TrainingContract results', () => {
  for (const [field, value] of [
    ['accuracyBasisPoints', 5000.5],
    ['correct', 1.5],
    ['count', 2.000001],
    ['lossRaw', 0.25],
    ['accuracyBasisPoints', '5000'],
  ] as const) {
    it(`refuses a result whose ${field} is ${JSON.stringify(value)}, and the trial is unchanged`, async () => {
      const ledger = await ledgerWithTask();
      await contract.LeaseTrial(ledger.tx(W1, T0 + 1), 'task-1', '0');
      const before = snapshot(ledger.state);
      await assert.rejects(
        contract.ReportTrial(
          ledger.tx(W1, T0 + 2),
          'task-1',
          '0',
          JSON.stringify({ ...RESULT, [field]: value }),
        ),
        refusedWith(
          'DEURO_INVALID_ARGUMENT',
          new RegExp(`^DEURO_INVALID_ARGUMENT: result\\.${field} `),
        ),
      );
      assert.deepEqual(snapshot(ledger.state), before);
      assert.equal((await findTrial(ledger.tx(OWNER, T0 + 3).stub, 'task-1', 0))?.state, 'leased');
    });
  }
});

describe('TrainingContract cancellation', () => {
  it('lets the owner cancel a task, after which no trial can be leased', async () => {
    const ledger = await ledgerWithTask();
    await assert.rejects(
      contract.CancelTrainingTask(ledger.tx(W1, T0 + 1), 'task-1'),
      refusedWith('DEURO_ACCESS_DENIED', /only the owner/),
    );
    const cancelled = JSON.parse(
      await contract.CancelTrainingTask(ledger.tx(OWNER, T0 + 1), 'task-1'),
    ) as { state: string };
    assert.equal(cancelled.state, 'cancelled');
    await assert.rejects(
      contract.LeaseTrial(ledger.tx(W1, T0 + 2), 'task-1', '0'),
      refusedWith('DEURO_INVALID_TRANSITION', /is cancelled/),
    );
    await assert.rejects(
      contract.CancelTrainingTask(ledger.tx(OWNER, T0 + 2), 'task-1'),
      refusedWith('DEURO_INVALID_TRANSITION', /is cancelled/),
    );
  });
});
