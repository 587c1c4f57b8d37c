/*
 * The test site's awkward paths: robots-excluded pages, redirects (chains, a loop, one into the
 * excluded folder, one off the site, one too long), failures (500, reset, flaky 503s, a 429),
 * slow and stalling pages, large bodies and 404s.
 */
import {
  leafPage,
  HTML,
  type PlannedPath,
  type SiteRoute,
  type CrawlSiteBehaviour,
} from './site-routes.js';

/** What the specials depend on. */
export interface SpecialsInput {
  /** Numbered pages on the site. */
  readonly pages: number;
  /** Size of the large bodies. */
  readonly largeBytes: number;
}

/** The special paths, and which of them pages link to (the rest are reached by redirects). */
export function specialPaths(input: SpecialsInput): { planned: PlannedPath[]; linked: string[] } {
  const planned: PlannedPath[] = [];
  const linked: string[] = [];
  const add = (
    path: string,
    route: SiteRoute | undefined,
    behaviour: CrawlSiteBehaviour,
    isLinked = true,
  ): void => {
    planned.push({ path, route, behaviour, links: [] });
    if (isLinked) {
      linked.push(path);
    }
  };
  addExcluded(add);
  addRedirects(add, input.pages);
  addFailures(add, input.largeBytes);
  return { planned, linked };
}

type Add = (
  path: string,
  route: SiteRoute | undefined,
  behaviour: CrawlSiteBehaviour,
  isLinked?: boolean,
) => void;

function addExcluded(add: Add): void {
  for (let k = 0; k < 5; k++) {
    const title = `Private ${String(k)}`;
    add(
      `/private/${String(k)}.html`,
      { kind: 'static', mediaType: HTML, body: leafPage(title, 'Never fetched.') },
      'robots-excluded',
    );
  }
  add(
    '/private/open.html',
    { kind: 'static', mediaType: HTML, body: leafPage('Open', 'Allowed by a longer Allow rule.') },
    'ok',
  );
  add(
    '/media/notes.bak',
    { kind: 'static', mediaType: 'text/plain', body: Buffer.from('backup\n') },
    'robots-excluded',
  );
}

function addRedirects(add: Add, pages: number): void {
  const redirect = (path: string, status: number, location: string, isLinked = true): void => {
    add(path, { kind: 'redirect', status, location }, 'redirect', isLinked);
  };
  for (let k = 0; k < 5; k++) {
    redirect(`/go/${String(k)}`, 301, `/pages/${String((7 * k + 3) % pages)}.html`);
  }
  redirect('/go/chain', 302, '/go/chain-2');
  redirect('/go/chain-2', 307, '/go/chain-3', false);
  redirect('/go/chain-3', 308, `/pages/${String(1 % pages)}.html`, false);
  redirect('/go/loop-a', 302, '/go/loop-b');
  redirect('/go/loop-b', 302, '/go/loop-a', false);
  redirect('/go/private', 302, '/private/1.html');
  redirect('/go/away', 302, 'http://example.invalid/away.html');
  redirect('/go/long', 301, '/go/long-1');
  for (let k = 1; k <= 6; k++) {
    redirect(
      `/go/long-${String(k)}`,
      301,
      k === 6 ? `/pages/${String(2 % pages)}.html` : `/go/long-${String(k + 1)}`,
      false,
    );
  }
}

function addFailures(add: Add, largeBytes: number): void {
  add('/fail/500.html', { kind: 'status', status: 500 }, 'server-error');
  add('/fail/reset.html', { kind: 'reset' }, 'reset');
  add(
    '/fail/flaky.html',
    {
      kind: 'flaky',
      failures: 2,
      failStatus: 503,
      retryAfter: '0',
      mediaType: HTML,
      body: leafPage('Flaky', 'Third time lucky.'),
    },
    'flaky',
  );
  add(
    '/fail/throttled.html',
    {
      kind: 'flaky',
      failures: 1,
      failStatus: 429,
      retryAfter: '1',
      mediaType: HTML,
      body: leafPage('Throttled', 'Patience.'),
    },
    'throttled',
  );
  add(
    '/slow/0.html',
    { kind: 'slow', mediaType: HTML, body: leafPage('Slow', 'Headers come late.') },
    'slow',
  );
  add(
    '/slow/stall.html',
    { kind: 'stall', mediaType: HTML, body: leafPage('Stall', 'The body pauses halfway.') },
    'stall',
  );
  add('/big/declared.bin', { kind: 'large', size: largeBytes, declared: true }, 'large');
  add('/big/chunked.bin', { kind: 'large', size: largeBytes, declared: false }, 'large');
  add('/missing/0.html', undefined, 'not-found');
  add('/missing/1.html', undefined, 'not-found');
}
