import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { WalletError, isWalletError, walletErrorCatalogue, walletIoError } from './wallet-error';

const DOC = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'store-and-wallet.md'), 'utf8');

describe('WalletError', () => {
  it('starts its message with its code and keeps the label and cause', () => {
    const cause = new Error('disk');
    const err = new WalletError('DEURO_WALLET_IO', 'write failed', { label: 'ops', cause });

    assert.equal(err.message, 'DEURO_WALLET_IO: write failed');
    assert.equal(err.name, 'WalletError');
    assert.equal(err.label, 'ops');
    assert.equal(err.cause, cause);
    assert.equal(isWalletError(err, 'DEURO_WALLET_IO'), true);
    assert.equal(isWalletError(err, 'DEURO_WALLET_LOCKED'), false);
  });

  it('wraps system errors as DEURO_WALLET_IO naming their code', () => {
    const wrapped = walletIoError('read', Object.assign(new Error('denied'), { code: 'EACCES' }));

    assert.equal(wrapped.message, 'DEURO_WALLET_IO: read failed (EACCES)');
  });

  it('is documented code by code, with the same statuses, in docs/store-and-wallet.md', () => {
    const documented = Object.fromEntries(
      [...DOC.matchAll(/^\| `(DEURO_WALLET_[A-Z_]+)` \| (\d{3}) \|/gm)].map((row) => [
        row[1] ?? '',
        Number(row[2]),
      ]),
    );
    const catalogued = Object.fromEntries(
      Object.entries(walletErrorCatalogue).map(([code, entry]) => [code, entry.status]),
    );

    assert.deepEqual(documented, catalogued);
  });
});
