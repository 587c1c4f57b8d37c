import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

import { errorCatalogue, isDeuroError } from '../ledger/errors';
import {
  ASSET_KINDS,
  nextState,
  stateTables,
  transitionsOf,
  type Transition,
} from './state-machine';

const ledgerDoc = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'ledger.md'), 'utf8');

/** The rows `| from | action | to | guard |` of one `###` section of docs/ledger.md. */
function documentedRows(heading: string): string[] {
  const start = ledgerDoc.indexOf(`### ${heading}`);
  assert.ok(start >= 0, `docs/ledger.md has a section "${heading}"`);
  const end = ledgerDoc.indexOf('\n#', start + 4);
  return ledgerDoc
    .slice(start, end)
    .split('\n')
    .filter((line) => /^\| (—|[a-z]+) \| [A-Z]/.test(line))
    .map((line) => line.replace(/\s+/g, ' ').trim());
}

function row(t: Transition): string {
  return `| ${t.from ?? '—'} | ${t.action} | ${t.to} | ${t.guard ?? ''} |`.replace(/\s+/g, ' ');
}

describe('state tables', () => {
  it('cover every kind exactly once', () => {
    const covered = stateTables.flatMap((table) => [...table.kinds]).sort();
    assert.deepEqual(covered, [...ASSET_KINDS].sort());
  });

  it('are documented row for row in docs/ledger.md', () => {
    const data = stateTables.find((t) => t.family === 'data');
    const model = stateTables.find((t) => t.family === 'model');
    assert.ok(data && model);
    assert.deepEqual(documentedRows('Data kinds').sort(), data.transitions.map(row).sort());
    const modelOnly = model.transitions.filter((t) => !data.transitions.includes(t));
    assert.deepEqual(documentedRows('Models').sort(), modelOnly.map(row).sort());
  });

  it('choose between guarded rows by what remains granted', () => {
    assert.equal(nextState('image', 'shared', 'RevokeAccess', { grantsAfter: 1 }), 'shared');
    assert.equal(nextState('image', 'shared', 'RevokeAccess', { grantsAfter: 0 }), 'revoked');
  });

  it('refuse what a table does not list, naming what the state allows', () => {
    assert.throws(
      () => nextState('feature-set', 'deleted', 'ShareAsset', { grantsAfter: 1 }),
      (error: unknown) => {
        assert.ok(isDeuroError(error, 'DEURO_INVALID_TRANSITION'));
        assert.match(error.message, /no transaction is/);
        return true;
      },
    );
    assert.throws(
      () => nextState('recording', 'registered', 'PublishModelVersion', { grantsAfter: 0 }),
      /DEURO_INVALID_TRANSITION: PublishModelVersion is not allowed for a recording asset in state registered \(allowed: ShareAsset, TransferAsset, DeleteAsset\)/,
    );
  });

  it('have one row, or guarded rows, per (from, action)', () => {
    for (const kind of ASSET_KINDS) {
      const seen = new Map<string, number>();
      for (const t of transitionsOf(kind)) {
        const key = `${String(t.from)} ${t.action}`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
        if ((seen.get(key) ?? 0) > 1) {
          assert.ok(t.guard, `${kind}: ${key} is listed twice without a guard`);
        }
      }
    }
  });
});

describe('error catalogue', () => {
  it('is documented in docs/ledger.md', () => {
    for (const code of Object.keys(errorCatalogue)) {
      assert.ok(ledgerDoc.includes(`| \`${code}\` |`), `${code} is missing from docs/ledger.md`);
    }
  });
});
