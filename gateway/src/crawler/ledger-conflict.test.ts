import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { CodedError } from '../errors/coded-error';
import { isLedgerConflict, retryOnConflict } from './ledger-conflict';

/** How the CLI's gateway client reports a 409 DEURO_LEDGER_CONFLICT problem. */
const conflict = (): Error =>
  Object.assign(new Error('DEURO_LEDGER_CONFLICT: another transaction changed the same data'), {
    code: 'DEURO_LEDGER_CONFLICT',
  });

void describe('isLedgerConflict', () => {
  void it('is true for any error with the code DEURO_LEDGER_CONFLICT, and only for those', () => {
    assert.equal(isLedgerConflict(conflict()), true);
    assert.equal(isLedgerConflict(new CodedError('DEURO_LEDGER_CONFLICT', 'x')), true);
    assert.equal(isLedgerConflict(new CodedError('DEURO_INTERNAL', 'x')), false);
    assert.equal(isLedgerConflict(new Error('MVCC_READ_CONFLICT')), false, 'never by text');
    assert.equal(isLedgerConflict('DEURO_LEDGER_CONFLICT'), false);
    assert.equal(isLedgerConflict(undefined), false);
  });
});

void describe('retryOnConflict', () => {
  void it('calls again after a conflict, reporting each one, and returns the first success', async () => {
    const attempts: number[] = [];
    let calls = 0;
    const value = await retryOnConflict(
      () => {
        calls++;
        return calls < 3 ? Promise.reject(conflict()) : Promise.resolve('done');
      },
      { attempts: 5, baseDelayMs: 1, onConflict: (attempt) => attempts.push(attempt) },
    );
    assert.equal(value, 'done');
    assert.equal(calls, 3);
    assert.deepEqual(attempts, [1, 2]);
  });

  void it('stops after `attempts` calls and throws the last conflict', async () => {
    let calls = 0;
    const attempts: number[] = [];
    await assert.rejects(
      retryOnConflict(
        () => {
          calls++;
          return Promise.reject(conflict());
        },
        { attempts: 3, baseDelayMs: 1, onConflict: (attempt) => attempts.push(attempt) },
      ),
      (error: unknown) => isLedgerConflict(error),
    );
    assert.equal(calls, 3);
    assert.deepEqual(attempts, [1, 2, 3]);
  });

  void it('never retries another error', async () => {
    let calls = 0;
    await assert.rejects(
      retryOnConflict(
        () => {
          calls++;
          return Promise.reject(new CodedError('DEURO_INTERNAL', 'the ledger transaction failed'));
        },
        { attempts: 5, baseDelayMs: 1, onConflict: () => assert.fail('not a conflict') },
      ),
      (error: unknown) => error instanceof CodedError && error.code === 'DEURO_INTERNAL',
    );
    assert.equal(calls, 1);
  });
});
