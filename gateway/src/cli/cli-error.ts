/*
 * The CLI's errors and exit codes: 1 usage or bad input, 2 refused by the gateway or ledger
 * (a 4xx problem), 3 gateway unreachable or failing (5xx), 4 integrity (hash mismatch, cannot
 * decrypt), 5 a check that answered no.
 */

/** Exit codes of `deuro`. */
export const exitCodes = {
  usage: 1,
  refused: 2,
  unavailable: 3,
  integrity: 4,
  /** A check answered no (deuro align: the transcript does not fit the audio). */
  mismatch: 5,
} as const;

/** An error the CLI reports and exits with. */
export class CliError extends Error {
  readonly exitCode: number;
  /** The problem code, when the gateway sent one. */
  readonly code: string | undefined;

  constructor(message: string, exitCode: number, code?: string) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
    this.code = code;
  }
}

/**
 * Run `call`; a CliError with one of `codes` (refusals that are part of a protocol, such as a
 * lease someone else holds) becomes `fallback` instead.
 */
export async function unlessRefused<T>(
  call: () => Promise<T>,
  codes: readonly string[],
  fallback: T,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof CliError && error.code !== undefined && codes.includes(error.code)) {
      return fallback;
    }
    throw error;
  }
}
