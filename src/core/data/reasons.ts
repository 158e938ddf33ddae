import type { Action, ReasonId } from '../vocabulary';

/** What each reason of the taxonomy means, and what a sender should do about it by class. */
export interface ReasonRow {
  /** Lower-case phrase that completes "Permanent failure: …", e.g. "the mailbox does not exist". */
  title: string;
  /** Why this matters / what it usually means, one sentence. */
  why: string;
  /** Action for a 4XX reply (and for success/intermediate it is ignored). */
  transient: Action;
  /** Action for a 5XX reply, and for a reply whose class is unknown. */
  permanent: Action;
  /** What to do, one sentence, for the permanent case … */
  advicePermanent: string;
  /** … and for the transient case. */
  adviceTransient: string;
  /** Minutes before the first retry, where the action retries: greylisting wants ~5, a rate limit longer. */
  firstRetryMinutes?: number;
}

const RETRY_ADVICE = 'Leave the message in the queue and retry with exponential backoff.';

// The action table is the heart of "what to do next". A 5XX means "do not send this again as is";
// it becomes fix-and-retry where the fault lies with the sender and can be fixed (credentials, DNS,
// content, sending practice), slow-down where the volume is the problem.
export const REASONS: Readonly<Record<ReasonId, ReasonRow>> = {
  'accepted': { title: 'accepted', why: 'The server accepted the command or took responsibility for the message.', transient: 'none', permanent: 'none',
    advicePermanent: 'Nothing to do.', adviceTransient: 'Nothing to do.' },
  'in-progress': { title: 'waiting for more input', why: 'The server expects the client to continue (an AUTH challenge, or the message data after DATA).', transient: 'continue', permanent: 'continue',
    advicePermanent: 'Continue the dialogue.', adviceTransient: 'Continue the dialogue.' },
  'user-unknown': { title: 'the mailbox does not exist', why: 'The receiving server has no mailbox for this address: a typo, a deleted account or an address that never existed.', transient: 'retry', permanent: 'do-not-retry',
    advicePermanent: 'Remove or correct the address; sending again will bounce again and hurts your reputation.', adviceTransient: 'The server could not confirm the mailbox right now (often a directory lookup problem). ' + RETRY_ADVICE },
  'mailbox-disabled': { title: 'the mailbox is disabled', why: 'The account exists but is disabled, suspended or inactive and accepts no mail.', transient: 'retry', permanent: 'do-not-retry',
    advicePermanent: 'Stop sending to this address; treat it like an unknown user after repeated failures.', adviceTransient: RETRY_ADVICE },
  'mailbox-full': { title: 'the mailbox is full', why: 'The recipient is over quota.', transient: 'retry', permanent: 'do-not-retry',
    advicePermanent: 'Do not retry now; if it keeps happening the mailbox is likely abandoned: suppress the address.', adviceTransient: 'The recipient may free space. ' + RETRY_ADVICE, firstRetryMinutes: 30 },
  'mailbox-moved': { title: 'the mailbox has moved', why: 'The user is not local or has moved, with or without a forwarding address.', transient: 'retry', permanent: 'do-not-retry',
    advicePermanent: 'Update the address (the reply may name the new one) and stop sending to the old one.', adviceTransient: RETRY_ADVICE },
  'domain-unknown': { title: 'the recipient domain does not exist or cannot be routed', why: 'DNS has no usable MX or A record for the domain, or the domain does not exist.', transient: 'retry', permanent: 'do-not-retry',
    advicePermanent: 'Check the domain for typos (gmial.com); remove the address if it is right.', adviceTransient: 'A temporary DNS failure is possible. ' + RETRY_ADVICE },
  'domain-not-accepting': { title: 'the domain accepts no mail', why: 'The domain publishes a null MX (RFC 7505) or its server says it never accepts mail (RFC 7504).', transient: 'do-not-retry', permanent: 'do-not-retry',
    advicePermanent: 'Stop sending to this domain.', adviceTransient: 'Stop sending to this domain.' },
  'sender-rejected': { title: 'the sender address was refused', why: 'The receiving server refuses your envelope sender or its domain (unresolvable, invalid, or not allowed).', transient: 'fix-and-retry', permanent: 'fix-and-retry',
    advicePermanent: 'Fix the envelope sender (MAIL FROM): a real, resolvable domain you are allowed to use, then send again.', adviceTransient: 'Check that your sender domain resolves, then retry.' },
  'relay-denied': { title: 'relaying is not permitted', why: 'The server is not the destination for this domain and will not relay for you.', transient: 'fix-and-retry', permanent: 'fix-and-retry',
    advicePermanent: 'Authenticate (SMTP AUTH) or send to the recipient domain\'s own MX; check your relay host settings.', adviceTransient: 'Authenticate or check your relay settings, then retry.' },
  'auth-required': { title: 'authentication is required', why: 'The server only accepts this command from authenticated clients.', transient: 'fix-and-retry', permanent: 'fix-and-retry',
    advicePermanent: 'Configure SMTP AUTH credentials for this server, then send again.', adviceTransient: 'Configure SMTP AUTH credentials, then retry.' },
  'auth-failed': { title: 'the credentials were rejected', why: 'The username, password, token or mechanism was not accepted.', transient: 'retry', permanent: 'fix-and-retry',
    advicePermanent: 'Check the credentials (app password, OAuth token, mechanism), then send again; repeated failures may lock the account.', adviceTransient: 'A temporary authentication failure. ' + RETRY_ADVICE },
  'tls-required': { title: 'TLS is required or failed', why: 'The server requires STARTTLS (or REQUIRETLS) first, or the TLS negotiation failed.', transient: 'retry', permanent: 'fix-and-retry',
    advicePermanent: 'Enable STARTTLS (and check certificates and protocol versions) on the sending side, then send again.', adviceTransient: 'TLS was temporarily unavailable. ' + RETRY_ADVICE },
  'sender-auth-failed': { title: 'SPF, DKIM, DMARC or ARC failed', why: 'The message failed sender authentication checks of the receiving domain.', transient: 'fix-and-retry', permanent: 'fix-and-retry',
    advicePermanent: 'Fix SPF (authorise this IP), DKIM signing and DMARC alignment for your domain, then send again.', adviceTransient: 'Fix SPF/DKIM/DMARC for your domain, then retry.' },
  'reverse-dns': { title: 'the sending IP has no matching reverse DNS', why: 'The sending IP has no PTR record, or the PTR name does not resolve back to the IP.', transient: 'fix-and-retry', permanent: 'fix-and-retry',
    advicePermanent: 'Give the sending IP a PTR record whose name resolves back to it (forward-confirmed rDNS), then send again.', adviceTransient: 'Fix the PTR record of the sending IP, then retry.' },
  'blocklisted': { title: 'the sender is on a blocklist', why: 'The sending IP or domain is listed on a DNS blocklist or banned by the provider.', transient: 'fix-and-retry', permanent: 'fix-and-retry',
    advicePermanent: 'Find out why the IP or domain is listed (the reply names the list), fix the cause and request delisting, then send again.', adviceTransient: 'Check the named blocklist and request delisting; retrying before that will not help.' },
  'reputation': { title: 'the sender\'s reputation is too low', why: 'The provider sees unsolicited or bulk mail, complaints or a poor sending history from your IP or domain.', transient: 'slow-down', permanent: 'fix-and-retry',
    advicePermanent: 'Improve sending practice (authentication, opt-in lists, complaint rate, volume), then send again.', adviceTransient: 'Reduce the sending rate to this provider and retry later with backoff.', firstRetryMinutes: 15 },
  'spam': { title: 'the message was judged to be spam', why: 'The content or its links scored as spam.', transient: 'retry', permanent: 'fix-and-retry',
    advicePermanent: 'Review the content, links and authentication of the message before sending it again.', adviceTransient: RETRY_ADVICE },
  'virus': { title: 'malware was found in the message', why: 'An attachment or link was flagged as malicious.', transient: 'fix-and-retry', permanent: 'fix-and-retry',
    advicePermanent: 'Remove the flagged attachment or link and check the sending system for infection before sending again.', adviceTransient: 'Remove the flagged content before retrying.' },
  'policy': { title: 'refused by the receiver\'s policy', why: 'A local policy of the receiving server refused the message, without a more specific reason.', transient: 'retry', permanent: 'do-not-retry',
    advicePermanent: 'Do not resend as is; read the reply text and contact the recipient\'s postmaster if the mail is legitimate.', adviceTransient: RETRY_ADVICE },
  'message-too-large': { title: 'the message is too large', why: 'The message exceeds the size limit of the server or the mailbox.', transient: 'retry', permanent: 'fix-and-retry',
    advicePermanent: 'Make the message smaller (link large files instead of attaching them), then send again.', adviceTransient: RETRY_ADVICE },
  'content-invalid': { title: 'the message content is malformed', why: 'Headers, encoding or structure break RFC 5322/MIME rules or the receiver\'s content checks.', transient: 'fix-and-retry', permanent: 'fix-and-retry',
    advicePermanent: 'Fix the message format (headers, line length, encoding, 8-bit data), then send again.', adviceTransient: 'Fix the message format, then retry.' },
  'rate-limited': { title: 'too many messages, recipients or connections', why: 'You exceeded a rate or concurrency limit of the receiving server.', transient: 'slow-down', permanent: 'slow-down',
    advicePermanent: 'Reduce the rate (messages, recipients per message, connections) and send again later.', adviceTransient: 'Reduce the rate and concurrency towards this server, then retry with backoff.', firstRetryMinutes: 15 },
  'greylisted': { title: 'greylisted: try again later', why: 'The server defers first contact from an unknown sender on purpose; a real MTA retries and is then accepted.', transient: 'retry', permanent: 'retry',
    advicePermanent: 'Retry from the same IP after a few minutes.', adviceTransient: 'Retry from the same IP after a few minutes; the second attempt is normally accepted.', firstRetryMinutes: 5 },
  'server-unavailable': { title: 'the service is not available', why: 'The server is closing the connection, overloaded or in maintenance.', transient: 'retry', permanent: 'do-not-retry',
    advicePermanent: 'This server says it provides no mail service; check you are talking to the right MX.', adviceTransient: RETRY_ADVICE + ' If it persists, reduce your connection rate to this server.' },
  'server-error': { title: 'the receiving server failed', why: 'The remote server had an internal error or ran out of storage.', transient: 'retry', permanent: 'do-not-retry',
    advicePermanent: 'Do not resend as is; contact the recipient\'s postmaster if it persists.', adviceTransient: RETRY_ADVICE },
  'network': { title: 'a network or connection problem', why: 'Connection, timeout or temporary DNS problems between the servers.', transient: 'retry', permanent: 'do-not-retry',
    advicePermanent: 'The sending server gave up on the connection; check the route to the destination.', adviceTransient: RETRY_ADVICE },
  'expired': { title: 'delivery time expired', why: 'The sending server kept the message in its queue until its lifetime ran out.', transient: 'retry', permanent: 'do-not-retry',
    advicePermanent: 'Delivery was given up; look at the earlier deferrals for the real cause before sending again.', adviceTransient: 'Delivery is delayed; the sending server keeps retrying.' },
  'routing-loop': { title: 'a mail loop was detected', why: 'The message passed the same hosts too many times: a forwarding or MX misconfiguration.', transient: 'fix-and-retry', permanent: 'fix-and-retry',
    advicePermanent: 'Fix the forwarding, alias or MX configuration that makes the loop, then send again.', adviceTransient: 'Fix the forwarding or MX configuration, then retry.' },
  'protocol': { title: 'an SMTP syntax or sequence error', why: 'The client sent a command the server did not understand or did not expect: usually a client bug.', transient: 'fix-and-retry', permanent: 'fix-and-retry',
    advicePermanent: 'Fix the sending software (command syntax, order, parameters), then send again.', adviceTransient: 'Fix the sending software, then retry.' },
  'unknown': { title: 'no specific reason given', why: 'The reply does not say enough to tell why.', transient: 'retry', permanent: 'do-not-retry',
    advicePermanent: 'Read the reply text; do not resend as is.', adviceTransient: RETRY_ADVICE },
};
