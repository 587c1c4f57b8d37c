/*
 * The worker thread of the align service: it loads the speech model once and aligns one request
 * at a time, off the gateway's event loop. Errors go back as their code and detail only (the
 * message may not carry plaintext; the aligner's never does).
 */
import { parentPort } from 'node:worker_threads';

import { isCodedError } from '../../errors/coded-error.js';
import { alignTranscript, loadSpeechModel, type LoadedSpeechModel } from '../align/index.js';
import type { AlignRequest, AlignResponse } from './align-messages.js';

let model: Promise<LoadedSpeechModel> | undefined;

async function answer(request: AlignRequest): Promise<AlignResponse> {
  try {
    model ??= loadSpeechModel();
    const alignment = await alignTranscript(
      {
        samples: new Float32Array(request.samples),
        sampleRate: request.sampleRate,
        transcript: request.transcript,
      },
      request.options,
      await model,
    );
    return { id: request.id, alignment };
  } catch (error) {
    if (isCodedError(error)) {
      return { id: request.id, error: { code: error.code, detail: error.detail } };
    }
    return {
      id: request.id,
      error: { code: 'DEURO_INTERNAL', detail: 'the aligner failed unexpectedly' },
    };
  }
}

parentPort?.on('message', (request: AlignRequest) => {
  void answer(request).then((response) => parentPort?.postMessage(response));
});
