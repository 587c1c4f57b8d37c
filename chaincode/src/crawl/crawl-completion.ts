/*
 * What completing a task records: each fetched URL as crawled data (one asset per content hash
 * in the job: a URL whose content is already stored points at that asset), each failed URL as
 * failed or, while retries remain, in a retry task, and the links it found as new tasks.
 */
import type { Context } from 'fabric-contract-api';

import { findAsset } from '../assets/asset-store';
import type { Caller } from '../identity/caller';
import { invalidArgument } from '../ledger/errors';
import { txTimestampIso } from '../ledger/tx-time';
import { admissibleUrls, queueTasks } from './crawl-admission';
import type { CrawlJobRecord, CrawlTaskRecord, CrawlUrl } from './crawl-records';
import type { CompletionRequest, FetchedResult } from './crawl-requests';
import { crawledAssetId, findContent, saveContent, saveCrawled, saveUrl } from './crawl-store';

/** What a completion did. */
export interface CompletionSummary {
  readonly state: 'done' | 'failed';
  readonly fetched: number;
  readonly duplicates: number;
  readonly failed: number;
  readonly retried: number;
  readonly admitted: number;
  readonly newTasks: readonly string[];
}

/** Whether a media type matches one of the job's media ranges. */
export function mediaTypeAllowed(ranges: readonly string[], mediaType: string): boolean {
  const [type] = mediaType.split('/');
  return ranges.some(
    (range) => range === '*/*' || range === mediaType || range === `${type ?? ''}/*`,
  );
}

function checkAccounting(task: CrawlTaskRecord, request: CompletionRequest): void {
  const expected = new Set(task.urls.map((entry) => entry.url));
  const reported = [...request.fetched.map((f) => f.url), ...request.failed.map((f) => f.url)];
  for (const url of reported) {
    if (!expected.delete(url)) {
      throw invalidArgument(
        `request reports ${url}, which is not in task ${task.id} or is reported twice`,
      );
    }
  }
  if (expected.size > 0) {
    throw invalidArgument(
      `request does not report ${[...expected][0] ?? ''}: every URL of the task is fetched or failed`,
    );
  }
}

/**
 * The asset holding content of this hash in the job: registered (under its derived id), and
 * readable by the job's owner. @returns Its ciphertext hash.
 */
async function contentAsset(
  ctx: Context,
  job: CrawlJobRecord,
  contentSha256: string,
  what: string,
): Promise<{ assetId: string; ciphertextSha256: string }> {
  const assetId = crawledAssetId(job.id, contentSha256);
  const asset = await findAsset(ctx.stub, assetId);
  if (asset === undefined || asset.state === 'deleted') {
    throw invalidArgument(`${what}: register content ${contentSha256} as asset ${assetId} first`);
  }
  const owner = job.owner.identityId;
  const readable =
    asset.owner.identityId === owner ||
    asset.grants.some(
      (grant) =>
        (grant.type === 'identity' && grant.id === owner) ||
        (grant.type === 'org' && grant.id === job.owner.mspId),
    );
  if (!readable) {
    throw invalidArgument(`${what}: asset ${assetId} is not shared with the job's owner ${owner}`);
  }
  return { assetId, ciphertextSha256: asset.ciphertextSha256 };
}

async function recordFetched(
  ctx: Context,
  caller: Caller,
  job: CrawlJobRecord,
  task: CrawlTaskRecord,
  fetched: FetchedResult,
  depth: number,
  storedInThisTransaction: Set<string>,
): Promise<boolean> {
  if (!mediaTypeAllowed(job.scope.mediaTypes, fetched.mediaType)) {
    throw invalidArgument(
      `${fetched.url}: media type ${fetched.mediaType} is outside the job's scope`,
    );
  }
  if (fetched.size > job.scope.maxBytes) {
    throw invalidArgument(`${fetched.url}: ${String(fetched.size)} bytes is over the job's limit`);
  }
  // A transaction does not read its own writes: content stored earlier in it is tracked here.
  const known = storedInThisTransaction.has(fetched.contentSha256)
    ? crawledAssetId(job.id, fetched.contentSha256)
    : await findContent(ctx.stub, job.id, fetched.contentSha256);
  const content = await contentAsset(ctx, job, fetched.contentSha256, fetched.url);
  if (known === undefined) {
    await saveContent(ctx.stub, job.id, fetched.contentSha256, content.assetId);
    storedInThisTransaction.add(fetched.contentSha256);
  }
  const transcript =
    fetched.transcriptSha256 === null
      ? null
      : {
          sha256: fetched.transcriptSha256,
          assetId: (
            await contentAsset(ctx, job, fetched.transcriptSha256, `${fetched.url} transcript`)
          ).assetId,
        };
  await saveCrawled(ctx.stub, {
    jobId: job.id,
    taskId: task.id,
    url: fetched.url,
    finalUrl: fetched.finalUrl,
    fetchedAt: txTimestampIso(ctx.stub),
    status: fetched.status,
    mediaType: fetched.mediaType,
    size: fetched.size,
    contentSha256: fetched.contentSha256,
    assetId: content.assetId,
    ciphertextSha256: content.ciphertextSha256,
    transcript,
    crawler: caller.identityId,
    state: 'crawled',
    duplicate: known !== undefined,
  });
  await saveUrl(ctx.stub, job.id, {
    url: fetched.url,
    depth,
    state: 'fetched',
    taskId: task.id,
    attempts: task.retry + 1,
    failure: null,
  });
  return known !== undefined;
}

/** Record a completion. */
export async function recordCompletion(
  ctx: Context,
  caller: Caller,
  job: CrawlJobRecord,
  task: CrawlTaskRecord,
  request: CompletionRequest,
): Promise<CompletionSummary> {
  checkAccounting(task, request);
  const depthOf = new Map(task.urls.map((entry) => [entry.url, entry.depth]));
  let duplicates = 0;
  const stored = new Set<string>();
  for (const fetched of request.fetched) {
    if (
      await recordFetched(ctx, caller, job, task, fetched, depthOf.get(fetched.url) ?? 0, stored)
    ) {
      duplicates++;
    }
  }
  const retries: CrawlUrl[] = [];
  let failed = 0;
  for (const failure of request.failed) {
    const depth = depthOf.get(failure.url) ?? 0;
    if (failure.retryable && task.retry < job.maxRetries) {
      retries.push({ url: failure.url, depth });
      continue;
    }
    failed++;
    await saveUrl(ctx.stub, job.id, {
      url: failure.url,
      depth,
      state: 'failed',
      taskId: task.id,
      attempts: task.retry + 1,
      failure: failure.reason,
    });
  }
  const retryTasks = await queueTasks(ctx, job, retries, 0, task.retry + 1);
  const admitted = await admissibleUrls(ctx, job, request.discovered, task.budget);
  const linkTasks = await queueTasks(ctx, job, admitted, task.budget - admitted.length, 0);
  return {
    state: request.fetched.length === 0 && retries.length === 0 ? 'failed' : 'done',
    fetched: request.fetched.length,
    duplicates,
    failed,
    retried: retries.length,
    admitted: admitted.length,
    newTasks: [...retryTasks, ...linkTasks],
  };
}
