import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { orgNamed } from '@deuro/gateway';

import { encodeWav } from '../../gateway/src/features/audio/index.js';
import { synthesizeSentence } from '../../gateway/src/speech/corpus/index.js';
import {
  startCrawlSite,
  type CrawlSite,
  type SpeechClip,
} from '../../gateway/src/testing/crawl-site/index';
import { deuroCliPath, runDeuro, type CliUser } from '../harness/deuro-cli';
import { callGateway, type GatewayAnswer } from '../harness/gateway-call';
import type { TestNetwork } from '../harness/test-network';
import { waitFor } from '../harness/wait-for';

type Name = 'owner' | 'o1u2' | 'o2u1' | 'o2u2';

interface Progress {
  readonly state: string;
  readonly tasks: Record<'queued' | 'leased' | 'done' | 'failed', number>;
  readonly crawled: number;
}

interface Crawled {
  readonly url: string;
  readonly contentSha256: string;
  readonly assetId: string;
  readonly duplicate: boolean;
  readonly transcript: { sha256: string; assetId: string } | null;
  readonly state: 'crawled' | 'verified' | 'rejected';
  readonly alignment?: {
    readonly verdict: string;
    readonly scoreMicro: number | null;
    readonly thresholdMicro: number | null;
    readonly textGridSha256: string | null;
    readonly textGridAssetId: string | null;
    readonly reason: string | null;
  };
}

const SENTENCES = {
  lake: 'the children walked along the lake before dinner',
  market: 'my brother sold fresh bread at the market on monday',
  garden: 'she planted seven small trees in the garden last spring',
};

/** Speech clips: two whose transcripts match, two whose transcripts belong to other audio. */
async function speechClips(): Promise<{ clips: SpeechClip[]; matched: Set<string> }> {
  const speak = async (text: string, voice: string): Promise<Buffer> => {
    const audio = await synthesizeSentence(text, { voice });
    return Buffer.from(
      encodeWav(Float64Array.from(audio.samples), { sampleRate: audio.sampleRate }),
    );
  };
  const lake = await speak(SENTENCES.lake, 'en-us');
  const market = await speak(SENTENCES.market, 'en+m3');
  const clips: SpeechClip[] = [
    { name: 'lake-matched', wav: lake, transcript: SENTENCES.lake },
    { name: 'market-matched', wav: market, transcript: `${SENTENCES.market}.` },
    { name: 'lake-other-file', wav: lake, transcript: SENTENCES.market },
    { name: 'market-other-sentence', wav: market, transcript: SENTENCES.garden },
  ];
  return { clips, matched: new Set(['lake-matched', 'market-matched']) };
}

/**
 * gCrawl on the real network against a generated local web site: three crawlers of two
 * organizations crawl one job to completion, a crawler killed mid-task loses its lease to
 * another, and bad requests change nothing.
 */
export function crawlSuite(network: () => TestNetwork): void {
  void describe('gCrawl: crawl jobs, leased tasks and crawlers', () => {
    const work = mkdtempSync(path.join(tmpdir(), 'deuro-crawl-'));
    const users = new Map<Name, CliUser>();
    let site: CrawlSite;

    const user = (name: Name): CliUser => {
      const found = users.get(name);
      assert.ok(found !== undefined);
      return found;
    };

    const api = <T>(
      name: Name,
      method: string,
      apiPath: string,
      body?: unknown,
    ): Promise<GatewayAnswer<T>> => callGateway<T>(user(name), method, apiPath, body);
    const logs = new Map<ChildProcess, string>();
    const crawler = (name: Name, jobId: string): ChildProcess => {
      const child = spawn('node', [deuroCliPath, 'crawler', '--job', jobId], {
        env: {
          ...process.env,
          DEURO_GATEWAY_URL: user(name).gatewayUrl,
          DEURO_API_KEY: user(name).apiKey ?? '',
          DEURO_HOME: user(name).home,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      logs.set(child, '');
      const append = (chunk: Buffer): void => {
        logs.set(child, `${logs.get(child) ?? ''}${chunk.toString('utf8')}`);
      };
      child.stdout.on('data', append);
      child.stderr.on('data', append);
      return child;
    };
    const exited = (child: ChildProcess): Promise<number | null> =>
      new Promise((resolve) => {
        if (child.exitCode !== null) {
          resolve(child.exitCode);
        } else {
          child.once('exit', (code) => {
            resolve(code);
          });
        }
      });
    const crawledData = async (jobId: string): Promise<Crawled[]> => {
      const records: Crawled[] = [];
      let bookmark = '';
      do {
        const page = await api<{ records: Crawled[]; bookmark: string }>(
          'owner',
          'GET',
          `/v1/crawl/jobs/${jobId}/data?pageSize=200${bookmark === '' ? '' : `&bookmark=${encodeURIComponent(bookmark)}`}`,
        );
        records.push(...page.json.records);
        bookmark = page.json.bookmark;
      } while (bookmark !== '');
      return records;
    };
    const createJob = async (request: Record<string, unknown>): Promise<string> => {
      const id = `crawl-${randomUUID().slice(0, 8)}`;
      const created = await api<{ id: string }>('owner', 'POST', '/v1/crawl/jobs', {
        id,
        ...request,
      });
      assert.equal(created.status, 200, JSON.stringify(created.json));
      await network().settle();
      return id;
    };

    before(async () => {
      const { layout } = network();
      const keys = (org: string): Record<string, string> =>
        JSON.parse(
          readFileSync(path.join(layout.runDir, `gateway-${org}`, 'dev-api-keys.json'), 'utf8'),
        ) as Record<string, string>;
      const http = (org: string): string =>
        `http://127.0.0.1:${String(orgNamed(layout, org).gatewayPort)}`;
      const entries: [Name, string, string][] = [
        ['owner', 'org1', 'User1@org1.deuro.local'],
        ['o1u2', 'org1', 'User2@org1.deuro.local'],
        ['o2u1', 'org2', 'User1@org2.deuro.local'],
        ['o2u2', 'org2', 'User2@org2.deuro.local'],
      ];
      for (const [name, org, label] of entries) {
        users.set(name, {
          gatewayUrl: http(org),
          apiKey: keys(org)[label] ?? '',
          home: path.join(work, name),
        });
        assert.equal((await runDeuro(user(name), work, 'keygen')).code, 0);
      }
      site = await startCrawlSite({ pages: 200, slowMs: 500 });
      await network().settle();
    });
    after(async () => {
      await site.close();
      rmSync(work, { recursive: true, force: true });
    });

    it('three crawlers of two organizations crawl a job to completion: every page once, robots obeyed, duplicates stored once, failures failed', async () => {
      const origin = new URL(site.url).host;
      const jobId = await createJob({
        seeds: [site.url],
        scope: { hosts: [origin], maxDepth: 20 },
        politeness: { perHostDelayMs: 0, perHostConcurrency: 4, concurrency: 8 },
        batchSize: 5,
        leaseSeconds: 30,
        maxRetries: 1,
        crawlerOrgs: ['Org1MSP', 'Org2MSP'],
      });
      const crawlers = (['o1u2', 'o2u1', 'o2u2'] as const).map((name) => crawler(name, jobId));
      const codes = await Promise.all(crawlers.map(exited));
      assert.deepEqual(
        codes,
        [0, 0, 0],
        crawlers.map((child) => (logs.get(child) ?? '').slice(-1500)).join('\n---\n'),
      );
      await network().settle();

      const progress = (await api<Progress>('owner', 'GET', `/v1/crawl/jobs/${jobId}/progress`))
        .json;
      assert.equal(progress.state, 'completed');
      assert.equal(progress.tasks.queued + progress.tasks.leased, 0);
      const data = await crawledData(jobId);
      const byUrl = new Map(data.map((record) => [record.url, record]));
      assert.equal(byUrl.size, data.length, 'each URL registered once');

      const { manifest } = site;
      const expected = manifest.entries.filter(
        (entry) => entry.behaviour === 'ok' && entry.depth !== undefined,
      );
      for (const entry of expected) {
        const record = byUrl.get(entry.url);
        assert.ok(record !== undefined, `${entry.url} was crawled`);
        assert.equal(record.contentSha256, entry.sha256, `${entry.url} content hash`);
        if (entry.transcript !== undefined) {
          assert.ok(record.transcript !== null, `${entry.url} came with its transcript`);
        }
      }
      const requested = new Set(
        site.requests().map((request) => new URL(request.path, site.url).toString()),
      );
      for (const excluded of [...manifest.robotsExcluded, ...manifest.neverLinked]) {
        assert.ok(!requested.has(excluded), `${excluded} was never requested`);
        assert.ok(!byUrl.has(excluded));
      }
      for (const group of manifest.duplicateGroups) {
        const assets = new Set(
          group.map((url) => byUrl.get(url)?.assetId).filter((id) => id !== undefined),
        );
        assert.ok(assets.size <= 1, `duplicates ${group.join(', ')} share one asset`);
      }
      const hashes = new Set(data.map((record) => record.contentSha256));
      assert.equal(
        new Set(data.map((record) => record.assetId)).size,
        hashes.size,
        'one asset per content hash',
      );
      assert.equal(data.filter((record) => !record.duplicate).length, hashes.size);

      for (const entry of manifest.entries.filter(
        (e) =>
          (e.behaviour === 'server-error' || e.behaviour === 'not-found') && e.depth !== undefined,
      )) {
        const record = await api<{ state: string; attempts: number }>(
          'owner',
          'GET',
          `/v1/crawl/jobs/${jobId}/urls?url=${encodeURIComponent(entry.url)}`,
        );
        assert.equal(record.json.state, 'failed', `${entry.url} ended failed`);
      }
    });

    it('a crawler killed mid-task loses its lease to another, which completes the task; nothing lost or registered twice', async () => {
      const origin = new URL(site.url).host;
      const jobId = await createJob({
        seeds: [site.url],
        scope: { hosts: [origin], maxDepth: 1 },
        politeness: { perHostDelayMs: 700, perHostConcurrency: 1, concurrency: 1 },
        batchSize: 20,
        leaseSeconds: 5,
        maxRetries: 1,
      });
      const first = crawler('o1u2', jobId);
      await waitFor(
        'the first crawler to be fetching its second task',
        async () =>
          (await api<Progress>('owner', 'GET', `/v1/crawl/jobs/${jobId}/progress`)).json.tasks
            .leased > 0 &&
          (await api<Progress>('owner', 'GET', `/v1/crawl/jobs/${jobId}/progress`)).json.tasks
            .done > 0,
        60_000,
        200,
      );
      first.kill('SIGKILL');
      await exited(first);
      const working = [
        ...(logs.get(first) ?? '').matchAll(/task ([0-9a-f]{32}): [0-9]+ URLs/g),
      ].pop()?.[1];
      assert.ok(working !== undefined, 'the first crawler said which task it was on');
      const second = crawler('owner', jobId);
      assert.equal(await exited(second), 0, logs.get(second));
      await network().settle();
      const progress = (await api<Progress>('owner', 'GET', `/v1/crawl/jobs/${jobId}/progress`))
        .json;
      assert.equal(progress.state, 'completed');
      const data = await crawledData(jobId);
      const root = site.manifest.entries.find((entry) => entry.url === site.url);
      const expected = [site.url, ...(root?.links ?? [])].filter((url) => {
        const entry = site.manifest.entries.find((candidate) => candidate.url === url);
        return entry?.behaviour === 'ok';
      });
      for (const url of expected) {
        assert.ok(
          data.some((record) => record.url === url),
          `${url} was crawled`,
        );
      }
      assert.equal(new Set(data.map((record) => record.url)).size, data.length);
      assert.equal(
        new Set(data.map((record) => record.assetId)).size,
        new Set(data.map((record) => record.contentSha256)).size,
      );
    });

    it('aligns crawled speech with its transcript: matched pairs verified, mismatched rejected, the TextGrid stored and hashed on the ledger', async () => {
      const { clips, matched } = await speechClips();
      const speechSite = await startCrawlSite({ pages: 20, speech: clips });
      try {
        const jobId = await createJob({
          seeds: [`${speechSite.origin}/pages/1.html`],
          scope: {
            hosts: [new URL(speechSite.url).host],
            pathPrefixes: ['/pages/1.html', '/speech/'],
            maxDepth: 1,
          },
          politeness: { perHostDelayMs: 0, perHostConcurrency: 4, concurrency: 4 },
          batchSize: 10,
          leaseSeconds: 60,
        });
        const child = crawler('o1u2', jobId);
        assert.equal(await exited(child), 0, logs.get(child));
        await network().settle();
        const speech = (await crawledData(jobId)).filter(
          (record) => record.url.includes('/speech/') && record.url.endsWith('.wav'),
        );
        assert.equal(speech.length, clips.length, logs.get(child));
        for (const record of speech) {
          const name = path.basename(record.url, '.wav');
          const expected = matched.has(name) ? 'verified' : 'rejected';
          assert.equal(record.state, expected, `${name}: ${JSON.stringify(record.alignment)}`);
          const alignment = record.alignment;
          assert.ok(alignment !== undefined);
          assert.equal(alignment.reason, null);
          assert.ok(alignment.textGridAssetId !== null && alignment.textGridSha256 !== null);
          const out = path.join(work, `${name}.TextGrid`);
          assert.equal(
            (await runDeuro(user('owner'), work, 'get', alignment.textGridAssetId, '-o', out)).code,
            0,
          );
          const textGrid = readFileSync(out);
          assert.equal(
            createHash('sha256').update(textGrid).digest('hex'),
            alignment.textGridSha256,
          );
          assert.match(textGrid.toString('utf8'), /name = "words"/);
        }

        // Recorded once, by the crawler or the owner only; nothing changes on a refusal.
        const [first] = speech;
        assert.ok(first !== undefined);
        const again = {
          url: first.url,
          verdict: 'rejected',
          reason: 'DEURO_SPEECH_NO_PATH',
          aligner: 'test',
        };
        const stranger = await api<{ code: string }>(
          'o2u2',
          'POST',
          `/v1/crawl/jobs/${jobId}/alignments`,
          again,
        );
        assert.equal(`${String(stranger.status)} ${stranger.json.code}`, '403 DEURO_ACCESS_DENIED');
        const twice = await api<{ code: string }>(
          'owner',
          'POST',
          `/v1/crawl/jobs/${jobId}/alignments`,
          again,
        );
        assert.equal(`${String(twice.status)} ${twice.json.code}`, '409 DEURO_INVALID_TRANSITION');
        const page = (await crawledData(jobId)).find((record) => record.url === first.url);
        assert.equal(page?.state, first.state);
      } finally {
        await speechSite.close();
      }
    });

    it('refuses bad input with a clear code and changes nothing', async () => {
      const origin = new URL(site.url).host;
      const bad = async (body: Record<string, unknown>): Promise<string> => {
        const answer = await api<{ code: string }>('owner', 'POST', '/v1/crawl/jobs', {
          id: `bad-${randomUUID().slice(0, 8)}`,
          ...body,
        });
        return `${String(answer.status)} ${answer.json.code}`;
      };
      assert.equal(
        await bad({ seeds: ['not a url'], scope: { hosts: [origin] } }),
        '400 DEURO_CRAWL_INVALID_URL',
      );
      assert.equal(
        await bad({ seeds: [site.url], scope: { hosts: [] } }),
        '400 DEURO_CRAWL_INVALID_SCOPE',
      );

      const jobId = await createJob({
        seeds: [site.url],
        scope: { hosts: [origin], maxDepth: 0 },
        leaseSeconds: 60,
      });
      const [task] = (
        await api<{ id: string }[]>(
          'owner',
          'GET',
          `/v1/crawl/jobs/${jobId}/leasable?bucket=0&limit=10`,
        )
      ).json;
      assert.ok(task !== undefined);
      assert.equal(
        (await api('owner', 'POST', `/v1/crawl/jobs/${jobId}/tasks/${task.id}/lease`)).status,
        200,
      );
      await network().settle();
      const notHolder = await api<{ code: string }>(
        'o1u2',
        'POST',
        `/v1/crawl/jobs/${jobId}/tasks/${task.id}/completion`,
        {
          fetched: [],
          failed: [{ url: site.url, reason: 'DEURO_CRAWL_HTTP_STATUS', retryable: false }],
          discovered: [],
        },
      );
      assert.equal(
        `${String(notHolder.status)} ${notHolder.json.code}`,
        '409 DEURO_LEASE_NOT_HELD',
      );
      const still = (
        await api<{ state: string; holder: string }>(
          'owner',
          'GET',
          `/v1/crawl/jobs/${jobId}/tasks/${task.id}`,
        )
      ).json;
      assert.equal(still.state, 'leased');

      assert.equal((await api('owner', 'POST', `/v1/crawl/jobs/${jobId}/cancel`)).status, 200);
      await network().settle();
      const onFinished = await api<{ code: string }>(
        'o1u2',
        'POST',
        `/v1/crawl/jobs/${jobId}/tasks/${task.id}/lease`,
      );
      assert.equal(
        `${String(onFinished.status)} ${onFinished.json.code}`,
        '409 DEURO_INVALID_TRANSITION',
      );
    });
  });
}
