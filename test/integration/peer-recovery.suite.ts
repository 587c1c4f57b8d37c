import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { TestNetwork } from '../harness/test-network';
import { waitFor } from '../harness/wait-for';
import { uniqueKey } from './transactions.suite';

/** A peer that was down keeps its ledger and catches up on the blocks it missed. */
export function peerRecoverySuite(network: () => TestNetwork): void {
  void describe('peer recovery', () => {
    it('restarts peer1.org1 with its ledger and catches up on missed blocks', async () => {
      const net = network();
      const heightBefore = await net.peerHeight('peer1.org1');
      await net.script('network.sh', ['stop', 'peer1.org1']);

      const keys = [uniqueKey('missed'), uniqueKey('missed'), uniqueKey('missed')];
      const org1 = net.connect('peer0.org1');
      try {
        for (const key of keys) {
          await org1.contract.submitTransaction(
            'PutValue',
            key,
            `written while peer1.org1 was down`,
          );
        }
      } finally {
        org1.close();
      }
      const target = await net.peerHeight('peer0.org1');
      assert.ok(target >= heightBefore + keys.length, 'the missed transactions made new blocks');

      await net.script('network.sh', ['start', 'peer1.org1']);
      const height = await waitFor(`peer1.org1 to reach height ${String(target)}`, async () => {
        const current = await net.peerHeight('peer1.org1');
        return current >= target ? current : undefined;
      });
      assert.ok(height >= target);

      // Query peer1.org1 itself (a gateway could route to peer0): its state
      // has the writes it missed.
      for (const key of keys) {
        const { stdout } = await net.peerAdmin('peer1.org1', [
          'chaincode',
          'query',
          '-C',
          net.layout.channel,
          '-n',
          net.layout.chaincode,
          '-c',
          JSON.stringify({ Args: ['GetValue', key] }),
        ]);
        const record = JSON.parse(stdout) as { value: string };
        assert.equal(record.value, 'written while peer1.org1 was down');
      }
    });
  });
}
