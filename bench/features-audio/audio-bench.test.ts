import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

import { runAudioBench } from './audio-bench';
import type { RunTimes } from './extractor-runs';
import { compareFfts, formatFftComparison, loadFftJs, windowedFrames } from './fft-comparison';
import { defaultAudioBenchOptions, parseAudioBenchOptions } from './options';
import { formatComparison, formatHeadline, formatSpeeds, median } from './report';
import { loopedSpeech, recordingSamples } from './speech-corpus';

describe('audio bench options', () => {
  it('uses the defaults, then the environment, then the flags', () => {
    assert.deepEqual(parseAudioBenchOptions([], {}), defaultAudioBenchOptions);
    assert.equal(parseAudioBenchOptions([], { DEURO_BENCH_AUDIO_MINUTES: '5' }).minutes, 5);
    assert.equal(
      parseAudioBenchOptions(['--minutes', '0.5'], { DEURO_BENCH_AUDIO_MINUTES: '5' }).minutes,
      0.5,
    );
    assert.equal(parseAudioBenchOptions(['--cache-dir', '/tmp/x'], {}).cacheDir, '/tmp/x');
  });

  it('rejects unknown flags and values out of range, naming them', () => {
    assert.throws(() => parseAudioBenchOptions(['--fast', '1'], {}), /--fast/);
    assert.throws(() => parseAudioBenchOptions(['--rounds', '1.5'], {}), /--rounds/);
    assert.throws(() => parseAudioBenchOptions(['--minutes', '0'], {}), /--minutes/);
    assert.throws(
      () => parseAudioBenchOptions([], { DEURO_BENCH_AUDIO_ROUNDS: 'x' }),
      /DEURO_BENCH_AUDIO_ROUNDS/,
    );
  });
});

describe('audio bench corpus and report', () => {
  it('loops utterances with pauses and noise to exactly the length asked, reproducibly', () => {
    const utterances = [new Int16Array(1000).fill(1000), new Int16Array(3000).fill(-2000)];
    const total = recordingSamples(0.05);
    const blocks = [...loopedSpeech(utterances, total)];
    assert.equal(
      blocks.reduce((n, b) => n + b.length, 0),
      total,
    );
    assert.deepEqual([...loopedSpeech(utterances, total)], blocks);
  });

  it('reports speeds, ratios against the goal and the output check', () => {
    assert.equal(median([3, 1, 2]), 2);
    const run = (cpuSeconds: number): RunTimes => ({ cpuSeconds, wallSeconds: cpuSeconds });
    const lines = formatSpeeds(3600, [
      { name: 'deuro', runs: [run(2)] },
      { name: 'fast', runs: [run(1)] },
      { name: 'slow', runs: [run(4)] },
    ]);
    assert.match(lines[0] ?? '', /1800 audio s \/ CPU s +deuro/);
    assert.match(lines[3] ?? '', /ratio vs fast: 0\.50x .*BELOW/);
    assert.match(lines[4] ?? '', /ratio vs slow: 2\.00x .*PASS/);
    assert.match(
      formatComparison({ values: 13, differing: 0, maxAbsDifference: 0 }),
      /bit for bit/,
    );
    assert.match(formatHeadline(0.9), /like for like.*0\.90x, BELOW the goal of 1\.0x/);
    assert.match(formatHeadline(1.02), /1\.02x, meets the goal/);
  });
});

describe('audio bench FFT comparison', () => {
  it('windows frames as the front end and reports fft.js, or says plainly that it is missing', () => {
    const samples = Int16Array.from({ length: 16000 }, (_, n) =>
      Math.round(8000 * Math.sin((2 * Math.PI * 440 * n) / 16000)),
    );
    const frames = windowedFrames(samples, 20);
    assert.equal(frames.length, 20 * 512);
    assert.equal(frames[410], 0);
    const comparison = compareFfts(frames, 1);
    const lines = formatFftComparison(comparison);
    if ('reason' in loadFftJs()) {
      assert.equal(comparison.measured, false);
      assert.match(lines[0] ?? '', /skipped: fft\.js is not installed: it is not in package\.json/);
    } else {
      assert.ok(comparison.measured);
      assert.ok(comparison.ratio > 0 && comparison.maxRelativeDifference < 1e-12);
      assert.ok(comparison.kernelRatio > 0 && comparison.kernelMatches);
      assert.match(lines[1] ?? '', /front-end kernel .*bit for bit/);
      assert.match(
        lines[3] ?? '',
        /ratio deuro vs fft\.js: \d+\.\d\dx scalar, \d+\.\d\dx kernel, on the same 20 frames/,
      );
    }
  });
});

describe('audio bench, three seconds', () => {
  const cacheDir = mkdtempSync(join(tmpdir(), 'deuro-bench-audio-test-'));
  after(() => {
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it('generates speech, times both extractors and finds identical outputs', async () => {
    const lines: string[] = [];
    const result = await runAudioBench({ minutes: 0.05, rounds: 1, cacheDir }, (line) => {
      lines.push(line);
    });
    assert.equal(result.audioSeconds, 3);
    assert.ok(result.ratioToSameWork > 0 && Number.isFinite(result.ratioToSameWork));
    assert.ok(result.deuro.every((r) => r.cpuSeconds > 0));
    assert.ok(result.sphinxFeSameWork.every((r) => r.cpuSeconds > 0));
    assert.equal(result.differingValues, 0, result.lines.join('\n'));
    assert.ok(result.lines.some((line) => line.startsWith('ratio vs sphinx_fe -mswav yes')));
    assert.ok(result.lines.some((line) => line.startsWith('fft: ')));
    assert.ok(result.lines.some((line) => line.startsWith('headline (like for like')));
  });
});
