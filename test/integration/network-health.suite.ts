import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { fetchOrderingConfig } from '../harness/channel-config';
import type { TestNetwork } from '../harness/test-network';

/** The network is up, healthy, and its channel is ordered by four SmartBFT consenters. */
export function networkHealthSuite(network: () => TestNetwork): void {
  void describe('network health', () => {
    it('reports every node running and healthy', async () => {
      const { stdout } = await network().script('network.sh', ['status']);
      const lines = stdout.trim().split('\n');
      assert.equal(lines.length, 12, stdout);
      for (const line of lines) {
        assert.match(line, /running +pid \d+ +healthy/, line);
      }
    });

    it('answers /healthz on every orderer and peer operations endpoint', async () => {
      const { layout } = network();
      for (const node of [...layout.orderers, ...layout.peers]) {
        const response = await fetch(`http://${node.operationsAddress}/healthz`);
        assert.equal(response.status, 200, node.name);
        assert.equal(((await response.json()) as { status: string }).status, 'OK', node.name);
      }
    });

    it('orders channel deuro with BFT and four consenters (config block via configtxlator)', async () => {
      const { layout } = network();
      const ordering = await fetchOrderingConfig(network());
      assert.equal(ordering.consensusType, 'BFT');
      assert.deepEqual(ordering.consenters, layout.orderers.map((node) => node.address).sort());
    });
  });
}
