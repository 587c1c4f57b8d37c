/*
 * Admitting URLs into a job and batching them into tasks, with the job's page budget split down
 * the crawl: a job admits at most maxPages URLs. Seeds take their share first; what is left is
 * split evenly between the seed tasks, and each task, when it completes, admits new links up to
 * its share and splits what it did not use between the tasks it creates. Every share lives on
 * one task, which only its lease holder touches, so the budget never needs a job-wide counter
 * (a key every completion would write, and so a conflict between every two crawlers). The
 * budget is never exceeded; a share left on a task that finds no new links is not used.
 */
import type { Context } from 'fabric-contract-api';

import { txTimestampIso } from '../ledger/tx-time';
import { inScope } from './crawl-fields';
import type { CrawlJobRecord, CrawlTaskRecord, CrawlUrl } from './crawl-records';
import { findUrl, saveTask, saveUrl, taskIdOf } from './crawl-store';

/** Split `total` into `parts` shares that differ by at most one, larger shares first. */
export function splitBudget(total: number, parts: number): number[] {
  if (parts === 0) {
    return [];
  }
  const base = Math.floor(total / parts);
  const extra = total % parts;
  return Array.from({ length: parts }, (_, index) => base + (index < extra ? 1 : 0));
}

/** Split a list into batches of `size`, in order. */
export function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    out.push(items.slice(start, start + size));
  }
  return out;
}

/**
 * The URLs among `candidates` that the job admits now: in scope, not deeper than its maxDepth,
 * not admitted before, at most `allowance` of them, in the order given.
 */
export async function admissibleUrls(
  ctx: Context,
  job: CrawlJobRecord,
  candidates: readonly CrawlUrl[],
  allowance: number,
): Promise<CrawlUrl[]> {
  const seen = new Set<string>();
  const admitted: CrawlUrl[] = [];
  for (const candidate of candidates) {
    if (admitted.length >= allowance) {
      break;
    }
    if (
      seen.has(candidate.url) ||
      candidate.depth > job.scope.maxDepth ||
      !inScope(job.scope, candidate.url)
    ) {
      continue;
    }
    seen.add(candidate.url);
    if ((await findUrl(ctx.stub, job.id, candidate.url)) === undefined) {
      admitted.push(candidate);
    }
  }
  return admitted;
}

/** Queue new tasks for admitted URLs, sharing `budget` between them. @returns Their ids. */
export async function queueTasks(
  ctx: Context,
  job: CrawlJobRecord,
  urls: readonly CrawlUrl[],
  budget: number,
  retry: number,
): Promise<string[]> {
  const groups = batches(urls, job.batchSize);
  const shares = splitBudget(budget, groups.length);
  const now = txTimestampIso(ctx.stub);
  const ids: string[] = [];
  for (const [index, group] of groups.entries()) {
    const task: CrawlTaskRecord = {
      jobId: job.id,
      id: taskIdOf(job.id, retry, group),
      state: 'queued',
      urls: group,
      retry,
      budget: shares[index] ?? 0,
      holder: null,
      leaseExpiresAt: 0,
      leases: 0,
      lastTxId: ctx.stub.getTxID(),
      lastTimestamp: now,
    };
    await saveTask(ctx.stub, task, undefined);
    for (const entry of group) {
      await saveUrl(ctx.stub, job.id, {
        url: entry.url,
        depth: entry.depth,
        state: 'queued',
        taskId: task.id,
        attempts: retry,
        failure: null,
      });
    }
    ids.push(task.id);
  }
  return ids;
}
