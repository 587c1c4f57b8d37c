/*
 * Pull-based reading of a byte stream for the decryptor: buffered bytes are kept as the chunks
 * that arrived (no concatenation of the bulk), small values are taken as one Buffer, and long
 * values are streamed chunk by chunk, so memory stays at a chunk or two whatever the size.
 */

import { TruncatedDerError } from './der-decode';

/** A cursor over an async source of chunks. */
export interface ByteReader {
  /** Bytes consumed so far (the absolute offset of the next byte). */
  readonly position: number;
  /** Bytes buffered and not yet consumed. */
  readonly buffered: number;
  /** Pull one more chunk into the buffer; `false` at the end of the source. */
  fill(): Promise<boolean>;
  /** Up to `length` buffered bytes, not consumed. */
  peek(length: number): Buffer;
  /** Consume `length` bytes (pulling as needed) and return them as one Buffer. */
  take(length: number, what: string): Promise<Buffer>;
  /** Consume `length` bytes, yielding them as they arrive. */
  stream(length: number, what: string): AsyncGenerator<Buffer>;
}

/** A ByteReader over `source`. */
export function newByteReader(source: AsyncIterable<Buffer | Uint8Array>): ByteReader {
  return new SourceByteReader(source[Symbol.asyncIterator]());
}

class SourceByteReader implements ByteReader {
  readonly #source: AsyncIterator<Buffer | Uint8Array>;
  readonly #chunks: Buffer[] = [];
  #buffered = 0;
  #position = 0;

  constructor(source: AsyncIterator<Buffer | Uint8Array>) {
    this.#source = source;
  }

  get position(): number {
    return this.#position;
  }

  get buffered(): number {
    return this.#buffered;
  }

  async fill(): Promise<boolean> {
    const result = await this.#source.next();
    if (result.done === true) {
      return false;
    }
    const chunk = Buffer.isBuffer(result.value) ? result.value : Buffer.from(result.value);
    this.#chunks.push(chunk);
    this.#buffered += chunk.length;
    return true;
  }

  peek(length: number): Buffer {
    const parts: Buffer[] = [];
    let wanted = Math.min(length, this.#buffered);
    for (const chunk of this.#chunks) {
      if (wanted === 0) {
        break;
      }
      const part = chunk.subarray(0, wanted);
      parts.push(part);
      wanted -= part.length;
    }
    return parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
  }

  async take(length: number, what: string): Promise<Buffer> {
    const parts: Buffer[] = [];
    for await (const part of this.stream(length, what)) {
      parts.push(part);
    }
    return Buffer.concat(parts);
  }

  async *stream(length: number, what: string): AsyncGenerator<Buffer> {
    let remaining = length;
    while (remaining > 0) {
      if (this.#buffered === 0 && !(await this.fill())) {
        throw new TruncatedDerError(what);
      }
      const part = this.#consumeFromFirstChunk(remaining);
      remaining -= part.length;
      yield part;
    }
  }

  #consumeFromFirstChunk(max: number): Buffer {
    const first = this.#chunks[0] as Buffer;
    const part = first.subarray(0, max);
    if (part.length === first.length) {
      this.#chunks.shift();
    } else {
      this.#chunks[0] = first.subarray(part.length);
    }
    this.#buffered -= part.length;
    this.#position += part.length;
    return part;
  }
}
