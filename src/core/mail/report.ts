// The human-readable report of a bounce: where it ends (the returned copy of the message starts), which
// lines name a failed recipient, and what the report says of the failure's class. Character readers and
// phrase lists only: the reply itself is found by the line scanner.
import { REPORT_CLASS_PHRASES, REPORT_SIGNATURES, RETURNED_MESSAGE_MARKERS } from '../data/bounceFormats';

/** An address named on a line of the report, and what the line says next to it. */
export interface Mention {
  /** Line index in the part's text. */
  line: number;
  address: string;
  /** The address opens the line (after blanks, `<`, quotes, `*`, `>` quoting, `-`): a recipient list's entry. */
  head: boolean;
  /** Column after the address and its closing `>`, `:` or `...`. */
  after: number;
  /** Column where the address (or its `<`) starts. */
  before: number;
}

const LOCAL_EXTRA = "!#$%&'*+-/=?^_`{|}~.";

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 127;
}

function isLocalChar(ch: string): boolean {
  return isAlnum(ch.charCodeAt(0)) || LOCAL_EXTRA.includes(ch);
}

function isDomainChar(ch: string): boolean {
  return isAlnum(ch.charCodeAt(0)) || ch === '-' || ch === '.';
}

/** The address whose `@` is at `at`: [start, end) columns, or null (no local part or no domain). */
export function addressAround(line: string, at: number): { start: number; end: number } | null {
  let s = at;
  while (s > 0 && at - s < 256 && isLocalChar(line[s - 1])) s--;
  let e = at + 1;
  while (e < line.length && e - at < 256 && isDomainChar(line[e])) e++;
  // A sentence's full stop is no part of the domain.
  while (e > at + 1 && (line[e - 1] === '.' || line[e - 1] === '-')) e--;
  // A sentence's full stop, a URL's slashes (`http://user@host`) are no part of the local part.
  while (s < at && (line[s] === '.' || line[s] === '/')) s++;
  if (s === at || e === at + 1) return null;
  return { start: s, end: e };
}

/** Every address on the line, in order. */
export function addressesIn(line: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (let at = line.indexOf('@'); at >= 0; at = line.indexOf('@', at + 1)) {
    const a = addressAround(line, at);
    if (a && (out.length === 0 || a.start >= out[out.length - 1].end)) out.push(a);
  }
  return out;
}

/** Opening characters of a recipient list entry: blanks, `<`, quotes, bullets, `>` quoting. */
function isLead(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '<' || ch === '"' || ch === "'" || ch === '*' || ch === '>' || ch === '-' || ch === '[';
}

/** Lines of a quoted header block or a URL, whose addresses are no recipients of the report. */
const NOT_MENTIONS = ['received:', 'from:', 'return-path:', 'message-id:', 'sender:', 'reply-to:', 'delivered-to:', 'errors-to:', 'in-reply-to:', 'references:', 'x-', 'dkim-signature:', 'authentication-results:', 'list-'];

function notMention(line: string, lead: number): boolean {
  const l = line.slice(lead, lead + 24).toLowerCase();
  return NOT_MENTIONS.some((p) => l.startsWith(p));
}

/** The addresses the line names, except in quoted header fields and inside URLs and message ids. */
export function mentionsIn(line: string, lineNo: number): Mention[] {
  if (!line.includes('@')) return [];
  let lead = 0;
  while (lead < line.length && lead < 64 && isLead(line[lead])) lead++;
  if (notMention(line, lead)) return [];
  const out: Mention[] = [];
  for (const a of addressesIn(line)) {
    const prev = line.slice(Math.max(0, a.start - 8), a.start).toLowerCase();
    // `http://user@host/…`, `cid:…@…`, `<1234.5678@host>` message ids of a `Message-ID` echoed in prose.
    if (prev.endsWith('//') || prev.endsWith('cid:') || line[a.start - 1] === '/') continue;
    let after = a.end;
    if (line[after] === '>') after++;
    if (line[after] === '"') after++;
    if (line.startsWith('...', after)) after += 3;
    else if (line[after] === ':') after++;
    let before = a.start;
    if (line[before - 1] === '<') before--;
    out.push({ line: lineNo, address: line.slice(a.start, a.end), head: a.start <= lead + 1 && before <= lead, after, before });
  }
  return out;
}

const MARKERS = RETURNED_MESSAGE_MARKERS.map((m) => m.phrase.toLowerCase());
const MARKER_FIRST = new Set(MARKERS.map((m) => m[0]));

/** True when the line opens the returned message. */
export function isReturnedMessageMarker(line: string): boolean {
  let s = 0;
  while (s < line.length && (line[s] === ' ' || line[s] === '\t')) s++;
  if (s === line.length) return false;
  // Most lines are rejected by their first character.
  if (!MARKER_FIRST.has(line[s].toLowerCase())) return false;
  const l = line.slice(s, s + 80).toLowerCase();
  return MARKERS.some((m) => l.startsWith(m));
}

/** The class the words of a report give its failures, or null when they say nothing of it. */
export function reportClass(text: string): 'permanent' | 'transient' | null {
  const l = text.toLowerCase();
  for (const p of REPORT_CLASS_PHRASES) if (l.includes(p.phrase)) return p.class;
  return null;
}

/** The help link that names the writer of a report in any language (REPORT_SIGNATURES), or null. */
export function reportSignature(text: string): string | null {
  const l = text.toLowerCase();
  return REPORT_SIGNATURES.find((x) => l.includes(x.phrase))?.phrase ?? null;
}
