/**
 * The reference forced aligner: CMU pocketsphinx 5prealpha (`pocketsphinx_continuous`) with a
 * grammar that accepts only the transcript.
 *
 * The audio is written as a 16 kHz 16-bit WAV (resampled first when it is at another rate), the
 * transcript as a JSGF grammar (`transcript-grammar.ts`), both in a fresh temporary folder, and
 * pocketsphinx runs as
 * `pocketsphinx_continuous -infile x.wav -jsgf g.jsgf -time yes -remove_silence no -hmm <model>
 * -dict <dict> -logfn log.txt [beams]`. With `-remove_silence no` the whole file is one
 * utterance. Its word times are read by `pocketsphinx-output.ts`; its log is searched for
 * `ERROR`/`FATAL` lines, and "Final result does not match the grammar" (no full path survived
 * the beams) becomes `DEURO_REFERENCE_GRAMMAR_MISMATCH`.
 */

import { execFile } from 'node:child_process';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeWav, resample } from '../../features/audio/index.js';
import type { TimedSegment } from '../align/index.js';
import {
  checkReferenceParameter,
  ReferenceAlignerError,
  ReferenceAlignerErrorCode,
} from './errors.js';
import {
  beamArguments,
  resolvePocketsphinxOptions,
  type PocketsphinxOptions,
  type ResolvedPocketsphinxOptions,
} from './pocketsphinx-options.js';
import { parsePocketsphinxOutput } from './pocketsphinx-output.js';
import { transcriptGrammar, transcriptWords } from './transcript-grammar.js';

/** What {@link alignWithPocketsphinx} returns. */
export interface PocketsphinxAlignment {
  /** The transcript's words with their times (seconds), in order. */
  readonly words: TimedSegment[];
  /** Wall-clock seconds pocketsphinx ran (model loading included). */
  readonly seconds: number;
  /** The command line, for reports. */
  readonly command: string[];
}

const SAMPLE_RATE = 16000;
const MISSING_PACKAGES = 'apt-get install pocketsphinx pocketsphinx-en-us';

async function checkInstalled(options: ResolvedPocketsphinxOptions): Promise<void> {
  for (const [what, path] of [
    ['model definition', join(options.modelDir, 'mdef')],
    ['dictionary', options.dictionary],
  ] as const) {
    try {
      await access(path);
    } catch (error) {
      throw new ReferenceAlignerError(
        ReferenceAlignerErrorCode.missing,
        `the pocketsphinx ${what} ${path} is missing; install it with: ${MISSING_PACKAGES}`,
        { field: what === 'dictionary' ? 'dictionary' : 'modelDir', value: path },
        error,
      );
    }
  }
}

interface RunResult {
  readonly stdout: string;
  readonly error: (Error & { code?: unknown; killed?: boolean }) | null;
}

function run(program: string, args: readonly string[], timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(program, args, { maxBuffer: 64 << 20, timeout: timeoutMs }, (error, stdout) => {
      resolve({ stdout, error });
    });
  });
}

function logProblems(log: string): string[] {
  return log.split('\n').filter((line) => /^(ERROR|FATAL)/u.test(line));
}

function failure(
  result: RunResult,
  problems: string[],
  options: ResolvedPocketsphinxOptions,
): ReferenceAlignerError | undefined {
  if (result.error?.code === 'ENOENT') {
    return new ReferenceAlignerError(
      ReferenceAlignerErrorCode.missing,
      `${options.program} was not found; install it with: ${MISSING_PACKAGES}`,
      { field: 'program', value: options.program },
      result.error,
    );
  }
  if (problems.some((line) => line.includes('Final result does not match the grammar'))) {
    return new ReferenceAlignerError(
      ReferenceAlignerErrorCode.grammarMismatch,
      `pocketsphinx found no path through the transcript within its beams: ${problems.join(' | ')}`,
      { log: problems },
    );
  }
  return otherFailure(result, problems, options);
}

function otherFailure(
  result: RunResult,
  problems: string[],
  options: ResolvedPocketsphinxOptions,
): ReferenceAlignerError | undefined {
  if (result.error === null && problems.length === 0) return undefined;
  const why =
    result.error?.killed === true
      ? `killed after ${String(options.timeoutMs)} ms`
      : (result.error?.message ?? '');
  return new ReferenceAlignerError(
    ReferenceAlignerErrorCode.failed,
    `pocketsphinx failed: ${[why, ...problems].filter((s) => s !== '').join(' | ')}`,
    { log: problems },
    result.error ?? undefined,
  );
}

function checkWords(
  words: readonly TimedSegment[],
  hypotheses: readonly string[],
  expected: readonly string[],
): void {
  const got = words.map((w) => w.label.toLowerCase());
  if (hypotheses.length !== 1 || got.join(' ') !== expected.join(' ')) {
    throw new ReferenceAlignerError(
      ReferenceAlignerErrorCode.failed,
      `pocketsphinx returned ${String(hypotheses.length)} utterance(s) with ${String(got.length)} of the ${String(expected.length)} transcript words`,
    );
  }
}

function wavBytes(samples: Float32Array, sampleRate: number): Uint8Array {
  const at16k =
    sampleRate === SAMPLE_RATE
      ? samples
      : resample(samples, { inputRate: sampleRate, outputRate: SAMPLE_RATE });
  return encodeWav(at16k, { sampleRate: SAMPLE_RATE });
}

/**
 * Force-aligns a transcript to audio with pocketsphinx and a transcript-only JSGF grammar.
 *
 * @param input - mono samples (full scale 1) at any rate (16 kHz is used as is), and the
 * transcript (words of `cmudict-en-us.dict`, any case).
 * @param options - beams, model, dictionary, program, timeout (see {@link PocketsphinxOptions}).
 * @throws {ReferenceAlignerError} `DEURO_REFERENCE_POCKETSPHINX_MISSING` without the program or
 * model, `DEURO_REFERENCE_GRAMMAR_MISMATCH` when no path survives the beams,
 * `DEURO_REFERENCE_POCKETSPHINX_FAILED` otherwise (unknown word, timeout, output that does not
 * give every transcript word), `DEURO_REFERENCE_INVALID_PARAMETER` for a bad option or input.
 */
export async function alignWithPocketsphinx(
  input: {
    readonly samples: Float32Array;
    readonly sampleRate: number;
    readonly transcript: string;
  },
  options: PocketsphinxOptions = {},
): Promise<PocketsphinxAlignment> {
  const resolved = resolvePocketsphinxOptions(options);
  checkReferenceParameter(
    Number.isInteger(input.sampleRate) && input.sampleRate >= 8000,
    'sampleRate',
    input.sampleRate,
    'a whole number >= 8000',
  );
  checkReferenceParameter(input.samples.length > 0, 'samples', input.samples.length, 'not empty');
  const words = transcriptWords(input.transcript);
  await checkInstalled(resolved);
  const dir = await mkdtemp(join(tmpdir(), 'deuro-pocketsphinx-'));
  try {
    const [wav, grammar, log] = ['audio.wav', 'transcript.jsgf', 'log.txt'].map((name) =>
      join(dir, name),
    ) as [string, string, string];
    await writeFile(wav, wavBytes(input.samples, input.sampleRate));
    await writeFile(grammar, transcriptGrammar(words), 'utf8');
    const args = [
      ...['-infile', wav, '-jsgf', grammar, '-time', 'yes', '-remove_silence', 'no'],
      ...['-hmm', resolved.modelDir, '-dict', resolved.dictionary, '-logfn', log],
      ...beamArguments(resolved.beams),
    ];
    const started = process.hrtime.bigint();
    const result = await run(resolved.program, args, resolved.timeoutMs);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const problems = logProblems(await readFile(log, 'utf8').catch(() => ''));
    const failed = failure(result, problems, resolved);
    if (failed !== undefined) throw failed;
    const output = parsePocketsphinxOutput(result.stdout);
    checkWords(output.words, output.hypotheses, words);
    return { words: output.words, seconds, command: [resolved.program, ...args] };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
