/*
 * Fresh recipient keys for the crypto tests and the benchmark, made by the openssl CLI (the
 * reference tool): an RSA-3072 or EC P-256 private key, its SPKI public key and fingerprint,
 * and a self-signed certificate whose subjectKeyIdentifier is the Deuro key id (the 32
 * fingerprint bytes), so `openssl cms -decrypt -recip cert.pem` matches the recipient info and
 * `openssl cms -encrypt -recip cert.pem` can encrypt to the key.
 */

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { keyFingerprint } from '../crypto/recipient-key';

/** Key kinds the tests use. */
export type TestKeyKind = 'rsa' | 'ec';

/** A recipient's key files and texts. */
export interface TestRecipient {
  readonly kind: TestKeyKind;
  readonly privateKeyPath: string;
  readonly certPath: string;
  readonly privateKeyPem: string;
  readonly publicKeyPem: string;
  readonly fingerprint: string;
}

/**
 * Make a recipient in `dir` (files named after `name`).
 * @throws Error when openssl is missing or fails.
 */
export function newTestRecipient(dir: string, name: string, kind: TestKeyKind): TestRecipient {
  const privateKeyPath = join(dir, `${name}.key`);
  const publicKeyPath = join(dir, `${name}.pub`);
  const certPath = join(dir, `${name}.crt`);
  const keyOptions =
    kind === 'rsa'
      ? ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:3072']
      : ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:prime256v1'];
  openssl(['genpkey', ...keyOptions, '-out', privateKeyPath]);
  openssl(['pkey', '-in', privateKeyPath, '-pubout', '-out', publicKeyPath]);
  const publicKeyPem = readFileSync(publicKeyPath, 'utf8');
  const fingerprint = keyFingerprint(publicKeyPem);
  openssl([
    'req',
    '-x509',
    '-new',
    '-key',
    privateKeyPath,
    '-subj',
    `/CN=${name}`,
    '-days',
    '1',
    '-addext',
    `subjectKeyIdentifier=${fingerprint}`,
    '-out',
    certPath,
  ]);
  return {
    kind,
    privateKeyPath,
    certPath,
    privateKeyPem: readFileSync(privateKeyPath, 'utf8'),
    publicKeyPem,
    fingerprint,
  };
}

/** Run the openssl CLI, returning its stdout; throws with its stderr when it fails. */
export function openssl(args: readonly string[]): Buffer {
  return execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
}
