/*
 * Turns errors from @hyperledger/fabric-gateway into ApiErrors. Only `error.message` crosses from
 * the chaincode, inside the gateway error's details, and every chaincode message starts with its
 * stable code (`DEURO_NOT_FOUND: asset a1 does not exist`): the code decides the HTTP status,
 * never the English text after it.
 */
import { status as GrpcStatus } from '@grpc/grpc-js';
import { GatewayError } from '@hyperledger/fabric-gateway';

import { TransactionInvalidatedError } from '../fabric/submit';
import { ApiError } from './api-error';
import { isApiErrorCode } from './error-catalogue';

const CHAINCODE_CODE = /(DEURO_[A-Z_]+): ([^\n]*)/;

/** Convert an error thrown by a Fabric Gateway call. */
export function fromLedgerError(error: unknown): ApiError {
  if (error instanceof ApiError) {
    return error;
  }
  const transactionId = transactionIdOf(error);
  const texts = messagesOf(error);
  const coded = chaincodeError(texts, error, transactionId);
  if (coded !== undefined) {
    return coded;
  }
  if (error instanceof GatewayError && UNAVAILABLE.has(error.code)) {
    return new ApiError('DEURO_LEDGER_UNAVAILABLE', 'the ledger did not answer; retry shortly', {
      cause: error,
      transactionId,
    });
  }
  if (isConflict(error, texts)) {
    return new ApiError(
      'DEURO_LEDGER_CONFLICT',
      'another transaction changed the same data; retry',
      {
        cause: error,
        transactionId,
      },
    );
  }
  return new ApiError('DEURO_INTERNAL', 'the ledger transaction failed', {
    cause: error,
    transactionId,
  });
}

const UNAVAILABLE = new Set<number>([GrpcStatus.UNAVAILABLE, GrpcStatus.DEADLINE_EXCEEDED]);
const CONFLICTS = new Set(['MVCC_READ_CONFLICT', 'PHANTOM_READ_CONFLICT']);

/** An invalidation by a read conflict: another transaction changed what this one read. */
function isConflict(error: unknown, texts: readonly string[]): boolean {
  if (error instanceof TransactionInvalidatedError) return CONFLICTS.has(error.validationName);
  return texts.some((text) => [...CONFLICTS].some((name) => text.includes(name)));
}

function messagesOf(error: unknown): string[] {
  return error instanceof GatewayError
    ? [error.message, ...error.details.map((detail) => detail.message)]
    : [String(error)];
}

function chaincodeError(
  texts: string[],
  cause: unknown,
  transactionId: string | undefined,
): ApiError | undefined {
  for (const text of texts) {
    const match = CHAINCODE_CODE.exec(text);
    const code = match?.[1];
    if (code !== undefined && isApiErrorCode(code)) {
      return new ApiError(code, match?.[2] ?? code, { cause, transactionId });
    }
  }
  return undefined;
}

function transactionIdOf(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'transactionId' in error) {
    const value = error.transactionId;
    return typeof value === 'string' ? value : undefined;
  }
  return undefined;
}
