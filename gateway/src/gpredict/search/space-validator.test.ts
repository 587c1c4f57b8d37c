import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { isSearchError, SearchError } from './search-error.js';
import { parseSearchSpace, validateSearchSpace } from './search-space.js';
import { findSpaceProblem, SPACE_LIMITS } from './space-validator.js';

/** A space with one parameter `x` described by `parameter`. */
function withX(parameter: unknown): unknown {
  return { parameters: { x: parameter } };
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

const VALID = {
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

/** Each invalid description with the JSON Pointer its fault must be reported at. */
const INVALID: readonly (readonly [string, unknown, string])[] = [
  ['not an object', [1, 2], ''],
  ['null', null, ''],
  ['unknown top-level key', { parameters: {}, extra: 1 }, '/extra'],
  [
    'unknown version',
    { version: 2, parameters: { x: { type: 'int', low: 0, high: 1 } } },
    '/version',
  ],
  ['no parameters', { version: 1 }, '/parameters'],
  ['parameters as an array', { parameters: [] }, '/parameters'],
  ['empty space', { parameters: {} }, '/parameters'],
  [
    'name starting with a digit',
    { parameters: { '1x': { type: 'int', low: 0, high: 1 } } },
    '/parameters/1x',
  ],
  [
    'name with a slash',
    { parameters: { 'a/b': { type: 'int', low: 0, high: 1 } } },
    '/parameters/a~1b',
  ],
  [
    'name with a tilde',
    { parameters: { 'a~b': { type: 'int', low: 0, high: 1 } } },
    '/parameters/a~0b',
  ],
  [
    '__proto__ as a name',
    JSON.parse('{"parameters":{"__proto__":{"type":"int","low":0,"high":1}}}'),
    '/parameters/__proto__',
  ],
  [
    'name too long',
    { parameters: { ['a'.repeat(65)]: { type: 'int', low: 0, high: 1 } } },
    `/parameters/${'a'.repeat(65)}`,
  ],
  ['parameter not an object', withX(3), '/parameters/x'],
  ['unknown type', withX({ type: 'normal', low: 0, high: 1 }), '/parameters/x/type'],
  ['missing type', withX({ low: 0, high: 1 }), '/parameters/x/type'],
  ['missing low', withX({ type: 'uniform', high: 1 }), '/parameters/x/low'],
  ['low as a string', withX({ type: 'uniform', low: '0', high: 1 }), '/parameters/x/low'],
  ['NaN bound', withX({ type: 'uniform', low: NaN, high: 1 }), '/parameters/x/low'],
  ['infinite bound', withX({ type: 'uniform', low: 0, high: Infinity }), '/parameters/x/high'],
  ['bound too large', withX({ type: 'uniform', low: 0, high: 2e15 }), '/parameters/x/high'],
  ['low equal to high', withX({ type: 'uniform', low: 1, high: 1 }), '/parameters/x/high'],
  ['low above high', withX({ type: 'quniform', low: 2, high: 1, q: 0.1 }), '/parameters/x/high'],
  ['q on uniform', withX({ type: 'uniform', low: 0, high: 1, q: 0.1 }), '/parameters/x/q'],
  ['loguniform from 0', withX({ type: 'loguniform', low: 0, high: 1 }), '/parameters/x/low'],
  [
    'qloguniform below 0',
    withX({ type: 'qloguniform', low: -1, high: 1, q: 1 }),
    '/parameters/x/low',
  ],
  ['quniform without q', withX({ type: 'quniform', low: 0, high: 1 }), '/parameters/x/q'],
  ['quniform with q 0', withX({ type: 'quniform', low: 0, high: 1, q: 0 }), '/parameters/x/q'],
  ['int with a fraction', withX({ type: 'int', low: 0.5, high: 3 }), '/parameters/x/low'],
  [
    'int beyond the magnitude limit',
    withX({ type: 'int', low: 0, high: 2 ** 53 }),
    '/parameters/x/high',
  ],
  ['int with step 0', withX({ type: 'int', low: 0, high: 3, step: 0 }), '/parameters/x/step'],
  [
    'int with a fractional step',
    withX({ type: 'int', low: 0, high: 3, step: 1.5 }),
    '/parameters/x/step',
  ],
  ['int with q', withX({ type: 'int', low: 0, high: 3, q: 1 }), '/parameters/x/q'],
  [
    'int log not a boolean',
    withX({ type: 'int', low: 1, high: 3, log: 'yes' }),
    '/parameters/x/log',
  ],
  ['int log from 0', withX({ type: 'int', low: 0, high: 3, log: true }), '/parameters/x/low'],
  [
    'int log with a step',
    withX({ type: 'int', low: 1, high: 9, step: 2, log: true }),
    '/parameters/x/step',
  ],
  ['choice without options', withX({ type: 'choice' }), '/parameters/x/options'],
  ['choice with no option', withX({ type: 'choice', options: [] }), '/parameters/x/options'],
  [
    'choice with an unknown key',
    withX({ type: 'choice', options: ['a'], low: 0 }),
    '/parameters/x/low',
  ],
  ['float option', withX({ type: 'choice', options: ['a', 0.5] }), '/parameters/x/options/1'],
  ['null option', withX({ type: 'choice', options: [null] }), '/parameters/x/options/0'],
  [
    'label too long',
    withX({ type: 'choice', options: ['a'.repeat(129)] }),
    '/parameters/x/options/0',
  ],
  [
    'repeated option',
    withX({ type: 'choice', options: ['a', 'b', { value: 'a' }] }),
    '/parameters/x/options/2/value',
  ],
  [
    'option object without value',
    withX({ type: 'choice', options: [{ parameters: {} }] }),
    '/parameters/x/options/0/value',
  ],
  [
    'option object with an unknown key',
    withX({ type: 'choice', options: [{ value: 'a', params: {} }] }),
    '/parameters/x/options/0/params',
  ],
  [
    'option parameters not an object',
    withX({ type: 'choice', options: [{ value: 'a', parameters: [] }] }),
    '/parameters/x/options/0/parameters',
  ],
  [
    'fault inside a branch',
    withX({
      type: 'choice',
      options: ['a', { value: 'b', parameters: { y: { type: 'uniform', low: 1, high: 0 } } }],
    }),
    '/parameters/x/options/1/parameters/y/high',
  ],
  [
    'name repeated in another branch',
    {
      parameters: {
        c: {
          type: 'choice',
          options: [
            { value: 'a', parameters: { y: { type: 'int', low: 0, high: 1 } } },
            { value: 'b', parameters: { y: { type: 'int', low: 0, high: 1 } } },
          ],
        },
      },
    },
    '/parameters/c/options/1/parameters/y',
  ],
  [
    'too many options',
    withX({ type: 'choice', options: Array.from({ length: 257 }, (_, i) => i) }),
    '/parameters/x/options',
  ],
  [
    'choices nested too deep',
    nestedChoices(SPACE_LIMITS.maxChoiceDepth + 1),
    '/parameters/c1' +
      Array.from(
        { length: SPACE_LIMITS.maxChoiceDepth },
        (_, level) => `/options/0/parameters/c${String(level + 2)}`,
      ).join(''),
  ],
  [
    'too many parameters',
    {
      parameters: Object.fromEntries(
        Array.from({ length: 257 }, (_, i) => [
          `p${String(i).padStart(3, '0')}`,
          { type: 'int', low: 0, high: 1 },
        ]),
      ),
    },
    '/parameters/p256',
  ],
];

describe('search-space grammar', () => {
  it('accepts every parameter type, nested branches and the limits themselves', () => {
    assert.equal(findSpaceProblem(VALID), undefined);
    assert.equal(findSpaceProblem(nestedChoices(SPACE_LIMITS.maxChoiceDepth)), undefined);
    const space = validateSearchSpace(VALID);
    assert.deepEqual(
      space.root.parameters.map((parameter) => parameter.name),
      ['batch', 'dropout', 'layers', 'lr', 'model', 'momentum', 'stride', 'units'],
    );
    assert.ok(space.parameters.has('svm.C'));
  });

  for (const [name, description, path] of INVALID) {
    it(`rejects ${name} at ${path === '' ? '(document)' : path}`, () => {
      assert.equal(findSpaceProblem(description)?.path, path);
      assert.throws(
        () => validateSearchSpace(description),
        (error: unknown) =>
          error instanceof SearchError &&
          error.code === 'DEURO_SEARCH_INVALID_SPACE' &&
          error.path === path &&
          error.message.startsWith('DEURO_SEARCH_INVALID_SPACE: '),
      );
    });
  }

  it('reports the same first fault whatever the key order of the text', () => {
    const a = {
      parameters: { b: { type: 'int', low: 2, high: 1 }, a: { type: 'int', low: 2, high: 1 } },
    };
    const b = {
      parameters: { a: { type: 'int', low: 2, high: 1 }, b: { type: 'int', low: 2, high: 1 } },
    };
    assert.equal(findSpaceProblem(a)?.path, '/parameters/a/high');
    assert.equal(findSpaceProblem(b)?.path, '/parameters/a/high');
  });

  it('parses JSON text and reports text that is not JSON at the document', () => {
    assert.equal(parseSearchSpace(JSON.stringify(VALID)).root.parameters.length, 8);
    assert.throws(
      () => parseSearchSpace('{"parameters": '),
      (error: unknown) => isSearchError(error, 'DEURO_SEARCH_INVALID_SPACE') && error.path === '',
    );
  });
});
