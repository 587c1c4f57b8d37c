/*
 * The journal: every changing transaction records what its caller did, under the caller's
 * identity (so any identity's actions can be listed in time order), and emits its one chaincode
 * event with the same facts. Fabric keeps only the last event a transaction sets, so this is the
 * only place contracts emit events.
 *
 *   action/<identityId>/<tx time, sortable>/<txId>   JournalEntry
 */
import type { Context } from 'fabric-contract-api';

import type { Caller } from '../identity/caller';
import { marshal } from './canonical-json';
import { txTimeSortable, txTimestampIso } from './tx-time';

export const ACTION_OBJECT_TYPE = 'action';

/** What a transaction did, as the journal and its event record it. */
export interface JournalFacts {
  /** The transaction function, such as `ShareAsset`. */
  readonly action: string;
  /** What the transaction changed. */
  readonly targetType:
    'asset' | 'encryption-key' | 'crawl-job' | 'crawl-task' | 'crawled-data' | 'training';
  /** The asset id or key fingerprint. */
  readonly id: string;
  /** The asset kind, for assets. */
  readonly kind?: string;
  /** The state before, or null for a new object. */
  readonly from?: string | null;
  /** The state after. */
  readonly to?: string;
  /** The object's version after the transaction. */
  readonly version?: number;
}

/** A journal entry: the facts, who and when. */
export interface JournalEntry extends JournalFacts {
  readonly actor: string;
  readonly actorMspId: string;
  readonly txId: string;
  readonly timestamp: string;
}

/**
 * Record the transaction in the caller's journal and emit its event.
 * @param eventName - The chaincode event name, such as `AssetTransition`.
 */
export async function journal(
  ctx: Context,
  caller: Caller,
  eventName: string,
  facts: JournalFacts,
): Promise<JournalEntry> {
  const { stub } = ctx;
  const entry: JournalEntry = {
    ...facts,
    actor: caller.identityId,
    actorMspId: caller.mspId,
    txId: stub.getTxID(),
    timestamp: txTimestampIso(stub),
  };
  const payload = marshal({ ...entry });
  await stub.putState(
    stub.createCompositeKey(ACTION_OBJECT_TYPE, [
      caller.identityId,
      txTimeSortable(stub),
      entry.txId,
    ]),
    payload,
  );
  stub.setEvent(eventName, payload);
  return entry;
}
