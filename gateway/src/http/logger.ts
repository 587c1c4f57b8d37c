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

/** A JSON logger. */
export function newLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'deuro-gateway' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination ?? process.stdout,
  );
}

export type { Logger };
