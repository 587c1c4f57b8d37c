/*
 * Reproducing a reported trial: any member of a worker organization retrains it from the ledger
 * (its configuration, the task id and trial number that seed stochastic rounding, the data set
 * and starting model through its own gateway) and compares the weights' and checkpoint's hashes
 * with those on the ledger. Training is deterministic fixed point, so they must be identical
 * whoever reported the trial.
 */
import { trainModel } from '../gpredict/training/index';
import { CodedError } from '../errors/coded-error';
import type { TrainerApi } from './trainer-api';
import { taskInputs } from './task-inputs';
import { trainingConfigOf } from './trial-config';

/** What {@link reproduceTrial} found. */
export interface TrialReproduction {
  readonly taskId: string;
  readonly trial: number;
  /** Who reported it, and who reproduced it. */
  readonly reportedBy: string;
  readonly reproducedBy: string;
  readonly ledger: { readonly weightsSha256: string; readonly checkpointSha256: string };
  readonly local: { readonly weightsSha256: string; readonly checkpointSha256: string };
  readonly identical: boolean;
}

/** Retrain reported trial `trial` of `taskId` here and compare it with the ledger. */
export async function reproduceTrial(
  api: TrainerApi,
  taskId: string,
  trial: number,
): Promise<TrialReproduction> {
  const task = await api.task(taskId);
  const reported = (await api.trials(taskId)).find((candidate) => candidate.number === trial);
  if (reported?.state !== 'reported' || reported.result === null) {
    throw new CodedError(
      'DEURO_TRIAL_NOT_REPORTED',
      `trial ${String(trial)} of task ${taskId} has no reported result to reproduce (${reported?.state ?? 'no such trial'})`,
    );
  }
  const inputs = taskInputs(api, task);
  const initialWeights = await inputs.startingWeights();
  const result = trainModel(
    trainingConfigOf(
      taskId,
      trial,
      JSON.parse(reported.result.configuration) as Record<string, unknown>,
    ),
    await inputs.data(),
    initialWeights === undefined ? {} : { initialWeights },
  );
  const local = {
    weightsSha256: result.weightsSha256,
    checkpointSha256: result.checkpointSha256,
  };
  const ledger = {
    weightsSha256: reported.result.weightsSha256,
    checkpointSha256: reported.result.checkpointSha256,
  };
  return {
    taskId,
    trial,
    reportedBy: reported.reportedBy ?? '',
    reproducedBy: (await api.whoAmI()).identityId,
    ledger,
    local,
    identical:
      local.weightsSha256 === ledger.weightsSha256 &&
      local.checkpointSha256 === ledger.checkpointSha256,
  };
}
