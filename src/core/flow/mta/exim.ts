import type { Head } from '../head';
import { alnumEnd, newEvent, type AttemptStatus, type LineEvent } from '../events';

// Exim's mainlog and rejectlog: a message id and a flag, one line per event.
//   2026-11-29 10:00:01 1a2B3c-000Abc-De <= jane@example.org H=mail.example.org [192.0.2.1] P=esmtp S=1234 id=…   queued
//   … 1a2B3c-000Abc-De => bob@example.com R=dnslookup T=remote_smtp H=mx.example.com [203.0.113.5] C="250 OK"     attempt: sent
//   … 1a2B3c-000Abc-De == carol@example.net R=dnslookup T=remote_smtp defer (-44): SMTP error …: 451 …           attempt: deferred
//   … 1a2B3c-000Abc-De ** dave@example.net R=dnslookup T=remote_smtp: SMTP error …: 550 …                       attempt: bounced
//   … 1a2B3c-000Abc-De Completed                                                                                   completed
//   … 1a2B3d-000Abd-Df <= <> R=1a2B3c-000Abc-De U=Debian-exim P=local S=2345                                       a bounce of the first
//   … H=(helo) [192.0.2.9] F=<x@y> rejected RCPT <bob@example.com>: Unrouteable address                           rejected

const FLAGS: Readonly<Record<string, AttemptStatus | 'queued'>> = {
  '<=': 'queued', '=>': 'sent', '->': 'sent', '>>': 'sent', '*>': 'sent', '==': 'deferred', '**': 'bounced',
};

/** Phrases of a `**` line that say the retry time ran out rather than that the address failed. */
const EXPIRY = ['retry timeout exceeded', 'retry time not reached for any host after a long failure period'];

export function isExim(program: string): boolean {
  return program === 'exim' || program.startsWith('exim');
}

/** `1a2B3c-000Abc-De` (before 4.97) or `10HmaX-000000005vi-0000`: the end of the id at `i`, or -1. */
export function eximIdEnd(line: string, i: number): number {
  const a = alnumEnd(line, i);
  if (a - i !== 6 || line[a] !== '-') return -1;
  const b = alnumEnd(line, a + 1);
  if ((b - a - 1 !== 6 && b - a - 1 !== 11) || line[b] !== '-') return -1;
  const c = alnumEnd(line, b + 1);
  if (c - b - 1 !== 2 && c - b - 1 !== 4) return -1;
  return c;
}

function ev(head: Head, kind: LineEvent['kind'], queueId: string | null): LineEvent {
  return newEvent('exim', kind, head.time, head.host, queueId);
}

/** The token at `i` up to a blank. */
function token(line: string, i: number): string {
  let e = i;
  while (e < line.length && e - i < 1024 && line[e] !== ' ') e++;
  return line.slice(i, e);
}

/** ` KEY=value` after `from`, the value up to a blank. */
function keyValue(line: string, key: string, from: number): string | null {
  const k = line.indexOf(` ${key}=`, from);
  return k < 0 ? null : token(line, k + key.length + 2);
}

/**
 * The recipient of a delivery line: `bob@example.com`, `bob@example.com <alias@example.com>`, or a local user with
 * its address in angles (`userx <userx@test.ex>`): the first when it is an address, else the one in angles.
 */
function recipientAt(line: string, i: number): string | null {
  let first = token(line, i);
  if (first.endsWith(':')) first = first.slice(0, -1);
  if (first === '') return null;
  if (first.includes('@')) return first;
  const a = i + first.length + 1;
  if (line[a] === '<') {
    const close = line.indexOf('>', a);
    if (close > a) return line.slice(a + 1, close);
  }
  return first;
}

/** What Exim's ACLs reject (`RCPT <…>`, `MAIL`, `EHLO`, `after DATA`, `connection`): not the word inside a reply. */
function isAclVerb(line: string, i: number): boolean {
  const c = line.charCodeAt(i);
  return (c >= 65 && c <= 90) || line.startsWith('after ', i) || line.startsWith('connection', i) || line[i] === '(';
}

function readRejected(line: string, head: Head, queueId: string | null, at: number): LineEvent {
  const e = ev(head, 'rejected', queueId);
  const after = at + 'rejected '.length;
  if (line.startsWith('RCPT <', after)) {
    const close = line.indexOf('>', after + 6);
    if (close > 0) e.recipients = [line.slice(after + 6, close)];
  } else {
    e.whole = true;
  }
  const f = line.indexOf(' F=<', head.body);
  if (f >= 0 && f < at) {
    const close = line.indexOf('>', f + 4);
    if (close > 0) e.sender = line.slice(f + 4, close);
  }
  return e;
}

export function readExim(line: string, head: Head): LineEvent | null {
  const b = head.body;
  const idEnd = eximIdEnd(line, b);
  if (idEnd < 0 || line[idEnd] !== ' ') {
    if (line.startsWith('SMTP connection from ', b)) {
      const e = ev(head, 'connect', null);
      const end = line.indexOf(' (TCP/IP connection count', b);
      e.client = line.slice(b + 21, end > 0 ? end : line.length);
      return e;
    }
    // Lines without a message id: ACL rejections (`H=… rejected RCPT <…>: …`, `rejected HELO from …`) and connection events.
    const r = line.startsWith('rejected ', b) ? b - 1 : line.indexOf(' rejected ', b);
    return r >= b - 1 && isAclVerb(line, r + 10) ? readRejected(line, head, null, r + 1) : null;
  }
  const queueId = line.slice(b, idEnd);
  const f = idEnd + 1;
  const flag = FLAGS[line.slice(f, f + 2)];
  if (flag && line[f + 2] === ' ') {
    const a = f + 3;
    if (flag === 'queued') {
      const e = ev(head, 'queued', queueId);
      const sender = token(line, a);
      e.sender = sender === '<>' ? '' : sender;
      const parent = keyValue(line, 'R', a);
      if (e.sender === '' && parent && eximIdEnd(parent, 0) === parent.length) e.bounceOf = parent;
      const id = keyValue(line, 'id', a);
      if (id) e.messageId = id;
      return e;
    }
    const rcpt = recipientAt(line, a);
    if (!rcpt) return null;
    const e = ev(head, 'attempt', queueId);
    e.recipients = [rcpt];
    e.status = flag === 'bounced' && EXPIRY.some((p) => line.includes(p, a)) ? 'expired' : flag;
    const h = keyValue(line, 'H', a);
    if (h) e.relay = h;
    return e;
  }
  if (line.startsWith('Completed', f)) return ev(head, 'completed', queueId);
  const r = line.indexOf(' rejected ', f - 1);
  if (r >= 0 && isAclVerb(line, r + 10)) return readRejected(line, head, queueId, r + 1);
  return ev(head, 'note', queueId);
}
