/*
 * The entry of the training worker thread started by train-in-thread.ts: it trains the trial it
 * is given (`workerData`) with the same trainModel on the same data as the main thread would, and
 * posts the result, or the refusal's code and detail, once. Fixed-point training depends on
 * nothing but its inputs, so the result is bit-identical to training in the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';

import { isCodedError } from '../errors/coded-error';
import { trainModel } from '../gpredict/training/index';
import type { ThreadReply, ThreadRequest } from './train-in-thread';

function train(request: ThreadRequest): ThreadReply {
  try {
    const result = trainModel(
      request.config,
      request.data,
      request.initialWeights === undefined ? {} : { initialWeights: request.initialWeights },
    );
    return { kind: 'trained', result };
  } catch (error) {
    if (isCodedError(error)) {
      return { kind: 'refused', code: error.code, detail: error.detail };
    }
    return { kind: 'crashed', message: error instanceof Error ? error.message : String(error) };
  }
}

parentPort?.postMessage(train(workerData as ThreadRequest));
