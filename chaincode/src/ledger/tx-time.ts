/*
 * Transaction time: the only clock chaincode may read.
 *
 * Every endorser sees the same proposal timestamp, chosen by the client, so records built from it
 * are identical across peers. The wall clock differs between peers and would make
 * endorsements disagree.
 */

import type { Context } from 'fabric-contract-api';

const MILLIS_PER_SECOND = 1000;
const NANOS_PER_MILLI = 1_000_000;

/**
 * The transaction's proposal timestamp as an ISO 8601 string in UTC, to millisecond precision.
 * @param stub - The chaincode stub of the current transaction.
 */
export function txTimestampIso(stub: Context['stub']): string {
  return timestampIso(stub.getTxTimestamp());
}

/**
 * A protobuf timestamp (a transaction's, or a history entry's) as ISO 8601 in UTC, to the
 * millisecond.
 */
export function timestampIso(timestamp: {
  readonly seconds: unknown;
  readonly nanos: number;
}): string {
  // fabric-shim hands out seconds as a Long for the transaction and as a number in history.
  const seconds = Number(String(timestamp.seconds));
  const millis = seconds * MILLIS_PER_SECOND + Math.floor(timestamp.nanos / NANOS_PER_MILLI);
  return new Date(millis).toISOString();
}

const SECONDS_DIGITS = 12;
const NANOS_DIGITS = 9;

/**
 * The transaction timestamp as `<seconds, 12 digits>.<nanoseconds, 9 digits>`, so that keys built
 * from it sort in time order.
 */
export function txTimeSortable(stub: Context['stub']): string {
  const { seconds, nanos } = stub.getTxTimestamp();
  return `${seconds.toString().padStart(SECONDS_DIGITS, '0')}.${String(nanos).padStart(NANOS_DIGITS, '0')}`;
}

/** The transaction's timestamp in whole seconds since the epoch (lease expiries). */
export function txTimeSeconds(stub: Context['stub']): number {
  return Number(stub.getTxTimestamp().seconds.toString());
}
