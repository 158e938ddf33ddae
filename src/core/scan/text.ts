// Character-level readers shared by the locators. They use no regular expressions: every one of
// them looks at a bounded number of characters, so a locator costs at most a few passes over its
// line whatever the line holds (a 64 KB run of `5`s included).

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isWordChar(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/**
 * A basic reply code at `i`: a first digit 2–5, two more digits, then the end of the reply, a
 * space, a tab or a hyphen (`550 `, `550-`, `550`). `extra` names further characters that may
 * follow in a given format (`_` in qmail, a closing quote in a quoted field).
 */
export function codeAt(line: string, i: number, end = line.length, extra = ''): boolean {
  if (i < 0 || i + 3 > end) return false;
  const a = line.charCodeAt(i);
  if (a < 50 || a > 53 || !isDigit(line.charCodeAt(i + 1)) || !isDigit(line.charCodeAt(i + 2))) return false;
  if (i + 3 === end) return true;
  const n = line[i + 3];
  return n === ' ' || n === '-' || n === '\t' || n === '\r' || extra.includes(n);
}

/**
 * The end of an enhanced status code `C.S.D` at `i` (RFC 3463: class 2, 4 or 5, subject and detail of
 * one to three digits), or -1. The code must not continue into a longer number or dotted quad.
 */
export function enhancedEnd(line: string, i: number, end = line.length): number {
  if (i < 0 || i + 5 > end) return -1;
  const c = line.charCodeAt(i);
  if ((c !== 50 && c !== 52 && c !== 53) || line[i + 1] !== '.') return -1;
  let j = i + 2;
  const s = j;
  while (j < end && j - s < 4 && isDigit(line.charCodeAt(j))) j++;
  if (j === s || j - s > 3 || line[j] !== '.') return -1;
  j++;
  const d = j;
  while (j < end && j - d < 4 && isDigit(line.charCodeAt(j))) j++;
  if (j === d || j - d > 3) return -1;
  if (j < end && (isDigit(line.charCodeAt(j)) || (line[j] === '.' && isDigit(line.charCodeAt(j + 1))))) return -1;
  return j;
}

/** An enhanced code at `i` that is not glued to a preceding word or number (`dsn=5.1.1`, ` 5.1.1`). */
export function enhancedStartsAt(line: string, i: number, end = line.length): number {
  if (i > 0) {
    const p = line.charCodeAt(i - 1);
    if (isWordChar(p) || p === 46) return -1;
  }
  return enhancedEnd(line, i, end);
}

/** A code of either kind at `i`: a basic code, or an enhanced code standing alone (`5.7.1 Blocked`). */
export function replyStartsAt(line: string, i: number, end = line.length, extra = ''): boolean {
  if (codeAt(line, i, end, extra)) return true;
  const e = enhancedEnd(line, i, end);
  return e > 0 && (e === end || line[e] === ' ' || line[e] === '\t' || extra.includes(line[e]));
}

export function skipSpaces(line: string, i: number, max = 16, end = line.length): number {
  const stop = Math.min(end, i + max);
  while (i < stop && (line[i] === ' ' || line[i] === '\t')) i++;
  return i;
}

/** `end` moved back over trailing blanks and CRs. */
export function trimEnd(line: string, start: number, end: number): number {
  while (end > start) {
    const c = line[end - 1];
    if (c !== ' ' && c !== '\t' && c !== '\r' && c !== '\n') break;
    end--;
  }
  return end;
}

/**
 * The first reply that follows a `: ` after `from`, looking at no more than `hops` colons and stopping
 * at `limit`: `… from host[1.2.3.4]: 550 …`, `… after RCPT TO:<a@b>: host x [1.2.3.4]: 451 …`.
 */
export function replyAfterColon(line: string, from: number, hops: number, limit = line.length, allowEnhanced = false): number {
  let i = from;
  for (let h = 0; h < hops; h++) {
    const c = line.indexOf(':', i);
    if (c < 0 || c >= limit) return -1;
    if (line[c + 1] === ' ' || line[c + 1] === '\t') {
      const s = skipSpaces(line, c + 1, 8, limit);
      if (codeAt(line, s, limit) || (allowEnhanced && replyStartsAt(line, s, limit))) return s;
    } else {
      h--; // `TO:<a@b>` or `]:25`: not a field separator
      if (c - from > 4096) return -1;
    }
    i = c + 1;
  }
  return -1;
}

/** Index of the closing quote of a string that starts at `i` (after its opening quote), or -1. */
export function closingQuote(line: string, i: number, quote = '"', end = line.length): number {
  for (let j = i; j < end; j++) {
    const c = line[j];
    if (c === '\\') j++;
    else if (c === quote) return j;
  }
  return -1;
}

/** The address inside `<…>` starting at `i` (at the `<`), or the bare token up to a space or comma. */
export function readAddress(line: string, i: number): string | null {
  if (i >= line.length) return null;
  if (line[i] === '<') {
    const close = line.indexOf('>', i + 1);
    if (close < 0 || close - i > 512) return null;
    return line.slice(i + 1, close);
  }
  let j = i;
  while (j < line.length && j - i < 512 && line[j] !== ' ' && line[j] !== ',' && line[j] !== ';' && line[j] !== '\t') j++;
  return j > i ? line.slice(i, j) : null;
}

/**
 * The value of a `key=` field (Postfix `to=`, Sendmail `to=`), where `key` stands at the start of the
 * line or after a blank, comma or colon; searched in [from, limit).
 */
export function fieldValue(line: string, key: string, from = 0, limit = line.length): string | null {
  let i = line.indexOf(key, from);
  while (i >= 0 && i < limit) {
    const p = i === 0 ? ' ' : line[i - 1];
    if (p === ' ' || p === ',' || p === ':' || p === '\t') {
      const v = readAddress(line, i + key.length);
      return v === null || v === "" ? null : v;
    }
    i = line.indexOf(key, i + 1);
  }
  return null;
}

/** Drops a trailing `)` that closes a parenthesis opened before the reply (`(EHLO response was: 550 x)`). */
export function dropUnbalancedParen(line: string, start: number, end: number): number {
  if (end <= start || line[end - 1] !== ')') return end;
  let depth = 0;
  for (let j = start; j < end; j++) {
    if (line[j] === '(') depth++;
    else if (line[j] === ')') depth--;
  }
  return depth < 0 ? trimEnd(line, start, end - 1) : end;
}

/** Literal `\n` (or `\\n`) escapes of a log that flattened a multi-line reply, as real line breaks. */
export function unescapeNewlines(s: string): string {
  if (!s.includes('\\n')) return s;
  return s.split('\\\\n').join('\n').split('\\n').join('\n');
}

export function lowerStartsWith(line: string, prefix: string, at = 0): boolean {
  if (line.length - at < prefix.length) return false;
  for (let k = 0; k < prefix.length; k++) {
    let c = line.charCodeAt(at + k);
    if (c >= 65 && c <= 90) c += 32;
    if (c !== prefix.charCodeAt(k)) return false;
  }
  return true;
}

/** Where the basic and enhanced codes of a reply starting at `start` sit (-1 when absent). */
export function codesOf(line: string, start: number, end: number): { codeEnd: number; enhStart: number; enhEnd: number } {
  let codeEnd = -1;
  let enhStart = -1;
  let enhEnd = -1;
  if (codeAt(line, start, end, '_"\'\\')) {
    codeEnd = start + 3;
    let j = codeEnd;
    if (line[j] === '-' || line[j] === ' ' || line[j] === '_') j++;
    j = skipSpaces(line, j, 4, end);
    if (line[j] === '#') j++;
    const e = enhancedEnd(line, j, end);
    if (e > 0) {
      enhStart = j;
      enhEnd = e;
    }
  } else {
    const e = enhancedEnd(line, start, end);
    if (e > 0) {
      enhStart = start;
      enhEnd = e;
    } else {
      // qmail's `Sorry,_no_mailbox_here_by_that_name._(#5.1.1)`: the code closes the text.
      const h = line.indexOf('#', start);
      const he = h >= 0 && h < end ? enhancedEnd(line, h + 1, end) : -1;
      if (he > 0) {
        enhStart = h + 1;
        enhEnd = he;
      }
    }
  }
  return { codeEnd, enhStart, enhEnd };
}
