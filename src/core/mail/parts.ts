// The readable parts of a message as lines of text, what the line scanner finds in them, and how a finding
// made from a part is placed in the document: at its own lines when the part is read raw, on the part's
// header lines when its text had to be decoded.
import { createFinding, createScanner } from '../scan/engine';
import { codeAt, skipSpaces, trimEnd } from '../scan/text';
import type { Finding, FormatLabel, Range } from '../types';
import { decodeLeaf, needsDecoding, READ_TYPES } from './decode';
import type { MimeLeaf } from './mime';

export type FailureClass = 'permanent' | 'transient';

/** A readable part as text: the raw lines, or its decoded text placed on its header lines. */
export interface PartText {
  leaf: MimeLeaf;
  lines: string[];
  /** Local line 0 is document line `offset` (raw parts); null when decoded. */
  offset: number | null;
  /** Where a decoded part's findings sit. */
  anchor: Range;
  /** What was decoded, e.g. `base64 text/plain; charset=shift_jis part`. */
  decodedFrom: string | null;
  /** Local end of what is read: the returned message starts here. */
  end: number;
  dsn: boolean;
}

/** A finding in the coordinates of its part; `bare` when it is a report's bare reply line, not the scanner's. */
export interface Local {
  f: Finding;
  part: number;
  line: number;
  endLine: number;
  bare: boolean;
}

/** Words of a report, and the lines (local) they come from. */
export interface Words {
  text: string;
  from: { line: number; col: number };
  to: { line: number; col: number };
}

const MAX_WORDS_LINES = 12;
const MAX_WORDS_CHARS = 2000;

export function range(l1: number, c1: number, l2: number, c2: number): Range {
  return { start: { line: l1, character: c1 }, end: { line: l2, character: c2 } };
}

function shiftRange(r: Range | null, by: number): Range | null {
  return r && range(r.start.line + by, r.start.character, r.end.line + by, r.end.character);
}

function isBlank(s: string): boolean {
  return s.trim() === '';
}

function hasWords(s: string): boolean {
  return /[A-Za-z\u0080-\uffff]{3}/.test(s) && !garbled(s);
}

/**
 * A rule of dashes, equals signs or stars between two sections of a report, bare or framing the next section's
 * title (`----- Non-delivered information -----`, Notes' `------- Failure Reasons  --------`): no words of it.
 */
function isRule(s: string): boolean {
  const t = s.trim();
  return t.length >= 5 && (/^([-=*#_~])\1+$/.test(t) || TITLED_RULE.test(t));
}

const TITLED_RULE = /^([-=*#_~])\1{2,}[ \t][^\n]{1,80}[ \t]\1{3,}$/;

/** Bytes the reader could not decode (an 8-bit part in a charset it did not know): no words to read. */
function garbled(s: string): boolean {
  let bad = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 0xfffd) bad++;
  return bad * 3 > s.trim().length;
}

/** `s` without the characters of `chars` at its start or end, and without blanks at either end. */
function trimPunctuation(s: string, chars: string, side: 'start' | 'end'): string {
  let a = 0;
  let b = s.length;
  if (side === 'start') while (a < b && chars.includes(s[a])) a++;
  else while (b > a && chars.includes(s[b - 1])) b--;
  return s.slice(a, b).trim();
}

function indentOf(s: string): number {
  return s.length - s.trimStart().length;
}

/** Where a decoded part's findings go: its Content-Type and Content-Transfer-Encoding lines. */
function anchorOf(leaf: MimeLeaf, lines: readonly string[]): Range {
  const fields = leaf.headers.filter((h) => h.name === 'content-type' || h.name === 'content-transfer-encoding');
  if (fields.length === 0) {
    const l = Math.max(0, leaf.bodyStart - 1);
    return range(l, 0, l, lines[l]?.length ?? 0);
  }
  const first = Math.min(...fields.map((h) => h.line));
  const last = Math.max(...fields.map((h) => h.endLine));
  return range(first, 0, last, lines[last].length);
}

function describeDecoding(leaf: MimeLeaf): string {
  const how = leaf.encoding === '7bit' || leaf.encoding === '8bit' || leaf.encoding === 'binary' ? '' : `${leaf.encoding} `;
  return `${how}${leaf.type}${leaf.charset ? `; charset=${leaf.charset}` : ''} part`;
}

/** The text parts and delivery-status parts of the message, as lines. */
export async function readParts(lines: readonly string[], leaves: readonly MimeLeaf[]): Promise<PartText[]> {
  const hasPlain = leaves.some((l) => l.type === 'text/plain' && l.disposition !== 'attachment' && lines.slice(l.bodyStart, l.bodyEnd).some((x) => !isBlank(x)));
  const out: PartText[] = [];
  for (const leaf of leaves) {
    if (!READ_TYPES.has(leaf.type)) continue;
    // HTML is the other rendering of a text part: read only when there is none.
    if (leaf.type === 'text/html' && hasPlain) continue;
    const dsn = leaf.type.endsWith('delivery-status');
    const anchor = anchorOf(leaf, lines);
    if (!needsDecoding(leaf, lines)) {
      const own = lines.slice(leaf.bodyStart, leaf.bodyEnd) as string[];
      out.push({ leaf, lines: own, offset: leaf.bodyStart, anchor, decodedFrom: null, end: own.length, dsn });
      continue;
    }
    const text = await decodeLeaf(leaf, lines);
    if (text === null) continue;
    const decoded = text.split(/\r\n|\n|\r/);
    out.push({ leaf, lines: decoded, offset: null, anchor, decodedFrom: describeDecoding(leaf), end: decoded.length, dsn });
  }
  return out;
}

/** Lines [start, end) of the document through the line scanner, as a log would be. */
export function scanLines(lines: readonly string[], start: number, end: number): Finding[] {
  const s = createScanner();
  const out: Finding[] = [];
  const add = (found: readonly Finding[]) => {
    for (const f of found) {
      for (const r of [f.range, f.codeRange, f.enhancedRange]) {
        if (!r) continue;
        r.start.line += start;
        r.end.line += start;
      }
      out.push(f);
    }
  };
  for (let i = start; i < end; i++) add(s.push(lines[i]));
  add(s.end());
  return out;
}

/** What the line scanner finds in a part (up to its end), and, in a report, its bare reply lines. */
export function scanPart(p: PartText, index: number, report: boolean): Local[] {
  const s = createScanner();
  const out: Local[] = [];
  const add = (found: readonly Finding[]) => {
    for (const f of found) out.push({ f, part: index, line: f.range.start.line, endLine: f.range.end.line, bare: false });
  };
  for (let i = 0; i < p.end; i++) add(s.push(p.lines[i]));
  add(s.end());
  if (report && !p.dsn) out.push(...bareReplies(p, index, out));
  return out;
}

/**
 * Lines of a bounce's report that start with a reply code (`550 5.1.1 <a@b>... User unknown`, Yahoo's
 * `550: <a@b>: User unknown`, a `550-…` / `550 …` reply over several lines) and that the line scanner did not
 * take: outside a dialogue it reads a bare code as a reply only with more context than a report gives.
 */
function bareReplies(p: PartText, index: number, found: readonly Local[]): Local[] {
  const covered = new Set<number>();
  for (const l of found) for (let i = l.line; i <= l.endLine; i++) covered.add(i);
  const out: Local[] = [];
  for (let i = 0; i < p.end; i++) {
    const line = p.lines[i];
    const s = skipSpaces(line, 0, 8);
    if (covered.has(i) || !codeAt(line, s, line.length, ':')) continue;
    const code = line.slice(s, s + 3);
    const texts = [line.slice(s)];
    let last = i;
    while (p.lines[last][s + 3] === '-' && last + 1 < p.end && p.lines[last + 1].startsWith(code, s) && !covered.has(last + 1)) {
      last++;
      texts.push(p.lines[last].slice(s));
    }
    const end = trimEnd(p.lines[last], 0, p.lines[last].length);
    const text = texts.map((t) => (t[3] === ':' ? `${t.slice(0, 3)} ${t.slice(4).trimStart()}` : t).trimEnd()).join('\n');
    const f = createFinding({ range: range(i, s, last, end), codeRange: range(i, s, i, s + 3), enhancedRange: null, format: 'bounce', label: null, recipient: null, replyText: text });
    out.push({ f, part: index, line: i, endLine: last, bare: true });
    i = last;
  }
  return out;
}

/** A finding of a part placed in the document, for `recipient`: shifted by the part's offset, or on a decoded part's headers. */
export function place(p: PartText, f: Finding, recipient: string | null, hint?: FailureClass): Finding {
  const base = { format: f.format, label: f.label, recipient, replyText: f.replyText ?? f.explanation.text };
  if (p.offset !== null) {
    const offset = p.offset;
    // The outcome facts of the part (a DSN block's `Action:` and `Status:`) move with the reply.
    const facts = f.facts.map((x) => ({ ...x, range: shiftRange(x.range, offset) as Range }));
    return createFinding({ ...base, facts, range: shiftRange(f.range, offset) as Range, codeRange: shiftRange(f.codeRange, offset), enhancedRange: shiftRange(f.enhancedRange, offset) }, hint);
  }
  return createFinding({ ...base, range: p.anchor, codeRange: null, enhancedRange: null, decodedFrom: p.decodedFrom ?? undefined }, hint);
}

/** A finding made of a report's words (or a DSN's status and words), placed where they stand. */
export function wordsFinding(p: PartText, w: Words, text: string, format: Finding['format'], label: FormatLabel | null, recipient: string | null, hint?: FailureClass): Finding {
  if (p.offset === null) {
    return createFinding({ range: p.anchor, codeRange: null, enhancedRange: null, format, label, recipient, replyText: text, decodedFrom: p.decodedFrom ?? undefined }, hint);
  }
  const r = range(w.from.line + p.offset, w.from.col, w.to.line + p.offset, w.to.col);
  return createFinding({ range: r, codeRange: null, enhancedRange: null, format, label, recipient, replyText: text }, hint);
}

/**
 * The words of lines [from, …): one paragraph, and the next as well when the first only introduces it
 * (`For the following reason:`). A report wraps its prose at 70-odd columns, so lines are joined by spaces.
 */
function paragraph(p: PartText, from: number, until: number, first: string[] = []): Words | null {
  const parts = [...first];
  let start: { line: number; col: number } | null = null;
  let to = { line: from, col: 0 };
  let i = from;
  while (i < until && parts.length < MAX_WORDS_LINES) {
    // A list entry with nothing after its address: its words follow, perhaps after a blank line (Gmail).
    while (first.length === 0 && parts.length === 0 && i < until && i < from + 4 && (isBlank(p.lines[i]) || isRule(p.lines[i]))) i++;
    let took = false;
    for (; i < until && parts.length < MAX_WORDS_LINES && !isBlank(p.lines[i]) && !isRule(p.lines[i]); i++) {
      const line = p.lines[i];
      if (garbled(line)) continue;
      start ??= { line: i, col: indentOf(line) };
      parts.push(line.trim().slice(0, MAX_WORDS_CHARS));
      to = { line: i, col: line.trimEnd().length };
      took = true;
    }
    if (!took || !parts[parts.length - 1].endsWith(':')) break;
    // An introduction: the words it introduces follow after the blank line (or a rule).
    while (i < until && (isBlank(p.lines[i]) || isRule(p.lines[i]))) i++;
  }
  if (parts.length === first.length) return null;
  return { text: parts.join(' ').slice(0, MAX_WORDS_CHARS), from: start ?? { line: from, col: 0 }, to };
}

/** The words a report gives the address on `line` (its recipient list entry): after the address, then below it. */
export function wordsAfter(p: PartText, line: number, after: number, before: number, until: number): Words | null {
  const first = p.lines[line];
  const rest = trimPunctuation(first.slice(after, after + MAX_WORDS_CHARS), ' \t:>.,;)]', 'start');
  if (/[A-Za-z0-9\u0080-\uffff]{2}/.test(rest)) {
    const w = paragraph(p, line + 1, until, [rest]);
    if (w) return { ...w, from: { line, col: after } };
    return { text: rest.slice(0, MAX_WORDS_CHARS), from: { line, col: after }, to: { line, col: first.trimEnd().length } };
  }
  const below = paragraph(p, line + 1, until);
  if (below) return below;
  // The address closes a sentence (`User mailbox exceeds allowed size: a@b`): the words before it.
  const lead = trimPunctuation(first.slice(Math.max(0, before - MAX_WORDS_CHARS), before), ' \t:<"\'(', 'end');
  if (hasWords(lead)) return { text: lead, from: { line, col: indentOf(first) }, to: { line, col: before } };
  // A list that only names its recipients: what the report said before the list.
  return wordsBefore(p, line);
}

/** The last lines with words before `line`. */
function wordsBefore(p: PartText, line: number): Words | null {
  const kept: number[] = [];
  for (let i = line - 1; i >= 0 && kept.length < MAX_WORDS_LINES; i--) if (hasWords(p.lines[i]) && !isRule(p.lines[i])) kept.unshift(i);
  if (kept.length === 0) return null;
  const first = kept[0];
  const last = kept[kept.length - 1];
  const text = kept.map((i) => p.lines[i].trim().slice(0, MAX_WORDS_CHARS)).join(' ').slice(0, MAX_WORDS_CHARS);
  return { text, from: { line: first, col: indentOf(p.lines[first]) }, to: { line: last, col: p.lines[last].trimEnd().length } };
}

/**
 * The report's own words for a recipient it does not name (X-Failed-Recipients only): the paragraph that
 * introduces its list (`The following address(es) failed:`) with the list itself, else its first lines.
 */
export function reportWords(p: PartText): Words | null {
  for (let i = 0; i < p.end; i++) {
    const t = p.lines[i].trim();
    if (!t.endsWith(':') || !hasWords(t)) continue;
    let start = i;
    while (start > 0 && !isBlank(p.lines[start - 1])) start--;
    const w = paragraph(p, start, p.end);
    if (w) return w;
  }
  const kept: number[] = [];
  for (let i = 0; i < p.end && kept.length < MAX_WORDS_LINES; i++) if (!isBlank(p.lines[i])) kept.push(i);
  if (kept.length === 0) return null;
  const first = kept[0];
  const last = kept[kept.length - 1];
  const text = kept.map((i) => p.lines[i].trim().slice(0, MAX_WORDS_CHARS)).join(' ').slice(0, MAX_WORDS_CHARS);
  return { text, from: { line: first, col: indentOf(p.lines[first]) }, to: { line: last, col: p.lines[last].trimEnd().length } };
}
