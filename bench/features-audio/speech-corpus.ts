/**
 * The benchmark's input: speech from espeak-ng in several voices and rates, made once and kept
 * in the cache directory, then looped with pauses and noise into one long 16 kHz 16-bit mono
 * WAV file (canonical 44-byte header, which `sphinx_fe -mswav yes` assumes). The long file is
 * written as it is generated and kept too, named by its length and the corpus version.
 */

import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { decodeWav } from '../../gateway/src/features/audio';

/** Bump when the utterances or the looping change, so that caches are rebuilt. */
const CORPUS_VERSION = 1;
export const SAMPLE_RATE = 16000;

/** The utterances, spoken once each and looped. */
export const UTTERANCES = [
  {
    voice: 'en-us',
    rate: 120,
    text: 'Recordings are turned into features before they are shared with anyone else.',
  },
  {
    voice: 'en-gb',
    rate: 175,
    text: 'The features are encrypted and registered on the ledger, one transaction each.',
  },
  {
    voice: 'en-us+f3',
    rate: 220,
    text: 'Only the owner of the key can read them back, and every grant is recorded.',
  },
  { voice: 'fr', rate: 150, text: 'Les données restent chiffrées de bout en bout, même au repos.' },
  {
    voice: 'de',
    rate: 160,
    text: 'Die Merkmale werden verschlüsselt und im Hauptbuch registriert.',
  },
  { voice: 'es', rate: 140, text: 'Las grabaciones se convierten en coeficientes cepstrales.' },
  { voice: 'en-us+m7', rate: 190, text: 'Seven hundred and twenty frames per second of audio.' },
] as const;

/** Noise added to each utterance in turn, in 16-bit units (none, quiet, audible). */
const NOISE_LEVELS = [0, 30, 120, 400];

const run = promisify(execFile);

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function requireTool(tool: string, args: string[], debianPackage: string): Promise<void> {
  try {
    await run(tool, args);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${tool} is not installed: apt-get install -y ${debianPackage}`);
    }
  }
}

/** Speaks each utterance once (espeak-ng, then sox to 16 kHz 16-bit mono); returns the paths. */
export async function ensureUtterances(cacheDir: string): Promise<string[]> {
  const dir = join(cacheDir, `audio-utterances-v${String(CORPUS_VERSION)}`);
  await mkdir(dir, { recursive: true });
  const paths: string[] = [];
  for (const [index, { voice, rate, text }] of UTTERANCES.entries()) {
    const path = join(dir, `${String(index)}-${voice}-${String(rate)}.wav`);
    if (!(await exists(path))) {
      await requireTool('espeak-ng', ['--version'], 'espeak-ng');
      await requireTool('sox', ['--version'], 'sox');
      const spoken = `${path}.espeak.wav`;
      await run('espeak-ng', ['-v', voice, '-s', String(rate), '-w', spoken, text]);
      await run('sox', [
        spoken,
        '-r',
        '16000',
        '-b',
        '16',
        '-c',
        '1',
        '-e',
        'signed-integer',
        '-D',
        `${path}.tmp.wav`,
      ]);
      await rename(`${path}.tmp.wav`, path);
      await rename(spoken, `${path}.espeak-22k.wav`);
    }
    paths.push(path);
  }
  return paths;
}

/** A canonical 44-byte WAV header for 16-bit mono PCM. */
export function wavHeader(sampleCount: number, sampleRate: number): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + 2 * sampleCount, 4);
  header.write('WAVEfmt ', 8, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(2 * sampleRate, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(2 * sampleCount, 40);
  return header;
}

/** The recording's sample count for `minutes`. */
export function recordingSamples(minutes: number): number {
  return Math.round(minutes * 60 * SAMPLE_RATE);
}

/**
 * Yields the recording's samples, 16-bit, in blocks: utterance after utterance, each after a
 * pause of 0.2 to 0.7 s, with reproducible noise (a linear congruential generator, so every run
 * builds the same file).
 */
export function* loopedSpeech(
  utterances: readonly Int16Array[],
  total: number,
): Generator<Int16Array> {
  let state = 2024;
  const next = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  let written = 0;
  for (let turn = 0; written < total; turn++) {
    const speech = utterances[turn % utterances.length] ?? new Int16Array(0);
    const pause = Math.round((0.2 + 0.5 * next()) * SAMPLE_RATE);
    const noise = NOISE_LEVELS[turn % NOISE_LEVELS.length] ?? 0;
    const block = new Int16Array(Math.min(pause + speech.length, total - written));
    for (let i = 0; i < block.length; i++) {
      const x = (i < pause ? 0 : (speech[i - pause] ?? 0)) + noise * (next() - 0.5);
      block[i] = Math.max(-32768, Math.min(32767, Math.round(x)));
    }
    written += block.length;
    yield block;
  }
}

/** The cached recording of `minutes` minutes, built when missing; returns its path. */
export async function ensureRecording(cacheDir: string, minutes: number): Promise<string> {
  const total = recordingSamples(minutes);
  const path = join(cacheDir, `audio-speech-16k-${String(total)}-v${String(CORPUS_VERSION)}.wav`);
  if (await exists(path)) return path;
  const utterances = await Promise.all(
    (await ensureUtterances(cacheDir)).map(async (file) => {
      const samples = decodeWav(await readFile(file)).samples;
      return Int16Array.from(samples, (x) => Math.round(x * 32768));
    }),
  );
  const partial = `${path}.partial`;
  const out = createWriteStream(partial);
  out.write(wavHeader(total, SAMPLE_RATE));
  for (const block of loopedSpeech(utterances, total)) {
    if (!out.write(Buffer.from(block.buffer, block.byteOffset, block.byteLength))) {
      await once(out, 'drain');
    }
  }
  out.end();
  await once(out, 'finish');
  await rename(partial, path);
  return path;
}
