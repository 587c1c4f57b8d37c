import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ALLOW_ALL,
  DISALLOW_ALL,
  parseRobotsTxt,
  patternMatches,
  robotsAllows,
  robotsPolicyFor,
} from './robots-txt.js';

// RFC 9309 §5.1.
const RFC_EXAMPLE = `User-Agent: *
Disallow: *.gif$
Disallow: /example/
Allow: /publications/

User-Agent: foobot
Disallow:/
Allow:/example/page.html
Allow:/example/allowed.gif

User-Agent: barbot
User-Agent: bazbot
Disallow: /example/page.html

User-Agent: quxbot

EOF`;

function allows(robots: string, agent: string, path: string): boolean {
  return robotsAllows(robotsPolicyFor(parseRobotsTxt(robots), agent), path);
}

describe('robots.txt groups (RFC 9309 §5.1)', () => {
  const table: [string, string, boolean][] = [
    ['foobot', '/example/page.html', true],
    ['foobot', '/example/allowed.gif', true],
    ['foobot', '/publications/', false],
    ['FooBot', '/', false],
    ['barbot', '/example/page.html', false],
    ['bazbot', '/example/page.html', false],
    ['bazbot', '/example/other.html', true],
    ['quxbot', '/example/page.html', true],
    ['otherbot', '/example/page.html', false],
    ['otherbot', '/publications/a.html', true],
    ['otherbot', '/publications/a.gif', true], // the longer Allow wins
    ['otherbot', '/images/a.gif', false],
    ['otherbot', '/a.gif?x', true],
    ['otherbot', '/robots.txt', true],
  ];
  for (const [agent, path, expected] of table) {
    it(`${agent} ${path}: ${expected ? 'allowed' : 'disallowed'}`, () => {
      assert.equal(allows(RFC_EXAMPLE, agent, path), expected);
    });
  }

  it('matches the product token of a user-agent line case-insensitively', () => {
    const robots = 'User-agent: DeuroCrawler/1.2 (+info)\nDisallow: /private\n';
    assert.equal(allows(robots, 'deurocrawler', '/private/a'), false);
    assert.equal(allows(robots, 'DeuroCrawlerX', '/private/a'), true);
  });

  it('merges every group for the same agent and ignores rules before any group', () => {
    const robots = [
      'Disallow: /orphan',
      'User-agent: a',
      'Disallow: /one',
      'User-agent: b',
      'Disallow: /two',
      'User-agent: A',
      'Disallow: /three',
      'Crawl-delay: 2.5',
    ].join('\n');
    const policy = robotsPolicyFor(parseRobotsTxt(robots), 'a');
    assert.deepEqual(
      policy.rules.map((rule) => rule.pattern),
      ['/one', '/three'],
    );
    assert.equal(policy.crawlDelayMs, 2500);
    assert.equal(allows(robots, 'c', '/orphan'), true);
  });

  it('with no robots.txt group for us, everything is allowed', () => {
    assert.equal(allows('User-agent: other\nDisallow: /\n', 'deurocrawler', '/a'), true);
    assert.equal(robotsAllows(ALLOW_ALL, '/a'), true);
    assert.equal(robotsAllows(DISALLOW_ALL, '/a'), false);
    assert.equal(robotsAllows(DISALLOW_ALL, '/robots.txt'), true);
  });

  it('reads comments, CRLF, a BOM, odd spacing and sitemaps', () => {
    const robots =
      '\uFEFFuser-AGENT :  *  # all\r\nDISALLOW:/a # not /b\r\nsitemap: https://x/s.xml\r\n';
    const parsed = parseRobotsTxt(robots);
    assert.deepEqual(parsed.sitemaps, ['https://x/s.xml']);
    assert.equal(allows(robots, 'x', '/a/1'), false);
    assert.equal(allows(robots, 'x', '/b'), true);
  });

  it('an empty Disallow is no rule', () => {
    assert.equal(allows('User-agent: *\nDisallow:\n', 'x', '/a'), true);
  });
});

describe('robots.txt matching', () => {
  it('prefers the longest match (RFC 9309 §5.2)', () => {
    const robots =
      'User-Agent: foobot\nAllow: /example/page/\nDisallow: /example/page/disallowed.gif\n';
    assert.equal(allows(robots, 'foobot', '/example/page/disallowed.gif'), false);
    assert.equal(allows(robots, 'foobot', '/example/page/other.gif'), true);
  });

  it('prefers allow on a tie, and counts wildcards in the length', () => {
    const agent = 'User-agent: *\n';
    assert.equal(allows(`${agent}Allow: /p\nDisallow: /\n`, 'x', '/page'), true);
    assert.equal(allows(`${agent}Allow: /folder\nDisallow: /folder\n`, 'x', '/folder/a'), true);
    assert.equal(allows(`${agent}Allow: /page\nDisallow: /*.htm\n`, 'x', '/page.htm'), false);
    assert.equal(allows(`${agent}Allow: /$\nDisallow: /\n`, 'x', '/'), true);
    assert.equal(allows(`${agent}Allow: /$\nDisallow: /\n`, 'x', '/page.htm'), false);
  });

  const patterns: [string, string, boolean][] = [
    ['/fish*', '/fish', true],
    ['/fish*', '/fishheads/yummy.html', true],
    ['/fish*', '/Fish.asp', false],
    ['/*.php$', '/folder/filename.php', true],
    ['/*.php$', '/filename.php?parameters', false],
    ['/*.php$', '/filename.php/', false],
    ['/*.php$', '/windows.PHP', false],
    ['/fish*.php', '/fishheads/catfish.php?parameters', true],
    ['/fish*.php', '/Fish.PHP', false],
    ['/a*b*c$', '/aXbYc', true],
    ['/a*b*c$', '/aXbYcZ', false],
    ['/a$b', '/a$b', true],
    ['*', '/anything', true],
  ];
  for (const [pattern, path, expected] of patterns) {
    it(`${pattern} ${expected ? 'matches' : 'does not match'} ${path}`, () => {
      assert.equal(patternMatches(pattern, path), expected);
    });
  }

  it('compares percent-encoded forms (RFC 9309 §2.2.2)', () => {
    const robots = 'User-agent: *\nDisallow: /foo/bar/\u30c4\nDisallow: /%7ejoe/\n';
    assert.equal(allows(robots, 'x', '/foo/bar/%E3%83%84'), false);
    assert.equal(allows(robots, 'x', '/~joe/index.html'), false);
  });

  it('ignores a negative or unreadable Crawl-delay', () => {
    const policy = (delay: string): number | undefined =>
      robotsPolicyFor(parseRobotsTxt(`User-agent: *\nCrawl-delay: ${delay}\n`), 'x').crawlDelayMs;
    assert.equal(policy('-1'), undefined);
    assert.equal(policy('soon'), undefined);
    assert.equal(policy('0.25'), 250);
  });
});
