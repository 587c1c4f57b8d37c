/*
 * Which transcript or captions come with a media file on a page:
 * 1. the `<track>`s of its `<audio>`/`<video>` (kinds `captions`, `subtitles`, `descriptions`,
 *    in that order; `chapters` and `metadata` are not transcripts);
 * 2. sidecar files linked from the same page with the same stem (`talk.wav` -> `talk.vtt`,
 *    `talk.txt`), those in the media file's folder first, WebVTT before plain text.
 * A media file is a link of an `<audio>`, `<video>` or `<source>`, or a link whose file
 * extension is a known audio or video one.
 */
import type { PageLink } from './links.js';

const MEDIA_EXTENSIONS = new Set([
  'wav',
  'mp3',
  'ogg',
  'oga',
  'opus',
  'flac',
  'm4a',
  'aac',
  'webm',
  'mp4',
  'm4v',
  'mov',
  'mkv',
]);
const SIDECAR_EXTENSIONS = ['vtt', 'txt'];
const TRACK_KINDS = ['captions', 'subtitles', 'descriptions'];

interface PathParts {
  readonly folder: string;
  readonly stem: string;
  readonly extension: string;
}

/** For each media link of a page, its transcript URLs, best first (media without none left out). */
export function transcriptHints(links: readonly PageLink[]): Map<string, string[]> {
  const sidecars = links.filter((link) =>
    SIDECAR_EXTENSIONS.includes(pathParts(link.url).extension),
  );
  const hints = new Map<string, string[]>();
  for (const link of links) {
    if (!isMedia(link) || hints.has(link.url)) {
      continue;
    }
    const urls = [...new Set([...tracksOf(link, links), ...sidecarsOf(link, sidecars)])];
    if (urls.length > 0) {
      hints.set(link.url, urls);
    }
  }
  return hints;
}

function isMedia(link: PageLink): boolean {
  if (link.element === 'track' || link.attribute === 'poster' || link.attribute === 'srcset') {
    return false;
  }
  return (
    ['audio', 'video', 'source'].includes(link.element) ||
    MEDIA_EXTENSIONS.has(pathParts(link.url).extension)
  );
}

function tracksOf(media: PageLink, links: readonly PageLink[]): string[] {
  if (media.mediaGroup === undefined) {
    return [];
  }
  return TRACK_KINDS.flatMap((kind) =>
    links
      .filter((link) => link.element === 'track' && link.mediaGroup === media.mediaGroup)
      .filter((track) => track.trackKind === kind)
      .map((track) => track.url),
  );
}

function sidecarsOf(media: PageLink, sidecars: readonly PageLink[]): string[] {
  const own = pathParts(media.url);
  const rank = (link: PageLink): number => {
    const parts = pathParts(link.url);
    return (parts.folder === own.folder ? 0 : 2) + SIDECAR_EXTENSIONS.indexOf(parts.extension);
  };
  return sidecars
    .filter((link) => link.element !== 'track' && pathParts(link.url).stem === own.stem)
    .sort((a, b) => rank(a) - rank(b))
    .map((link) => link.url);
}

function pathParts(url: string): PathParts {
  const { origin, pathname } = new URL(url);
  const slash = pathname.lastIndexOf('/');
  const name = pathname.slice(slash + 1);
  const dot = name.lastIndexOf('.');
  return {
    folder: `${origin}${pathname.slice(0, slash + 1)}`,
    stem: dot > 0 ? name.slice(0, dot) : name,
    extension: dot > 0 ? name.slice(dot + 1).toLowerCase() : '',
  };
}
