/*
 * Who may do what with an asset (docs/ledger.md, "Access control"):
 * - the owner reads it and moves it through its state machine;
 * - identities granted read, and members of organizations granted read, read it;
 * - admins (admin OU) of the owner's organization read it and its history, and nothing more.
 */
import type { Caller } from '../identity/caller';
import { accessDenied } from '../ledger/errors';
import type { AssetRecord } from './asset-record';

/** Whether the caller may read the asset. */
export function canRead(caller: Caller, asset: AssetRecord): boolean {
  return (
    caller.identityId === asset.owner.identityId ||
    (caller.isAdmin && caller.mspId === asset.owner.mspId) ||
    asset.grants.some(
      (grant) =>
        (grant.type === 'identity' && grant.id === caller.identityId) ||
        (grant.type === 'org' && grant.id === caller.mspId),
    )
  );
}

/** @throws {@link DeuroError} `DEURO_ACCESS_DENIED` unless the caller may read the asset. */
export function requireRead(caller: Caller, asset: AssetRecord): void {
  if (!canRead(caller, asset)) {
    throw accessDenied(`${caller.identityId} may not read asset ${asset.id}`);
  }
}

/** @throws {@link DeuroError} `DEURO_ACCESS_DENIED` unless the caller owns the asset. */
export function requireOwner(caller: Caller, asset: AssetRecord, action: string): void {
  if (caller.identityId !== asset.owner.identityId) {
    throw accessDenied(`only the owner of asset ${asset.id} may ${action} it`);
  }
}
