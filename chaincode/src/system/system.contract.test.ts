import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { contracts } from '../index';
import { isDeuroError, type ErrorCode } from '../ledger/errors';
import { newFakeContext } from '../testing/fake-context';
import { SystemContract, VALUE_OBJECT_TYPE, VALUE_PUT_EVENT } from './system.contract';

const contract = new SystemContract();

function isDeuroErrorWith(code: ErrorCode): (err: unknown) => boolean {
  return (err) => {
    assert.ok(isDeuroError(err, code), String(err));
    assert.ok(err.message.startsWith(`${code}: `));
    return true;
  };
}

function packageVersion(): string {
  const manifest = JSON.parse(
    readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'),
  ) as { version: string };
  return manifest.version;
}

describe('SystemContract', () => {
  it('is named system and is the default (first) contract', () => {
    assert.equal(contract.getName(), 'system');
    assert.equal(contracts[0], SystemContract);
  });

  describe('Version', () => {
    it('returns the package name and version as canonical JSON', () => {
      const { ctx } = newFakeContext();
      assert.equal(contract.Version(ctx), `{"name":"deuro","version":"${packageVersion()}"}`);
    });
  });

  describe('PutValue', () => {
    it('stores a canonical JSON record under a composite key', async () => {
      const { ctx, state } = newFakeContext({
        txId: 'tx-put',
        txTimestamp: { seconds: 1_700_000_000, nanos: 5_000_000 },
        mspId: 'Org2MSP',
      });
      await contract.PutValue(ctx, 'greeting', 'hello');

      const stored = state.get(ctx.stub.createCompositeKey(VALUE_OBJECT_TYPE, ['greeting']));
      assert.ok(stored);
      assert.equal(
        Buffer.from(stored).toString('utf8'),
        '{"key":"greeting","timestamp":"2023-11-14T22:13:20.005Z","txId":"tx-put","value":"hello","writer":"Org2MSP"}',
      );
    });

    it('emits exactly one ValuePut event with the key and transaction ID', async () => {
      const { ctx, events } = newFakeContext({ txId: 'tx-event' });
      await contract.PutValue(ctx, 'k1', 'v1');

      assert.equal(events.length, 1);
      const [event] = events;
      assert.ok(event);
      assert.equal(event.name, VALUE_PUT_EVENT);
      assert.equal(Buffer.from(event.payload).toString('utf8'), '{"key":"k1","txId":"tx-event"}');
    });

    it('accepts every allowed key character and the longest key and value', async () => {
      const { ctx } = newFakeContext();
      await contract.PutValue(ctx, 'Az09._:-', '');
      await contract.PutValue(ctx, 'k'.repeat(128), 'v'.repeat(4096));
    });

    for (const key of ['', 'k'.repeat(129), 'has space', 'slash/', 'nul\u0000', 'é']) {
      it(`rejects the key ${JSON.stringify(key.slice(0, 10))} (length ${String(key.length)})`, async () => {
        const { ctx, state, events } = newFakeContext();
        await assert.rejects(
          contract.PutValue(ctx, key, 'v'),
          isDeuroErrorWith('DEURO_INVALID_ARGUMENT'),
        );
        assert.equal(state.size, 0);
        assert.equal(events.length, 0);
      });
    }

    it('rejects a value longer than 4096 characters', async () => {
      const { ctx } = newFakeContext();
      await assert.rejects(
        contract.PutValue(ctx, 'k1', 'v'.repeat(4097)),
        isDeuroErrorWith('DEURO_INVALID_ARGUMENT'),
      );
    });
  });

  describe('GetValue', () => {
    it('returns the record written by an earlier transaction', async () => {
      const writer = newFakeContext({ txId: 'tx-write' });
      await contract.PutValue(writer.ctx, 'k1', 'v1');

      const reader = newFakeContext({ txId: 'tx-read' }, writer.state);
      const json = await contract.GetValue(reader.ctx, 'k1');
      assert.deepEqual(JSON.parse(json), {
        key: 'k1',
        value: 'v1',
        txId: 'tx-write',
        timestamp: '2023-11-14T22:13:20.123Z',
        writer: 'Org1MSP',
      });
    });

    it('throws DEURO_NOT_FOUND naming the key when nothing is stored', async () => {
      const { ctx } = newFakeContext();
      await assert.rejects(contract.GetValue(ctx, 'missing'), (err: unknown) => {
        assert.ok(isDeuroError(err, 'DEURO_NOT_FOUND'));
        assert.equal(err.message, 'DEURO_NOT_FOUND: value missing does not exist');
        return true;
      });
    });

    it('rejects an invalid key', async () => {
      const { ctx } = newFakeContext();
      await assert.rejects(contract.GetValue(ctx, ''), isDeuroErrorWith('DEURO_INVALID_ARGUMENT'));
    });
  });
});
