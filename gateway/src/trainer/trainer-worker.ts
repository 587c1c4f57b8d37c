/*
 * `deuro trainer`: a worker that runs a training task's trials through its organization's
 * gateway under its own identity, coordinating with other workers only through the ledger. It
 * leases the next trial it may (trial k once trials 0..k-P are reported), computes that trial's
 * configuration with the task's TPE search from the reported trials (the same for every worker),
 * trains in fixed point on the task's data set (downloaded and decrypted here), stores the
 * checkpoint encrypted to the task's owner and the workers' organizations, and reports integer
 * metrics. It renews its lease while it trains: training runs in a worker thread
 * (train-in-thread.ts), so the renewal timer of the main thread keeps firing, and a refused
 * renewal stops the thread. When every trial is reported it reduces the task on chain and
 * registers the best trial's model; then it stops. A worker that dies loses its trial when the
 * lease expires, and another runs it again: training is deterministic, so the result is the
 * same.
 */
import { setTimeout as delay } from 'node:timers/promises';

import { isCodedError } from '../errors/coded-error';
import {
  suggestTpeTrial,
  tpeSettingsOfVersion,
  UNRECORDED_SEARCH_VERSION,
} from '../gpredict/search/index';
import { exportOnnx } from '../gpredict/onnx/index';
import { sha256Hex, type TrainingResult } from '../gpredict/training/index';
import type { TrainingTask } from '../ledger/training-ledger';
import { runUntilDone } from '../worker/retry-loop';
import type { TrainerApi } from './trainer-api';
import { taskInputs, type TaskInputs } from './task-inputs';
import { trainInThread } from './train-in-thread';
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
  /** How often to renew a lease while training (default a third of the lease time, ≥ 1 s). */
  readonly renewEveryMs?: number;
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

/** Where a trial's checkpoint and ONNX export were stored. */
interface StoredTrial {
  readonly result: TrainingResult;
  readonly assetId: string;
  readonly onnx: { readonly sha256: string; readonly assetId: string };
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
    const configuration = await this.#configurationOf(task, number);
    this.#log(`trial ${String(number)}: ${JSON.stringify(configuration)}`);
    const renewal = this.#renewWhileHeld(task, number);
    try {
      const result = await this.#train(task, number, configuration, renewal.lost);
      if (result === 'failed') {
        return;
      }
      const stored = result === 'lost' ? undefined : await this.#store(task, number, result);
      // No renewal in flight while reporting: both write the trial, and would conflict.
      await renewal.stop();
      if (stored === undefined || renewal.lost.aborted) {
        this.#lost++;
        this.#log(`trial ${String(number)}: lease lost before the result was reported`);
        return;
      }
      await this.#report(task, number, configuration, stored);
    } finally {
      await renewal.stop();
    }
  }

  /** Trial `number`'s configuration: TPE over exactly the trials it may depend on. */
  async #configurationOf(task: TrainingTask, number: number): Promise<Record<string, unknown>> {
    const history = searchHistory(await this.#options.api.trials(task.id));
    return suggestTpeTrial(
      {
        ...tpeSettingsOfVersion(task.searchVersion ?? UNRECORDED_SEARCH_VERSION),
        space: JSON.parse(task.searchSpace) as unknown,
        seed: task.seed,
        parallelism: task.parallelism,
        direction: 'maximize',
      },
      number,
      history,
    );
  }

  /**
   * Renew the lease on trial `number` every third of the lease time (or `renewEveryMs`) until
   * stopped; `stop` resolves once no renewal is in flight. `lost` aborts when the ledger refuses a
   * renewal; an error (the gateway unreachable for a moment) is logged and the next renewal
   * tried.
   */
  #renewWhileHeld(
    task: TrainingTask,
    number: number,
  ): { lost: AbortSignal; stop: () => Promise<void> } {
    const { api } = this.#options;
    const lost = new AbortController();
    let inFlight: Promise<void> = Promise.resolve();
    const renewal = setInterval(
      () => {
        inFlight = api.renew(task.id, number).then(
          (held) => {
            if (!held) {
              lost.abort();
            }
          },
          (error: unknown) => {
            this.#log(
              `trial ${String(number)}: renewal failed (${error instanceof Error ? error.message : String(error)}); trying again`,
            );
          },
        );
      },
      this.#options.renewEveryMs ?? Math.max(1000, (task.leaseSeconds * 1000) / 3),
    );
    return {
      lost: lost.signal,
      stop: () => {
        clearInterval(renewal);
        return inFlight;
      },
    };
  }

  /**
   * Train the trial in a worker thread, so the renewals above keep running.
   * @returns The result; 'failed' when the trainer refused the configuration or data (reported
   * as the trial's failure); 'lost' when the lease was lost meanwhile.
   */
  async #train(
    task: TrainingTask,
    number: number,
    configuration: Record<string, unknown>,
    lost: AbortSignal,
  ): Promise<TrainingResult | 'failed' | 'lost'> {
    const { api } = this.#options;
    try {
      this.#inputs ??= taskInputs(api, task);
      const data = await this.#inputs.data();
      const initialWeights = await this.#inputs.startingWeights();
      const config = trainingConfigOf(task.id, number, configuration);
      this.#log(`trial ${String(number)}: training`);
      const result = await trainInThread(
        { config, data, ...(initialWeights === undefined ? {} : { initialWeights }) },
        lost,
      );
      return result ?? 'lost';
    } catch (error) {
      // A configuration the trainer refuses fails this trial for good; anything else is tried
      // again.
      if (!isCodedError(error) || !TRIAL_FAILURES.test(error.code)) {
        throw error;
      }
      await api.fail(task.id, number, error.code, configuration);
      this.#log(`trial ${String(number)}: failed (${error.message})`);
      return 'failed';
    }
  }

  /** Store the checkpoint and the ONNX export, encrypted to the owner and the worker orgs. */
  async #store(task: TrainingTask, number: number, result: TrainingResult): Promise<StoredTrial> {
    const { api } = this.#options;
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
      inputScale: await (this.#inputs ?? taskInputs(api, task)).inputScale(),
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
    return { result, assetId, onnx: { sha256: sha256Hex(onnx), assetId: onnxAssetId } };
  }

  async #report(
    task: TrainingTask,
    number: number,
    configuration: Record<string, unknown>,
    stored: StoredTrial,
  ): Promise<void> {
    const { result } = stored;
    const test = result.metrics.test ?? result.metrics.train;
    const reported = await this.#options.api.report(task.id, number, {
      configuration,
      accuracyBasisPoints: test.accuracyBasisPoints,
      correct: test.correct,
      count: test.count,
      lossRaw: test.lossRaw,
      weightsSha256: result.weightsSha256,
      checkpointSha256: result.checkpointSha256,
      modelAssetId: stored.assetId,
      onnx: stored.onnx,
    });
    if (reported) {
      this.#reported++;
      this.#log(
        `trial ${String(number)}: accuracy ${(test.accuracyBasisPoints / 100).toFixed(2)}%, weights ${result.weightsSha256.slice(0, 12)}`,
      );
    } else {
      this.#lost++;
    }
  }
}

/** Run a training task's trials until it is finished or `signal` aborts. */
export function runTrainer(options: TrainerOptions): Promise<TrainerReport> {
  return new Trainer(options).run();
}
