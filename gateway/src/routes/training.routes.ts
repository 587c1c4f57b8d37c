/*
 * gPredict over REST (docs/gpredict.md): open and follow training tasks, the worker's side of the
 * trial protocol (lease, renew, report), the on-chain reduction, contribution rounds and trained
 * models. The search space is validated here with the search library's grammar before it goes
 * on chain. Every call runs as the caller's identity.
 */
import {
  CURRENT_SEARCH_VERSION,
  tpeSettingsOfVersion,
  validateSearchSpace,
} from '../gpredict/search/index';
import type { IdentitySessions } from '../fabric/identity-sessions';
import type { JsonSchema } from '../http/openapi';
import type { Route } from '../http/route';
import type { TrainingTaskRequest, TrialResult } from '../ledger/training-ledger';
import { contractRoutes } from './ledger-route';
import { assetIdSchema } from './route-schemas';

const TAGS = ['training'];
const numberSchema: JsonSchema = { type: 'string', pattern: '^[0-9]{1,6}$' };
const modelNameSchema: JsonSchema = {
  type: 'string',
  pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$',
};
const taskPath = '/v1/training/tasks/{taskId}';
const trialPath = `${taskPath}/trials/{trial}`;

const taskRequestSchema: JsonSchema = {
  type: 'object',
  required: ['id', 'modelName', 'datasets', 'searchSpace', 'trials'],
  additionalProperties: false,
  properties: {
    id: assetIdSchema,
    modelName: modelNameSchema,
    datasets: { type: 'array', minItems: 1, maxItems: 16, items: assetIdSchema },
    startingModel: {
      type: ['object', 'null'],
      required: ['name', 'version'],
      additionalProperties: false,
      properties: { name: modelNameSchema, version: { type: 'integer', minimum: 1 } },
    },
    searchSpace: { type: 'object' },
    searchVersion: { type: 'integer', minimum: 1, maximum: 1000 },
    trials: { type: 'integer', minimum: 1, maximum: 1000 },
    parallelism: { type: 'integer', minimum: 1, maximum: 64 },
    seed: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,128}$' },
    leaseSeconds: { type: 'integer', minimum: 5, maximum: 86400 },
    workerOrgs: {
      type: 'array',
      minItems: 1,
      maxItems: 64,
      items: { type: 'string', pattern: '^[A-Za-z0-9.-]{1,64}$' },
    },
  },
};

const resultSchema: JsonSchema = {
  type: 'object',
  required: [
    'configuration',
    'accuracyBasisPoints',
    'correct',
    'count',
    'lossRaw',
    'weightsSha256',
    'checkpointSha256',
    'modelAssetId',
  ],
  additionalProperties: false,
  properties: {
    configuration: { type: 'object' },
    accuracyBasisPoints: { type: 'integer', minimum: 0, maximum: 10000 },
    correct: { type: 'integer', minimum: 0 },
    count: { type: 'integer', minimum: 1 },
    lossRaw: { type: 'integer' },
    weightsSha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    checkpointSha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    modelAssetId: assetIdSchema,
    onnx: {
      type: 'object',
      description: 'The weights exported as ONNX (docs/gpredict-onnx.md), where the model allows',
      required: ['sha256', 'assetId'],
      additionalProperties: false,
      properties: {
        sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
        assetId: assetIdSchema,
      },
    },
  },
};

const contributionSchema: JsonSchema = {
  type: 'object',
  required: ['values', 'count'],
  additionalProperties: false,
  properties: {
    values: {
      type: 'array',
      minItems: 1,
      maxItems: 4096,
      items: { type: 'string', pattern: '^-?[0-9]{1,30}$' },
    },
    count: { type: 'integer', minimum: 1 },
  },
};

/** The training routes. */
export function newTrainingRoutes(sessions: IdentitySessions): Route[] {
  const route = contractRoutes(sessions, (ledger) => ledger.training, TAGS);
  const taskParams = { taskId: assetIdSchema };
  const trialParams = { taskId: assetIdSchema, trial: numberSchema };
  const id = (params: Record<string, string>): string => params.taskId ?? '';
  const trial = (params: Record<string, string>): number => Number(params.trial);
  return [
    route(
      {
        method: 'post',
        path: '/v1/training/tasks',
        operationId: 'createTrainingTask',
        summary:
          'Open a training task (data sets, optional starting model, search space, budget); you own it',
        requestBody: { contentType: 'application/json', schema: taskRequestSchema },
      },
      (ledger, _params, body) => {
        const request = body as TrainingTaskRequest;
        validateSearchSpace(request.searchSpace);
        const searchVersion = request.searchVersion ?? CURRENT_SEARCH_VERSION;
        tpeSettingsOfVersion(searchVersion);
        return ledger.createTask({ ...request, searchVersion });
      },
    ),
    route(
      {
        method: 'get',
        path: taskPath,
        operationId: 'getTrainingTask',
        summary: 'A training task, with its reduction and model once done',
        pathParameters: taskParams,
      },
      (ledger, params) => ledger.getTask(id(params)),
    ),
    route(
      {
        method: 'get',
        path: `${taskPath}/trials`,
        operationId: 'listTrials',
        summary: "A task's trials, in number order",
        pathParameters: taskParams,
      },
      (ledger, params) => ledger.trials(id(params)),
    ),
    route(
      {
        method: 'post',
        path: `${trialPath}/lease`,
        operationId: 'leaseTrial',
        summary: 'Lease a trial (trials 0..k-P must be reported)',
        pathParameters: trialParams,
      },
      (ledger, params) => ledger.leaseTrial(id(params), trial(params)),
    ),
    route(
      {
        method: 'post',
        path: `${trialPath}/renewal`,
        operationId: 'renewTrialLease',
        summary: 'Extend your lease on a trial',
        pathParameters: trialParams,
      },
      (ledger, params) => ledger.renewTrial(id(params), trial(params)),
    ),
    route(
      {
        method: 'post',
        path: `${trialPath}/result`,
        operationId: 'reportTrial',
        summary: 'Report your trial: configuration, integer metrics, checkpoint hashes and asset',
        pathParameters: trialParams,
        requestBody: { contentType: 'application/json', schema: resultSchema },
      },
      (ledger, params, body) => ledger.reportTrial(id(params), trial(params), body as TrialResult),
    ),
    route(
      {
        method: 'post',
        path: `${trialPath}/failure`,
        operationId: 'reportTrialFailure',
        summary: 'Report that your trial failed, with a failure code',
        pathParameters: trialParams,
        requestBody: {
          contentType: 'application/json',
          schema: {
            type: 'object',
            required: ['reason', 'configuration'],
            additionalProperties: false,
            properties: {
              reason: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{1,64}$' },
              configuration: { type: 'object' },
            },
          },
        },
      },
      (ledger, params, body) => {
        const failure = body as { reason: string; configuration: Record<string, unknown> };
        return ledger.failTrial(id(params), trial(params), failure.reason, failure.configuration);
      },
    ),
    route(
      {
        method: 'post',
        path: `${taskPath}/reduction`,
        operationId: 'reduceTrainingTask',
        summary: 'Reduce the task on chain (every trial reported): sum/count and the best trial',
        pathParameters: taskParams,
      },
      (ledger, params) => ledger.reduce(id(params)),
    ),
    route(
      {
        method: 'post',
        path: `${taskPath}/model`,
        operationId: 'registerTrainedModel',
        summary: "Register the best trial's model as the next version, with lineage",
        pathParameters: taskParams,
      },
      (ledger, params) => ledger.registerModel(id(params)),
    ),
    route(
      {
        method: 'post',
        path: `${taskPath}/cancel`,
        operationId: 'cancelTrainingTask',
        summary: 'Cancel your task',
        pathParameters: taskParams,
      },
      (ledger, params) => ledger.cancel(id(params)),
    ),
    route(
      {
        method: 'post',
        path: `${taskPath}/rounds/{round}/contributions`,
        operationId: 'submitContribution',
        summary:
          'A data-parallel contribution to a round: integers and their sample count, once per worker',
        pathParameters: { taskId: assetIdSchema, round: numberSchema },
        requestBody: { contentType: 'application/json', schema: contributionSchema },
      },
      (ledger, params, body) => {
        const contribution = body as { values: string[]; count: number };
        return ledger.submitContribution(
          id(params),
          Number(params.round),
          contribution.values,
          contribution.count,
        );
      },
    ),
    route(
      {
        method: 'post',
        path: `${taskPath}/rounds/{round}/reduction`,
        operationId: 'reduceContributions',
        summary: "Reduce a round's contributions on chain",
        pathParameters: { taskId: assetIdSchema, round: numberSchema },
      },
      (ledger, params) => ledger.reduceContributions(id(params), Number(params.round)),
    ),
    route(
      {
        method: 'get',
        path: `${taskPath}/rounds/{round}`,
        operationId: 'getContributionRound',
        summary: "A round's reduction",
        pathParameters: { taskId: assetIdSchema, round: numberSchema },
      },
      (ledger, params) => ledger.contributionRound(id(params), Number(params.round)),
    ),
    route(
      {
        method: 'get',
        path: '/v1/models/{name}/versions/{version}',
        operationId: 'getTrainedModel',
        summary: 'A trained model version with its lineage',
        pathParameters: { name: modelNameSchema, version: numberSchema },
      },
      (ledger, params) => ledger.model(params.name ?? '', Number(params.version)),
    ),
  ];
}
