// What bounce messages look like, as data: the line that opens the returned copy of the message, the
// sentences that say whether the failure is final, the subjects and senders of bounces and of auto-replies.
// Each row names the MTA or provider that writes it and a real example line; test/core/bounceFormats.test.ts
// walks them. Sources: the MTAs' own source texts (qmail-send.c, Exim's deliver.c, Postfix's bounce
// templates, sendmail's savemail.c) as quoted by Sisimai (BSD-2-Clause, lib/sisimai/lhost/*), and bounces seen.
import type { ReplyClass } from '../vocabulary';

/** A line that starts the returned message: the lines after it are the sender's own mail, never the report. */
export interface ReturnedMessageMarker {
  /** Compared with the start of the trimmed line, case-insensitively. */
  phrase: string;
  writer: string;
  example: string;
}

export const RETURNED_MESSAGE_MARKERS: readonly ReturnedMessageMarker[] = [
  { phrase: '------ This is a copy of the message', writer: 'Exim', example: '------ This is a copy of the message, including all the headers. ------' },
  { phrase: '----- This is a copy of the message', writer: 'Exim (older)', example: "----- This is a copy of the message's headers. -----" },
  { phrase: '--- Below this line is a copy of the m', writer: 'qmail, Yahoo', example: '--- Below this line is a copy of the message.' },
  { phrase: '--- Below the next line is a copy of the message', writer: 'qmail clones', example: '--- Below the next line is a copy of the message.' },
  { phrase: '--- Mensaje original adjunto', writer: 'qmail clones (Spanish)', example: '--- Mensaje original adjunto.' },
  { phrase: '--- Original message follows', writer: 'X2, Yahoo (old)', example: '--- Original message follows.' },
  { phrase: 'Original message follows.', writer: 'qmail clones', example: 'Original message follows.' },
  { phrase: '--- Enclosed is a copy of the message', writer: 'X5 (unnamed MTA)', example: '--- Enclosed is a copy of the message.' },
  { phrase: '--- The header of the original message is following', writer: 'KDDI (au)', example: '--- The header of the original message is following. ---' },
  { phrase: '----- Original message -----', writer: 'Gmail, Google Groups', example: '----- Original message -----' },
  { phrase: '----- Unsent message follows -----', writer: 'Sendmail V5', example: '   ----- Unsent message follows -----' },
  { phrase: '----- Original message follows -----', writer: 'Sendmail (old)', example: '----- Original message follows -----' },
  { phrase: 'Message headers follow.', writer: 'DragonFly Mail Agent', example: 'Message headers follow.' },
  { phrase: 'Original message headers:', writer: 'Exchange 2007+, Microsoft 365', example: 'Original message headers:' },
  { phrase: "En-têtes de message d'origine", writer: 'Exchange 2007+ (French)', example: "En-têtes de message d'origine :" },
  { phrase: 'Below is a copy of the original message:', writer: 'OpenSMTPD', example: '    Below is a copy of the original message:' },
  { phrase: 'Original mail as follows:', writer: 'fml', example: 'Original mail as follows:' },
  { phrase: 'Included is a copy of the message header:', writer: 'McAfee MXLogic', example: 'Included is a copy of the message header:' },
  { phrase: '-------original message', writer: 'm-FILTER', example: '-------original message' },
  { phrase: '-------original mail info', writer: 'm-FILTER', example: '-------original mail info' },
  { phrase: '------ Original message follows', writer: 'IMail Server', example: '------ Original message follows ------' },
  { phrase: '--- Original Message ---', writer: 'Zoho', example: '--- Original Message ---' },
  { phrase: 'Original Message:', writer: 'Verizon (MMS gateway)', example: 'Original Message:' },
  { phrase: '------- Returned Message --------', writer: 'SurfControl, MailMarshal', example: '------- Returned Message --------' },
  { phrase: 'The original message headers are included as attachment.', writer: 'MailMarshal', example: 'The original message headers are included as attachment.' },
];

/** A sentence of a bounce's report that says whether the failure is final: the class of a failure that gives no code. */
export interface ReportClassPhrase {
  /** Lower-case; looked for anywhere in the report's text and subject. */
  phrase: string;
  class: Extract<ReplyClass, 'permanent' | 'transient'>;
  writer: string;
  example: string;
}

// Transient phrases come first: a delay notice often says "permanent" only to say that it is not yet one.
export const REPORT_CLASS_PHRASES: readonly ReportClassPhrase[] = [
  { phrase: 'this is a warning message only', class: 'transient', writer: 'Gmail, Sendmail', example: 'THIS IS A WARNING MESSAGE ONLY.' },
  { phrase: 'has been delayed', class: 'transient', writer: 'Gmail, Postfix', example: 'Delivery to the following recipient has been delayed:' },
  { phrase: 'delivery is delayed', class: 'transient', writer: 'Exchange, Microsoft 365', example: 'Delivery is delayed to these recipients or groups:' },
  { phrase: 'will be retried', class: 'transient', writer: 'Gmail', example: 'Message will be retried for 2 more day(s)' },
  { phrase: 'will retry for', class: 'transient', writer: 'Gmail', example: 'Gmail will retry for 46 more hours.' },
  { phrase: 'is delayed for more than', class: 'transient', writer: 'Biglobe, au (KDDI)', example: 'A message is delayed for more than 4 hours for the following' },
  { phrase: 'only a temporary failure report', class: 'transient', writer: 'Gmail (old)', example: 'Please note that this is only a temporary failure report.' },
  { phrase: 'technical details of temporary failure', class: 'transient', writer: 'Gmail (old)', example: 'Technical details of temporary failure:' },
  { phrase: 'there was a temporary problem delivering your message', class: 'transient', writer: 'Gmail', example: 'There was a temporary problem delivering your message to sotoneko@example.jp.' },
  { phrase: 'delivery attempts will continue', class: 'transient', writer: 'Exim', example: 'No action is required on your part. Delivery attempts will continue for some time' },
  { phrase: 'no action is required on your part', class: 'transient', writer: 'Exim', example: 'No action is required on your part.' },
  { phrase: 'warning: message', class: 'transient', writer: 'Exim (delay warning subject)', example: 'Warning: message 1Xgf0a-0001Qm-Ep delayed 24 hours' },
  { phrase: 'delivery status notification (delay)', class: 'transient', writer: 'Gmail (subject)', example: 'Delivery Status Notification (Delay)' },
  { phrase: 'delayed mail (still being retried)', class: 'transient', writer: 'Postfix (subject)', example: 'Delayed Mail (still being retried)' },
  { phrase: 'warning: could not send message for past', class: 'transient', writer: 'Sendmail (subject)', example: 'Warning: could not send message for past 4 hours' },
  { phrase: 'this is a permanent error', class: 'permanent', writer: 'qmail, Exim', example: "This is a permanent error; I've given up. Sorry it didn't work out." },
  { phrase: 'had permanent fatal errors', class: 'permanent', writer: 'Sendmail', example: '----- The following addresses had permanent fatal errors -----' },
  { phrase: 'failed permanently', class: 'permanent', writer: 'Gmail', example: 'Delivery to the following recipient failed permanently:' },
  { phrase: 'technical details of permanent failure', class: 'permanent', writer: 'Gmail (old)', example: 'Technical details of permanent failure:' },
  { phrase: 'has been a permanent failure', class: 'permanent', writer: 'Gmail', example: 'This has been a permanent failure. No further delivery attempts will be made.' },
  { phrase: 'returned permanent errors', class: 'permanent', writer: 'X6 (unnamed MTA)', example: 'The following recipients returned permanent errors: kijitora@example.org.' },
  { phrase: 'i\'m not going to try again', class: 'permanent', writer: 'qmail', example: "I'm not going to try again; this message has been in the queue too long." },
  { phrase: 'could not be delivered', class: 'permanent', writer: 'Exim, Postfix, many', example: 'A message that you sent could not be delivered to one or more of its recipients.' },
  { phrase: 'delivery has failed', class: 'permanent', writer: 'Exchange, Microsoft 365', example: 'Delivery has failed to these recipients or groups:' },
  { phrase: 'undeliverable', class: 'permanent', writer: 'Exchange (subject)', example: 'Undeliverable: Nyaan' },
  { phrase: 'undelivered mail returned to sender', class: 'permanent', writer: 'Postfix (subject)', example: 'Undelivered Mail Returned to Sender' },
  { phrase: 'mail delivery failed', class: 'permanent', writer: 'Exim (subject)', example: 'Mail delivery failed: returning message to sender' },
  { phrase: 'delivery status notification (failure)', class: 'permanent', writer: 'Gmail (subject)', example: 'Delivery Status Notification (Failure)' },
  { phrase: 'returned mail:', class: 'permanent', writer: 'Sendmail (subject)', example: 'Returned mail: see transcript for details' },
  { phrase: 'failure notice', class: 'permanent', writer: 'qmail, Yahoo (subject)', example: 'failure notice' },
  { phrase: 'unable to deliver', class: 'permanent', writer: 'many', example: 'Unable to deliver message to the following address(es).' },
  { phrase: 'wasn\'t able to deliver', class: 'permanent', writer: 'qmail', example: "I'm afraid I wasn't able to deliver your message to the following addresses." },
];

/**
 * A line of a report that names who wrote it whatever the language of the report's words: a help link. Where the
 * words about a recipient give no reason, they are read with it, and the text rules (textRules.ts) say what that
 * writer's notices mean. Google Groups words its notice in the sender's language (Japanese, Arabic, Greek, French,
 * Hebrew … in the dev set), always with the same link.
 */
export interface ReportSignature {
  /** Lower-case; looked for anywhere in the report's text. A text rule must know it (the tests check). */
  phrase: string;
  writer: string;
  example: string;
}

export const REPORT_SIGNATURES: readonly ReportSignature[] = [
  { phrase: 'groups.google.com/support', writer: 'Google Groups',
    example: 'このグループやその他の Google グループについてご不明な点がありましたら、https://groups.google.com/support/ からヘルプセンターにアクセスしてください。' },
];

/** Words of a bounce's subject: with them, a message is read as a bounce even without a delivery-status part. */
export const BOUNCE_SUBJECTS: readonly string[] = [
  'undeliver', 'undelivered', 'delivery fail', 'delivery status notification', 'delivery notification', 'failure notice',
  'returned mail', 'returned to sender', 'mail delivery', 'could not be delivered', 'delivery problem', 'nondeliverable',
  'non remis', 'unzustellbar', 'non recapitabile', 'no entregado', 'mail system error', 'delayed mail', 'warning: could not send',
  'delivery report', 'message not delivered', 'returned message', 'failed delivery', 'rejected message', 'error sending',
];

/** Local parts of the senders of bounces (`MAILER-DAEMON@…`, `postmaster@…`). */
export const BOUNCE_SENDERS: readonly string[] = ['mailer-daemon', 'mailer_daemon', 'mailerdaemon', 'mail-daemon', 'postmaster', 'post_master', 'mmdf', 'mail delivery subsystem'];

/** An automatic reply that is no bounce (RFC 3834 `Auto-Submitted: auto-replied` and the usual subjects). */
export const AUTO_REPLY_SUBJECTS: readonly string[] = [
  'out of office', 'out of the office', 'automatic reply', 'auto reply', 'autoreply', 'auto-reply', 'auto:', 'vacation', 'away from',
  'abwesenheit', 'absence', 'réponse automatique', 'respuesta automática', 'risposta automatica', '自動応答', '不在',
];
