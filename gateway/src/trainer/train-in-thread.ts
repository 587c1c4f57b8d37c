/*
 * Training off the event loop. A trial trains for seconds to minutes of pure computation; run in
 * the trainer's main thread it would block the timers that renew its lease, which would expire
 * under it. So each trial trains in a worker thread (training-thread.ts) while the main thread
 * keeps renewing. The thread runs the same trainModel on a structured clone of the same inputs
 * (typed arrays and plain objects, copied bit for bit), so the weights are bit-identical to
 * training in place. A lost lease terminates the thread: the work would be refused anyway.
 */
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';

import { CodedError } from '../errors/coded-error';
import type {
  ModelWeights,
  TrainingConfig,
  TrainingData,
  TrainingResult,
} from '../gpredict/training/index';

/** What the training thread trains. */
export interface ThreadRequest {
  readonly config: TrainingConfig;
  readonly data: TrainingData;
  readonly initialWeights?: ModelWeights;
}

/** What the training thread posts back, once. */
export type ThreadReply =
  | { readonly kind: 'trained'; readonly result: TrainingResult }
  | { readonly kind: 'refused'; readonly code: string; readonly detail: string }
  | { readonly kind: 'crashed'; readonly message: string };

/** The thread's entry: training-thread.js once built, training-thread.ts under tsx. */
const ENTRY = join(__dirname, `training-thread${extname(__filename)}`);

function startThread(request: ThreadRequest): Worker {
  if (extname(ENTRY) === '.ts') {
    // Run from TypeScript (unit tests, `node --import tsx`): a worker thread does not get the
    // parent's tsx hooks, so it registers tsx's CommonJS hook before it loads the entry.
    const tsx = JSON.stringify(require.resolve('tsx/cjs'));
    return new Worker(`require(${tsx}); require(${JSON.stringify(ENTRY)});`, {
      eval: true,
      workerData: request,
    });
  }
  return new Worker(ENTRY, { workerData: request });
}

/** The result, or the error to throw in the trainer's thread. */
function outcomeOf(reply: ThreadReply): TrainingResult | Error {
  switch (reply.kind) {
    case 'trained':
      return reply.result;
    case 'refused':
      return new CodedError(reply.code, reply.detail);
    case 'crashed':
      return new Error(`the training thread failed: ${reply.message}`);
  }
}

/**
 * Train `request` in a worker thread; the caller's event loop keeps running meanwhile.
 * @returns The training result, or undefined when `signal` aborted (the thread is terminated).
 * @throws CodedError with the trainer's code (`DEURO_TRAINING_*`, `DEURO_FIXED_*`) when it refuses
 * the configuration or the data; Error when the thread fails otherwise.
 */
export function trainInThread(
  request: ThreadRequest,
  signal?: AbortSignal,
): Promise<TrainingResult | undefined> {
  if (signal?.aborted === true) {
    return Promise.resolve(undefined);
  }
  return new Promise((resolve, reject) => {
    const thread = startThread(request);
    const onAbort = (): void => {
      void thread.terminate();
      resolve(undefined);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    thread.once('message', (reply: ThreadReply) => {
      const outcome = outcomeOf(reply);
      if (outcome instanceof Error) {
        reject(outcome);
      } else {
        resolve(outcome);
      }
    });
    thread.once('error', reject);
    thread.once('exit', (code) => {
      signal?.removeEventListener('abort', onAbort);
      // After a message or an abort this changes nothing: the promise is settled already.
      reject(new Error(`the training thread exited (code ${String(code)}) without a result`));
    });
  });
}
