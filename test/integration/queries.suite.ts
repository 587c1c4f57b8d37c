import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';

import {
  json,
  newLedgerActor,
  registerRequest,
  rejectsWithCode,
  type LedgerActor,
} from '../harness/ledger-actor';

import type { TestNetwork } from '../harness/test-network';

const ASSET_COUNT = 300;
const PAGE_SIZE = 37;

interface Page {
  records: { id: string }[];
  bookmark: string;
}

async function allPages(
  query: (bookmark: string) => Promise<Uint8Array>,
): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let bookmark = '';
  let pages = 0;
  do {
    const page = json<Page>(await query(bookmark));
    assert.ok(page.records.length <= PAGE_SIZE);
    ids.push(...page.records.map((record) => record.id));
    bookmark = page.bookmark;
    pages++;
  } while (bookmark !== '');
  return { ids, pages };
}

/** Pagination over a few hundred assets, and the history of assets and identities. */
export function queriesSuite(network: () => TestNetwork): void {
  void describe('ledger: queries, pagination and history', () => {
    let owner: LedgerActor;
    const prefix = `page-${randomUUID().slice(0, 8)}`;
    const ids = Array.from(
      { length: ASSET_COUNT },
      (_, i) => `${prefix}-${String(i).padStart(3, '0')}`,
    );

    before(
      async () => {
        // An identity that owns nothing else. Submissions go through the retrying submit: under
        // this load a BFT orderer may not accept one in time (UNAVAILABLE).
        owner = await newLedgerActor(network(), 'peer1.org2', 'User2');
        const batch = 20;
        for (let i = 0; i < ids.length; i += batch) {
          await Promise.all(
            ids
              .slice(i, i + batch)
              .map((id) =>
                owner.submit(
                  owner.assets,
                  'RegisterAsset',
                  registerRequest(owner, id, 'training-set'),
                ),
              ),
          );
        }
      },
      { timeout: 300_000 },
    );
    after(() => {
      owner.close();
    });

    it(`returns every one of ${String(ASSET_COUNT)} assets exactly once across pages of ${String(PAGE_SIZE)}`, async () => {
      const byOwner = await allPages((bookmark) =>
        owner.queries.evaluateTransaction(
          'QueryAssetsByOwner',
          owner.identityId,
          String(PAGE_SIZE),
          bookmark,
        ),
      );
      const mine = byOwner.ids.filter((id) => id.startsWith(prefix));
      assert.equal(mine.length, ASSET_COUNT);
      assert.deepEqual([...mine].sort(), [...ids].sort());
      assert.equal(new Set(byOwner.ids).size, byOwner.ids.length);
      assert.ok(byOwner.pages >= Math.ceil(ASSET_COUNT / PAGE_SIZE));

      const byKind = await allPages((bookmark) =>
        owner.queries.evaluateTransaction(
          'QueryAssetsByKind',
          'training-set',
          String(PAGE_SIZE),
          bookmark,
        ),
      );
      assert.deepEqual(byKind.ids.filter((id) => id.startsWith(prefix)).sort(), [...ids].sort());
      assert.equal(new Set(byKind.ids).size, byKind.ids.length);

      const byState = await allPages((bookmark) =>
        owner.queries.evaluateTransaction(
          'QueryAssetsByState',
          'registered',
          String(PAGE_SIZE),
          bookmark,
        ),
      );
      assert.equal(byState.ids.filter((id) => id.startsWith(prefix)).length, ASSET_COUNT);
    });

    it('refuses a page size outside 1-200', async () => {
      await rejectsWithCode(
        owner.queries.evaluateTransaction('QueryAssetsByOwner', owner.identityId, '0', ''),
        'DEURO_INVALID_ARGUMENT',
      );
      await rejectsWithCode(
        owner.queries.evaluateTransaction('QueryAssetsByOwner', owner.identityId, '201', ''),
        'DEURO_INVALID_ARGUMENT',
      );
    });

    it('gives the full history of an asset, every version with its transaction', async () => {
      const id = ids[0] ?? '';
      await owner.assets.submitTransaction('DeleteAsset', id);
      const history = json<
        {
          txId: string;
          timestamp: string;
          record: { version: number; state: string; lastTxId: string };
        }[]
      >(await owner.queries.evaluateTransaction('GetAssetHistory', id));
      assert.deepEqual(
        history.map((entry) => entry.record.version),
        [1, 2],
      );
      assert.deepEqual(
        history.map((entry) => entry.record.state),
        ['registered', 'deleted'],
      );
      for (const entry of history) {
        assert.equal(entry.txId, entry.record.lastTxId);
        assert.match(entry.timestamp, /^\d{4}-\d\d-\d\dT/);
      }
    });

    it("lists an identity's actions, oldest first, with pagination", async () => {
      const entries: { action: string; id: string }[] = [];
      let bookmark = '';
      do {
        const page = json<{ entries: { action: string; id: string }[]; bookmark: string }>(
          await owner.queries.evaluateTransaction(
            'GetIdentityHistory',
            owner.identityId,
            '100',
            bookmark,
          ),
        );
        entries.push(...page.entries);
        bookmark = page.bookmark;
      } while (bookmark !== '');
      const keyAt = entries.findIndex(
        (e) => e.action === 'RegisterEncryptionKey' && e.id === owner.fingerprint,
      );
      const firstAssetAt = entries.findIndex((e) => e.id.startsWith(prefix));
      assert.ok(keyAt >= 0 && keyAt < firstAssetAt, 'the key registration comes before the assets');
      const mine = entries.filter((e) => e.id.startsWith(prefix));
      assert.equal(mine.filter((e) => e.action === 'RegisterAsset').length, ASSET_COUNT);
      assert.deepEqual(entries[entries.length - 1], mine[mine.length - 1]);
      assert.equal(mine[mine.length - 1]?.action, 'DeleteAsset');
    });
  });
}
