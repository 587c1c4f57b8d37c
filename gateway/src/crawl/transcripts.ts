/*
 * Fetching the transcript that comes with a media file (see transcript-hints.ts for how it is
 * found): the candidates are tried in order through the same polite fetcher (scope host and
 * path, robots.txt, politeness, retries) with a small size limit; the first that is WebVTT
 * (by its `WEBVTT` signature) is turned into plain text, one line per cue; a `.txt` or other
 * `text/*` body is taken as it is (UTF-8, line ends normalised, trimmed).
 */
import { newMemorySink } from './body-sink.js';
import { CrawlError, isCrawlError } from './crawl-error.js';
import type { Fetcher } from './fetcher.js';
import { webVttToText } from './webvtt.js';

/** A transcript found for a media file. */
export interface Transcript {
  /** The URL it was asked for at. */
  readonly url: string;
  /** `webvtt` when it was a caption file, else `text`. */
  readonly format: 'webvtt' | 'text';
  /** Plain text: one line per cue for WebVTT. */
  readonly text: string;
  /** The bytes as served, which `sha256` is the hash of (what a crawler stores). */
  readonly body: Buffer;
  /** Its media type as served (`text/vtt` for WebVTT whatever the server said). */
  readonly mediaType: string;
  readonly sha256: string;
}

/** The outcome of {@link fetchTranscript}: a transcript, or the last candidate's failure. */
export type TranscriptOutcome =
  | { readonly transcript: Transcript; readonly failure?: undefined }
  | { readonly transcript?: undefined; readonly failure: CrawlError };

/** Media types a transcript may be served as. */
export const TRANSCRIPT_MEDIA_TYPES: readonly string[] = ['text/*', 'application/octet-stream'];

/**
 * Fetch the first candidate transcript that can be fetched and read.
 * @param urls - Normalised candidate URLs, best first (not empty).
 * @param maxBytes - The size limit of one transcript.
 * @param signal - Stops trying (the crawl's soft stop).
 */
export async function fetchTranscript(
  fetcher: Fetcher,
  urls: readonly string[],
  maxBytes: number,
  signal?: AbortSignal,
): Promise<TranscriptOutcome> {
  let failure = new CrawlError('DEURO_CRAWL_INVALID_TRANSCRIPT', 'no transcript candidates');
  for (const url of urls) {
    try {
      return { transcript: await fetchOne(fetcher, url, maxBytes, signal) };
    } catch (err) {
      if (!isCrawlError(err)) {
        throw err;
      }
      failure = err;
      if (err.code === 'DEURO_CRAWL_ABORTED') {
        break;
      }
    }
  }
  return { failure };
}

async function fetchOne(
  fetcher: Fetcher,
  url: string,
  maxBytes: number,
  signal: AbortSignal | undefined,
): Promise<Transcript> {
  const sink = newMemorySink();
  const fetched = await fetcher.fetch({
    url,
    depth: 0,
    sinkFactory: () => Promise.resolve(sink),
    maxBytes,
    mediaTypes: TRANSCRIPT_MEDIA_TYPES,
    signal,
  });
  const body = sink.bytes();
  const raw = body.toString('utf8').replace(/^\uFEFF/, '');
  const isVtt = raw.startsWith('WEBVTT') || fetched.mediaType === 'text/vtt';
  const text = isVtt ? webVttToText(raw) : raw.replace(/\r\n?/g, '\n').trim();
  if (text === '') {
    throw new CrawlError('DEURO_CRAWL_INVALID_TRANSCRIPT', `${url} holds no text`, { url });
  }
  return {
    url,
    format: isVtt ? 'webvtt' : 'text',
    text,
    body,
    mediaType: isVtt ? 'text/vtt' : fetched.mediaType,
    sha256: fetched.sha256,
  };
}
