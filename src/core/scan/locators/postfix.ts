import { explain } from '../../explain';
import { parseReply } from '../../parse';
import type { FormatLabel } from '../../types';
import { labelFrom, labelFromDigit, POSTFIX_STATUS } from '../labels';
import type { AnchorLocator, Candidate, LineContext, LineFact } from '../model';
import { codeAt, codesOf, enhancedStartsAt, fieldValue, replyAfterColon, replyStartsAt, skipSpaces, trimEnd } from '../text';

// Postfix: delivery lines (`to=<…>, relay=…, dsn=5.1.1, status=bounced (host … said: 550 …)`), smtpd and
// cleanup rejections (`NOQUEUE: reject: RCPT from …: 550 5.1.1 …; from=<…> to=<…>`), and the smtp
// client's own lines (`host … said: 450 …`, `… refused to talk to me: 421 …`). Deliveries and the
// client's lines are outbound (the format's default); smtpd's and cleanup's rejections are this server
// refusing a client: inbound.

const IN_REPLY_TO = ' (in reply to ';
/**
 * Where a relayed reply starts: Postfix names the server `host mx.example.com[192.0.2.1] said: ` (or
 * `server …[…] said: `), so the bracket is part of the anchor and a chat line's `Bob said: 500` is not.
 */
const RELAY_MARKERS = ['] said: ', 'refused to talk to me: '];

function recipientOf(line: string, before: number): string | null {
  return fieldValue(line, 'to=', 0, before);
}

/** The end of a relayed reply: before ` (in reply to … command)` and a trailing ` (port 25)`. */
function relayedEnd(line: string, start: number, end: number): number {
  end = trimEnd(line, start, end);
  const inReply = line.lastIndexOf(IN_REPLY_TO, end);
  if (inReply >= start && line.startsWith(' command)', end - 9)) end = inReply;
  else if (line[end - 1] === ')') {
    // `… refused to talk to me: 452 try later   (port 25)`
    let j = end - 2;
    while (j > start && end - j < 8 && line.charCodeAt(j) >= 48 && line.charCodeAt(j) <= 57) j--;
    if (line.startsWith(' (port ', j - 6)) end = j - 6;
  }
  return trimEnd(line, start, end);
}

/** Queue ids whose last deferral is kept; a busy server's queue holds far fewer deferred messages at a time. */
export const MAX_DEFERRED = 10_000;

/** The queue id before `: to=` or `: from=` (`4F9D3C2A1B: to=<…>`), or null. */
function queueIdOf(line: string, before: number): string | null {
  let colon = line.lastIndexOf(': to=', before);
  if (colon < 0) colon = line.lastIndexOf(': from=', before);
  if (colon <= 0) return null;
  let s = colon;
  while (s > 0 && colon - s < 32 && line[s - 1] !== ' ' && line[s - 1] !== '\t') s--;
  return s < colon ? line.slice(s, colon) : null;
}

/** Remembers the last deferral of a queue id; forgets it when the message leaves the queue. */
function rememberOutcome(ctx: LineContext, word: string, at: number, c: Candidate | null): void {
  const lower = word.toLowerCase();
  if (lower !== 'deferred' && lower !== 'sent' && lower !== 'bounced') return;
  const memory = ctx.state.postfixDeferred;
  if (!memory) return;
  const id = queueIdOf(ctx.line, at);
  if (id === null) return;
  memory.delete(id);
  if (lower !== 'deferred' || !c) return;
  memory.set(id, { text: c.text ?? ctx.line.slice(c.start, c.end), recipient: c.recipient });
  if (memory.size > MAX_DEFERRED) memory.delete(memory.keys().next().value as string);
}

/**
 * `QID: from=<…>, status=expired, returned to sender`: qmgr gave up on a message that stayed deferred too long.
 * It is a permanent failure; with the last deferral of that queue id, the reason is what kept failing (its words,
 * without the 4XX codes that made it a deferral), and the recipient is that deferral's.
 */
function locateExpired(ctx: LineContext, at: number, label: FormatLabel): void {
  const { line } = ctx;
  const id = queueIdOf(line, at);
  const memory = ctx.state.postfixDeferred;
  const last = id === null ? undefined : memory?.get(id);
  if (id !== null) memory?.delete(id);
  const start = at + 'status='.length;
  const end = trimEnd(line, start, line.length);
  const words = last ? parseReply(last.text).text : '';
  const text = words && explain(words, { classHint: 'permanent' }).reason !== 'unknown'
    ? `${words} (expired, returned to sender)`
    : 'message expired, returned to sender';
  const facts: LineFact[] = [{ kind: 'status', start: at, end: start + 'expired'.length }];
  ctx.candidates.push({ start, end, format: 'postfix', label, recipient: last?.recipient ?? null, facts, text, classHint: 'permanent' });
}

function locateStatus(ctx: LineContext, at: number): void {
  const { line } = ctx;
  let i = at + 'status='.length;
  const wordStart = i;
  while (i < line.length && i - wordStart < 40 && /* letters, '-' */ ((line[i] >= 'a' && line[i] <= 'z') || (line[i] >= 'A' && line[i] <= 'Z') || line[i] === '-')) i++;
  const word = line.slice(wordStart, i);
  const label = labelFrom(POSTFIX_STATUS, word);
  if (!label) return;
  if (line[i] === ',' && word.toLowerCase() === 'expired') {
    locateExpired(ctx, at, label);
    return;
  }
  let textStart = i;
  let textEnd = trimEnd(line, i, line.length);
  if (line[i] === ' ' && line[i + 1] === '(') {
    textStart = i + 2;
    const close = line.lastIndexOf(')');
    textEnd = close > textStart ? close : textEnd;
  } else if (line[i] === ' ') {
    textStart = i + 1;
  } else {
    textEnd = textStart;
  }
  const recipient = recipientOf(line, at);
  // `dsn=` comes before `status=` on a delivery line: both are facts a hover explains.
  const dsn = line.lastIndexOf('dsn=', at);
  const dsnEnd = dsn >= 0 ? enhancedStartsAt(line, dsn + 4) : -1;
  const facts: LineFact[] = [{ kind: 'status', start: at, end: i }];
  if (dsnEnd > 0) facts.push({ kind: 'dsn', start: dsn, end: dsnEnd });
  let replyStart = codeAt(line, textStart, textEnd) ? textStart : -1;
  for (let k = 0; replyStart < 0 && k < RELAY_MARKERS.length; k++) {
    const m = line.indexOf(RELAY_MARKERS[k], textStart);
    if (m >= 0 && m < textEnd) {
      const s = m + RELAY_MARKERS[k].length;
      if (codeAt(line, s, textEnd)) replyStart = s;
    }
  }
  if (replyStart >= 0) {
    const c: Candidate = { start: replyStart, end: relayedEnd(line, replyStart, textEnd), format: 'postfix', label, recipient, facts };
    ctx.candidates.push(c);
    rememberOutcome(ctx, word, at, c);
    return;
  }
  // No reply in the text (a local delivery, a DNS or connection failure): the enhanced code of
  // `dsn=` stands for it, with Postfix's own words as its text.
  if (dsnEnd < 0) {
    rememberOutcome(ctx, word, at, null);
    return;
  }
  const text = line.slice(textStart, textEnd).trim();
  const end = text ? textEnd : dsnEnd;
  const c: Candidate = { start: dsn + 4, end, format: 'postfix', label, recipient, facts, text: text ? `${line.slice(dsn + 4, dsnEnd)} ${text}` : line.slice(dsn + 4, dsnEnd) };
  ctx.candidates.push(c);
  rememberOutcome(ctx, word, at, c);
}

/** Actions of smtpd, postscreen, cleanup and the before-queue proxy, as logged before their colon. */
const REJECT_ACTIONS: Readonly<Record<string, 'digit' | 'success'>> = {
  'reject: ': 'digit',
  'milter-reject: ': 'digit',
  'proxy-reject: ': 'digit',
  'reject_warning: ': 'success',
  'proxy-accept: ': 'success',
};
/** cleanup's header/body checks: the optional text (perhaps with a code) follows the `helo=<…>: `. */
const CHECK_KINDS = ['header ', 'body ', 'content ', 'mime-header ', 'nested-header '];
const KEY_VALUES = ['from=', 'to=', 'proto=', 'helo='];

/** End of the reply in a rejection: before `; from=<…> to=<…> proto=… helo=<…>`. */
function beforeKeyValues(line: string, start: number): number {
  let i = line.indexOf(';', start);
  while (i >= 0) {
    const k = skipSpaces(line, i + 1, 200);
    for (const kv of KEY_VALUES) if (line.startsWith(kv, k)) return trimEnd(line, start, i);
    i = line.indexOf(';', i + 1);
  }
  return trimEnd(line, start, line.length);
}

function locateReject(ctx: LineContext, anchor: string, at: number): void {
  const { line } = ctx;
  // `reject:` must be Postfix's action field: after a queue id or `NOQUEUE` and its colon, or at the start.
  if (at > 0 && line[at - 1] !== ' ' && line[at - 1] !== '\t') return;
  let from = skipSpaces(line, at + anchor.length, 64);
  let start: number;
  if (CHECK_KINDS.some((k) => line.startsWith(k, from))) {
    const kvEnd = line.lastIndexOf('>: ');
    if (kvEnd < from) return;
    start = skipSpaces(line, kvEnd + 2, 8);
    if (!replyStartsAt(line, start)) return;
  } else {
    // `RCPT from host[1.2.3.4]: 550 …`, `END-OF-MESSAGE: 250 …`, `CONNECT from [1.2.3.4]:4321: 421 …`
    if (codeAt(line, from) || replyStartsAt(line, from)) start = from;
    else start = replyAfterColon(line, from, 2, line.length, true);
    if (start < 0) return;
    from = start;
  }
  const end = beforeKeyValues(line, start);
  const kind = REJECT_ACTIONS[anchor];
  const action = anchor.slice(0, -2);
  const label = kind === 'success' ? { text: action, class: 'success' as const } : labelFromDigit(action, line[start]);
  const recipient = fieldValue(line, 'to=', end);
  ctx.candidates.push({ start, end, format: 'postfix', label, recipient, direction: 'inbound' });
}

function locateRelayed(ctx: LineContext, anchor: string, at: number): void {
  const { line } = ctx;
  const start = at + anchor.length;
  if (!codeAt(line, start)) return;
  const end = relayedEnd(line, start, line.length);
  // Postfix's bounce text wraps a long reply over indented lines (`… said: 554` / `    5.6.0 This message …`,
  // and the same in a DSN's `Diagnostic-Code: X-Postfix;`): a reply that runs to the end of the line, with no
  // ` (in reply to … command)` after it, goes on over the indented lines that follow. A log line is never
  // followed by an indented one, so there it ends with its line as before.
  if (end === trimEnd(line, start, line.length) && !ctx.candidates.some((c) => c.start < end && start < c.end)) {
    ctx.openField({
      kind: 'wrapped', format: 'postfix', code: line.slice(start, start + 3), startLine: ctx.lineNo, startCol: start, endLine: ctx.lineNo, endCol: end,
      ...codesOf(line, start, end), parts: [line.slice(start, end)], label: null, recipient: ctx.state.dsn.recipient, header: true,
    });
    return;
  }
  const c: Candidate = { start, end, format: 'postfix', label: null, recipient: null };
  ctx.candidates.push(c);
}

export const postfixDelivery: AnchorLocator = {
  anchors: ['status='],
  locate(ctx, hits) {
    // Only the first `status=` is the delivery status; later ones belong to quoted text.
    locateStatus(ctx, hits[0].at);
  },
};

export const postfixReject: AnchorLocator = {
  anchors: Object.keys(REJECT_ACTIONS),
  locate(ctx, hits) {
    locateReject(ctx, hits[0].anchor, hits[0].at);
  },
};

export const postfixRelayed: AnchorLocator = {
  anchors: RELAY_MARKERS,
  locate(ctx, hits) {
    for (const h of hits) locateRelayed(ctx, h.anchor, h.at);
  },
};

/**
 * smtpd's `warning: unknown[192.0.2.1]: SASL LOGIN authentication failed: UGFzc3dvcmQ6`: a client's login
 * refused by this server. Postfix logs no code: it replied `535 5.7.8`, or `454 4.7.0` when its
 * authentication backend failed (the words say so).
 */
const SASL_MARKER = ']: SASL ';
const SASL_FAILED = ' authentication failed';
const SASL_TEMPORARY = ['connection lost to authentication server', 'temporary failure'];

function locateSasl(ctx: LineContext, at: number): void {
  const { line } = ctx;
  const start = at + 3;
  // `SASL <mechanism> authentication failed`: one word between them, on a line of smtpd.
  const failed = line.indexOf(SASL_FAILED, start + 5);
  if (failed < 0 || failed - start > 40 || line.indexOf(' ', start + 5) !== failed || line.lastIndexOf('smtpd', at) < 0) return;
  const end = trimEnd(line, start, line.length);
  const lower = line.slice(failed, end).toLowerCase();
  const classHint = SASL_TEMPORARY.some((p) => lower.includes(p)) ? 'transient' : 'permanent';
  ctx.candidates.push({ start, end, format: 'postfix', label: null, recipient: null, classHint, direction: 'inbound' });
}

export const postfixSasl: AnchorLocator = {
  anchors: [SASL_MARKER],
  locate(ctx, hits) {
    locateSasl(ctx, hits[0].at);
  },
};
