import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { gatewayUser, runDeuro, type CliOutcome, type CliUser } from '../harness/deuro-cli';
import { listFiles } from '../harness/files';
import { repoRoot } from '../harness/run-script';
import type { TestNetwork } from '../harness/test-network';

interface FeatureUpload {
  readonly featureSet: {
    id: string;
    kind: string;
    parents: string[];
    metadata: Record<string, string>;
  };
  readonly raw: { id: string; kind: string } | null;
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * The feature pipeline through Org1's gateway process: a recording and an image become
 * encrypted feature-set assets whose metadata names the extractor and hashes; the features are
 * the bytes the CLI extracts in another process; a reader decrypts them; bad input stores nothing.
 */
export function featuresSuite(network: () => TestNetwork): void {
  void describe('feature pipeline: feature sets from recordings and images', () => {
    const work = mkdtempSync(path.join(tmpdir(), 'deuro-features-'));
    let owner: CliUser;
    let reader: CliUser;
    let readerId = '';
    const ok = (outcome: CliOutcome): CliOutcome => {
      assert.equal(outcome.code, 0, outcome.stderr);
      return outcome;
    };

    before(async () => {
      const { layout } = network();
      owner = gatewayUser(layout, 'org1', 'User1', path.join(work, 'owner'));
      reader = gatewayUser(layout, 'org1', 'User2', path.join(work, 'reader'));
      ok(await runDeuro(owner, work, 'keygen'));
      ok(await runDeuro(reader, work, 'keygen'));
      readerId = (
        JSON.parse(ok(await runDeuro(reader, work, '--json', 'whoami')).stdout) as {
          identityId: string;
        }
      ).identityId;
      await network().settle();
    });
    after(() => {
      rmSync(work, { recursive: true, force: true });
    });

    it("registers a recording's MFCCs as a feature set (raw kept as its parent); another process derives the same bytes; a reader decrypts them", async () => {
      const wav = path.join(repoRoot, 'test', 'fixtures', 'audio', 'speech-16k.wav');
      const id = `features-${randomUUID().slice(0, 8)}`;
      const upload = JSON.parse(
        ok(
          await runDeuro(
            owner,
            work,
            '--json',
            'features',
            'upload',
            wav,
            '--id',
            id,
            '--to',
            readerId,
            '--keep-raw',
          ),
        ).stdout,
      ) as FeatureUpload;
      assert.equal(upload.featureSet.kind, 'feature-set');
      assert.deepEqual(upload.featureSet.parents, [`${id}.raw`]);
      assert.equal(upload.raw?.kind, 'recording');
      const metadata = upload.featureSet.metadata;
      assert.equal(metadata.extractor, 'deuro.features.audio.mfcc');
      assert.match(metadata['extractor-version'] ?? '', /^[0-9]+\.[0-9]+\.[0-9]+$/);
      assert.match(metadata['parameters-sha256'] ?? '', /^[0-9a-f]{64}$/);
      assert.equal(metadata['input-sha256'], sha256(readFileSync(wav)));

      ok(await runDeuro(owner, work, 'features', 'mfcc', wav, '-o', 'local.npy'));
      const local = readFileSync(path.join(work, 'local.npy'));
      assert.equal(
        metadata['feature-sha256'],
        sha256(local),
        'the gateway and this process extract the same bytes',
      );

      await network().settle();
      ok(await runDeuro(reader, work, 'get', id, '-o', 'features.npy'));
      assert.ok(readFileSync(path.join(work, 'features.npy')).equals(local));
    });

    it("registers an image's features without keeping the image, and refuses a malformed recording storing nothing", async () => {
      const png = '/usr/lib/python3/dist-packages/skimage/data/astronaut.png';
      const id = `features-${randomUUID().slice(0, 8)}`;
      const upload = JSON.parse(
        ok(await runDeuro(owner, work, '--json', 'features', 'upload', png, '--id', id)).stdout,
      ) as FeatureUpload;
      assert.equal(upload.raw, null);
      assert.equal(upload.featureSet.metadata.extractor, 'deuro-image-features');
      assert.equal(upload.featureSet.metadata.shape, '512x512');
      ok(await runDeuro(owner, work, 'features', 'image', png, '-o', 'local.json'));
      assert.equal(
        upload.featureSet.metadata['feature-sha256'],
        sha256(readFileSync(path.join(work, 'local.json'))),
      );

      const blobs = path.join(network().layout.runDir, 'gateway-org1', 'blobs');
      const before = listFiles(blobs).filter((file) => !file.startsWith('incoming'));
      writeFileSync(
        path.join(work, 'broken.wav'),
        Buffer.concat([
          Buffer.from('RIFF\u0010\u0000\u0000\u0000WAVEfmt ', 'latin1'),
          Buffer.alloc(8),
        ]),
      );
      const refused = await runDeuro(
        owner,
        work,
        'features',
        'upload',
        'broken.wav',
        '--id',
        `broken-${randomUUID().slice(0, 8)}`,
        '--keep-raw',
      );
      assert.equal(refused.code, 2);
      assert.match(refused.stderr, /DEURO_AUDIO_MALFORMED/);
      assert.deepEqual(
        listFiles(blobs).filter((file) => !file.startsWith('incoming')),
        before,
        'nothing stored',
      );
    });
  });
}
