/*
 * Calling a contract: JSON results decoded, failures turned into ApiErrors by the chaincode's
 * code (fromLedgerError), submissions through the one submit path (retries on UNAVAILABLE).
 */
import { fromLedgerError } from '../errors/ledger-error';
import { submitTransaction, type BoundContract } from '../fabric/submit';

const utf8 = new TextDecoder();

/** Evaluate a read-only transaction and decode its JSON result. */
export async function evaluate<T>(
  target: BoundContract,
  name: string,
  ...args: string[]
): Promise<T> {
  try {
    return JSON.parse(utf8.decode(await target.contract.evaluateTransaction(name, ...args))) as T;
  } catch (error) {
    throw fromLedgerError(error);
  }
}

/** Submit a transaction, wait for its commit, and decode its JSON result. */
export async function submit<T>(
  target: BoundContract,
  name: string,
  ...args: string[]
): Promise<T> {
  try {
    return JSON.parse(utf8.decode(await submitTransaction(target, name, { arguments: args }))) as T;
  } catch (error) {
    throw fromLedgerError(error);
  }
}

/** Evaluate a read-only transaction whose result is plain text. */
export async function evaluateText(
  target: BoundContract,
  name: string,
  ...args: string[]
): Promise<string> {
  try {
    return utf8.decode(await target.contract.evaluateTransaction(name, ...args));
  } catch (error) {
    throw fromLedgerError(error);
  }
}
