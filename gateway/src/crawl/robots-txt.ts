/*
 * robots.txt (RFC 9309): parsing into groups, choosing the group for our product token, and
 * matching a path against its rules. Pure functions; fetching and caching are robots-cache.ts.
 *
 * - A group is one or more `user-agent` lines followed by rules; a `user-agent` line after a
 *   rule starts the next group. Rules before any `user-agent` line are ignored.
 * - Our group is every group whose user-agent matches our product token (case-insensitively,
 *   merged when there are several), else every `*` group, else none (everything allowed).
 * - The longest matching pattern wins (its length in octets after percent-encoding
 *   normalisation); an allow and a disallow of the same length: allow. `*` matches any run of
 *   characters, a final `$` anchors the end. An empty `Disallow:` is no rule. `/robots.txt` is
 *   always allowed.
 * - `Crawl-delay` (not in RFC 9309, widely used) is read in seconds from our group.
 */
import type { CrawlErrorCode } from './crawl-error.js';
import { normalisePercentEncoding } from './url-normalisation.js';

/** One allow or disallow line. */
export interface RobotsRule {
  readonly allow: boolean;
  /** The path pattern, percent-encoding normalised. */
  readonly pattern: string;
}

/** A group of rules and the user-agents it is for. */
export interface RobotsGroup {
  /** The user-agent values, lowercase (`*` for all). */
  readonly userAgents: readonly string[];
  readonly rules: readonly RobotsRule[];
  /** `Crawl-delay` in seconds, if the group has one. */
  readonly crawlDelaySeconds: number | undefined;
}

/** A parsed robots.txt. */
export interface RobotsTxt {
  readonly groups: readonly RobotsGroup[];
  readonly sitemaps: readonly string[];
}

/** The rules that apply to one crawler on one origin. */
export interface RobotsPolicy {
  readonly rules: readonly RobotsRule[];
  /** The Crawl-delay in ms, if any. */
  readonly crawlDelayMs: number | undefined;
  /** Everything disallowed because robots.txt was unavailable (5xx, unreachable). */
  readonly unavailable: boolean;
  /** Why it was unavailable (`.../robots.txt answered 503`, `...: TLS failed (...)`). */
  readonly unavailableReason?: string;
  /** The code of the failure that made it unavailable (`DEURO_CRAWL_TLS`, ...). */
  readonly unavailableCode?: CrawlErrorCode;
}

/** The policy when there is no robots.txt (4xx) or no group for us: everything allowed. */
export const ALLOW_ALL: RobotsPolicy = { rules: [], crawlDelayMs: undefined, unavailable: false };

/** The policy when robots.txt answered 5xx or could not be reached: everything disallowed. */
export const DISALLOW_ALL: RobotsPolicy = {
  rules: [{ allow: false, pattern: '/' }],
  crawlDelayMs: undefined,
  unavailable: true,
};

interface GroupBuilder {
  userAgents: string[];
  rules: RobotsRule[];
  crawlDelaySeconds: number | undefined;
}

/** Parse a robots.txt body (lenient: unknown and malformed lines are skipped). */
export function parseRobotsTxt(text: string): RobotsTxt {
  const groups: GroupBuilder[] = [];
  const sitemaps: string[] = [];
  let current: GroupBuilder | undefined;
  let inRules = false;
  for (const [key, value] of robotsLines(text)) {
    if (key === 'user-agent') {
      if (current === undefined || inRules) {
        current = { userAgents: [], rules: [], crawlDelaySeconds: undefined };
        groups.push(current);
        inRules = false;
      }
      current.userAgents.push(value.toLowerCase());
    } else if (key === 'sitemap') {
      sitemaps.push(value);
    } else if (current !== undefined) {
      inRules = true;
      applyGroupLine(current, key, value);
    }
  }
  return { groups, sitemaps };
}

/**
 * The policy for the crawler with `productToken` (letters, `_` and `-`, e.g. `DeuroCrawler`).
 */
export function robotsPolicyFor(robots: RobotsTxt, productToken: string): RobotsPolicy {
  const token = productToken.toLowerCase();
  let groups = robots.groups.filter((group) =>
    group.userAgents.some((agent) => agentToken(agent) === token),
  );
  if (groups.length === 0) {
    groups = robots.groups.filter((group) => group.userAgents.includes('*'));
  }
  const delays = groups.flatMap((group) =>
    group.crawlDelaySeconds === undefined ? [] : [group.crawlDelaySeconds],
  );
  return {
    rules: groups.flatMap((group) => group.rules),
    crawlDelayMs: delays.length === 0 ? undefined : Math.round(Math.max(...delays) * 1000),
    unavailable: false,
  };
}

/**
 * Whether the policy allows a path (with its query), e.g. `/a/b?c=1`, percent-encoding
 * normalised as `normaliseUrl` leaves it.
 */
export function robotsAllows(policy: RobotsPolicy, pathAndQuery: string): boolean {
  if (pathAndQuery === '/robots.txt') {
    return true;
  }
  let best: RobotsRule | undefined;
  for (const rule of policy.rules) {
    if (patternMatches(rule.pattern, pathAndQuery) && isBetter(rule, best)) {
      best = rule;
    }
  }
  return best?.allow ?? true;
}

function isBetter(rule: RobotsRule, best: RobotsRule | undefined): boolean {
  if (best === undefined || rule.pattern.length > best.pattern.length) {
    return true;
  }
  return rule.pattern.length === best.pattern.length && rule.allow && !best.allow;
}

/**
 * Whether a robots.txt path pattern matches the start of `path` (all of it with a final `$`).
 * `*` matches any run of characters.
 */
export function patternMatches(pattern: string, path: string): boolean {
  const anchored = pattern.endsWith('$');
  const glob = anchored ? pattern.slice(0, -1) : `${pattern}*`;
  let p = 0;
  let t = 0;
  let starAt = -1;
  let resumeAt = 0;
  while (t < path.length) {
    if (p < glob.length && glob[p] !== '*' && glob[p] === path[t]) {
      p++;
      t++;
    } else if (p < glob.length && glob[p] === '*') {
      starAt = p++;
      resumeAt = t;
    } else if (starAt >= 0) {
      p = starAt + 1;
      t = ++resumeAt;
    } else {
      return false;
    }
  }
  while (glob[p] === '*') {
    p++;
  }
  return p === glob.length;
}

function applyGroupLine(group: GroupBuilder, key: string, value: string): void {
  if ((key === 'allow' || key === 'disallow') && value !== '') {
    group.rules.push({ allow: key === 'allow', pattern: normalisePattern(value) });
  } else if (key === 'crawl-delay') {
    const seconds = Number(value);
    if (value !== '' && Number.isFinite(seconds) && seconds >= 0) {
      group.crawlDelaySeconds = seconds;
    }
  }
}

function normalisePattern(value: string): string {
  const rooted = value.startsWith('/') || value.startsWith('*') ? value : `/${value}`;
  const encoded = rooted.replace(/[^\x21-\x7e]+/gu, encodeRun);
  return normalisePercentEncoding(encoded);
}

function encodeRun(run: string): string {
  try {
    return encodeURIComponent(run);
  } catch {
    return run; // a lone surrogate: keep it, it can only match itself
  }
}

function agentToken(agent: string): string {
  return /^[a-z_-]+/.exec(agent)?.[0] ?? agent;
}

function* robotsLines(text: string): Generator<[string, string]> {
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    const line = raw.replace(/#.*$/, '');
    const colon = line.indexOf(':');
    if (colon > 0) {
      yield [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()];
    }
  }
}
