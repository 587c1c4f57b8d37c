/*
 * CrawlContract (`crawl`): gCrawl's jobs and tasks (white paper §2.a-2.e). A job owner creates a
 * job (seeds, scope, politeness, budget); crawler identities of the allowed organizations lease
 * its tasks for a while measured in transaction time, renew, return or complete them; completing
 * records what was crawled and queues the links found. Checks run in a fixed order, so the code
 * says what to fix: request (DEURO_INVALID_ARGUMENT), job or task (DEURO_NOT_FOUND), caller
 * (DEURO_ACCESS_DENIED, DEURO_LEASE_NOT_HELD), state (DEURO_INVALID_TRANSITION). A refused
 * transaction writes nothing. docs/gcrawl.md describes the records and the lease protocol.
 */
import { Context, Contract, Info, Param, Returns, Transaction } from 'fabric-contract-api';

import { callerOf, type Caller } from '../identity/caller';
import { requireReaderOrg, requireWorkerOrg } from '../identity/org-access';
import { recordJson } from '../ledger/canonical-json';
import {
  accessDenied,
  alreadyExists,
  DeuroError,
  invalidArgument,
  invalidTransition,
  leaseNotHeld,
  notFound,
} from '../ledger/errors';
import { journal } from '../ledger/journal';
import { allKeys, pageOfKeys, parsePageSize } from '../ledger/state';
import { txTimeSeconds, txTimestampIso } from '../ledger/tx-time';
import { splitBudget, batches, queueTasks } from './crawl-admission';
import { parseAlignmentRequest } from './crawl-alignment';
import { recordCompletion } from './crawl-completion';
import { inScope } from './crawl-fields';
import type { CrawlJobRecord, CrawlTaskRecord } from './crawl-records';
import { parseCompletionRequest, parseCreateJobRequest } from './crawl-requests';
import {
  CRAWLED,
  findContent,
  findCrawled,
  findJob,
  findUrl,
  getJob,
  getTask,
  LEASE_INDEX,
  QUEUE_INDEX,
  saveCrawled,
  saveJob,
  saveTask,
  TASK,
} from './crawl-store';

export const CRAWL_EVENT = 'CrawlTransition';
const BUCKETS = '0123456789abcdef';
const MAX_LEASABLE = 100;

const json = recordJson;

const nowSeconds = (ctx: Context): number => txTimeSeconds(ctx.stub);

function requireCrawler(job: CrawlJobRecord, caller: Caller): void {
  requireWorkerOrg(job.crawlerOrgs, caller, `crawl job ${job.id}`);
}

function requireReader(job: CrawlJobRecord, caller: Caller): void {
  requireReaderOrg(job, job.crawlerOrgs, caller, `crawl job ${job.id}`);
}

function requireRunning(job: CrawlJobRecord): void {
  if (job.state !== 'running') {
    throw invalidTransition(`crawl job ${job.id} is ${job.state}`);
  }
}

/** The task, leased by the caller now. */
async function heldTask(
  ctx: Context,
  caller: Caller,
  jobId: string,
  taskId: string,
): Promise<CrawlTaskRecord> {
  const task = await getTask(ctx.stub, jobId, taskId);
  if (task.state !== 'leased' || task.holder !== caller.identityId) {
    throw leaseNotHeld(
      `task ${taskId} is ${task.state}${task.holder === null ? '' : ` and held by ${task.holder}`}, not by ${caller.identityId}`,
    );
  }
  return task;
}

/** Up to `wanted` queued task ids, walking the buckets from `start`. */
async function queuedTaskIds(
  ctx: Context,
  jobId: string,
  start: number,
  wanted: number,
): Promise<string[]> {
  const ids: string[] = [];
  for (let step = 0; step < BUCKETS.length && ids.length < wanted; step++) {
    const bucket = BUCKETS[(start + step) % BUCKETS.length] ?? '0';
    const page = await pageOfKeys(ctx.stub, QUEUE_INDEX, [jobId, bucket], wanted - ids.length, '');
    ids.push(...page.entries.map((entry) => entry.attributes[2] ?? ''));
  }
  return ids;
}

/** Up to `wanted` ids of leased tasks whose lease has expired. */
async function expiredTaskIds(ctx: Context, jobId: string, wanted: number): Promise<string[]> {
  const ids: string[] = [];
  const now = nowSeconds(ctx);
  for (const [, taskId = ''] of await allKeys(ctx.stub, LEASE_INDEX, [jobId])) {
    if (ids.length >= wanted) {
      break;
    }
    if ((await getTask(ctx.stub, jobId, taskId)).leaseExpiresAt <= now) {
      ids.push(taskId);
    }
  }
  return ids;
}

/** Crawl jobs and tasks. */
@Info({ title: 'CrawlContract', description: 'gCrawl: crawl jobs, leased tasks, crawled data' })
export class CrawlContract extends Contract {
  constructor() {
    super('crawl');
  }

  /** Create a crawl job owned by the caller; its seeds become the first tasks. */
  @Transaction()
  @Param('requestJson', 'string', 'JSON request; see docs/gcrawl.md')
  @Returns('string')
  async CreateCrawlJob(ctx: Context, requestJson: string): Promise<string> {
    const caller = callerOf(ctx);
    const request = parseCreateJobRequest(requestJson);
    if ((await findJob(ctx.stub, request.id)) !== undefined) {
      throw alreadyExists('crawl job', request.id);
    }
    const outside = request.seeds.find((seed) => !inScope(request.scope, seed));
    if (outside !== undefined) {
      throw invalidArgument(`request.seeds: ${outside} is outside the job's scope`);
    }
    if (request.seeds.length > request.maxPages) {
      throw invalidArgument('request.maxPages must be at least the number of seeds');
    }
    const now = txTimestampIso(ctx.stub);
    const job: CrawlJobRecord = {
      id: request.id,
      owner: { identityId: caller.identityId, mspId: caller.mspId },
      state: 'running',
      seeds: request.seeds,
      scope: request.scope,
      politeness: request.politeness,
      maxPages: request.maxPages,
      batchSize: request.batchSize,
      leaseSeconds: request.leaseSeconds,
      maxRetries: request.maxRetries,
      crawlerOrgs: request.crawlerOrgs ?? [caller.mspId],
      createdAt: now,
      lastTxId: ctx.stub.getTxID(),
      lastTimestamp: now,
    };
    await saveJob(ctx.stub, job);
    const seeds = request.seeds.map((url) => ({ url, depth: 0 }));
    const groups = batches(seeds, job.batchSize);
    const shares = splitBudget(job.maxPages - seeds.length, groups.length);
    for (const [index, group] of groups.entries()) {
      await queueTasks(ctx, job, group, shares[index] ?? 0, 0);
    }
    await journal(ctx, caller, CRAWL_EVENT, {
      action: 'CreateCrawlJob',
      targetType: 'crawl-job',
      id: job.id,
      from: null,
      to: job.state,
    });
    return json(job);
  }

  /** Lease a queued task, or one whose lease expired, for the job's lease time. */
  @Transaction()
  @Param('jobId', 'string', 'The job id')
  @Param('taskId', 'string', 'A task id from ListLeasableCrawlTasks')
  @Returns('string')
  async LeaseCrawlTask(ctx: Context, jobId: string, taskId: string): Promise<string> {
    const caller = callerOf(ctx);
    const job = await getJob(ctx.stub, jobId);
    requireCrawler(job, caller);
    requireRunning(job);
    const task = await getTask(ctx.stub, jobId, taskId);
    const now = nowSeconds(ctx);
    const expired = task.state === 'leased' && task.leaseExpiresAt <= now;
    if (task.state !== 'queued' && !expired) {
      throw new DeuroError(
        'DEURO_INVALID_TRANSITION',
        `task ${taskId} is ${task.state}${task.state === 'leased' ? ` until ${String(task.leaseExpiresAt)}` : ''}; lease a queued task or one whose lease expired`,
      );
    }
    return this.#update(ctx, caller, task, 'LeaseCrawlTask', {
      state: 'leased',
      holder: caller.identityId,
      leaseExpiresAt: now + job.leaseSeconds,
      leases: task.leases + 1,
    });
  }

  /** Extend the caller's lease by the job's lease time from now. */
  @Transaction()
  @Param('jobId', 'string', 'The job id')
  @Param('taskId', 'string', 'The task id')
  @Returns('string')
  async RenewCrawlLease(ctx: Context, jobId: string, taskId: string): Promise<string> {
    const caller = callerOf(ctx);
    const job = await getJob(ctx.stub, jobId);
    requireRunning(job);
    const task = await heldTask(ctx, caller, jobId, taskId);
    return this.#update(ctx, caller, task, 'RenewCrawlLease', {
      leaseExpiresAt: nowSeconds(ctx) + job.leaseSeconds,
    });
  }

  /** Give a leased task back unfinished (a crawler shutting down). */
  @Transaction()
  @Param('jobId', 'string', 'The job id')
  @Param('taskId', 'string', 'The task id')
  @Returns('string')
  async ReturnCrawlTask(ctx: Context, jobId: string, taskId: string): Promise<string> {
    const caller = callerOf(ctx);
    const task = await heldTask(ctx, caller, jobId, taskId);
    return this.#update(ctx, caller, task, 'ReturnCrawlTask', {
      state: 'queued',
      holder: null,
      leaseExpiresAt: 0,
    });
  }

  /** Complete the caller's task: what was crawled, what failed, the links found. */
  @Transaction()
  @Param('jobId', 'string', 'The job id')
  @Param('taskId', 'string', 'The task id')
  @Param('requestJson', 'string', 'JSON request; see docs/gcrawl.md')
  @Returns('string')
  async CompleteCrawlTask(
    ctx: Context,
    jobId: string,
    taskId: string,
    requestJson: string,
  ): Promise<string> {
    const caller = callerOf(ctx);
    const request = parseCompletionRequest(requestJson);
    const job = await getJob(ctx.stub, jobId);
    const task = await heldTask(ctx, caller, jobId, taskId);
    requireRunning(job);
    const summary = await recordCompletion(ctx, caller, job, task, request);
    const after: CrawlTaskRecord = {
      ...task,
      state: summary.state,
      holder: task.holder,
      leaseExpiresAt: 0,
      lastTxId: ctx.stub.getTxID(),
      lastTimestamp: txTimestampIso(ctx.stub),
    };
    await saveTask(ctx.stub, after, task);
    await journal(ctx, caller, CRAWL_EVENT, {
      action: 'CompleteCrawlTask',
      targetType: 'crawl-task',
      id: `${jobId}/${taskId}`,
      from: task.state,
      to: after.state,
    });
    return json({ task: after, summary });
  }

  /**
   * Record a forced aligner's decision on crawled audio with a transcript: `crawled → verified |
   * rejected`, once. The crawler that fetched it or the job's owner may record it.
   */
  @Transaction()
  @Param('jobId', 'string', 'The job id')
  @Param('url', 'string', 'The crawled URL, as admitted')
  @Param('requestJson', 'string', 'JSON request; see docs/gcrawl.md')
  @Returns('string')
  async RecordCrawlAlignment(
    ctx: Context,
    jobId: string,
    url: string,
    requestJson: string,
  ): Promise<string> {
    const caller = callerOf(ctx);
    const alignment = parseAlignmentRequest(requestJson);
    const job = await getJob(ctx.stub, jobId);
    const record = await findCrawled(ctx.stub, jobId, url);
    if (record === undefined) {
      throw notFound('crawled data', url);
    }
    if (record.crawler !== caller.identityId && job.owner.identityId !== caller.identityId) {
      throw accessDenied(
        `only the crawler that fetched ${url} or the owner of crawl job ${jobId} may record its alignment`,
      );
    }
    if (record.transcript === null) {
      throw invalidTransition(`${url} came without a transcript: there is nothing to align`);
    }
    if (record.state !== 'crawled') {
      throw invalidTransition(`${url} was aligned already: it is ${record.state}`);
    }
    const after = {
      ...record,
      state: alignment.verdict,
      alignment: {
        ...alignment,
        by: caller.identityId,
        at: txTimestampIso(ctx.stub),
        txId: ctx.stub.getTxID(),
      },
    };
    await saveCrawled(ctx.stub, after);
    await journal(ctx, caller, CRAWL_EVENT, {
      action: 'RecordCrawlAlignment',
      targetType: 'crawled-data',
      id: `${jobId}/${url}`,
      from: record.state,
      to: after.state,
    });
    return json(after);
  }

  /** Mark a job completed once no task is queued or leased. */
  @Transaction()
  @Param('jobId', 'string', 'The job id')
  @Returns('string')
  async FinishCrawlJob(ctx: Context, jobId: string): Promise<string> {
    const caller = callerOf(ctx);
    const job = await getJob(ctx.stub, jobId);
    requireReader(job, caller);
    requireRunning(job);
    const queued = (await allKeys(ctx.stub, QUEUE_INDEX, [jobId])).length;
    const leased = (await allKeys(ctx.stub, LEASE_INDEX, [jobId])).length;
    if (queued + leased > 0) {
      throw new DeuroError(
        'DEURO_INVALID_TRANSITION',
        `crawl job ${jobId} still has ${String(queued)} queued and ${String(leased)} leased tasks`,
      );
    }
    return this.#finish(ctx, caller, job, 'completed', 'FinishCrawlJob');
  }

  /** Stop a job (its owner): no more leases. */
  @Transaction()
  @Param('jobId', 'string', 'The job id')
  @Returns('string')
  async CancelCrawlJob(ctx: Context, jobId: string): Promise<string> {
    const caller = callerOf(ctx);
    const job = await getJob(ctx.stub, jobId);
    if (job.owner.identityId !== caller.identityId) {
      throw accessDenied(`only the owner of crawl job ${jobId} may cancel it`);
    }
    requireRunning(job);
    return this.#finish(ctx, caller, job, 'cancelled', 'CancelCrawlJob');
  }

  /** A job. */
  @Transaction(false)
  @Param('jobId', 'string', 'The job id')
  @Returns('string')
  async GetCrawlJob(ctx: Context, jobId: string): Promise<string> {
    const job = await getJob(ctx.stub, jobId);
    requireReader(job, callerOf(ctx));
    return json(job);
  }

  /** A task. */
  @Transaction(false)
  @Param('jobId', 'string', 'The job id')
  @Param('taskId', 'string', 'The task id')
  @Returns('string')
  async GetCrawlTask(ctx: Context, jobId: string, taskId: string): Promise<string> {
    requireReader(await getJob(ctx.stub, jobId), callerOf(ctx));
    return json(await getTask(ctx.stub, jobId, taskId));
  }

  /**
   * Tasks a crawler may lease now: queued ones, from the bucket a crawler starts at (crawlers
   * start at different buckets, so they rarely pick the same task), then leases that expired.
   */
  @Transaction(false)
  @Param('jobId', 'string', 'The job id')
  @Param('startBucket', 'string', 'A hex digit: where to start looking')
  @Param('limit', 'string', 'At most this many (1-100)')
  @Returns('string')
  async ListLeasableCrawlTasks(
    ctx: Context,
    jobId: string,
    startBucket: string,
    limit: string,
  ): Promise<string> {
    const job = await getJob(ctx.stub, jobId);
    requireCrawler(job, callerOf(ctx));
    const start = BUCKETS.indexOf(startBucket);
    const wanted = Math.min(parsePageSize(limit), MAX_LEASABLE);
    if (start < 0 || startBucket.length !== 1) {
      throw invalidArgument('startBucket must be one hex digit, 0-f');
    }
    const ids = await queuedTaskIds(ctx, jobId, start, wanted);
    ids.push(...(await expiredTaskIds(ctx, jobId, wanted - ids.length)));
    const tasks: CrawlTaskRecord[] = [];
    for (const id of ids) {
      tasks.push(await getTask(ctx.stub, jobId, id));
    }
    return json(tasks);
  }

  /** Counts of a job's tasks by state, URLs by state, and crawled data. */
  @Transaction(false)
  @Param('jobId', 'string', 'The job id')
  @Returns('string')
  async GetCrawlProgress(ctx: Context, jobId: string): Promise<string> {
    const job = await getJob(ctx.stub, jobId);
    requireReader(job, callerOf(ctx));
    const tasks: Record<string, number> = { queued: 0, leased: 0, done: 0, failed: 0 };
    const iterator = await ctx.stub.getStateByPartialCompositeKey(TASK, [jobId]);
    let urlsFailed = 0;
    try {
      for (let result = await iterator.next(); !result.done; result = await iterator.next()) {
        const task = JSON.parse(
          Buffer.from(result.value.value).toString('utf8'),
        ) as CrawlTaskRecord;
        tasks[task.state] = (tasks[task.state] ?? 0) + 1;
        urlsFailed += task.state === 'failed' ? task.urls.length : 0;
      }
    } finally {
      await iterator.close();
    }
    let crawled = 0;
    let duplicates = 0;
    const data = await ctx.stub.getStateByPartialCompositeKey(CRAWLED, [jobId]);
    try {
      for (let result = await data.next(); !result.done; result = await data.next()) {
        crawled++;
        duplicates += (
          JSON.parse(Buffer.from(result.value.value).toString('utf8')) as { duplicate: boolean }
        ).duplicate
          ? 1
          : 0;
      }
    } finally {
      await data.close();
    }
    return json({
      jobId,
      state: job.state,
      tasks,
      crawled,
      duplicates,
      failedTaskUrls: urlsFailed,
    });
  }

  /** One page of a job's crawled data. */
  @Transaction(false)
  @Param('jobId', 'string', 'The job id')
  @Param('pageSize', 'string', '1-200')
  @Param('bookmark', 'string', 'Empty, or the bookmark of the previous page')
  @Returns('string')
  async ListCrawledData(
    ctx: Context,
    jobId: string,
    pageSize: string,
    bookmark: string,
  ): Promise<string> {
    requireReader(await getJob(ctx.stub, jobId), callerOf(ctx));
    const { iterator, metadata } = await ctx.stub.getStateByPartialCompositeKeyWithPagination(
      CRAWLED,
      [jobId],
      parsePageSize(pageSize),
      bookmark,
    );
    const records: unknown[] = [];
    try {
      for (let result = await iterator.next(); !result.done; result = await iterator.next()) {
        records.push(JSON.parse(Buffer.from(result.value.value).toString('utf8')));
      }
    } finally {
      await iterator.close();
    }
    return json({
      records,
      bookmark: records.length < parsePageSize(pageSize) ? '' : metadata.bookmark,
    });
  }

  /** An admitted URL: queued, fetched or failed, with its attempts and failure. */
  @Transaction(false)
  @Param('jobId', 'string', 'The job id')
  @Param('url', 'string', 'The normalised URL')
  @Returns('string')
  async GetCrawlUrl(ctx: Context, jobId: string, url: string): Promise<string> {
    requireReader(await getJob(ctx.stub, jobId), callerOf(ctx));
    const record = await findUrl(ctx.stub, jobId, url);
    if (record === undefined) {
      throw notFound('crawl URL', url);
    }
    return json(record);
  }

  /** The asset already holding content with this hash in the job, or an empty string. */
  @Transaction(false)
  @Param('jobId', 'string', 'The job id')
  @Param('contentSha256', 'string', 'SHA-256 of the content')
  @Returns('string')
  async FindCrawledContent(ctx: Context, jobId: string, contentSha256: string): Promise<string> {
    requireReader(await getJob(ctx.stub, jobId), callerOf(ctx));
    return (await findContent(ctx.stub, jobId, contentSha256)) ?? '';
  }

  async #update(
    ctx: Context,
    caller: Caller,
    task: CrawlTaskRecord,
    action: string,
    change: Partial<CrawlTaskRecord>,
  ): Promise<string> {
    const after: CrawlTaskRecord = {
      ...task,
      ...change,
      lastTxId: ctx.stub.getTxID(),
      lastTimestamp: txTimestampIso(ctx.stub),
    };
    await saveTask(ctx.stub, after, task);
    await journal(ctx, caller, CRAWL_EVENT, {
      action,
      targetType: 'crawl-task',
      id: `${task.jobId}/${task.id}`,
      from: task.state,
      to: after.state,
    });
    return json(after);
  }

  async #finish(
    ctx: Context,
    caller: Caller,
    job: CrawlJobRecord,
    state: 'completed' | 'cancelled',
    action: string,
  ): Promise<string> {
    const now = txTimestampIso(ctx.stub);
    const after: CrawlJobRecord = {
      ...job,
      state,
      lastTxId: ctx.stub.getTxID(),
      lastTimestamp: now,
    };
    await saveJob(ctx.stub, after);
    await journal(ctx, caller, CRAWL_EVENT, {
      action,
      targetType: 'crawl-job',
      id: job.id,
      from: job.state,
      to: state,
    });
    return json(after);
  }
}
