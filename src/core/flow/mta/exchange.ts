import { fields, type Field } from '../../scan/locators/exchange';
import type { Head } from '../head';
import { newEvent, type AttemptStatus, type LineEvent } from '../events';

// Microsoft Exchange message tracking logs: CSV with a `#Fields:` header. One row per event of one message on
// one server, tied by `internal-message-id`:
//   …,SMTP,RECEIVE,17179869185,<msgid>,…,bob@example.net;carol@example.org,,5120,2,…,alice@contoso.com,…   queued
//   …,SMTP,SEND,17179869185,<msgid>,…,bob@example.net,250 2.0.0 OK …,…                                     attempt: sent
//   …,STOREDRIVER,DELIVER,…   sent to a mailbox;   …,DEFER,…   deferred;   …,FAIL,…   bounced;   …,DSN,…   a notification

/** `event-id` → what it is. */
const EVENTS: Readonly<Record<string, AttemptStatus | 'queued' | 'link' | 'dropped'>> = {
  RECEIVE: 'queued', SEND: 'sent', DELIVER: 'sent', DUPLICATEDELIVER: 'sent', DEFER: 'deferred', FAIL: 'bounced',
  DSN: 'link', DROP: 'dropped',
};

/** Column indexes of the header (-1: absent). */
export interface ExchangeColumns {
  eventId: number;
  internalId: number;
  messageId: number;
  recipients: number;
  recipientCount: number;
  sender: number;
  serverHost: number;
}

export function readExchangeHeader(line: string): ExchangeColumns | null {
  const names = line.slice('#Fields: '.length).trim().split(',');
  const idx = (n: string) => names.indexOf(n);
  const c: ExchangeColumns = {
    eventId: idx('event-id'), internalId: idx('internal-message-id'), messageId: idx('message-id'),
    recipients: idx('recipient-address'), recipientCount: idx('recipient-count'), sender: idx('sender-address'),
    serverHost: idx('server-hostname'),
  };
  // A protocol log (`event`, `data` columns) has no message ids: nothing for the flow.
  return c.eventId >= 0 && c.internalId >= 0 ? c : null;
}

function text(line: string, f: Field | undefined): string {
  return f ? line.slice(f.start, f.end) : '';
}

export function readExchange(line: string, head: Head, cols: ExchangeColumns): LineEvent | null {
  const f = fields(line);
  const kind = EVENTS[text(line, f[cols.eventId])];
  const queueId = text(line, f[cols.internalId]);
  if (!kind || queueId === '') return null;
  const e = newEvent('exchange', 'attempt', head.time, '', queueId);
  const rcpts = text(line, f[cols.recipients]);
  if (rcpts) e.recipients = rcpts.split(';').filter((r) => r !== '');
  if (kind === 'queued') {
    e.kind = 'queued';
    e.sender = text(line, f[cols.sender]);
    const mid = text(line, f[cols.messageId]);
    if (mid) e.messageId = mid.replace(/^<|>$/g, '');
    const n = Number(text(line, f[cols.recipientCount]));
    if (n > 0) e.recipientCount = n;
  } else if (kind === 'link') {
    // The DSN row names the message it reports on; the notification's own id is not logged with it.
    e.kind = 'link';
    e.linkKind = 'bounce';
    e.recipients = undefined;
  } else if (kind === 'dropped') {
    e.kind = 'dropped';
    e.whole = true;
  } else {
    e.status = kind;
    const relay = text(line, f[cols.serverHost]);
    if (relay) e.relay = relay;
  }
  return e;
}
