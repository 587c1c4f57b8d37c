/*
 * Who is calling: the submitting client's Fabric identity as the ledger names it.
 *
 * An identity id is `<MSP ID>/<first 32 hex digits of SHA-256(subject and issuer)>`: stable when
 * the certificate is renewed with the same subject, short enough for composite keys, and without
 * personal data. The subject's common name is kept beside it for people to read. Organization
 * admins are recognised by the `admin` organizational unit that NodeOUs put in their certificate.
 */
import { createHash, X509Certificate } from 'node:crypto';

import type { Context } from 'fabric-contract-api';

/** The identity that submitted the transaction. */
export interface Caller {
  /** `<MSP ID>/<32 hex digits>`. */
  readonly identityId: string;
  /** The organization's MSP ID. */
  readonly mspId: string;
  /** The certificate subject's common name, for display. */
  readonly subject: string;
  /** Whether the certificate carries the organization's admin OU. */
  readonly isAdmin: boolean;
}

const IDENTITY_ID_PATTERN = /^[A-Za-z0-9.-]{1,64}\/[0-9a-f]{32}$/;

/** Whether a string has the form of an identity id. */
export function isIdentityId(text: string): boolean {
  return IDENTITY_ID_PATTERN.test(text);
}

/** The identity id of an MSP member with the given Fabric client id (`x509::subject::issuer`). */
export function identityIdOf(mspId: string, fabricId: string): string {
  return `${mspId}/${createHash('sha256').update(fabricId, 'utf8').digest('hex').slice(0, 32)}`;
}

/**
 * The calling identity of this transaction. It reads the subject from the client identity that
 * fabric-shim has already parsed (`x509::/C=../OU=admin/CN=..::<issuer>`), rather than parsing
 * the certificate again on every transaction.
 */
export function callerOf(ctx: Context): Caller {
  const identity = ctx.clientIdentity;
  const mspId = identity.getMSPID();
  const fabricId = identity.getID();
  const subject = fabricId.split('::')[1] ?? '';
  const components = subject.split('/');
  return {
    identityId: identityIdOf(mspId, fabricId),
    mspId,
    subject: components.find((part) => part.startsWith('CN='))?.slice(3) ?? '',
    isAdmin: components.includes('OU=admin'),
  };
}

/** DER of the caller's signing public key (SPKI), to keep encryption keys separate from it. */
export function signingKeySpkiOf(ctx: Context): Buffer {
  const certificate = new X509Certificate(Buffer.from(ctx.clientIdentity.getIDBytes()));
  return certificate.publicKey.export({ type: 'spki', format: 'der' });
}
