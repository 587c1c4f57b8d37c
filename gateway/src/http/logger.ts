/*
 * Structured JSON logs (pino) with redaction: authorization headers, API keys, passphrases,
 * private keys and request bodies never reach a log line.
 */
import { pino, type Logger } from 'pino';

/** Options of {@link newLogger}. */
export interface LoggerOptions {
  readonly level: string;
  /** Where lines go; standard output by default. */
  readonly destination?: NodeJS.WritableStream;
}

/** Paths pino replaces with [redacted] wherever they occur in a logged object. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.body',
  '*.passphrase',
  '*.privateKey',
  '*.privateKeyPem',
  '*.apiKey',
  '*.plaintext',
];

/** How a logged error looks: its class, code and message down the cause chain, never a stack. */
export interface LoggedError {
  readonly type: string;
  readonly message: string;
  readonly code?: string;
  readonly cause?: LoggedError;
}

const MAX_CAUSES = 5;

/** Summarises an error for the log (stack traces stay out: they can carry paths and data). */
export function summariseError(error: unknown, depth = 0): LoggedError {
  if (!(error instanceof Error)) return { type: typeof error, message: String(error) };
  const code = (error as { code?: unknown }).code;
  return {
    type: error.name,
    message: error.message,
    ...(typeof code === 'string' ? { code } : {}),
    ...(error.cause === undefined || depth >= MAX_CAUSES
      ? {}
      : { cause: summariseError(error.cause, depth + 1) }),
  };
}

/** A JSON logger. */
export function newLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'deuro-gateway' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: { err: summariseError },
    },
    options.destination ?? process.stdout,
  );
}

export type { Logger };
