import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { newRandomSearch } from '../../gateway/src/gpredict/search/index';
import { standardObjectives } from './objectives';
import { evaluateWithOptunaScript, runOptunaSearch } from './optuna-runner';

describe('Optuna reference script', () => {
  it('runs a short Optuna TPE search and answers JSON', async () => {
    const branin = standardObjectives.find((objective) => objective.name === 'branin');
    assert.ok(branin !== undefined);
    const result = await runOptunaSearch(branin, [0], {
      budget: 12,
      minTrials: 12,
      target: undefined,
      sign: 1,
    });
    assert.match(result.version, /^3\./);
    assert.equal(result.runs.length, 1);
    assert.equal(result.runs[0]?.values.length, 12);
  });

  it('computes the same objective values as the TypeScript objectives', async () => {
    for (const objective of standardObjectives.filter((candidate) => candidate.optuna)) {
      const search = newRandomSearch({ space: objective.space, seed: `agree-${objective.name}` });
      const configurations = Array.from({ length: 40 }, (_, trial) => search.suggest(trial));
      const theirs = await evaluateWithOptunaScript(objective.name, configurations);
      for (const [index, configuration] of configurations.entries()) {
        const ours = await objective.evaluate(configuration);
        const expected = theirs[index] ?? NaN;
        assert.ok(
          ours !== null && Math.abs(ours - expected) <= 1e-12 * Math.max(1, Math.abs(expected)),
          `${objective.name} ${JSON.stringify(configuration)}: ${String(ours)} vs ${String(expected)}`,
        );
      }
    }
  });
});
