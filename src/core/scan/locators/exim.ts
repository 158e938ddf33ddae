import type { FormatLabel } from '../../types';
import { EXIM_FLAGS, labelFrom } from '../labels';
import type { AnchorLocator, Hit, LineContext } from '../model';
import { closingQuote, codeAt, dropUnbalancedParen, readAddress, replyAfterColon, skipSpaces, trimEnd, unescapeNewlines } from '../text';

// Exim mainlog and rejectlog: the delivery flag after the message id (`=>`, `->`, `**`, `==`), the
// remote reply it records (`SMTP error from remote mail server after RCPT TO:<…>: 550 …`, `C="250 OK
// id=…"`), ACL rejections (`rejected RCPT <…>: 550 …`), callouts (`response to "MAIL FROM:<>" was:
// 550 …`), authenticators; and the same words in Exim's bounce text, where the reply is on the next line.

const FLAGS = [' => ', ' -> ', ' ** ', ' == '];

/** `2024-03-01 10:15:06`: how every Exim log line starts (after a syslog prefix naming exim, if any). */
export function isEximLine(line: string): boolean {
  const d = (i: number) => line.charCodeAt(i) >= 48 && line.charCodeAt(i) <= 57;
  if (d(0) && d(1) && d(2) && d(3) && line[4] === '-' && line[7] === '-' && line[10] === ' ' && line[13] === ':' && line[16] === ':') return true;
  return line.lastIndexOf('exim', 100) >= 0;
}

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** `1UlasQ-0003fr-45`, `10HmaX-000000005vi-0000`: three dash-separated alphanumeric parts, the first of six. */
function isMessageId(line: string, start: number, end: number): boolean {
  if (end - start < 14 || line[start + 6] !== '-') return false;
  let dashes = 0;
  let last = start + 6;
  for (let i = start; i < end; i++) {
    const c = line.charCodeAt(i);
    if (c === 45) {
      if (i !== start + 6 && i - last < 5) return false;
      dashes++;
      last = i;
    } else if (!isAlnum(c)) return false;
  }
  return dashes === 2 && end - last > 2;
}

interface Flag {
  at: number;
  label: FormatLabel | null;
  recipient: string | null;
}

/** The delivery flag of the line (the first of `hits` after a message id) and the address after it. */
function findFlag(line: string, hits: readonly Hit[]): Flag | null {
  for (const h of hits) {
    if (!FLAGS.includes(h.anchor) || h.at > 200) continue;
    const at = h.at;
    const idStart = line.lastIndexOf(' ', at - 1) + 1;
    if (!isMessageId(line, idStart, at)) continue;
    const a = at + h.anchor.length;
    let recipient = readAddress(line, a);
    if (recipient && !recipient.includes('@')) {
      const angle = line.indexOf(' <', a);
      if (angle >= 0 && angle < a + 300) recipient = readAddress(line, angle + 1) ?? recipient;
    }
    if (recipient && recipient.endsWith(':')) recipient = recipient.slice(0, -1);
    return { at, label: labelFrom(EXIM_FLAGS, h.anchor.trim()), recipient };
  }
  return null;
}

/** The flag is looked for once per line, and only when a locator needs it. */
type FlagOf = () => Flag | null;

function push(ctx: LineContext, start: number, end: number, label: FormatLabel | null, recipient: string | null): void {
  // Inside a quoted field (`event … data "SMTP error …: 451 …"`) the closing quote is not the reply's.
  if (ctx.line[end - 1] === '"' && countQuotes(ctx.line, start, end) % 2 === 1) end--;
  const slice = ctx.line.slice(start, end);
  const text = unescapeNewlines(slice);
  ctx.candidates.push({ start, end, format: 'exim', label, recipient, ...(text !== slice ? { text } : {}) });
}

function countQuotes(line: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) if (line[i] === '"' && line[i - 1] !== '\\') n++;
  return n;
}

/** The `RCPT TO:<…>` the error came after, between `from` and the reply. */
function rcptBetween(line: string, from: number, to: number): string | null {
  const r = line.indexOf('RCPT TO:<', from);
  return r >= 0 && r < to ? readAddress(line, r + 8) : null;
}

/** Anchors after which Exim writes `…: <reply>`: the reply follows one of the next colons. */
const ERROR_AFTER = ['error from remote mail server after ', 'LMTP error after ', 'PRDR error after ', 'Malformed SMTP reply'];

function locateErrorAfter(ctx: LineContext, flagOf: FlagOf, anchor: string, at: number): void {
  const { line } = ctx;
  const from = at + anchor.length;
  const start = replyAfterColon(line, from, 3);
  const flag = flagOf();
  if (start < 0) {
    // Exim's bounce text: `SMTP error from remote mail server after RCPT TO:<a@b>:` then the reply
    // indented on the next line.
    const end = trimEnd(line, from, line.length);
    if (line[end - 1] === ':' && anchor !== 'Malformed SMTP reply') {
      ctx.state.pending = { format: 'exim', recipient: rcptBetween(line, from, end) ?? flag?.recipient ?? null, until: ctx.lineNo + 1 };
    }
    return;
  }
  // A malformed reply did not decide the outcome: Exim deferred because of its form.
  const label = anchor === 'Malformed SMTP reply' ? null : flag?.label ?? null;
  push(ctx, start, trimEnd(line, start, line.length), label, rcptBetween(line, from, start) ?? flag?.recipient ?? null);
}

function locateConfirmation(ctx: LineContext, flagOf: FlagOf, at: number): void {
  const { line } = ctx;
  const start = at + 4;
  const close = closingQuote(line, start);
  if (close < 0 || !codeAt(line, start, close, '"\\')) return;
  const flag = flagOf();
  push(ctx, start, close, flag?.label ?? null, flag?.recipient ?? null);
}

/** `(EHLO response was: 550 …)`, callouts' `response to "MAIL FROM:<>" was: 550 …`: replies that did not decide the outcome. */
function locateResponseWas(ctx: LineContext, anchor: string, at: number): void {
  const { line } = ctx;
  const start = at + anchor.length;
  if (!codeAt(line, start)) return;
  push(ctx, start, dropUnbalancedParen(line, start, trimEnd(line, start, line.length)), null, null);
}

/** ACL rejections: `rejected RCPT <a@b>: 550 …`, `temporarily rejected RCPT …: 451 …`, `rejected after DATA: …`. */
function locateRejected(ctx: LineContext, at: number): void {
  const { line } = ctx;
  const colon = line.indexOf(': ', at);
  if (colon < 0 || colon - at > 600) return;
  const start = skipSpaces(line, colon + 1, 8);
  const temporarily = line.startsWith('temporarily ', at - 'temporarily '.length);
  const label: FormatLabel = temporarily ? { text: 'temporarily rejected', class: 'transient' } : { text: 'rejected', class: 'permanent' };
  let rcpt = line.startsWith('RCPT ', at + 9) ? readAddress(line, at + 14) : null;
  if (rcpt && rcpt.endsWith(':')) rcpt = rcpt.slice(0, -1);
  const end = trimEnd(line, start, line.length);
  if (codeAt(line, start)) push(ctx, start, end, label, rcpt);
  // `rejected RCPT <a@b>: Sender verify failed`: an ACL's refusal in words only; the verb gives its class.
  else if (end > start && isAclReject(line, at + 'rejected '.length)) ctx.candidates.push({ start, end, format: 'exim', label, recipient: rcpt, classHint: label.class as 'transient' | 'permanent' });
}

/** What Exim's ACLs reject: `RCPT <…>`, `MAIL <…>`, `EHLO …`, `after DATA`, `connection`, not a word in a reply. */
function isAclReject(line: string, after: number): boolean {
  const c = line.charCodeAt(after);
  return (c >= 65 && c <= 90) || line.startsWith('after ', after) || line.startsWith('connection', after) || line[after] === '(';
}

/** `login authenticator failed for (host) [1.2.3.4]: 535 Incorrect authentication data (set_id=x)`. */
function locateAuthenticator(ctx: LineContext, at: number): void {
  const { line } = ctx;
  const start = replyAfterColon(line, at, 2);
  if (start < 0) return;
  let end = trimEnd(line, start, line.length);
  const setId = line.lastIndexOf(' (set_id=', end);
  if (setId > start) end = setId;
  push(ctx, start, end, null, null);
}

/** `** user@domain R=router : 550 5.1.1 message`: a router's or ACL's own reply on a flag line. */
function locateFlagMessage(ctx: LineContext, flagOf: FlagOf): void {
  const flag = flagOf();
  if (!flag) return;
  const { line } = ctx;
  const sep = line.indexOf(' : ', flag.at + 4);
  if (sep < 0) return;
  const start = sep + 3;
  if (!codeAt(line, start)) return;
  push(ctx, start, trimEnd(line, start, line.length), flag.label, flag.recipient);
}

/**
 * `** a@b R=r T=t: retry timeout exceeded`, `** a@b : Unrouteable address`: a failure Exim reports with
 * no SMTP code at all. Read only when nothing on the line carried a code; the flag gives its class.
 */
function locateCodelessFailure(ctx: LineContext, flag: Flag | null): void {
  const cls = flag?.label?.class;
  if (!flag || (cls !== 'permanent' && cls !== 'transient')) return;
  const { line } = ctx;
  const colon = line.indexOf(': ', flag.at + 4);
  if (colon < 0 || colon - flag.at > 600) return;
  const start = skipSpaces(line, colon + 1, 8);
  const end = trimEnd(line, start, line.length);
  if (end <= start || codeAt(line, start)) return;
  ctx.candidates.push({ start, end, format: 'exim', label: flag.label, recipient: flag.recipient, classHint: cls });
}

export const exim: AnchorLocator = {
  // The remote server's reply is quoted in bounces and event data too: these anchors are read everywhere.
  anchors: ERROR_AFTER,
  // The flags, `C="`, ACL and callout phrases are Exim's only on Exim's lines (`rejected ` is a common word).
  lineAnchors: [...FLAGS, ' C="', 'EHLO response was: ', 'HELO response was: ', '" was: ', 'rejected ', 'authenticator failed for '],
  lineFilter: isEximLine,
  locate(ctx, hits) {
    let flag: Flag | null | undefined;
    const flagOf: FlagOf = () => (flag === undefined ? (flag = findFlag(ctx.line, hits)) : flag);
    let flagDone = false;
    for (const h of hits) {
      if (FLAGS.includes(h.anchor)) {
        if (!flagDone) locateFlagMessage(ctx, flagOf);
        flagDone = true;
      } else if (ERROR_AFTER.includes(h.anchor)) locateErrorAfter(ctx, flagOf, h.anchor, h.at);
      else if (h.anchor === ' C="') locateConfirmation(ctx, flagOf, h.at);
      else if (h.anchor === 'rejected ') locateRejected(ctx, h.at);
      else if (h.anchor === 'authenticator failed for ') locateAuthenticator(ctx, h.at);
      else locateResponseWas(ctx, h.anchor, h.at);
    }
    if (flagDone && ctx.candidates.length === 0) locateCodelessFailure(ctx, flagOf());
  },
};
