import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

import type { TestNetwork } from '../harness/test-network';

interface DecodedConfigBlock {
  data: {
    data: {
      payload: {
        data: {
          config: {
            channel_group: {
              groups: {
                Orderer: {
                  values: {
                    ConsensusType: { value: { type: string } };
                    Orderers: { value: { consenter_mapping: { host: string; port: number }[] } };
                  };
                };
              };
            };
          };
        };
      };
    }[];
  };
}

/** The network is up, healthy, and its channel is ordered by four SmartBFT consenters. */
export function networkHealthSuite(network: () => TestNetwork): void {
  void describe('network health', () => {
    it('reports every node running and healthy', async () => {
      const { stdout } = await network().script('network.sh', ['status']);
      const lines = stdout.trim().split('\n');
      assert.equal(lines.length, 10, stdout);
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
      const net = network();
      const { layout } = net;
      const block = path.join(layout.runDir, 'config-block.pb');
      const decoded = `${block}.json`;
      const orderer = layout.orderers[0];
      assert.ok(orderer);
      await net.peerAdmin('peer0.org1', [
        'channel',
        'fetch',
        'config',
        block,
        '-c',
        layout.channel,
        '-o',
        orderer.address,
        '--tls',
        '--cafile',
        layout.ordererTlsCa,
      ]);
      await net.fabric('configtxlator', [
        'proto_decode',
        '--type',
        'common.Block',
        '--input',
        block,
        '--output',
        decoded,
      ]);
      const config = JSON.parse(readFileSync(decoded, 'utf8')) as DecodedConfigBlock;
      const orderering = config.data.data[0]?.payload.data.config.channel_group.groups.Orderer;
      assert.ok(orderering);
      assert.equal(orderering.values.ConsensusType.value.type, 'BFT');
      const consenters = orderering.values.Orderers.value.consenter_mapping;
      assert.equal(consenters.length, 4);
      assert.deepEqual(
        consenters.map((consenter) => `${consenter.host}:${String(consenter.port)}`).sort(),
        layout.orderers.map((node) => node.address).sort(),
      );
    });
  });
}
