/**
 * One espeak-ng run: text in, mono 16 kHz samples out.
 *
 * The text goes through a file (`-f`), never the command line, so a word starting with `-` is
 * not read as an option. espeak-ng writes a WAV at its voice's rate (22050 Hz for the built-in
 * voices, 16000 Hz for MBROLA ones); it is decoded with the audio features library's
 * `decodeWav` and brought to the target rate with its band-limited `resample`.
 */

import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeWav, resample } from '../../features/audio/index.js';
import { CorpusError, CorpusErrorCode } from './errors.js';

/** The voice settings of one espeak-ng run. */
export interface EspeakVoice {
  /** espeak-ng voice name (`-v`), e.g. `en-us`, `en-gb+f3`. */
  readonly voice: string;
  /** Words per minute (`-s`). */
  readonly rate: number;
  /** Pitch 0–99 (`-p`). */
  readonly pitch: number;
  /** The program to run (default `espeak-ng` on the PATH). */
  readonly program?: string;
}

interface ExecFailure {
  readonly code?: unknown;
  readonly stderr?: unknown;
}

function runProgram(program: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(program, args, { maxBuffer: 1 << 20 }, (error, _stdout, stderr) => {
      if (error === null) {
        resolve(stderr);
        return;
      }
      const failure = error as ExecFailure;
      if (failure.code === 'ENOENT') {
        reject(
          new CorpusError(
            CorpusErrorCode.espeakMissing,
            `${program} was not found; install it with: apt-get install espeak-ng`,
            { field: 'program', value: program },
            error,
          ),
        );
        return;
      }
      reject(
        new CorpusError(
          CorpusErrorCode.espeakFailed,
          `${program} ${args.join(' ')} failed: ${stderr.trim() || error.message}`,
          {},
          error,
        ),
      );
    });
  });
}

/** A scratch directory for a batch of espeak-ng runs, removed by `close`. */
export interface EspeakSession {
  /** Speaks `text` and returns mono samples at `sampleRate`. */
  speak(text: string, voice: EspeakVoice, sampleRate: number): Promise<Float64Array>;
  close(): Promise<void>;
}

class TempDirSession implements EspeakSession {
  readonly #dir: string;
  #runs = 0;

  constructor(dir: string) {
    this.#dir = dir;
  }

  async speak(text: string, voice: EspeakVoice, sampleRate: number): Promise<Float64Array> {
    const run = String(this.#runs++);
    const textFile = join(this.#dir, `text-${run}.txt`);
    const wavFile = join(this.#dir, `speech-${run}.wav`);
    await writeFile(textFile, `${text}\n`, 'utf8');
    const program = voice.program ?? 'espeak-ng';
    const args = ['-v', voice.voice, '-s', String(voice.rate), '-p', String(voice.pitch)];
    const stderr = await runProgram(program, [...args, '-w', wavFile, '-f', textFile]);
    const bytes = await readFile(wavFile).catch((error: unknown) => {
      throw new CorpusError(
        CorpusErrorCode.espeakFailed,
        `${program} wrote no WAV for voice ${voice.voice}: ${stderr.trim()}`,
        { field: 'voice', value: voice.voice },
        error,
      );
    });
    await rm(textFile);
    await rm(wavFile);
    return toRate(decodeWavOrFail(bytes, voice, stderr), sampleRate);
  }

  async close(): Promise<void> {
    await rm(this.#dir, { recursive: true, force: true });
  }
}

function decodeWavOrFail(
  bytes: Uint8Array,
  voice: EspeakVoice,
  stderr: string,
): { samples: Float64Array; sampleRate: number } {
  try {
    const decoded = decodeWav(bytes);
    if (decoded.samples.length === 0) throw new Error('no samples');
    return decoded;
  } catch (error) {
    throw new CorpusError(
      CorpusErrorCode.espeakFailed,
      `espeak-ng wrote no speech for voice ${voice.voice} (${stderr.trim() || 'no message'})`,
      { field: 'voice', value: voice.voice },
      error,
    );
  }
}

function toRate(
  decoded: { samples: Float64Array; sampleRate: number },
  sampleRate: number,
): Float64Array {
  if (decoded.sampleRate === sampleRate) return decoded.samples;
  return resample(decoded.samples, { inputRate: decoded.sampleRate, outputRate: sampleRate });
}

/** Opens a scratch directory for espeak-ng runs; call `close` when done. */
export async function openEspeakSession(): Promise<EspeakSession> {
  return new TempDirSession(await mkdtemp(join(tmpdir(), 'deuro-espeak-')));
}
