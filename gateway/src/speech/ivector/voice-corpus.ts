/**
 * A synthetic multi-speaker corpus for evaluating speaker verification, made with espeak-ng and
 * sox. A speaker is one espeak-ng voice variant (formant set, pitch range, voice quality) speaking
 * one language; no two speakers share a variant, so two speakers never have the same voice. A
 * session is one synthesis of a different text under one of {@link SESSION_CONDITIONS}: speaking
 * rate, pitch and amplitude offsets, added white noise at a given SNR, and the telephone channel
 * (sox `sinc 300-3400` band-pass and a round trip through 8 kHz). Noise is drawn from a Philox
 * stream named after the session, so the corpus is deterministic given the espeak-ng and sox
 * versions.
 *
 * Pipeline per session: `espeak-ng -v LANG+VARIANT -s RATE -p PITCH -a AMPLITUDE -w a.wav TEXT`
 * (22050 Hz), noise added in TypeScript, written as float WAV, then
 * `sox b.wav c.wav [sinc 300-3400 rate 8000] rate 16000` and decoded to 16 kHz samples.
 */

import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { decodeWav, encodeWav } from '../../features/audio/index.js';

import { checkOption, IvectorError, IvectorErrorCode } from './errors.js';
import { namedNormals } from './normal-draws.js';
import { CORPUS_LANGUAGES, sessionText, type CorpusLanguage } from './voice-corpus-texts.js';

const run = promisify(execFile);

/** How one session differs from the others. */
export interface SessionCondition {
  /** espeak-ng `-s`, words per minute. */
  readonly rate: number;
  /** espeak-ng `-p`, 0-99 (50 is the voice's own pitch). */
  readonly pitch: number;
  /** espeak-ng `-a`, 0-200. */
  readonly amplitude: number;
  /** SNR in dB of added white noise; absent for none. */
  readonly snrDb?: number;
  /** Telephone channel: 300-3400 Hz band-pass and an 8 kHz round trip. */
  readonly telephone: boolean;
}

/** The eight session conditions; session s uses condition s mod 8. */
export const SESSION_CONDITIONS: readonly SessionCondition[] = [
  { rate: 160, pitch: 50, amplitude: 100, telephone: false },
  { rate: 130, pitch: 45, amplitude: 60, telephone: false },
  { rate: 190, pitch: 55, amplitude: 140, telephone: false },
  { rate: 160, pitch: 50, amplitude: 100, snrDb: 20, telephone: false },
  { rate: 150, pitch: 52, amplitude: 100, telephone: true },
  { rate: 175, pitch: 47, amplitude: 80, snrDb: 25, telephone: true },
  { rate: 140, pitch: 58, amplitude: 120, snrDb: 15, telephone: false },
  { rate: 200, pitch: 42, amplitude: 100, telephone: true },
];

/**
 * espeak-ng variants used as speakers, in corpus order (all of espeak-ng 1.51's variants except
 * the whispering ones and `fast`, which is a test voice).
 */
export const CORPUS_VARIANTS: readonly string[] = [
  'm1',
  'f1',
  'm2',
  'f2',
  'm3',
  'f3',
  'm4',
  'f4',
  'm5',
  'f5',
  'm6',
  'm7',
  'm8',
  'klatt',
  'klatt2',
  'klatt3',
  'klatt4',
  'klatt5',
  'klatt6',
  'croak',
  'grandma',
  'grandpa',
  'adam',
  'Alex',
  'Alicia',
  'Andrea',
  'Andy',
  'Annie',
  'antonio',
  'aunty',
  'belinda',
  'benjamin',
  'boris',
  'caleb',
  'david',
  'Demonic',
  'Denis',
  'Diogo',
  'ed',
  'edward',
  'edward2',
  'Gene',
  'Gene2',
  'gustave',
  'announcer',
  'Henrique',
  'Hugo',
  'iven',
  'iven2',
  'iven3',
  'iven4',
  'Jacky',
  'john',
  'kaukovalta',
  'Lee',
  'linda',
  'marcelo',
  'Marco',
  'Mario',
  'max',
  'Michael',
  'michel',
  'miguel',
  'Mike',
  'Mr',
  'Nguyen',
  'pablo',
  'paul',
  'pedro',
  'quincy',
  'RicishayMax',
  'RicishayMax2',
  'RicishayMax3',
  'rob',
  'robert',
  'robosoft',
  'robosoft2',
  'robosoft3',
  'robosoft4',
  'robosoft5',
  'robosoft6',
  'robosoft7',
  'robosoft8',
  'steph',
  'steph2',
  'steph3',
  'Storm',
  'Tweaky',
  'UniRobot',
  'zac',
  'anika',
  'anikaRobot',
  'AnxiousAndy',
  'norbert',
  'sandro',
  'shelby',
  'travis',
  'victor',
];

/** One speaker: a variant speaking a language. */
export interface CorpusSpeaker {
  /** `language+variant`, the espeak-ng voice and the speaker's label. */
  readonly id: string;
  readonly language: CorpusLanguage;
  readonly variant: string;
}

/** One session of a speaker. */
export interface CorpusSession {
  readonly speaker: CorpusSpeaker;
  /** Session index from 0. */
  readonly index: number;
  readonly text: string;
  readonly condition: SessionCondition;
}

/**
 * The first `count` speakers: variant i speaks language i mod 8.
 * @throws IvectorError `DEURO_IVECTOR_INVALID_PARAMETER` for more speakers than variants.
 */
export function corpusSpeakers(count: number): CorpusSpeaker[] {
  checkOption(
    Number.isInteger(count) && count >= 1 && count <= CORPUS_VARIANTS.length,
    'speakers',
    count,
    `an integer in [1, ${String(CORPUS_VARIANTS.length)}]`,
  );
  return CORPUS_VARIANTS.slice(0, count).map((variant, i) => {
    const language = CORPUS_LANGUAGES[i % CORPUS_LANGUAGES.length] ?? 'en';
    return { id: `${language}+${variant}`, language, variant };
  });
}

/** Session `index` of `speaker`: text and condition both chosen by the index. */
export function corpusSession(speaker: CorpusSpeaker, index: number): CorpusSession {
  const condition = SESSION_CONDITIONS[index % SESSION_CONDITIONS.length] ?? {
    rate: 160,
    pitch: 50,
    amplitude: 100,
    telephone: false,
  };
  return { speaker, index, text: sessionText(speaker.language, index), condition };
}

/** Options of {@link synthesizeSession}. */
export interface SynthesisOptions {
  /** The espeak-ng executable (default 'espeak-ng'). */
  espeak?: string;
  /** The sox executable (default 'sox'). */
  sox?: string;
}

/**
 * The session's audio: 16 kHz mono samples in [-1, 1).
 * @throws IvectorError `DEURO_IVECTOR_INVALID_PARAMETER` (field `espeak`/`sox`) when a tool is
 *   missing or fails.
 */
export async function synthesizeSession(
  session: CorpusSession,
  options: SynthesisOptions = {},
): Promise<Float64Array> {
  const directory = await mkdtemp(join(tmpdir(), 'deuro-voice-'));
  try {
    const speech = join(directory, 'speech.wav');
    const channel = join(directory, 'channel.wav');
    const output = join(directory, 'output.wav');
    const { condition } = session;
    await tool(options.espeak ?? 'espeak-ng', 'espeak', [
      '-v',
      session.speaker.id,
      '-s',
      String(condition.rate),
      '-p',
      String(condition.pitch),
      '-a',
      String(condition.amplitude),
      '-w',
      speech,
      session.text,
    ]);
    const decoded = decodeWav(await readFile(speech));
    const noisy =
      condition.snrDb === undefined
        ? decoded.samples
        : addNoise(
            decoded.samples,
            condition.snrDb,
            `${session.speaker.id}/${String(session.index)}`,
          );
    await writeFile(
      channel,
      encodeWav(noisy, {
        sampleRate: decoded.sampleRate,
        sampleFormat: 'float',
        bitsPerSample: 32,
      }),
    );
    const effects = condition.telephone
      ? ['sinc', '300-3400', 'rate', '8000', 'rate', '16000']
      : ['rate', '16000'];
    await tool(options.sox ?? 'sox', 'sox', [
      channel,
      '-e',
      'floating-point',
      '-b',
      '32',
      output,
      ...effects,
    ]);
    return decodeWav(await readFile(output)).samples;
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

async function tool(command: string, field: string, args: string[]): Promise<void> {
  try {
    await run(command, args, { maxBuffer: 1 << 20 });
  } catch (error) {
    throw new IvectorError(
      IvectorErrorCode.invalidParameter,
      `${command} failed (install Debian's espeak-ng and sox): ${error instanceof Error ? error.message : String(error)}`,
      { field },
      error,
    );
  }
}

/** Adds white Gaussian noise at `snrDb` below the signal's mean power. */
export function addNoise(samples: Float64Array, snrDb: number, streamName: string): Float64Array {
  let power = 0;
  for (const x of samples) power += x * x;
  power /= Math.max(samples.length, 1);
  const sd = Math.sqrt(power / 10 ** (snrDb / 10));
  const noise = namedNormals(`deuro-voice-noise/${streamName}`, samples.length);
  const out = new Float64Array(samples.length);
  for (let i = 0; i < samples.length; i += 1) out[i] = (samples[i] ?? 0) + sd * (noise[i] ?? 0);
  return out;
}
