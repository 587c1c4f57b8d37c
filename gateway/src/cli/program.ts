/*
 * The `deuro` program: its global options (gateway, credentials, key folder, --json), and what
 * every command shares: reading them, a gateway client, printing for people or scripts.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

import { Command, Option } from 'commander';

import { CliError, exitCodes } from './cli-error';
import { newGatewayClient, type ClientTls, type GatewayClient } from './gateway-client';

export interface GlobalOptions {
  readonly gateway: string;
  readonly apiKey?: string;
  readonly tls?: ClientTls;
  readonly home: string;
  readonly json: boolean;
}

export interface AssetSummary {
  readonly id: string;
  readonly kind: string;
  readonly state: string;
  readonly version: number;
  readonly size: number;
  readonly ciphertextSha256: string;
  readonly owner: { readonly identityId: string };
}

export const program = new Command('deuro')
  .description("Deuro: your organization's gateway from the command line")
  .addOption(
    new Option('--gateway <url>', 'gateway URL')
      .env('DEURO_GATEWAY_URL')
      .default('http://127.0.0.1:7400'),
  )
  .addOption(new Option('--api-key <key>', 'your API key').env('DEURO_API_KEY'))
  .addOption(
    new Option(
      '--cert <file>',
      'your Fabric certificate (PEM), for mutual TLS with the gateway instead of an API key',
    ).env('DEURO_CLIENT_CERT'),
  )
  .addOption(new Option('--key <file>', 'the private key of --cert (PEM)').env('DEURO_CLIENT_KEY'))
  .addOption(
    new Option('--cacert <file>', "the CA of the gateway's TLS certificate (PEM)").env(
      'DEURO_GATEWAY_CA',
    ),
  )
  .addOption(
    new Option('--home <dir>', 'where your encryption private keys are kept')
      .env('DEURO_HOME')
      .default(join(homedir(), '.deuro')),
  )
  .option('--json', 'print JSON for scripts', false);

export function globals(): GlobalOptions {
  const options = program.opts<{
    gateway: string;
    apiKey?: string;
    cert?: string;
    key?: string;
    cacert?: string;
    home: string;
    json: boolean;
  }>();
  const apiKey = options.apiKey === '' ? undefined : options.apiKey;
  const tls = clientTls(options);
  if (apiKey === undefined && tls === undefined) {
    throw new CliError(
      'authenticate with an API key (--api-key or DEURO_API_KEY) or a certificate (--cert, --key and --cacert)',
      exitCodes.usage,
    );
  }
  return {
    gateway: options.gateway,
    ...(apiKey === undefined ? {} : { apiKey }),
    ...(tls === undefined ? {} : { tls }),
    home: options.home,
    json: options.json,
  };
}

function clientTls(options: {
  cert?: string;
  key?: string;
  cacert?: string;
}): ClientTls | undefined {
  const files = [options.cert, options.key, options.cacert].filter(
    (file) => file !== undefined && file !== '',
  );
  if (files.length === 0) {
    return undefined;
  }
  if (options.cert === undefined || options.key === undefined || options.cacert === undefined) {
    throw new CliError('mutual TLS needs --cert, --key and --cacert together', exitCodes.usage);
  }
  const read = (file: string, what: string): string => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      throw new CliError(`cannot read ${what} ${file}`, exitCodes.usage);
    }
  };
  return {
    certPem: read(options.cert, 'the certificate'),
    keyPem: read(options.key, 'the key'),
    caPem: read(options.cacert, 'the CA certificate'),
  };
}

export function client(options: GlobalOptions): GatewayClient {
  return newGatewayClient({
    url: options.gateway,
    ...(options.apiKey === undefined ? {} : { apiKey: options.apiKey }),
    ...(options.tls === undefined ? {} : { tls: options.tls }),
  });
}

export function print(options: { readonly json: boolean }, value: unknown, text: string): void {
  process.stdout.write(options.json ? `${JSON.stringify(value)}\n` : `${text}\n`);
}

/** The output options alone, for commands that need no gateway (no credentials required). */
export function outputOptions(): { readonly json: boolean } {
  return { json: program.opts<{ json: boolean }>().json };
}
