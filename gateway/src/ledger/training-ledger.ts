/*
 * The training contract (chaincode/src/training/training.contract.ts) for one identity: typed
 * requests and records (docs/gpredict.md).
 */
import type { BoundContract } from '../fabric/submit';

import { evaluate, submit } from './contract-calls';

/** A model version by name. */
export interface ModelRef {
  readonly name: string;
  readonly version: number;
}

/** CreateTrainingTask's request. */
export interface TrainingTaskRequest {
  readonly id: string;
  readonly modelName: string;
  readonly datasets: readonly string[];
  readonly startingModel?: ModelRef | null;
  readonly searchSpace: unknown;
  /** The search settings' version (search-versions.ts); the gateway records the current one. */
  readonly searchVersion?: number;
  readonly trials: number;
  readonly parallelism?: number;
  readonly seed?: string;
  readonly leaseSeconds?: number;
  readonly workerOrgs?: readonly string[];
}

/** The sum/count reduction of a task's trials. */
export interface TrialReduction {
  readonly trials: number;
  readonly correctSum: string;
  readonly countSum: string;
  readonly meanAccuracyBasisPoints: number;
  readonly bestTrial: number;
  readonly bestAccuracyBasisPoints: number;
}

/** A training task. */
export interface TrainingTask {
  readonly id: string;
  readonly owner: { readonly identityId: string; readonly mspId: string };
  readonly state: 'open' | 'running' | 'reducing' | 'completed' | 'failed' | 'cancelled';
  readonly modelName: string;
  readonly datasets: readonly string[];
  readonly startingModel: ModelRef | null;
  /** The search space as JSON text (it holds real numbers; the ledger keeps them as text). */
  readonly searchSpace: string;
  /** Absent on tasks created before versions were recorded: version 1. */
  readonly searchVersion?: number;
  readonly trials: number;
  readonly parallelism: number;
  readonly seed: string;
  readonly leaseSeconds: number;
  readonly workerOrgs: readonly string[];
  readonly reduction: TrialReduction | null;
  readonly model: ModelRef | null;
}

/** What a worker reports for a trial. */
export interface TrialResult {
  readonly configuration: Readonly<Record<string, unknown>>;
  readonly accuracyBasisPoints: number;
  readonly correct: number;
  readonly count: number;
  readonly lossRaw: number;
  readonly weightsSha256: string;
  readonly checkpointSha256: string;
  readonly modelAssetId: string;
  /** The weights as ONNX (docs/gpredict-onnx.md), where the model allows. */
  readonly onnx?: OnnxExport | null;
}

/** An ONNX export of a model's weights: its SHA-256 and the asset holding it. */
export interface OnnxExport {
  readonly sha256: string;
  readonly assetId: string;
}

/** A trial. */
export interface Trial {
  readonly taskId: string;
  readonly number: number;
  readonly state: 'leased' | 'reported' | 'failed';
  readonly holder: string | null;
  readonly leaseExpiresAt: number;
  readonly leases: number;
  /** As reported, with the configuration as JSON text. */
  readonly result: (Omit<TrialResult, 'configuration'> & { readonly configuration: string }) | null;
  /** Why a failed trial failed (a code), and the configuration it was to train (JSON text). */
  readonly failure: string | null;
  readonly failedConfiguration: string | null;
  readonly reportedBy: string | null;
}

/** A reduced round of contributions. */
export interface ContributionRound {
  readonly taskId: string;
  readonly round: number;
  readonly contributions: number;
  readonly sum: readonly string[];
  readonly count: string;
  readonly mean: readonly string[];
}

/** A trained model version. */
export interface TrainedModel {
  readonly name: string;
  readonly version: number;
  readonly owner: { readonly identityId: string; readonly mspId: string };
  /** The training configuration as JSON text. */
  readonly configuration: string;
  readonly weightsSha256: string;
  readonly checkpointSha256: string;
  readonly assetId: string;
  readonly onnx: OnnxExport | null;
  readonly metrics: { readonly accuracyBasisPoints: number; readonly lossRaw: number };
  readonly lineage: {
    readonly parent: ModelRef | null;
    readonly datasets: readonly string[];
    readonly task: string;
    readonly trial: number;
  };
}

/** The training contract. */
export interface TrainingLedger {
  createTask(request: TrainingTaskRequest): Promise<TrainingTask>;
  getTask(taskId: string): Promise<TrainingTask>;
  trials(taskId: string): Promise<Trial[]>;
  leaseTrial(taskId: string, trial: number): Promise<Trial>;
  renewTrial(taskId: string, trial: number): Promise<Trial>;
  reportTrial(taskId: string, trial: number, result: TrialResult): Promise<Trial>;
  failTrial(
    taskId: string,
    trial: number,
    reason: string,
    configuration: Readonly<Record<string, unknown>>,
  ): Promise<Trial>;
  reduce(taskId: string): Promise<TrainingTask>;
  registerModel(taskId: string): Promise<TrainingTask>;
  cancel(taskId: string): Promise<TrainingTask>;
  submitContribution(
    taskId: string,
    round: number,
    values: readonly string[],
    count: number,
  ): Promise<unknown>;
  reduceContributions(taskId: string, round: number): Promise<ContributionRound>;
  contributionRound(taskId: string, round: number): Promise<ContributionRound>;
  model(name: string, version: number): Promise<TrainedModel>;
}

/** The training contract over a contract object. */
export function newTrainingLedger(contract: BoundContract): TrainingLedger {
  return {
    createTask: (request) => submit(contract, 'CreateTrainingTask', JSON.stringify(request)),
    getTask: (taskId) => evaluate(contract, 'GetTrainingTask', taskId),
    trials: (taskId) => evaluate(contract, 'ListTrials', taskId),
    leaseTrial: (taskId, trial) => submit(contract, 'LeaseTrial', taskId, String(trial)),
    renewTrial: (taskId, trial) => submit(contract, 'RenewTrialLease', taskId, String(trial)),
    reportTrial: (taskId, trial, result) =>
      submit(contract, 'ReportTrial', taskId, String(trial), JSON.stringify(result)),
    failTrial: (taskId, trial, reason, configuration) =>
      submit(
        contract,
        'ReportTrialFailure',
        taskId,
        String(trial),
        reason,
        JSON.stringify(configuration),
      ),
    reduce: (taskId) => submit(contract, 'ReduceTrainingTask', taskId),
    registerModel: (taskId) => submit(contract, 'RegisterTrainedModel', taskId),
    cancel: (taskId) => submit(contract, 'CancelTrainingTask', taskId),
    submitContribution: (taskId, round, values, count) =>
      submit(
        contract,
        'SubmitContribution',
        taskId,
        String(round),
        JSON.stringify({ values, count }),
      ),
    reduceContributions: (taskId, round) =>
      submit(contract, 'ReduceContributions', taskId, String(round)),
    contributionRound: (taskId, round) =>
      evaluate(contract, 'GetContributionRound', taskId, String(round)),
    model: (name, version) => evaluate(contract, 'GetTrainedModel', name, String(version)),
  };
}
