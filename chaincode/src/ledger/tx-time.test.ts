import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newFakeContext } from '../testing/fake-context';
import { txTimestampIso } from './tx-time';

describe('txTimestampIso', () => {
  it('formats the proposal timestamp as ISO 8601 UTC, truncated to milliseconds', () => {
    const { ctx } = newFakeContext({ txTimestamp: { seconds: 1_700_000_000, nanos: 123_999_999 } });
    assert.equal(txTimestampIso(ctx.stub), '2023-11-14T22:13:20.123Z');
  });

  it('handles the epoch', () => {
    const { ctx } = newFakeContext({ txTimestamp: { seconds: 0, nanos: 0 } });
    assert.equal(txTimestampIso(ctx.stub), '1970-01-01T00:00:00.000Z');
  });
});
