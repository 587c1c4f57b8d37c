import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { crawledAssetId } from '../../gateway/src/crawler/crawled-asset';
import { encodeWav } from '../../gateway/src/features/audio/index.js';
import { synthesizeSentence } from '../../gateway/src/speech/corpus/index.js';
import { praatAndDeuroReadings } from '../../gateway/src/speech/formats/index.js';
import {
  startCrawlSite,
  type CrawlSite,
  type SpeechClip,
} from '../../gateway/src/testing/crawl-site/index';
import { deuroCliPath, gatewayUser, runDeuro, type CliUser } from '../harness/deuro-cli';
import { callGateway, type GatewayAnswer } from '../harness/gateway-call';
import type { TestNetwork } from '../harness/test-network';
import { waitFor } from '../harness/wait-for';

type Name = 'owner' | 'o1u2' | 'o2u1' | 'o2u2';

interface Progress {
  readonly state: string;
  readonly tasks: Record<'queued' | 'leased' | 'done' | 'failed', number>;
  readonly crawled: number;
}

interface Task {
  readonly id: string;
  readonly state: 'queued' | 'leased' | 'done' | 'failed';
  readonly urls: readonly { url: string }[];
  readonly holder: string | null;
  readonly leases: number;
}

interface UrlRecord {
  readonly state: 'queued' | 'fetched' | 'failed';
  readonly attempts: number;
  readonly failure: string | null;
}

interface Crawled {
  readonly url: string;
  readonly contentSha256: string;
  readonly assetId: string;
  readonly duplicate: boolean;
  readonly transcript: { sha256: string; assetId: string } | null;
  readonly crawler: string;
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
 * another, a crawler told to stop gives its task back, and bad requests change nothing.
 */
export function crawlSuite(network: () => TestNetwork): void {
  /** The full crawl's retry limit. */
  const MAX_RETRIES = 1;
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
    const identityOf = async (name: Name): Promise<string> =>
      (await api<{ identityId: string }>(name, 'GET', '/v1/me')).json.identityId;
    const getTask = async (jobId: string, taskId: string): Promise<Task> =>
      (await api<Task>('owner', 'GET', `/v1/crawl/jobs/${jobId}/tasks/${taskId}`)).json;
    const getJob = (jobId: string): Promise<GatewayAnswer<{ state: string; code?: string }>> =>
      api('owner', 'GET', `/v1/crawl/jobs/${jobId}`);
    const progressOf = async (jobId: string): Promise<Progress> =>
      (await api<Progress>('owner', 'GET', `/v1/crawl/jobs/${jobId}/progress`)).json;
    /** Task ids a crawler's log says it started, in order. */
    const tasksStarted = (child: ChildProcess): string[] =>
      [...(logs.get(child) ?? '').matchAll(/task ([0-9a-f]{32}): [0-9]+ URLs/g)].map(
        (match) => match[1] ?? '',
      );
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
      const entries: [Name, string, 'User1' | 'User2'][] = [
        ['owner', 'org1', 'User1'],
        ['o1u2', 'org1', 'User2'],
        ['o2u1', 'org2', 'User1'],
        ['o2u2', 'org2', 'User2'],
      ];
      for (const [name, org, identity] of entries) {
        users.set(name, gatewayUser(layout, org, identity, path.join(work, name)));
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
        maxRetries: MAX_RETRIES,
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
      assert.ok(manifest.duplicateGroups.length > 0);
      for (const group of manifest.duplicateGroups) {
        // Every URL of the group was crawled, the content was stored once: one asset, derived
        // from the content's hash, one record that stored it and the others marked duplicates.
        const records = group.map((url) => {
          const record = byUrl.get(url);
          assert.ok(record !== undefined, `duplicate ${url} was crawled`);
          return record;
        });
        const [firstRecord] = records;
        assert.ok(firstRecord !== undefined);
        const assets = new Set(records.map((record) => record.assetId));
        assert.equal(assets.size, 1, `duplicates ${group.join(', ')} share one asset`);
        assert.equal(
          firstRecord.assetId,
          crawledAssetId(jobId, firstRecord.contentSha256),
          `${group.join(', ')}: the asset of their content`,
        );
        assert.equal(new Set(records.map((record) => record.contentSha256)).size, 1);
        assert.equal(
          records.filter((record) => !record.duplicate).length,
          1,
          `${group.join(', ')}: stored once, the others duplicates`,
        );
      }
      const hashes = new Set(data.map((record) => record.contentSha256));
      assert.equal(
        new Set(data.map((record) => record.assetId)).size,
        hashes.size,
        'one asset per content hash',
      );
      assert.equal(data.filter((record) => !record.duplicate).length, hashes.size);

      // Retryable failures (5xx, resets) end failed after the job's retries (maxRetries 1: two
      // attempts, each a task of its own); a 404 at once.
      const failing = manifest.entries.filter(
        (e) =>
          (e.behaviour === 'server-error' ||
            e.behaviour === 'reset' ||
            e.behaviour === 'not-found') &&
          e.depth !== undefined,
      );
      assert.ok(failing.some((entry) => entry.behaviour === 'server-error'));
      for (const entry of failing) {
        const record = (
          await api<UrlRecord>(
            'owner',
            'GET',
            `/v1/crawl/jobs/${jobId}/urls?url=${encodeURIComponent(entry.url)}`,
          )
        ).json;
        assert.equal(record.state, 'failed', `${entry.url} ended failed`);
        const retried = entry.behaviour !== 'not-found';
        assert.equal(
          record.attempts,
          retried ? MAX_RETRIES + 1 : 1,
          `${entry.url}: ${String(record.attempts)} attempts`,
        );
        assert.equal(
          record.failure,
          entry.behaviour === 'reset' ? 'DEURO_CRAWL_NETWORK' : 'DEURO_CRAWL_HTTP_STATUS',
        );
        const { pathname } = new URL(entry.url);
        const asked = site.requests().filter((request) => request.path === pathname).length;
        assert.ok(
          asked >= (retried ? MAX_RETRIES + 1 : 1),
          `${entry.url} requested ${String(asked)} times`,
        );
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
      const [killedId, otherId] = await Promise.all([identityOf('o1u2'), identityOf('owner')]);
      const first = crawler('o1u2', jobId);
      // The root task holds one URL; the next one holds the root's links, 700 ms apart, so the
      // crawler is still fetching them when it dies.
      const held = await waitFor(
        'the first crawler to lease its second task',
        () => Promise.resolve(tasksStarted(first)[1]),
        60_000,
        100,
      );
      first.kill('SIGKILL');
      await exited(first);
      const before = await getTask(jobId, held);
      assert.equal(before.state, 'leased', 'the killed crawler held its task');
      assert.equal(before.holder, killedId);
      assert.equal(before.leases, 1);

      const second = crawler('owner', jobId);
      assert.equal(await exited(second), 0, logs.get(second));
      await network().settle();
      assert.equal((await progressOf(jobId)).state, 'completed');
      const taken = await getTask(jobId, held);
      assert.equal(taken.state, 'done', JSON.stringify(taken));
      assert.equal(taken.holder, otherId, 'the other crawler took the task over');
      assert.equal(taken.leases, 2, 'leased twice: by the killed crawler, then by the other');
      assert.ok(tasksStarted(second).includes(held), logs.get(second));

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
      for (const { url } of before.urls) {
        const record = data.find((entry) => entry.url === url);
        if (record !== undefined) {
          assert.equal(record.crawler, otherId, `${url}: registered by the crawler that completed`);
        }
      }
      assert.equal(new Set(data.map((record) => record.url)).size, data.length);
      assert.equal(
        new Set(data.map((record) => record.assetId)).size,
        new Set(data.map((record) => record.contentSha256)).size,
      );
    });

    it('a crawler told to stop (SIGTERM) gives its task back at once and exits 0', async () => {
      const pages = Array.from(
        { length: 10 },
        (_, i) => new URL(`/pages/${String(i)}.html`, site.url).href,
      );
      const jobId = await createJob({
        seeds: pages,
        scope: { hosts: [new URL(site.url).host], maxDepth: 0 },
        politeness: { perHostDelayMs: 700, perHostConcurrency: 1, concurrency: 1 },
        batchSize: 10,
        leaseSeconds: 60,
      });
      const me = await identityOf('o1u2');
      const fetchedBefore = site.requests().length;
      const pageRequests = (): number =>
        site
          .requests()
          .slice(fetchedBefore)
          .filter((request) => request.path.startsWith('/pages/')).length;
      const child = crawler('o1u2', jobId);
      const held = await waitFor(
        'the crawler to lease the task and start fetching',
        () => Promise.resolve(pageRequests() > 0 ? tasksStarted(child)[0] : undefined),
        60_000,
        100,
      );
      const leased = await getTask(jobId, held);
      assert.equal(leased.state, 'leased');
      assert.equal(leased.holder, me);
      const signalled = performance.now();
      child.kill('SIGTERM');
      const code = await exited(child);
      const seconds = (performance.now() - signalled) / 1000;
      assert.equal(code, 0, logs.get(child));
      assert.ok(seconds < 20, `exited ${seconds.toFixed(1)} s after SIGTERM`);
      assert.match(logs.get(child) ?? '', /given back \(stopping\)/);
      assert.ok(pageRequests() < pages.length, 'stopped starting fetches');
      await network().settle();

      const returned = await getTask(jobId, held);
      assert.equal(returned.state, 'queued', JSON.stringify(returned));
      assert.equal(returned.holder, null);
      assert.equal(returned.leases, 1);
      const progress = await progressOf(jobId);
      assert.equal(progress.state, 'running');
      assert.deepEqual(progress.tasks, { queued: 1, leased: 0, done: 0, failed: 0 });
      assert.equal(progress.crawled, 0, 'nothing registered for the task given back');
      const leasable = (
        await api<{ id: string }[]>(
          'owner',
          'GET',
          `/v1/crawl/jobs/${jobId}/leasable?bucket=0&limit=10`,
        )
      ).json;
      assert.deepEqual(
        leasable.map((task) => task.id),
        [held],
        'leasable again',
      );
      assert.equal((await api('owner', 'POST', `/v1/crawl/jobs/${jobId}/cancel`)).status, 200);
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
          const { praat, deuro } = await praatAndDeuroReadings(out);
          assert.deepEqual(praat, deuro);
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
        const id = `bad-${randomUUID().slice(0, 8)}`;
        const answer = await api<{ code: string }>('owner', 'POST', '/v1/crawl/jobs', {
          id,
          ...body,
        });
        await network().settle();
        const job = await getJob(id);
        assert.equal(
          `${String(job.status)} ${String(job.json.code)}`,
          '404 DEURO_NOT_FOUND',
          `no job ${id} was created`,
        );
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
      const failedSeed = {
        fetched: [],
        failed: [{ url: site.url, reason: 'DEURO_CRAWL_HTTP_STATUS', retryable: false }],
        discovered: [],
      };
      const leased = await getTask(jobId, task.id);
      const notHolder = await api<{ code: string }>(
        'o1u2',
        'POST',
        `/v1/crawl/jobs/${jobId}/tasks/${task.id}/completion`,
        failedSeed,
      );
      assert.equal(
        `${String(notHolder.status)} ${notHolder.json.code}`,
        '409 DEURO_LEASE_NOT_HELD',
      );
      await network().settle();
      assert.deepEqual(await getTask(jobId, task.id), leased, 'the task is unchanged');
      assert.equal(leased.state, 'leased');

      // A cancelled job and a completed one: no lease, nothing changes.
      assert.equal((await api('owner', 'POST', `/v1/crawl/jobs/${jobId}/cancel`)).status, 200);
      await network().settle();
      const done = await createJob({
        seeds: [site.url],
        scope: { hosts: [origin], maxDepth: 0 },
        leaseSeconds: 60,
      });
      const [doneTask] = (
        await api<{ id: string }[]>('owner', 'GET', `/v1/crawl/jobs/${done}/leasable?bucket=0`)
      ).json;
      assert.ok(doneTask !== undefined);
      const taskPath = `/v1/crawl/jobs/${done}/tasks/${doneTask.id}`;
      assert.equal((await api('owner', 'POST', `${taskPath}/lease`)).status, 200);
      await network().settle();
      assert.equal((await api('owner', 'POST', `${taskPath}/completion`, failedSeed)).status, 200);
      await network().settle();
      assert.equal((await api('owner', 'POST', `/v1/crawl/jobs/${done}/finish`)).status, 200);
      await network().settle();
      assert.equal((await getJob(done)).json.state, 'completed');

      for (const [finished, taskId, state] of [
        [jobId, task.id, 'cancelled'],
        [done, doneTask.id, 'completed'],
      ] as const) {
        const jobBefore = (await getJob(finished)).json;
        const taskBefore = await getTask(finished, taskId);
        for (const who of ['o1u2', 'owner'] as const) {
          const onFinished = await api<{ code: string }>(
            who,
            'POST',
            `/v1/crawl/jobs/${finished}/tasks/${taskId}/lease`,
          );
          assert.equal(
            `${String(onFinished.status)} ${onFinished.json.code}`,
            '409 DEURO_INVALID_TRANSITION',
            `${who} leasing a task of a ${state} job`,
          );
        }
        await network().settle();
        assert.equal(jobBefore.state, state);
        assert.deepEqual((await getJob(finished)).json, jobBefore, `the ${state} job is unchanged`);
        assert.deepEqual(
          await getTask(finished, taskId),
          taskBefore,
          `its task is unchanged (${taskBefore.state})`,
        );
      }
    });
  });
}
