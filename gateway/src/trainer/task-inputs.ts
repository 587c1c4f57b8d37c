/*
 * What a trial trains on, fetched through the worker's own gateway: the task's data set (its
 * first data set asset, a digits bundle, split 4:1) and, for transfer learning, the starting
 * model's weights from its checkpoint asset. Each is fetched once per worker.
 */
import { splitDigits, type DigitsDataset } from '../gpredict/datasets/index';
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
  /** What the trainer multiplies raw pixels by (1 / the data set's largest pixel value). */
  inputScale(): Promise<number>;
  /** undefined unless the task starts from a registered model. */
  startingWeights(): Promise<ModelWeights | undefined>;
}

/** The inputs of `task`, through `api`. */
export function taskInputs(api: TrainerApi, task: TrainingTask): TaskInputs {
  let digits: Promise<DigitsDataset> | undefined;
  let split: Promise<TrainingData> | undefined;
  let weights: Promise<ModelWeights | undefined> | undefined;
  const dataset = (): Promise<DigitsDataset> =>
    (digits ??= (async () => {
      const [datasetId = ''] = task.datasets;
      return readDigitsBundle(await api.download(datasetId));
    })());
  return {
    data: () => (split ??= dataset().then((all) => splitDigits(all))),
    inputScale: async () => 1 / (await dataset()).maxValue,
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
