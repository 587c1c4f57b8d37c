#!/usr/bin/env node
/*
 * `deuro`: the command line of application developers and counter-parties. It talks to an
 * organization's gateway with the caller's API key; encryption private keys stay on this machine
 * (<DEURO_HOME>/keys), and downloads are verified and decrypted here.
 *
 *   deuro keygen | whoami | put | ls | get | share | revoke | transfer | history | rm | watch
 *         | tx | crawl | crawler | training | trainer | model | features | align | ivector
 *         (deuro --help)
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, renameSync, rmSync, statSync } from 'node:fs';
import { basename } from 'node:path';

import { CliError, exitCodes } from './cli-error';
import { registerAccessCommands } from './access-commands';
import { registerAlignCommand } from './align-command';
import { downloadDecrypted } from './verified-download';
import { registerCrawlCommands } from './crawl-commands';
import { registerFeaturesCommands } from './features-commands';
import { registerIvectorCommands } from './ivector-commands';
import { uploadAsset } from './asset-upload';
import { registerOfflineCommand } from './offline-command';
import { registerTrainingCommands } from './training-commands';
import { client, globals, print, program, type AssetSummary } from './program';
import { registerWatchCommand } from './watch-command';
import { saveKey } from './key-files';
import { progressMeter } from './progress';

program
  .command('whoami')
  .description('your identity as the ledger names it')
  .action(async () => {
    const options = globals();
    const me = await client(options).json<{
      identityId: string;
      activeKeyFingerprint: string | null;
    }>('GET', '/v1/me');
    print(
      options,
      me,
      `${me.identityId} (encryption key ${me.activeKeyFingerprint ?? 'none: run deuro keygen'})`,
    );
  });

program
  .command('keygen')
  .description(
    'create an encryption key pair here and register its public key (rotates the old one)',
  )
  .option('--rsa', 'RSA-3072 instead of EC P-256')
  .action(async (command: { rsa?: boolean }) => {
    const options = globals();
    const pair =
      command.rsa === true
        ? generateKeyPairSync('rsa', { modulusLength: 3072 })
        : generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const record = await client(options).json<{ fingerprint: string; algorithm: string }>(
      'PUT',
      '/v1/me/encryption-key',
      {
        publicKeyPem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      },
    );
    const file = saveKey(
      options.home,
      record.fingerprint,
      pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    );
    print(
      options,
      { ...record, privateKeyFile: file },
      `registered ${record.algorithm} key ${record.fingerprint}; private key in ${file}`,
    );
  });

program
  .command('put')
  .description('encrypt a file to you and the recipients, store it, and register it')
  .argument('<file>', 'the file to upload')
  .requiredOption(
    '--kind <kind>',
    'feature-set, recording, image, training-set, prediction-data or model',
  )
  .option('--id <id>', 'asset id (default: the file name)')
  .option('--media-type <type>', 'media type of the content', 'application/octet-stream')
  .option('--to <identityIds...>', 'identity ids to share with')
  .option('--to-org <mspIds...>', 'organizations to share with (every member with a key)')
  .option('--meta <key=value...>', 'public metadata entries')
  .option('--parents <assetIds...>', 'lineage: the assets this one derives from')
  .option(
    '--idempotency-key <key>',
    'send the upload again with the same key and it registers once (default: one derived from the file and options)',
  )
  .action(
    async (
      file: string,
      command: {
        kind: string;
        id?: string;
        mediaType: string;
        to?: string[];
        toOrg?: string[];
        meta?: string[];
        parents?: string[];
        idempotencyKey?: string;
      },
    ) => {
      const options = globals();
      const metadata = Object.fromEntries(
        (command.meta ?? []).map((entry) => {
          const at = entry.indexOf('=');
          if (at <= 0) {
            throw new CliError(`--meta ${entry}: use key=value`, exitCodes.usage);
          }
          return [entry.slice(0, at), entry.slice(at + 1)];
        }),
      );
      const id = command.id ?? basename(file).replace(/[^A-Za-z0-9._:-]/g, '-');
      const size = statSync(file).size;
      // A file that shrinks or grows while it uploads is refused rather than stored cut short.
      const asset = await uploadAsset(
        client(options),
        {
          id,
          kind: command.kind,
          mediaType: command.mediaType,
          metadata,
          readers: command.to ?? [],
          orgs: command.toOrg ?? [],
          parents: command.parents ?? [],
          idempotencyKey: command.idempotencyKey ?? `put-${randomUUID()}`,
        },
        createReadStream(file).pipe(progressMeter(`put ${id}`, size)),
        size,
      );
      print(
        options,
        asset,
        `${asset.id}: ${asset.kind}, ${asset.state}, ${String(asset.size)} bytes encrypted (sha256 ${asset.ciphertextSha256})`,
      );
    },
  );

program
  .command('ls')
  .description('list assets: yours by default, or shared with you, or by kind or state')
  .option('--shared', 'shared with me')
  .option('--kind <kind>', 'of a kind')
  .option('--state <state>', 'in a state')
  .option('--owner <identityId>', 'owned by an identity')
  .action(async (command: { shared?: boolean; kind?: string; state?: string; owner?: string }) => {
    const options = globals();
    const gateway = client(options);
    const filter = new URLSearchParams();
    if (command.shared === true) filter.set('sharedWithMe', 'true');
    else if (command.kind !== undefined) filter.set('kind', command.kind);
    else if (command.state !== undefined) filter.set('state', command.state);
    else
      filter.set(
        'owner',
        command.owner ?? (await gateway.json<{ identityId: string }>('GET', '/v1/me')).identityId,
      );
    const assets: AssetSummary[] = [];
    let bookmark = '';
    do {
      const query = new URLSearchParams(filter);
      query.set('pageSize', '200');
      if (bookmark !== '') query.set('bookmark', bookmark);
      const page = await gateway.json<{ records: AssetSummary[]; bookmark: string }>(
        'GET',
        `/v1/assets?${query.toString()}`,
      );
      assets.push(...page.records);
      bookmark = page.bookmark;
    } while (bookmark !== '');
    print(
      options,
      assets,
      assets
        .map((a) => `${a.id}\t${a.kind}\t${a.state}\tv${String(a.version)}\t${String(a.size)}`)
        .join('\n') || '(none)',
    );
  });

program
  .command('get')
  .description(
    'download an asset, check its hash against the ledger, and decrypt it here with your private key',
  )
  .argument('<id>', 'the asset id')
  .option('-o, --output <file>', 'where to write the plaintext (default: the asset id)')
  .action(async (id: string, command: { output?: string }) => {
    const options = globals();
    const gateway = client(options);
    const output = command.output ?? id;
    const partial = `${output}.part`;
    let ciphertextSha256: string;
    try {
      ciphertextSha256 = await downloadDecrypted(
        gateway,
        options.home,
        id,
        createWriteStream(partial, { mode: 0o600 }),
        `get ${id}`,
      );
    } catch (error) {
      rmSync(partial, { force: true });
      throw error;
    }
    renameSync(partial, output);
    print(
      options,
      { id, output, ciphertextSha256 },
      `${id} decrypted to ${output} (ciphertext sha256 verified)`,
    );
  });

program
  .command('history')
  .description('every version of an asset')
  .argument('<id>', 'the asset id')
  .action(async (id: string) => {
    const options = globals();
    const versions = await client(options).json<
      {
        txId: string;
        timestamp: string;
        record: { state: string; version: number; lastAction: string } | null;
      }[]
    >('GET', `/v1/assets/${encodeURIComponent(id)}/history`);
    print(
      options,
      versions,
      versions
        .map(
          (v) =>
            `${v.timestamp}\tv${String(v.record?.version ?? '-')}\t${v.record?.lastAction ?? 'deleted'}\t${v.record?.state ?? ''}\t${v.txId}`,
        )
        .join('\n'),
    );
  });

program
  .command('rm')
  .description('delete an asset: a tombstone on the ledger, and its ciphertext shredded')
  .argument('<id>', 'the asset id')
  .action(async (id: string) => {
    const options = globals();
    const tombstone = await client(options).json<AssetSummary>(
      'DELETE',
      `/v1/assets/${encodeURIComponent(id)}`,
    );
    print(options, tombstone, `${id} deleted (version ${String(tombstone.version)})`);
  });

registerAccessCommands(program);
registerWatchCommand(program);
registerOfflineCommand(program);
registerCrawlCommands(program);
registerTrainingCommands(program);
registerFeaturesCommands(program);
registerAlignCommand(program);
registerIvectorCommands(program);

program.parseAsync().catch((error: unknown) => {
  const cliError =
    error instanceof CliError
      ? error
      : new CliError(error instanceof Error ? error.message : String(error), exitCodes.usage);
  process.stderr.write(`deuro: ${cliError.message}\n`);
  process.exit(cliError.exitCode);
});
