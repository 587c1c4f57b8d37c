/*
 * gPredict on the public state (white paper §3.a, §3.b, §3.e): training tasks, their trials
 * (leased to worker identities, reported with fixed-point integer metrics), the on-chain
 * reduction, data-parallel contribution rounds, and trained models as a version chain with
 * lineage. No floating point: metrics are integers (basis points, counts), sums are decimal
 * strings of exact integers.
 *
 *   training-task/<task>                          TrainingTaskRecord
 *   training-trial/<task>/<trial, 6 digits>       TrialRecord
 *   training-contribution/<task>/<round>/<id>     ContributionRecord
 *   training-round/<task>/<round>                 RoundReduction
 *   trained-model/<name>/<version, 6 digits>      TrainedModelRecord
 *   trained-model-head/<name>                     { version }
 */

/** A task's states. */
export type TrainingTaskState =
  'open' | 'running' | 'reducing' | 'completed' | 'failed' | 'cancelled';

/** A model version, by name. */
export interface ModelRef {
  readonly name: string;
  readonly version: number;
}

/** A training task. */
export interface TrainingTaskRecord {
  readonly id: string;
  readonly owner: { readonly identityId: string; readonly mspId: string };
  readonly state: TrainingTaskState;
  /** The name its best model is registered under. */
  readonly modelName: string;
  /** Data set assets it trains on. */
  readonly datasets: readonly string[];
  /** Transfer learning: the model it starts from. */
  readonly startingModel: ModelRef | null;
  /** The hyper-parameter search space (gateway/src/gpredict/search grammar) as JSON text. */
  readonly searchSpace: string;
  /**
   * The version of the search's settings its workers use (gateway/src/gpredict/search
   * search-versions.ts); absent on tasks created before it was recorded, which used version 1.
   */
  readonly searchVersion?: number;
  readonly trials: number;
  readonly parallelism: number;
  readonly seed: string;
  readonly leaseSeconds: number;
  readonly workerOrgs: readonly string[];
  readonly reduction: TrialReduction | null;
  readonly model: ModelRef | null;
  readonly createdAt: string;
  readonly lastTxId: string;
  readonly lastTimestamp: string;
}

/** What a worker reports for a trial. */
export interface TrialResult {
  /** The configuration the search suggested (active parameters only), as JSON text. */
  readonly configuration: string;
  /** Test accuracy in basis points (floor(10000 * correct / count)). */
  readonly accuracyBasisPoints: number;
  /** Correct predictions on the test samples, and how many there were. */
  readonly correct: number;
  readonly count: number;
  /** Mean test loss as a raw fixed-point word. */
  readonly lossRaw: number;
  readonly weightsSha256: string;
  readonly checkpointSha256: string;
  /** The model asset holding the checkpoint, encrypted. */
  readonly modelAssetId: string;
  /**
   * The weights exported as ONNX, where the model allows: its SHA-256 and its asset. Absent on
   * results reported before exports existed.
   */
  readonly onnx?: OnnxExport | null;
}

/** An ONNX export of a model's weights. */
export interface OnnxExport {
  readonly sha256: string;
  readonly assetId: string;
}

/** A trial. */
export interface TrialRecord {
  readonly taskId: string;
  readonly number: number;
  readonly state: 'leased' | 'reported' | 'failed';
  readonly holder: string | null;
  readonly leaseExpiresAt: number;
  readonly leases: number;
  readonly result: TrialResult | null;
  readonly failure: string | null;
  /** For a failed trial: the configuration it was to train, as JSON text. */
  readonly failedConfiguration: string | null;
  readonly reportedBy: string | null;
  readonly lastTxId: string;
}

/** The white paper's sum/count reducer over the trials, exact in integers. */
export interface TrialReduction {
  readonly trials: number;
  /** Sum of correct predictions and of test samples over the reported trials. */
  readonly correctSum: string;
  readonly countSum: string;
  /** floor(10000 * correctSum / countSum). */
  readonly meanAccuracyBasisPoints: number;
  readonly bestTrial: number;
  readonly bestAccuracyBasisPoints: number;
}

/** A data-parallel contribution: a vector of integers and how many samples it sums. */
export interface ContributionRecord {
  readonly taskId: string;
  readonly round: number;
  readonly contributor: string;
  readonly values: readonly string[];
  readonly count: number;
}

/** A round's reduction: element-wise sums, the count, and floor(sum / count). */
export interface RoundReduction {
  readonly taskId: string;
  readonly round: number;
  readonly contributions: number;
  readonly sum: readonly string[];
  readonly count: string;
  readonly mean: readonly string[];
}

/** A trained model version. */
export interface TrainedModelRecord {
  readonly name: string;
  readonly version: number;
  readonly owner: { readonly identityId: string; readonly mspId: string };
  /** The training configuration, as JSON text. */
  readonly configuration: string;
  readonly weightsSha256: string;
  readonly checkpointSha256: string;
  readonly assetId: string;
  /** The weights as ONNX (gpredict-onnx.md), when the trial exported them. */
  readonly onnx: OnnxExport | null;
  readonly metrics: { readonly accuracyBasisPoints: number; readonly lossRaw: number };
  readonly lineage: {
    readonly parent: ModelRef | null;
    readonly datasets: readonly string[];
    readonly task: string;
    readonly trial: number;
  };
  readonly createdAt: string;
  readonly txId: string;
}
