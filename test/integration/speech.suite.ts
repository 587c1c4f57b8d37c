import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { encodeWav } from '../../gateway/src/features/audio/index.js';
import { synthesizeSentence } from '../../gateway/src/speech/corpus/index.js';
import { parseTextGrid, praatAndDeuroReadings } from '../../gateway/src/speech/formats/index.js';
import { gatewayUser, runDeuro, type CliOutcome, type CliUser } from '../harness/deuro-cli';
import type { TestNetwork } from '../harness/test-network';

const SAID = 'the quick brown fox jumps over the lazy dog';

interface AlignAnswer {
  readonly verdict: { aligned: boolean; score: number; threshold: number };
  readonly words: { label: string; start: number; end: number; confidence: number }[];
  readonly phones: { label: string; start: number; end: number }[];
}

/**
 * Speech through Org1's gateway process: `POST /v1/align` and `deuro align` answer whether a
 * transcript can be aligned to a recording, with timings as a TextGrid, CTM or JSON.
 */
export function speechSuite(network: () => TestNetwork): void {
  void describe('speech: forced alignment through the gateway', () => {
    const work = mkdtempSync(path.join(tmpdir(), 'deuro-speech-'));
    let user: CliUser;
    const wav = path.join(work, 'fox.wav');
    const ok = (outcome: CliOutcome): CliOutcome => {
      assert.equal(outcome.code, 0, outcome.stderr);
      return outcome;
    };

    before(async () => {
      const { layout } = network();
      user = gatewayUser(layout, 'org1', 'User1', path.join(work, 'user'));
      const audio = await synthesizeSentence(SAID, { voice: 'en-us' });
      writeFileSync(
        wav,
        encodeWav(Float64Array.from(audio.samples), { sampleRate: audio.sampleRate }),
      );
    });
    after(() => {
      rmSync(work, { recursive: true, force: true });
    });

    it('deuro align says yes to the right transcript and writes a TextGrid with every word, and no to a wrong one (exit 5)', async () => {
      const out = path.join(work, 'fox.TextGrid');
      const yes = JSON.parse(
        ok(await runDeuro(user, work, '--json', 'align', wav, SAID, '-o', out)).stdout,
      ) as AlignAnswer;
      assert.equal(yes.verdict.aligned, true);
      assert.deepEqual(
        yes.words.map((word) => word.label),
        SAID.split(' '),
      );
      const grid = parseTextGrid(readFileSync(out, 'utf8'));
      const words = grid.tiers.find((tier) => tier.name === 'words');
      assert.ok(words !== undefined);
      assert.deepEqual(
        words.intervals.map((interval) => interval.text).filter((text) => text !== ''),
        SAID.split(' '),
      );
      assert.ok(grid.tiers.some((tier) => tier.name === 'phones'));
      // Praat opens the TextGrid the CLI wrote and finds what Deuro's reader finds.
      const { praat, deuro } = await praatAndDeuroReadings(out);
      assert.deepEqual(praat, deuro);

      const no = await runDeuro(
        user,
        work,
        '--json',
        'align',
        wav,
        'she sells sea shells by the sea shore',
      );
      assert.equal(no.code, 5, no.stderr);
      assert.equal((JSON.parse(no.stdout) as AlignAnswer).verdict.aligned, false);
    });

    it('POST /v1/align answers CTM, and refuses words missing from the dictionary (listing them) and a body that is not WAV', async () => {
      const call = (query: string, body: Uint8Array, type = 'audio/wav'): Promise<Response> =>
        fetch(`${user.gatewayUrl}/v1/align?${query}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${user.apiKey ?? ''}`, 'content-type': type },
          body,
        });
      const audio = readFileSync(wav);
      const ctm = await call(`transcript=${encodeURIComponent(SAID)}&format=ctm`, audio);
      assert.equal(ctm.status, 200);
      const lines = (await ctm.text()).trim().split('\n');
      assert.equal(lines.length, SAID.split(' ').length);
      assert.match(lines[0] ?? '', /^\S+ \S+ \d+\.\d{2,3} \d+\.\d{2,3} the /);

      const unknown = await call(
        `transcript=${encodeURIComponent('the quick zorblax fox flimbed')}`,
        audio,
      );
      assert.equal(unknown.status, 422);
      const problem = (await unknown.json()) as { code: string; detail: string };
      assert.equal(problem.code, 'DEURO_SPEECH_UNKNOWN_WORDS');
      assert.match(problem.detail, /zorblax/);
      assert.match(problem.detail, /flimbed/);

      const notWav = await call(`transcript=hello`, Buffer.from('not a wav file at all'));
      assert.equal(notWav.status >= 400 && notWav.status < 500, true);
      assert.match(((await notWav.json()) as { code: string }).code, /^DEURO_AUDIO_/);
    });
  });
}
