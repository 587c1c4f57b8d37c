/*
 * Submitting a transaction, with the one retry that is safe. Under BFT the peer's gateway needs a
 * quorum of orderers to accept a transaction; under load one may not answer in time and the
 * client gets UNAVAILABLE. Sending the same endorsed, signed transaction again is idempotent (a
 * transaction id commits at most once; a duplicate is rejected), so UNAVAILABLE at submit is
 * retried with an exponential backoff (up to 16 s in all). Everything else is the caller's to handle.
 */
import { setTimeout as delay } from 'node:timers/promises';

import { status as GrpcStatus } from '@grpc/grpc-js';
import { GatewayError, type Contract, type ProposalOptions } from '@hyperledger/fabric-gateway';

const ATTEMPTS = 7;
const UNAVAILABLE: number = GrpcStatus.UNAVAILABLE;
const FIRST_BACKOFF_MS = 250;

function isSubmitUnavailable(error: unknown): boolean {
  return (
    error instanceof GatewayError && error.name === 'SubmitError' && error.code === UNAVAILABLE
  );
}

/**
 * Endorse once, submit (retrying UNAVAILABLE), wait for the commit.
 * @returns The transaction's result.
 * @throws The fabric-gateway error of the step that failed (EndorseError, SubmitError after the
 * last attempt, CommitStatusError, or CommitError when the transaction was invalidated).
 */
export async function submitTransaction(
  contract: Contract,
  name: string,
  options: ProposalOptions,
): Promise<Uint8Array> {
  const transaction = await contract.newProposal(name, options).endorse();
  for (let attempt = 1; ; attempt++) {
    try {
      const submitted = await transaction.submit();
      const status = await submitted.getStatus();
      if (!status.successful) {
        throw new Error(
          `transaction ${status.transactionId} was invalidated: ${String(status.code)}`,
        );
      }
      return transaction.getResult();
    } catch (error) {
      if (!isSubmitUnavailable(error) || attempt >= ATTEMPTS) {
        throw error;
      }
      await delay(FIRST_BACKOFF_MS * 2 ** (attempt - 1));
    }
  }
}
