/*
 * The alignment transition of crawled audio with a transcript (white paper §2.f): a forced
 * aligner decided whether the transcript can be aligned to the audio, and the crawled data moves
 * `crawled → verified | rejected`, recording the verdict, its score as integers (no floating
 * point in state) and the hash of the TextGrid with the word and phone timings. Only verified
 * pairs become training data.
 */
import { assetIdArgument } from '../assets/asset-requests';
import { onlyFields, parseRequest, stringField, wholeNumberField } from '../assets/request-fields';
import { invalidArgument } from '../ledger/errors';
import type { CrawlAlignmentRecord } from './crawl-records';

const SHA256 = /^[0-9a-f]{64}$/;
const REASON = /^[A-Z][A-Z0-9_]{2,63}$/;
const ALIGNER = /^[A-Za-z0-9][A-Za-z0-9 ._/:+-]{0,127}$/;
/** Scores are per-frame log-likelihood ratios in millionths; far beyond any real one. */
const SCORE_LIMIT = 1_000_000_000_000;

function scoreField(value: unknown, name: string): number {
  return wholeNumberField(value, name, -SCORE_LIMIT, SCORE_LIMIT);
}

/** RecordCrawlAlignment's request, checked: verdict, score and TextGrid agree with each other. */
export function parseAlignmentRequest(text: string): CrawlAlignmentRecord {
  const request = parseRequest(text, 'alignment request');
  onlyFields(request, 'alignment request', [
    'verdict',
    'scoreMicro',
    'thresholdMicro',
    'words',
    'textGridSha256',
    'textGridAssetId',
    'reason',
    'aligner',
  ]);
  const verdict = request.verdict;
  if (verdict !== 'verified' && verdict !== 'rejected') {
    throw invalidArgument('verdict must be verified or rejected');
  }
  const aligner = stringField(
    request.aligner,
    'aligner',
    ALIGNER,
    'the aligner and model that decided (1-128 characters)',
  );
  if (request.reason !== undefined && request.reason !== null) {
    // The aligner could not run on this pair (e.g. words missing from its dictionary).
    const reason = stringField(
      request.reason,
      'reason',
      REASON,
      'an error code such as DEURO_SPEECH_UNKNOWN_WORDS',
    );
    if (verdict !== 'rejected') {
      throw invalidArgument('a pair with a reason it could not be aligned must be rejected');
    }
    for (const field of [
      'scoreMicro',
      'thresholdMicro',
      'words',
      'textGridSha256',
      'textGridAssetId',
    ]) {
      if (request[field] !== undefined && request[field] !== null) {
        throw invalidArgument(`${field} must be absent when reason is given`);
      }
    }
    return {
      verdict,
      scoreMicro: null,
      thresholdMicro: null,
      words: null,
      textGridSha256: null,
      textGridAssetId: null,
      reason,
      aligner,
    };
  }
  const scoreMicro = scoreField(request.scoreMicro, 'scoreMicro');
  const thresholdMicro = scoreField(request.thresholdMicro, 'thresholdMicro');
  if (scoreMicro >= thresholdMicro !== (verdict === 'verified')) {
    throw invalidArgument(
      `verdict ${verdict} contradicts scoreMicro ${String(scoreMicro)} against thresholdMicro ${String(thresholdMicro)} (verified exactly when score >= threshold)`,
    );
  }
  return {
    verdict,
    scoreMicro,
    thresholdMicro,
    words: wholeNumberField(request.words, 'words', 1, 1_000_000),
    textGridSha256: stringField(
      request.textGridSha256,
      'textGridSha256',
      SHA256,
      'the SHA-256 of the TextGrid, 64 lowercase hex digits',
    ),
    textGridAssetId: assetIdArgument(request.textGridAssetId, 'textGridAssetId'),
    reason: null,
    aligner,
  };
}
