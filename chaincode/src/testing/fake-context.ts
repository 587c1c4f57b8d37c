/*
 * A hand-written fake of the chaincode stub and client identity, for unit tests of contract logic.
 *
 * It keeps world state in a Map, builds composite keys exactly as fabric-shim does, and records
 * every setEvent call (Fabric keeps only the last, so tests assert there is exactly one). Stub
 * methods it does not implement are absent and fail loudly if a contract calls them.
 */

import { Context } from 'fabric-contract-api';
import Long from 'long';

/** Options for {@link newFakeContext}. */
export interface FakeContextOptions {
  /** Transaction ID returned by `getTxID`. */
  readonly txId?: string;
  /** Proposal timestamp returned by `getTxTimestamp`. */
  readonly txTimestamp?: { readonly seconds: number; readonly nanos: number };
  /** MSP ID of the submitting client. */
  readonly mspId?: string;
}

/** An event recorded by the fake stub. */
export interface RecordedEvent {
  readonly name: string;
  readonly payload: Uint8Array;
}

/** A fake context and the ledger effects it records. */
export interface FakeContext {
  readonly ctx: Context;
  /** World state, by full (composite) key. */
  readonly state: Map<string, Uint8Array>;
  /** Events in the order the contract set them. */
  readonly events: RecordedEvent[];
}

const COMPOSITE_KEY_NAMESPACE = '\u0000';
const MIN_UNICODE_RUNE = '\u0000';

/**
 * Create a fake transaction context.
 * @param options - Transaction ID, timestamp and client MSP ID; defaults suit most tests.
 * @param state - World state to share with an earlier context, to model a later transaction.
 */
export function newFakeContext(
  options: FakeContextOptions = {},
  state = new Map<string, Uint8Array>(),
): FakeContext {
  const txId = options.txId ?? 'tx-1';
  const txTimestamp = options.txTimestamp ?? { seconds: 1_700_000_000, nanos: 123_456_789 };
  const mspId = options.mspId ?? 'Org1MSP';
  const events: RecordedEvent[] = [];

  const stub = {
    getTxID: () => txId,
    getTxTimestamp: () => ({
      seconds: Long.fromNumber(txTimestamp.seconds, true),
      nanos: txTimestamp.nanos,
    }),
    createCompositeKey: (objectType: string, attributes: string[]) =>
      COMPOSITE_KEY_NAMESPACE +
      objectType +
      MIN_UNICODE_RUNE +
      attributes.map((attribute) => attribute + MIN_UNICODE_RUNE).join(''),
    getState: (key: string) => Promise.resolve(state.get(key) ?? new Uint8Array()),
    putState: (key: string, value: Uint8Array) => {
      state.set(key, Uint8Array.from(value));
      return Promise.resolve();
    },
    setEvent: (name: string, payload: Uint8Array) => {
      events.push({ name, payload: Uint8Array.from(payload) });
    },
  };
  const clientIdentity = { getMSPID: () => mspId };

  const ctx = new Context();
  ctx.stub = stub as unknown as Context['stub'];
  ctx.clientIdentity = clientIdentity as unknown as Context['clientIdentity'];
  return { ctx, state, events };
}
