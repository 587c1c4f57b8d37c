/*
 * The caller's encryption private keys, kept on the caller's machine (never sent anywhere):
 * `<DEURO_HOME>/keys/<fingerprint>.pem`, mode 0600, and `current` naming the active one.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { CliError, exitCodes } from './cli-error';

/** The local key folder. */
export function keysDir(home: string): string {
  return join(home, 'keys');
}

/** Save a private key and make it the current one. */
export function saveKey(home: string, fingerprint: string, privateKeyPem: string): string {
  const dir = keysDir(home);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, `${fingerprint}.pem`);
  writeFileSync(file, privateKeyPem, { mode: 0o600 });
  writeFileSync(join(dir, 'current'), `${fingerprint}\n`, { mode: 0o600 });
  return file;
}

/** Every private key kept locally, newest (current) first, to try when decrypting. */
export function loadKeys(home: string): string[] {
  const dir = keysDir(home);
  let current: string;
  try {
    current = readFileSync(join(dir, 'current'), 'utf8').trim();
  } catch {
    throw new CliError(`no encryption key in ${dir}: run deuro keygen first`, exitCodes.usage);
  }
  return [readFileSync(join(dir, `${current}.pem`), 'utf8')];
}
