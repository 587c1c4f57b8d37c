import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';

import {
  envelopeFor,
  json,
  newLedgerActor,
  registerRequest,
  rejectsWithCode,
  type LedgerActor,
} from '../harness/ledger-actor';
import type { TestNetwork } from '../harness/test-network';

interface AssetJson {
  id: string;
  state: string;
  version: number;
  grants: { type: string; id: string }[];
  keyFingerprints: string[];
  envelopeRecipients: string[];
}

interface Page {
  records: AssetJson[];
  bookmark: string;
}

async function sharedWithMe(actor: LedgerActor): Promise<string[]> {
  const ids: string[] = [];
  let bookmark = '';
  do {
    const page = json<Page>(
      await actor.queries.evaluateTransaction('QuerySharedWithMe', '50', bookmark),
    );
    ids.push(...page.records.map((record) => record.id));
    bookmark = page.bookmark;
  } while (bookmark !== '');
  return ids;
}

/**
 * Two organizations, two users each: Org1's User1 shares a feature set with Org2's User1, who
 * finds it; revoking takes it away; Org2's User2, never granted, is refused everything.
 */
export function ledgerSharingSuite(network: () => TestNetwork): void {
  void describe('ledger: sharing and access control', () => {
    let owner: LedgerActor;
    let recipient: LedgerActor;
    let stranger: LedgerActor;
    let org1Other: LedgerActor;
    const assetId = `shared-${randomUUID()}`;

    before(async () => {
      owner = await newLedgerActor(network(), 'peer0.org1', 'User1');
      org1Other = await newLedgerActor(network(), 'peer0.org1', 'User2');
      recipient = await newLedgerActor(network(), 'peer0.org2', 'User1');
      stranger = await newLedgerActor(network(), 'peer0.org2', 'User2');
    });
    after(() => {
      for (const actor of [owner, org1Other, recipient, stranger]) {
        actor.close();
      }
    });

    it('registers a feature set owned by the caller, encrypted to its key', async () => {
      const asset = json<AssetJson & { owner: { identityId: string } }>(
        await owner.assets.submitTransaction(
          'RegisterAsset',
          registerRequest(owner, assetId, 'feature-set'),
        ),
      );
      assert.equal(asset.state, 'registered');
      assert.equal(asset.version, 1);
      assert.equal(asset.owner.identityId, owner.identityId);
      assert.deepEqual(asset.envelopeRecipients, [owner.identityId]);
    });

    it("shares it with Org2's User1, who finds it in shared-with-me and reads it", async () => {
      const envelope = envelopeFor(owner.fingerprint, recipient.fingerprint);
      const shared = json<AssetJson>(
        await owner.assets.submitTransaction(
          'ShareAsset',
          assetId,
          JSON.stringify({ grants: [{ type: 'identity', id: recipient.identityId }], envelope }),
        ),
      );
      assert.equal(shared.state, 'shared');
      assert.deepEqual(shared.keyFingerprints, [...envelope.keyFingerprints].sort());
      assert.deepEqual(shared.envelopeRecipients, [owner.identityId, recipient.identityId].sort());
      await network().settle();
      assert.ok((await sharedWithMe(recipient)).includes(assetId));
      assert.equal(
        json<AssetJson>(await recipient.assets.evaluateTransaction('GetAsset', assetId)).id,
        assetId,
      );
      const byRecipient = json<Page>(
        await owner.queries.evaluateTransaction(
          'QueryAssetsByRecipient',
          recipient.identityId,
          '50',
          '',
        ),
      );
      assert.ok(byRecipient.records.some((record) => record.id === assetId));
    });

    it('refuses an envelope that is not encrypted to the new recipient', async () => {
      await rejectsWithCode(
        owner.assets.submitTransaction(
          'ShareAsset',
          assetId,
          JSON.stringify({
            grants: [{ type: 'identity', id: stranger.identityId }],
            envelope: envelopeFor(owner.fingerprint, recipient.fingerprint),
          }),
        ),
        'DEURO_KEY_UNAVAILABLE',
      );
    });

    it('refuses every read and transition to an identity without access', async () => {
      const envelope = JSON.stringify(envelopeFor(stranger.fingerprint));
      const grants = JSON.stringify({
        grants: [{ type: 'identity', id: stranger.identityId }],
        envelope: envelopeFor(stranger.fingerprint),
      });
      const denied = [
        () => stranger.assets.evaluateTransaction('GetAsset', assetId),
        () => stranger.assets.evaluateTransaction('GetPrivateMetadata', assetId),
        () => stranger.queries.evaluateTransaction('GetAssetHistory', assetId),
        () =>
          stranger.queries.evaluateTransaction('GetIdentityHistory', owner.identityId, '10', ''),
        () => stranger.assets.submitTransaction('ShareAsset', assetId, grants),
        () => stranger.assets.submitTransaction('RevokeAccess', assetId, grants),
        () =>
          stranger.assets.submitTransaction(
            'TransferAsset',
            assetId,
            JSON.stringify({
              newOwner: stranger.identityId,
              envelope: JSON.parse(envelope) as unknown,
            }),
          ),
        () => stranger.assets.submitTransaction('DeleteAsset', assetId),
        () =>
          stranger.assets.submitTransaction(
            'PublishModelVersion',
            assetId,
            JSON.stringify({ envelope: JSON.parse(envelope) as unknown }),
          ),
        () => stranger.assets.submitTransaction('DeprecateModel', assetId),
        () => org1Other.assets.evaluateTransaction('GetAsset', assetId),
        () => org1Other.assets.submitTransaction('DeleteAsset', assetId),
      ];
      for (const call of denied) {
        await rejectsWithCode(call(), 'DEURO_ACCESS_DENIED');
      }
      assert.ok(!(await sharedWithMe(stranger)).includes(assetId));
      const unchanged = json<AssetJson>(
        await owner.assets.evaluateTransaction('GetAsset', assetId),
      );
      assert.equal(unchanged.state, 'shared');
      assert.equal(unchanged.version, 2);
    });

    it('revokes access: gone from shared-with-me, and reads are refused', async () => {
      const revoked = json<AssetJson>(
        await owner.assets.submitTransaction(
          'RevokeAccess',
          assetId,
          JSON.stringify({
            grants: [{ type: 'identity', id: recipient.identityId }],
            envelope: envelopeFor(owner.fingerprint),
          }),
        ),
      );
      assert.equal(revoked.state, 'revoked');
      assert.deepEqual(revoked.grants, []);
      await network().settle();
      assert.ok(!(await sharedWithMe(recipient)).includes(assetId));
      await rejectsWithCode(
        recipient.assets.evaluateTransaction('GetAsset', assetId),
        'DEURO_ACCESS_DENIED',
      );
    });

    it('shares with a whole organization: the envelope must reach every key-holder there', async () => {
      const org2 = json<{ identityId: string; activeKeyFingerprint: string | null }[]>(
        await owner.keys.evaluateTransaction('ListOrgIdentities', 'Org2MSP'),
      );
      const org2Keys = org2.flatMap((identity) =>
        identity.activeKeyFingerprint === null ? [] : [identity.activeKeyFingerprint],
      );
      assert.ok(
        org2Keys.includes(recipient.fingerprint) && org2Keys.includes(stranger.fingerprint),
      );
      await rejectsWithCode(
        owner.assets.submitTransaction(
          'ShareAsset',
          assetId,
          JSON.stringify({
            grants: [{ type: 'org', id: 'Org2MSP' }],
            envelope: envelopeFor(owner.fingerprint, recipient.fingerprint),
          }),
        ),
        'DEURO_KEY_UNAVAILABLE',
      );
      await owner.assets.submitTransaction(
        'ShareAsset',
        assetId,
        JSON.stringify({
          grants: [{ type: 'org', id: 'Org2MSP' }],
          envelope: envelopeFor(owner.fingerprint, ...org2Keys),
        }),
      );
      await network().settle();
      assert.ok((await sharedWithMe(stranger)).includes(assetId));
      assert.equal(
        json<AssetJson>(await stranger.assets.evaluateTransaction('GetAsset', assetId)).state,
        'shared',
      );
      await rejectsWithCode(
        org1Other.assets.evaluateTransaction('GetAsset', assetId),
        'DEURO_ACCESS_DENIED',
      );
    });

    it("lets Org1's admin read Org1's assets but not change them", async () => {
      const admin = await newLedgerActor(network(), 'peer0.org1', 'Admin', false);
      try {
        assert.equal(
          json<AssetJson>(await admin.assets.evaluateTransaction('GetAsset', assetId)).id,
          assetId,
        );
        await admin.queries.evaluateTransaction('GetIdentityHistory', owner.identityId, '10', '');
        await rejectsWithCode(
          admin.assets.submitTransaction('DeleteAsset', assetId),
          'DEURO_ACCESS_DENIED',
        );
      } finally {
        admin.close();
      }
    });
  });
}
