import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { ServiceError } from '@grpc/grpc-js';
import { GatewayError, type Contract, type Status } from '@hyperledger/fabric-gateway';

import { submitTransaction } from './submit';

const RESULT = new TextEncoder().encode('{"ok":true}');

function status(successful: boolean): Status {
  return { blockNumber: 7n, code: successful ? 0 : 11, successful, transactionId: 'tx-1' };
}

function submitError(code: number): GatewayError {
  const error = new GatewayError({
    code,
    details: [],
    cause: new Error('grpc') as ServiceError,
    message: `${String(code)} insufficient number of orderers could successfully process transaction to satisfy quorum requirement`,
  });
  error.name = 'SubmitError';
  return error;
}

/** A contract whose transaction fails its first submits with `failures`, then commits. */
function contractFailing(failures: readonly GatewayError[]): {
  contract: Contract;
  submits: () => number;
} {
  let submits = 0;
  const transaction = {
    getTransactionId: () => 'tx-1',
    getResult: () => RESULT,
    submit: () => {
      const failure = failures[submits];
      submits++;
      return failure === undefined
        ? Promise.resolve({ getStatus: () => Promise.resolve(status(true)) })
        : Promise.reject(failure);
    },
  };
  const contract = {
    newProposal: () => ({ endorse: () => Promise.resolve(transaction) }),
  } as unknown as Contract;
  return { contract, submits: () => submits };
}

describe('submitTransaction', () => {
  it('takes the commit status when the orderers said UNAVAILABLE for a transaction they ordered', async () => {
    const { contract, submits } = contractFailing([submitError(14)]);
    const asked: string[] = [];
    const result = await submitTransaction(
      {
        contract,
        commitStatus: (transactionId) => {
          asked.push(transactionId);
          return Promise.resolve(status(true));
        },
      },
      'RegisterAsset',
      {},
    );
    assert.deepEqual(result, RESULT);
    assert.equal(submits(), 1, 'not sent again');
    assert.deepEqual(asked, ['tx-1']);
  });

  it('sends the same transaction again when no commit shows up in time', async () => {
    const { contract, submits } = contractFailing([submitError(14)]);
    const result = await submitTransaction(
      { contract, commitStatus: () => Promise.reject(new Error('deadline exceeded')) },
      'RegisterAsset',
      {},
    );
    assert.deepEqual(result, RESULT);
    assert.equal(submits(), 2);
  });

  it('refuses a transaction whose commit status says it was invalidated', async () => {
    const { contract } = contractFailing([submitError(14)]);
    await assert.rejects(
      submitTransaction(
        { contract, commitStatus: () => Promise.resolve(status(false)) },
        'RegisterAsset',
        {},
      ),
      /transaction tx-1 was invalidated: MVCC_READ_CONFLICT \(11\)/,
    );
  });

  it('passes other submit errors straight on, without asking for a commit', async () => {
    const { contract, submits } = contractFailing([submitError(9)]);
    let asked = false;
    await assert.rejects(
      submitTransaction(
        {
          contract,
          commitStatus: () => {
            asked = true;
            return Promise.resolve(status(true));
          },
        },
        'RegisterAsset',
        {},
      ),
      (error: unknown) => error instanceof GatewayError && error.code === 9,
    );
    assert.equal(submits(), 1);
    assert.equal(asked, false);
  });

  it('asks for endorsement again when the peers disagreed (one a block behind), not when all refused', async () => {
    const disagreement = Object.assign(
      new GatewayError({
        code: 10,
        details: [],
        cause: new Error('grpc') as ServiceError,
        message:
          '10 ABORTED: failed to collect enough transaction endorsements, see attached details for more info',
      }),
      { name: 'EndorseError' },
    );
    const refusal = Object.assign(
      new GatewayError({
        code: 10,
        details: [],
        cause: new Error('grpc') as ServiceError,
        message: '10 ABORTED: failed to endorse transaction, see attached details for more info',
      }),
      { name: 'EndorseError' },
    );
    const { contract: committing } = contractFailing([]);
    const endorsements = (
      failures: GatewayError[],
    ): { contract: Contract; calls: () => number } => {
      let calls = 0;
      const inner = committing.newProposal('x');
      const contract = {
        newProposal: () => ({
          endorse: () => {
            const failure = failures[calls];
            calls++;
            return failure === undefined ? inner.endorse() : Promise.reject(failure);
          },
        }),
      } as unknown as Contract;
      return { contract, calls: () => calls };
    };
    const retried = endorsements([disagreement]);
    assert.deepEqual(
      await submitTransaction({ contract: retried.contract }, 'Transfer', {}),
      RESULT,
    );
    assert.equal(retried.calls(), 2);
    const refused = endorsements([refusal]);
    await assert.rejects(
      submitTransaction({ contract: refused.contract }, 'Transfer', {}),
      /failed to endorse/,
    );
    assert.equal(refused.calls(), 1);
  });
});
