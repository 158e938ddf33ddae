import type { Head } from '../head';
import { newEvent, type LineEvent } from '../events';

// Cisco Secure Email Gateway (IronPort) mail_logs: messages are `MID n`, their recipients `RID n`.
//   Info: Start MID 5001 ICID 101                                              received
//   Info: MID 5001 ICID 101 From: <alice@partner.example>                      envelope
//   Info: MID 5001 ICID 101 RID 0 To: <bob@gmail.com>                          envelope (RID 0 is bob)
//   Info: MID 5001 ready 4210 bytes from <alice@partner.example>               queued
//   Info: Message done DCID 201 MID 5001 to RID [0]                            attempt: sent
//   Info: MID 5001 RID [0] Response '2.0.0 OK …'                               response
//   Info: Delayed: DCID 203 MID 5002 From: <…> To: <…> RID 0 - 4.3.2 - …        attempt: deferred
//   Info: Bounced: DCID 202 MID 5001 From: <…> To: <…> RID 1 - 5.1.0 - …        attempt: bounced (5.4.7, expired)
//   Info: Message finished MID 5001 done                                       completed
//   Info: MID 5001 rewritten to MID 5004 by …                                  link (the message goes on as 5004)
//   Info: ICID 101 REJECT SG BLOCKED match …                                  rejected

const LEVELS = ['Info: ', 'Warning: ', 'Debug: ', 'Trace: ', 'Critical: '];

export function isIronPort(program: string): boolean {
  return program === 'mail_logs' || program.endsWith('mail_logs');
}

function ev(head: Head, kind: LineEvent['kind'], queueId: string | null): LineEvent {
  return newEvent('ironport', kind, head.time, head.host, queueId);
}

function numberAt(line: string, i: number): { n: string; end: number } | null {
  let e = i;
  while (e < line.length && e - i < 20 && line.charCodeAt(e) >= 48 && line.charCodeAt(e) <= 57) e++;
  return e > i ? { n: line.slice(i, e), end: e } : null;
}

/** `RID [0, 1]` or `RID 0` at `i` (after `RID `). */
function ridsAt(line: string, i: number): number[] {
  if (line[i] !== '[') {
    const n = numberAt(line, i);
    return n ? [Number(n.n)] : [];
  }
  const close = line.indexOf(']', i);
  if (close < 0) return [];
  return line.slice(i + 1, close).split(',').map((s) => Number(s.trim())).filter((n) => Number.isInteger(n));
}

function angleAfter(line: string, key: string, from: number): string | null {
  const k = line.indexOf(key, from);
  if (k < 0) return null;
  const s = k + key.length;
  const close = line.indexOf('>', s);
  return line[s] === '<' && close > s ? line.slice(s + 1, close) : null;
}

/** `… MID 5001 …` after `from`: the MID. */
function midAfter(line: string, from: number): string | null {
  const m = line.indexOf('MID ', from);
  const n = m >= 0 ? numberAt(line, m + 4) : null;
  return n ? n.n : null;
}

function readOutcome(line: string, head: Head, r: number, deferred: boolean): LineEvent | null {
  const mid = midAfter(line, r);
  if (!mid) return null;
  const e = ev(head, 'attempt', mid);
  const rid = line.indexOf(' RID ', r);
  if (rid >= 0) e.rids = ridsAt(line, rid + 5);
  const to = angleAfter(line, ' To: ', r);
  if (to) e.recipients = [to];
  // ` - 5.4.7 - Delivery expired (message too old)`: the gateway gave up.
  e.status = deferred ? 'deferred' : line.includes(' - 5.4.7 - ', r) ? 'expired' : 'bounced';
  return e;
}

export function readIronPort(line: string, head: Head): LineEvent | null {
  let r = head.body;
  const level = LEVELS.find((l) => line.startsWith(l, r));
  if (!level) return null;
  r += level.length;
  if (line.startsWith('MID ', r)) {
    const n = numberAt(line, r + 4);
    if (!n) return null;
    const mid = n.n;
    const rest = n.end + 1;
    if (line.startsWith('ready ', rest)) {
      const e = ev(head, 'queued', mid);
      const from = angleAfter(line, ' from ', rest);
      if (from !== null) e.sender = from;
      return e;
    }
    if (line.startsWith('queued for delivery', rest)) return ev(head, 'queued', mid);
    if (line.startsWith('Message-ID ', rest)) {
      const e = ev(head, 'envelope', mid);
      e.messageId = line.slice(rest + 11).replace(/^'<?|>?'$/g, '');
      return e;
    }
    if (line.startsWith('RID [', rest) && line.includes("] Response '", rest)) {
      const e = ev(head, 'response', mid);
      e.rids = ridsAt(line, rest + 4);
      return e;
    }
    if (line.startsWith('rewritten to MID ', rest)) {
      const child = numberAt(line, rest + 17);
      if (!child) return null;
      const e = ev(head, 'link', mid);
      e.linkId = child.n;
      e.linkKind = 'requeue';
      return e;
    }
    if (line.startsWith('ICID ', rest)) {
      const from = angleAfter(line, ' From: ', rest);
      if (from !== null) {
        const e = ev(head, 'envelope', mid);
        e.sender = from;
        return e;
      }
      const rid = line.indexOf(' RID ', rest);
      const to = angleAfter(line, ' To: ', rest);
      if (rid >= 0 && to !== null) {
        const rejected = line.includes(' Rejected by ', rid);
        const e = ev(head, rejected ? 'rejected' : 'envelope', mid);
        e.recipients = [to];
        if (!rejected) e.rids = ridsAt(line, rid + 5);
        return e;
      }
    }
    return ev(head, 'note', mid);
  }
  if (line.startsWith('New SMTP ICID ', r)) {
    // `New SMTP ICID 101 interface … address 198.51.100.20 reverse dns host mail.partner.example verified yes`
    const e = ev(head, 'connect', null);
    const a = line.indexOf(' address ', r);
    const h = line.indexOf(' reverse dns host ', r);
    if (a > 0) {
      const ip = line.slice(a + 9, line.indexOf(' ', a + 9) > 0 ? line.indexOf(' ', a + 9) : line.length);
      const host = h > 0 ? line.slice(h + 18, line.indexOf(' ', h + 18) > 0 ? line.indexOf(' ', h + 18) : line.length) : '';
      e.client = host && host !== 'unknown' ? `${host}[${ip}]` : `[${ip}]`;
    }
    return e;
  }
  if (line.startsWith('Start MID ', r)) {
    const n = numberAt(line, r + 10);
    return n ? ev(head, 'received', n.n) : null;
  }
  if (line.startsWith('Message done ', r)) {
    const mid = midAfter(line, r);
    const rid = line.indexOf(' RID ', r);
    if (!mid || rid < 0) return null;
    const e = ev(head, 'attempt', mid);
    e.status = 'sent';
    e.rids = ridsAt(line, rid + 5);
    return e;
  }
  if (line.startsWith('Bounced: ', r)) return readOutcome(line, head, r, false);
  if (line.startsWith('Delayed: ', r)) return readOutcome(line, head, r, true);
  if (line.startsWith('Message finished MID ', r)) {
    const n = numberAt(line, r + 21);
    return n ? ev(head, 'completed', n.n) : null;
  }
  if (line.startsWith('Message aborted MID ', r)) {
    const n = numberAt(line, r + 20);
    if (!n) return null;
    const e = ev(head, 'dropped', n.n);
    e.whole = true;
    return e;
  }
  if (line.startsWith('ICID ', r) && line.includes(' REJECT SG ', r)) {
    const e = ev(head, 'rejected', null);
    e.whole = true;
    return e;
  }
  // `Delivery start DCID 201 MID 5001 to RID [0]`, `Message 5002 to RID [0] pending till …`.
  const mid = line.startsWith('Message ', r) && line.includes(' to RID ', r) ? numberAt(line, r + 8)?.n : midAfter(line, r);
  return mid ? ev(head, 'note', mid) : null;
}
