import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { TestNetwork } from '../harness/test-network';
import { uniqueKey } from './transactions.suite';

const utf8 = new TextDecoder();

interface CommittedDefinition {
  sequence: number;
  version: string;
}

async function committedDefinition(network: TestNetwork): Promise<CommittedDefinition> {
  const { layout } = network;
  const { stdout } = await network.peerAdmin('peer0.org2', [
    'lifecycle',
    'chaincode',
    'querycommitted',
    '-C',
    layout.channel,
    '-n',
    layout.chaincode,
    '-O',
    'json',
  ]);
  return JSON.parse(stdout) as CommittedDefinition;
}

/** scripts/deploy-chaincode.sh is idempotent and upgrades keep the state. */
export function chaincodeUpgradeSuite(network: () => TestNetwork): void {
  void describe('chaincode lifecycle', () => {
    it('does nothing, and says so, when deployed again unchanged', async () => {
      const before = await committedDefinition(network());
      const { stderr } = await network().script('deploy-chaincode.sh');
      assert.match(stderr, /nothing to do/);
      assert.deepEqual(await committedDefinition(network()), before);
    });

    it('upgrades to a new version at the next sequence and keeps existing state', async () => {
      const key = uniqueKey('upgrade');
      const org1 = network().connect('peer0.org1');
      try {
        await org1.contract.submitTransaction('PutValue', key, 'written before the upgrade');
        const before = await committedDefinition(network());

        const version = `${before.version}-upgraded`;
        await network().script('deploy-chaincode.sh', ['--version', version]);

        const after = await committedDefinition(network());
        assert.equal(after.version, version);
        assert.equal(after.sequence, before.sequence + 1);
        const record = JSON.parse(
          utf8.decode(await org1.contract.evaluateTransaction('GetValue', key)),
        ) as { value: string };
        assert.equal(record.value, 'written before the upgrade');
        await org1.contract.submitTransaction('PutValue', key, 'written after the upgrade');
      } finally {
        org1.close();
      }
    });
  });
}
