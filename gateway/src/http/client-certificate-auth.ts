/*
 * Authentication by mutual TLS: a member of the organization presents its Fabric enrollment
 * certificate (issued by the organization's CA) as its TLS client certificate, and is the wallet
 * identity with that same certificate. The handshake proved it holds the matching private key.
 */
import { X509Certificate } from 'node:crypto';

import type { IncomingMessage } from 'node:http';

import type { GatewayTrust } from '../federation/trust';
import type { Wallet } from '../wallet/file-wallet';
import { verifiedClientCertificate } from './client-certificate';
import type { AuthenticatedCaller } from './route';

/** An authenticator for createServer. */
export function clientCertificateAuthenticator(
  wallet: Wallet,
  trust: GatewayTrust,
): (req: IncomingMessage) => Promise<AuthenticatedCaller | undefined> {
  const labels = new Map<string, string>();
  const labelOf = async (fingerprint: string): Promise<string | undefined> => {
    if (!labels.has(fingerprint)) {
      // Identities enrolled since the last miss are picked up by reading the wallet again.
      for (const label of await wallet.list()) {
        const { certificatePem } = await wallet.publicIdentity(label);
        labels.set(new X509Certificate(certificatePem).fingerprint256, label);
      }
    }
    return labels.get(fingerprint);
  };
  return async (req) => {
    const certificate = verifiedClientCertificate(req);
    if (certificate === undefined || trust.classify(certificate)?.kind !== 'member') {
      return undefined;
    }
    const label = await labelOf(certificate.fingerprint256);
    return label === undefined ? undefined : { label };
  };
}
