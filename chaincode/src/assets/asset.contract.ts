/*
 * AssetContract (`assets`): data and model assets as state machines. Every transition is one
 * transaction that checks the caller and the current state against the kind's table
 * (state-machine.ts), writes the record and its index entries, journals the action and emits one
 * `AssetTransition` event. Checks run in a fixed order, so the error code says what to fix:
 * request (DEURO_INVALID_ARGUMENT), asset (DEURO_NOT_FOUND), caller (DEURO_ACCESS_DENIED), state
 * (DEURO_INVALID_TRANSITION), keys (DEURO_KEY_UNAVAILABLE). A failed transaction writes nothing.
 */
import { Context, Contract, Info, Param, Returns, Transaction } from 'fabric-contract-api';

import { callerOf, type Caller } from '../identity/caller';
import { findIdentity } from '../keys/key-records';
import { canonicalJson } from '../ledger/canonical-json';
import { accessDenied, alreadyExists, DeuroError, invalidArgument } from '../ledger/errors';
import { journal } from '../ledger/journal';
import { txTimestampIso } from '../ledger/tx-time';
import { requireOwner, requireRead } from './asset-access';
import { assetJson, type AssetRecord, type Envelope, type Grant } from './asset-record';
import {
  assetIdArgument,
  grantKey,
  parseGrantRequest,
  parsePublishRequest,
  parseRegisterRequest,
  parseTransferRequest,
} from './asset-requests';
import { findAsset, getAsset, saveAsset } from './asset-store';
import { checkEnvelope } from './envelope-check';
import {
  purgePrivateMetadata,
  readPrivateMetadata,
  storePrivateMetadata,
  transientPrivateMetadata,
} from './private-metadata';
import { nextState, stateTables, type AssetAction } from './state-machine';

export const ASSET_TRANSITION_EVENT = 'AssetTransition';
export const PRIVATE_METADATA_STORED_EVENT = 'AssetPrivateMetadataStored';
const MAX_GRANTS = 64;

const REQUEST_DOC = 'JSON request; see docs/ledger.md';

/** Asset transitions and reads. */
@Info({ title: 'AssetContract', description: 'Data and model assets as state machines' })
export class AssetContract extends Contract {
  constructor() {
    super('assets');
  }

  /**
   * Register a new asset owned by the caller, encrypted at least to the caller's active key.
   * @returns The AssetRecord as canonical JSON.
   */
  @Transaction()
  @Param('requestJson', 'string', REQUEST_DOC)
  @Returns('string')
  async RegisterAsset(ctx: Context, requestJson: string): Promise<string> {
    const caller = callerOf(ctx);
    const request = parseRegisterRequest(requestJson);
    if ((await findAsset(ctx.stub, request.id)) !== undefined) {
      throw alreadyExists('asset', request.id);
    }
    if (request.grants.some((g) => g.type === 'identity' && g.id === caller.identityId)) {
      throw invalidArgument('request.grants names the owner, who always has access');
    }
    const state = nextState(request.kind, null, 'RegisterAsset', {
      grantsAfter: request.grants.length,
    });
    await requireReadableParents(ctx, caller, request.parents);
    const envelopeRecipients = await checkEnvelope(
      ctx,
      request.envelope,
      caller.identityId,
      request.grants,
    );
    const now = txTimestampIso(ctx.stub);
    const asset: AssetRecord = {
      id: request.id,
      kind: request.kind,
      state,
      version: 1,
      contentVersion: 1,
      owner: { identityId: caller.identityId, mspId: caller.mspId, subject: caller.subject },
      ...envelopeFields(request.envelope),
      envelopeRecipients,
      mediaType: request.mediaType,
      grants: request.grants,
      metadata: request.metadata,
      privateMetadata: request.privateMetadata,
      parents: request.parents,
      createdTxId: ctx.stub.getTxID(),
      createdAt: now,
      lastAction: 'RegisterAsset',
      lastTxId: ctx.stub.getTxID(),
      lastTimestamp: now,
    };
    return commit(ctx, caller, undefined, asset);
  }

  /**
   * Grant read to identities or organizations, with the new envelope encrypted to everyone who
   * may read.
   */
  @Transaction()
  @Param('id', 'string', 'The asset id')
  @Param('requestJson', 'string', REQUEST_DOC)
  @Returns('string')
  async ShareAsset(ctx: Context, id: string, requestJson: string): Promise<string> {
    const caller = callerOf(ctx);
    const request = parseGrantRequest(requestJson);
    const asset = await ownedAsset(ctx, caller, id, 'share');
    if (request.grants.some((g) => g.type === 'identity' && g.id === asset.owner.identityId)) {
      throw invalidArgument('request.grants names the owner, who always has access');
    }
    const grants = mergeGrants(asset.grants, request.grants);
    if (grants.length > MAX_GRANTS) {
      throw invalidArgument(`an asset may have at most ${String(MAX_GRANTS)} grants`);
    }
    return transition(ctx, caller, asset, 'ShareAsset', { grants }, request.envelope);
  }

  /** Withdraw grants, with a new envelope no longer encrypted to them. */
  @Transaction()
  @Param('id', 'string', 'The asset id')
  @Param('requestJson', 'string', REQUEST_DOC)
  @Returns('string')
  async RevokeAccess(ctx: Context, id: string, requestJson: string): Promise<string> {
    const caller = callerOf(ctx);
    const request = parseGrantRequest(requestJson);
    const asset = await ownedAsset(ctx, caller, id, 'revoke access to');
    const revoked = new Set(request.grants.map(grantKey));
    const grants = asset.grants.filter((grant) => !revoked.has(grantKey(grant)));
    nextState(asset.kind, asset.state, 'RevokeAccess', { grantsAfter: grants.length });
    const current = new Set(asset.grants.map(grantKey));
    const missing = request.grants.find((grant) => !current.has(grantKey(grant)));
    if (missing !== undefined) {
      throw invalidArgument(`request.grants: ${grantKey(missing)} is not granted on asset ${id}`);
    }
    return transition(ctx, caller, asset, 'RevokeAccess', { grants }, request.envelope);
  }

  /** Give the asset to another identity, with an envelope encrypted to the new owner. */
  @Transaction()
  @Param('id', 'string', 'The asset id')
  @Param('requestJson', 'string', REQUEST_DOC)
  @Returns('string')
  async TransferAsset(ctx: Context, id: string, requestJson: string): Promise<string> {
    const caller = callerOf(ctx);
    const request = parseTransferRequest(requestJson);
    const asset = await ownedAsset(ctx, caller, id, 'transfer');
    if (request.newOwner === asset.owner.identityId) {
      throw invalidArgument('request.newOwner already owns the asset');
    }
    const state = nextState(asset.kind, asset.state, 'TransferAsset', { grantsAfter: 0 });
    const newOwner = await findIdentity(ctx.stub, request.newOwner);
    if (newOwner === undefined) {
      throw new DeuroError(
        'DEURO_KEY_UNAVAILABLE',
        `identity ${request.newOwner} has never registered an encryption key`,
      );
    }
    const envelopeRecipients = await checkEnvelope(ctx, request.envelope, newOwner.identityId, []);
    const leavesOrg = newOwner.mspId !== asset.owner.mspId;
    const dropsPrivate = asset.privateMetadata?.scope === 'org' && leavesOrg;
    if (dropsPrivate) {
      await purgePrivateMetadata(ctx, asset);
    }
    return commit(ctx, caller, asset, {
      ...changed(ctx, asset, 'TransferAsset', state),
      owner: { identityId: newOwner.identityId, mspId: newOwner.mspId, subject: newOwner.subject },
      grants: [],
      ...envelopeFields(request.envelope),
      envelopeRecipients,
      privateMetadata: dropsPrivate ? null : asset.privateMetadata,
    });
  }

  /** Tombstone the asset: its history stays, grants end, private metadata is purged. */
  @Transaction()
  @Param('id', 'string', 'The asset id')
  @Returns('string')
  async DeleteAsset(ctx: Context, id: string): Promise<string> {
    const caller = callerOf(ctx);
    const asset = await ownedAsset(ctx, caller, id, 'delete');
    const state = nextState(asset.kind, asset.state, 'DeleteAsset', { grantsAfter: 0 });
    await purgePrivateMetadata(ctx, asset);
    // The reference stays: it records that private metadata existed, and reading it now
    // shows the purge.
    return commit(ctx, caller, asset, { ...changed(ctx, asset, 'DeleteAsset', state), grants: [] });
  }

  /** Publish a new version of a model's content (new envelope, optionally new lineage). */
  @Transaction()
  @Param('id', 'string', 'The model asset id')
  @Param('requestJson', 'string', REQUEST_DOC)
  @Returns('string')
  async PublishModelVersion(ctx: Context, id: string, requestJson: string): Promise<string> {
    const caller = callerOf(ctx);
    const request = parsePublishRequest(requestJson);
    const asset = await ownedAsset(ctx, caller, id, 'publish a version of');
    const state = nextState(asset.kind, asset.state, 'PublishModelVersion', {
      grantsAfter: asset.grants.length,
    });
    if (request.parents !== undefined) {
      await requireReadableParents(ctx, caller, request.parents);
    }
    const envelopeRecipients = await checkEnvelope(
      ctx,
      request.envelope,
      asset.owner.identityId,
      asset.grants,
    );
    return commit(ctx, caller, asset, {
      ...changed(ctx, asset, 'PublishModelVersion', state),
      contentVersion: asset.contentVersion + 1,
      ...envelopeFields(request.envelope),
      envelopeRecipients,
      mediaType: request.mediaType ?? asset.mediaType,
      parents: request.parents ?? asset.parents,
    });
  }

  /** Mark a model deprecated: it can still be read and revoked, then deleted. */
  @Transaction()
  @Param('id', 'string', 'The model asset id')
  @Returns('string')
  async DeprecateModel(ctx: Context, id: string): Promise<string> {
    const caller = callerOf(ctx);
    const asset = await ownedAsset(ctx, caller, id, 'deprecate');
    const state = nextState(asset.kind, asset.state, 'DeprecateModel', {
      grantsAfter: asset.grants.length,
    });
    return commit(ctx, caller, asset, changed(ctx, asset, 'DeprecateModel', state));
  }

  /**
   * Store the asset's private metadata, passed in the transient map under `private_metadata`,
   * in its collection. It writes only private data, so the collection's endorsement policy (the
   * owner's organization) applies; the public record keeps the salted hash it was registered with.
   */
  @Transaction()
  @Param('id', 'string', 'The asset id')
  @Returns('string')
  async PutPrivateMetadata(ctx: Context, id: string): Promise<string> {
    const caller = callerOf(ctx);
    const value = transientPrivateMetadata(ctx);
    const asset = await ownedAsset(ctx, caller, id, 'store private metadata of');
    if (asset.state === 'deleted') {
      throw new DeuroError('DEURO_INVALID_TRANSITION', `asset ${id} is deleted`);
    }
    const collection = await storePrivateMetadata(ctx, asset, value);
    // An event, but no journal entry: a public write would need the chaincode's endorsement policy.
    ctx.stub.setEvent(
      PRIVATE_METADATA_STORED_EVENT,
      Buffer.from(
        canonicalJson({ id, collection, txId: ctx.stub.getTxID(), actor: caller.identityId }),
      ),
    );
    return canonicalJson({ id, collection });
  }

  /** An asset's public record, for its owner, its grantees and its organization's admins. */
  @Transaction(false)
  @Param('id', 'string', 'The asset id')
  @Returns('string')
  async GetAsset(ctx: Context, id: string): Promise<string> {
    const caller = callerOf(ctx);
    const asset = await getAsset(ctx.stub, assetIdArgument(id));
    requireRead(caller, asset);
    return canonicalJson(assetJson(asset));
  }

  /**
   * An asset's private metadata. Scope `org`: the owner and admins of the owner's organization.
   * Scope `shared`: whoever may read the asset, from a member organization of the collection.
   */
  @Transaction(false)
  @Param('id', 'string', 'The asset id')
  @Returns('string')
  async GetPrivateMetadata(ctx: Context, id: string): Promise<string> {
    const caller = callerOf(ctx);
    const asset = await getAsset(ctx.stub, assetIdArgument(id));
    requireRead(caller, asset);
    if (asset.privateMetadata?.scope !== 'shared' && caller.mspId !== asset.owner.mspId) {
      throw accessDenied(
        `the private metadata of asset ${id} is kept in ${asset.owner.mspId}'s collection, readable only there`,
      );
    }
    const value = await readPrivateMetadata(ctx, asset);
    return canonicalJson({
      id,
      collection: value.collection,
      salt: value.salt,
      metadata: value.metadata,
    });
  }

  /** The state tables of every kind, as the contract enforces them. */
  @Transaction(false)
  @Returns('string')
  GetStateTables(_ctx: Context): string {
    return canonicalJson(
      stateTables.map((table) => ({
        family: table.family,
        kinds: [...table.kinds],
        transitions: table.transitions.map((t) => ({ ...t })),
      })),
    );
  }
}

async function ownedAsset(
  ctx: Context,
  caller: Caller,
  id: string,
  verb: string,
): Promise<AssetRecord> {
  const asset = await getAsset(ctx.stub, assetIdArgument(id));
  requireOwner(caller, asset, verb);
  return asset;
}

async function requireReadableParents(
  ctx: Context,
  caller: Caller,
  parents: readonly string[],
): Promise<void> {
  for (const parentId of parents) {
    const parent = await findAsset(ctx.stub, parentId);
    if (parent === undefined) {
      throw invalidArgument(`parent asset ${parentId} does not exist`);
    }
    requireRead(caller, parent);
  }
}

async function transition(
  ctx: Context,
  caller: Caller,
  asset: AssetRecord,
  action: AssetAction,
  change: { readonly grants: readonly Grant[] },
  envelope: Envelope,
): Promise<string> {
  const state = nextState(asset.kind, asset.state, action, { grantsAfter: change.grants.length });
  const envelopeRecipients = await checkEnvelope(
    ctx,
    envelope,
    asset.owner.identityId,
    change.grants,
  );
  return commit(ctx, caller, asset, {
    ...changed(ctx, asset, action, state),
    grants: change.grants,
    ...envelopeFields(envelope),
    envelopeRecipients,
  });
}

function changed(
  ctx: Context,
  asset: AssetRecord,
  action: AssetAction,
  state: AssetRecord['state'],
): AssetRecord {
  return {
    ...asset,
    state,
    version: asset.version + 1,
    lastAction: action,
    lastTxId: ctx.stub.getTxID(),
    lastTimestamp: txTimestampIso(ctx.stub),
  };
}

function envelopeFields(
  envelope: Envelope,
): Pick<AssetRecord, 'ciphertextSha256' | 'size' | 'keyFingerprints'> {
  return {
    ciphertextSha256: envelope.ciphertextSha256,
    size: envelope.size,
    keyFingerprints: envelope.keyFingerprints,
  };
}

function mergeGrants(current: readonly Grant[], added: readonly Grant[]): Grant[] {
  const byKey = new Map(current.map((grant) => [grantKey(grant), grant]));
  for (const grant of added) {
    byKey.set(grantKey(grant), grant);
  }
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, grant]) => grant);
}

async function commit(
  ctx: Context,
  caller: Caller,
  before: AssetRecord | undefined,
  after: AssetRecord,
): Promise<string> {
  await saveAsset(ctx.stub, before, after);
  await journal(ctx, caller, ASSET_TRANSITION_EVENT, {
    action: after.lastAction,
    targetType: 'asset',
    id: after.id,
    kind: after.kind,
    from: before?.state ?? null,
    to: after.state,
    version: after.version,
  });
  return canonicalJson(assetJson(after));
}
