/*
 * `deuro trainer`: a worker that runs a training task's trials through its organization's
 * gateway under its own identity, coordinating with other workers only through the ledger. It
 * leases the next trial it may (trial k once trials 0..k-P are reported), computes that trial's
 * configuration with the task's TPE search from the reported trials (the same for every worker),
 * trains in fixed point on the task's data set (downloaded and decrypted here), stores the
 * checkpoint encrypted to the task's owner and the workers' organizations, and reports integer
 * metrics. It renews its lease while it trains. When every trial is reported it reduces the task
 * on chain and registers the best trial's model; then it stops. A worker that dies loses its
 * trial when the lease expires, and another runs it again: training is deterministic, so the
 * result is the same.
 */
import { setTimeout as delay } from 'node:timers/promises';

import { isCodedError } from '../errors/coded-error';
import { suggestTpeTrial } from '../gpredict/search/index';
import { exportOnnx } from '../gpredict/onnx/index';
import { sha256Hex, trainModel } from '../gpredict/training/index';
import type { TrainingTask } from '../ledger/training-ledger';
import { runUntilDone } from '../worker/retry-loop';
import type { TrainerApi } from './trainer-api';
import { taskInputs, type TaskInputs } from './task-inputs';
import { trainingConfigOf } from './trial-config';
import { allReported, leasableTrials, searchHistory } from './trial-plan';

/** Options of {@link runTrainer}. */
export interface TrainerOptions {
  readonly api: TrainerApi;
  readonly taskId: string;
  readonly signal?: AbortSignal;
  readonly log?: (line: string) => void;
  /** Wait between polls when no trial can be leased yet (default 1 s). */
  readonly idleMs?: number;
}

/** What a trainer did. */
export interface TrainerReport {
  readonly trialsReported: number;
  readonly leasesLost: number;
  readonly taskState: TrainingTask['state'];
}

/** Codes that fail a trial rather than the attempt: the configuration or the data is unusable. */
const TRIAL_FAILURES = /^DEURO_(TRAINING|FIXED|DATASET)_/;

/** The model asset of a trial's checkpoint. */
export function trialModelAssetId(taskId: string, trial: number): string {
  return `model-${taskId}-${String(trial)}`.slice(0, 128);
}

/** The model asset of a trial's weights as ONNX. */
export function trialOnnxAssetId(taskId: string, trial: number): string {
  return `onnx-${taskId}-${String(trial)}`.slice(0, 128);
}

/** Media type of the ONNX files (none is registered; this is the one in common use). */
export const ONNX_MEDIA_TYPE = 'application/x-onnx';

class Trainer {
  readonly #options: TrainerOptions;
  readonly #log: (line: string) => void;
  #inputs: TaskInputs | undefined;
  #reported = 0;
  #lost = 0;

  constructor(options: TrainerOptions) {
    this.#options = options;
    this.#log = options.log ?? (() => undefined);
  }

  async run(): Promise<TrainerReport> {
    let state: TrainingTask['state'] = 'open';
    await runUntilDone({
      step: async () => {
        const task = await this.#options.api.task(this.#options.taskId);
        state = task.state;
        if (await this.#finishIfDone(task)) {
          state = (await this.#options.api.task(task.id)).state;
          return true;
        }
        await this.#step(task);
        return false;
      },
      log: this.#log,
      ...(this.#options.signal === undefined ? {} : { signal: this.#options.signal }),
    });
    return { trialsReported: this.#reported, leasesLost: this.#lost, taskState: state };
  }

  /** Reduce and register when every trial is in. @returns Whether the task is finished. */
  async #finishIfDone(task: TrainingTask): Promise<boolean> {
    const { api } = this.#options;
    if (task.state === 'completed' || task.state === 'failed' || task.state === 'cancelled') {
      return true;
    }
    if (task.state === 'reducing') {
      await api.registerModel(task.id);
      this.#log(`task ${task.id}: model registered`);
      return true;
    }
    if (allReported(task, await api.trials(task.id)) && (await api.reduce(task.id))) {
      this.#log(`task ${task.id}: reduced`);
    }
    return false;
  }

  async #step(task: TrainingTask): Promise<void> {
    const { api } = this.#options;
    const trials = await api.trials(task.id);
    for (const number of leasableTrials(task, trials)) {
      const leased = await api.lease(task.id, number);
      if (leased !== undefined) {
        await this.#runTrial(task, number);
        return;
      }
    }
    await delay(this.#options.idleMs ?? 1000);
  }

  async #runTrial(task: TrainingTask, number: number): Promise<void> {
    const { api } = this.#options;
    const history = searchHistory(await api.trials(task.id));
    const configuration = suggestTpeTrial(
      {
        space: JSON.parse(task.searchSpace) as unknown,
        seed: task.seed,
        parallelism: task.parallelism,
        direction: 'maximize',
      },
      number,
      history,
    );
    this.#log(`trial ${String(number)}: ${JSON.stringify(configuration)}`);
    const lost = new AbortController();
    const renewal = setInterval(
      () => {
        void api.renew(task.id, number).then((held) => {
          if (!held) {
            lost.abort();
          }
        });
      },
      Math.max(1000, (task.leaseSeconds * 1000) / 3),
    );
    try {
      this.#inputs ??= taskInputs(api, task);
      const data = await this.#inputs.data();
      const initialWeights = await this.#inputs.startingWeights();
      let result: ReturnType<typeof trainModel>;
      try {
        result = trainModel(trainingConfigOf(task.id, number, configuration), data, {
          ...(initialWeights === undefined ? {} : { initialWeights }),
        });
      } catch (error) {
        // A configuration the trainer refuses fails this trial for good; anything else is tried
        // again.
        if (!isCodedError(error) || !TRIAL_FAILURES.test(error.code)) {
          throw error;
        }
        await api.fail(task.id, number, error.code, configuration);
        this.#log(`trial ${String(number)}: failed (${error.message})`);
        return;
      }
      const test = result.metrics.test ?? result.metrics.train;
      const assetId = trialModelAssetId(task.id, number);
      const readers = { readers: [task.owner.identityId], orgs: task.workerOrgs };
      await api.uploadModel({
        assetId,
        mediaType: 'application/octet-stream',
        bytes: result.checkpoint,
        ...readers,
      });
      // The weights as ONNX, taking the data set's raw pixels (0..16) as the trainer does.
      const onnx = exportOnnx(result.weights, {
        name: assetId,
        inputScale: await this.#inputs.inputScale(),
        metadata: {
          task_id: task.id,
          trial: String(number),
          checkpoint_sha256: result.checkpointSha256,
        },
      });
      const onnxAssetId = trialOnnxAssetId(task.id, number);
      await api.uploadModel({
        assetId: onnxAssetId,
        mediaType: ONNX_MEDIA_TYPE,
        bytes: onnx,
        ...readers,
      });
      if (lost.signal.aborted) {
        this.#lost++;
        this.#log(`trial ${String(number)}: lease lost while training`);
        return;
      }
      const reported = await api.report(task.id, number, {
        configuration,
        accuracyBasisPoints: test.accuracyBasisPoints,
        correct: test.correct,
        count: test.count,
        lossRaw: test.lossRaw,
        weightsSha256: result.weightsSha256,
        checkpointSha256: result.checkpointSha256,
        modelAssetId: assetId,
        onnx: { sha256: sha256Hex(onnx), assetId: onnxAssetId },
      });
      if (reported) {
        this.#reported++;
        this.#log(
          `trial ${String(number)}: accuracy ${(test.accuracyBasisPoints / 100).toFixed(2)}%, weights ${result.weightsSha256.slice(0, 12)}`,
        );
      } else {
        this.#lost++;
      }
    } finally {
      clearInterval(renewal);
    }
  }
}

/** Run a training task's trials until it is finished or `signal` aborts. */
export function runTrainer(options: TrainerOptions): Promise<TrainerReport> {
  return new Trainer(options).run();
}
