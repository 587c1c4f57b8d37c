/*
 * `deuro share`, `revoke` and `transfer`: who may read an asset. The gateway never holds an
 * encryption private key, so the content key is re-wrapped here, with the caller's key, for
 * exactly the identities the ledger will check (the owner, identity grants, and every member
 * with a key of each organization granted), and the gateway indexes that new header over the
 * same bulk. `revoke --rotate` re-encrypts instead: the content is decrypted here and sent
 * back, and the gateway encrypts it under a fresh content key.
 */
import { Readable } from 'node:stream';

import type { Command } from 'commander';

import { decryptEnvelope, rewrapForRecipients } from '../crypto/index';
import { CliError, exitCodes } from './cli-error';
import type { GatewayClient } from './gateway-client';
import { loadKeys } from './key-files';
import { progressMeter } from './progress';
import { client, globals, print, type AssetSummary, type GlobalOptions } from './program';

interface Grant {
  readonly type: 'identity' | 'org';
  readonly id: string;
}

interface AssetAccess extends AssetSummary {
  readonly grants: readonly Grant[];
}

const assetPath = (id: string): string => `/v1/assets/${encodeURIComponent(id)}`;

function grantsOf(identities: readonly string[] = [], orgs: readonly string[] = []): Grant[] {
  const grants = [
    ...identities.map((id): Grant => ({ type: 'identity', id })),
    ...orgs.map((id): Grant => ({ type: 'org', id })),
  ];
  if (grants.length === 0) {
    throw new CliError('name at least one identity or organization', exitCodes.usage);
  }
  return grants;
}

const grantKey = (grant: Grant): string => `${grant.type}:${grant.id}`;

/** The identities an envelope for these grants must reach, besides the owner. */
async function readersOf(gateway: GatewayClient, grants: readonly Grant[]): Promise<string[]> {
  const readers = new Set<string>();
  for (const grant of grants) {
    if (grant.type === 'identity') {
      readers.add(grant.id);
    } else {
      const members = await gateway.json<
        { identityId: string; activeKeyFingerprint: string | null }[]
      >('GET', `/v1/orgs/${encodeURIComponent(grant.id)}/identities`);
      for (const member of members) {
        if (member.activeKeyFingerprint !== null) {
          readers.add(member.identityId);
        }
      }
    }
  }
  return [...readers];
}

/** The current header re-wrapped, with the caller's private key, for exactly `recipients`. */
async function rewrappedHeader(
  options: GlobalOptions,
  gateway: GatewayClient,
  id: string,
  recipients: readonly string[],
): Promise<{ header: string; keyFingerprints: string[] }> {
  const { header } = await gateway.json<{ header: string }>(
    'GET',
    `${assetPath(id)}/envelope-header`,
  );
  const [privateKey] = loadKeys(options.home);
  if (privateKey === undefined) {
    throw new CliError('no local encryption key: run deuro keygen', exitCodes.usage);
  }
  const keys = await Promise.all(
    [...new Set(recipients)].map((identityId) =>
      gateway.json<{ publicKeyPem: string; fingerprint: string }>(
        'GET',
        `/v1/identities/${encodeURIComponent(identityId)}/encryption-key`,
      ),
    ),
  );
  try {
    const rewrapped = rewrapForRecipients({
      header: Buffer.from(header, 'base64'),
      privateKey,
      recipients: keys.map((key) => ({
        publicKey: key.publicKeyPem,
        fingerprint: key.fingerprint,
      })),
    });
    return {
      header: rewrapped.header.toString('base64'),
      keyFingerprints: [...rewrapped.fingerprints],
    };
  } catch (error) {
    throw new CliError(
      `cannot re-wrap ${id}: ${error instanceof Error ? error.message : String(error)}`,
      exitCodes.integrity,
    );
  }
}

/** Download the asset and decrypt it here, as a stream of plaintext. */
async function plaintextOf(
  options: GlobalOptions,
  gateway: GatewayClient,
  asset: AssetSummary,
): Promise<Readable> {
  const [privateKey] = loadKeys(options.home);
  if (privateKey === undefined) {
    throw new CliError('no local encryption key: run deuro keygen', exitCodes.usage);
  }
  const response = await gateway.request('GET', `${assetPath(asset.id)}/ciphertext`);
  if (response.body === null) {
    throw new CliError('the gateway sent no content', exitCodes.unavailable);
  }
  // AES-GCM authenticates the content: a tampered envelope fails at its end, which aborts the
  // upload that streams it, so nothing is registered.
  return Readable.from(
    decryptEnvelope(
      Readable.fromWeb(response.body).pipe(progressMeter(`rotate ${asset.id}`, asset.size)),
      privateKey,
    ),
  );
}

async function revokeWithRotation(
  options: GlobalOptions,
  gateway: GatewayClient,
  asset: AssetSummary,
  revoked: readonly Grant[],
): Promise<AssetSummary> {
  const plaintext = await plaintextOf(options, gateway, asset);
  const query = new URLSearchParams({ revoke: revoked.map(grantKey).join(',') });
  const response = await gateway.request(
    'POST',
    `${assetPath(asset.id)}/rotations?${query.toString()}`,
    {
      body: Readable.toWeb(plaintext) as unknown as ReadableStream,
      headers: { 'content-type': 'application/octet-stream' },
      duplex: 'half',
    },
  );
  return (await response.json()) as AssetSummary;
}

/** Add share, revoke and transfer to the program. */
export function registerAccessCommands(program: Command): void {
  program
    .command('share')
    .description(
      'grant identities or organizations read: the content key is re-wrapped here for them, the bulk is not re-encrypted',
    )
    .argument('<id>', 'the asset id')
    .option('--to <identityIds...>', 'identity ids to share with')
    .option('--to-org <mspIds...>', 'organizations to share with (every member with a key)')
    .action(async (id: string, command: { to?: string[]; toOrg?: string[] }) => {
      const options = globals();
      const gateway = client(options);
      const added = grantsOf(command.to, command.toOrg);
      const asset = await gateway.json<AssetAccess>('GET', assetPath(id));
      const readers = await readersOf(gateway, [...asset.grants, ...added]);
      const body = {
        grants: added,
        ...(await rewrappedHeader(options, gateway, id, [asset.owner.identityId, ...readers])),
      };
      const updated = await gateway.json<AssetSummary>('POST', `${assetPath(id)}/grants`, body);
      print(
        options,
        updated,
        `${id} shared with ${added.map((grant) => grant.id).join(', ')} (${updated.state}, version ${String(updated.version)})`,
      );
    });

  program
    .command('revoke')
    .description(
      'withdraw read: future envelopes no longer include them; --rotate also re-encrypts under a new content key and removes the old ciphertext',
    )
    .argument('<id>', 'the asset id')
    .option('--from <identityIds...>', 'identity ids to revoke')
    .option('--from-org <mspIds...>', 'organizations to revoke')
    .option('--rotate', 're-encrypt the content under a fresh content key', false)
    .action(
      async (id: string, command: { from?: string[]; fromOrg?: string[]; rotate: boolean }) => {
        const options = globals();
        const gateway = client(options);
        const revoked = grantsOf(command.from, command.fromOrg);
        const asset = await gateway.json<AssetAccess>('GET', assetPath(id));
        let updated: AssetSummary;
        if (command.rotate) {
          updated = await revokeWithRotation(options, gateway, asset, revoked);
        } else {
          const gone = new Set(revoked.map(grantKey));
          const remaining = asset.grants.filter((grant) => !gone.has(grantKey(grant)));
          const readers = await readersOf(gateway, remaining);
          const body = {
            grants: revoked,
            ...(await rewrappedHeader(options, gateway, id, [asset.owner.identityId, ...readers])),
          };
          updated = await gateway.json<AssetSummary>('POST', `${assetPath(id)}/revocations`, body);
        }
        print(
          options,
          updated,
          `${id}: read revoked for ${revoked.map((grant) => grant.id).join(', ')} (${updated.state}${command.rotate ? ', content key rotated' : ''})`,
        );
      },
    );

  program
    .command('transfer')
    .description(
      'give an asset to another identity: the content key is re-wrapped for the new owner alone (grants end); its organization gateway takes custody of the ciphertext',
    )
    .argument('<id>', 'the asset id')
    .requiredOption('--to <identityId>', 'the new owner')
    .action(async (id: string, command: { to: string }) => {
      const options = globals();
      const gateway = client(options);
      const body = {
        newOwner: command.to,
        ...(await rewrappedHeader(options, gateway, id, [command.to])),
      };
      const response = await gateway.request('POST', `${assetPath(id)}/transfers`, {
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
      });
      const updated = (await response.json()) as AssetSummary;
      const custody = response.headers.get('deuro-custody') ?? 'local';
      print(
        options,
        { ...updated, custody },
        `${id} transferred to ${command.to} (ciphertext ${custody === 'moved' ? "moved to the new owner's gateway" : custody === 'kept' ? "kept here: the new owner's gateway could not take it" : 'stays on this gateway'})`,
      );
    });
}
