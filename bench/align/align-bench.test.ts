import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ENGLISH_SENTENCES } from '../../gateway/src/speech/corpus';
import { buildLongUtterance } from './long-utterance';
import { defaultAlignBenchOptions, parseAlignBenchOptions } from './options';
import { formatMemory, formatSpeed, realtimeFactor } from './report';

describe('align bench options', () => {
  it('uses the defaults, then the environment, then the flags', () => {
    assert.deepEqual(parseAlignBenchOptions([], {}), defaultAlignBenchOptions);
    assert.equal(parseAlignBenchOptions([], { DEURO_BENCH_ALIGN_SECONDS: '60' }).seconds, 60);
    assert.equal(
      parseAlignBenchOptions(['--seconds', '30'], { DEURO_BENCH_ALIGN_SECONDS: '60' }).seconds,
      30,
    );
    assert.equal(parseAlignBenchOptions(['--noise-dbfs', 'none'], {}).noiseDbfs, 'none');
    assert.equal(parseAlignBenchOptions(['--noise-dbfs', '-45.5'], {}).noiseDbfs, -45.5);
    assert.equal(
      parseAlignBenchOptions([], { DEURO_BENCH_ALIGN_POCKETSPHINX: 'no' }).pocketsphinx,
      false,
    );
  });

  it('rejects unknown flags and values out of range, naming them', () => {
    assert.throws(() => parseAlignBenchOptions(['--fast', '1'], {}), /--fast/);
    assert.throws(() => parseAlignBenchOptions(['--seconds', '0'], {}), /--seconds/);
    assert.throws(() => parseAlignBenchOptions(['--seconds'], {}), /--seconds needs a value/);
    assert.throws(() => parseAlignBenchOptions(['--pocketsphinx', 'maybe'], {}), /--pocketsphinx/);
    assert.throws(
      () => parseAlignBenchOptions([], { DEURO_BENCH_ALIGN_NOISE_DBFS: '3' }),
      /DEURO_BENCH_ALIGN_NOISE_DBFS/,
    );
  });
});

describe('align bench report', () => {
  it('prints realtime factors and the ratio against the goal, or why there is none', () => {
    assert.equal(realtimeFactor(30, 600), 0.05);
    const lines = formatSpeed(
      600,
      { name: 'deuro', seconds: 30 },
      { name: 'ps wide', seconds: 60 },
      [{ name: 'ps default', failure: 'DEURO_REFERENCE_GRAMMAR_MISMATCH' }],
    );
    assert.match(lines[1] ?? '', /deuro .* RTF 0\.0500/);
    assert.match(lines[3] ?? '', /ps default .*failed: DEURO_REFERENCE_GRAMMAR_MISMATCH/);
    assert.match(lines[4] ?? '', /ratio ps wide \/ deuro: 2\.00x .*goal met/);
    const failed = formatSpeed(
      600,
      { name: 'deuro', seconds: 30 },
      { name: 'ps wide', failure: 'x' },
      [],
    );
    assert.match(failed.at(-1) ?? '', /not available/);
    assert.match(formatMemory(100 * 2 ** 20, 150 * 2 ** 20), /peak RSS 150 MiB .* added 50 MiB/);
  });
});

describe('long utterance', () => {
  it('joins whole sentences with pauses until the length, transcript in order', async () => {
    const utterance = await buildLongUtterance({
      seconds: 5,
      pauseMs: 200,
      noiseDbfs: 'none',
      seed: 0,
    });
    assert.ok(utterance.seconds >= 5 && utterance.seconds < 10);
    assert.equal(utterance.transcript, ENGLISH_SENTENCES.slice(0, utterance.sentences).join(' '));
    assert.equal(utterance.samples.length, Math.round(utterance.seconds * 16000));
    assert.ok(utterance.samples.subarray(0, 3200).every((x) => x === 0));
    const noisy = await buildLongUtterance({ seconds: 1, pauseMs: 200, noiseDbfs: -60, seed: 0 });
    assert.ok(noisy.samples.subarray(0, 3200).some((x) => x !== 0));
  });
});
