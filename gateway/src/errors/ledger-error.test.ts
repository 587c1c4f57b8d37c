import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { Metadata, status as GrpcStatus } from '@grpc/grpc-js';
import { GatewayError } from '@hyperledger/fabric-gateway';

import { TransactionInvalidatedError } from '../fabric/submit';
import { fromLedgerError } from './ledger-error';

function endorseError(message: string, details: string[], code = GrpcStatus.ABORTED): GatewayError {
  const cause = Object.assign(new Error(message), { code, details: '', metadata: new Metadata() });
  return new GatewayError({
    code,
    message,
    cause,
    details: details.map((detail) => ({
      address: 'peer0:7051',
      mspId: 'Org1MSP',
      message: detail,
    })),
  });
}

describe('fromLedgerError', () => {
  it('maps a chaincode code found in the details to its status', () => {
    const error = fromLedgerError(
      endorseError('10 ABORTED: failed to endorse transaction', [
        'chaincode response 500, DEURO_ACCESS_DENIED: Org2MSP/abc may not read asset a1',
      ]),
    );
    assert.equal(error.code, 'DEURO_ACCESS_DENIED');
    assert.equal(error.status, 403);
    assert.equal(error.detail, 'Org2MSP/abc may not read asset a1');
  });

  it('reports an unreachable ledger as 503 and anything else as 500', () => {
    assert.equal(
      fromLedgerError(endorseError('14 UNAVAILABLE: no connection', [], GrpcStatus.UNAVAILABLE))
        .code,
      'DEURO_LEDGER_UNAVAILABLE',
    );
    assert.equal(fromLedgerError(new Error('surprise')).code, 'DEURO_INTERNAL');
  });

  it('ignores codes that are not in the catalogue', () => {
    assert.equal(
      fromLedgerError(endorseError('failed', ['DEURO_MADE_UP: x'])).code,
      'DEURO_INTERNAL',
    );
  });

  it('maps a transaction invalidated by a read conflict to DEURO_LEDGER_CONFLICT, other invalidations to 500', () => {
    const conflict = fromLedgerError(new TransactionInvalidatedError('tx-1', 11));
    assert.equal(conflict.code, 'DEURO_LEDGER_CONFLICT');
    assert.equal(conflict.status, 409);
    assert.equal(conflict.transactionId, 'tx-1');
    assert.equal(
      fromLedgerError(new TransactionInvalidatedError('tx-2', 12)).code,
      'DEURO_LEDGER_CONFLICT',
    );
    const policy = fromLedgerError(new TransactionInvalidatedError('tx-3', 10));
    assert.equal(policy.code, 'DEURO_INTERNAL');
    assert.match((policy.cause as Error).message, /ENDORSEMENT_POLICY_FAILURE \(10\)/);
  });
});
