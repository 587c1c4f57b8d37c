import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { StoreError, isStoreError, storeErrorCatalogue, storeIoError } from './store-error';

const DOC = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'store-and-wallet.md'), 'utf8');

/** The `| `CODE` | status |` rows of the documentation for codes starting with a prefix. */
function documentedStatuses(prefix: string): Record<string, number> {
  const rows = DOC.matchAll(/^\| `([A-Z_]+)` \| (\d{3}) \|/gm);
  return Object.fromEntries(
    [...rows]
      .filter((row) => row[1]?.startsWith(prefix))
      .map((row) => [row[1] ?? '', Number(row[2])]),
  );
}

describe('StoreError', () => {
  it('starts its message with its code and keeps the address and cause', () => {
    const cause = new Error('disk');
    const err = new StoreError('DEURO_STORE_IO', 'write failed', { sha256: 'ab', cause });

    assert.equal(err.message, 'DEURO_STORE_IO: write failed');
    assert.equal(err.name, 'StoreError');
    assert.equal(err.sha256, 'ab');
    assert.equal(err.cause, cause);
    assert.equal(isStoreError(err, 'DEURO_STORE_IO'), true);
    assert.equal(isStoreError(err, 'DEURO_STORE_TAMPERED'), false);
    assert.equal(isStoreError(cause), false);
  });

  it('wraps system errors as DEURO_STORE_IO naming their code, and keeps StoreErrors', () => {
    const system = Object.assign(new Error('no space'), { code: 'ENOSPC' });
    const wrapped = storeIoError('write upload', system);
    const tooLarge = new StoreError('DEURO_STORE_TOO_LARGE', 'too large');

    assert.equal(wrapped.code, 'DEURO_STORE_IO');
    assert.equal(wrapped.message, 'DEURO_STORE_IO: write upload failed (ENOSPC)');
    assert.equal(storeIoError('x', tooLarge), tooLarge);
  });

  it('is documented code by code, with the same statuses, in docs/store-and-wallet.md', () => {
    const catalogued = Object.fromEntries(
      Object.entries(storeErrorCatalogue).map(([code, entry]) => [code, entry.status]),
    );

    assert.deepEqual(documentedStatuses('DEURO_STORE_'), catalogued);
  });
});
