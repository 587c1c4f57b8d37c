/*
 * Where fetched bodies go. The fetcher streams every body into a sink the caller supplies
 * (the crawler's is a temporary file, later encrypted and stored), so a big body is never held
 * in memory. A failed or abandoned fetch discards what its sink received.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';

/** What a sink is opened for. */
export interface BodySinkTarget {
  /** The URL whose body it receives (the final URL after redirects). */
  readonly url: string;
  /** The response's media type. */
  readonly mediaType: string;
}

/** A destination for one body. */
export interface BodySink {
  /** Where the body is, reported in the crawl result (e.g. a file path). */
  readonly location: string;
  /** Receives the body; the fetcher ends it (or destroys it on failure). */
  readonly stream: Writable;
  /** Remove what was received, after a failed or abandoned fetch. */
  discard(): Promise<void>;
}

/** Opens a sink for a body about to be streamed. */
export type BodySinkFactory = (target: BodySinkTarget) => Promise<BodySink>;

/**
 * Sinks writing each body to a new file `crawl-<random>.body` in `dir` (which must exist).
 * The caller removes the files it has consumed.
 */
export function newTempFileSinkFactory(dir: string): BodySinkFactory {
  return (): Promise<BodySink> => {
    const location = join(dir, `crawl-${randomBytes(12).toString('hex')}.body`);
    const stream = createWriteStream(location, { flags: 'wx' });
    return Promise.resolve({
      location,
      stream,
      discard: async () => {
        await closed(stream);
        await rm(location, { force: true });
      },
    });
  };
}

/** Resolves once the stream has closed its file (destroying it first if needed). */
function closed(stream: Writable): Promise<void> {
  if (stream.closed) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    stream.once('close', resolve);
    stream.destroy();
  });
}

/** A sink keeping the body in memory: only for small bodies (transcripts, robots.txt). */
export interface MemorySink extends BodySink {
  /** The bytes received so far. */
  bytes(): Buffer;
}

/** A {@link MemorySink}; the fetcher's size limit bounds what it holds. */
export function newMemorySink(): MemorySink {
  const chunks: Buffer[] = [];
  return {
    location: 'memory',
    stream: new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        callback();
      },
    }),
    discard: () => {
      chunks.length = 0;
      return Promise.resolve();
    },
    bytes: () => Buffer.concat(chunks),
  };
}
