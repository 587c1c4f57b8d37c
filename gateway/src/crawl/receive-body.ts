/*
 * The last step of a fetch: a 2xx response's media type and announced size are checked
 * against the limits before any byte is read, then the body streams into a sink the caller
 * opens (hashed and counted on the way); a failure discards what the sink received.
 */
import type { BodySink, BodySinkFactory } from './body-sink.js';
import { streamBody, tooLarge } from './body-stream.js';
import { CrawlError } from './crawl-error.js';
import type { FetchedBody, FetchRequest } from './fetch-request.js';
import type { HttpResponse } from './http-requester.js';
import { mediaTypeAllowed, parseContentType } from './media-type.js';
import type { CrawlScope } from './scope.js';

/** The 2xx response of the last hop. */
export interface FinalHop {
  readonly url: string;
  readonly response: HttpResponse;
}

/**
 * Receive a 2xx body into the request's sink.
 * @param fetchedAt - The clock when the headers arrived.
 * @throws CrawlError `DEURO_CRAWL_MEDIA_TYPE`, `DEURO_CRAWL_TOO_LARGE`,
 * `DEURO_CRAWL_SINK_FAILED`, or the body stream's error.
 */
export async function receiveBody(
  hop: FinalHop,
  request: FetchRequest,
  redirects: readonly string[],
  scope: CrawlScope,
  fetchedAt: number,
): Promise<Omit<FetchedBody, 'attempts'>> {
  const { url, response } = hop;
  const { mediaType, charset } = parseContentType(response.headers['content-type']);
  const maxBytes = request.maxBytes ?? scope.maxBytes;
  checkBeforeBody(response, url, mediaType, request.mediaTypes ?? scope.mediaTypes, maxBytes);
  const sink = await openSink(request.sinkFactory, response, url, mediaType);
  try {
    const digest = await streamBody(response.body, sink, {
      url,
      maxBytes,
      captureBytes: request.captureBytes?.(mediaType) ?? 0,
    });
    return {
      url: request.url,
      finalUrl: url,
      redirects,
      status: response.status,
      mediaType,
      charset,
      location: sink.location,
      fetchedAt,
      ...digest,
    };
  } catch (err) {
    await sink.discard().catch(() => undefined);
    throw err;
  }
}

function checkBeforeBody(
  response: HttpResponse,
  url: string,
  mediaType: string,
  mediaTypes: readonly string[],
  maxBytes: number,
): void {
  if (!mediaTypeAllowed(mediaTypes, mediaType)) {
    response.body.destroy();
    throw new CrawlError('DEURO_CRAWL_MEDIA_TYPE', `${url} is ${mediaType}, not in scope`, { url });
  }
  const declared = Number(response.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.body.destroy();
    throw tooLarge(url, `Content-Length ${String(declared)} > ${String(maxBytes)}`);
  }
}

async function openSink(
  factory: BodySinkFactory,
  response: HttpResponse,
  url: string,
  mediaType: string,
): Promise<BodySink> {
  try {
    return await factory({ url, mediaType });
  } catch (err) {
    response.body.destroy();
    throw new CrawlError('DEURO_CRAWL_SINK_FAILED', `${url}: opening the sink failed`, {
      url,
      cause: err,
    });
  }
}
