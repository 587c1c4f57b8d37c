/*
 * gCrawl over REST (docs/gcrawl.md): create and follow crawl jobs, and the crawler's side of the
 * lease protocol (list leasable tasks, lease, renew, give back, complete). Every call runs as the
 * caller's identity; the chaincode decides who may crawl for which job.
 */
import { normaliseUrl, validateCrawlPoliteness, validateCrawlScope } from '../crawl/index';
import { ApiError } from '../errors/api-error';
import type { IdentitySessions } from '../fabric/identity-sessions';
import type { Route } from '../http/route';
import type { JsonSchema } from '../http/openapi';
import type { CrawlAlignment, CrawlCompletion, CrawlJobRequest } from '../ledger/crawl-ledger';
import { contractRoutes } from './ledger-route';
import { assetIdSchema, bookmarkSchema, fingerprintSchema, pageSizeSchema } from './route-schemas';

const TAGS = ['crawl'];
const taskIdSchema: JsonSchema = { type: 'string', pattern: '^[0-9a-f]{32}$' };
const jobPath = '/v1/crawl/jobs/{jobId}';
const taskPath = `${jobPath}/tasks/{taskId}`;

const jobRequestSchema: JsonSchema = {
  type: 'object',
  required: ['id', 'seeds', 'scope'],
  additionalProperties: false,
  properties: {
    id: assetIdSchema,
    seeds: {
      type: 'array',
      minItems: 1,
      maxItems: 1000,
      items: { type: 'string', maxLength: 2048 },
    },
    scope: { type: 'object' },
    politeness: { type: 'object' },
    maxPages: { type: 'integer', minimum: 1, maximum: 10_000_000 },
    batchSize: { type: 'integer', minimum: 1, maximum: 100 },
    leaseSeconds: { type: 'integer', minimum: 5, maximum: 3600 },
    maxRetries: { type: 'integer', minimum: 0, maximum: 10 },
    crawlerOrgs: {
      type: 'array',
      maxItems: 64,
      items: { type: 'string', pattern: '^[A-Za-z0-9.-]{1,64}$' },
    },
  },
};

const completionSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    fetched: { type: 'array', maxItems: 1000, items: { type: 'object' } },
    failed: { type: 'array', maxItems: 1000, items: { type: 'object' } },
    discovered: { type: 'array', maxItems: 1000, items: { type: 'object' } },
  },
};

const nullable = (schema: JsonSchema): JsonSchema => ({ oneOf: [schema, { type: 'null' }] });
const micro: JsonSchema = { type: 'integer', minimum: -1e12, maximum: 1e12 };

const alignmentSchema: JsonSchema = {
  type: 'object',
  required: ['url', 'verdict', 'aligner'],
  additionalProperties: false,
  properties: {
    url: { type: 'string', maxLength: 2048 },
    verdict: { enum: ['verified', 'rejected'] },
    scoreMicro: nullable(micro),
    thresholdMicro: nullable(micro),
    words: nullable({ type: 'integer', minimum: 1 }),
    textGridSha256: nullable(fingerprintSchema),
    textGridAssetId: nullable(assetIdSchema),
    reason: nullable({ type: 'string', pattern: '^[A-Z][A-Z0-9_]{2,63}$' }),
    aligner: { type: 'string', minLength: 1, maxLength: 128 },
  },
};

/** The crawl routes. */
export function newCrawlRoutes(sessions: IdentitySessions): Route[] {
  const route = contractRoutes(sessions, (ledger) => ledger.crawl, TAGS);
  const jobParams = { jobId: assetIdSchema };
  const taskParams = { jobId: assetIdSchema, taskId: taskIdSchema };
  return [
    route(
      {
        method: 'post',
        path: '/v1/crawl/jobs',
        operationId: 'createCrawlJob',
        summary:
          'Create a crawl job: seeds (normalised here), scope, politeness, page budget; you own it',
        requestBody: { contentType: 'application/json', schema: jobRequestSchema },
      },
      (ledger, _params, body) => {
        const request = body as CrawlJobRequest;
        const scope = validateCrawlScope(request.scope);
        return ledger.createJob({
          ...request,
          seeds: request.seeds.map((seed) => normaliseUrl(seed)),
          scope: { ...scope },
          politeness: { ...validateCrawlPoliteness(request.politeness ?? {}) },
        });
      },
    ),
    route(
      {
        method: 'get',
        path: jobPath,
        operationId: 'getCrawlJob',
        summary: 'A crawl job',
        pathParameters: jobParams,
      },
      (ledger, params) => ledger.getJob(params.jobId ?? ''),
    ),
    route(
      {
        method: 'get',
        path: `${jobPath}/progress`,
        operationId: 'getCrawlProgress',
        summary: "A job's tasks by state, and what was crawled",
        pathParameters: jobParams,
      },
      (ledger, params) => ledger.progress(params.jobId ?? ''),
    ),
    route(
      {
        method: 'get',
        path: `${jobPath}/data`,
        operationId: 'listCrawledData',
        summary: "One page of a job's crawled data",
        pathParameters: jobParams,
        queryParameters: { pageSize: pageSizeSchema, bookmark: bookmarkSchema },
      },
      (ledger, params, _body, query) =>
        ledger.crawledData(
          params.jobId ?? '',
          Number(query.pageSize ?? '100'),
          typeof query.bookmark === 'string' ? query.bookmark : '',
        ),
    ),
    route(
      {
        method: 'get',
        path: `${jobPath}/content/{sha256}`,
        operationId: 'findCrawledContent',
        summary: 'The asset that already holds content with this SHA-256 in the job',
        pathParameters: { jobId: assetIdSchema, sha256: fingerprintSchema },
      },
      async (ledger, params) => {
        const assetId = await ledger.findContent(params.jobId ?? '', params.sha256 ?? '');
        if (assetId === undefined) {
          throw new ApiError(
            'DEURO_NOT_FOUND',
            `no content ${params.sha256 ?? ''} in job ${params.jobId ?? ''}`,
          );
        }
        return { assetId };
      },
    ),
    route(
      {
        method: 'get',
        path: `${jobPath}/urls`,
        operationId: 'getCrawlUrl',
        summary: 'An admitted URL: queued, fetched or failed, with its attempts',
        pathParameters: jobParams,
        queryParameters: { url: { type: 'string', maxLength: 2048 } },
      },
      (ledger, params, _body, query) =>
        ledger.url(
          params.jobId ?? '',
          typeof query.url === 'string' ? normaliseUrl(query.url) : '',
        ),
    ),
    route(
      {
        method: 'get',
        path: `${jobPath}/leasable`,
        operationId: 'listLeasableCrawlTasks',
        summary: 'Tasks you may lease now (queued, or whose lease expired), from a bucket',
        pathParameters: jobParams,
        queryParameters: {
          bucket: { type: 'string', pattern: '^[0-9a-f]$' },
          limit: { type: 'string', pattern: '^(?:[1-9][0-9]?|100)$' },
        },
      },
      (ledger, params, _body, query) =>
        ledger.listLeasable(
          params.jobId ?? '',
          typeof query.bucket === 'string' ? query.bucket : '0',
          Number(query.limit ?? '20'),
        ),
    ),
    route(
      {
        method: 'get',
        path: taskPath,
        operationId: 'getCrawlTask',
        summary: 'A task',
        pathParameters: taskParams,
      },
      (ledger, params) => ledger.getTask(params.jobId ?? '', params.taskId ?? ''),
    ),
    route(
      {
        method: 'post',
        path: `${taskPath}/lease`,
        operationId: 'leaseCrawlTask',
        summary: 'Lease a task for the job lease time',
        pathParameters: taskParams,
      },
      (ledger, params) => ledger.lease(params.jobId ?? '', params.taskId ?? ''),
    ),
    route(
      {
        method: 'post',
        path: `${taskPath}/renewal`,
        operationId: 'renewCrawlLease',
        summary: 'Extend your lease',
        pathParameters: taskParams,
      },
      (ledger, params) => ledger.renew(params.jobId ?? '', params.taskId ?? ''),
    ),
    route(
      {
        method: 'post',
        path: `${taskPath}/return`,
        operationId: 'returnCrawlTask',
        summary: 'Give your leased task back unfinished',
        pathParameters: taskParams,
      },
      (ledger, params) => ledger.giveBack(params.jobId ?? '', params.taskId ?? ''),
    ),
    route(
      {
        method: 'post',
        path: `${taskPath}/completion`,
        operationId: 'completeCrawlTask',
        summary:
          'Complete your task: fetched (with the assets holding them), failed, and links found',
        pathParameters: taskParams,
        requestBody: { contentType: 'application/json', schema: completionSchema },
      },
      (ledger, params, body) =>
        ledger.complete(params.jobId ?? '', params.taskId ?? '', body as CrawlCompletion),
    ),
    route(
      {
        method: 'post',
        path: `${jobPath}/alignments`,
        operationId: 'recordCrawlAlignment',
        summary:
          "Record a forced aligner's verdict on crawled audio and its transcript (crawled → verified | rejected)",
        pathParameters: jobParams,
        requestBody: { contentType: 'application/json', schema: alignmentSchema },
      },
      (ledger, params, body) => {
        const { url, ...alignment } = body as CrawlAlignment & { url: string };
        return ledger.recordAlignment(params.jobId ?? '', normaliseUrl(url), alignment);
      },
    ),
    route(
      {
        method: 'post',
        path: `${jobPath}/finish`,
        operationId: 'finishCrawlJob',
        summary: 'Mark the job completed (no task queued or leased)',
        pathParameters: jobParams,
      },
      (ledger, params) => ledger.finish(params.jobId ?? ''),
    ),
    route(
      {
        method: 'post',
        path: `${jobPath}/cancel`,
        operationId: 'cancelCrawlJob',
        summary: 'Cancel your job',
        pathParameters: jobParams,
      },
      (ledger, params) => ledger.cancel(params.jobId ?? ''),
    ),
  ];
}
