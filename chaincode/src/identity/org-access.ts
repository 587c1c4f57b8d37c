/*
 * Access by organization, for work shared across organizations (crawl jobs, training tasks): the
 * workers are members of listed organizations; readers are those and the owner's organization.
 */
import { accessDenied } from '../ledger/errors';
import type { Caller } from './caller';

/** Work owned by one organization and done by members of listed ones. */
export interface SharedWork {
  readonly id: string;
  readonly owner: { readonly mspId: string };
}

/**
 * @throws DeuroError `DEURO_ACCESS_DENIED` unless the caller's organization is among `orgs`.
 */
export function requireWorkerOrg(orgs: readonly string[], caller: Caller, what: string): void {
  if (!orgs.includes(caller.mspId)) {
    throw accessDenied(`members of ${caller.mspId} may not work on ${what}`);
  }
}

/**
 * @throws DeuroError `DEURO_ACCESS_DENIED` unless the caller is of the owner's organization or
 * of one of `orgs`.
 */
export function requireReaderOrg(
  work: SharedWork,
  orgs: readonly string[],
  caller: Caller,
  what: string,
): void {
  if (caller.mspId !== work.owner.mspId && !orgs.includes(caller.mspId)) {
    throw accessDenied(`members of ${caller.mspId} may not read ${what}`);
  }
}
