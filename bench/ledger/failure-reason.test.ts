import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { CommitError, EndorseError, StatusCode } from '@hyperledger/fabric-gateway';

import { failureReason } from './failure-reason';

void describe('failure reasons', () => {
  it('names a commit failure by its validation code', () => {
    const error = new CommitError({ code: StatusCode.MVCC_READ_CONFLICT, transactionId: 'tx1' });
    assert.equal(failureReason(error), 'commit MVCC_READ_CONFLICT');
  });

  it('names an endorsement failure by gRPC code and the chaincode error code', () => {
    const error = new EndorseError({
      code: GrpcStatus.ABORTED,
      details: [
        {
          address: 'peer0.org1:7051',
          mspId: 'Org1MSP',
          message: 'chaincode response 500, DEURO_CONFLICT: asset a1 exists',
        },
      ],
      cause: new Error('aborted') as ServiceError,
      transactionId: 'tx2',
      message: 'failed to endorse',
    });
    assert.equal(failureReason(error), 'endorse ABORTED DEURO_CONFLICT');
  });

  it('keeps the first line of any other error', () => {
    assert.equal(failureReason(new RangeError('bad\nmore')), 'RangeError: bad');
    assert.equal(failureReason('odd'), 'odd');
  });
});
