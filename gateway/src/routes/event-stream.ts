/*
 * The chaincode's events as the API delivers them: one JSON object per event, identified by
 * `<block>:<transaction id>` so a client can resume after the last one it saw (SSE's
 * Last-Event-ID, or fromBlock and after).
 */
import type { ChaincodeEvent, CloseableAsyncIterable } from '@hyperledger/fabric-gateway';

import { ApiError } from '../errors/api-error';
import type { LedgerClient } from '../ledger/ledger-client';

/** An event as sent to clients. */
export interface ApiEvent {
  readonly id: string;
  readonly name: string;
  readonly blockNumber: string;
  readonly transactionId: string;
  readonly payload: unknown;
}

/** Where a stream starts: a block, and optionally the last event already seen in it. */
export interface EventPosition {
  readonly startBlock: bigint | undefined;
  readonly afterTransactionId: string | undefined;
}

const EVENT_ID = /^([0-9]{1,20}):([0-9a-f]{64})$/;
const BLOCK = /^[0-9]{1,20}$/;

/**
 * Where to start, from a Last-Event-ID (preferred) or a fromBlock parameter.
 * @throws ApiError DEURO_VALIDATION_FAILED for a malformed one.
 */
export function eventPosition(
  lastEventId: string | undefined,
  fromBlock: string | undefined,
): EventPosition {
  if (lastEventId !== undefined && lastEventId !== '') {
    const match = EVENT_ID.exec(lastEventId);
    if (match?.[1] === undefined) {
      throw new ApiError(
        'DEURO_VALIDATION_FAILED',
        'Last-Event-ID must be an event id this API sent (<block>:<transaction id>)',
      );
    }
    return { startBlock: BigInt(match[1]), afterTransactionId: match[2] };
  }
  if (fromBlock !== undefined) {
    if (!BLOCK.test(fromBlock)) {
      throw new ApiError('DEURO_VALIDATION_FAILED', 'fromBlock must be a block number');
    }
    return { startBlock: BigInt(fromBlock), afterTransactionId: undefined };
  }
  return { startBlock: undefined, afterTransactionId: undefined };
}

function toApiEvent(event: ChaincodeEvent): ApiEvent {
  const text = Buffer.from(event.payload).toString('utf8');
  let payload: unknown = text;
  try {
    payload = JSON.parse(text);
  } catch {
    // Not JSON: sent as text.
  }
  return {
    id: `${event.blockNumber.toString()}:${event.transactionId}`,
    name: event.eventName,
    blockNumber: event.blockNumber.toString(),
    transactionId: event.transactionId,
    payload,
  };
}

/**
 * Deliver events from a position until `send` reports the client gone or the stream is closed.
 * @returns A function that stops the stream.
 */
export async function streamEvents(
  ledger: LedgerClient,
  position: EventPosition,
  send: (event: ApiEvent) => void,
): Promise<() => void> {
  const events: CloseableAsyncIterable<ChaincodeEvent> = await ledger.chaincodeEvents(
    position.startBlock,
  );
  let skipping = position.afterTransactionId !== undefined;
  void (async () => {
    try {
      for await (const event of events) {
        if (skipping) {
          // Skip what the client saw: its block up to and including its last event.
          if (event.blockNumber === position.startBlock) {
            skipping = event.transactionId !== position.afterTransactionId;
            continue;
          }
          skipping = false;
        }
        send(toApiEvent(event));
      }
    } catch {
      // The stream ends when it is closed or the peer goes away; the client reconnects.
    }
  })();
  return () => {
    events.close();
  };
}
