/*
 * Submitting a transaction. Under BFT the peer's gateway needs a quorum of orderers to accept a
 * transaction and answers UNAVAILABLE otherwise, which has two causes: orderers that did not
 * answer in time (the transaction may or may not be ordered), and orderers that had already
 * ordered it, because the leader cut the block before their copy arrived (commit-status.ts). So
 * after UNAVAILABLE the submitter first asks for the transaction's commit status; only when that
 * does not come within a few seconds does it send the same endorsed, signed transaction again,
 * which is idempotent (a transaction id commits at most once), with an exponential backoff.
 * Endorsement is asked again (twice at most) only when the peers disagreed, which right after a
 * commit means one of them is a block behind.
 */
import { setTimeout as delay } from 'node:timers/promises';

import { status as GrpcStatus } from '@grpc/grpc-js';
import {
  GatewayError,
  type Contract,
  type ProposalOptions,
  type Status,
  type Transaction,
} from '@hyperledger/fabric-gateway';

import { peer } from '@hyperledger/fabric-protos';

import type { CommitStatusLookup } from './commit-status';

const ATTEMPTS = 7;
const UNAVAILABLE: number = GrpcStatus.UNAVAILABLE;
const ABORTED: number = GrpcStatus.ABORTED;
const ENDORSE_ATTEMPTS = 3;
const ENDORSE_RETRY_MS = 500;
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

/**
 * Peers that answered a proposal differently: right after a commit, a peer that has not yet
 * committed that block endorses against the older state. Fabric says so only in this message (a
 * chaincode refusal on every peer reads "failed to endorse transaction" instead).
 */
function isEndorsementDisagreement(error: unknown): boolean {
  return (
    error instanceof GatewayError &&
    error.name === 'EndorseError' &&
    error.code === ABORTED &&
    error.message.includes('failed to collect enough transaction endorsements')
  );
}

/** Endorses, asking again (after the lagging peer has had time to commit) when peers disagreed. */
async function endorse(
  contract: Contract,
  name: string,
  options: ProposalOptions,
): Promise<Transaction> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await contract.newProposal(name, options).endorse();
    } catch (error) {
      if (!isEndorsementDisagreement(error) || attempt >= ENDORSE_ATTEMPTS) throw error;
      await delay(ENDORSE_RETRY_MS * attempt);
    }
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
  const transaction = await endorse(target.contract, name, options);
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
