/**
 * Runs the built `deuro` CLI as a user: its own key folder (its "machine"), and its credentials
 * for a gateway (an API key, or its Fabric certificate for mutual TLS).
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

import { orgNamed, type NetworkLayout } from '@deuro/gateway';

import { repoRoot } from './run-script';

const execFileAsync = promisify(execFile);

/** What a run of the CLI did. */
export interface CliOutcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Who runs the CLI, against which gateway. */
export interface CliUser {
  readonly gatewayUrl: string;
  /** Where the user's encryption private keys live. */
  readonly home: string;
  readonly apiKey?: string;
  /** Mutual TLS: certificate, key and the gateway's CA files. */
  readonly tls?: { readonly cert: string; readonly key: string; readonly ca: string };
}

/**
 * A user of an organization's gateway process on the test network, with its development API key
 * (from the gateway's `dev-api-keys.json`) and its own key folder `home`.
 */
export function gatewayUser(
  layout: NetworkLayout,
  org: string,
  user: 'User1' | 'User2',
  home: string,
): CliUser {
  const keys = JSON.parse(
    readFileSync(path.join(layout.runDir, `gateway-${org}`, 'dev-api-keys.json'), 'utf8'),
  ) as Record<string, string>;
  return {
    gatewayUrl: `http://127.0.0.1:${String(orgNamed(layout, org).gatewayPort)}`,
    apiKey: keys[`${user}@${org}.deuro.local`] ?? '',
    home,
  };
}

/** The path of the built CLI. */
export const deuroCliPath = path.join(repoRoot, 'gateway', 'dist', 'cli', 'main.js');

/** Run `deuro args...` as `user` in `cwd`. */
export async function runDeuro(user: CliUser, cwd: string, ...args: string[]): Promise<CliOutcome> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DEURO_GATEWAY_URL: user.gatewayUrl,
    DEURO_HOME: user.home,
    DEURO_API_KEY: user.apiKey ?? '',
    ...(user.tls === undefined
      ? {}
      : {
          DEURO_CLIENT_CERT: user.tls.cert,
          DEURO_CLIENT_KEY: user.tls.key,
          DEURO_GATEWAY_CA: user.tls.ca,
        }),
  };
  try {
    const { stdout, stderr } = await execFileAsync('node', [deuroCliPath, ...args], { env, cwd });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
