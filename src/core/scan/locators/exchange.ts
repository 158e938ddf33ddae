import type { FormatLabel } from '../../types';
import { EXCHANGE_EVENT, labelFrom } from '../labels';
import type { Direction } from '../../types';
import type { LineContext, LineStartLocator } from '../model';
import { codeAt, isDigit, trimEnd } from '../text';

// Microsoft Exchange logs are CSV with a `#Fields:` header naming the columns:
//   SMTP protocol logs (SmtpSend/SmtpReceive): date-time,connector-id,session-id,sequence-number,
//     local-endpoint,remote-endpoint,event,data,context — `event` is `<` or `>`, `data` a command or a
//     reply line (`…,<,550 5.1.1 User unknown,`); the reply is whichever side's line starts with a code.
//   Message tracking logs: …,event-id,…,recipient-address,recipient-status,… — `recipient-status`
//     holds the reply (`550 5.1.1 RESOLVER.ADR.RecipNotFound; not found`) or `{LED=450 4.4.316 …}`.
// Without a header, a protocol-log row is still recognised by its shape. Non-delivery reports write
// `#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##`.
// `#Log-type:` says whose replies a protocol log holds: a receive log's are this server's own, answering
// clients (inbound); a send log's a remote server's (outbound). Tracking logs mix both: no direction.

const LOG_TYPES: readonly { words: string; direction: Direction }[] = [
  { words: 'receive protocol', direction: 'inbound' },
  { words: 'send protocol', direction: 'outbound' },
];

const MAX_FIELDS = 64;

export interface Field {
  start: number;
  end: number;
}

/** CSV fields with their columns (inside the quotes when quoted). */
export function fields(line: string): Field[] {
  const out: Field[] = [];
  let i = 0;
  while (i <= line.length && out.length < MAX_FIELDS) {
    if (line[i] === '"') {
      let j = i + 1;
      while (j < line.length) {
        if (line[j] === '"') {
          if (line[j + 1] === '"') j += 2;
          else break;
        } else j++;
      }
      out.push({ start: i + 1, end: j });
      const comma = line.indexOf(',', j);
      if (comma < 0) break;
      i = comma + 1;
    } else {
      let comma = line.indexOf(',', i);
      if (comma < 0) comma = line.length;
      out.push({ start: i, end: comma });
      i = comma + 1;
    }
  }
  return out;
}

function readHeader(ctx: LineContext): void {
  const names = ctx.line.slice('#Fields: '.length).trim().split(',');
  const idx = (n: string) => names.indexOf(n);
  ctx.state.exchange = {
    event: idx('event'),
    data: idx('data'),
    session: idx('session-id'),
    status: idx('recipient-status'),
    eventId: idx('event-id'),
    recipient: idx('recipient-address'),
  };
}

function locateProtocolRow(ctx: LineContext, f: Field[], event: number, data: number, session: number): boolean {
  const { line } = ctx;
  const e = f[event];
  const d = f[data];
  if (!e || !d) return false;
  const ev = line.slice(e.start, e.end);
  if (ev !== '<' && ev !== '>') return true;
  const end = trimEnd(line, d.start, d.end);
  if (codeAt(line, d.start, end)) {
    const s = f[session];
    const raw = line.slice(d.start, end);
    ctx.replyLine({
      kind: `exchange:${s ? line.slice(s.start, s.end) : ''}`, format: 'exchange', start: d.start, end, label: null, direction: ctx.state.exchangeDirection,
      ...(raw.includes('""') ? { text: raw.split('""').join('"') } : {}),
    });
  } else {
    ctx.clientLine(line.slice(d.start, d.end));
  }
  return true;
}

/**
 * `recipient-status` holds one status per recipient of `recipient-address` (`a@x;b@y`), separated by `;`:
 * `250 2.1.5 Recipient OK;250 2.1.5 Recipient OK`, or with an empty first part, `;250 2.0.0OK …`. A `;` inside
 * a reply (`550 5.1.1 RESOLVER.ADR.RecipNotFound; not found`) is not a separator: a part starts with a code.
 */
function statusParts(line: string, start: number, end: number): Field[] {
  const parts: Field[] = [];
  let from = start;
  for (let i = line.indexOf(';', start); i >= 0 && i < end && parts.length < MAX_FIELDS; i = line.indexOf(';', i + 1)) {
    if (i === from || codeAt(line, i + 1, end) || line[i + 1] === ';') {
      if (i > from) parts.push({ start: from, end: i });
      from = i + 1;
    }
  }
  if (end > from) parts.push({ start: from, end });
  return parts;
}

function locateTrackingRow(ctx: LineContext, f: Field[]): void {
  const { line, state } = ctx;
  const x = state.exchange;
  const st = x ? f[x.status] : undefined;
  if (!x || !st) return;
  const ev = f[x.eventId];
  const rc = f[x.recipient];
  const label = ev ? labelFrom(EXCHANGE_EVENT, line.slice(ev.start, ev.end)) : null;
  const recipients = rc && rc.end > rc.start ? line.slice(rc.start, rc.end).split(';') : [];
  const end = trimEnd(line, st.start, st.end);
  const led = line.indexOf('LED=', st.start);
  if (led >= 0 && led < end) {
    // `{[{LRT=…};{LED=451 4.4.0 …};{FQDN=…}]}`: the last error of a deferred message.
    const close = line.indexOf('}', led);
    pushStatus(ctx, led + 4, close >= 0 && close < end ? close : end, label, recipients.length === 1 ? recipients[0] : null);
    return;
  }
  const parts = statusParts(line, st.start, end).filter((p) => codeAt(line, p.start, p.end));
  parts.forEach((p, n) => {
    const recipient = parts.length === recipients.length ? recipients[n] : recipients.length === 1 ? recipients[0] : null;
    pushStatus(ctx, p.start, p.end, label, recipient || null);
  });
}

function pushStatus(ctx: LineContext, start: number, end: number, label: FormatLabel | null, recipient: string | null): void {
  const { line } = ctx;
  if (!codeAt(line, start, end)) return;
  const raw = line.slice(start, end);
  ctx.candidates.push({
    start, end, format: 'exchange', label, recipient,
    // CSV doubles the quotes inside a quoted field.
    ...(raw.includes('""') ? { text: raw.split('""').join('"') } : {}),
  });
}

/** `2024-03-01T08:15:02.123Z,…`: how every Exchange log row starts. */
function looksLikeRow(line: string): boolean {
  return isDigit(line.charCodeAt(0)) && line[4] === '-' && line[10] === 'T' && line.indexOf(',') > 10 && line.indexOf(',') < 40;
}

export const exchange: LineStartLocator = {
  locate(ctx) {
    const { line, state } = ctx;
    if (line[0] === '#') {
      if (line.startsWith('#Fields: ')) {
        readHeader(ctx);
        return true;
      }
      if (line.startsWith('#Log-type: ')) {
        const type = line.toLowerCase();
        state.exchangeDirection = LOG_TYPES.find((t) => type.includes(t.words))?.direction ?? null;
        return true;
      }
      if (codeAt(line, 1)) {
        const end = line.lastIndexOf(' ##');
        if (end > 4) {
          // A non-delivery report: a remote server refused this host's message.
          ctx.candidates.push({ start: 1, end, format: 'exchange', label: null, recipient: null, direction: 'outbound' });
          return true;
        }
      }
      return false;
    }
    if (!looksLikeRow(line)) return false;
    const x = state.exchange;
    if (x && x.event >= 0 && x.data >= 0) return locateProtocolRow(ctx, fields(line), x.event, x.data, x.session);
    if (x && x.status >= 0) {
      locateTrackingRow(ctx, fields(line));
      return true;
    }
    // A protocol-log row without its header: the event column is the seventh.
    const f = fields(line);
    if (f.length >= 8 && f[6].end - f[6].start === 1) return locateProtocolRow(ctx, f, 6, 7, 2);
    return false;
  },
};
