/*
 * The gateway's one config loader: the only place that reads process.env. Every key is listed in
 * `configKeys` with its meaning and default, and docs/gateway.md documents each (a test fails
 * when they drift apart).
 */

import { readFileSync } from 'node:fs';

/** One configuration key. */
export interface ConfigKey {
  readonly name: string;
  readonly description: string;
  /** The default, or undefined when the key is required. */
  readonly defaultValue: string | undefined;
}

/** The gateway's configuration. */
export interface GatewayConfig {
  /** The organization this gateway serves: org1 or org2. */
  readonly org: string;
  readonly host: string;
  readonly port: number;
  /** The network's run directory (its network.json describes addresses and credentials). */
  readonly networkDir: string;
  /** Where the gateway keeps its wallet, API keys and blob store. */
  readonly dataDir: string;
  /** Unlocks the wallet's private keys. */
  readonly walletPassphrase: string;
  readonly logLevel: string;
  /** Largest upload accepted, in bytes. */
  readonly maxUploadBytes: number;
  /** The HTTPS listener (client certificates, federation), when configured. */
  readonly tls:
    { readonly port: number; readonly certFile: string; readonly keyFile: string } | undefined;
}

/** Every key the gateway reads. */
export const configKeys: readonly ConfigKey[] = [
  {
    name: 'DEURO_GATEWAY_ORG',
    description: 'The organization this gateway serves (org1, org2).',
    defaultValue: undefined,
  },
  { name: 'DEURO_GATEWAY_HOST', description: 'Address to listen on.', defaultValue: '127.0.0.1' },
  {
    name: 'DEURO_GATEWAY_PORT',
    description:
      "Port to listen on; the network's port base + 400 (org1) or + 410 (org2) when npm start runs it.",
    defaultValue: '8080',
  },
  {
    name: 'DEURO_RUN_DIR',
    description: 'The network run directory, whose network.json describes peers and credentials.',
    defaultValue: '.deuro/network',
  },
  {
    name: 'DEURO_GATEWAY_DATA_DIR',
    description: 'Where the wallet, the API keys and the blob store live.',
    defaultValue: '<DEURO_RUN_DIR>/gateway-<org>',
  },
  {
    name: 'DEURO_WALLET_PASSPHRASE',
    description:
      "Passphrase that encrypts the wallet's private keys at rest (or give DEURO_WALLET_PASSPHRASE_FILE).",
    defaultValue: undefined,
  },
  {
    name: 'DEURO_WALLET_PASSPHRASE_FILE',
    description:
      'A file holding the wallet passphrase (its first line), used when DEURO_WALLET_PASSPHRASE is not set.',
    defaultValue: '',
  },
  {
    name: 'DEURO_GATEWAY_TLS_PORT',
    description:
      "Port of the HTTPS listener (client-certificate authentication, federation with the other organizations' gateways); empty for none.",
    defaultValue: '',
  },
  {
    name: 'DEURO_GATEWAY_TLS_CERT',
    description:
      "The gateway's TLS certificate (PEM), issued by its organization's TLS CA; required with DEURO_GATEWAY_TLS_PORT.",
    defaultValue: '',
  },
  {
    name: 'DEURO_GATEWAY_TLS_KEY',
    description: 'The private key (PEM) of DEURO_GATEWAY_TLS_CERT.',
    defaultValue: '',
  },
  {
    name: 'DEURO_LOG_LEVEL',
    description: 'Log level: fatal, error, warn, info, debug, trace.',
    defaultValue: 'info',
  },
  {
    name: 'DEURO_MAX_UPLOAD_BYTES',
    description: 'Largest upload accepted, in bytes.',
    defaultValue: String(4 * 1024 ** 3),
  },
];

/** A configuration problem, named so an operator can fix it. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const ORG_PATTERN = /^org[0-9]+$/;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * Read the configuration from the environment.
 * @throws {@link ConfigError} naming the key that is missing or wrong.
 */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
): GatewayConfig {
  const value = (name: string): string => {
    const key = configKeys.find((candidate) => candidate.name === name);
    const found = env[name] ?? key?.defaultValue;
    if (found === undefined || found === '') {
      throw new ConfigError(`${name} is required: ${key?.description ?? ''}`);
    }
    return found;
  };
  const org = value('DEURO_GATEWAY_ORG');
  if (!ORG_PATTERN.test(org)) {
    throw new ConfigError(`DEURO_GATEWAY_ORG must be org1, org2, ... (not ${JSON.stringify(org)})`);
  }
  const networkDir = value('DEURO_RUN_DIR');
  const logLevel = value('DEURO_LOG_LEVEL');
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`DEURO_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  }
  return {
    org,
    host: value('DEURO_GATEWAY_HOST'),
    port: integer('DEURO_GATEWAY_PORT', value('DEURO_GATEWAY_PORT'), 1, 65_535),
    networkDir,
    dataDir: env.DEURO_GATEWAY_DATA_DIR ?? `${networkDir}/gateway-${org}`,
    walletPassphrase: walletPassphrase(env),
    logLevel,
    maxUploadBytes: integer(
      'DEURO_MAX_UPLOAD_BYTES',
      value('DEURO_MAX_UPLOAD_BYTES'),
      1,
      Number.MAX_SAFE_INTEGER,
    ),
    tls: tlsListener(env),
  };
}

function walletPassphrase(env: Readonly<Record<string, string | undefined>>): string {
  const direct = env.DEURO_WALLET_PASSPHRASE ?? '';
  if (direct !== '') {
    return direct;
  }
  const file = env.DEURO_WALLET_PASSPHRASE_FILE ?? '';
  if (file === '') {
    throw new ConfigError(
      'DEURO_WALLET_PASSPHRASE is required: give it, or DEURO_WALLET_PASSPHRASE_FILE naming a file that holds it',
    );
  }
  let passphrase: string;
  try {
    passphrase = readFileSync(file, 'utf8').split('\n')[0]?.trim() ?? '';
  } catch {
    throw new ConfigError(`DEURO_WALLET_PASSPHRASE_FILE ${file} cannot be read`);
  }
  if (passphrase === '') {
    throw new ConfigError(`DEURO_WALLET_PASSPHRASE_FILE ${file} is empty`);
  }
  return passphrase;
}

function tlsListener(env: Readonly<Record<string, string | undefined>>): GatewayConfig['tls'] {
  const port = env.DEURO_GATEWAY_TLS_PORT ?? '';
  if (port === '') {
    return undefined;
  }
  const certFile = env.DEURO_GATEWAY_TLS_CERT ?? '';
  const keyFile = env.DEURO_GATEWAY_TLS_KEY ?? '';
  if (certFile === '' || keyFile === '') {
    throw new ConfigError(
      'DEURO_GATEWAY_TLS_CERT and DEURO_GATEWAY_TLS_KEY are required with DEURO_GATEWAY_TLS_PORT',
    );
  }
  return { port: integer('DEURO_GATEWAY_TLS_PORT', port, 1, 65_535), certFile, keyFile };
}

function integer(name: string, text: string, min: number, max: number): number {
  const number = /^[0-9]+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(number) || number < min || number > max) {
    throw new ConfigError(`${name} must be a whole number from ${String(min)} to ${String(max)}`);
  }
  return number;
}
