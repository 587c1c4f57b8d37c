/*
 * WebVTT (W3C WebVTT, the caption format of HTML's `<track>`) to cues and plain text. The
 * file must start with `WEBVTT`; blocks are separated by blank lines; `NOTE`, `STYLE` and
 * `REGION` blocks and cue identifiers and settings are skipped; cue text loses its tags
 * (`<v Speaker>`, `<c.loud>`, `<b>`, `<00:01.000>`) and has its character references decoded.
 * A block without a valid timing line is skipped, as the WebVTT parser does.
 */
import { CrawlError } from './crawl-error.js';

/** One cue. */
export interface WebVttCue {
  /** Start time in seconds. */
  readonly start: number;
  /** End time in seconds. */
  readonly end: number;
  /** The cue's text without markup; its lines joined with a space. */
  readonly text: string;
}

const TIMESTAMP = String.raw`(?:(\d+):)?([0-5]\d):([0-5]\d)\.(\d{3})`;
const TIMING = new RegExp(`^${TIMESTAMP}[ \\t]+-->[ \\t]+${TIMESTAMP}(?:[ \\t].*)?$`);
const REFERENCES: ReadonlyMap<string, string> = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
  ['nbsp', '\u00a0'],
  ['lrm', '\u200e'],
  ['rlm', '\u200f'],
]);

/**
 * The cues of a WebVTT file.
 * @throws CrawlError `DEURO_CRAWL_INVALID_TRANSCRIPT` when the text does not start with the
 * `WEBVTT` signature.
 */
export function parseWebVtt(text: string): WebVttCue[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  if (!/^WEBVTT(?:[ \t].*)?$/.test(lines[0] ?? '')) {
    throw new CrawlError('DEURO_CRAWL_INVALID_TRANSCRIPT', 'a WebVTT file must start with WEBVTT');
  }
  const cues: WebVttCue[] = [];
  for (const block of blocks(lines.slice(1))) {
    const cue = parseCue(block);
    if (cue !== undefined) {
      cues.push(cue);
    }
  }
  return cues;
}

/**
 * The plain text of a WebVTT file: one line per cue, empty cues left out.
 * @throws CrawlError `DEURO_CRAWL_INVALID_TRANSCRIPT` as {@link parseWebVtt}.
 */
export function webVttToText(text: string): string {
  return parseWebVtt(text)
    .map((cue) => cue.text)
    .filter((line) => line !== '')
    .join('\n');
}

function* blocks(lines: readonly string[]): Generator<string[]> {
  let block: string[] = [];
  for (const line of lines) {
    if (line.trim() === '') {
      if (block.length > 0) {
        yield block;
      }
      block = [];
    } else {
      block.push(line);
    }
  }
  if (block.length > 0) {
    yield block;
  }
}

function parseCue(block: readonly string[]): WebVttCue | undefined {
  const timingAt = block.findIndex((line) => line.includes('-->'));
  if (timingAt < 0 || timingAt > 1 || /^(?:NOTE|STYLE|REGION)(?:[ \t]|$)/.test(block[0] ?? '')) {
    return undefined;
  }
  const timing = TIMING.exec(block[timingAt]?.trim() ?? '');
  if (timing === null) {
    return undefined;
  }
  return {
    start: seconds(timing.slice(1, 5)),
    end: seconds(timing.slice(5, 9)),
    text: block
      .slice(timingAt + 1)
      .map(cueTextLine)
      .filter((line) => line !== '')
      .join(' '),
  };
}

function seconds([hours, minutes, secs, millis]: readonly (string | undefined)[]): number {
  return Number(hours ?? 0) * 3600 + Number(minutes) * 60 + Number(secs) + Number(millis) / 1000;
}

function cueTextLine(line: string): string {
  return line
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (match, body: string) => {
      if (body.startsWith('#')) {
        const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : Number(body.slice(1));
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : match;
      }
      return REFERENCES.get(body) ?? match;
    })
    .replace(/\s+/g, ' ')
    .trim();
}
