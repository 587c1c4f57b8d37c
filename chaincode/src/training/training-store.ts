/*
 * World-state access for gPredict, under the keys listed in training-records.ts. Trial numbers
 * and versions are zero-padded so that key order is numeric order.
 */
import type { Context } from 'fabric-contract-api';

import { notFound } from '../ledger/errors';
import { readAt, writeAt } from '../ledger/state';
import type {
  ContributionRecord,
  RoundReduction,
  TrainedModelRecord,
  TrainingTaskRecord,
  TrialRecord,
} from './training-records';

type Stub = Context['stub'];

export const TASK = 'training-task';
export const TRIAL = 'training-trial';
export const CONTRIBUTION = 'training-contribution';
export const ROUND = 'training-round';
export const MODEL = 'trained-model';
export const MODEL_HEAD = 'trained-model-head';

/** A number as a fixed-width key attribute. */
export const padded = (value: number): string => String(value).padStart(6, '0');

export async function findTask(stub: Stub, id: string): Promise<TrainingTaskRecord | undefined> {
  return (await readAt(stub, TASK, [id])) as TrainingTaskRecord | undefined;
}

export async function getTask(stub: Stub, id: string): Promise<TrainingTaskRecord> {
  const task = await findTask(stub, id);
  if (task === undefined) {
    throw notFound('training task', id);
  }
  return task;
}

export async function saveTask(stub: Stub, task: TrainingTaskRecord): Promise<void> {
  await writeAt(stub, TASK, [task.id], task);
}

export async function findTrial(
  stub: Stub,
  taskId: string,
  number: number,
): Promise<TrialRecord | undefined> {
  return (await readAt(stub, TRIAL, [taskId, padded(number)])) as TrialRecord | undefined;
}

export async function saveTrial(stub: Stub, trial: TrialRecord): Promise<void> {
  await writeAt(stub, TRIAL, [trial.taskId, padded(trial.number)], trial);
}

export async function findContribution(
  stub: Stub,
  taskId: string,
  round: number,
  contributor: string,
): Promise<ContributionRecord | undefined> {
  return (await readAt(stub, CONTRIBUTION, [taskId, padded(round), contributor])) as
    ContributionRecord | undefined;
}

export async function saveContribution(stub: Stub, record: ContributionRecord): Promise<void> {
  await writeAt(
    stub,
    CONTRIBUTION,
    [record.taskId, padded(record.round), record.contributor],
    record,
  );
}

export async function findRound(
  stub: Stub,
  taskId: string,
  round: number,
): Promise<RoundReduction | undefined> {
  return (await readAt(stub, ROUND, [taskId, padded(round)])) as RoundReduction | undefined;
}

export async function saveRound(stub: Stub, record: RoundReduction): Promise<void> {
  await writeAt(stub, ROUND, [record.taskId, padded(record.round)], record);
}

export async function findModel(
  stub: Stub,
  name: string,
  version: number,
): Promise<TrainedModelRecord | undefined> {
  return (await readAt(stub, MODEL, [name, padded(version)])) as TrainedModelRecord | undefined;
}

export async function saveModel(stub: Stub, model: TrainedModelRecord): Promise<void> {
  await writeAt(stub, MODEL, [model.name, padded(model.version)], model);
  await writeAt(stub, MODEL_HEAD, [model.name], { version: model.version });
}

/** The latest version of a model name, 0 when none is registered. */
export async function modelHead(stub: Stub, name: string): Promise<number> {
  const head = (await readAt(stub, MODEL_HEAD, [name])) as { version: number } | undefined;
  return head?.version ?? 0;
}

/** Every record under a partial composite key, in key order. */
export async function recordsUnder<T>(
  stub: Stub,
  objectType: string,
  partial: string[],
): Promise<T[]> {
  const iterator = await stub.getStateByPartialCompositeKey(objectType, partial);
  const records: T[] = [];
  try {
    for (let result = await iterator.next(); !result.done; result = await iterator.next()) {
      records.push(JSON.parse(Buffer.from(result.value.value).toString('utf8')) as T);
    }
  } finally {
    await iterator.close();
  }
  return records;
}
