/*
 * Whom a gateway's HTTPS listener trusts, read from the network's crypto material: members of
 * its own organization (certificates issued by the organization's CA, as in the wallet) and the
 * gateways of every organization (certificates issued by that organization's TLS CA, which
 * network.sh uses for gateway certificates). A client certificate is classified by the CA that
 * issued it; the TLS handshake has already checked its chain and key possession.
 */
import { X509Certificate } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { NetworkLayout, OrgLayout } from '../fabric/network-layout';

/** A client certificate's role. */
export type ClientRole =
  | { readonly kind: 'member'; readonly certificate: X509Certificate }
  | { readonly kind: 'gateway'; readonly mspId: string };

/** The trust of one gateway. */
export interface GatewayTrust {
  /** Every CA certificate (PEM) a client certificate may chain to: for the TLS options. */
  readonly caPems: readonly string[];
  /** The role of a verified client certificate, or undefined when no known CA issued it. */
  classify(certificate: X509Certificate): ClientRole | undefined;
}

interface Issuer {
  readonly certificate: X509Certificate;
  readonly pem: string;
  readonly role: 'member' | 'gateway';
  readonly mspId: string;
}

function caCertificatesOf(mspDir: string): string[] {
  const dir = join(mspDir, 'cacerts');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.pem'))
    .sort()
    .map((name) => readFileSync(join(dir, name), 'utf8'));
}

function issuer(pem: string, role: Issuer['role'], org: OrgLayout): Issuer {
  return { certificate: new X509Certificate(pem), pem, role, mspId: org.mspId };
}

/**
 * The trust of the gateway of `ownOrg`.
 * @throws Error when a CA certificate cannot be read.
 */
export function readGatewayTrust(layout: NetworkLayout, ownOrg: OrgLayout): GatewayTrust {
  const issuers: Issuer[] = [
    ...caCertificatesOf(ownOrg.adminMsp).map((pem) => issuer(pem, 'member', ownOrg)),
    ...layout.orgs.map((org) => issuer(readFileSync(org.tlsCa, 'utf8'), 'gateway', org)),
  ];
  return {
    caPems: issuers.map((entry) => entry.pem),
    classify(certificate) {
      const found = issuers.find(
        (entry) =>
          certificate.checkIssued(entry.certificate) &&
          certificate.verify(entry.certificate.publicKey),
      );
      if (found === undefined) {
        return undefined;
      }
      if (found.role === 'member') {
        return { kind: 'member', certificate };
      }
      // Peers share the TLS CA: only a certificate named gateway.<org domain> is a gateway.
      return /^CN=gateway\./m.test(certificate.subject)
        ? { kind: 'gateway', mspId: found.mspId }
        : undefined;
    },
  };
}
