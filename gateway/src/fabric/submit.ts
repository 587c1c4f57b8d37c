/*
 * Submitting a transaction. Under BFT the peer's gateway needs a quorum of orderers to accept a
 * transaction and answers UNAVAILABLE otherwise, which has two causes: orderers that did not
 * answer in time (the transaction may or may not be ordered), and orderers that had already
 * ordered it, because the leader cut the block before their copy arrived (commit-status.ts). So
 * after UNAVAILABLE the submitter first asks for the transaction's commit status; only when that
 * does not come within a few seconds does it send the same endorsed, signed transaction again,
 * which is idempotent (a transaction id commits at most once), with an exponential backoff.
 */
import { setTimeout as delay } from 'node:timers/promises';

import { status as GrpcStatus } from '@grpc/grpc-js';
import {
  GatewayError,
  type Contract,
  type ProposalOptions,
  type Status,
} from '@hyperledger/fabric-gateway';

import { peer } from '@hyperledger/fabric-protos';

import type { CommitStatusLookup } from './commit-status';

const ATTEMPTS = 7;
const UNAVAILABLE: number = GrpcStatus.UNAVAILABLE;
const FIRST_BACKOFF_MS = 250;
/** How long a transaction the orderers may have taken gets to show up as committed. */
const COMMIT_CHECK_MS = 3000;

/** A contract, and how to learn a transaction's fate on its channel. */
export interface BoundContract {
  readonly contract: Contract;
  /** Without it, UNAVAILABLE is only retried. */
  readonly commitStatus?: CommitStatusLookup;
}

const VALIDATION_CODE_NAMES = new Map<number, string>(
  Object.entries(peer.TxValidationCode).map(([name, code]) => [code, name]),
);

/** A transaction that was ordered but marked invalid by the peers (an MVCC conflict, say). */
export class TransactionInvalidatedError extends Error {
  readonly transactionId: string;
  /** Fabric's `TxValidationCode`, and its name. */
  readonly validationCode: number;
  readonly validationName: string;

  constructor(transactionId: string, validationCode: number) {
    const validationName = VALIDATION_CODE_NAMES.get(validationCode) ?? 'UNKNOWN';
    super(
      `transaction ${transactionId} was invalidated: ${validationName} (${String(validationCode)})`,
    );
    this.name = 'TransactionInvalidatedError';
    this.transactionId = transactionId;
    this.validationCode = validationCode;
    this.validationName = validationName;
  }
}

function isSubmitUnavailable(error: unknown): boolean {
  return (
    error instanceof GatewayError && error.name === 'SubmitError' && error.code === UNAVAILABLE
  );
}

/**
 * Endorse once, submit (settling UNAVAILABLE as above), wait for the commit.
 * @returns The transaction's result.
 * @throws The fabric-gateway error of the step that failed (EndorseError, SubmitError after the
 * last attempt, CommitStatusError), or TransactionInvalidatedError.
 */
export async function submitTransaction(
  target: BoundContract,
  name: string,
  options: ProposalOptions,
): Promise<Uint8Array> {
  return (await submitForStatus(target, name, options)).result;
}

/** What a committed transaction gave. */
export interface CommittedTransaction {
  readonly result: Uint8Array;
  readonly status: Status;
}

/**
 * {@link submitTransaction}, answering with the commit status (transaction id, block) as well.
 * @throws As {@link submitTransaction}.
 */
export async function submitForStatus(
  target: BoundContract,
  name: string,
  options: ProposalOptions,
): Promise<CommittedTransaction> {
  const transaction = await target.contract.newProposal(name, options).endorse();
  for (let attempt = 1; ; attempt++) {
    let status: Status | undefined;
    try {
      status = await (await transaction.submit()).getStatus();
    } catch (error) {
      if (!isSubmitUnavailable(error)) throw error;
      status = await committedAnyway(target, transaction.getTransactionId());
      if (status === undefined && attempt >= ATTEMPTS) throw error;
    }
    if (status !== undefined) {
      if (!status.successful) {
        throw new TransactionInvalidatedError(status.transactionId, status.code);
      }
      return { result: transaction.getResult(), status };
    }
    await delay(FIRST_BACKOFF_MS * 2 ** (attempt - 1));
  }
}

/** The transaction's commit status if it commits within {@link COMMIT_CHECK_MS}. */
async function committedAnyway(
  target: BoundContract,
  transactionId: string,
): Promise<Status | undefined> {
  if (target.commitStatus === undefined) return undefined;
  try {
    return await target.commitStatus(transactionId, { deadline: Date.now() + COMMIT_CHECK_MS });
  } catch {
    return undefined;
  }
}
