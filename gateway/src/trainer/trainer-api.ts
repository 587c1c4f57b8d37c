/*
 * What a trainer needs from its organization's gateway, under the worker's own identity: the task
 * and its trials, the lease protocol, the reduction, and the encrypted store (data sets and
 * parent models downloaded and decrypted with the worker's own key; checkpoints uploaded).
 */
import type { TrainedModel, TrainingTask, Trial, TrialResult } from '../ledger/training-ledger';

/** The gateway, as a trainer uses it. */
export interface TrainerApi {
  whoAmI(): Promise<{ readonly identityId: string }>;
  task(taskId: string): Promise<TrainingTask>;
  trials(taskId: string): Promise<Trial[]>;
  /** @returns undefined when the trial cannot be leased now (someone else has it, or not yet). */
  lease(taskId: string, trial: number): Promise<Trial | undefined>;
  /** @returns false when the lease was lost. */
  renew(taskId: string, trial: number): Promise<boolean>;
  /** @returns false when the lease was lost before reporting. */
  report(taskId: string, trial: number, result: TrialResult): Promise<boolean>;
  /** Report the trial as failed. @returns false when the lease was lost. */
  fail(
    taskId: string,
    trial: number,
    reason: string,
    configuration: Readonly<Record<string, unknown>>,
  ): Promise<boolean>;
  /** @returns false when the task cannot be reduced (not every trial reported, or done). */
  reduce(taskId: string): Promise<boolean>;
  /** @returns false when it was registered already. */
  registerModel(taskId: string): Promise<boolean>;
  model(name: string, version: number): Promise<TrainedModel>;
  /** An asset's content, downloaded, hash-checked and decrypted with the worker's key. */
  download(assetId: string): Promise<Uint8Array>;
  /** Store a checkpoint or an ONNX export as a model asset readable by `readers` and `orgs`. */
  uploadModel(request: {
    readonly assetId: string;
    readonly mediaType: string;
    readonly bytes: Uint8Array;
    readonly readers: readonly string[];
    readonly orgs: readonly string[];
  }): Promise<'stored' | 'exists'>;
}
