/*
 * The trainer's gateway calls, over the CLI's gateway client (REST, the worker's credentials).
 * Refusals that are part of the protocol (the trial is someone else's or not leasable yet, the
 * lease was lost, the task is not ready to reduce, the model is registered already, the
 * checkpoint asset exists from an earlier attempt) come back as values, not errors.
 */
import type { TrainedModel, TrainingTask, Trial } from '../ledger/training-ledger';
import type { TrainerApi } from '../trainer/trainer-api';
import { unlessRefused } from './cli-error';
import type { GatewayClient } from './gateway-client';
import { uploadBytes } from './asset-upload';
import { downloadDecryptedBytes } from './verified-download';

const task = (taskId: string): string => `/v1/training/tasks/${encodeURIComponent(taskId)}`;
const trial = (taskId: string, number: number): string =>
  `${task(taskId)}/trials/${String(number)}`;

/** A TrainerApi over a gateway client, decrypting with the keys in `home`. */
export function newTrainerGatewayApi(gateway: GatewayClient, home: string): TrainerApi {
  const succeeded = async (call: () => Promise<unknown>): Promise<boolean> => {
    await call();
    return true;
  };
  return {
    whoAmI: () => gateway.json('GET', '/v1/me'),
    task: (taskId) => gateway.json<TrainingTask>('GET', task(taskId)),
    trials: (taskId) => gateway.json<Trial[]>('GET', `${task(taskId)}/trials`),
    lease: (taskId, number) =>
      unlessRefused(
        () => gateway.json<Trial | undefined>('POST', `${trial(taskId, number)}/lease`),
        ['DEURO_INVALID_TRANSITION', 'DEURO_LEDGER_CONFLICT'],
        undefined,
      ),
    renew: (taskId, number) =>
      unlessRefused(
        () => succeeded(() => gateway.json('POST', `${trial(taskId, number)}/renewal`)),
        ['DEURO_LEASE_NOT_HELD', 'DEURO_INVALID_TRANSITION'],
        false,
      ),
    report: (taskId, number, result) =>
      unlessRefused(
        () => succeeded(() => gateway.json('POST', `${trial(taskId, number)}/result`, result)),
        ['DEURO_LEASE_NOT_HELD'],
        false,
      ),
    fail: (taskId, number, reason, configuration) =>
      unlessRefused(
        () =>
          succeeded(() =>
            gateway.json('POST', `${trial(taskId, number)}/failure`, { reason, configuration }),
          ),
        ['DEURO_LEASE_NOT_HELD'],
        false,
      ),
    reduce: (taskId) =>
      unlessRefused(
        () => succeeded(() => gateway.json('POST', `${task(taskId)}/reduction`)),
        ['DEURO_INVALID_TRANSITION', 'DEURO_LEDGER_CONFLICT'],
        false,
      ),
    registerModel: (taskId) =>
      unlessRefused(
        () => succeeded(() => gateway.json('POST', `${task(taskId)}/model`)),
        ['DEURO_INVALID_TRANSITION', 'DEURO_LEDGER_CONFLICT'],
        false,
      ),
    model: (name, version) =>
      gateway.json<TrainedModel>(
        'GET',
        `/v1/models/${encodeURIComponent(name)}/versions/${String(version)}`,
      ),
    download: (assetId) => downloadDecryptedBytes(gateway, home, assetId),
    uploadModel: (request) =>
      unlessRefused(
        async () => {
          await uploadBytes(
            gateway,
            {
              id: request.assetId,
              kind: 'model',
              mediaType: request.mediaType,
              readers: request.readers,
              orgs: request.orgs,
            },
            request.bytes,
          );
          return 'stored' as const;
        },
        ['DEURO_ALREADY_EXISTS'],
        'exists' as const,
      ),
  };
}
