/*
 * What a trial trains on, fetched through the worker's own gateway: the task's data set (its
 * first data set asset, a digits bundle, split 4:1) and, for transfer learning, the starting
 * model's weights from its checkpoint asset. Each is fetched once per worker.
 */
import { splitDigits } from '../gpredict/datasets/index';
import {
  deserializeCheckpoint,
  type ModelWeights,
  type TrainingData,
} from '../gpredict/training/index';
import type { TrainingTask } from '../ledger/training-ledger';
import { readDigitsBundle } from './dataset-bundle';
import type { TrainerApi } from './trainer-api';

/** A task's inputs, fetched on first use. */
export interface TaskInputs {
  data(): Promise<TrainingData>;
  /** undefined unless the task starts from a registered model. */
  startingWeights(): Promise<ModelWeights | undefined>;
}

/** The inputs of `task`, through `api`. */
export function taskInputs(api: TrainerApi, task: TrainingTask): TaskInputs {
  let data: Promise<TrainingData> | undefined;
  let weights: Promise<ModelWeights | undefined> | undefined;
  return {
    data: () =>
      (data ??= (async () => {
        const [datasetId = ''] = task.datasets;
        return splitDigits(await readDigitsBundle(await api.download(datasetId)));
      })()),
    startingWeights: () =>
      (weights ??= (async () => {
        if (task.startingModel === null) {
          return undefined;
        }
        const model = await api.model(task.startingModel.name, task.startingModel.version);
        return deserializeCheckpoint(await api.download(model.assetId)).weights;
      })()),
  };
}
