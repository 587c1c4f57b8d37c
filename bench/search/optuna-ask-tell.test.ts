import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { standardObjectives, type BenchObjective } from './objectives';
import { runOptunaAskTell, startOptunaAskTell } from './optuna-ask-tell';
import { PYTHON, runOptunaSearch } from './optuna-runner';

function objective(name: string): BenchObjective {
  const found = standardObjectives.find((candidate) => candidate.name === name);
  assert.ok(found !== undefined);
  return found;
}

const TWELVE = { budget: 12, minTrials: 12, target: undefined, sign: 1 } as const;

describe('Optuna ask/tell bridge', () => {
  it('runs the same study as the script does in one process', async () => {
    // Same seed and distributions; the TypeScript and Python objectives agree to 1e-12, so the
    // study sees the same values and asks for the same configurations.
    for (const name of ['branin', 'conditional-models']) {
      const bridged = await runOptunaAskTell(objective(name), [0], TWELVE);
      const inProcess = await runOptunaSearch(objective(name), [0], TWELVE);
      assert.match(bridged.version, /^3\./);
      const ours = bridged.runs[0]?.values ?? [];
      const theirs = inProcess.runs[0]?.values ?? [];
      assert.equal(ours.length, 12);
      ours.forEach((value, trial) => {
        const expected = theirs[trial] ?? NaN;
        assert.ok(
          value !== null && Math.abs(value - expected) <= 1e-9 * Math.max(1, Math.abs(expected)),
          `${name} trial ${String(trial)}: bridge ${String(value)}, script ${String(expected)}`,
        );
      });
    }
  });

  it('tells failed trials as failed and keeps asking; refuses calls out of turn', async () => {
    const study = await startOptunaAskTell({
      space: objective('branin').space,
      seed: 3,
      direction: 'minimize',
    });
    try {
      const first = await study.ask();
      assert.equal(typeof first['x1'], 'number');
      await assert.rejects(study.ask(), /tell the value/);
      assert.throws(() => {
        study.tell(Number.NaN);
      }, /finite or null/);
      study.tell(null);
      assert.throws(() => {
        study.tell(1);
      }, /no trial is waiting/);
      for (let trial = 1; trial < 4; trial += 1) {
        const configuration = await study.ask();
        study.tell(objective('branin').evaluate(configuration) as number);
      }
    } finally {
      await study.close();
    }
  });

  it('says so when the python module optuna is missing', async () => {
    // -S leaves out site-packages, where Debian's python3-optuna lives.
    await assert.rejects(
      startOptunaAskTell({
        space: objective('branin').space,
        seed: 0,
        direction: 'minimize',
        interpreter: { command: PYTHON, args: ['-S'] },
      }),
      /optuna is missing/,
    );
  });
});
