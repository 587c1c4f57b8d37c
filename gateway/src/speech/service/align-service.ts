/*
 * Forced alignment as a service of the gateway: requests queue for one worker thread, which keeps
 * the acoustic model loaded, so an hour of audio never blocks the event loop that serves other
 * callers. The worker starts on the first request and is replaced if it dies; it holds the
 * process open only while a request is in flight.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

import { CodedError } from '../../errors/coded-error.js';
import type { AlignOptions, Alignment } from '../align/index.js';
import type { AlignRequest, AlignResponse } from './align-messages.js';

/** What to align. */
export interface AlignInput {
  readonly samples: Float32Array;
  readonly sampleRate: number;
  readonly transcript: string;
}

/** The align service. */
export interface AlignService {
  align(input: AlignInput, options?: AlignOptions): Promise<Alignment>;
  /** Requests queued or running. */
  pending(): number;
  close(): Promise<void>;
}

/** The worker's module beside this one: `.js` when built, `.ts` under tsx. */
function workerFile(): string {
  const built = path.join(__dirname, 'align-worker.js');
  return existsSync(built) ? built : path.join(__dirname, 'align-worker.ts');
}

/** Start the service (the worker thread starts on the first request). */
export function newAlignService(): AlignService {
  let worker: Worker | undefined;
  let nextId = 1;
  const waiting = new Map<
    number,
    { resolve: (alignment: Alignment) => void; reject: (error: Error) => void }
  >();

  const failAll = (error: Error): void => {
    for (const { reject } of waiting.values()) {
      reject(error);
    }
    waiting.clear();
  };
  const started = (): Worker => {
    if (worker !== undefined) {
      return worker;
    }
    const thread = new Worker(workerFile());
    thread.on('message', (response: AlignResponse) => {
      const caller = waiting.get(response.id);
      waiting.delete(response.id);
      if (waiting.size === 0) {
        thread.unref();
      }
      if (response.error === undefined) {
        caller?.resolve(response.alignment);
      } else {
        caller?.reject(new CodedError(response.error.code, response.error.detail));
      }
    });
    thread.on('error', () => {
      worker = undefined;
      failAll(new CodedError('DEURO_INTERNAL', 'the aligner thread failed; it restarts'));
    });
    thread.on('exit', () => {
      worker = undefined;
      failAll(new CodedError('DEURO_INTERNAL', 'the aligner thread stopped'));
    });
    thread.unref();
    worker = thread;
    return thread;
  };

  return {
    align: (input, options = {}) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        waiting.set(id, { resolve, reject });
        const samples = input.samples.slice().buffer;
        const request: AlignRequest = {
          id,
          samples,
          sampleRate: input.sampleRate,
          transcript: input.transcript,
          options,
        };
        const thread = started();
        thread.ref();
        thread.postMessage(request, [samples]);
      }),
    pending: () => waiting.size,
    close: async () => {
      const thread = worker;
      worker = undefined;
      if (thread !== undefined) {
        await thread.terminate();
      }
    },
  };
}
