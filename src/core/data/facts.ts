// What the outcome facts a log writes beside a reply mean (`status=bounced`, Exim's `**`, a DSN's
// `Action: failed`), by the word the log writes, lower-cased. A hover on the fact shows this sentence,
// then the reply's explanation.

/** Postfix `status=` (delivery agents, address verification, soft_bounce). */
export const POSTFIX_STATUS_MEANINGS: Readonly<Record<string, string>> = {
  'sent': 'Postfix handed the message over (to the next server, or to the mailbox): this recipient is done.',
  'deliverable': 'An address verification probe found the address deliverable; no message was sent.',
  'deferred': 'Postfix could not deliver now: the message stays in its queue and is retried until it is delivered or expires. The reply says why.',
  'softbounce': 'soft_bounce = yes turned a failure into a deferral: Postfix keeps the message and retries (a setting meant for testing).',
  'bounced': 'Postfix gave up on this recipient: the message is returned to its sender (a bounce) with the reply below.',
  'expired': 'The message stayed in the queue longer than maximal_queue_lifetime: Postfix gave up and returns it to its sender. The earlier deferrals say why.',
  'undeliverable': 'An address verification probe found the address undeliverable; no message was sent.',
  'undeliverable-but-not-cached': 'An address verification probe found the address undeliverable; the result was not cached.',
};

/** Exim's delivery flag after the message id. */
export const EXIM_FLAG_MEANINGS: Readonly<Record<string, string>> = {
  '=>': 'Exim delivered the message to this address.',
  '->': 'Exim delivered the message to this address as well, in the same delivery as the address before it.',
  '**': 'Exim failed to deliver to this address, for good: the message is returned to its sender (a bounce).',
  '==': 'Exim could not deliver to this address now: the message stays in the queue and is retried.',
};

/** Sendmail `stat=`, by its first word; others are Sendmail's reason for a failure. */
export const SENDMAIL_STAT_MEANINGS: Readonly<Record<string, string>> = {
  sent: 'Sendmail handed the message over to the next server or mailer.',
  deferred: 'Sendmail could not deliver now: the message stays in its queue and is retried.',
  queued: 'Sendmail queued the message for a later delivery run.',
};
export const SENDMAIL_STAT_OTHER = "Sendmail's delivery status: its words give the reason the delivery failed; dsn= gives the enhanced code.";

/** RFC 3464 `Action:` of a recipient's block in a delivery status notification. */
export const DSN_ACTION_MEANINGS: Readonly<Record<string, string>> = {
  failed: 'RFC 3464: the message could not be delivered to this recipient, and the reporting server gave up.',
  delayed: 'RFC 3464: the message has not been delivered yet; the reporting server keeps trying and may send another notice.',
  delivered: 'RFC 3464: the message was delivered to this recipient.',
  relayed: 'RFC 3464: the message was passed on to a system that sends no further notices.',
  expanded: 'RFC 3464: the message was delivered to an address that forwards it to several others.',
};

/** How each fact with an enhanced status code introduces it. */
export const CODE_FACT_INTROS = {
  dsn: 'The enhanced status code (RFC 3463) the mail server recorded for this delivery',
  'dsn-status': 'RFC 3464 Status: the enhanced status code (RFC 3463) of this recipient',
} as const;
