/*
 * The JSON requests of the training contract, checked field by field. The search space is checked
 * against the grammar here (space-grammar.ts, the same rules as the gateway's) and for size, so a
 * task never holds a space its workers would refuse; it is then kept as JSON text.
 */
import { assetIdArgument } from '../assets/asset-requests';
import {
  objectField,
  onlyFields,
  parseRequest,
  stringField,
  wholeNumberField,
} from '../assets/request-fields';
import { invalidArgument } from '../ledger/errors';
import { findSpaceProblem } from './space-grammar';
import type { ModelRef, OnnxExport, TrialResult } from './training-records';

const MSP_ID = /^[A-Za-z0-9.-]{1,64}$/;
const MODEL_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const SEED = /^[A-Za-z0-9._:-]{1,128}$/;
const SHA256 = /^[0-9a-f]{64}$/;
const INTEGER = /^-?[0-9]{1,30}$/;
const MAX_SPACE_BYTES = 16 * 1024;

/**
 * A JSON value as text with sorted keys. Search spaces and configurations hold real numbers
 * (learning rates); the ledger keeps them as this text, never as numbers it computes with, and
 * every peer writes the same text for the same request.
 */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, (_key, entry: unknown) =>
    entry !== null && typeof entry === 'object' && !Array.isArray(entry)
      ? Object.fromEntries(
          Object.keys(entry)
            .sort()
            .map((key) => [key, (entry as Record<string, unknown>)[key]]),
        )
      : entry,
  );
}

/**
 * A search space, checked against the grammar; its text with sorted keys.
 * @throws DeuroError `DEURO_INVALID_ARGUMENT` naming `field` and the JSON Pointer of the first
 * fault, such as `request.searchSpace at /parameters/lr/low: low must be greater than 0 on a log
 * scale`, or the size limit.
 */
export function searchSpaceField(value: unknown, field: string): string {
  const problem = findSpaceProblem(value);
  if (problem !== undefined) {
    throw invalidArgument(
      `${field}${problem.path === '' ? '' : ` at ${problem.path}`}: ${problem.reason}`,
    );
  }
  const text = jsonText(value);
  if (text.length > MAX_SPACE_BYTES) {
    throw invalidArgument(`${field} must be at most ${String(MAX_SPACE_BYTES)} bytes as JSON`);
  }
  return text;
}

/** CreateTrainingTask's request. */
export interface CreateTaskRequest {
  readonly id: string;
  readonly modelName: string;
  readonly datasets: readonly string[];
  readonly startingModel: ModelRef | null;
  /** The space as JSON text (it holds real numbers, which state never holds as numbers). */
  readonly searchSpace: string;
  readonly searchVersion: number;
  readonly trials: number;
  readonly parallelism: number;
  readonly seed: string;
  readonly leaseSeconds: number;
  readonly workerOrgs: readonly string[] | undefined;
}

function list(value: unknown, name: string, min: number, max: number): unknown[] {
  if (!Array.isArray(value) || value.length < min || value.length > max) {
    throw invalidArgument(`${name} must be a list of ${String(min)} to ${String(max)} entries`);
  }
  return value;
}

/** A model reference `{name, version}`. */
export function modelRefField(value: unknown, name: string): ModelRef {
  const ref = objectField(value, name);
  onlyFields(ref, name, ['name', 'version']);
  return {
    name: stringField(ref.name, `${name}.name`, MODEL_NAME, '1-64 characters of A-Z a-z 0-9 . _ -'),
    version: wholeNumberField(ref.version, `${name}.version`, 1, 999_999),
  };
}

/** Parse CreateTrainingTask's request. */
export function parseCreateTaskRequest(text: string): CreateTaskRequest {
  const request = parseRequest(text, 'request');
  onlyFields(request, 'request', [
    'id',
    'modelName',
    'datasets',
    'startingModel',
    'searchSpace',
    'searchVersion',
    'trials',
    'parallelism',
    'seed',
    'leaseSeconds',
    'workerOrgs',
  ]);
  const space = searchSpaceField(request.searchSpace, 'request.searchSpace');
  const trials = wholeNumberField(request.trials, 'request.trials', 1, 1000);
  return {
    id: assetIdArgument(request.id, 'request.id'),
    modelName: stringField(
      request.modelName,
      'request.modelName',
      MODEL_NAME,
      '1-64 characters of A-Z a-z 0-9 . _ -',
    ),
    datasets: list(request.datasets, 'request.datasets', 1, 16).map((id, index) =>
      assetIdArgument(id, `request.datasets[${String(index)}]`),
    ),
    startingModel:
      request.startingModel === undefined || request.startingModel === null
        ? null
        : modelRefField(request.startingModel, 'request.startingModel'),
    searchSpace: space,
    searchVersion: wholeNumberField(request.searchVersion ?? 1, 'request.searchVersion', 1, 1000),
    trials,
    parallelism: wholeNumberField(
      request.parallelism ?? 1,
      'request.parallelism',
      1,
      Math.min(64, trials),
    ),
    seed: stringField(
      request.seed ?? request.id,
      'request.seed',
      SEED,
      '1-128 characters of A-Z a-z 0-9 . _ : -',
    ),
    leaseSeconds: wholeNumberField(request.leaseSeconds ?? 120, 'request.leaseSeconds', 5, 86_400),
    workerOrgs:
      request.workerOrgs === undefined
        ? undefined
        : list(request.workerOrgs, 'request.workerOrgs', 1, 64).map((org, index) =>
            stringField(org, `request.workerOrgs[${String(index)}]`, MSP_ID, 'an MSP ID'),
          ),
  };
}

/** Parse ReportTrial's result. */
export function parseTrialResult(text: string): TrialResult {
  const result = parseRequest(text, 'result');
  onlyFields(result, 'result', [
    'configuration',
    'accuracyBasisPoints',
    'correct',
    'count',
    'lossRaw',
    'weightsSha256',
    'checkpointSha256',
    'modelAssetId',
    'onnx',
  ]);
  const count = wholeNumberField(result.count, 'result.count', 1, 1_000_000_000);
  const correct = wholeNumberField(result.correct, 'result.correct', 0, count);
  const accuracy = wholeNumberField(
    result.accuracyBasisPoints,
    'result.accuracyBasisPoints',
    0,
    10_000,
  );
  if (accuracy !== Math.floor((10_000 * correct) / count)) {
    throw invalidArgument('result.accuracyBasisPoints must be floor(10000 * correct / count)');
  }
  return {
    configuration: jsonText(objectField(result.configuration, 'result.configuration')),
    accuracyBasisPoints: accuracy,
    correct,
    count,
    lossRaw: wholeNumberField(result.lossRaw, 'result.lossRaw', -2_147_483_648, 2_147_483_647),
    weightsSha256: stringField(
      result.weightsSha256,
      'result.weightsSha256',
      SHA256,
      '64 lowercase hex digits',
    ),
    checkpointSha256: stringField(
      result.checkpointSha256,
      'result.checkpointSha256',
      SHA256,
      '64 lowercase hex digits',
    ),
    modelAssetId: assetIdArgument(result.modelAssetId, 'result.modelAssetId'),
    onnx: onnxField(result.onnx),
  };
}

/** The optional ONNX export of a result: its SHA-256 and asset, or null. */
function onnxField(value: unknown): OnnxExport | null {
  if (value === undefined || value === null) {
    return null;
  }
  const onnx = objectField(value, 'result.onnx');
  onlyFields(onnx, 'result.onnx', ['sha256', 'assetId']);
  return {
    sha256: stringField(onnx.sha256, 'result.onnx.sha256', SHA256, '64 lowercase hex digits'),
    assetId: assetIdArgument(onnx.assetId, 'result.onnx.assetId'),
  };
}

/** Parse a contribution: integer values (decimal strings) and a sample count. */
export function parseContribution(text: string): { values: string[]; count: number } {
  const request = parseRequest(text, 'contribution');
  onlyFields(request, 'contribution', ['values', 'count']);
  const values = list(request.values, 'contribution.values', 1, 4096).map((value, index) => {
    if (typeof value !== 'string' || !INTEGER.test(value)) {
      throw invalidArgument(
        `contribution.values[${String(index)}] must be an integer as a decimal string`,
      );
    }
    return BigInt(value).toString();
  });
  return { values, count: wholeNumberField(request.count, 'contribution.count', 1, 1_000_000_000) };
}
