/*
 * The test site's HTML pages: `/` and `/pages/<i>.html`, linked in a ring plus three random
 * links each, with audio clips (and their transcripts), images, spellings of the same URL that
 * normalise to one, links a crawler must ignore (mailto:, javascript:, in comments and
 * scripts) and a page with `<base href>`.
 */
import { clipWav, sentence, solidPng, textTranscript, vttTranscript } from './site-assets.js';
import { HTML, type PlannedPath } from './site-routes.js';
import type { SeededRandom } from './seeded-random.js';

/** A fragment of a page and the normalised paths (or URLs) it links to. */
export interface PageItem {
  readonly html: string;
  readonly targets: readonly string[];
}

/** A page before rendering. */
export interface PageDraft {
  readonly path: string;
  readonly title: string;
  readonly text: string;
  readonly head: string[];
  readonly items: PageItem[];
}

/** Paths that appear only inside a comment or a script: a crawler must never ask for them. */
export const NEVER_LINKED = ['/pages/commented.html', '/pages/script.html'];

/** A link item. */
export function anchor(href: string, label: string, target: string = href): PageItem {
  return { html: `<a href="${href}">${label}</a>`, targets: [target] };
}

/** The home page and the numbered pages, with their ring and random links. */
export function pageDrafts(count: number, random: SeededRandom): PageDraft[] {
  const drafts = Array.from({ length: count }, (_, i) =>
    draft(`/pages/${String(i)}.html`, `Page ${String(i)}`, random),
  );
  drafts.forEach((page, i) => {
    page.items.push(anchor(`/pages/${String((i + 1) % count)}.html`, 'next'));
    for (let k = 0; k < 3; k++) {
      const j = random.below(count);
      page.items.push(anchor(`/pages/${String(j)}.html`, `see ${String(j)}`));
    }
    page.items.push({ html: '<a href="mailto:crawl@example.invalid">mail</a>', targets: [] });
    page.items.push({ html: '<a href="javascript:void(0)">script</a>', targets: [] });
  });
  const home = draft('/', 'Deuro crawl test site', random);
  for (let i = 0; i < Math.min(10, count); i++) {
    home.items.push(anchor(`/pages/${String(i)}.html`, `page ${String(i)}`));
  }
  addOddities(drafts, count);
  return [home, ...drafts];
}

function draft(path: string, title: string, random: SeededRandom): PageDraft {
  return { path, title, text: sentence(random), head: [], items: [] };
}

/** Links a crawler must resolve, normalise or ignore correctly. */
function addOddities(drafts: readonly PageDraft[], count: number): void {
  const at = (i: number): PageDraft => drafts[i % count] as PageDraft;
  const j = 12 % count;
  const digits = String(j).replace(/\d/g, (d) => `%3${d}`);
  at(3).items.push(
    anchor(`/pages/./${String(j)}.html#top`, 'dot segment', `/pages/${String(j)}.html`),
    anchor(`/pages/${digits}.html`, 'escaped digits', `/pages/${String(j)}.html`),
    anchor(`/pages/../pages/${String(j)}.html?`, 'empty query', `/pages/${String(j)}.html`),
    {
      html: '<a href="http://example.invalid/elsewhere.html">away</a>',
      targets: ['http://example.invalid/elsewhere.html'],
    },
  );
  at(2).items.push({
    html:
      '<!-- <a href="/pages/commented.html">old</a> -->' +
      `<script>var s = "<a href='/pages/script.html'>";</script>`,
    targets: [],
  });
  at(4).head.push('<base href="/pages/sub/">');
  at(4).items.push(anchor('../9.html', 'relative to base', `/pages/${String(9 % count)}.html`));
}

/** Audio clips with their transcripts, placed on pages; returns the clips' paths. */
export function addClips(
  drafts: readonly PageDraft[],
  clips: number,
  random: SeededRandom,
): PlannedPath[] {
  const planned: PlannedPath[] = [];
  for (let k = 0; k < clips; k++) {
    const page = drafts[1 + ((5 + 10 * k) % (drafts.length - 1))] as PageDraft;
    const base = `/media/clip-${String(k)}`;
    const style = k % 3;
    const file =
      style === 1
        ? textTranscript(sentence(random), sentence(random))
        : vttTranscript(sentence(random), sentence(random));
    const transcriptPath = `${base}.${style === 1 ? 'txt' : 'vtt'}`;
    page.items.push(clipItem(style, base));
    planned.push(
      {
        path: `${base}.wav`,
        route: { kind: 'static', mediaType: 'audio/wav', body: clipWav(k) },
        behaviour: 'ok',
        links: [],
        transcript: { path: transcriptPath, text: file.text },
      },
      {
        path: transcriptPath,
        route: {
          kind: 'static',
          mediaType: style === 1 ? 'text/plain; charset=utf-8' : 'text/vtt',
          body: Buffer.from(file.body),
        },
        behaviour: 'ok',
        links: [],
      },
    );
  }
  return planned;
}

/** A recording with its transcript, served as given (e.g. speech, matched or not). */
export interface SpeechClip {
  /** File name stem: letters, digits, `-`. */
  readonly name: string;
  readonly wav: Buffer;
  readonly transcript: string;
}

/** Speech clips under `/speech/`, linked with their plain-text transcripts from page 1. */
export function addSpeechClips(
  drafts: readonly PageDraft[],
  clips: readonly SpeechClip[],
): PlannedPath[] {
  // drafts[0] is the home page: page 1 is `/pages/1.html`.
  const page = drafts.find((draft) => draft.path === '/pages/1.html');
  if (page === undefined) {
    throw new Error('the site has no /pages/1.html to link speech clips from');
  }
  return clips.flatMap((clip) => {
    if (!/^[A-Za-z0-9-]{1,64}$/.test(clip.name)) {
      throw new Error(`speech clip name ${clip.name} must be 1-64 letters, digits or -`);
    }
    const base = `/speech/${clip.name}`;
    page.items.push(clipItem(1, base));
    return [
      {
        path: `${base}.wav`,
        route: { kind: 'static', mediaType: 'audio/wav', body: clip.wav },
        behaviour: 'ok',
        links: [],
        transcript: { path: `${base}.txt`, text: clip.transcript },
      },
      {
        path: `${base}.txt`,
        route: {
          kind: 'static',
          mediaType: 'text/plain; charset=utf-8',
          body: Buffer.from(`${clip.transcript}\n`),
        },
        behaviour: 'ok',
        links: [],
      },
    ];
  });
}

function clipItem(style: number, base: string): PageItem {
  const wav = `${base}.wav`;
  if (style === 0) {
    return {
      html: `<audio controls src="${wav}"><track kind="captions" srclang="en" src="${base}.vtt"></audio>`,
      targets: [wav, `${base}.vtt`],
    };
  }
  if (style === 1) {
    return {
      html: `<a href="${wav}">listen</a> (<a href="${base}.txt">transcript</a>)`,
      targets: [wav, `${base}.txt`],
    };
  }
  return {
    html: `<audio controls><source src="${wav}" type="audio/wav"></audio> <a href="${base}.vtt">captions</a>`,
    targets: [wav, `${base}.vtt`],
  };
}

/** Images placed on pages (one with a srcset); returns their paths. */
export function addImages(drafts: readonly PageDraft[], images: number): PlannedPath[] {
  const planned: PlannedPath[] = [];
  for (let k = 0; k < images; k++) {
    const page = drafts[1 + ((7 + 10 * k) % (drafts.length - 1))] as PageDraft;
    const path = `/img/${String(k)}.png`;
    page.items.push(
      k === 0
        ? {
            html: `<img alt="" src="${path}" srcset="${path} 1x, /img/same-0.png 2x">`,
            targets: [path, '/img/same-0.png'],
          }
        : { html: `<img alt="" src="${path}">`, targets: [path] },
    );
    planned.push({
      path,
      route: { kind: 'static', mediaType: 'image/png', body: solidPng(k) },
      behaviour: 'ok',
      links: [],
    });
  }
  return planned;
}

/** The HTML of a page and the paths it links to. */
export function renderPage(page: PageDraft): PlannedPath {
  const html =
    `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${page.title}</title>${page.head.join('')}</head>\n` +
    `<body><h1>${page.title}</h1><p>${page.text}</p>\n<ul>\n` +
    page.items.map((item) => `<li>${item.html}</li>\n`).join('') +
    '</ul></body></html>\n';
  return {
    path: page.path,
    route: { kind: 'static', mediaType: HTML, body: Buffer.from(html) },
    behaviour: 'ok',
    links: [...new Set(page.items.flatMap((item) => item.targets))],
  };
}
