import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { RoundResult } from './closed-loop';
import { roundSize } from './ledger-bench';
import { formatReport } from './report';
import { summarizeWorkload } from './workload-summary';

const round = (committed: number, wallMs: number, failed = 0): RoundResult => ({
  committed,
  wallMs,
  latenciesMs: Array.from({ length: committed }, (_, i) => 100 + i),
  failures: failed > 0 ? new Map([['commit MVCC_READ_CONFLICT', failed]]) : new Map(),
});

void describe('report', () => {
  it('gives TPS over the summed wall time and the ratio against the goal', () => {
    const baseline = summarizeWorkload('PutValue (baseline)', 324, [
      round(100, 1000),
      round(100, 1000),
    ]);
    const assets = summarizeWorkload('RegisterAsset', 324, [round(90, 1000, 2), round(70, 1000)]);
    assert.equal(baseline.tps, 100);
    assert.equal(assets.tps, 80);
    assert.equal(assets.transactions, 162);
    const text = formatReport([baseline, assets]).join('\n');
    assert.match(text, /= 0\.80x \(goal >= 0\.80x\): PASS/);
    assert.match(text, /RegisterAsset: 2 x commit MVCC_READ_CONFLICT/);
  });

  it('says BELOW under the goal', () => {
    const baseline = summarizeWorkload('PutValue (baseline)', 1, [round(100, 1000)]);
    const assets = summarizeWorkload('RegisterAsset', 1, [round(79, 1000)]);
    assert.match(formatReport([baseline, assets]).join('\n'), /: BELOW$/m);
  });

  it('splits transactions over rounds without losing any', () => {
    assert.deepEqual(
      [1, 2, 3].map((r) => roundSize(10, 3, r)),
      [4, 3, 3],
    );
  });
});
