/*
 * The requests of the asset transactions, parsed and checked before anything is read or written.
 * Bounds: ids of 1-128 characters of A-Z a-z 0-9 . _ : - (starting with a letter or digit); at
 * most 64 key fingerprints and 64 grants; metadata of at most 32 entries whose keys are 1-64
 * characters of a-z 0-9 . _ - and whose values are strings of at most 1024 characters, 8 KiB in
 * all as canonical JSON; at most 32 parents.
 */
import { isIdentityId } from '../identity/caller';
import { isFingerprint } from '../keys/encryption-key';
import { canonicalJson } from '../ledger/canonical-json';
import { invalidArgument } from '../ledger/errors';
import type { Envelope, Grant, PrivateMetadataRef } from './asset-record';
import {
  objectField,
  onlyFields,
  parseRequest,
  sizeField,
  sortedUniqueList,
  stringField,
} from './request-fields';
import { isAssetKind, type AssetKind, ASSET_KINDS } from './state-machine';

export const ASSET_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const SHA256_PATTERN = /^[0-9a-f]{64}$/;
const MEDIA_TYPE_PATTERN = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,62}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,62}$/;
const METADATA_KEY_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const MSP_ID_PATTERN = /^[A-Za-z0-9.-]{1,64}$/;
const MAX_FINGERPRINTS = 64;
const MAX_GRANTS = 64;
const MAX_PARENTS = 32;
const MAX_METADATA_ENTRIES = 32;
const MAX_METADATA_VALUE = 1024;
const MAX_METADATA_BYTES = 8192;

/** RegisterAsset's request. */
export interface RegisterRequest {
  readonly id: string;
  readonly kind: AssetKind;
  readonly envelope: Envelope;
  readonly mediaType: string;
  readonly metadata: Record<string, string>;
  readonly parents: string[];
  readonly privateMetadata: PrivateMetadataRef | null;
  /** Read access granted from the start (the envelope must then reach the grantees). */
  readonly grants: Grant[];
}

/** Check an asset id argument. */
export function assetIdArgument(id: unknown, name = 'id'): string {
  return stringField(
    id,
    name,
    ASSET_ID_PATTERN,
    '1-128 characters of A-Z a-z 0-9 . _ : -, starting with a letter or digit',
  );
}

/** Parse RegisterAsset's request. */
export function parseRegisterRequest(text: string): RegisterRequest {
  const request = parseRequest(text, 'request');
  onlyFields(request, 'request', [
    'id',
    'kind',
    'ciphertextSha256',
    'size',
    'mediaType',
    'keyFingerprints',
    'metadata',
    'parents',
    'privateMetadata',
    'grants',
  ]);
  const kind = request.kind;
  if (typeof kind !== 'string' || !isAssetKind(kind)) {
    throw invalidArgument(`request.kind must be one of ${ASSET_KINDS.join(', ')}`);
  }
  return {
    id: assetIdArgument(request.id, 'request.id'),
    kind,
    envelope: envelopeOf(request, 'request'),
    mediaType: mediaTypeField(request.mediaType, 'request.mediaType'),
    metadata: metadataField(request.metadata ?? {}, 'request.metadata'),
    parents: parentsField(request.parents ?? [], 'request.parents'),
    privateMetadata:
      request.privateMetadata === undefined || request.privateMetadata === null
        ? null
        : privateMetadataRefField(request.privateMetadata, 'request.privateMetadata'),
    grants:
      request.grants === undefined
        ? []
        : sortedUniqueList(
            request.grants,
            'request.grants',
            { min: 0, max: MAX_GRANTS },
            grantField,
            grantKey,
          ),
  };
}

/** Parse the request of ShareAsset or RevokeAccess: grants and the new envelope. */
export function parseGrantRequest(text: string): { grants: Grant[]; envelope: Envelope } {
  const request = parseRequest(text, 'request');
  onlyFields(request, 'request', ['grants', 'envelope']);
  return {
    grants: sortedUniqueList(
      request.grants,
      'request.grants',
      { min: 1, max: MAX_GRANTS },
      grantField,
      grantKey,
    ),
    envelope: envelopeOf(objectField(request.envelope, 'request.envelope'), 'request.envelope'),
  };
}

/** Parse TransferAsset's request. */
export function parseTransferRequest(text: string): { newOwner: string; envelope: Envelope } {
  const request = parseRequest(text, 'request');
  onlyFields(request, 'request', ['newOwner', 'envelope']);
  return {
    newOwner: identityIdField(request.newOwner, 'request.newOwner'),
    envelope: envelopeOf(objectField(request.envelope, 'request.envelope'), 'request.envelope'),
  };
}

/** Parse PublishModelVersion's request. */
export function parsePublishRequest(text: string): {
  envelope: Envelope;
  mediaType: string | undefined;
  parents: string[] | undefined;
} {
  const request = parseRequest(text, 'request');
  onlyFields(request, 'request', ['envelope', 'mediaType', 'parents']);
  return {
    envelope: envelopeOf(objectField(request.envelope, 'request.envelope'), 'request.envelope'),
    mediaType:
      request.mediaType === undefined
        ? undefined
        : mediaTypeField(request.mediaType, 'request.mediaType'),
    parents:
      request.parents === undefined ? undefined : parentsField(request.parents, 'request.parents'),
  };
}

/** A grant's key in indexes and sorting. */
export function grantKey(grant: Grant): string {
  return `${grant.type}:${grant.id}`;
}

function envelopeOf(value: Record<string, unknown>, name: string): Envelope {
  if (name !== 'request') {
    onlyFields(value, name, ['ciphertextSha256', 'size', 'keyFingerprints']);
  }
  return {
    ciphertextSha256: stringField(
      value.ciphertextSha256,
      `${name}.ciphertextSha256`,
      SHA256_PATTERN,
      'the SHA-256 of the ciphertext, 64 lowercase hex digits',
    ),
    size: sizeField(value.size, `${name}.size`),
    keyFingerprints: sortedUniqueList(
      value.keyFingerprints,
      `${name}.keyFingerprints`,
      { min: 1, max: MAX_FINGERPRINTS },
      (entry, entryName) => {
        if (typeof entry !== 'string' || !isFingerprint(entry)) {
          throw invalidArgument(`${entryName} must be a key fingerprint, 64 lowercase hex digits`);
        }
        return entry;
      },
      (entry) => entry,
    ),
  };
}

function grantField(value: unknown, name: string): Grant {
  const grant = objectField(value, name);
  onlyFields(grant, name, ['type', 'id']);
  if (grant.type === 'identity') {
    return { type: 'identity', id: identityIdField(grant.id, `${name}.id`) };
  }
  if (grant.type === 'org') {
    return {
      type: 'org',
      id: stringField(grant.id, `${name}.id`, MSP_ID_PATTERN, 'an MSP ID such as Org2MSP'),
    };
  }
  throw invalidArgument(`${name}.type must be identity or org`);
}

function identityIdField(value: unknown, name: string): string {
  if (typeof value !== 'string' || !isIdentityId(value)) {
    throw invalidArgument(`${name} must be an identity id, <MSP ID>/<32 lowercase hex digits>`);
  }
  return value;
}

function mediaTypeField(value: unknown, name: string): string {
  return stringField(
    value,
    name,
    MEDIA_TYPE_PATTERN,
    'a media type such as audio/wav, in lowercase',
  );
}

function metadataField(value: unknown, name: string): Record<string, string> {
  const metadata = objectField(value, name);
  const entries = Object.entries(metadata);
  if (entries.length > MAX_METADATA_ENTRIES) {
    throw invalidArgument(`${name} must have at most ${String(MAX_METADATA_ENTRIES)} entries`);
  }
  for (const [key, entry] of entries) {
    if (!METADATA_KEY_PATTERN.test(key)) {
      throw invalidArgument(
        `${name} key ${JSON.stringify(key.slice(0, 64))} must be 1-64 characters of a-z 0-9 . _ -`,
      );
    }
    if (typeof entry !== 'string' || entry.length > MAX_METADATA_VALUE) {
      throw invalidArgument(
        `${name}.${key} must be a string of at most ${String(MAX_METADATA_VALUE)} characters`,
      );
    }
  }
  const result = metadata as Record<string, string>;
  if (Buffer.byteLength(canonicalJson(result), 'utf8') > MAX_METADATA_BYTES) {
    throw invalidArgument(`${name} must be at most ${String(MAX_METADATA_BYTES)} bytes as JSON`);
  }
  return result;
}

/** Check metadata with the bounds of public metadata (private metadata has the same). */
export function metadataArgument(value: unknown, name: string): Record<string, string> {
  return metadataField(value, name);
}

function parentsField(value: unknown, name: string): string[] {
  return sortedUniqueList(
    value,
    name,
    { min: 0, max: MAX_PARENTS },
    (entry, entryName) => assetIdArgument(entry, entryName),
    (entry) => entry,
  );
}

function privateMetadataRefField(value: unknown, name: string): PrivateMetadataRef {
  const ref = objectField(value, name);
  onlyFields(ref, name, ['hash', 'scope']);
  if (ref.scope !== 'org' && ref.scope !== 'shared') {
    throw invalidArgument(`${name}.scope must be org or shared`);
  }
  return {
    hash: stringField(
      ref.hash,
      `${name}.hash`,
      SHA256_PATTERN,
      'the SHA-256 of the salted private metadata, 64 lowercase hex digits',
    ),
    scope: ref.scope,
  };
}
