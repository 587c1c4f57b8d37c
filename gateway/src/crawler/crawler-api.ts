/*
 * What a crawler needs from its organization's gateway, over REST under the crawler's own
 * identity: the job, the lease protocol, content lookups and uploads. The CLI implements it with
 * its gateway client; tests may implement it otherwise.
 */
import type { Readable } from 'node:stream';

import type {
  CrawlAlignment,
  CrawlCompletion,
  CrawlCompletionSummary,
  CrawlJob,
  CrawlProgress,
  CrawlTask,
} from '../ledger/crawl-ledger';

/** An upload's outcome: stored now, or already there (another crawler was first). */
export type ContentUploadOutcome = 'stored' | 'exists';

/** The gateway, as a crawler uses it. */
export interface CrawlerApi {
  whoAmI(): Promise<{ readonly identityId: string }>;
  job(jobId: string): Promise<CrawlJob>;
  progress(jobId: string): Promise<CrawlProgress>;
  leasable(jobId: string, bucket: string, limit: number): Promise<CrawlTask[]>;
  /**
   * @returns The task; `taken` when another crawler had leased it already; `conflict` when
   * another crawler's lease of it committed first (an MVCC read conflict).
   */
  lease(jobId: string, taskId: string): Promise<CrawlTask | 'taken' | 'conflict'>;
  /** @returns false when the lease was lost. */
  renew(jobId: string, taskId: string): Promise<boolean>;
  giveBack(jobId: string, taskId: string): Promise<void>;
  /** @returns undefined when the lease was lost before completing. */
  complete(
    jobId: string,
    taskId: string,
    completion: CrawlCompletion,
  ): Promise<CrawlCompletionSummary | undefined>;
  /** @returns false when tasks remain. */
  finish(jobId: string): Promise<boolean>;
  /**
   * Record the aligner's decision on crawled audio with a transcript.
   * @returns `already` when it was aligned before (by another crawler or the owner).
   */
  recordAlignment(
    jobId: string,
    url: string,
    alignment: CrawlAlignment,
  ): Promise<'recorded' | 'already'>;
  /** Whether content with this hash is stored for the job already. */
  hasContent(jobId: string, contentSha256: string): Promise<boolean>;
  /** Store content encrypted to `readers` (besides the crawler) as asset `assetId`. */
  upload(request: {
    readonly assetId: string;
    readonly kind: string;
    readonly mediaType: string;
    readonly readers: readonly string[];
    readonly body: () => Readable;
  }): Promise<ContentUploadOutcome>;
}
