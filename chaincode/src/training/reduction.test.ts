import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { floorDivide, reduceContributions, reduceTrials } from './reduction';
import type { ContributionRecord, TrialRecord } from './training-records';

const trial = (number: number, correct: number, count: number): TrialRecord => ({
  taskId: 't',
  number,
  state: 'reported',
  holder: 'w',
  leaseExpiresAt: 0,
  leases: 1,
  result: {
    configuration: '{}',
    accuracyBasisPoints: Math.floor((10_000 * correct) / count),
    correct,
    count,
    lossRaw: 0,
    weightsSha256: '0'.repeat(64),
    checkpointSha256: '0'.repeat(64),
    modelAssetId: `m${String(number)}`,
  },
  failure: null,
  failedConfiguration: null,
  reportedBy: 'w',
  lastTxId: 'x',
});

const contribution = (
  contributor: string,
  values: string[],
  count: number,
): ContributionRecord => ({
  taskId: 't',
  round: 0,
  contributor,
  values,
  count,
});

describe('reduction', () => {
  it('floor-divides negatives towards minus infinity', () => {
    assert.equal(floorDivide(7n, 2n), 3n);
    assert.equal(floorDivide(-7n, 2n), -4n);
    assert.equal(floorDivide(-8n, 2n), -4n);
  });

  it('reduces trials exactly and picks the best (lowest number on ties), in any order', () => {
    const trials = [trial(0, 300, 359), trial(1, 340, 359), trial(2, 340, 359), trial(3, 100, 359)];
    const reduced = reduceTrials(trials);
    assert.deepEqual(reduceTrials([...trials].reverse()), reduced);
    assert.equal(reduced.correctSum, '1080');
    assert.equal(reduced.countSum, '1436');
    assert.equal(reduced.meanAccuracyBasisPoints, Math.floor((10_000 * 1080) / 1436));
    assert.equal(reduced.bestTrial, 1);
  });

  it('sums contributions element-wise whatever the order, beyond 2^53', () => {
    const big = '9007199254740993';
    const parts = [
      contribution('a', [big, '-5'], 3),
      contribution('b', ['1', '2'], 4),
      contribution('c', ['-1', '-3'], 1),
    ];
    const reduced = reduceContributions('t', 0, parts);
    assert.deepEqual(reduceContributions('t', 0, [...parts].reverse()), reduced);
    assert.deepEqual(reduced.sum, ['9007199254740993', '-6']);
    assert.equal(reduced.count, '8');
    assert.deepEqual(reduced.mean, ['1125899906842624', '-1']);
  });
});
