/**
 * The encryption key that the benchmark's client registers before it
 * registers assets: a fresh EC P-256 key, its public half as SPKI PEM, and
 * its fingerprint as the ledger computes it (hex SHA-256 of the SPKI DER).
 */
import { createHash, generateKeyPairSync } from 'node:crypto';

/** The public half of a client's encryption key. */
export interface EncryptionPublicKey {
  /** SPKI PEM, as RegisterEncryptionKey takes it. */
  readonly publicKeyPem: string;
  /** Lowercase hex SHA-256 of the SPKI DER. */
  readonly fingerprint: string;
}

/** A fresh P-256 key pair's public half; the private half is not needed and is dropped. */
export function newEncryptionPublicKey(): EncryptionPublicKey {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return {
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    fingerprint: createHash('sha256').update(der).digest('hex'),
  };
}
