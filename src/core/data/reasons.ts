import type { Action, Bounce, ReasonId } from '../vocabulary';

/**
 * How long to wait before each retry and when to stop: the first wait doubles after each attempt, up to
 * `maxDelayMinutes`, for `attempts` attempts or `giveUpHours`, whichever comes first.
 */
export interface RetryPlan {
  firstMinutes: number;
  maxDelayMinutes: number;
  attempts: number;
  giveUpHours: number;
}

export const RETRY_PLANS = {
  /** A plain deferral: 1, 2, 4 … minutes, for a day. */
  backoff: { firstMinutes: 1, maxDelayMinutes: 240, attempts: 8, giveUpHours: 24 },
  /** Greylisting: the second attempt after a few minutes is normally accepted. */
  greylisting: { firstMinutes: 5, maxDelayMinutes: 240, attempts: 8, giveUpHours: 24 },
  /** Rate limits and reputation: starting again at once only prolongs the block. */
  throttled: { firstMinutes: 15, maxDelayMinutes: 240, attempts: 8, giveUpHours: 24 },
  /** A full mailbox, for now: the recipient has to read or delete mail first. */
  mailboxFull: { firstMinutes: 30, maxDelayMinutes: 240, attempts: 8, giveUpHours: 24 },
  /**
   * A 5XX that may clear on the recipient's side (a full or suspended mailbox, a broken server): a few tries,
   * hours to days apart (6, 12, 24, 48 hours), then stop.
   */
  long: { firstMinutes: 360, maxDelayMinutes: 2880, attempts: 4, giveUpHours: 96 },
} as const satisfies Record<string, RetryPlan>;
export type RetryPlanId = keyof typeof RETRY_PLANS;

/** What to do about a failure: one cell of the table below. */
export interface Response {
  action: Action;
  /** Hard only when the address itself is bad and stays bad; `do-not-retry` goes with hard and only with hard. */
  bounce: Bounce;
  /** What to do, one or two sentences for a human. */
  advice: string;
  /** For `retry` and `slow-down`: how long to wait and when to stop. */
  retry?: RetryPlanId;
}

/** What each reason of the taxonomy means, and what to do about it by the reply's class. */
export interface ReasonRow {
  /** Lower-case phrase that completes "Permanent failure: …", e.g. "the mailbox does not exist". */
  title: string;
  /** Why this matters / what it usually means, one sentence. */
  why: string;
  /** A 4XX reply (transient). */
  transient: Response;
  /** A 5XX reply (permanent). */
  permanent: Response;
  /** No code and no class: only the words say what happened (`Host or domain name not found`). */
  unknown: Response;
}

const RETRY_ADVICE = 'Leave the message in the queue and retry with exponential backoff.';

const retry = (advice: string, plan: RetryPlanId = 'backoff'): Response => ({ action: 'retry', bounce: 'soft', advice, retry: plan });
/** A 5XX that may clear on the recipient's side: keep the address, retry hours to days apart, a few times, then stop. */
const retryLater = (advice: string): Response => retry(advice, 'long');
const slowDown = (advice: string, plan: RetryPlanId = 'throttled'): Response => ({ action: 'slow-down', bounce: 'soft', advice, retry: plan });
const fix = (advice: string): Response => ({ action: 'fix-and-retry', bounce: 'soft', advice });
const remove = (advice: string): Response => ({ action: 'do-not-retry', bounce: 'hard', advice });
const same = (r: Response) => ({ transient: r, permanent: r, unknown: r });

const LONG_RETRY = 'keep the address, retry after hours or days (6, 12, 24, 48 hours), and stop if it still fails';

// The table of "what to do next", written once: reason × class → action, bounce, advice.
// - Hard bounces (do-not-retry) only where the address itself is bad and stays bad: user-unknown, mailbox-moved,
//   domain-unknown on a 5XX (and on words alone, which name the bad address), domain-not-accepting always.
// - A 5XX whose cause is on the sender's side (authentication, SPF/DKIM/DMARC, reputation, blocklists, spam,
//   policy, size, content, protocol) is fix-and-retry: the address is fine, the message or the sender is not.
// - A 5XX whose cause may clear on the recipient's side (a full mailbox, "a persistent transient failure" in
//   RFC 3463; a suspended account; a broken server; a destination unreachable until the queue expired) is a soft
//   bounce with a long retry.
// - No code and no class (the words alone): as cautious as a 4XX, except where the words name a bad address.
export const REASONS: Readonly<Record<ReasonId, ReasonRow>> = {
  'accepted': { title: 'accepted', why: 'The server accepted the command or took responsibility for the message.',
    ...same({ action: 'none', bounce: null, advice: 'Nothing to do.' }) },
  'in-progress': { title: 'waiting for more input', why: 'The server expects the client to continue (an AUTH challenge, or the message data after DATA).',
    ...same({ action: 'continue', bounce: null, advice: 'Continue the dialogue.' }) },
  'user-unknown': { title: 'the mailbox does not exist', why: 'The receiving server has no mailbox for this address: a typo, a deleted account or an address that never existed.',
    transient: retry('The server could not confirm the mailbox right now (often a directory lookup problem). ' + RETRY_ADVICE),
    permanent: remove('Remove or correct the address; sending again will bounce again and hurts your reputation.'),
    unknown: remove('The words say the mailbox does not exist (no reply code confirms it): remove or correct the address.') },
  'mailbox-disabled': { title: 'the mailbox is disabled', why: 'The account exists but is disabled, suspended or inactive and accepts no mail.',
    transient: retry(RETRY_ADVICE),
    permanent: retryLater(`The account is disabled or suspended, which its owner or provider may undo: ${LONG_RETRY}; then stop sending to it.`),
    unknown: retryLater(`The account is disabled or suspended, which may be undone: ${LONG_RETRY}; then stop sending to it.`) },
  'mailbox-full': { title: 'the mailbox is full', why: 'The recipient is over quota.',
    transient: retry('The recipient may free space. ' + RETRY_ADVICE, 'mailboxFull'),
    permanent: retryLater(`A full mailbox is "a persistent transient failure" (RFC 3463): the recipient may free space, so ${LONG_RETRY}; a mailbox that stays full is likely abandoned: then stop sending to it.`),
    unknown: retryLater(`The recipient may free space: ${LONG_RETRY}; a mailbox that stays full is likely abandoned.`) },
  'mailbox-moved': { title: 'the mailbox has moved', why: 'The user is not local or has moved, with or without a forwarding address.',
    transient: retry(RETRY_ADVICE),
    permanent: remove('Update the address (the reply may name the new one) and stop sending to the old one.'),
    unknown: remove('Update the address (the text may name the new one) and stop sending to the old one.') },
  'domain-unknown': { title: 'the recipient domain does not exist or cannot be routed', why: 'DNS has no usable MX or A record for the domain, or the domain does not exist.',
    transient: retry('A temporary DNS failure is possible. ' + RETRY_ADVICE),
    permanent: remove('Check the domain for typos (gmial.com); remove the address if it is right.'),
    unknown: remove('The words say the domain does not exist or cannot be routed: check it for typos (gmial.com); remove the address if it is right.') },
  'domain-not-accepting': { title: 'the domain accepts no mail', why: 'The domain publishes a null MX (RFC 7505) or its server says it never accepts mail (RFC 7504).',
    ...same(remove('The domain says it accepts no mail at all: remove the address and stop sending to this domain.')) },
  'sender-rejected': { title: 'the sender address was refused', why: 'The receiving server refuses your envelope sender or its domain (unresolvable, invalid, or not allowed).',
    transient: fix('Check that your sender domain resolves, then retry.'),
    permanent: fix('Fix the envelope sender (MAIL FROM): a real, resolvable domain you are allowed to use, then send again.'),
    unknown: fix('Fix the envelope sender (MAIL FROM): a real, resolvable domain you are allowed to use, then send again.') },
  'relay-denied': { title: 'relaying is not permitted', why: 'The server is not the destination for this domain and will not relay for you.',
    transient: fix('Authenticate or check your relay settings, then retry.'),
    permanent: fix('Authenticate (SMTP AUTH) or send to the recipient domain\'s own MX; check your relay host settings.'),
    unknown: fix('Authenticate (SMTP AUTH) or send to the recipient domain\'s own MX; check your relay host settings.') },
  'auth-required': { title: 'authentication is required', why: 'The server only accepts this command from authenticated clients.',
    transient: fix('Configure SMTP AUTH credentials, then retry.'),
    permanent: fix('Configure SMTP AUTH credentials for this server, then send again.'),
    unknown: fix('Configure SMTP AUTH credentials for this server, then send again.') },
  'auth-failed': { title: 'the credentials were rejected', why: 'The username, password, token or mechanism was not accepted.',
    transient: retry('A temporary authentication failure. ' + RETRY_ADVICE),
    permanent: fix('Check the credentials (app password, OAuth token, mechanism), then send again; repeated failures may lock the account.'),
    unknown: fix('Check the credentials (app password, OAuth token, mechanism), then send again; repeated failures may lock the account.') },
  'tls-required': { title: 'TLS is required or failed', why: 'The server requires STARTTLS (or REQUIRETLS) first, or the TLS negotiation failed.',
    transient: retry('TLS was temporarily unavailable. ' + RETRY_ADVICE),
    permanent: fix('Enable STARTTLS (and check certificates and protocol versions) on the sending side, then send again.'),
    unknown: fix('Enable STARTTLS (and check certificates and protocol versions) on the sending side, then send again.') },
  'sender-auth-failed': { title: 'SPF, DKIM, DMARC or ARC failed', why: 'The message failed sender authentication checks of the receiving domain.',
    transient: fix('Fix SPF/DKIM/DMARC for your domain, then retry.'),
    permanent: fix('Fix SPF (authorise this IP), DKIM signing and DMARC alignment for your domain, then send again.'),
    unknown: fix('Fix SPF (authorise this IP), DKIM signing and DMARC alignment for your domain, then send again.') },
  'reverse-dns': { title: 'the sending IP has no matching reverse DNS', why: 'The sending IP has no PTR record, or the PTR name does not resolve back to the IP.',
    transient: fix('Fix the PTR record of the sending IP, then retry.'),
    permanent: fix('Give the sending IP a PTR record whose name resolves back to it (forward-confirmed rDNS), then send again.'),
    unknown: fix('Give the sending IP a PTR record whose name resolves back to it (forward-confirmed rDNS), then send again.') },
  'blocklisted': { title: 'the sender is on a blocklist', why: 'The sending IP or domain is listed on a DNS blocklist or banned by the provider.',
    transient: fix('Find the blocklist (the reply may name it) and request delisting; retrying before that will not help.'),
    permanent: fix('Find out why the IP or domain is listed (start with the list the reply names, if it names one), fix the cause and request delisting, then send again.'),
    unknown: fix('Find out why the IP or domain is listed (start with the list the text names, if it names one), fix the cause and request delisting, then send again.') },
  'reputation': { title: 'the sender\'s reputation is too low', why: 'The provider sees unsolicited or bulk mail, complaints or a poor sending history from your IP or domain.',
    transient: slowDown('Reduce the sending rate to this provider and retry later with backoff.'),
    permanent: fix('Improve sending practice (authentication, opt-in lists, complaint rate, volume), then send again.'),
    unknown: slowDown('Reduce the sending rate to this provider and retry later with backoff.') },
  'spam': { title: 'the message was judged to be spam', why: 'The content or its links scored as spam.',
    transient: retry(RETRY_ADVICE),
    permanent: fix('Review the content, links and authentication of the message before sending it again.'),
    unknown: fix('Review the content, links and authentication of the message before sending it again.') },
  'virus': { title: 'malware was found in the message', why: 'An attachment or link was flagged as malicious.',
    transient: fix('Remove the flagged content before retrying.'),
    permanent: fix('Remove the flagged attachment or link and check the sending system for infection before sending again.'),
    unknown: fix('Remove the flagged attachment or link and check the sending system for infection before sending again.') },
  'policy': { title: 'refused by the receiver\'s policy', why: 'A local policy of the receiving server refused the message, without a more specific reason.',
    transient: retry(RETRY_ADVICE),
    permanent: fix('Read the reply: change what the policy objects to (sender, content, links), or ask the recipient or their postmaster to allow your mail, then send again; nothing says the address is bad.'),
    unknown: fix('Read the text: change what the policy objects to (sender, content, links), or ask the recipient or their postmaster to allow your mail, then send again; nothing says the address is bad.') },
  'message-too-large': { title: 'the message is too large', why: 'The message exceeds the size limit of the server or the mailbox.',
    transient: retry(RETRY_ADVICE),
    permanent: fix('Make the message smaller (link large files instead of attaching them), then send again.'),
    unknown: fix('Make the message smaller (link large files instead of attaching them), then send again.') },
  'content-invalid': { title: 'the message content is malformed', why: 'Headers, encoding or structure break RFC 5322/MIME rules or the receiver\'s content checks.',
    transient: fix('Fix the message format, then retry.'),
    permanent: fix('Fix the message format (headers, line length, encoding, 8-bit data), then send again.'),
    unknown: fix('Fix the message format (headers, line length, encoding, 8-bit data), then send again.') },
  'rate-limited': { title: 'too many messages, recipients or connections', why: 'You exceeded a rate or concurrency limit of the receiving server.',
    transient: slowDown('Reduce the rate and concurrency towards this server, then retry with backoff.'),
    permanent: slowDown('Reduce the rate (messages, recipients per message, connections) and send again later.'),
    unknown: slowDown('Reduce the rate and concurrency towards this server, then retry with backoff.') },
  'greylisted': { title: 'greylisted: try again later', why: 'The server defers first contact from an unknown sender on purpose; a real MTA retries and is then accepted.',
    transient: retry('Retry from the same IP after a few minutes; the second attempt is normally accepted.', 'greylisting'),
    permanent: retry('Retry from the same IP after a few minutes.', 'greylisting'),
    unknown: retry('Retry from the same IP after a few minutes; the second attempt is normally accepted.', 'greylisting') },
  'server-unavailable': { title: 'the service is not available', why: 'The server is closing the connection, overloaded or in maintenance.',
    transient: retry(RETRY_ADVICE + ' If it persists, reduce your connection rate to this server.'),
    permanent: fix('This server refuses mail service to you: check that you are talking to the domain\'s real MX and that it does not block your IP, then send again.'),
    unknown: retry(RETRY_ADVICE + ' If it persists, reduce your connection rate to this server.') },
  'server-error': { title: 'the receiving server failed', why: 'The remote server had an internal error or ran out of storage.',
    transient: retry(RETRY_ADVICE),
    permanent: retryLater(`The receiving server failed on its side and may be repaired: ${LONG_RETRY}; tell the recipient's postmaster if it persists.`),
    unknown: retry(RETRY_ADVICE) },
  'network': { title: 'a network or connection problem', why: 'Connection, timeout or temporary DNS problems between the servers.',
    transient: retry(RETRY_ADVICE),
    permanent: retryLater(`The sending server gave up on the connection; the address may be fine: check the route to the destination, ${LONG_RETRY}.`),
    unknown: retry(RETRY_ADVICE) },
  'expired': { title: 'delivery time expired', why: 'The sending server kept the message in its queue until its lifetime ran out.',
    transient: retry('Delivery is delayed; the sending server keeps retrying.'),
    permanent: retryLater(`Delivery was given up when the message's queue lifetime ran out; the address may be fine: look at the earlier deferrals for the cause, then ${LONG_RETRY}.`),
    unknown: retryLater(`The message sat in the queue until (or nearly until) its lifetime ran out; the address may be fine: look at the deferrals for the cause; if it bounced, ${LONG_RETRY}.`) },
  'routing-loop': { title: 'a mail loop was detected', why: 'The message passed the same hosts too many times: a forwarding or MX misconfiguration.',
    transient: fix('Fix the forwarding or MX configuration, then retry.'),
    permanent: fix('Fix the forwarding, alias or MX configuration that makes the loop (or tell the recipient\'s postmaster), then send again.'),
    unknown: fix('Fix the forwarding, alias or MX configuration that makes the loop (or tell the recipient\'s postmaster), then send again.') },
  'protocol': { title: 'an SMTP syntax or sequence error', why: 'The client sent a command the server did not understand or did not expect: usually a client bug.',
    transient: fix('Fix the sending software, then retry.'),
    permanent: fix('Fix the sending software (command syntax, order, parameters), then send again.'),
    unknown: fix('Fix the sending software (command syntax, order, parameters), then send again.') },
  'unknown': { title: 'no specific reason given', why: 'The reply does not say enough to tell why.',
    transient: retry(RETRY_ADVICE),
    permanent: fix('The server refused this for good without saying why: read the reply text and find the cause before sending it again; nothing says the address is bad, so keep it.'),
    unknown: { action: 'none', bounce: null, advice: 'The text holds no SMTP reply code and nothing that says why it failed.' } },
};
