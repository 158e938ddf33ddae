import type { ReasonId } from '../vocabulary';

/*
 * Basic reply codes: RFC 5321 §4.2.2/§4.2.3 and the extensions that add codes or give them a meaning:
 * AUTH (RFC 4954 §4, §6), STARTTLS (RFC 3207 §4), ETRN (RFC 1985: 250-253, 458, 459), RFC 7504 (521, 556;
 * 521 first in the experimental RFC 1846), RFC 7505 (null MX), and two codes that exist only as "associated
 * basic status codes" in the IANA enhanced-code registry (RFC 5248: 523 with X.7.10, 525 with X.7.13).
 * Titles follow the RFC wording, checked against quotations (RFC 5321 §4.2.3 in new-tokio-smtp's docs; the
 * RFC 4954 §6 and RFC 3207 replies and the RFC 1985 ETRN replies in copies and reply tables). 521 "Host does
 * not accept mail" and 556 "Domain does not accept mail" are RFC 7504's wording as we know it; only its
 * abstract was in reach. 458/459 come from RFC 1985 (ETRN), not from RFC 4865: FUTURERELEASE adds no code.
 *
 * `reason` is the default when neither the text nor the enhanced code says more; the engine treats a code
 * alone as weak evidence. Contested choices:
 * - 450 'unknown': RFC 5321's "mailbox busy or temporarily blocked for policy reasons" covers greylisting,
 *   temporary DNS-based checks and unverifiable recipients about equally; the class (retry) is the useful part.
 * - 452 'server-error': the RFC's "insufficient system storage". RFC 5321 §4.5.3.1.10 also makes 452 the
 *   reply to too many recipients, and servers send 452 4.2.2 for a full mailbox; the enhanced code decides.
 * - 454 'server-unavailable': RFC 4954's "temporary authentication failure" and RFC 3207's "TLS not available
 *   due to temporary reason" both say that a service of the server is down for now; not 'tls-required',
 *   since the client did ask for TLS.
 * - 550 'unknown': a bare 550 is often an unknown mailbox, but the RFC's own examples include "command
 *   rejected for policy reasons", and a 550 after DATA cannot be about the mailbox. Calling it user-unknown
 *   would make a script that suppresses unknown users drop good addresses; the enhanced code or the text
 *   decides instead (the action, do-not-retry, is the same).
 * - 552 'message-too-large': RFC 5321 says "exceeded storage allocation", which once meant the mailbox
 *   quota; but RFC 1870 (SIZE) gives 552 to messages over the size limit, and RFC 3463 wants a full mailbox
 *   reported as a transient failure (452 4.2.2). A permanent 552 with nothing else is more often a size
 *   limit; X.2.2 or "over quota" in the text overrides it.
 * - 553 'sender-rejected': "mailbox name not allowed" is most often a sender address the server will not
 *   take (Postfix "not owned by user", a forged or malformed MAIL FROM). qmail's "553 sorry, that domain
 *   isn't in my list of allowed rcpthosts" is a relay denial: the text rules catch it.
 */

/** One basic reply code of RFC 5321 or one of its extensions. */
export interface BasicCodeRow {
  code: number;
  /** Short title, e.g. "Requested action not taken: mailbox unavailable". */
  title: string;
  /** What it means, one or two sentences. */
  description: string;
  /** Common causes seen in practice. */
  causes: string[];
  /** The reason when nothing more specific (text, enhanced code) says otherwise. */
  reason: ReasonId;
  /** e.g. "RFC 5321 §4.2.3", "RFC 4954 §6", "RFC 7504". */
  reference: string;
}

export const BASIC_CODES: readonly BasicCodeRow[] = [
  // 2XX: positive completion.
  { code: 211, reason: 'accepted', reference: 'RFC 5321 §4.2.3',
    title: 'System status, or system help reply',
    description: 'The server answers a status or help request. Nothing went wrong.',
    causes: ['A HELP command with an argument', 'A monitoring or diagnostic command'] },
  { code: 214, reason: 'accepted', reference: 'RFC 5321 §4.2.3',
    title: 'Help message',
    description: 'Help text for a human (how to use the server, or what a non-standard command means). Nothing went wrong.',
    causes: ['The client sent HELP', 'Someone testing the server by hand (telnet, swaks)'] },
  { code: 220, reason: 'accepted', reference: 'RFC 5321 §4.2.3; RFC 3207 §4',
    title: '<domain> Service ready',
    description: 'The greeting when a connection opens: the server is ready for EHLO. After STARTTLS, 220 means "Ready to start TLS" and the TLS handshake follows.',
    causes: ['A new SMTP connection', 'A STARTTLS command that the server accepted'] },
  { code: 221, reason: 'accepted', reference: 'RFC 5321 §4.2.3',
    title: '<domain> Service closing transmission channel',
    description: 'The server closes the connection in an orderly way, normally in answer to QUIT.',
    causes: ['The client sent QUIT', 'The server ends the session after a rejection the client did not follow'] },
  { code: 235, reason: 'accepted', reference: 'RFC 4954 §4',
    title: 'Authentication Succeeded',
    description: 'The AUTH exchange succeeded: the client is logged in and may now submit mail.',
    causes: ['Correct SMTP AUTH credentials (usually 235 2.7.0)', 'A valid OAuth token (XOAUTH2, OAUTHBEARER)'] },
  { code: 250, reason: 'accepted', reference: 'RFC 5321 §4.2.3; RFC 1985',
    title: 'Requested mail action okay, completed',
    description: 'The command succeeded. After the final "." of DATA it means the server has taken responsibility for the message: it was accepted, not necessarily delivered yet. (ETRN: the queue run for the node started.)',
    causes: ['An accepted EHLO, MAIL FROM or RCPT TO', 'A message accepted for delivery ("queued as ...")'] },
  { code: 251, reason: 'accepted', reference: 'RFC 5321 §4.2.3, §3.4; RFC 1985',
    title: 'User not local; will forward to <forward-path>',
    description: 'The recipient is accepted; the server will forward the message to another address. (ETRN: no messages are waiting for the node.) Rare today.',
    causes: ['A forwarding entry for the recipient', 'An ETRN for a node with an empty queue'] },
  { code: 252, reason: 'accepted', reference: 'RFC 5321 §4.2.3, §3.5.3; RFC 1985',
    title: 'Cannot VRFY user, but will accept message and attempt delivery',
    description: 'The server will not confirm whether the address exists (to stop address harvesting) but will take mail for it. (ETRN: pending messages for the node are being sent.)',
    causes: ['VRFY disabled for privacy, as most servers do', 'An ETRN for a node that has mail waiting'] },
  { code: 253, reason: 'accepted', reference: 'RFC 1985',
    title: 'OK, <n> pending messages for node <x> started',
    description: 'ETRN: the server started delivering the queued messages for the node and says how many there are.',
    causes: ['An ETRN from a host that collects its mail on demand', 'A backup MX releasing the mail it held during an outage'] },

  // 3XX: positive intermediate.
  { code: 334, reason: 'in-progress', reference: 'RFC 4954 §4',
    title: 'Server challenge (base64-encoded); continue the authentication exchange',
    description: 'The server accepted AUTH and waits for the next step; the text is base64 ("VXNlcm5hbWU6" is "Username:"). Not an error.',
    causes: ['AUTH LOGIN asking for the user name, then the password', 'A SASL challenge (CRAM-MD5, XOAUTH2 error details)'] },
  { code: 354, reason: 'in-progress', reference: 'RFC 5321 §4.2.3',
    title: 'Start mail input; end with <CRLF>.<CRLF>',
    description: 'The server accepted DATA and waits for the message, ended by a line with a single ".". Not an error.',
    causes: ['The client sent DATA after at least one accepted RCPT TO', 'With PIPELINING, the DATA reply arriving after the MAIL FROM and RCPT TO replies'] },

  // 4XX: transient negative completion.
  { code: 421, reason: 'server-unavailable', reference: 'RFC 5321 §4.2.3',
    title: '<domain> Service not available, closing transmission channel',
    description: 'The server will not talk now and closes the connection; any command can get it. The sending server keeps the message and tries again later.',
    causes: ['Too many connections or messages from the sending IP (rate limiting, often with 4.7.0)', 'The server is overloaded, restarting or in maintenance', 'Temporary reputation blocks (Gmail 421-4.7.0, Yahoo [TSS04])', 'Idle or too-long session timed out'] },
  { code: 432, reason: 'auth-failed', reference: 'RFC 4954 §6',
    title: 'A password transition is needed',
    description: 'The user must log in once with the PLAIN mechanism (over TLS) before the chosen mechanism will work. Exchange Online also sends 432 4.3.2 when a recipient mailbox is receiving too fast.',
    causes: ['A password store migrated to a new mechanism', 'Exchange "STOREDRV.Deliver; recipient thread limit exceeded"'] },
  { code: 450, reason: 'unknown', reference: 'RFC 5321 §4.2.3',
    title: 'Requested mail action not taken: mailbox unavailable',
    description: 'The server would not take the mail for now: the mailbox is busy or temporarily blocked by policy. The sender keeps the message and retries.',
    causes: ['Greylisting (450 4.2.0 ... Greylisted): the retry will be accepted', 'A temporary DNS-based check failed (no reverse DNS, sender domain not found)', 'The recipient could not be verified right now (Postfix "unverified address")', 'The recipient is receiving mail too fast (Gmail 450 4.2.1)'] },
  { code: 451, reason: 'server-error', reference: 'RFC 5321 §4.2.3',
    title: 'Requested action aborted: local error in processing',
    description: 'Something failed on the receiving server (a lookup, a filter, the disk); the sender retries later.',
    causes: ['A failed lookup in a database, LDAP or DNS', 'A content filter or milter timed out', 'Greylisting in some servers (451 4.7.1)', 'SPF temperror (451 4.7.24)'] },
  { code: 452, reason: 'server-error', reference: 'RFC 5321 §4.2.3, §4.5.3.1.10',
    title: 'Requested action not taken: insufficient system storage',
    description: 'The server is short of storage for now. The same code answers a RCPT TO over the per-message recipient limit: the client sends the rest in another transaction.',
    causes: ['Queue disk full on the receiving server (452 4.3.1)', 'Too many recipients in one message (452 4.5.3)', 'Recipient mailbox over quota, reported as temporary (452 4.2.2)'] },
  { code: 454, reason: 'server-unavailable', reference: 'RFC 4954 §6; RFC 3207 §4',
    title: 'Temporary authentication failure (AUTH) / TLS not available due to temporary reason (STARTTLS)',
    description: 'After AUTH: the server could not check the credentials right now. After STARTTLS: it cannot start TLS right now. Retry later; if it persists, the server\'s setup is broken.',
    causes: ['The authentication back end (LDAP, database, Dovecot auth) is down', 'A missing or unreadable TLS certificate on the server', 'Postfix soft rejections such as 454 4.7.1 Relay access denied'] },
  { code: 455, reason: 'protocol', reference: 'RFC 5321 §4.2.3',
    title: 'Server unable to accommodate parameters',
    description: 'The server cannot handle the MAIL FROM or RCPT TO parameters now, though it may later.',
    causes: ['An ESMTP parameter value the server cannot honour at the moment (SIZE, DSN)', 'Temporary resource limits on a loaded server'] },
  { code: 458, reason: 'server-error', reference: 'RFC 1985',
    title: 'Unable to queue messages for node <x>',
    description: 'ETRN: the server could not start delivering the queued mail for that node.',
    causes: ['The queue runner failed or is busy', 'The node\'s queue is locked by another delivery run'] },
  { code: 459, reason: 'policy', reference: 'RFC 1985',
    title: 'Node <x> not allowed: <reason>',
    description: 'ETRN: the client is not allowed to trigger delivery for that node.',
    causes: ['ETRN for a domain this host does not queue for', 'ETRN restricted to certain client addresses'] },

  // 5XX: permanent negative completion.
  { code: 500, reason: 'protocol', reference: 'RFC 5321 §4.2.3; RFC 4954 §6',
    title: 'Syntax error, command unrecognized',
    description: 'The server did not understand the command, or the line was too long. Usually a client bug or something that is not an SMTP client talking.',
    causes: ['A misspelt or unsupported command', 'A command line longer than 512 characters', 'An HTTP request or TLS handshake sent to a plain SMTP port', 'An AUTH response longer than allowed (500 5.5.6)'] },
  { code: 501, reason: 'protocol', reference: 'RFC 5321 §4.2.3; RFC 3207 §4',
    title: 'Syntax error in parameters or arguments',
    description: 'The command is known but its argument is malformed.',
    causes: ['An address without angle brackets or with bad syntax (501 5.1.3, 501 5.1.7)', 'An invalid EHLO/HELO name', 'A parameter after STARTTLS, which takes none', 'Bad base64 in an AUTH response'] },
  { code: 502, reason: 'protocol', reference: 'RFC 5321 §4.2.3, §4.2.4',
    title: 'Command not implemented',
    description: 'The server knows the command but does not offer it.',
    causes: ['VRFY, EXPN or ETRN disabled', 'AUTH or STARTTLS used where the server did not advertise it'] },
  { code: 503, reason: 'protocol', reference: 'RFC 5321 §4.2.3',
    title: 'Bad sequence of commands',
    description: 'The command came in the wrong order for the session.',
    causes: ['RCPT TO before MAIL FROM, or DATA before any accepted RCPT TO', 'MAIL FROM before EHLO/HELO', 'AUTH after the client already authenticated, or required first (some servers say 503 instead of 530)'] },
  { code: 504, reason: 'protocol', reference: 'RFC 5321 §4.2.3',
    title: 'Command parameter not implemented',
    description: 'The command is supported but not with this parameter.',
    causes: ['AUTH with a mechanism the server does not offer ("Unrecognized authentication type")', 'An unsupported ESMTP parameter value'] },
  { code: 521, reason: 'domain-not-accepting', reference: 'RFC 7504 (first in RFC 1846)',
    title: 'Host does not accept mail',
    description: 'This host never accepts mail: it is not a mail server for anyone. Stop sending to it.',
    causes: ['The connection reached a web or other server that only answers with 521', 'A domain that receives no mail, with a "dummy" SMTP responder'] },
  { code: 523, reason: 'tls-required', reference: 'RFC 5248 (associated with X.7.10)',
    title: 'Encryption Needed',
    description: 'The server wants an encrypted session (TLS) before this authentication mechanism can be used.',
    causes: ['A plain-text AUTH attempted before STARTTLS', 'A mail client set to "no encryption"'] },
  { code: 525, reason: 'mailbox-disabled', reference: 'RFC 5248 (associated with X.7.13)',
    title: 'User Account Disabled',
    description: 'The login worked but the account is disabled; only its administrator can re-enable it.',
    causes: ['An account suspended for abuse or unpaid bills', 'An account locked after a suspected break-in'] },
  { code: 530, reason: 'auth-required', reference: 'RFC 4954 §6; RFC 3207 §4',
    title: 'Authentication required (AUTH) / Must issue a STARTTLS command first (STARTTLS)',
    description: 'The server requires the client to log in (or, with the STARTTLS wording, to encrypt) before it accepts this command.',
    causes: ['A mail client or application sending without SMTP AUTH', 'A submission port (587) used without credentials', 'TLS required first ("530 5.7.0 Must issue a STARTTLS command first")'] },
  { code: 534, reason: 'auth-failed', reference: 'RFC 4954 §6',
    title: 'Authentication mechanism is too weak',
    description: 'The server refuses this AUTH mechanism for this user; use a stronger one.',
    causes: ['PLAIN or LOGIN refused where the server wants CRAM-MD5, SCRAM or OAuth', 'Gmail "534-5.7.9 Application-specific password required"'] },
  { code: 535, reason: 'auth-failed', reference: 'RFC 4954 §4',
    title: 'Authentication credentials invalid',
    description: 'The server rejected the user name or password.',
    causes: ['A wrong or expired password', 'A user name given without the domain, or the other way round', 'Basic authentication turned off by the provider (Microsoft 365, Gmail): an app password or OAuth is needed'] },
  { code: 538, reason: 'tls-required', reference: 'RFC 4954 §6',
    title: 'Encryption required for requested authentication mechanism',
    description: 'This AUTH mechanism may only be used over an encrypted connection; run STARTTLS first.',
    causes: ['AUTH PLAIN or LOGIN attempted on an unencrypted connection', 'A mail client set to "no encryption" on port 587 or 25'] },
  { code: 550, reason: 'unknown', reference: 'RFC 5321 §4.2.3',
    title: 'Requested action not taken: mailbox unavailable',
    description: 'The server refused the command for good: the mailbox was not found, access was denied, or local policy rejected it. The enhanced code or the text says which.',
    causes: ['The recipient address does not exist (550 5.1.1)', 'A policy, spam or blocklist rejection (550 5.7.1)', 'Relaying refused for an unauthenticated client', 'The sender failed SPF/DKIM/DMARC checks'] },
  { code: 551, reason: 'mailbox-moved', reference: 'RFC 5321 §4.2.3, §3.4',
    title: 'User not local; please try <forward-path>',
    description: 'The recipient is not handled here; the server may name an address to try instead, and does not forward the mail itself.',
    causes: ['The user moved to another domain or server', 'The domain is known to the server but hosted elsewhere now'] },
  { code: 552, reason: 'message-too-large', reference: 'RFC 5321 §4.2.3; RFC 1870',
    title: 'Requested mail action aborted: exceeded storage allocation',
    description: 'The message did not fit: it is larger than the server accepts, or the recipient\'s storage is used up.',
    causes: ['The message (often with attachments) is over the size limit (552 5.3.4)', 'The recipient\'s mailbox is over quota (552 5.2.2)', 'A SIZE declared in MAIL FROM that is over the limit'] },
  { code: 553, reason: 'sender-rejected', reference: 'RFC 5321 §4.2.3',
    title: 'Requested action not taken: mailbox name not allowed',
    description: 'The server will not accept this address, usually the sender\'s: it is malformed, or the client may not use it.',
    causes: ['A MAIL FROM address the authenticated user does not own (Postfix "Sender address rejected: not owned by user")', 'An address with bad syntax (553 5.1.3)', 'qmail\'s relay refusal ("553 sorry, that domain isn\'t in my list of allowed rcpthosts")'] },
  { code: 554, reason: 'policy', reference: 'RFC 5321 §4.2.3, §3.1',
    title: 'Transaction failed (at connection opening: "No SMTP service here")',
    description: 'The server refused the message or the whole session for good. As a greeting it means this server will not talk to the client at all.',
    causes: ['The message was judged spam or malware (554 5.7.1)', 'The sending IP is on a blocklist, refused at connection', 'Relay access denied (Postfix "554 5.7.1 ... Relay access denied")', 'Content rejected after DATA by a filter'] },
  { code: 555, reason: 'protocol', reference: 'RFC 5321 §4.2.3',
    title: 'MAIL FROM/RCPT TO parameters not recognized or not implemented',
    description: 'The client sent an ESMTP parameter that the server does not support.',
    causes: ['A parameter the server did not advertise (SMTPUTF8, REQUIRETLS, DSN NOTIFY)', 'A typo in a parameter name'] },
  { code: 556, reason: 'domain-not-accepting', reference: 'RFC 7504; RFC 7505',
    title: 'Domain does not accept mail',
    description: 'The recipient\'s domain declares that it accepts no mail at all (a "null MX" record). Remove the address.',
    causes: ['The domain publishes "MX 0 ." (null MX), usually with 556 5.1.10', 'A typo that landed on a parked domain with a null MX'] },
];

/** First digit of a basic code (RFC 5321 §4.2.1). */
export const CLASS_DIGITS: Readonly<Record<number, { title: string; description: string }>> = {
  2: { title: 'Positive completion', description: 'The requested action has been successfully completed.' },
  3: { title: 'Positive intermediate', description: 'The command has been accepted, but the server needs more information.' },
  4: { title: 'Transient negative completion', description: 'The command was not accepted, but the error condition is temporary; the action may be requested again.' },
  5: { title: 'Permanent negative completion', description: 'The command was not accepted and the action did not occur; the same request should not be repeated as is.' },
};

/** Second digit of a basic code (RFC 5321 §4.2.1). */
export const CATEGORY_DIGITS: Readonly<Record<number, { name: string; title: string; description: string }>> = {
  0: { name: 'syntax', title: 'Syntax', description: 'Syntax errors, commands that do not fit any category, unimplemented or superfluous commands.' },
  1: { name: 'information', title: 'Information', description: 'Replies to requests for information, such as status or help.' },
  2: { name: 'connections', title: 'Connections', description: 'Replies referring to the transmission channel.' },
  3: { name: 'unspecified', title: 'Unspecified', description: 'Not assigned by RFC 5321.' },
  4: { name: 'unspecified', title: 'Unspecified', description: 'Not assigned by RFC 5321.' },
  5: { name: 'mail system', title: 'Mail system', description: 'The status of the receiver mail system with respect to the requested transfer or other mail system action.' },
};
