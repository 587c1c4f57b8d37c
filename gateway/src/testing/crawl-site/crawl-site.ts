/*
 * The crawl test site: a deterministic generated web site on 127.0.0.1 (an ephemeral port),
 * over HTTP or HTTPS, that records every request so that tests can assert what a crawler
 * asked for (never a robots-excluded page) and compare a crawl's outcome with the manifest.
 * Each site keeps its own state (the flaky pages' counters): start one per test.
 */
import { once } from 'node:events';
import http, { type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { newSelfSignedEcCertificate } from '../self-signed-certificate.js';
import { buildManifest, type CrawlSiteManifest } from './site-manifest.js';
import { planSite, type SitePlan } from './site-plan.js';
import type { SiteRoute } from './site-routes.js';
import type { SpeechClip } from './site-pages.js';

/** Options of {@link startCrawlSite}. */
export interface CrawlSiteOptions {
  /** Numbered HTML pages (default 200; 20 to 5000). */
  readonly pages?: number;
  /** Seed of the generated content (default 1). */
  readonly seed?: number;
  /** Serve over HTTPS with a fresh self-signed certificate for `localhost` (default false). */
  readonly https?: boolean;
  /** How late slow pages answer and how long stalling ones pause, in ms (default 2000). */
  readonly slowMs?: number;
  /** Size of `/big/declared.bin` and `/big/chunked.bin` (default 1 MiB). */
  readonly largeBytes?: number;
  /** A `Crawl-delay` (seconds) for every user-agent in robots.txt. */
  readonly crawlDelaySeconds?: number;
  /** The status of robots.txt (default 200: the rules; 404: none; 503: unavailable). */
  readonly robotsStatus?: number;
  /** Recordings with transcripts (matched or not) served under `/speech/`, linked from page 1. */
  readonly speech?: readonly SpeechClip[];
}

/** One request the site received. */
export interface CrawlSiteRequest {
  readonly method: string;
  /** The request target as sent (path and query). */
  readonly path: string;
  readonly userAgent: string | undefined;
  /** `performance.now()` when it arrived. */
  readonly at: number;
}

/** A running test site. */
export interface CrawlSite {
  /** The URL of `/`, e.g. `http://127.0.0.1:41234/` (`https://localhost:port/` over HTTPS). */
  readonly url: string;
  /** `scheme://host:port`. */
  readonly origin: string;
  /** The certificate to trust (PEM), over HTTPS. */
  readonly ca: string | undefined;
  readonly manifest: CrawlSiteManifest;
  /** Every request so far, in order of arrival. */
  requests(): readonly CrawlSiteRequest[];
  /** Stop serving and drop every connection. */
  close(): Promise<void>;
}

const CHUNK = 64 * 1024;

/** Start a test site. */
export async function startCrawlSite(options: CrawlSiteOptions = {}): Promise<CrawlSite> {
  const settings = resolveOptions(options);
  const plan = planSite(settings);
  const state = new SiteState(plan, settings.slowMs, settings.robotsStatus);
  const certificate = settings.https ? newSelfSignedEcCertificate('localhost') : undefined;
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    state.handle(req, res);
  };
  const server: Server =
    certificate === undefined
      ? http.createServer(handler)
      : https.createServer({ cert: certificate.certPem, key: certificate.privateKeyPem }, handler);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const origin =
    certificate === undefined
      ? `http://127.0.0.1:${String(port)}`
      : `https://localhost:${String(port)}`;
  return {
    url: `${origin}/`,
    origin,
    ca: certificate?.certPem,
    manifest: buildManifest(plan, origin),
    requests: () => [...state.requests],
    close: async () => {
      state.close();
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

interface ResolvedOptions {
  readonly pages: number;
  readonly seed: number;
  readonly https: boolean;
  readonly slowMs: number;
  readonly largeBytes: number;
  readonly crawlDelaySeconds: number | undefined;
  readonly robotsStatus: number;
  readonly speech: readonly SpeechClip[];
}

function resolveOptions(options: CrawlSiteOptions): ResolvedOptions {
  const pages = options.pages ?? 200;
  if (!Number.isInteger(pages) || pages < 20 || pages > 5000) {
    throw new Error(`pages must be a whole number in [20, 5000] (got ${String(pages)})`);
  }
  return { ...SITE_DEFAULTS, ...definedOnly(options), pages };
}

const SITE_DEFAULTS: ResolvedOptions = {
  pages: 200,
  seed: 1,
  https: false,
  slowMs: 2000,
  largeBytes: 1024 * 1024,
  crawlDelaySeconds: undefined,
  robotsStatus: 200,
  speech: [],
};

/** The options that were given (an explicit `undefined` keeps the default). */
function definedOnly(options: CrawlSiteOptions): Partial<ResolvedOptions> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}

class SiteState {
  readonly requests: CrawlSiteRequest[] = [];
  readonly #plan: SitePlan;
  readonly #slowMs: number;
  readonly #robotsStatus: number;
  readonly #hits = new Map<string, number>();
  readonly #timers = new Set<NodeJS.Timeout>();

  constructor(plan: SitePlan, slowMs: number, robotsStatus: number) {
    this.#plan = plan;
    this.#slowMs = slowMs;
    this.#robotsStatus = robotsStatus;
  }

  handle(req: IncomingMessage, res: ServerResponse): void {
    const target = req.url ?? '/';
    this.requests.push({
      method: req.method ?? '',
      path: target,
      userAgent: req.headers['user-agent'],
      at: performance.now(),
    });
    const path = target.split('?')[0] ?? '/';
    const hits = (this.#hits.get(path) ?? 0) + 1;
    this.#hits.set(path, hits);
    if (req.method !== 'GET') {
      res.writeHead(405, { allow: 'GET' }).end();
    } else if (path === '/robots.txt') {
      this.#robots(res);
    } else {
      this.#serve(this.#plan.paths.get(path)?.route, hits, res);
    }
  }

  close(): void {
    for (const timer of this.#timers) {
      clearTimeout(timer);
    }
    this.#timers.clear();
  }

  #robots(res: ServerResponse): void {
    if (this.#robotsStatus !== 200) {
      res.writeHead(this.#robotsStatus, { 'content-type': 'text/plain' }).end('no robots\n');
      return;
    }
    send(res, 'text/plain; charset=utf-8', Buffer.from(this.#plan.robotsTxt));
  }

  #serve(route: SiteRoute | undefined, hits: number, res: ServerResponse): void {
    if (route === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    switch (route.kind) {
      case 'static':
        send(res, route.mediaType, route.body);
        return;
      case 'redirect':
        res.writeHead(route.status, { location: route.location }).end();
        return;
      case 'status':
        res.writeHead(route.status, { 'content-type': 'text/plain' }).end('failed\n');
        return;
      case 'reset':
        res.socket?.destroy();
        return;
      case 'flaky':
        this.#flaky(route, hits, res);
        return;
      default:
        this.#slowOrLarge(route, res);
    }
  }

  #flaky(route: Extract<SiteRoute, { kind: 'flaky' }>, hits: number, res: ServerResponse): void {
    if (hits <= route.failures) {
      res
        .writeHead(route.failStatus, {
          'retry-after': route.retryAfter,
          'content-type': 'text/plain',
        })
        .end('try again\n');
    } else {
      send(res, route.mediaType, route.body);
    }
  }

  #slowOrLarge(
    route: Extract<SiteRoute, { kind: 'slow' | 'stall' | 'large' }>,
    res: ServerResponse,
  ): void {
    if (route.kind === 'large') {
      streamLarge(res, route.size, route.declared);
    } else if (route.kind === 'slow') {
      this.#later(res, () => {
        send(res, route.mediaType, route.body);
      });
    } else {
      const half = Math.floor(route.body.length / 2);
      res.writeHead(200, { 'content-type': route.mediaType, 'content-length': route.body.length });
      res.write(route.body.subarray(0, half));
      this.#later(res, () => res.end(route.body.subarray(half)));
    }
  }

  #later(res: ServerResponse, action: () => void): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      if (!res.destroyed) {
        action();
      }
    }, this.#slowMs);
    this.#timers.add(timer);
    res.once('close', () => {
      clearTimeout(timer);
      this.#timers.delete(timer);
    });
  }
}

function send(res: ServerResponse, mediaType: string, body: Buffer): void {
  res.writeHead(200, { 'content-type': mediaType, 'content-length': body.length }).end(body);
}

/** `size` deterministic bytes, written as the client reads them (with backpressure). */
function streamLarge(res: ServerResponse, size: number, declared: boolean): void {
  res.writeHead(200, {
    'content-type': 'application/octet-stream',
    ...(declared ? { 'content-length': size } : {}),
  });
  const chunk = Buffer.alloc(CHUNK, 0x5a);
  let sent = 0;
  const pump = (): void => {
    while (sent < size && !res.destroyed) {
      const part = chunk.subarray(0, Math.min(CHUNK, size - sent));
      sent += part.length;
      if (!res.write(part)) {
        res.once('drain', pump);
        return;
      }
    }
    if (!res.destroyed) {
      res.end();
    }
  };
  pump();
}
