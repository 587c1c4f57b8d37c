/*
 * The verified client certificate of a request on the HTTPS listener, if any. The listener asks
 * for a certificate but accepts connections without one (API keys still work there), so a
 * certificate counts only when the TLS handshake verified it against the trusted CAs.
 */
import { X509Certificate } from 'node:crypto';
import { TLSSocket } from 'node:tls';

import type { IncomingMessage } from 'node:http';

/** The request's verified client certificate, or undefined. */
export function verifiedClientCertificate(req: IncomingMessage): X509Certificate | undefined {
  const socket = req.socket;
  if (!(socket instanceof TLSSocket) || !socket.authorized) {
    return undefined;
  }
  const peer = socket.getPeerCertificate();
  // Without a certificate, Node returns an empty object.
  return Buffer.isBuffer(peer.raw) ? new X509Certificate(peer.raw) : undefined;
}
