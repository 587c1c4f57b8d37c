/*
 * World-state access shared by every contract: canonical JSON records under composite keys,
 * index entries, and bookmark pagination over composite-key ranges (LevelDB; no CouchDB
 * selectors).
 */
import type { Context } from 'fabric-contract-api';

import { marshal, unmarshal, type JsonValue } from './canonical-json';
import { invalidArgument } from './errors';

type Stub = Context['stub'];

/** Index entries carry no data: Fabric treats an empty value as a delete, so they hold one byte. */
const INDEX_ENTRY_VALUE = Buffer.from([0x31]);

/** The largest page a query returns. */
export const MAX_PAGE_SIZE = 200;

/**
 * Read a JSON record.
 * @returns The decoded value, or undefined when the key is absent.
 */
export async function readRecord(stub: Stub, objectType: string, id: string): Promise<unknown> {
  const bytes = await stub.getState(stub.createCompositeKey(objectType, [id]));
  return bytes.length === 0 ? undefined : unmarshal(bytes);
}

/** Write a record as canonical JSON. */
export async function writeRecord(
  stub: Stub,
  objectType: string,
  id: string,
  value: JsonValue,
): Promise<void> {
  await stub.putState(stub.createCompositeKey(objectType, [id]), marshal(value));
}

/** Read a JSON record under a composite key of several attributes. */
export async function readAt(
  stub: Stub,
  objectType: string,
  attributes: string[],
): Promise<unknown> {
  const bytes = await stub.getState(stub.createCompositeKey(objectType, attributes));
  return bytes.length === 0 ? undefined : unmarshal(bytes);
}

/** Write a record (any JSON-shaped object) as canonical JSON under a composite key. */
export async function writeAt(
  stub: Stub,
  objectType: string,
  attributes: string[],
  value: object,
): Promise<void> {
  await stub.putState(
    stub.createCompositeKey(objectType, attributes),
    marshal(JSON.parse(JSON.stringify(value)) as JsonValue),
  );
}

/** Add an index entry: a composite key whose attributes end with the indexed object's id. */
export async function putIndexEntry(
  stub: Stub,
  index: string,
  attributes: string[],
): Promise<void> {
  await stub.putState(stub.createCompositeKey(index, attributes), INDEX_ENTRY_VALUE);
}

/** Remove an index entry. */
export async function deleteIndexEntry(
  stub: Stub,
  index: string,
  attributes: string[],
): Promise<void> {
  await stub.deleteState(stub.createCompositeKey(index, attributes));
}

/** One entry of a composite-key range. */
export interface RangeEntry {
  /** The attributes of the composite key. */
  readonly attributes: string[];
  readonly value: Uint8Array;
}

/** One page of a composite-key range. */
export interface KeyPage {
  /** The entries, in key order. */
  readonly entries: readonly RangeEntry[];
  /** Pass back to get the next page; empty when this was the last. */
  readonly bookmark: string;
}

/**
 * Read one page of the composite keys that start with `partial` (read-only transactions only).
 * @throws {@link DeuroError} `DEURO_INVALID_ARGUMENT` for a page size outside 1-200.
 */
export async function pageOfKeys(
  stub: Stub,
  index: string,
  partial: string[],
  pageSize: number,
  bookmark: string,
): Promise<KeyPage> {
  const { iterator, metadata } = await stub.getStateByPartialCompositeKeyWithPagination(
    index,
    partial,
    pageSize,
    bookmark,
  );
  const entries: RangeEntry[] = [];
  try {
    for (let result = await iterator.next(); !result.done; result = await iterator.next()) {
      entries.push({
        attributes: stub.splitCompositeKey(result.value.key).attributes,
        value: result.value.value,
      });
    }
  } finally {
    await iterator.close();
  }
  // A full page may be followed by nothing: Fabric still returns a bookmark then.
  return { entries, bookmark: entries.length < pageSize ? '' : metadata.bookmark };
}

/**
 * One page over several composite-key ranges of an index, walked one after the other. The
 * bookmark is `<range number>:<bookmark within that range>`.
 * @throws {@link DeuroError} `DEURO_INVALID_ARGUMENT` for a bookmark this function did not make.
 */
export async function pageAcrossRanges(
  stub: Stub,
  index: string,
  ranges: readonly string[][],
  pageSize: number,
  bookmark: string,
): Promise<KeyPage> {
  const match = /^([0-9]{1,3}):(.*)$/s.exec(bookmark);
  const rangeNumber = bookmark === '' ? 0 : Number(match?.[1] ?? NaN);
  const range = ranges[rangeNumber];
  if (range === undefined) {
    throw invalidArgument('bookmark must be empty or a bookmark returned by the same query');
  }
  const page = await pageOfKeys(stub, index, range, pageSize, match?.[2] ?? '');
  if (page.bookmark !== '') {
    return { entries: page.entries, bookmark: `${String(rangeNumber)}:${page.bookmark}` };
  }
  const next = rangeNumber + 1 < ranges.length ? `${String(rangeNumber + 1)}:` : '';
  return { entries: page.entries, bookmark: next };
}

/**
 * Parse a page-size argument.
 * @throws {@link DeuroError} `DEURO_INVALID_ARGUMENT` unless it is an integer from 1 to 200.
 */
export function parsePageSize(text: string): number {
  const size = /^[0-9]{1,3}$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw invalidArgument(`pageSize must be an integer from 1 to ${String(MAX_PAGE_SIZE)}`);
  }
  return size;
}

/**
 * Read every composite key that starts with `partial`, for bounded ranges inside a transaction.
 */
export async function allKeys(stub: Stub, index: string, partial: string[]): Promise<string[][]> {
  const iterator = await stub.getStateByPartialCompositeKey(index, partial);
  const keys: string[][] = [];
  try {
    for (let result = await iterator.next(); !result.done; result = await iterator.next()) {
      keys.push(stub.splitCompositeKey(result.value.key).attributes);
    }
  } finally {
    await iterator.close();
  }
  return keys;
}
