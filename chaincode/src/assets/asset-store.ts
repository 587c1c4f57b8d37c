/*
 * Asset persistence: the record under `asset/<id>` and its index entries, kept in step.
 *
 *   asset-by-owner/<ownerId>/<id>
 *   asset-by-kind-state/<kind>/<state>/<id>    (by kind: [kind]; by state: [kind, state] per kind)
 *   asset-by-recipient/<identityId or MSP ID>/<id>
 */
import type { Context } from 'fabric-contract-api';

import { notFound } from '../ledger/errors';
import { deleteIndexEntry, putIndexEntry, readRecord, writeRecord } from '../ledger/state';
import { assetJson, type AssetRecord } from './asset-record';

type Stub = Context['stub'];

export const ASSET_OBJECT_TYPE = 'asset';
export const OWNER_INDEX = 'asset-by-owner';
export const KIND_STATE_INDEX = 'asset-by-kind-state';
export const RECIPIENT_INDEX = 'asset-by-recipient';

/** Read an asset. @returns undefined when there is none. */
export async function findAsset(stub: Stub, id: string): Promise<AssetRecord | undefined> {
  return (await readRecord(stub, ASSET_OBJECT_TYPE, id)) as AssetRecord | undefined;
}

/** Read an asset. @throws {@link DeuroError} `DEURO_NOT_FOUND`. */
export async function getAsset(stub: Stub, id: string): Promise<AssetRecord> {
  const asset = await findAsset(stub, id);
  if (asset === undefined) {
    throw notFound('asset', id);
  }
  return asset;
}

function indexEntries(asset: AssetRecord): [string, string[]][] {
  return [
    [OWNER_INDEX, [asset.owner.identityId, asset.id]],
    [KIND_STATE_INDEX, [asset.kind, asset.state, asset.id]],
    ...asset.grants.map((grant): [string, string[]] => [RECIPIENT_INDEX, [grant.id, asset.id]]),
  ];
}

const entryKey = ([index, attributes]: [string, string[]]): string =>
  `${index}\u0000${attributes.join('\u0000')}`;

/** Write an asset and bring its index entries in step with the previous record. */
export async function saveAsset(
  stub: Stub,
  before: AssetRecord | undefined,
  after: AssetRecord,
): Promise<void> {
  await writeRecord(stub, ASSET_OBJECT_TYPE, after.id, assetJson(after));
  const old = before === undefined ? [] : indexEntries(before);
  const current = indexEntries(after);
  const currentKeys = new Set(current.map(entryKey));
  const oldKeys = new Set(old.map(entryKey));
  for (const entry of old) {
    if (!currentKeys.has(entryKey(entry))) {
      await deleteIndexEntry(stub, entry[0], entry[1]);
    }
  }
  for (const entry of current) {
    if (!oldKeys.has(entryKey(entry))) {
      await putIndexEntry(stub, entry[0], entry[1]);
    }
  }
}
