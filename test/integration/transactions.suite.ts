import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';

import { errorText } from '../harness/ledger-actor';
import type { TestNetwork } from '../harness/test-network';

const utf8 = new TextDecoder();

/** A key no other test uses. */
export function uniqueKey(prefix: string): string {
  return `${prefix}-${randomUUID()}`;
}

/** Transactions through @hyperledger/fabric-gateway commit and every organization reads them. */
export function transactionsSuite(network: () => TestNetwork): void {
  void describe('transactions', () => {
    it('commits a PutValue submitted by Org1 and reads it from a peer of each organization', async () => {
      const key = uniqueKey('tx');
      const org1 = network().connect('peer0.org1');
      const org2 = network().connect('peer0.org2');
      try {
        await org1.contract.submitTransaction('PutValue', key, 'hello from org1');
        await network().settle();
        for (const connection of [org1, org2]) {
          const record = JSON.parse(
            utf8.decode(await connection.contract.evaluateTransaction('GetValue', key)),
          ) as { key: string; value: string; writer: string };
          assert.equal(record.key, key);
          assert.equal(record.value, 'hello from org1');
          assert.equal(record.writer, 'Org1MSP');
        }
      } finally {
        org1.close();
        org2.close();
      }
    });

    it('emits one ValuePut chaincode event with the transaction id', async () => {
      const key = uniqueKey('event');
      const org2 = network().connect('peer0.org2');
      try {
        const proposal = org2.contract.newProposal('PutValue', { arguments: [key, 'evented'] });
        const transaction = await proposal.endorse();
        const submitted = await transaction.submit();
        const status = await submitted.getStatus();
        assert.equal(status.successful, true);
        const events = await org2.network.getChaincodeEvents(network().layout.chaincode, {
          startBlock: status.blockNumber,
        });
        try {
          for await (const event of events) {
            if (event.transactionId !== transaction.getTransactionId()) {
              continue;
            }
            assert.equal(event.eventName, 'ValuePut');
            const payload = JSON.parse(utf8.decode(event.payload)) as { key: string; txId: string };
            assert.deepEqual(payload, { key, txId: transaction.getTransactionId() });
            break;
          }
        } finally {
          events.close();
        }
      } finally {
        org2.close();
      }
    });

    it('rejects bad input with a stable code and writes nothing', async () => {
      const org1 = network().connect('peer0.org1');
      try {
        await assert.rejects(
          org1.contract.submitTransaction('PutValue', 'bad key with spaces', 'x'),
          (error: unknown) => errorText(error).includes('DEURO_INVALID_ARGUMENT'),
        );
        await assert.rejects(
          org1.contract.evaluateTransaction('GetValue', 'bad key with spaces'),
          (error: unknown) => /DEURO_(INVALID_ARGUMENT|NOT_FOUND)/.test(errorText(error)),
        );
      } finally {
        org1.close();
      }
    });
  });
}
