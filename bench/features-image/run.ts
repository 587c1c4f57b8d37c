/**
 * bench/features-image: Deuro's image feature extractors on a 12-megapixel photograph against
 * OpenCV's equivalents (single-threaded and with OpenCV's default threads) and scikit-image's
 * reference implementations, timed in the same run on the same PNG. See README.md beside this
 * file.
 *
 *   node --import tsx bench/features-image/run.ts [--width 4000] [--height 3000] [--rounds 1]
 */

import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import sharp from 'sharp';

import {
  cannyEdges,
  decodeImage,
  dohBlobs,
  harrisCorners,
  logBlobs,
  resolveCannyOptions,
  resolveDohOptions,
  resolveHarrisOptions,
  resolveLogOptions,
  resolveRidgeOptions,
  resolveShiTomasiOptions,
  ridges,
  shiTomasiCorners,
  type GrayImage,
} from '../../gateway/src/features/image/index';
import { describeLoad, describeMachine } from '../ledger/machine';
import { parseImageBenchOptions, usage, wantsHelp, type ImageBenchOptions } from './options';
import { formatTimings } from './report';

const PARAMETERS = {
  canny: resolveCannyOptions(),
  harris: resolveHarrisOptions(),
  shiTomasi: resolveShiTomasiOptions(),
  log: resolveLogOptions(),
  doh: resolveDohOptions(),
  ridges: resolveRidgeOptions(),
};

const BASELINE_SCRIPT = join(__dirname, 'baseline.py');

/** Wall-clock and CPU seconds of each round of one task, and the size of its result. */
interface Timed {
  readonly wall: number[];
  readonly cpu: number[];
  readonly size: number;
}

interface BaselineOutput {
  readonly opencv: string;
  readonly threads: number;
  readonly opencvTasks: Record<string, Timed>;
  readonly skimageTasks?: Record<string, Timed>;
}

type Extractor = (image: GrayImage) => number;

const EXTRACTORS: readonly [string, Extractor][] = [
  ['canny', (image) => cannyEdges(image, PARAMETERS.canny).count],
  ['harris', (image) => harrisCorners(image, PARAMETERS.harris).length],
  ['shiTomasi', (image) => shiTomasiCorners(image, PARAMETERS.shiTomasi).length],
  ['log', (image) => logBlobs(image, PARAMETERS.log).length],
  ['doh', (image) => dohBlobs(image, PARAMETERS.doh).length],
  ['ridges', (image) => ridges(image, PARAMETERS.ridges).count],
];

async function main(argv: readonly string[]): Promise<void> {
  if (wantsHelp(argv)) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const options = parseImageBenchOptions(argv, process.env);
  const dir = await mkdtemp(join(tmpdir(), 'deuro-bench-image-'));
  try {
    printLines(header(options));
    const png = await benchImage(options);
    const path = join(dir, 'bench.png');
    await writeFile(path, png);
    const deuro = await timeDeuro(png, options.rounds);
    const single = await runBaseline(path, {
      threads: 1,
      rounds: options.rounds,
      skimage: options.skimage,
    });
    const threaded = await runBaseline(path, {
      threads: 0,
      rounds: options.rounds,
      skimage: false,
    });
    printLines(report(options, deuro, single, threaded));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function benchImage(options: ImageBenchOptions): Promise<Buffer> {
  return sharp(options.source)
    .resize(options.width, options.height, { fit: 'fill', kernel: 'lanczos3' })
    .png({ compressionLevel: 1 })
    .toBuffer();
}

/** Runs `task` `rounds` times, timing each round by the wall clock and by process CPU time. */
async function timed(rounds: number, task: () => Promise<number> | number): Promise<Timed> {
  const wall: number[] = [];
  const cpu: number[] = [];
  let size = 0;
  for (let round = 0; round < rounds; round++) {
    const start = performance.now();
    const startCpu = process.cpuUsage();
    size = await task();
    const used = process.cpuUsage(startCpu);
    wall.push((performance.now() - start) / 1000);
    cpu.push((used.user + used.system) / 1e6);
  }
  return { wall, cpu, size };
}

async function timeDeuro(png: Buffer, rounds: number): Promise<Map<string, Timed>> {
  const results = new Map<string, Timed>();
  const image = await decodeImage(png);
  results.set('decode', await timed(rounds, async () => (await decodeImage(png)).data.length));
  for (const [task, extract] of EXTRACTORS) {
    const result = await timed(rounds, () => extract(image));
    results.set(task, result);
    process.stderr.write(`deuro ${task}: ${result.wall.map((s) => s.toFixed(2)).join(', ')} s\n`);
  }
  return results;
}

async function runBaseline(
  path: string,
  settings: { threads: number; rounds: number; skimage: boolean },
): Promise<BaselineOutput> {
  const { stdout } = await promisify(execFile)(
    '/usr/bin/python3',
    [BASELINE_SCRIPT, path, JSON.stringify({ ...settings, ...PARAMETERS })],
    {
      maxBuffer: 16 * 1024 * 1024,
      env: { ...process.env, OMP_NUM_THREADS: String(settings.threads || '') },
    },
  );
  return JSON.parse(stdout) as BaselineOutput;
}

function report(
  options: ImageBenchOptions,
  deuro: Map<string, Timed>,
  single: BaselineOutput,
  threaded: BaselineOutput,
): string[] {
  const names = ['opencv 1 thread', `opencv ${String(threaded.threads)} threads`, 'skimage'];
  const megapixels = (options.width * options.height) / 1e6;
  const table = (clock: 'wall' | 'cpu'): string[] =>
    formatTimings(
      megapixels,
      names,
      [...deuro].map(([task, timings]) => ({
        task,
        deuroSeconds: timings[clock],
        baselines: {
          [names[0] ?? '']: single.opencvTasks[task]?.[clock],
          [names[1] ?? '']: threaded.opencvTasks[task]?.[clock],
          [names[2] ?? '']: single.skimageTasks?.[task]?.[clock],
        },
      })),
    );
  const sizes = [...deuro].map(([task, { size }]) => {
    const cv = single.opencvTasks[task]?.size;
    const sk = single.skimageTasks?.[task]?.size;
    return `  ${task}: deuro ${String(size)}, opencv ${cv === undefined ? '-' : String(cv)}, skimage ${sk === undefined ? '-' : String(sk)}`;
  });
  return [
    `OpenCV ${single.opencv}; medians of ${String(options.rounds)} round(s); (ratio) = Deuro / baseline throughput`,
    '',
    'wall-clock seconds:',
    ...table('wall'),
    '',
    'CPU seconds (process user + system; for OpenCV with threads, summed over its threads):',
    ...table('cpu'),
    '',
    'result sizes (edge pixels, corners, blobs, ridge pixels; OpenCV counts are of its own method):',
    ...sizes,
  ];
}

function header(options: ImageBenchOptions): string[] {
  return [
    'Deuro image features benchmark: 12 MP photograph, Deuro vs OpenCV and scikit-image',
    `machine: ${describeMachine()}; load average at start ${describeLoad()}`,
    `image: ${options.source} upscaled (Lanczos 3) to ${String(options.width)}x${String(options.height)}, PNG`,
    '',
  ];
}

function printLines(lines: readonly string[]): void {
  process.stdout.write(`${lines.join('\n')}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
