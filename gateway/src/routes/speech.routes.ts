/*
 * Speech over REST (docs/speech.md): forced alignment of a recording to its transcript (white
 * paper §2.f), answered with a verdict, word and phone timings as JSON, a Praat TextGrid or CTM.
 * The recording is decoded here and aligned on the align service's worker thread; nothing is
 * stored or registered (gCrawl records its alignments on the ledger itself).
 */
import type { Request } from 'express';

import { ApiError } from '../errors/api-error';
import { decodeWav } from '../features/audio/index.js';
import { defineRoute, type Route } from '../http/route';
import { alignmentToCtm, alignmentToJson, alignmentToTextGrid } from '../speech/formats/index.js';
import type { AlignService } from '../speech/service/align-service';

const WAV_TYPES = ['audio/wav', 'audio/x-wav', 'audio/wave', 'audio/vnd.wave'];
const MAX_TRANSCRIPT = 20_000;

/** What the speech routes need. */
export interface SpeechRouteDependencies {
  readonly aligner: AlignService;
  /** The largest recording accepted, in bytes. */
  readonly maxAudioBytes: number;
}

async function bodyOf(req: Request, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      throw new ApiError(
        'DEURO_PAYLOAD_TOO_LARGE',
        `a recording to align is at most ${String(maxBytes)} bytes`,
      );
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The speech routes. */
export function newSpeechRoutes(deps: SpeechRouteDependencies): Route[] {
  return [
    defineRoute(
      {
        method: 'post',
        path: '/v1/align',
        operationId: 'alignTranscript',
        summary:
          'Force-align a WAV recording to its transcript: a verdict (can this transcript be aligned to this audio?) with a score, and word and phone timings as JSON, a Praat TextGrid or CTM',
        tags: ['speech'],
        authenticated: true,
        queryParameters: {
          transcript: { type: 'string', minLength: 1, maxLength: MAX_TRANSCRIPT },
          format: { type: 'string', enum: ['json', 'textgrid', 'ctm'] },
        },
        requestBody: { contentType: 'audio/wav', schema: { type: 'string', format: 'binary' } },
        responses: {
          '200': {
            description:
              'The alignment: JSON (verdict, words, phones), a TextGrid or CTM as asked by format',
          },
        },
      },
      async (req, res) => {
        const query = req.query as Record<string, unknown>;
        const transcript = typeof query.transcript === 'string' ? query.transcript : '';
        if (transcript === '') {
          throw new ApiError(
            'DEURO_VALIDATION_FAILED',
            'the transcript query parameter is required',
            {
              errors: [{ pointer: '/query/transcript', detail: 'required' }],
            },
          );
        }
        if (!req.is([...WAV_TYPES, 'application/octet-stream'])) {
          throw new ApiError(
            'DEURO_UNSUPPORTED_MEDIA_TYPE',
            'send the recording as a WAV file with Content-Type: audio/wav',
          );
        }
        const audio = decodeWav(await bodyOf(req, deps.maxAudioBytes));
        const alignment = await deps.aligner.align({
          samples: Float32Array.from(audio.samples),
          sampleRate: audio.sampleRate,
          transcript,
        });
        if (query.format === 'textgrid') {
          res.type('text/plain; charset=utf-8').send(alignmentToTextGrid(alignment));
        } else if (query.format === 'ctm') {
          res.type('text/plain; charset=utf-8').send(alignmentToCtm(alignment));
        } else {
          res.type('application/json').send(alignmentToJson(alignment));
        }
      },
    ),
  ];
}
