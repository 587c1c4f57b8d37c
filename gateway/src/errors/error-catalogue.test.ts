import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { cryptoErrorCodes } from '../crypto/crypto-error';
import { errorCatalogue } from './error-catalogue';

describe('error catalogue', () => {
  it('has a status for every code the CMS library raises', () => {
    for (const code of Object.keys(cryptoErrorCodes)) {
      assert.ok(
        Object.hasOwn(errorCatalogue, code),
        `${code} is missing from the gateway's catalogue`,
      );
    }
  });

  it('uses client-error or server-error statuses only', () => {
    for (const [code, entry] of Object.entries(errorCatalogue)) {
      assert.ok(entry.status >= 400 && entry.status < 600, code);
    }
  });
});
