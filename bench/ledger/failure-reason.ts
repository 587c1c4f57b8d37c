/**
 * Names why a submission failed, in a few stable words, so failures are
 * counted by kind (an MVCC conflict is not a timeout) and reported rather
 * than hidden. The chaincode's own code (`DEURO_...`) is kept when the
 * endorsing peer returned one.
 */
import { status as GrpcStatus } from '@grpc/grpc-js';
import {
  CommitError,
  CommitStatusError,
  EndorseError,
  GatewayError,
  StatusCode,
} from '@hyperledger/fabric-gateway';

const validationCodeNames = new Map<number, string>(
  Object.entries(StatusCode).map(([name, code]) => [code, name]),
);

/** A short reason such as `commit MVCC_READ_CONFLICT` or `endorse DEADLINE_EXCEEDED`. */
export function failureReason(error: unknown): string {
  if (error instanceof CommitError) {
    return `commit ${validationCodeNames.get(error.code) ?? String(error.code)}`;
  }
  if (error instanceof GatewayError) {
    return `${gatewayStep(error)} ${grpcCodeName(error.code)}${chaincodeCode(error)}`;
  }
  if (error instanceof Error) {
    return `${error.name}: ${error.message.split('\n', 1)[0] ?? ''}`;
  }
  return String(error);
}

function gatewayStep(error: GatewayError): string {
  if (error instanceof EndorseError) {
    return 'endorse';
  }
  if (error instanceof CommitStatusError) {
    return 'commit-status';
  }
  return error.name === 'SubmitError' ? 'submit' : 'gateway';
}

function grpcCodeName(code: number): string {
  const name = (GrpcStatus as Record<number, string | undefined>)[code];
  return name ?? String(code);
}

function chaincodeCode(error: GatewayError): string {
  const text = [error.message, ...error.details.map((detail) => detail.message)].join(' ');
  const code = /\bDEURO_[A-Z_]+\b/.exec(text);
  return code === null ? '' : ` ${code[0]}`;
}
