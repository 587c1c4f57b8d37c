/**
 * Raft stays available: the same scripts bring up the network with
 * `--consensus raft`, deploy the chaincode, and transactions commit.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { fetchOrderingConfig } from './harness/channel-config';
import { startTestNetwork, type TestNetwork } from './harness/test-network';

const utf8 = new TextDecoder();

void describe('Deuro with Raft ordering', () => {
  let network: TestNetwork | undefined;
  const current = (): TestNetwork => {
    if (network === undefined) {
      throw new Error('the Raft test network is not running (see the before hook failure)');
    }
    return network;
  };
  before(
    async () => {
      network = await startTestNetwork({ consensus: 'raft' });
    },
    { timeout: 10 * 60_000 },
  );
  after(
    async () => {
      await network?.teardown();
    },
    { timeout: 120_000 },
  );

  it('orders channel deuro with etcdraft and four consenters', async () => {
    const ordering = await fetchOrderingConfig(current());
    assert.equal(ordering.consensusType, 'etcdraft');
    assert.deepEqual(
      ordering.consenters,
      current()
        .layout.orderers.map((node) => node.address)
        .sort(),
    );
  });

  it('commits a transaction and reads it from the other organization', async () => {
    const org1 = current().connect('peer0.org1');
    const org2 = current().connect('peer0.org2');
    try {
      await org1.contract.submitTransaction('PutValue', 'raft-key', 'ordered by raft');
      const record = JSON.parse(
        utf8.decode(await org2.contract.evaluateTransaction('GetValue', 'raft-key')),
      ) as { value: string };
      assert.equal(record.value, 'ordered by raft');
    } finally {
      org1.close();
      org2.close();
    }
  });
});
