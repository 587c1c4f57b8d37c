/*
 * A small HTML tag tokenizer, enough to find links without a DOM: start tags with their
 * attributes (names lowercase, the first of duplicates kept, character references decoded),
 * end tags, and nothing else. It follows the HTML parsing rules that matter for links:
 * comments, doctypes and processing instructions are skipped; the contents of raw-text and
 * RCDATA elements (`script`, `style`, `textarea`, `title`, ...) are not markup; attribute values
 * may be double-, single- or unquoted. Malformed markup never throws: it is read as text.
 */

/** A start tag. */
export interface StartTag {
  readonly type: 'start';
  /** Lowercase tag name. */
  readonly name: string;
  /** Attributes by lowercase name, values decoded. */
  readonly attributes: ReadonlyMap<string, string>;
}

/** An end tag. */
export interface EndTag {
  readonly type: 'end';
  readonly name: string;
}

/** A tag found in HTML. */
export type HtmlTag = StartTag | EndTag;

const RAW_TEXT = new Set([
  'script',
  'style',
  'textarea',
  'title',
  'xmp',
  'iframe',
  'noembed',
  'noframes',
]);
const NAMED_REFERENCES: ReadonlyMap<string, string> = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
  ['nbsp', '\u00a0'],
]);
const REFERENCE = /&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z][a-zA-Z0-9]{0,31})(;?)/g;

/** The tags of an HTML document, in order. */
export function* htmlTags(html: string): Generator<HtmlTag> {
  let pos = 0;
  for (;;) {
    const lt = html.indexOf('<', pos);
    if (lt < 0) {
      return;
    }
    const next = html.charAt(lt + 1);
    if (html.startsWith('<!--', lt)) {
      pos = skipPast(html, '-->', lt + 4);
    } else if (next === '!' || next === '?') {
      pos = skipPast(html, '>', lt + 2);
    } else if (next === '/' && isAsciiLetter(html.charAt(lt + 2))) {
      const name = readName(html, lt + 2);
      yield { type: 'end', name: name.toLowerCase() };
      pos = skipPast(html, '>', lt + 2 + name.length);
    } else if (isAsciiLetter(next)) {
      const { tag, end } = readStartTag(html, lt + 1);
      yield tag;
      pos = RAW_TEXT.has(tag.name) ? skipRawText(html, tag.name, end) : end;
    } else {
      pos = lt + 1;
    }
  }
}

/** Decode the character references of an attribute value (HTML's attribute rules). */
export function decodeCharacterReferences(value: string): string {
  if (!value.includes('&')) {
    return value;
  }
  return value.replace(REFERENCE, (match, body: string, semicolon: string, offset: number) => {
    if (body.startsWith('#')) {
      return numericReference(body);
    }
    const named = NAMED_REFERENCES.get(body);
    const after = value.charAt(offset + match.length);
    if (named === undefined || (semicolon === '' && (after === '=' || !legacyName(body)))) {
      return match;
    }
    return named;
  });
}

function legacyName(name: string): boolean {
  return name === 'amp' || name === 'lt' || name === 'gt' || name === 'quot';
}

function numericReference(body: string): string {
  const code =
    body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : Number(body.slice(1));
  const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
  return valid ? String.fromCodePoint(code) : '\ufffd';
}

function readStartTag(html: string, from: number): { tag: StartTag; end: number } {
  const name = readName(html, from);
  const attributes = new Map<string, string>();
  let i = from + name.length;
  for (;;) {
    i = skipWhile(html, i, (c) => isSpace(c) || c === '/');
    if (i >= html.length || html[i] === '>') {
      return { tag: { type: 'start', name: name.toLowerCase(), attributes }, end: i + 1 };
    }
    i = readAttribute(html, i, attributes);
  }
}

function readAttribute(html: string, from: number, attributes: Map<string, string>): number {
  let i = skipWhile(html, from + 1, (c) => !isSpace(c) && c !== '/' && c !== '>' && c !== '=');
  const name = html.slice(from, i).toLowerCase();
  i = skipWhile(html, i, isSpace);
  let value = '';
  if (html[i] === '=') {
    i = skipWhile(html, i + 1, isSpace);
    ({ value, end: i } = readValue(html, i));
  }
  if (!attributes.has(name)) {
    attributes.set(name, decodeCharacterReferences(value));
  }
  return i;
}

function readValue(html: string, from: number): { value: string; end: number } {
  const quote = html[from];
  if (quote === '"' || quote === "'") {
    const close = html.indexOf(quote, from + 1);
    const end = close < 0 ? html.length : close;
    return { value: html.slice(from + 1, end), end: end + 1 };
  }
  const end = skipWhile(html, from, (c) => !isSpace(c) && c !== '>');
  return { value: html.slice(from, end), end };
}

function readName(html: string, from: number): string {
  return html.slice(
    from,
    skipWhile(html, from, (c) => !isSpace(c) && c !== '/' && c !== '>'),
  );
}

function skipRawText(html: string, name: string, from: number): number {
  const close = new RegExp(`</${name}(?=[\\s/>]|$)`, 'gi');
  close.lastIndex = from;
  return close.exec(html)?.index ?? html.length;
}

function skipPast(html: string, marker: string, from: number): number {
  const at = html.indexOf(marker, from);
  return at < 0 ? html.length : at + marker.length;
}

function skipWhile(html: string, from: number, keep: (c: string) => boolean): number {
  let i = from;
  while (i < html.length && keep(html.charAt(i))) {
    i++;
  }
  return i;
}

function isSpace(c: string): boolean {
  return c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === '\f';
}

function isAsciiLetter(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
