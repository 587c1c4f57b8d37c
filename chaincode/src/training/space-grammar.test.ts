/*
 * The chaincode's copy of the search-space grammar: the same code as the gateway's validator (a
 * drift fails here), accepting what the gateway accepts. Its refusals, as the contract reports
 * them, are tested in training.contract.test.ts.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

import { findSpaceProblem, SPACE_LIMITS } from './space-grammar';
import { searchSpaceField } from './training-requests';

/** The code after the module header. */
const body = (path: string): string => {
  const text = readFileSync(path, 'utf8');
  return text.slice(text.indexOf('/** The grammar'));
};

describe('search-space grammar on chain', () => {
  it('is the gateway validator, verbatim', () => {
    const gateway = join(
      __dirname,
      ...['..', '..', '..', 'gateway', 'src', 'gpredict', 'search', 'space-validator.ts'],
    );
    assert.equal(body(join(__dirname, 'space-grammar.ts')), body(gateway));
  });

  it('accepts every parameter type, nested branches and the limits themselves', () => {
    const space = {
      version: 1,
      parameters: {
        lr: { type: 'loguniform', low: 1e-5, high: 1 },
        momentum: { type: 'uniform', low: 0, high: 0.99 },
        dropout: { type: 'quniform', low: 0, high: 0.9, q: 0.05 },
        batch: { type: 'qloguniform', low: 16, high: 512, q: 16 },
        layers: { type: 'int', low: 1, high: 8 },
        units: { type: 'int', low: 8, high: 1024, log: true },
        stride: { type: 'int', low: 0, high: 12, step: 3 },
        model: {
          type: 'choice',
          options: [
            'linear',
            7,
            false,
            { value: 'svm', parameters: { 'svm.C': { type: 'loguniform', low: 0.01, high: 100 } } },
            { value: 'empty', parameters: {} },
          ],
        },
      },
    };
    assert.equal(findSpaceProblem(space), undefined);
    let nested: Record<string, unknown> = { leaf: { type: 'uniform', low: 0, high: 1 } };
    for (let level: number = SPACE_LIMITS.maxChoiceDepth; level >= 1; level -= 1) {
      nested = {
        [`c${String(level)}`]: { type: 'choice', options: [{ value: 'a', parameters: nested }] },
      };
    }
    assert.equal(findSpaceProblem({ parameters: nested }), undefined);
    // Stored as text with sorted keys: the same text whatever the key order of the request.
    const reordered = {
      parameters: Object.fromEntries(Object.entries(space.parameters).reverse()),
      version: 1,
    };
    assert.equal(searchSpaceField(reordered, 'f'), searchSpaceField(space, 'f'));
  });
});
