import type { FormatLabel } from '../types';
import type { ReplyClass } from '../vocabulary';

// What each format says of the outcome, as data: the word the log writes → the class it implies.
// Keys are lower-case; the label text keeps the log's own spelling.

/** Postfix `status=` (delivery agents, address verification probes, soft_bounce). */
export const POSTFIX_STATUS: Readonly<Record<string, ReplyClass>> = {
  'sent': 'success',
  'deliverable': 'success',
  'deferred': 'transient',
  'softbounce': 'transient',
  'bounced': 'permanent',
  'expired': 'permanent',
  'undeliverable': 'permanent',
  'undeliverable-but-not-cached': 'permanent',
};

/** Exim's delivery flag after the message id. */
export const EXIM_FLAGS: Readonly<Record<string, ReplyClass>> = {
  '=>': 'success',
  '->': 'success',
  '**': 'permanent',
  '==': 'transient',
};

/** Sendmail `stat=`: the first word; anything else falls back to the first digit of `dsn=`. */
export const SENDMAIL_STAT: Readonly<Record<string, ReplyClass>> = {
  sent: 'success',
  deferred: 'transient',
};

/** qmail-send `delivery N: <result>:`. */
export const QMAIL_RESULT: Readonly<Record<string, ReplyClass>> = {
  success: 'success',
  deferral: 'transient',
  failure: 'permanent',
};

/** RFC 3464 `Action:` of a per-recipient DSN block. */
export const DSN_ACTION: Readonly<Record<string, ReplyClass>> = {
  failed: 'permanent',
  delayed: 'transient',
  delivered: 'success',
  relayed: 'success',
  expanded: 'success',
  // Postfix's address verification reports (`sendmail -bv`).
  deliverable: 'success',
  undeliverable: 'permanent',
};

/** Provider events (SES `eventType`/`notificationType`, SendGrid and Mailgun `event`). */
export const JSON_EVENT: Readonly<Record<string, ReplyClass>> = {
  'delivery': 'success',
  'delivered': 'success',
  'deliverydelay': 'transient',
  'deferred': 'transient',
  'bounce': 'permanent',
  'blocked': 'permanent',
};

/** SES `bounceType`, Mailgun `severity`: they refine a bounce or a failure. */
export const JSON_SEVERITY: Readonly<Record<string, ReplyClass>> = {
  permanent: 'permanent',
  transient: 'transient',
  temporary: 'transient',
};

/** Exchange message tracking `event-id`. */
export const EXCHANGE_EVENT: Readonly<Record<string, ReplyClass>> = {
  send: 'success',
  deliver: 'success',
  defer: 'transient',
  fail: 'permanent',
};

/** Cisco Secure Email Gateway (IronPort) `mail_logs`: `Bounced:`, `Delayed:`. */
export const IRONPORT_OUTCOME: Readonly<Record<string, ReplyClass>> = {
  bounced: 'permanent',
  delayed: 'transient',
};

export function labelFrom(table: Readonly<Record<string, ReplyClass>>, word: string | null): FormatLabel | null {
  if (word === null) return null;
  const cls = table[word.toLowerCase()];
  return cls ? { text: word, class: cls } : null;
}

/** A label whose class is the first digit of a code the log repeats (`reject=550`, Postfix `reject: 450`). */
export function labelFromDigit(text: string, digit: string): FormatLabel {
  const cls: ReplyClass = digit === '2' ? 'success' : digit === '3' ? 'intermediate' : digit === '4' ? 'transient' : digit === '5' ? 'permanent' : 'unknown';
  return { text, class: cls };
}
