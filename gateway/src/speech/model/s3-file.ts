/**
 * The Sphinx-3 binary parameter file container (sphinxbase `bio.c`), shared by `means`,
 * `variances`, `transition_matrices` and `mixture_weights`:
 *
 * ```
 * s3\n                         first line
 * <name> <value>\n ...        argument lines (`version 1.0`, `chksum0 yes`); `#` lines are comments
 * endhdr\n
 * uint32 0x11223344           byte-order magic, in the writer's byte order
 * int32 / float32 ...         the payload, in the same byte order
 * uint32 checksum             only when the header has `chksum0`
 * ```
 *
 * The checksum accumulates every 4-byte payload element (after byte swapping) as
 * `sum = rotl(sum, 20) + element` (unsigned 32-bit), as `chksum_accum` does.
 */

import { checkModel } from '../align/speech-error.js';

const BYTE_ORDER_MAGIC = 0x11223344;
const MAX_HEADER_BYTES = 65536;

/** A cursor over the payload of an s3 file. */
export interface S3Reader {
  /** The header's argument-value pairs. */
  readonly header: ReadonlyMap<string, string>;
  /** Reads one int32. */
  int32(): number;
  /** Reads `count` float32 values. */
  float32s(count: number): Float32Array;
  /** Checks the trailing checksum (when the header announces one) and that nothing follows. */
  end(): void;
}

function parseHeader(bytes: Uint8Array, file: string): { args: Map<string, string>; at: number } {
  const limit = Math.min(bytes.length, MAX_HEADER_BYTES);
  const text = new TextDecoder('latin1').decode(bytes.subarray(0, limit));
  checkModel(text.startsWith('s3\n'), file, 'not a Sphinx-3 binary file (no "s3" first line)');
  const args = new Map<string, string>();
  let at = 3;
  for (;;) {
    const eol = text.indexOf('\n', at);
    checkModel(eol >= 0, file, 'header has no "endhdr" line');
    const words = text.slice(at, eol).trim().split(/\s+/);
    at = eol + 1;
    const [name, value] = words;
    if (name === 'endhdr') return { args, at };
    if (name === undefined || name === '' || name.startsWith('#')) continue;
    checkModel(value !== undefined, file, `header argument ${name} has no value`);
    args.set(name, value);
  }
}

class S3Cursor implements S3Reader {
  readonly header: ReadonlyMap<string, string>;
  readonly #view: DataView;
  readonly #file: string;
  readonly #little: boolean;
  #at: number;
  #checksum = 0;

  constructor(bytes: Uint8Array, file: string) {
    const { args, at } = parseHeader(bytes, file);
    this.header = args;
    this.#file = file;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    checkModel(at + 4 <= bytes.length, file, 'truncated before the byte-order magic');
    const little = this.#view.getUint32(at, true) === BYTE_ORDER_MAGIC;
    checkModel(
      little || this.#view.getUint32(at, false) === BYTE_ORDER_MAGIC,
      file,
      'bad byte-order magic (expected 0x11223344)',
    );
    this.#little = little;
    this.#at = at + 4;
  }

  #need(byteCount: number): void {
    checkModel(this.#at + byteCount <= this.#view.byteLength, this.#file, 'truncated payload');
  }

  #accumulate(raw: number): void {
    this.#checksum = (((this.#checksum << 20) | (this.#checksum >>> 12)) + raw) >>> 0;
  }

  int32(): number {
    this.#need(4);
    const value = this.#view.getInt32(this.#at, this.#little);
    this.#accumulate(this.#view.getUint32(this.#at, this.#little));
    this.#at += 4;
    return value;
  }

  float32s(count: number): Float32Array {
    this.#need(4 * count);
    const out = new Float32Array(count);
    for (let i = 0; i < count; i++) {
      const at = this.#at + 4 * i;
      out[i] = this.#view.getFloat32(at, this.#little);
      this.#accumulate(this.#view.getUint32(at, this.#little));
    }
    this.#at += 4 * count;
    return out;
  }

  end(): void {
    if (this.header.has('chksum0')) {
      this.#need(4);
      const stored = this.#view.getUint32(this.#at, this.#little);
      checkModel(stored === this.#checksum, this.#file, 'checksum mismatch');
      this.#at += 4;
    }
    checkModel(this.#at === this.#view.byteLength, this.#file, 'data after the payload');
  }
}

/**
 * Opens an s3 file: parses the header and the byte-order magic.
 *
 * @param file - The file's name, for error messages.
 * @throws {SpeechError} `DEURO_SPEECH_MODEL_MALFORMED` for a bad header or magic.
 */
export function openS3File(bytes: Uint8Array, file: string): S3Reader {
  return new S3Cursor(bytes, file);
}
