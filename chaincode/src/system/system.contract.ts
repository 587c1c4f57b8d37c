/*
 * SystemContract: the default contract. It reports the chaincode version and offers a minimal
 * key/value store, which smoke tests use to prove that endorsement, commit and events work end to
 * end.
 *
 * Transaction functions are the wire API (PascalCase). Helpers live in other modules because
 * fabric-contract-api exposes every method of the class as a transaction.
 */

import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { canonicalJson, marshal } from '../ledger/canonical-json';
import { notFound } from '../ledger/errors';
import { txTimestampIso } from '../ledger/tx-time';
import { chaincodeVersion } from './chaincode-version';
import { validateKey, validateValue, type ValueRecord } from './value-record';

/** Object type of the composite keys under which values are stored. */
export const VALUE_OBJECT_TYPE = 'value';
/** Name of the chaincode event emitted by PutValue. */
export const VALUE_PUT_EVENT = 'ValuePut';

/**
 * The default contract, named `system`.
 */
@Info({ title: 'SystemContract', description: 'Deuro chaincode version and a key/value store' })
export class SystemContract extends Contract {
  constructor() {
    super('system');
  }

  /**
   * The chaincode name and version.
   * @returns Canonical JSON `{"name":"deuro","version":"<package version>"}`.
   */
  @Transaction(false)
  @Returns('string')
  Version(_ctx: Context): string {
    return canonicalJson({ name: 'deuro', version: chaincodeVersion });
  }

  /**
   * Store a value under a key, replacing any previous value, and emit one `ValuePut` event whose
   * payload is canonical JSON `{"key":...,"txId":...}`.
   * @throws {@link DeuroError} `DEURO_INVALID_ARGUMENT` when the key or value is invalid.
   */
  @Transaction()
  async PutValue(ctx: Context, key: string, value: string): Promise<void> {
    const record: ValueRecord = {
      key: validateKey(key),
      value: validateValue(value),
      txId: ctx.stub.getTxID(),
      timestamp: txTimestampIso(ctx.stub),
      writer: ctx.clientIdentity.getMSPID(),
    };
    await ctx.stub.putState(valueStateKey(ctx, record.key), marshal(record));
    ctx.stub.setEvent(VALUE_PUT_EVENT, marshal({ key: record.key, txId: record.txId }));
  }

  /**
   * Read a stored value.
   * @returns The stored record as canonical JSON (see {@link ValueRecord}).
   * @throws {@link DeuroError} `DEURO_INVALID_ARGUMENT` when the key is invalid, `DEURO_NOT_FOUND`
   * when nothing is stored under it.
   */
  @Transaction(false)
  @Returns('string')
  async GetValue(ctx: Context, key: string): Promise<string> {
    const bytes = await ctx.stub.getState(valueStateKey(ctx, validateKey(key)));
    if (bytes.length === 0) {
      throw notFound(VALUE_OBJECT_TYPE, key);
    }
    return Buffer.from(bytes).toString('utf8');
  }
}

function valueStateKey(ctx: Context, key: string): string {
  return ctx.stub.createCompositeKey(VALUE_OBJECT_TYPE, [key]);
}
