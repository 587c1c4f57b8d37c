/*
 * Reading a client identity from an MSP directory in the layout cryptogen writes:
 *
 *   <msp>/signcerts/<name>-cert.pem   the X.509 certificate
 *   <msp>/keystore/priv_sk            the private key (any file name)
 *
 * Exactly one certificate and one key file are expected; anything else is an error that names the
 * directory, rather than a silent pick of the first file. Reading is synchronous: identities are
 * loaded once, while a process or test harness starts, before it serves anything.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A client identity read from files, ready to spread into `FabricConnectionOptions`.
 */
export interface MspIdentity {
  /** The MSP ID given by the caller. */
  readonly mspId: string;
  /** PEM of the X.509 certificate. */
  readonly certPem: Buffer;
  /** PEM of the private key. */
  readonly privateKeyPem: Buffer;
}

/**
 * Load the certificate and private key of an MSP directory.
 * @param mspDir - The MSP directory, e.g. `.../users/User1@org1.example.com/msp`.
 * @param mspId - The MSP ID to pair with the certificate, e.g. `Org1MSP`.
 * @throws Error naming the directory when `signcerts/` does not hold exactly one `*.pem` file or
 * `keystore/` does not hold exactly one file, or when a file cannot be read.
 */
export function loadIdentityFromMsp(mspDir: string, mspId: string): MspIdentity {
  const certPath = onlyFile(join(mspDir, 'signcerts'), (name) => name.endsWith('.pem'));
  const keyPath = onlyFile(join(mspDir, 'keystore'), () => true);
  return { mspId, certPem: readFileSync(certPath), privateKeyPem: readFileSync(keyPath) };
}

function onlyFile(dir: string, accept: (name: string) => boolean): string {
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && accept(entry.name))
    .map((entry) => entry.name);
  const [name] = names;
  if (name === undefined || names.length > 1) {
    throw new Error(`${dir} must hold exactly one identity file, found ${String(names.length)}`);
  }
  return join(dir, name);
}
