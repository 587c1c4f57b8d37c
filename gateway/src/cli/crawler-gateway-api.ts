/*
 * The crawler's gateway calls, over the CLI's gateway client (REST, the crawler's credentials).
 * Refusals that are part of the protocol (someone else leased the task, the lease was lost, the
 * job still has tasks, the content is already stored) come back as values, not errors.
 */
import { Readable } from 'node:stream';

import type { CrawlerApi } from '../crawler/crawler-api';
import type {
  CrawlCompletionSummary,
  CrawlJob,
  CrawlProgress,
  CrawlTask,
} from '../ledger/crawl-ledger';
import { unlessRefused } from './cli-error';
import type { GatewayClient } from './gateway-client';

const job = (jobId: string): string => `/v1/crawl/jobs/${encodeURIComponent(jobId)}`;
const task = (jobId: string, taskId: string): string => `${job(jobId)}/tasks/${taskId}`;

/** A CrawlerApi over a gateway client. */
export function newCrawlerGatewayApi(gateway: GatewayClient): CrawlerApi {
  return {
    whoAmI: () => gateway.json('GET', '/v1/me'),
    job: (jobId) => gateway.json<CrawlJob>('GET', job(jobId)),
    progress: (jobId) => gateway.json<CrawlProgress>('GET', `${job(jobId)}/progress`),
    leasable: (jobId, bucket, limit) =>
      gateway.json<CrawlTask[]>(
        'GET',
        `${job(jobId)}/leasable?bucket=${bucket}&limit=${String(limit)}`,
      ),
    lease: (jobId, taskId) =>
      unlessRefused<CrawlTask | 'taken' | 'conflict'>(
        () =>
          unlessRefused<CrawlTask | 'taken'>(
            () => gateway.json<CrawlTask>('POST', `${task(jobId, taskId)}/lease`),
            ['DEURO_INVALID_TRANSITION'],
            'taken',
          ),
        ['DEURO_LEDGER_CONFLICT'],
        'conflict',
      ),
    renew: (jobId, taskId) =>
      unlessRefused(
        async () => {
          await gateway.json('POST', `${task(jobId, taskId)}/renewal`);
          return true;
        },
        ['DEURO_LEASE_NOT_HELD', 'DEURO_INVALID_TRANSITION'],
        false,
      ),
    giveBack: async (jobId, taskId) => {
      await unlessRefused(
        () => gateway.json('POST', `${task(jobId, taskId)}/return`),
        ['DEURO_LEASE_NOT_HELD'],
        undefined,
      );
    },
    complete: (jobId, taskId, completion) =>
      unlessRefused(
        async () =>
          (
            await gateway.json<{ summary: CrawlCompletionSummary }>(
              'POST',
              `${task(jobId, taskId)}/completion`,
              completion,
            )
          ).summary,
        ['DEURO_LEASE_NOT_HELD'],
        undefined,
      ),
    finish: (jobId) =>
      unlessRefused(
        async () => {
          await gateway.json('POST', `${job(jobId)}/finish`);
          return true;
        },
        ['DEURO_INVALID_TRANSITION', 'DEURO_LEDGER_CONFLICT'],
        false,
      ),
    recordAlignment: (jobId, url, alignment) =>
      unlessRefused(
        async () => {
          await gateway.json('POST', `${job(jobId)}/alignments`, { url, ...alignment });
          return 'recorded' as const;
        },
        ['DEURO_INVALID_TRANSITION'],
        'already' as const,
      ),
    hasContent: (jobId, sha256) =>
      unlessRefused(
        async () => {
          await gateway.json('GET', `${job(jobId)}/content/${sha256}`);
          return true;
        },
        ['DEURO_NOT_FOUND'],
        false,
      ),
    upload: (request) =>
      unlessRefused(
        async () => {
          const query = new URLSearchParams({
            id: request.assetId,
            kind: request.kind,
            mediaType: request.mediaType,
          });
          if (request.readers.length > 0) {
            query.set('recipients', request.readers.join(','));
          }
          const response = await gateway.request('POST', `/v1/assets?${query.toString()}`, {
            body: Readable.toWeb(request.body()) as unknown as ReadableStream,
            headers: { 'content-type': 'application/octet-stream' },
            duplex: 'half',
          });
          await response.arrayBuffer();
          return 'stored' as const;
        },
        ['DEURO_ALREADY_EXISTS'],
        'exists' as const,
      ),
  };
}
