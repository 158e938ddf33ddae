// What one log line says about a message: the event. Each MTA's reader (`events/*.ts`) turns its lines into these;
// the reply an attempt got is not read here but taken from the scanner's finding for the same line.

/** The MTA (or gateway) whose log a line comes from. */
export type MtaId = 'postfix' | 'exim' | 'sendmail' | 'exchange' | 'ironport';

export type EventKind =
  /** A client connected (Postfix smtpd `connect from`, Exim `SMTP connection from`, IronPort `New SMTP ICID`): no message yet. */
  | 'connect'
  /** A message started: Postfix smtpd `client=`, pickup `uid=`; IronPort `Start MID`. */
  | 'received'
  /** The message entered the queue: Postfix qmgr `from=… nrcpt=`, Exim `<=`, Sendmail `from=`, Exchange RECEIVE, IronPort `ready`. */
  | 'queued'
  /** The envelope: a sender or recipients declared (IronPort `From:`, `RID n To:`), or the `Message-ID` header. */
  | 'envelope'
  /** A delivery attempt for one or more recipients, with its status. */
  | 'attempt'
  /** The remote reply of an earlier attempt, on a line of its own (IronPort `Response '…'`). */
  | 'response'
  /** Refused before queueing: Postfix `reject:`, Exim `rejected RCPT`, Sendmail `reject=`, IronPort `REJECT SG`. */
  | 'rejected'
  /** The message made another: a bounce or delay notification, or a re-queued copy (`linkId`, `linkKind`). */
  | 'link'
  /** The queue lifetime ran out: every recipient not yet done expires (Postfix `status=expired, returned to sender`). */
  | 'expired'
  /** The message is done and gone from the queue: Postfix `removed`, Exim `Completed`, IronPort `Message finished`. */
  | 'completed'
  /** Dropped after it was received, without delivery (Postfix `discard:`, IronPort `Message aborted`). */
  | 'dropped'
  /** Any other line of a known message (a milter's verdict, IronPort's `Subject`): it belongs to the message's lines. */
  | 'note';

export type AttemptStatus = 'sent' | 'deferred' | 'bounced' | 'expired';

export type LinkKind = 'bounce' | 'delay' | 'success' | 'requeue';

export interface LineEvent {
  mta: MtaId;
  kind: EventKind;
  /** The log's wall-clock time in ms (see time.ts), NaN when the line has none. */
  time: number;
  host: string;
  /** Postfix or Sendmail queue id, Exim message id, Exchange internal-message-id, IronPort MID; null: none (NOQUEUE). */
  queueId: string | null;
  status?: AttemptStatus;
  /** Recipients of an attempt or a rejection, or declared by an envelope or queued event. */
  recipients?: string[];
  /** IronPort recipient ids (`RID [0, 1]`) instead of, or beside, addresses. */
  rids?: number[];
  sender?: string;
  /** The host an attempt went to (`relay=` without its address and port, Exim `H=`, Exchange server-hostname). */
  relay?: string;
  messageId?: string;
  /** Recipients the message was queued with (Postfix `nrcpt=`, Sendmail `nrcpts=`, Exchange `recipient-count`). */
  recipientCount?: number;
  /** The message this one made, or (`requeue`) may have become: Postfix `queued as`, IronPort `rewritten to MID`. */
  linkId?: string;
  linkKind?: LinkKind;
  /** The client of a `connect`: `mail.example.org[192.0.2.1]`. */
  client?: string;
  /** This message is the bounce of another (Exim `<= <> R=1a2B3c-…`). */
  bounceOf?: string;
  /** A rejection or drop of the whole message (cleanup `reject: header`), not of one recipient. */
  whole?: boolean;
}

/**
 * A new event with every field present: all events then share one shape, which keeps the code that reads them
 * fast (an object that gains fields one by one takes a new shape each time).
 */
export function newEvent(mta: MtaId, kind: EventKind, time: number, host: string, queueId: string | null): LineEvent {
  return {
    mta, kind, time, host, queueId, status: undefined, recipients: undefined, rids: undefined, sender: undefined, relay: undefined,
    messageId: undefined, recipientCount: undefined, linkId: undefined, linkKind: undefined, client: undefined, bounceOf: undefined, whole: undefined,
  };
}

const QUEUE_ID_MAX = 40;

export function isAlnumCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** The end of a run of letters and digits starting at `from` (at most 40). */
export function alnumEnd(line: string, from: number): number {
  let e = from;
  while (e < line.length && e - from < 40 && isAlnumCode(line.charCodeAt(e))) e++;
  return e;
}

/** Letters and digits only, 5 to 40 of them. */
export function isAlnumToken(s: string, from: number, to: number): boolean {
  if (to - from < 5 || to - from > QUEUE_ID_MAX) return false;
  for (let i = from; i < to; i++) if (!isAlnumCode(s.charCodeAt(i))) return false;
  return true;
}

/** The address of `key<…>` (`to=<a@b>`, `from=<>`) in [from, limit); '' for `<>`, null when absent. */
export function angleField(line: string, key: string, from: number, limit = line.length): string | null {
  let i = line.indexOf(key, from);
  while (i >= 0 && i < limit) {
    const p = i === 0 ? ' ' : line[i - 1];
    if (p === ' ' || p === ',' || p === '\t' || p === ':' || p === '(') {
      const s = i + key.length;
      if (line[s] === '<') {
        const close = line.indexOf('>', s + 1);
        if (close > 0 && close - s < 1024) return line.slice(s + 1, close);
      }
      return null;
    }
    i = line.indexOf(key, i + 1);
  }
  return null;
}

/** The value of `key` up to the next comma or blank (`relay=mx.example.com[192.0.2.1]:25,`). */
export function plainField(line: string, key: string, from: number, limit = line.length): string | null {
  let i = line.indexOf(key, from);
  while (i >= 0 && i < limit) {
    const p = i === 0 ? ' ' : line[i - 1];
    if (p === ' ' || p === ',' || p === '\t') {
      const s = i + key.length;
      let e = s;
      while (e < line.length && e - s < 512 && line[e] !== ',' && line[e] !== ' ' && line[e] !== ';') e++;
      return line.slice(s, e);
    }
    i = line.indexOf(key, i + 1);
  }
  return null;
}

/** `mx.example.com[192.0.2.1]:25` → `mx.example.com`; `[192.0.2.1]` → `192.0.2.1`. */
export function relayHost(relay: string): string {
  const b = relay.indexOf('[');
  if (b > 0) return relay.slice(0, b);
  if (b === 0) {
    const close = relay.indexOf(']');
    return close > 1 ? relay.slice(1, close) : relay;
  }
  return relay;
}

/** A relay on this machine: a content filter or a local re-injection, not a remote server. */
export function isLoopback(relay: string): boolean {
  return relay.startsWith('127.') || relay.includes('[127.') || relay.includes('[::1]') || relay === '::1' || relay.startsWith('localhost');
}
