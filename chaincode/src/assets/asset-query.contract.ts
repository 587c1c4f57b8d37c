/*
 * AssetQueryContract (`queries`): lists through composite-key indexes with bookmark pagination
 * (read-only transactions), and history. A page holds the assets of the range that the caller may
 * read; walking every page returns each readable asset exactly once.
 */
import { Context, Contract, Info, Param, Returns, Transaction } from 'fabric-contract-api';

import { callerOf, isIdentityId, type Caller } from '../identity/caller';
import { canonicalJson, unmarshal, type JsonValue } from '../ledger/canonical-json';
import { accessDenied, invalidArgument } from '../ledger/errors';
import { ACTION_OBJECT_TYPE } from '../ledger/journal';
import { pageAcrossRanges, pageOfKeys, parsePageSize } from '../ledger/state';
import { timestampIso } from '../ledger/tx-time';
import { canRead, requireRead } from './asset-access';
import { assetJson, type AssetRecord } from './asset-record';
import { assetIdArgument } from './asset-requests';
import {
  ASSET_OBJECT_TYPE,
  findAsset,
  getAsset,
  KIND_STATE_INDEX,
  OWNER_INDEX,
  RECIPIENT_INDEX,
} from './asset-store';
import { isAssetKind, stateTables, ASSET_KINDS } from './state-machine';

const BOOKMARK_MAX = 1024;
const MSP_ID_PATTERN = /^[A-Za-z0-9.-]{1,64}$/;
const PAGE_SIZE_DOC = 'Page size, 1 to 200';
const BOOKMARK_DOC = 'Empty for the first page, then the bookmark of the previous page';

interface AssetPage {
  readonly records: AssetRecord[];
  readonly bookmark: string;
}

/** Paginated asset queries and history. */
@Info({ title: 'AssetQueryContract', description: 'Asset lists, shared-with-me and history' })
export class AssetQueryContract extends Contract {
  constructor() {
    super('queries');
  }

  /** Assets owned by an identity. */
  @Transaction(false)
  @Param('ownerId', 'string', 'The owner identity id')
  @Param('pageSize', 'string', PAGE_SIZE_DOC)
  @Param('bookmark', 'string', BOOKMARK_DOC)
  @Returns('string')
  async QueryAssetsByOwner(
    ctx: Context,
    ownerId: string,
    pageSize: string,
    bookmark: string,
  ): Promise<string> {
    if (!isIdentityId(ownerId)) {
      throw invalidArgument('ownerId must be an identity id, <MSP ID>/<32 lowercase hex digits>');
    }
    return pageJson(await assetPage(ctx, OWNER_INDEX, [[ownerId]], pageSize, bookmark));
  }

  /** Assets of a kind. */
  @Transaction(false)
  @Param('kind', 'string', 'An asset kind')
  @Param('pageSize', 'string', PAGE_SIZE_DOC)
  @Param('bookmark', 'string', BOOKMARK_DOC)
  @Returns('string')
  async QueryAssetsByKind(
    ctx: Context,
    kind: string,
    pageSize: string,
    bookmark: string,
  ): Promise<string> {
    if (!isAssetKind(kind)) {
      throw invalidArgument(`kind must be one of ${ASSET_KINDS.join(', ')}`);
    }
    return pageJson(await assetPage(ctx, KIND_STATE_INDEX, [[kind]], pageSize, bookmark));
  }

  /** Assets in a state. */
  @Transaction(false)
  @Param('state', 'string', 'An asset state')
  @Param('pageSize', 'string', PAGE_SIZE_DOC)
  @Param('bookmark', 'string', BOOKMARK_DOC)
  @Returns('string')
  async QueryAssetsByState(
    ctx: Context,
    state: string,
    pageSize: string,
    bookmark: string,
  ): Promise<string> {
    const states = new Set(stateTables.flatMap((t) => t.transitions.map((r) => r.to)));
    if (!states.has(state as AssetRecord['state'])) {
      throw invalidArgument(`state must be one of ${[...states].join(', ')}`);
    }
    const ranges = ASSET_KINDS.map((kind) => [kind, state]);
    return pageJson(await assetPage(ctx, KIND_STATE_INDEX, ranges, pageSize, bookmark));
  }

  /** Assets granted to an identity (by identity id) or to an organization (by MSP ID). */
  @Transaction(false)
  @Param('recipient', 'string', 'An identity id or an MSP ID')
  @Param('pageSize', 'string', PAGE_SIZE_DOC)
  @Param('bookmark', 'string', BOOKMARK_DOC)
  @Returns('string')
  async QueryAssetsByRecipient(
    ctx: Context,
    recipient: string,
    pageSize: string,
    bookmark: string,
  ): Promise<string> {
    if (!isIdentityId(recipient) && !MSP_ID_PATTERN.test(recipient)) {
      throw invalidArgument('recipient must be an identity id or an MSP ID');
    }
    return pageJson(await assetPage(ctx, RECIPIENT_INDEX, [[recipient]], pageSize, bookmark));
  }

  /**
   * Assets shared with the caller: granted to it by name, then granted to its organization. The
   * bookmark says which of the two ranges the next page continues.
   */
  @Transaction(false)
  @Param('pageSize', 'string', PAGE_SIZE_DOC)
  @Param('bookmark', 'string', BOOKMARK_DOC)
  @Returns('string')
  async QuerySharedWithMe(ctx: Context, pageSize: string, bookmark: string): Promise<string> {
    const caller = callerOf(ctx);
    const ranges = [[caller.identityId], [caller.mspId]];
    return pageJson(await assetPage(ctx, RECIPIENT_INDEX, ranges, pageSize, bookmark));
  }

  /** Every version of an asset, oldest first, with its transaction id and timestamp. */
  @Transaction(false)
  @Param('id', 'string', 'The asset id')
  @Returns('string')
  async GetAssetHistory(ctx: Context, id: string): Promise<string> {
    const caller = callerOf(ctx);
    const asset = await getAsset(ctx.stub, assetIdArgument(id));
    requireRead(caller, asset);
    const iterator = await ctx.stub.getHistoryForKey(
      ctx.stub.createCompositeKey(ASSET_OBJECT_TYPE, [id]),
    );
    const versions: JsonValue[] = [];
    try {
      for (let result = await iterator.next(); !result.done; result = await iterator.next()) {
        const entry = result.value;
        versions.push({
          txId: entry.txId,
          timestamp: timestampIso(entry.timestamp),
          isDelete: entry.isDelete,
          record: entry.isDelete ? null : (unmarshal(entry.value) as JsonValue),
        });
      }
    } finally {
      await iterator.close();
    }
    return canonicalJson(versions.reverse());
  }

  /** What an identity did, oldest first: its own history, or any in an admin's organization. */
  @Transaction(false)
  @Param('identityId', 'string', 'The identity id')
  @Param('pageSize', 'string', PAGE_SIZE_DOC)
  @Param('bookmark', 'string', BOOKMARK_DOC)
  @Returns('string')
  async GetIdentityHistory(
    ctx: Context,
    identityId: string,
    pageSize: string,
    bookmark: string,
  ): Promise<string> {
    const caller = callerOf(ctx);
    if (!isIdentityId(identityId)) {
      throw invalidArgument(
        'identityId must be an identity id, <MSP ID>/<32 lowercase hex digits>',
      );
    }
    requireHistoryReader(caller, identityId);
    const page = await pageOfKeys(
      ctx.stub,
      ACTION_OBJECT_TYPE,
      [identityId],
      parsePageSize(pageSize),
      validBookmark(bookmark),
    );
    return canonicalJson({
      entries: page.entries.map((entry) => unmarshal(entry.value) as JsonValue),
      bookmark: page.bookmark,
    });
  }
}

/** The readable assets of one page over one or more ranges of an index. */
async function assetPage(
  ctx: Context,
  index: string,
  ranges: string[][],
  pageSize: string,
  bookmark: string,
): Promise<AssetPage> {
  const caller = callerOf(ctx);
  const page = await pageAcrossRanges(
    ctx.stub,
    index,
    ranges,
    parsePageSize(pageSize),
    validBookmark(bookmark),
  );
  const records: AssetRecord[] = [];
  for (const entry of page.entries) {
    const asset = await findAsset(ctx.stub, entry.attributes[entry.attributes.length - 1] ?? '');
    if (asset !== undefined && canRead(caller, asset)) {
      records.push(asset);
    }
  }
  return { records, bookmark: page.bookmark };
}

function pageJson(page: AssetPage): string {
  return canonicalJson({ records: page.records.map(assetJson), bookmark: page.bookmark });
}

function validBookmark(bookmark: string): string {
  if (bookmark.length > BOOKMARK_MAX) {
    throw invalidArgument(`bookmark must be at most ${String(BOOKMARK_MAX)} characters`);
  }
  return bookmark;
}

function requireHistoryReader(caller: Caller, identityId: string): void {
  const own = caller.identityId === identityId;
  const orgAdmin = caller.isAdmin && identityId.startsWith(`${caller.mspId}/`);
  if (!own && !orgAdmin) {
    throw accessDenied(
      `only ${identityId} itself or an admin of its organization may read its history`,
    );
  }
}
