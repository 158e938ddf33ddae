import type { Head } from '../head';
import { alnumEnd, angleField, isAlnumToken, plainField, relayHost, newEvent, type AttemptStatus, type LineEvent, type LinkKind } from '../events';

// Postfix: one message over several daemons, tied by its queue id.
//   smtpd    QID: client=mail.example.com[192.0.2.1]                      received
//   pickup   QID: uid=1000 from=<jane>                                     received (local submission)
//   cleanup  QID: message-id=<…>                                           envelope
//   qmgr     QID: from=<a@b>, size=1234, nrcpt=2 (queue active)            queued
//   smtp     QID: to=<c@d>, relay=mx…[…]:25, …, dsn=2.0.0, status=sent (250 …)   attempt (also lmtp, local, virtual, pipe, error, retry)
//   bounce   QID: sender non-delivery notification: NEWQID                link
//   qmgr     QID: from=<a@b>, status=expired, returned to sender           expired
//   qmgr     QID: removed                                                  completed
//   smtpd    NOQUEUE: reject: RCPT from …: 554 5.7.1 …; from=<a> to=<b> proto=ESMTP helo=<h>   rejected
//   cleanup  QID: reject: header Subject: … from …; from=<a> to=<b> …: 5.7.1 …   rejected (the whole message)

/** Daemons that log as `postfix/NAME` (or `NAME` under another syslog_name, `postfix-out/smtp`). */
const DAEMONS = new Set([
  'smtpd', 'smtp', 'lmtp', 'local', 'virtual', 'pipe', 'error', 'retry', 'discard', 'cleanup', 'qmgr', 'nqmgr',
  'pickup', 'bounce', 'postscreen', 'sendmail', 'postdrop', 'postsuper', 'oqmgr', 'trivial-rewrite',
]);

/** Delivery status words → the attempt's status (`SOFTBOUNCE` and `undeliverable` are what soft_bounce and verify write). */
const STATUS: Readonly<Record<string, AttemptStatus>> = {
  sent: 'sent', deliverable: 'sent', deferred: 'deferred', SOFTBOUNCE: 'deferred', softbounce: 'deferred',
  bounced: 'bounced', undeliverable: 'bounced', expired: 'expired',
};

/** The notifications the bounce daemon logs, after `QID: `. */
const NOTIFICATIONS: readonly [string, LinkKind][] = [
  ['sender non-delivery notification: ', 'bounce'],
  ['postmaster non-delivery notification: ', 'bounce'],
  ['sender delay notification: ', 'delay'],
  ['sender delivery status notification: ', 'success'],
];

const REJECTS = ['reject: ', 'milter-reject: ', 'proxy-reject: '];

export function isPostfix(program: string): boolean {
  if (program.startsWith('postfix')) return true;
  const slash = program.lastIndexOf('/');
  return slash > 0 && DAEMONS.has(program.slice(slash + 1));
}

/** Postfix short (`4A1B2C3D4E`, hex) or long (`4TmX1s0Zz9z9`) queue ids; not `warning`, `NOQUEUE`. */
function isQueueId(line: string, from: number, to: number): boolean {
  if (!isAlnumToken(line, from, to)) return false;
  for (let i = from; i < to; i++) {
    const c = line.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  // All letters: only a short id, upper-case hex.
  for (let i = from; i < to; i++) {
    const c = line.charCodeAt(i);
    if (c < 65 || c > 70) return false;
  }
  return true;
}

function ev(head: Head, kind: LineEvent['kind'], queueId: string | null): LineEvent {
  return newEvent('postfix', kind, head.time, head.host, queueId);
}

function numberField(line: string, key: string, from: number): number | undefined {
  const v = plainField(line, key, from);
  const n = v === null ? NaN : Number(v);
  return Number.isFinite(n) ? n : undefined;
}

function readReject(line: string, head: Head, queueId: string | null, at: number): LineEvent {
  const e = ev(head, 'rejected', queueId);
  const semi = line.lastIndexOf('; from=<');
  const kv = semi >= 0 ? semi : at;
  const to = angleField(line, 'to=', kv);
  const from = angleField(line, 'from=', kv);
  if (to) e.recipients = [to];
  if (from !== null) e.sender = from;
  // cleanup's header and body checks, and a milter at END-OF-MESSAGE, refuse the whole message.
  const what = line.slice(line.indexOf(': ', at) + 2, line.indexOf(': ', at) + 20);
  if (head.program.endsWith('cleanup') || what.startsWith('END-OF-MESSAGE') || what.startsWith('DATA')) e.whole = true;
  return e;
}

function readAttempt(line: string, head: Head, queueId: string, at: number): LineEvent | null {
  const st = line.indexOf(', status=', at);
  if (st < 0) return null;
  let w = st + 9;
  const ws = w;
  while (w < line.length && w - ws < 40 && line[w] !== ' ' && line[w] !== ',' && line[w] !== '(') w++;
  const status = STATUS[line.slice(ws, w)];
  if (!status) return null;
  const to = angleField(line, 'to=', at, st);
  if (to === null) return null;
  const e = ev(head, 'attempt', queueId);
  e.status = status;
  e.recipients = [to];
  const relay = plainField(line, 'relay=', at, st);
  if (relay) e.relay = relayHost(relay);
  if (status === 'sent') {
    // `250 2.0.0 Ok: queued as 4TmX…` from a content filter on this host; `forwarded as 4TmX…` from local(8).
    const q = line.indexOf('queued as ', w);
    const f = q < 0 ? line.indexOf('forwarded as ', w) : -1;
    const s = q >= 0 ? q + 10 : f >= 0 ? f + 13 : -1;
    if (s > 0) {
      const end = alnumEnd(line, s);
      if (end - s >= 5) {
        e.linkId = line.slice(s, end);
        e.linkKind = 'requeue';
      }
    }
  }
  return e;
}

export function readPostfix(line: string, head: Head): LineEvent | null {
  const b = head.body;
  if (line.startsWith('connect from ', b)) {
    const e = ev(head, 'connect', null);
    e.client = line.slice(b + 13);
    return e;
  }
  const colon = line.indexOf(': ', b);
  if (colon < 0 || colon - b > 40) return null;
  if (line.startsWith('NOQUEUE: ', b)) {
    const r = b + 9;
    for (const x of REJECTS) if (line.startsWith(x, r)) return readReject(line, head, null, r);
    return null;
  }
  if (!isQueueId(line, b, colon)) return null;
  const queueId = line.slice(b, colon);
  const r = colon + 2;
  switch (line.charCodeAt(r)) {
    case 116: // t
      if (line.startsWith('to=<', r)) return readAttempt(line, head, queueId, r);
      break;
    case 102: // f
      if (line.startsWith('from=<', r)) {
        const sender = angleField(line, 'from=', r) ?? '';
        if (line.startsWith(', status=expired', line.indexOf('>', r) + 1)) {
          const e = ev(head, 'expired', queueId);
          e.sender = sender;
          return e;
        }
        const e = ev(head, 'queued', queueId);
        e.sender = sender;
        const n = numberField(line, 'nrcpt=', r);
        if (n !== undefined) e.recipientCount = n;
        return e;
      }
      break;
    case 99: // c
      if (line.startsWith('client=', r)) return ev(head, 'received', queueId);
      break;
    case 117: // u
      if (line.startsWith('uid=', r)) {
        const e = ev(head, 'received', queueId);
        const from = angleField(line, 'from=', r);
        if (from !== null) e.sender = from;
        return e;
      }
      break;
    case 109: // m
      if (line.startsWith('message-id=', r)) {
        const e = ev(head, 'envelope', queueId);
        let v = line.slice(r + 11).trim();
        if (v.startsWith('<') && v.endsWith('>')) v = v.slice(1, -1);
        e.messageId = v;
        return e;
      }
      if (line.startsWith('milter-reject: ', r)) return readReject(line, head, queueId, r);
      break;
    case 114: // r
      if (line.startsWith('removed', r) && line.length - r < 12) return ev(head, 'completed', queueId);
      if (line.startsWith('reject: ', r)) return readReject(line, head, queueId, r);
      break;
    case 112: // p
      if (line.startsWith('proxy-reject: ', r)) return readReject(line, head, queueId, r);
      if (line.startsWith('postmaster non-delivery notification: ', r)) return readLink(line, head, queueId, r);
      break;
    case 115: // s
      if (line.startsWith('sender=', r)) return ev(head, 'received', queueId);
      if (line.startsWith('sender ', r)) return readLink(line, head, queueId, r);
      break;
    case 100: // d
      if (line.startsWith('discard: ', r)) {
        const e = ev(head, 'dropped', queueId);
        e.whole = true;
        return e;
      }
      break;
  }
  return ev(head, 'note', queueId);
}

function readLink(line: string, head: Head, queueId: string, r: number): LineEvent | null {
  for (const [phrase, kind] of NOTIFICATIONS) {
    if (!line.startsWith(phrase, r)) continue;
    const s = r + phrase.length;
    let end = s;
    while (end < line.length && end - s < 40 && line[end] !== ' ' && line[end] !== ',') end++;
    if (end - s < 5) return null;
    const e = ev(head, 'link', queueId);
    e.linkId = line.slice(s, end);
    e.linkKind = kind;
    return e;
  }
  return null;
}
