/**
 * Tells a chaincode that does not (yet) serve a contract or transaction from
 * one that fails. fabric-shim answers such a call with one of two fixed
 * messages and no code, so these are matched; any other error is a real
 * failure. Probing by the call that the benchmark makes anyway needs no
 * other transaction: `org.hyperledger.fabric:GetMetadata` goes through
 * class-transformer and failed (`classToPlain is not a function`) with the
 * class-transformer that npm had installed when this was written.
 */
import { GatewayError } from '@hyperledger/fabric-gateway';

const MISSING = [/Contract name is not known: (\S+)/, /function that does not exist: (\S+)/];

/** The missing `contract` or `contract:Transaction` that `error` reports, if it reports one. */
export function missingContractIn(error: unknown): string | undefined {
  if (!(error instanceof GatewayError)) {
    return undefined;
  }
  const texts = [error.message, ...error.details.map((detail) => detail.message)];
  for (const text of texts) {
    for (const pattern of MISSING) {
      const match = pattern.exec(text);
      if (match?.[1] !== undefined) {
        return match[1];
      }
    }
  }
  return undefined;
}
