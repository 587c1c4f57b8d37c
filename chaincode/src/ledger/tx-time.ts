/*
 * Transaction time: the only clock chaincode may read.
 *
 * Every endorser sees the same proposal timestamp, chosen by the client, so records built from it
 * are identical across peers. Wall-clock time (`Date.now()`) differs between peers and would make
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
  const { seconds, nanos } = stub.getTxTimestamp();
  const millis = seconds.toNumber() * MILLIS_PER_SECOND + Math.floor(nanos / NANOS_PER_MILLI);
  return new Date(millis).toISOString();
}
