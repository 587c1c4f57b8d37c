/*
 * Gateway federation: each organization's gateway stores what its members upload, so a reader in
 * another organization downloads through its own gateway, which fetches the envelope from the
 * storing gateway over mutual TLS (gateway certificates from each organization's TLS CA). The
 * storing gateway serves an envelope only when the ledger says the asking organization may read
 * it, and only the asset's current envelope.
 */
import type { AssetRecord } from '../ledger/ledger-types';
import type { GatewayCredentials, PeerGateway } from './remote-envelope';

/** This gateway's side of federation. */
export interface Federation {
  /** This gateway's organization. */
  readonly mspId: string;
  /** The other organizations' gateways, by MSP ID. */
  readonly peers: ReadonlyMap<string, PeerGateway>;
  /** Presented as the client certificate to the other gateways. */
  readonly credentials: GatewayCredentials;
}

/** Whether members of organization `mspId` may read the asset (as the ledger recorded it). */
export function organizationMayRead(asset: AssetRecord, mspId: string): boolean {
  return (
    asset.owner.mspId === mspId ||
    asset.envelopeRecipients.some((identityId) => identityId.startsWith(`${mspId}/`)) ||
    asset.grants.some((grant) => grant.type === 'org' && grant.id === mspId)
  );
}
