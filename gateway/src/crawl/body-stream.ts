/*
 * Streams a response body into a sink while counting its bytes against the size limit and
 * hashing it (SHA-256); keeps at most `captureBytes` of its start in memory (for link
 * extraction from HTML). Going past the limit aborts the download at once.
 */
import { createHash, type Hash } from 'node:crypto';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BodySink } from './body-sink.js';
import { CrawlError, isCrawlError } from './crawl-error.js';
import { toCrawlNetworkError } from './http-requester.js';

/** What was received. */
export interface BodyDigest {
  /** Bytes received. */
  readonly size: number;
  /** SHA-256 of the bytes, lowercase hex. */
  readonly sha256: string;
  /** The first `captureBytes` bytes (empty when none were asked for). */
  readonly captured: Buffer;
}

/** Limits of {@link streamBody}. */
export interface StreamBodyOptions {
  /** The URL, for error messages. */
  readonly url: string;
  /** More bytes than this fail with `DEURO_CRAWL_TOO_LARGE`. */
  readonly maxBytes: number;
  /** Bytes of the start of the body to keep in memory. */
  readonly captureBytes: number;
}

class BodyMeter extends Transform {
  readonly #hash: Hash = createHash('sha256');
  readonly #captured: Buffer[] = [];
  readonly #options: StreamBodyOptions;
  #size = 0;
  #capturedSize = 0;

  constructor(options: StreamBodyOptions) {
    super();
    this.#options = options;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.#size += chunk.length;
    if (this.#size > this.#options.maxBytes) {
      callback(tooLarge(this.#options.url, `more than ${String(this.#options.maxBytes)} bytes`));
      return;
    }
    this.#hash.update(chunk);
    if (this.#capturedSize < this.#options.captureBytes) {
      const part = chunk.subarray(0, this.#options.captureBytes - this.#capturedSize);
      this.#captured.push(Buffer.from(part));
      this.#capturedSize += part.length;
    }
    callback(null, chunk);
  }

  digest(): BodyDigest {
    return {
      size: this.#size,
      sha256: this.#hash.digest('hex'),
      captured: Buffer.concat(this.#captured),
    };
  }
}

/** The error of a body over its size limit. */
export function tooLarge(url: string, what: string): CrawlError {
  return new CrawlError('DEURO_CRAWL_TOO_LARGE', `${url}: body has ${what}`, { url });
}

/**
 * Stream `body` into `sink`, hashing and counting it.
 * @throws CrawlError `DEURO_CRAWL_TOO_LARGE` past the limit, `DEURO_CRAWL_SINK_FAILED` when the
 * sink fails, or the body's own CrawlError (timeout, network, aborted).
 */
export async function streamBody(
  body: Readable,
  sink: BodySink,
  options: StreamBodyOptions,
): Promise<BodyDigest> {
  const meter = new BodyMeter(options);
  let sinkError: unknown;
  sink.stream.once('error', (err) => {
    sinkError = err;
  });
  try {
    await pipeline(body, meter, sink.stream);
  } catch (err) {
    if (isCrawlError(err)) {
      throw err;
    }
    if (sinkError !== undefined) {
      throw new CrawlError('DEURO_CRAWL_SINK_FAILED', `${options.url}: writing the body failed`, {
        url: options.url,
        cause: sinkError,
      });
    }
    throw toCrawlNetworkError(err, options.url);
  }
  return meter.digest();
}
