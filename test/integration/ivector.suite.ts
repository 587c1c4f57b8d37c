import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { encodeWav } from '../../gateway/src/features/audio/index.js';
import {
  corpusSession,
  corpusSpeakers,
  synthesizeSession,
} from '../../gateway/src/speech/ivector/index.js';
import { gatewayUser, runDeuro, type CliOutcome, type CliUser } from '../harness/deuro-cli';
import type { TestNetwork } from '../harness/test-network';

const SPEAKERS = 6;
const TRAINING_SESSIONS = 3;

interface Asset {
  readonly id: string;
  readonly kind: string;
  readonly parents: string[];
  readonly metadata: Record<string, string>;
}

interface Score {
  readonly score: number;
  readonly model: string;
}

/**
 * i-vectors through Org1's gateway process and the CLI: `deuro ivector train` registers the UBM
 * and T as model assets, `extract` registers i-vectors as feature sets, `score` (POST
 * /v1/ivectors/score) compares two of them; the route refuses what the ledger does not vouch for.
 */
export function ivectorSuite(network: () => TestNetwork): void {
  void describe('speech: i-vectors as ledger assets', () => {
    const work = mkdtempSync(path.join(tmpdir(), 'deuro-ivector-'));
    let owner: CliUser;
    let stranger: CliUser;
    const wav = (speaker: number, session: number): string =>
      path.join(work, `s${String(speaker)}-${String(session)}.wav`);
    const ok = (outcome: CliOutcome): CliOutcome => {
      assert.equal(outcome.code, 0, outcome.stderr);
      return outcome;
    };
    const asset = async (id: string): Promise<Asset> => {
      const response = await fetch(`${owner.gatewayUrl}/v1/assets/${id}`, {
        headers: { authorization: `Bearer ${owner.apiKey ?? ''}` },
      });
      assert.equal(response.status, 200);
      return (await response.json()) as Asset;
    };
    const scoreCall = (
      user: CliUser,
      a: { id: string; ivector: string },
      b: { id: string; ivector: string },
    ): Promise<Response> =>
      fetch(`${user.gatewayUrl}/v1/ivectors/score`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${user.apiKey ?? ''}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ a, b }),
      });

    before(async () => {
      const { layout } = network();
      owner = gatewayUser(layout, 'org1', 'User1', path.join(work, 'owner'));
      stranger = gatewayUser(layout, 'org1', 'User2', path.join(work, 'stranger'));
      ok(await runDeuro(owner, work, 'keygen'));
      const manifest: string[] = [];
      const speakers = corpusSpeakers(SPEAKERS);
      for (const [s, speaker] of speakers.entries()) {
        for (let session = 0; session <= TRAINING_SESSIONS; session += 1) {
          const samples = await synthesizeSession(corpusSession(speaker, session));
          writeFileSync(wav(s, session), encodeWav(samples, { sampleRate: 16000 }));
          if (session < TRAINING_SESSIONS) {
            manifest.push(`${speaker.id} ${path.basename(wav(s, session))}`);
          }
        }
      }
      writeFileSync(path.join(work, 'train.tsv'), `# speaker file\n${manifest.join('\n')}\n`);
    });
    after(() => {
      rmSync(work, { recursive: true, force: true });
    });

    it('deuro ivector train registers the UBM and T as model assets, T naming the UBM as its parent', async () => {
      const out = ok(
        await runDeuro(
          owner,
          work,
          '--json',
          'ivector',
          'train',
          path.join(work, 'train.tsv'),
          '--id',
          'spk-model',
          '--components',
          '16',
          '--rank',
          '20',
        ),
      );
      assert.match(out.stderr, /features 18\/18/);
      const ubm = await asset('spk-model.ubm');
      const extractor = await asset('spk-model');
      assert.equal(ubm.kind, 'model');
      assert.equal(ubm.metadata['model-type'], 'ivector-ubm');
      assert.equal(ubm.metadata.components, '16');
      assert.equal(extractor.kind, 'model');
      assert.equal(extractor.metadata['model-type'], 'ivector-extractor');
      assert.equal(extractor.metadata.rank, '20');
      assert.equal(extractor.metadata['training-speakers'], String(SPEAKERS));
      assert.deepEqual(extractor.parents, ['spk-model.ubm']);
    });

    it('deuro ivector extract registers feature sets; score ranks the same speaker above another', async () => {
      const extract = async (speaker: number, session: number, id: string): Promise<void> => {
        ok(
          await runDeuro(
            owner,
            work,
            'ivector',
            'extract',
            wav(speaker, session),
            '--model',
            'spk-model',
            '--id',
            id,
          ),
        );
      };
      await extract(0, 0, 'iv-s0-enroll');
      await extract(0, TRAINING_SESSIONS, 'iv-s0-test');
      await extract(1, TRAINING_SESSIONS, 'iv-s1-test');
      const enrolled = await asset('iv-s0-enroll');
      assert.equal(enrolled.kind, 'feature-set');
      assert.equal(enrolled.metadata.extractor, 'deuro-ivector');
      assert.equal(enrolled.metadata.model, 'spk-model');
      assert.deepEqual(enrolled.parents, ['spk-model']);

      const score = async (a: string, b: string): Promise<Score> =>
        JSON.parse(
          ok(await runDeuro(owner, work, '--json', 'ivector', 'score', a, b)).stdout,
        ) as Score;
      const same = await score('iv-s0-enroll', 'iv-s0-test');
      const other = await score('iv-s0-enroll', 'iv-s1-test');
      assert.equal(same.model, 'spk-model');
      assert.ok(
        same.score > other.score,
        `same speaker ${String(same.score)} vs another ${String(other.score)}`,
      );
      assert.ok(Math.abs((await score('iv-s0-test', 'iv-s0-test')).score - 1) < 1e-6);
    });

    it('POST /v1/ivectors/score refuses bytes the ledger does not record, a model as an i-vector, and a caller who may not read', async () => {
      // Decrypted with the owner's key, as deuro ivector score does.
      const plaintext = (id: string): string =>
        readFileSync(path.join(work, `${id}.npy`)).toString('base64');
      for (const id of ['iv-s0-enroll', 'iv-s1-test', 'spk-model.ubm']) {
        ok(await runDeuro(owner, work, 'get', id, '-o', path.join(work, `${id}.npy`)));
      }
      const enroll = { id: 'iv-s0-enroll', ivector: plaintext('iv-s0-enroll') };
      const test = { id: 'iv-s1-test', ivector: plaintext('iv-s1-test') };

      const fine = await scoreCall(owner, enroll, test);
      assert.equal(fine.status, 200);

      const problem = async (response: Response, status: number, code: string): Promise<void> => {
        assert.equal(response.status, status);
        assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
        assert.equal(((await response.json()) as { code: string }).code, code);
      };
      await problem(
        await scoreCall(owner, enroll, { id: 'iv-s1-test', ivector: enroll.ivector }),
        422,
        'DEURO_IVECTOR_HASH_MISMATCH',
      );
      await problem(
        await scoreCall(owner, enroll, {
          id: 'spk-model.ubm',
          ivector: plaintext('spk-model.ubm'),
        }),
        422,
        'DEURO_IVECTOR_NOT_AN_IVECTOR',
      );
      await problem(
        await scoreCall(owner, enroll, { id: 'iv-s1-test', ivector: 'not base64!' }),
        400,
        'DEURO_VALIDATION_FAILED',
      );
      await problem(await scoreCall(stranger, enroll, test), 403, 'DEURO_ACCESS_DENIED');
    });
  });
}
