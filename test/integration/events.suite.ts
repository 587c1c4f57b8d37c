import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { startChaincodeEventListener } from '@deuro/gateway';
import type { ChaincodeEvent } from '@hyperledger/fabric-gateway';

import { newLedgerActor, registerRequest, type LedgerActor } from '../harness/ledger-actor';
import type { TestNetwork } from '../harness/test-network';
import { waitFor } from '../harness/wait-for';

interface Received {
  readonly txId: string;
  readonly block: bigint;
  readonly name: string;
}

/**
 * A durable listener receives every event in commit order, and after a restart resumes from its
 * checkpoint with nothing missed and nothing twice.
 */
export function eventsSuite(network: () => TestNetwork): void {
  void describe('ledger: event listener with checkpoint', () => {
    let owner: LedgerActor;
    const dir = mkdtempSync(path.join(tmpdir(), 'deuro-events-'));
    const checkpointFile = path.join(dir, 'checkpoint.json');
    const received: Received[] = [];
    const record = (event: ChaincodeEvent): void => {
      received.push({ txId: event.transactionId, block: event.blockNumber, name: event.eventName });
    };

    before(async () => {
      owner = await newLedgerActor(network(), 'peer0.org1', 'User1');
    });
    after(() => {
      owner.close();
      rmSync(dir, { recursive: true, force: true });
    });

    async function registerSome(prefix: string, count: number): Promise<string[]> {
      const txIds: string[] = [];
      for (let i = 0; i < count; i++) {
        const submitted = await owner.assets.submitAsync('RegisterAsset', {
          arguments: [
            registerRequest(owner, `${prefix}-${String(i)}-${String(Date.now())}`, 'image'),
          ],
        });
        txIds.push(submitted.getTransactionId());
        assert.ok((await submitted.getStatus()).successful);
      }
      return txIds;
    }

    it('receives every event in commit order, then resumes after a restart without gaps or repeats', async () => {
      const startBlock = BigInt(await network().peerHeight('peer0.org1'));
      const first = await startChaincodeEventListener({
        network: owner.connection.network,
        chaincode: network().layout.chaincode,
        checkpointFile,
        startBlock,
        onEvent: record,
      });
      const before = await registerSome('events-a', 5);
      await waitFor('the first five events', () =>
        Promise.resolve(before.every((txId) => received.some((r) => r.txId === txId))),
      );
      await first.close();

      const whileDown = await registerSome('events-b', 4);
      const second = await startChaincodeEventListener({
        network: owner.connection.network,
        chaincode: network().layout.chaincode,
        checkpointFile,
        onEvent: record,
      });
      const afterRestart = await registerSome('events-c', 3);
      const all = [...before, ...whileDown, ...afterRestart];
      try {
        await waitFor('every event after the restart', () =>
          Promise.resolve(all.every((txId) => received.some((r) => r.txId === txId))),
        );
      } finally {
        await second.close();
      }

      const txIds = received.map((r) => r.txId);
      assert.equal(new Set(txIds).size, txIds.length, 'an event was delivered twice');
      for (let i = 1; i < received.length; i++) {
        assert.ok(
          (received[i]?.block ?? 0n) >= (received[i - 1]?.block ?? 0n),
          'events out of block order',
        );
      }
      // Submitted one after the other, each committed before the next: commit order is submit order.
      assert.deepEqual(
        txIds.filter((txId) => all.includes(txId)),
        all,
      );
      assert.ok(received.every((r) => r.name === 'AssetTransition'));
    });
  });
}
