/*
 * gCrawl's alignment step (white paper §2.f): crawled WAV audio that came with a transcript is
 * force-aligned right after its task completes, while the crawler still holds the plaintext. The
 * TextGrid with the word and phone timings is stored encrypted like the content, and the
 * verdict, its score and the TextGrid's hash move the crawled data `crawled → verified |
 * rejected` on the ledger. A pair the aligner cannot take at all (words missing from its
 * dictionary, audio that is not WAV or too short) is rejected with that reason.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';

import { isCodedError } from '../errors/coded-error';
import { decodeWav } from '../features/audio/index.js';
import type { CrawlFetched, CrawlResult } from '../crawl/index';
import type { CrawlAlignment, CrawlJob } from '../ledger/crawl-ledger';
import { alignTranscript, loadSpeechModel, type LoadedSpeechModel } from '../speech/align/index.js';
import { alignmentToTextGrid } from '../speech/formats/index.js';
import type { CrawlerApi } from './crawler-api';
import { crawledAssetId } from './crawled-asset';

/** Who decided, as recorded on the ledger. */
export const CRAWL_ALIGNER = 'deuro-align/1 pocketsphinx-en-us';

const WAV_TYPES = new Set(['audio/wav', 'audio/x-wav', 'audio/wave', 'audio/vnd.wave']);
const TEXTGRID_MEDIA_TYPE = 'text/x-praat-textgrid';

/** The pairs of a batch the aligner should look at: fetched WAV audio with a transcript. */
export function alignablePairs(results: readonly CrawlResult[]): CrawlFetched[] {
  return results.filter(
    (result): result is CrawlFetched =>
      result.outcome !== 'failed' &&
      result.transcript !== undefined &&
      WAV_TYPES.has(result.mediaType),
  );
}

/** What one pair came to. */
export interface PairAlignment {
  readonly url: string;
  readonly alignment: CrawlAlignment;
  readonly outcome: 'recorded' | 'already';
}

/** Loads the speech model once, on the first pair that needs it. */
export function newModelCache(): () => Promise<LoadedSpeechModel> {
  let model: Promise<LoadedSpeechModel> | undefined;
  return () => (model ??= loadSpeechModel());
}

async function decide(
  api: CrawlerApi,
  job: CrawlJob,
  readers: readonly string[],
  pair: CrawlFetched,
  model: () => Promise<LoadedSpeechModel>,
): Promise<CrawlAlignment> {
  const transcript = pair.transcript?.text ?? '';
  let textGrid: string;
  let result: Awaited<ReturnType<typeof alignTranscript>>;
  try {
    const audio = decodeWav(await readFile(pair.bodyLocation));
    result = await alignTranscript(
      { samples: Float32Array.from(audio.samples), sampleRate: audio.sampleRate, transcript },
      {},
      await model(),
    );
    textGrid = alignmentToTextGrid(result);
  } catch (err) {
    if (!isCodedError(err) || err.code === 'DEURO_SPEECH_MODEL_MISSING') {
      throw err;
    }
    return {
      verdict: 'rejected',
      scoreMicro: null,
      thresholdMicro: null,
      words: null,
      textGridSha256: null,
      textGridAssetId: null,
      reason: err.code,
      aligner: CRAWL_ALIGNER,
    };
  }
  const bytes = Buffer.from(textGrid, 'utf8');
  const textGridSha256 = createHash('sha256').update(bytes).digest('hex');
  const textGridAssetId = crawledAssetId(job.id, textGridSha256);
  if (!(await api.hasContent(job.id, textGridSha256))) {
    await api.upload({
      assetId: textGridAssetId,
      kind: 'training-set',
      mediaType: TEXTGRID_MEDIA_TYPE,
      readers,
      body: () => Readable.from([bytes]),
    });
  }
  const scoreMicro = Math.round(result.verdict.score * 1e6);
  const thresholdMicro = Math.round(result.verdict.threshold * 1e6);
  return {
    verdict: scoreMicro >= thresholdMicro ? 'verified' : 'rejected',
    scoreMicro,
    thresholdMicro,
    words: result.words.length,
    textGridSha256,
    textGridAssetId,
    reason: null,
    aligner: CRAWL_ALIGNER,
  };
}

/** Align every alignable pair of a completed batch and record each verdict on the ledger. */
export async function alignCrawledPairs(
  api: CrawlerApi,
  job: CrawlJob,
  readers: readonly string[],
  results: readonly CrawlResult[],
  model: () => Promise<LoadedSpeechModel>,
): Promise<PairAlignment[]> {
  const done: PairAlignment[] = [];
  for (const pair of alignablePairs(results)) {
    const alignment = await decide(api, job, readers, pair, model);
    done.push({
      url: pair.url,
      alignment,
      outcome: await api.recordAlignment(job.id, pair.url, alignment),
    });
  }
  return done;
}
