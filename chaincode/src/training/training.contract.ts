/*
 * TrainingContract (`training`): gPredict's tasks, trials and trained models (white paper §3).
 * A task owner opens a task (data sets, optional starting model, search space, budget, seed);
 * worker identities of the allowed organizations lease trial numbers for a while measured in
 * transaction time, train, and report fixed-point integer results; once every trial is
 * reported the task is reduced on chain (sum/count, exact) and its best trial becomes the next
 * version of the task's model, with lineage. Trial k may be leased only when trials 0..k-P are
 * reported (P = parallelism), so its suggestion depends on a set of results fixed by k: any
 * organization can recompute it. Checks run in a fixed order: request (DEURO_INVALID_ARGUMENT),
 * object (DEURO_NOT_FOUND), caller (DEURO_ACCESS_DENIED, DEURO_LEASE_NOT_HELD), state
 * (DEURO_INVALID_TRANSITION). docs/gpredict.md describes the protocol.
 */
import { Context, Contract, Info, Param, Returns, Transaction } from 'fabric-contract-api';

import { findAsset } from '../assets/asset-store';
import { callerOf, type Caller } from '../identity/caller';
import { requireReaderOrg, requireWorkerOrg } from '../identity/org-access';
import { recordJson } from '../ledger/canonical-json';
import {
  accessDenied,
  alreadyExists,
  invalidArgument,
  invalidTransition,
  leaseNotHeld,
  notFound,
} from '../ledger/errors';
import { journal } from '../ledger/journal';
import { timestampIso, txTimeSeconds, txTimestampIso } from '../ledger/tx-time';
import { reduceContributions, reduceTrials } from './reduction';
import type { TrainedModelRecord, TrainingTaskRecord, TrialRecord } from './training-records';
import { parseRequest } from '../assets/request-fields';
import {
  jsonText,
  parseContribution,
  parseCreateTaskRequest,
  parseTrialResult,
} from './training-requests';
import {
  CONTRIBUTION,
  findContribution,
  findModel,
  findRound,
  findTask,
  findTrial,
  getTask,
  modelHead,
  padded,
  recordsUnder,
  saveContribution,
  saveModel,
  saveRound,
  saveTask,
  saveTrial,
  TRIAL,
} from './training-store';
import type { ContributionRecord } from './training-records';

export const TRAINING_EVENT = 'TrainingTransition';

const json = recordJson;

const nowSeconds = (ctx: Context): number => txTimeSeconds(ctx.stub);

const transitionError = invalidTransition;

function requireWorker(task: TrainingTaskRecord, caller: Caller): void {
  requireWorkerOrg(task.workerOrgs, caller, `training task ${task.id}`);
}

function requireReader(task: TrainingTaskRecord, caller: Caller): void {
  requireReaderOrg(task, task.workerOrgs, caller, `training task ${task.id}`);
}

function requireActive(task: TrainingTaskRecord): void {
  if (task.state !== 'open' && task.state !== 'running') {
    throw transitionError(`training task ${task.id} is ${task.state}`);
  }
}

function trialNumber(text: string, task: TrainingTaskRecord): number {
  const number = /^[0-9]{1,6}$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(number) || number >= task.trials) {
    throw invalidArgument(`trial must be a number from 0 to ${String(task.trials - 1)}`);
  }
  return number;
}

/** Training tasks, trials, reductions and trained models. */
@Info({
  title: 'TrainingContract',
  description: 'gPredict: training tasks, trials, reduction, models',
})
export class TrainingContract extends Contract {
  constructor() {
    super('training');
  }

  /** Open a training task owned by the caller. */
  @Transaction()
  @Param('requestJson', 'string', 'JSON request; see docs/gpredict.md')
  @Returns('string')
  async CreateTrainingTask(ctx: Context, requestJson: string): Promise<string> {
    const caller = callerOf(ctx);
    const request = parseCreateTaskRequest(requestJson);
    if ((await findTask(ctx.stub, request.id)) !== undefined) {
      throw alreadyExists('training task', request.id);
    }
    for (const dataset of request.datasets) {
      if ((await findAsset(ctx.stub, dataset)) === undefined) {
        throw notFound('data set asset', dataset);
      }
    }
    const start = request.startingModel;
    if (start !== null && (await findModel(ctx.stub, start.name, start.version)) === undefined) {
      throw notFound('trained model', `${start.name} v${String(start.version)}`);
    }
    const now = txTimestampIso(ctx.stub);
    const task: TrainingTaskRecord = {
      id: request.id,
      owner: { identityId: caller.identityId, mspId: caller.mspId },
      state: 'open',
      modelName: request.modelName,
      datasets: request.datasets,
      startingModel: start,
      searchSpace: request.searchSpace,
      searchVersion: request.searchVersion,
      trials: request.trials,
      parallelism: request.parallelism,
      seed: request.seed,
      leaseSeconds: request.leaseSeconds,
      workerOrgs: request.workerOrgs ?? [caller.mspId],
      reduction: null,
      model: null,
      createdAt: now,
      lastTxId: ctx.stub.getTxID(),
      lastTimestamp: now,
    };
    return this.#saveTask(ctx, caller, undefined, task, 'CreateTrainingTask');
  }

  /**
   * Lease trial `trial` (never leased, or its lease expired). Trials 0..trial-P must be reported:
   * their results are what the trial's suggestion is computed from.
   */
  @Transaction()
  @Param('taskId', 'string', 'The task id')
  @Param('trial', 'string', 'The trial number')
  @Returns('string')
  async LeaseTrial(ctx: Context, taskId: string, trial: string): Promise<string> {
    const caller = callerOf(ctx);
    const task = await getTask(ctx.stub, taskId);
    requireWorker(task, caller);
    requireActive(task);
    const number = trialNumber(trial, task);
    const current = await findTrial(ctx.stub, taskId, number);
    const now = nowSeconds(ctx);
    if (current !== undefined && !(current.state === 'leased' && current.leaseExpiresAt <= now)) {
      throw transitionError(
        `trial ${String(number)} is ${current.state}${current.state === 'leased' ? ` until ${String(current.leaseExpiresAt)}` : ''}`,
      );
    }
    await requireEarlierReported(ctx, task, number);
    const leased: TrialRecord = {
      taskId,
      number,
      state: 'leased',
      holder: caller.identityId,
      leaseExpiresAt: now + task.leaseSeconds,
      leases: (current?.leases ?? 0) + 1,
      result: null,
      failure: null,
      failedConfiguration: null,
      reportedBy: null,
      lastTxId: ctx.stub.getTxID(),
    };
    await saveTrial(ctx.stub, leased);
    if (task.state === 'open') {
      await saveTask(ctx.stub, {
        ...task,
        state: 'running',
        lastTxId: ctx.stub.getTxID(),
        lastTimestamp: txTimestampIso(ctx.stub),
      });
    }
    await this.#journal(
      ctx,
      caller,
      'LeaseTrial',
      `${taskId}/${String(number)}`,
      current?.state ?? null,
      'leased',
    );
    return json(leased);
  }

  /**
   * Extend the caller's lease on a trial, while it has not expired: an expired lease is lost
   * (DEURO_LEASE_NOT_HELD, `expired at ...`) even if nobody has leased the trial since.
   */
  @Transaction()
  @Param('taskId', 'string', 'The task id')
  @Param('trial', 'string', 'The trial number')
  @Returns('string')
  async RenewTrialLease(ctx: Context, taskId: string, trial: string): Promise<string> {
    const caller = callerOf(ctx);
    const task = await getTask(ctx.stub, taskId);
    const held = await this.#heldTrial(ctx, caller, task, trial);
    const now = nowSeconds(ctx);
    if (held.leaseExpiresAt <= now) {
      // Expired: the trial is free for anyone to lease, the caller included; renewing would
      // take it back silently from a worker that may be leasing it in this same block.
      throw leaseNotHeld(
        `the lease on trial ${String(held.number)} of ${taskId} expired at ${timestampIso({ seconds: held.leaseExpiresAt, nanos: 0 })}; lease the trial again`,
      );
    }
    requireActive(task);
    const renewed: TrialRecord = {
      ...held,
      leaseExpiresAt: now + task.leaseSeconds,
      lastTxId: ctx.stub.getTxID(),
    };
    await saveTrial(ctx.stub, renewed);
    await this.#journal(ctx, caller, 'RenewTrialLease', `${taskId}/${trial}`, 'leased', 'leased');
    return json(renewed);
  }

  /**
   * Report the caller's trial: its configuration and fixed-point integer metrics. Accepted while
   * the caller is the trial's holder, even after the lease expired, as long as nobody leased it
   * since: training is deterministic, so the late result is the one a new holder would report.
   */
  @Transaction()
  @Param('taskId', 'string', 'The task id')
  @Param('trial', 'string', 'The trial number')
  @Param('resultJson', 'string', 'JSON result; see docs/gpredict.md')
  @Returns('string')
  async ReportTrial(
    ctx: Context,
    taskId: string,
    trial: string,
    resultJson: string,
  ): Promise<string> {
    const caller = callerOf(ctx);
    const result = parseTrialResult(resultJson);
    const task = await getTask(ctx.stub, taskId);
    requireActive(task);
    const held = await this.#heldTrial(ctx, caller, task, trial);
    const asset = await findAsset(ctx.stub, result.modelAssetId);
    if (asset?.kind !== 'model') {
      throw invalidArgument(
        `result.modelAssetId: ${result.modelAssetId} is not a registered model asset`,
      );
    }
    const reported: TrialRecord = {
      ...held,
      state: 'reported',
      result,
      reportedBy: caller.identityId,
      leaseExpiresAt: 0,
      lastTxId: ctx.stub.getTxID(),
    };
    await saveTrial(ctx.stub, reported);
    await this.#journal(ctx, caller, 'ReportTrial', `${taskId}/${trial}`, 'leased', 'reported');
    return json(reported);
  }

  /** Report that the caller's trial failed (the trainer refused its configuration, say). */
  @Transaction()
  @Param('taskId', 'string', 'The task id')
  @Param('trial', 'string', 'The trial number')
  @Param('reason', 'string', 'A failure code, such as DEURO_TRAINING_INVALID_CONFIG')
  @Param('configurationJson', 'string', 'The configuration the trial was to train (JSON object)')
  @Returns('string')
  async ReportTrialFailure(
    ctx: Context,
    taskId: string,
    trial: string,
    reason: string,
    configurationJson: string,
  ): Promise<string> {
    const caller = callerOf(ctx);
    if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(reason)) {
      throw invalidArgument(
        'reason must be a failure code of 1-64 characters of A-Z a-z 0-9 _ . : -',
      );
    }
    const configuration = jsonText(parseRequest(configurationJson, 'configuration'));
    const task = await getTask(ctx.stub, taskId);
    requireActive(task);
    const held = await this.#heldTrial(ctx, caller, task, trial);
    const failed: TrialRecord = {
      ...held,
      state: 'failed',
      failure: reason,
      failedConfiguration: configuration,
      reportedBy: caller.identityId,
      leaseExpiresAt: 0,
      lastTxId: ctx.stub.getTxID(),
    };
    await saveTrial(ctx.stub, failed);
    await this.#journal(
      ctx,
      caller,
      'ReportTrialFailure',
      `${taskId}/${trial}`,
      'leased',
      'failed',
    );
    return json(failed);
  }

  /**
   * Reduce a task whose every trial has a result or a failure: sum/count of the metrics over the
   * reported ones, and the best trial; a task whose every trial failed ends `failed`.
   */
  @Transaction()
  @Param('taskId', 'string', 'The task id')
  @Returns('string')
  async ReduceTrainingTask(ctx: Context, taskId: string): Promise<string> {
    const caller = callerOf(ctx);
    const task = await getTask(ctx.stub, taskId);
    requireReader(task, caller);
    if (task.state !== 'running') {
      throw transitionError(
        `training task ${taskId} is ${task.state}; only a running task is reduced`,
      );
    }
    const trials = await recordsUnder<TrialRecord>(ctx.stub, TRIAL, [taskId]);
    const pending = task.trials - trials.filter((entry) => entry.state !== 'leased').length;
    if (pending > 0) {
      throw transitionError(
        `training task ${taskId} has ${String(pending)} trials without a result`,
      );
    }
    if (!trials.some((entry) => entry.state === 'reported')) {
      return this.#saveTask(ctx, caller, task, { ...task, state: 'failed' }, 'ReduceTrainingTask');
    }
    return this.#saveTask(
      ctx,
      caller,
      task,
      { ...task, state: 'reducing', reduction: reduceTrials(trials) },
      'ReduceTrainingTask',
    );
  }

  /** Register the best trial's model as the next version of the task's model name. */
  @Transaction()
  @Param('taskId', 'string', 'The task id')
  @Returns('string')
  async RegisterTrainedModel(ctx: Context, taskId: string): Promise<string> {
    const caller = callerOf(ctx);
    const task = await getTask(ctx.stub, taskId);
    requireReader(task, caller);
    const reduction = task.reduction;
    if (task.state !== 'reducing' || reduction === null) {
      throw transitionError(
        `training task ${taskId} is ${task.state}; its model is registered once it is reduced`,
      );
    }
    const best = await findTrial(ctx.stub, taskId, reduction.bestTrial);
    const result = best?.result;
    if (result === undefined || result === null) {
      throw notFound('trial result', `${taskId}/${String(reduction.bestTrial)}`);
    }
    const version = (await modelHead(ctx.stub, task.modelName)) + 1;
    const model: TrainedModelRecord = {
      name: task.modelName,
      version,
      owner: task.owner,
      configuration: result.configuration,
      weightsSha256: result.weightsSha256,
      checkpointSha256: result.checkpointSha256,
      assetId: result.modelAssetId,
      // Trials reported before ONNX exports existed have no such field.
      onnx: result.onnx ?? null,
      metrics: { accuracyBasisPoints: result.accuracyBasisPoints, lossRaw: result.lossRaw },
      lineage: {
        parent: task.startingModel,
        datasets: task.datasets,
        task: taskId,
        trial: reduction.bestTrial,
      },
      createdAt: txTimestampIso(ctx.stub),
      txId: ctx.stub.getTxID(),
    };
    await saveModel(ctx.stub, model);
    return this.#saveTask(
      ctx,
      caller,
      task,
      { ...task, state: 'completed', model: { name: model.name, version } },
      'RegisterTrainedModel',
    );
  }

  /** Stop a task (its owner). */
  @Transaction()
  @Param('taskId', 'string', 'The task id')
  @Returns('string')
  async CancelTrainingTask(ctx: Context, taskId: string): Promise<string> {
    const caller = callerOf(ctx);
    const task = await getTask(ctx.stub, taskId);
    if (task.owner.identityId !== caller.identityId) {
      throw accessDenied(`only the owner of training task ${taskId} may cancel it`);
    }
    requireActive(task);
    return this.#saveTask(ctx, caller, task, { ...task, state: 'cancelled' }, 'CancelTrainingTask');
  }

  /** A data-parallel contribution for a round: integers and their sample count, once per worker. */
  @Transaction()
  @Param('taskId', 'string', 'The task id')
  @Param('round', 'string', 'The round number')
  @Param('contributionJson', 'string', '{"values": ["<integer>", ...], "count": n}')
  @Returns('string')
  async SubmitContribution(
    ctx: Context,
    taskId: string,
    round: string,
    contributionJson: string,
  ): Promise<string> {
    const caller = callerOf(ctx);
    const contribution = parseContribution(contributionJson);
    const task = await getTask(ctx.stub, taskId);
    requireWorker(task, caller);
    requireActive(task);
    const number = roundNumber(round);
    if ((await findRound(ctx.stub, taskId, number)) !== undefined) {
      throw transitionError(
        `round ${String(number)} of ${taskId} is already reduced: the contribution is late`,
      );
    }
    if ((await findContribution(ctx.stub, taskId, number, caller.identityId)) !== undefined) {
      throw alreadyExists('contribution', `${taskId}/${String(number)}/${caller.identityId}`);
    }
    const record: ContributionRecord = {
      taskId,
      round: number,
      contributor: caller.identityId,
      ...contribution,
    };
    await saveContribution(ctx.stub, record);
    await this.#journal(
      ctx,
      caller,
      'SubmitContribution',
      `${taskId}/${String(number)}`,
      null,
      'submitted',
    );
    return json(record);
  }

  /** Reduce a round's contributions: element-wise exact sums, the count, floor(sum / count). */
  @Transaction()
  @Param('taskId', 'string', 'The task id')
  @Param('round', 'string', 'The round number')
  @Returns('string')
  async ReduceContributions(ctx: Context, taskId: string, round: string): Promise<string> {
    const caller = callerOf(ctx);
    const task = await getTask(ctx.stub, taskId);
    requireReader(task, caller);
    const number = roundNumber(round);
    if ((await findRound(ctx.stub, taskId, number)) !== undefined) {
      throw transitionError(`round ${String(number)} of ${taskId} is already reduced`);
    }
    const contributions = await recordsUnder<ContributionRecord>(ctx.stub, CONTRIBUTION, [
      taskId,
      padded(number),
    ]);
    const reduced = reduceContributions(taskId, number, contributions);
    await saveRound(ctx.stub, reduced);
    await this.#journal(
      ctx,
      caller,
      'ReduceContributions',
      `${taskId}/${String(number)}`,
      'open',
      'reduced',
    );
    return json(reduced);
  }

  /** A task. */
  @Transaction(false)
  @Param('taskId', 'string', 'The task id')
  @Returns('string')
  async GetTrainingTask(ctx: Context, taskId: string): Promise<string> {
    const task = await getTask(ctx.stub, taskId);
    requireReader(task, callerOf(ctx));
    return json(task);
  }

  /** Every trial of a task, in number order. */
  @Transaction(false)
  @Param('taskId', 'string', 'The task id')
  @Returns('string')
  async ListTrials(ctx: Context, taskId: string): Promise<string> {
    requireReader(await getTask(ctx.stub, taskId), callerOf(ctx));
    return json(await recordsUnder<TrialRecord>(ctx.stub, TRIAL, [taskId]));
  }

  /** A round's reduction. */
  @Transaction(false)
  @Param('taskId', 'string', 'The task id')
  @Param('round', 'string', 'The round number')
  @Returns('string')
  async GetContributionRound(ctx: Context, taskId: string, round: string): Promise<string> {
    requireReader(await getTask(ctx.stub, taskId), callerOf(ctx));
    const reduced = await findRound(ctx.stub, taskId, roundNumber(round));
    if (reduced === undefined) {
      throw notFound('reduced round', `${taskId}/${round}`);
    }
    return json(reduced);
  }

  /** A trained model version. */
  @Transaction(false)
  @Param('name', 'string', 'The model name')
  @Param('version', 'string', 'The version')
  @Returns('string')
  async GetTrainedModel(ctx: Context, name: string, version: string): Promise<string> {
    const model = await findModel(
      ctx.stub,
      name,
      /^[0-9]{1,6}$/.test(version) ? Number(version) : 0,
    );
    if (model === undefined) {
      throw notFound('trained model', `${name} v${version}`);
    }
    return json(model);
  }

  /**
   * The trial the caller holds: leased to it, whether or not the lease has expired (a report
   * after expiry is accepted until someone leases the trial again; RenewTrialLease refuses an
   * expired lease itself). docs/gpredict.md, "Leases and expiry".
   */
  async #heldTrial(
    ctx: Context,
    caller: Caller,
    task: TrainingTaskRecord,
    trial: string,
  ): Promise<TrialRecord> {
    const number = trialNumber(trial, task);
    const current = await findTrial(ctx.stub, task.id, number);
    if (current?.state !== 'leased' || current.holder !== caller.identityId) {
      throw leaseNotHeld(
        `trial ${String(number)} of ${task.id} is ${current?.state ?? 'not leased'}${current?.holder == null ? '' : ` by ${current.holder}`}, not leased by ${caller.identityId}`,
      );
    }
    return current;
  }

  async #saveTask(
    ctx: Context,
    caller: Caller,
    before: TrainingTaskRecord | undefined,
    after: TrainingTaskRecord,
    action: string,
  ): Promise<string> {
    const stamped = {
      ...after,
      lastTxId: ctx.stub.getTxID(),
      lastTimestamp: txTimestampIso(ctx.stub),
    };
    await saveTask(ctx.stub, stamped);
    await this.#journal(ctx, caller, action, after.id, before?.state ?? null, after.state);
    return json(stamped);
  }

  async #journal(
    ctx: Context,
    caller: Caller,
    action: string,
    id: string,
    from: string | null,
    to: string,
  ): Promise<void> {
    await journal(ctx, caller, TRAINING_EVENT, { action, targetType: 'training', id, from, to });
  }
}

/** Trials 0..number-P must be reported: they are what trial `number`'s suggestion uses. */
async function requireEarlierReported(
  ctx: Context,
  task: TrainingTaskRecord,
  number: number,
): Promise<void> {
  for (let earlier = 0; earlier <= number - task.parallelism; earlier++) {
    const before = await findTrial(ctx.stub, task.id, earlier);
    if (before === undefined || before.state === 'leased') {
      throw transitionError(
        `trial ${String(number)} needs the results of trials 0 to ${String(number - task.parallelism)}; trial ${String(earlier)} is not reported yet`,
      );
    }
  }
}

function roundNumber(text: string): number {
  const number = /^[0-9]{1,6}$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(number)) {
    throw invalidArgument('round must be a whole number from 0 to 999999');
  }
  return number;
}
