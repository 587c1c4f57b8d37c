/**
 * Loading the whole en-us model from Debian's `pocketsphinx-en-us`: the files agree with each
 * other and the scoring tables are built from them; a missing file names the package and a bad
 * one names the file.
 */

import assert from 'node:assert/strict';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isSpeechError } from '../align/speech-error.js';
import {
  DEFAULT_MODEL_DIRECTORY,
  MODEL_FILE_NAMES,
  MODEL_PACKAGE,
  loadAcousticModel,
  loadDictionary,
  type AcousticModel,
} from './acoustic-model.js';

describe('loadAcousticModel', () => {
  let model: AcousticModel;
  let scratch = '';
  before(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'deuro-model-'));
    model = await loadAcousticModel();
  });
  after(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  /** A model directory of links to the real files, with `name` replaced by `content`. */
  async function modelWith(name: string, content: string | Uint8Array): Promise<string> {
    const directory = await mkdtemp(join(scratch, 'model-'));
    for (const file of MODEL_FILE_NAMES.filter((f) => f !== name)) {
      await symlink(join(DEFAULT_MODEL_DIRECTORY, file), join(directory, file));
    }
    await writeFile(join(directory, name), content);
    return directory;
  }

  it('loads files that agree with each other', () => {
    const { definition, means, mixtureWeights, transitions } = model;
    assert.equal(model.directory, DEFAULT_MODEL_DIRECTORY);
    assert.equal(means.codebookCount, definition.ciPhones.length);
    assert.equal(mixtureWeights.senoneCount, definition.senoneCount);
    assert.equal(transitions.count, definition.transitionMatrixCount);
    assert.equal(transitions.stateCount, definition.stateCount);
    assert.deepEqual(
      [...model.noiseDictionary.words()],
      ['<s>', '</s>', '<sil>', '[noise]', '[speech]'],
    );
    assert.equal(model.featureParameters.get('model'), 'ptm');
  });

  it('builds one codebook per CI phone holding the senones of that phone', () => {
    const { codebooks, definition } = model;
    assert.equal(codebooks.codebookCount, 42);
    assert.deepEqual([...codebooks.streamOffsets], [0, 13, 26]);
    assert.equal(codebooks.flooredVariances, 222);
    assert.equal(
      codebooks.codebookSenoneCount.reduce((a, b) => a + b, 0),
      5126,
    );
    assert.equal(codebooks.weights.length, 42);
    codebooks.weights.forEach((table, c) => {
      assert.equal(table.length, 3 * 128 * (codebooks.codebookSenoneCount[c] ?? 0));
    });
    for (let s = 0; s < definition.senoneCount; s += 13) {
      assert.equal(codebooks.senoneCodebook[s], definition.senoneBase(s));
    }
    assert.ok(codebooks.precisions.every((p) => p > 0 && p <= 1 / (2 * 1e-4)));
    assert.ok(codebooks.logNormalizers.every(Number.isFinite));
  });

  it('names the package when the model is not installed', async () => {
    const missing = join(scratch, 'no-such-model');
    await assert.rejects(
      loadAcousticModel(missing),
      (e) =>
        isSpeechError(e, 'DEURO_SPEECH_MODEL_MISSING') &&
        e.details.field?.startsWith(missing) === true &&
        e.message.includes(MODEL_PACKAGE),
    );
    await assert.rejects(
      loadDictionary(join(scratch, 'no.dict')),
      (e) =>
        isSpeechError(e, 'DEURO_SPEECH_MODEL_MISSING') &&
        e.details.field === join(scratch, 'no.dict'),
    );
  });

  it('names the file that is malformed', async () => {
    const cases: [string, string | Uint8Array][] = [
      ['feat.params', '-nfilt 40\n'],
      ['noisedict', '<sil>\n'],
      ['means', new Uint8Array(0)],
      ['mdef', '0.3\n42 n_base\n'],
    ];
    for (const [name, content] of cases) {
      await assert.rejects(
        loadAcousticModel(await modelWith(name, content)),
        (e) => isSpeechError(e, 'DEURO_SPEECH_MODEL_MALFORMED') && e.details.field === name,
        name,
      );
    }
  });
});
