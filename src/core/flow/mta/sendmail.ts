import type { Head } from '../head';
import { angleField, isAlnumToken, plainField, relayHost, newEvent, type LineEvent } from '../events';

// Sendmail: `QID: field=value, …` lines under `sendmail[pid]` or `sm-mta[pid]`.
//   QID: from=<a@b>, size=5938, class=0, nrcpts=7, msgid=<…>, proto=ESMTP, daemon=MTA, relay=[192.0.2.1]      queued
//   QID: to=<c@d>,<e@f>, delay=00:00:00, …, relay=mx.example.com. [192.0.2.5], dsn=2.0.0, stat=Sent (…)          attempt
//   QID: NEWQID: DSN: User unknown                                                                                link (bounce)
//   QID: ruleset=check_rcpt, arg1=<c@d>, relay=…, reject=550 5.7.1 <c@d>... Relaying denied                      rejected

export function isSendmail(program: string): boolean {
  return program === 'sendmail' || program === 'sm-mta' || program.startsWith('sm-mta') || program.startsWith('sendmail');
}

function ev(head: Head, kind: LineEvent['kind'], queueId: string | null): LineEvent {
  return newEvent('sendmail', kind, head.time, head.host, queueId);
}

/** `to=<a@x>,<b@y>,` or `to=a@x, ` (local): every recipient of one delivery line. */
function recipients(line: string, at: number): string[] {
  const out: string[] = [];
  let i = at + 3;
  if (line[i] !== '<') {
    let e = i;
    while (e < line.length && line[e] !== ',' && line[e] !== ' ') e++;
    if (e > i) out.push(line.slice(i, e));
    return out;
  }
  while (line[i] === '<' && out.length < 1000) {
    const close = line.indexOf('>', i);
    if (close < 0) break;
    out.push(line.slice(i + 1, close));
    i = close + 1;
    if (line[i] === ',') i++;
  }
  return out;
}

function readAttempt(line: string, head: Head, queueId: string, r: number): LineEvent | null {
  const st = line.indexOf('stat=', r);
  if (st < 0 || (line[st - 1] !== ' ' && line[st - 1] !== ',')) return null;
  const word = line.slice(st + 5, st + 13);
  if (word.startsWith('queued')) return null;
  const e = ev(head, 'attempt', queueId);
  e.recipients = recipients(line, r);
  const dsn = plainField(line, 'dsn=', r, st);
  if (word.startsWith('Sent')) e.status = 'sent';
  else if (word.startsWith('Deferred') || dsn?.[0] === '4') e.status = 'deferred';
  else e.status = 'bounced';
  const relay = plainField(line, 'relay=', r, st);
  if (relay) e.relay = relayHost(relay).replace(/\.$/, '');
  return e;
}

export function readSendmail(line: string, head: Head): LineEvent | null {
  const b = head.body;
  const colon = line.indexOf(': ', b);
  if (colon < 0 || !isAlnumToken(line, b, colon)) return null;
  const queueId = line.slice(b, colon);
  const r = colon + 2;
  if (line.startsWith('from=', r)) {
    const e = ev(head, 'queued', queueId);
    e.sender = angleField(line, 'from=', r) ?? plainField(line, 'from=', r) ?? '';
    const n = Number(plainField(line, 'nrcpts=', r));
    if (Number.isFinite(n) && n > 0) e.recipientCount = n;
    const msgid = angleField(line, 'msgid=', r);
    if (msgid) e.messageId = msgid;
    return e;
  }
  if (line.startsWith('to=', r)) return readAttempt(line, head, queueId, r);
  if (line.startsWith('ruleset=', r) && line.includes('reject=', r)) {
    const e = ev(head, 'rejected', null);
    const arg1 = line.startsWith('ruleset=check_rcpt', r) ? angleField(line, 'arg1=', r) : null;
    if (arg1) e.recipients = [arg1];
    else e.whole = true;
    return e;
  }
  // `QID: NEWQID: DSN: …`, `QID: NEWQID: return to sender: …`, `QID: NEWQID: postmaster notify: …`.
  const c2 = line.indexOf(': ', r);
  if (c2 > r && isAlnumToken(line, r, c2)) {
    const what = line.slice(c2 + 2, c2 + 40);
    if (what.startsWith('DSN: ') || what.startsWith('return to sender: ') || what.startsWith('postmaster notify: ')) {
      if (what.startsWith('return to sender: Cannot send message for') || line.includes('Cannot send message for', c2)) {
        const e = ev(head, 'expired', queueId);
        e.linkId = line.slice(r, c2);
        e.linkKind = 'bounce';
        return e;
      }
      const e = ev(head, 'link', queueId);
      e.linkId = line.slice(r, c2);
      e.linkKind = what.startsWith('DSN: Return receipt') || what.startsWith('DSN: Delivery receipt') ? 'success'
        : line.includes('Warning: could not send message for past', c2) ? 'delay' : 'bounce';
      return e;
    }
  }
  return ev(head, 'note', queueId);
}
