/*
 * World-state access for gCrawl: records and index entries under the keys listed in
 * crawl-records.ts. Nothing counts across the job in a shared key: leasing reads and writes one
 * task and its index entries (blind writes), completing writes the task, its URLs and the new
 * tasks. Two keys are shared by design, and a completion that read one of them loses an MVCC
 * conflict when another completion wrote it first: `crawl-url` (every discovered link is looked
 * up to admit it once; the URL's own task writes its outcome) and `crawl-content` (content is
 * stored once per job). The crawler sends such a completion again (docs/gcrawl.md, "Conflicts").
 */
import { createHash } from 'node:crypto';

import type { Context } from 'fabric-contract-api';

import { notFound } from '../ledger/errors';
import { deleteIndexEntry, putIndexEntry, readAt, writeAt } from '../ledger/state';
import type {
  CrawledDataRecord,
  CrawlJobRecord,
  CrawlTaskRecord,
  CrawlUrl,
  CrawlUrlRecord,
} from './crawl-records';

type Stub = Context['stub'];

export const JOB = 'crawl-job';
export const TASK = 'crawl-task';
export const QUEUE_INDEX = 'crawl-queue';
export const LEASE_INDEX = 'crawl-lease';
export const URL_RECORD = 'crawl-url';
export const CRAWLED = 'crawled';
export const CONTENT = 'crawl-content';

const hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The key of a URL within a job. */
export function urlHash(url: string): string {
  return hex(url).slice(0, 40);
}

/**
 * The asset id that holds content with this hash in a job: derived, so that crawlers racing on
 * the same content register one asset (the second registration fails as already existing), and
 * so that the ledger can tell which asset holds which content. The gateway's crawler derives it
 * the same way (gateway/src/crawler/crawled-asset.ts).
 */
export function crawledAssetId(jobId: string, contentSha256: string): string {
  return `crawl-${hex(`${jobId}\n${contentSha256}`).slice(0, 40)}`;
}

/** A task's id: a hash of its job, attempt and URLs, so the same batch is never queued twice. */
export function taskIdOf(jobId: string, retry: number, urls: readonly CrawlUrl[]): string {
  return hex(`${jobId}\n${String(retry)}\n${urls.map((entry) => entry.url).join('\n')}`).slice(
    0,
    32,
  );
}

export async function findJob(stub: Stub, id: string): Promise<CrawlJobRecord | undefined> {
  return (await readAt(stub, JOB, [id])) as CrawlJobRecord | undefined;
}

export async function getJob(stub: Stub, id: string): Promise<CrawlJobRecord> {
  const job = await findJob(stub, id);
  if (job === undefined) {
    throw notFound('crawl job', id);
  }
  return job;
}

export async function saveJob(stub: Stub, job: CrawlJobRecord): Promise<void> {
  await writeAt(stub, JOB, [job.id], job);
}

export async function getTask(stub: Stub, jobId: string, taskId: string): Promise<CrawlTaskRecord> {
  const task = (await readAt(stub, TASK, [jobId, taskId])) as CrawlTaskRecord | undefined;
  if (task === undefined) {
    throw notFound('crawl task', `${jobId}/${taskId}`);
  }
  return task;
}

/** Write a task and keep its queue and lease index entries in step with its state. */
export async function saveTask(
  stub: Stub,
  task: CrawlTaskRecord,
  previous: CrawlTaskRecord | undefined,
): Promise<void> {
  await writeAt(stub, TASK, [task.jobId, task.id], task);
  await moveIndexEntry(stub, QUEUE_INDEX, [task.jobId, task.id.slice(0, 1), task.id], {
    was: previous?.state === 'queued',
    is: task.state === 'queued',
  });
  await moveIndexEntry(stub, LEASE_INDEX, [task.jobId, task.id], {
    was: previous?.state === 'leased',
    is: task.state === 'leased',
  });
}

/** Add or remove an index entry when membership changes. */
async function moveIndexEntry(
  stub: Stub,
  index: string,
  attributes: string[],
  membership: { readonly was: boolean; readonly is: boolean },
): Promise<void> {
  if (membership.was && !membership.is) {
    await deleteIndexEntry(stub, index, attributes);
  } else if (!membership.was && membership.is) {
    await putIndexEntry(stub, index, attributes);
  }
}

export async function findUrl(
  stub: Stub,
  jobId: string,
  url: string,
): Promise<CrawlUrlRecord | undefined> {
  return (await readAt(stub, URL_RECORD, [jobId, urlHash(url)])) as CrawlUrlRecord | undefined;
}

export async function saveUrl(stub: Stub, jobId: string, record: CrawlUrlRecord): Promise<void> {
  await writeAt(stub, URL_RECORD, [jobId, urlHash(record.url)], record);
}

export async function saveCrawled(stub: Stub, record: CrawledDataRecord): Promise<void> {
  await writeAt(stub, CRAWLED, [record.jobId, urlHash(record.url)], record);
}

export async function findCrawled(
  stub: Stub,
  jobId: string,
  url: string,
): Promise<CrawledDataRecord | undefined> {
  return (await readAt(stub, CRAWLED, [jobId, urlHash(url)])) as CrawledDataRecord | undefined;
}

/** The asset already holding this content in this job, if any. */
export async function findContent(
  stub: Stub,
  jobId: string,
  contentSha256: string,
): Promise<string | undefined> {
  const record = (await readAt(stub, CONTENT, [jobId, contentSha256])) as
    { assetId: string } | undefined;
  return record?.assetId;
}

export async function saveContent(
  stub: Stub,
  jobId: string,
  contentSha256: string,
  assetId: string,
): Promise<void> {
  await writeAt(stub, CONTENT, [jobId, contentSha256], { assetId });
}
