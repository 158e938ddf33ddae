import type { Direction, FormatId } from '../types';

// Whose reply a format shows, seen from the host that wrote the log or the transcript. A locator that
// knows better for one of its anchors says so on its candidate (Postfix `reject:`, Exim `rejected RCPT`,
// Sendmail `reject=`, qmail-smtpd: this host's server refusing a client, inbound).

export const FORMAT_DIRECTION: Readonly<Record<FormatId, Direction>> = {
  // Delivery lines: `status=` / `said:`, Exim's `=>` `**` `==`, Sendmail `stat=`, qmail-send's results.
  'postfix': 'outbound',
  'exim': 'outbound',
  'sendmail': 'outbound',
  'qmail': 'outbound',
  // courieresmtpd (the server) and courieresmtp (the client) share the format: the locator decides.
  'courier': null,
  // Receive and send protocol logs share the format; the `#Log-type:` header decides.
  'exchange': null,
  // Client transcripts: the replies are the remote server's.
  'transcript': 'outbound',
  'swaks': 'outbound',
  'smtplib': 'outbound',
  'nodemailer': 'outbound',
  // A bounce reports a remote server's refusal of this host's message; provider events are a sender's.
  'dsn': 'outbound',
  'bounce': 'outbound',
  'provider-json': 'outbound',
  // Cisco Secure Email Gateway: `MID n RID n Response '…'` is the remote server's reply to a delivery.
  'ironport': 'outbound',
  // Phrases of other software: each row of `GENERIC_ROWS` says.
  'generic': null,
};
