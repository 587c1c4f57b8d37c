/*
 * One HTTP(S) GET on node's `http`/`https`, with the crawler's timeouts: the fetch function
 * the fetcher and the robots cache call, injectable so tests can replace it.
 *
 * - `connectTimeoutMs`: from opening a new connection to TCP connected (and for HTTPS the TLS
 *   handshake done); a reused keep-alive connection skips it.
 * - `responseTimeoutMs`: from sending the request to the response headers (connecting
 *   included).
 * - `idleTimeoutMs`: longest pause between two chunks of the body.
 *
 * Failures reject (or fail the body stream) with a CrawlError: `DEURO_CRAWL_TIMEOUT`,
 * `DEURO_CRAWL_NETWORK` (not retryable for an unknown host), `DEURO_CRAWL_TLS`,
 * `DEURO_CRAWL_ABORTED`. Bodies are asked for without content coding (`identity`), so the
 * size limit counts what is stored.
 */
import http, { type ClientRequest, type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { CrawlError, isCrawlError } from './crawl-error.js';

/** One GET request. */
export interface HttpRequest {
  readonly url: string;
  /** Request headers (the requester adds `accept-encoding: identity`). */
  readonly headers: Readonly<Record<string, string>>;
  readonly connectTimeoutMs: number;
  readonly responseTimeoutMs: number;
  readonly idleTimeoutMs: number;
  /** Aborts the request, also while the body streams. */
  readonly signal?: AbortSignal;
}

/** A response whose body has not been read yet. */
export interface HttpResponse {
  readonly status: number;
  /** Header values by lowercase name (repeated headers joined with `, `). */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The body; read it to the end or destroy it. It errors with a CrawlError. */
  readonly body: Readable;
}

/** Sends one GET request and resolves when the response headers arrive. */
export type HttpRequester = (request: HttpRequest) => Promise<HttpResponse>;

/** Options of {@link newNodeHttpRequester}. */
export interface NodeHttpRequesterOptions {
  /** Certificates (PEM) trusted for HTTPS instead of node's default CAs, e.g. a test CA. */
  readonly ca?: string | Buffer | readonly (string | Buffer)[];
  /** Reuse connections between requests (default true). */
  readonly keepAlive?: boolean;
}

/** A requester over node's http/https agents; `close()` drops its pooled connections. */
export interface NodeHttpRequester {
  readonly request: HttpRequester;
  close(): void;
}

const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
]);

/**
 * A requester on node's `http` and `https` modules.
 */
export function newNodeHttpRequester(options: NodeHttpRequesterOptions = {}): NodeHttpRequester {
  const keepAlive = options.keepAlive ?? true;
  const httpAgent = new http.Agent({ keepAlive });
  const ca = options.ca === undefined ? undefined : [options.ca].flat();
  const httpsAgent = new https.Agent({ keepAlive, ca });
  return {
    request: (request) =>
      sendGet(request, request.url.startsWith('https:') ? httpsAgent : httpAgent),
    close: () => {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}

function sendGet(request: HttpRequest, agent: http.Agent): Promise<HttpResponse> {
  const module = request.url.startsWith('https:') ? https : http;
  return new Promise<HttpResponse>((resolve, reject) => {
    const req = module.get(request.url, {
      agent,
      headers: { ...request.headers, 'accept-encoding': 'identity' },
      signal: request.signal,
    });
    const responseTimer = setTimeout(() => {
      req.destroy(timeout(request.url, 'response headers', request.responseTimeoutMs));
    }, request.responseTimeoutMs);
    req.on('socket', (socket) => {
      watchConnect(req, socket, request);
    });
    req.on('error', (err) => {
      clearTimeout(responseTimer);
      reject(toCrawlNetworkError(err, request.url));
    });
    req.on('response', (res) => {
      clearTimeout(responseTimer);
      watchBody(res, request);
      resolve({ status: res.statusCode ?? 0, headers: flatHeaders(res), body: res });
    });
  });
}

function watchConnect(req: ClientRequest, socket: Socket, request: HttpRequest): void {
  if (!socket.connecting) {
    return;
  }
  const timer = setTimeout(() => {
    req.destroy(timeout(request.url, 'connect', request.connectTimeoutMs));
  }, request.connectTimeoutMs);
  const connected = request.url.startsWith('https:') ? 'secureConnect' : 'connect';
  socket.once(connected, () => {
    clearTimeout(timer);
  });
  socket.once('close', () => {
    clearTimeout(timer);
  });
}

/** Fails the body when its connection stays silent `idleTimeoutMs` (no listener on the body). */
function watchBody(res: IncomingMessage, request: HttpRequest): void {
  const socket = res.socket;
  const onIdle = (): void => {
    res.destroy(timeout(request.url, 'body (idle)', request.idleTimeoutMs));
  };
  socket.setTimeout(request.idleTimeoutMs);
  socket.on('timeout', onIdle);
  res.once('close', () => {
    socket.removeListener('timeout', onIdle);
    socket.setTimeout(0);
  });
}

function flatHeaders(res: IncomingMessage): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(res.headers)) {
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function timeout(url: string, phase: string, ms: number): CrawlError {
  return new CrawlError('DEURO_CRAWL_TIMEOUT', `${url}: ${phase} took more than ${String(ms)} ms`, {
    url,
  });
}

/**
 * The CrawlError for an error of a request or its body stream: CrawlErrors pass unchanged,
 * aborts become `DEURO_CRAWL_ABORTED`, certificate errors `DEURO_CRAWL_TLS`, the rest
 * `DEURO_CRAWL_NETWORK` (not retryable for `ENOTFOUND`).
 */
export function toCrawlNetworkError(err: unknown, url: string): CrawlError {
  if (isCrawlError(err)) {
    return err;
  }
  const name = (err as { name?: unknown } | null)?.name;
  const rawCode = (err as { code?: unknown } | null)?.code;
  const code = typeof rawCode === 'string' ? rawCode : 'unknown';
  if (name === 'AbortError' || code === 'ABORT_ERR') {
    return new CrawlError('DEURO_CRAWL_ABORTED', `${url}: request aborted`, { url, cause: err });
  }
  if (TLS_CODES.has(code) || code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_')) {
    return new CrawlError('DEURO_CRAWL_TLS', `${url}: TLS failed (${code})`, { url, cause: err });
  }
  return new CrawlError('DEURO_CRAWL_NETWORK', `${url}: connection failed (${code})`, {
    url,
    cause: err,
    retryable: code !== 'ENOTFOUND',
  });
}
