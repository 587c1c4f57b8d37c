import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DeuroError, errorCatalogue, invalidArgument, isDeuroError, notFound } from './errors';

describe('DeuroError', () => {
  it('starts its message with its code', () => {
    const err = new DeuroError('DEURO_NOT_FOUND', 'thing t1 does not exist');
    assert.equal(err.message, 'DEURO_NOT_FOUND: thing t1 does not exist');
    assert.equal(err.code, 'DEURO_NOT_FOUND');
    assert.equal(err.detail, 'thing t1 does not exist');
    assert.ok(err instanceof Error);
  });

  it('uses only codes from the catalogue, all prefixed DEURO_', () => {
    for (const code of Object.keys(errorCatalogue)) {
      assert.match(code, /^DEURO_[A-Z_]+$/);
    }
  });
});

describe('error factories', () => {
  it('invalidArgument carries DEURO_INVALID_ARGUMENT', () => {
    const err = invalidArgument('key must not be empty');
    assert.ok(isDeuroError(err, 'DEURO_INVALID_ARGUMENT'));
    assert.equal(err.message, 'DEURO_INVALID_ARGUMENT: key must not be empty');
  });

  it('notFound names the object type and id', () => {
    const err = notFound('value', 'k1');
    assert.ok(isDeuroError(err, 'DEURO_NOT_FOUND'));
    assert.equal(err.detail, 'value k1 does not exist');
  });

  it('isDeuroError rejects other errors and other codes', () => {
    assert.equal(isDeuroError(new Error('DEURO_NOT_FOUND: x')), false);
    assert.equal(isDeuroError(notFound('value', 'k1'), 'DEURO_INVALID_ARGUMENT'), false);
  });
});
