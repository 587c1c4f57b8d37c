/*
 * A self-signed P-256 certificate and its key, made by the openssl CLI (the reference tool), for
 * tests that need real X.509 material.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** PEM texts of a certificate and its private key. */
export interface SelfSignedCertificate {
  readonly certPem: string;
  readonly privateKeyPem: string;
}

/**
 * Make a self-signed P-256 certificate valid for one day.
 * @throws Error when openssl is missing or fails.
 */
export function newSelfSignedEcCertificate(commonName: string): SelfSignedCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'deuro-cert-'));
  try {
    const keyPath = join(dir, 'key.pem');
    const certPath = join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        keyPath,
        '-out',
        certPath,
        '-subj',
        `/CN=${commonName}`,
        '-days',
        '1',
      ],
      { stdio: 'ignore' },
    );
    return {
      certPem: readFileSync(certPath, 'utf8'),
      privateKeyPem: readFileSync(keyPath, 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
