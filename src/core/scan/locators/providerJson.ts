import type { FormatLabel } from '../../types';
import { JSON_EVENT, JSON_SEVERITY } from '../labels';
import type { AnchorLocator, JsonContext, LineContext } from '../model';
import { closingQuote, isDigit, replyStartsAt, skipSpaces } from '../text';

// Provider events in JSON, one per line (JSON Lines, as webhooks are usually logged) or pretty-printed:
//   Amazon SES  "diagnosticCode":"smtp; 550 5.1.1 user unknown", "smtpResponse":"250 2.6.0 Message received"
//   SendGrid    "reason":"550 5.1.1 The email account …", "response":"250 OK …"
//   Mailgun     "delivery-status":{"code":550,"message":"5.1.1 The email account …","description":""}
// A `"reason"` or `"response"` is read only in a SendGrid event: elsewhere such keys hold HTTP
// statuses and anything else.

/** Keys whose string value is a reply, and whether they need SendGrid context. */
const REPLY_KEYS: Readonly<Record<string, 'always' | 'sendgrid'>> = {
  diagnosticCode: 'always',
  smtpResponse: 'always',
  raw_reason: 'always',
  reason: 'sendgrid',
  response: 'sendgrid',
};
const EVENT_KEYS = new Set(['event', 'eventType', 'notificationType']);
const SEVERITY_KEYS = new Set(['bounceType', 'severity']);
const RECIPIENT_KEYS = new Set(['email', 'recipient', 'emailAddress']);
const SENDGRID_KEYS = new Set(['sg_event_id', 'sg_message_id', 'smtp-id']);
const SENDGRID_EVENTS = new Set(['processed', 'dropped', 'delivered', 'deferred', 'bounce', 'blocked', 'open', 'click', 'spamreport', 'unsubscribe']);
const MAILGUN_KEYS = new Set(['code', 'message', 'description']);
/** A Mailgun `delivery-status` whose message never comes is given up after this many lines. */
const MAILGUN_SPAN = 30;
const MAX_KEYS_PER_LINE = 2000;

interface Pair {
  key: string;
  valStart: number;
  /** Exclusive; for strings, the closing quote. */
  valEnd: number;
  kind: 'string' | 'number' | 'other';
}

/** The key–value pairs of a line of JSON, in order, however the objects nest. */
function pairsOf(line: string): Pair[] {
  const pairs: Pair[] = [];
  let i = line.indexOf('"');
  while (i >= 0 && pairs.length < MAX_KEYS_PER_LINE) {
    const close = closingQuote(line, i + 1);
    if (close < 0) break;
    const colon = skipSpaces(line, close + 1, 8);
    if (line[colon] !== ':') {
      i = line.indexOf('"', close + 1);
      continue;
    }
    const key = line.slice(i + 1, close);
    const v = skipSpaces(line, colon + 1, 8);
    if (line[v] === '"') {
      const vEnd = closingQuote(line, v + 1);
      if (vEnd < 0) break;
      pairs.push({ key, valStart: v + 1, valEnd: vEnd, kind: 'string' });
      i = line.indexOf('"', vEnd + 1);
    } else if (isDigit(line.charCodeAt(v))) {
      let e = v;
      while (e < line.length && e - v < 24 && (isDigit(line.charCodeAt(e)) || line[e] === '.')) e++;
      pairs.push({ key, valStart: v, valEnd: e, kind: 'number' });
      i = line.indexOf('"', e);
    } else {
      pairs.push({ key, valStart: v, valEnd: v, kind: 'other' });
      i = line.indexOf('"', v);
    }
  }
  return pairs;
}

function decode(raw: string): string {
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}

function labelOf(j: JsonContext): FormatLabel | null {
  const ev = j.event?.toLowerCase() ?? null;
  const sev = (j.bounceType ?? j.severity)?.toLowerCase() ?? null;
  if (sev && JSON_SEVERITY[sev] && (ev === null || ev === 'bounce' || ev === 'failed')) {
    return { text: j.bounceType ? `bounceType=${j.bounceType}` : `severity=${j.severity}`, class: JSON_SEVERITY[sev] };
  }
  if (ev && JSON_EVENT[ev]) return { text: `event=${j.event}`, class: JSON_EVENT[ev] };
  return null;
}

function emitMailgun(ctx: LineContext): void {
  const mg = ctx.state.json.mailgun;
  ctx.state.json.mailgun = null;
  if (!mg || !mg.code || !(mg.code.value >= 200 && mg.code.value <= 599) || mg.code.end - mg.code.start !== 3) return;
  const { code, message } = mg;
  const codeText = String(code.value);
  const msg = message?.value.trim() ?? '';
  const text = msg === '' ? codeText : msg.startsWith(codeText) ? msg : `${codeText} ${msg}`;
  const after = message !== null && (message.line > code.line || (message.line === code.line && message.start > code.start));
  ctx.spanning({
    startLine: code.line,
    startCol: code.start,
    endLine: after ? message.line : code.line,
    endCol: after ? message.end : code.end,
    codeLine: code.line,
    codeStart: code.start,
    format: 'provider-json',
    label: labelOf(ctx.state.json),
    recipient: ctx.state.json.recipient,
    text,
  });
}

function locateJson(ctx: LineContext): void {
  const { line, state } = ctx;
  const j = state.json;
  // A JSON Lines record starts a new event: forget the previous one's facts.
  if (line[0] === '{') {
    j.event = j.bounceType = j.severity = j.recipient = null;
    j.sendgrid = false;
  }
  const pairs = pairsOf(line);
  for (const p of pairs) {
    if (p.kind !== 'string') continue;
    if (EVENT_KEYS.has(p.key)) {
      j.event = line.slice(p.valStart, p.valEnd);
      if (SENDGRID_EVENTS.has(j.event)) j.sendgrid = true;
    } else if (SEVERITY_KEYS.has(p.key)) {
      if (p.key === 'bounceType') j.bounceType = line.slice(p.valStart, p.valEnd);
      else j.severity = line.slice(p.valStart, p.valEnd);
    } else if (SENDGRID_KEYS.has(p.key)) {
      j.sendgrid = true;
    }
  }
  let lastRecipient = -1;
  const firstRecipient = pairs.find((p) => p.kind === 'string' && RECIPIENT_KEYS.has(p.key));
  for (let k = 0; k < pairs.length; k++) {
    const p = pairs[k];
    if (p.kind === 'string' && RECIPIENT_KEYS.has(p.key)) {
      lastRecipient = k;
      j.recipient = decode(line.slice(p.valStart, p.valEnd));
    }
    if (p.key === 'delivery-status') {
      if (j.mailgun) emitMailgun(ctx);
      j.mailgun = { openedAt: ctx.lineNo, code: null, message: null };
      continue;
    }
    if (j.mailgun && MAILGUN_KEYS.has(p.key)) {
      if (p.key === 'code' && p.kind === 'number' && !j.mailgun.code) {
        j.mailgun.code = { line: ctx.lineNo, start: p.valStart, end: p.valEnd, value: Number(line.slice(p.valStart, p.valEnd)) };
      } else if (p.kind === 'string' && p.key !== 'code' && p.valEnd > p.valStart && !j.mailgun.message) {
        j.mailgun.message = { line: ctx.lineNo, start: p.valStart, end: p.valEnd, value: decode(line.slice(p.valStart, p.valEnd)) };
      }
      continue;
    }
    const need = REPLY_KEYS[p.key];
    if (!need || p.kind !== 'string' || (need === 'sendgrid' && !j.sendgrid)) continue;
    let start = p.valStart;
    if (line.startsWith('smtp;', start) || line.startsWith('SMTP;', start)) start = skipSpaces(line, start + 5, 4, p.valEnd);
    if (!replyStartsAt(line, start, p.valEnd, '\\')) continue;
    const recipientPair = lastRecipient >= 0 ? pairs[lastRecipient] : firstRecipient;
    const recipient = recipientPair ? decode(line.slice(recipientPair.valStart, recipientPair.valEnd)) : j.recipient;
    const raw = line.slice(start, p.valEnd);
    const text = decode(raw);
    ctx.candidates.push({ start, end: p.valEnd, format: 'provider-json', label: labelOf(j), recipient, ...(text !== raw ? { text } : {}) });
  }
  const mg = j.mailgun;
  if (mg && mg.code && (mg.message || mg.openedAt === ctx.lineNo || ctx.lineNo - mg.openedAt > MAILGUN_SPAN)) emitMailgun(ctx);
  else if (mg && ctx.lineNo - mg.openedAt > MAILGUN_SPAN) j.mailgun = null;
}

export const providerJson: AnchorLocator = {
  anchors: ['"diagnosticCode"', '"smtpResponse"', '"raw_reason"', '"reason"', '"response"', '"delivery-status"', '"event"', '"eventType"', '"notificationType"', '"bounceType"', '"severity"', '"email"', '"recipient"', '"emailAddress"', '"sg_event_id"', '"code"', '"message"'],
  locate(ctx) {
    locateJson(ctx);
  },
};

/** The document ended: a Mailgun `delivery-status` still open is emitted with what it has. */
export function finishJson(ctx: LineContext): void {
  if (ctx.state.json.mailgun) emitMailgun(ctx);
}
