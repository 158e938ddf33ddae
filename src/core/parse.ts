import type { ParsedReply } from './types';

// Every pattern here is linear: no nested quantifiers, bounded repetitions, lookarounds of one
// character. They are checked by recheck in test/core/regexSafety.test.ts.

/** A basic code at the start of a line: `550 `, `550-`, `550` alone. */
export const LEADING_BASIC = /^[2-5][0-9]{2}(?=[ \t-]|$)/;
/** A basic code anywhere, not inside a number, an IP, a time or a word. */
export const BASIC_ANYWHERE = /(?<![\w.:/\-[\]=])[2-5][0-9]{2}(?=[ \t-]|$)/;
/**
 * A basic code and a colon at the very start of a reply, then a blank (Yahoo's `550: <a@b>: User unknown`): read as
 * the code. Only there, and only before a blank: `12:30:` is a time and `550:x` no reply. (The bounce reader, which
 * has already found a reply line, reads any `550:` so; see `bareReplies`.)
 */
export const LEADING_CODE_COLON = /^([ \t]{0,8}[2-5][0-9]{2}):(?=[ \t]|$)[ \t]{0,8}/;
/** An enhanced status code `C.S.D` (RFC 3463: subject and detail up to three digits), not inside an IP. */
export const ENHANCED_ANYWHERE = /(?<![\w.])[245]\.[0-9]{1,3}\.[0-9]{1,3}(?![0-9]|\.[0-9])/;
/** The enhanced code right after a basic code: `5.1.1`, `#5.1.1`, `(#5.1.1)`. */
const LEADING_ENHANCED = /^[(#]{0,2}[245]\.[0-9]{1,3}\.[0-9]{1,3}(?![0-9]|\.[0-9])\)?/;
const NESTED_MARKER = /\b(?:said|replied|answered):\s{0,4}(?=[2-5][0-9]{2}(?:[ \t-]|$))/gi;

/** Where the codes of a reply sit in its first line. */
export interface CodeSpans {
  code: number | null;
  codeStart: number;
  codeEnd: number;
  enhanced: string | null;
  enhancedStart: number;
  enhancedEnd: number;
  /** Where the reply's own text starts after the codes. */
  textStart: number;
}

/**
 * Finds the basic and enhanced codes at the head of a reply line. The basic code must come first
 * (after any prefix such as `smtp;`); the enhanced code may follow it or stand alone (`dsn=5.1.1`).
 */
export function locateCodes(line: string, from = 0): CodeSpans | null {
  const head = line.slice(from);
  let basic = BASIC_ANYWHERE.exec(head);
  // A reply starts with its basic code; a number after an enhanced code (`4.3.0 … 451 …`) is its text.
  if (basic) {
    const first = ENHANCED_ANYWHERE.exec(head.slice(0, basic.index));
    if (first) basic = null;
  }
  let enhancedSearchFrom = 0;
  let code: number | null = null;
  let codeStart = -1;
  let codeEnd = -1;
  if (basic) {
    code = Number(basic[0]);
    codeStart = from + basic.index;
    codeEnd = codeStart + 3;
    enhancedSearchFrom = basic.index + 3;
  }
  let enhanced: string | null = null;
  let enhancedStart = -1;
  let enhancedEnd = -1;
  if (basic) {
    // Only an enhanced code adjacent to the basic code belongs to it (`550-5.1.1`, `550 #5.1.1`).
    let i = enhancedSearchFrom;
    if (head[i] === '-' || head[i] === ' ' || head[i] === '\t') i++;
    while (head[i] === ' ' && i < enhancedSearchFrom + 4) i++;
    const m = LEADING_ENHANCED.exec(head.slice(i, i + 24));
    if (m) {
      const core = m[0].replace(/^[(#]+/, '').replace(/\)$/, '');
      const offset = m[0].indexOf(core);
      enhanced = core;
      enhancedStart = from + i + offset;
      enhancedEnd = enhancedStart + core.length;
    }
  } else {
    const m = ENHANCED_ANYWHERE.exec(head);
    if (m) {
      enhanced = m[0];
      enhancedStart = from + m.index;
      enhancedEnd = enhancedStart + m[0].length;
    }
  }
  if (code === null && enhanced === null) return null;
  let textStart = Math.max(codeEnd, enhancedEnd);
  if (line[textStart] === ')') textStart++;
  if (line[textStart] === '-' || line[textStart] === ' ' || line[textStart] === '\t') textStart++;
  return { code, codeStart, codeEnd, enhanced, enhancedStart, enhancedEnd, textStart };
}

/** The last `said: 550 …` in a relayed reply: the remote server's own words are what count. */
export function innermostReply(text: string): string {
  let last = -1;
  NESTED_MARKER.lastIndex = 0;
  for (let m = NESTED_MARKER.exec(text); m; m = NESTED_MARKER.exec(text)) last = m.index + m[0].length;
  return last < 0 ? text : text.slice(last);
}

/** Removes the code prefixes that a log repeats when it flattens a multi-line reply onto one line. */
function dropRepeatedPrefixes(text: string, code: number | null, enhanced: string | null): string {
  if (code === null) return text;
  const c = String(code);
  if (!text.includes(c + '-') && !text.includes(c + ' ')) return text;
  const enh = enhanced ? `(?:#?${enhanced.replace(/\./g, '\\.')})?` : '';
  return text.replace(new RegExp(`(?<![\\w.])${c}[ -]${enh}(?=[ \\t]|$)[ \\t]?`, 'g'), '');
}

/** The text of the first line: after the codes, or around a lone enhanced code (`Sorry, … (#5.1.1)`). */
function firstLineText(line: string, spans: CodeSpans | null): string {
  if (!spans) return line;
  if (spans.code !== null) return line.slice(spans.textStart);
  const before = line.slice(0, spans.enhancedStart).replace(/[(#]{1,2}$/, '').replace(/\b(?:dsn|status)=$/i, '');
  const after = line.slice(spans.enhancedEnd).replace(/^\)/, '');
  return (before.trimEnd() + ' ' + after.trimStart()).trim();
}

function stripLineCodes(line: string, code: number | null, enhanced: string | null): string {
  if (code !== null && LEADING_BASIC.test(line) && line.startsWith(String(code))) {
    let rest = line.slice(4);
    if (enhanced && rest.startsWith(enhanced)) rest = rest.slice(enhanced.length).replace(/^[ \t]/, '');
    return rest;
  }
  return line;
}

/**
 * Takes a reply apart: one or many lines (`550-5.1.1 …` then `550 5.1.1 …`), a multi-line reply a
 * log flattened onto one line, an enhanced code alone (`dsn=5.1.1`, `#5.1.1`), an enhanced code glued
 * to its text (`250 2.0.0OK`), a nested reply (`… said: 550 … said: 550 …`).
 */
export function parseReply(input: string): ParsedReply {
  return parseInnermost(innermostReply(input));
}

/** `parseReply` for a reply already cut to its innermost part. */
export function parseInnermost(reply: string): ParsedReply {
  const rawLines = reply.split(/\r\n|\r|\n/);
  while (rawLines.length > 1 && rawLines[rawLines.length - 1].trim() === '') rawLines.pop();
  let firstIdx = 0;
  while (firstIdx < rawLines.length - 1 && rawLines[firstIdx].trim() === '') firstIdx++;
  const first = rawLines[firstIdx];
  const spans = locateCodes(first);
  const code = spans?.code ?? null;
  const enhanced = spans?.enhanced ?? null;
  const lines: string[] = [];
  lines.push(dropRepeatedPrefixes(firstLineText(first, spans), code, enhanced).trim());
  for (let i = firstIdx + 1; i < rawLines.length; i++) {
    lines.push(dropRepeatedPrefixes(stripLineCodes(rawLines[i].trim(), code, enhanced), code, enhanced).trim());
  }
  const nonEmpty = lines.filter((l) => l !== '');
  return { code, enhanced, text: nonEmpty.join(' '), lines: nonEmpty };
}
