import type { ReasonId } from '../vocabulary';

/**
 * What a refusal by this host's own server means to its operator, by reason. `REASONS` advises the
 * sender of a refused message; an inbound refusal (Postfix `NOQUEUE: reject`, Exim `rejected RCPT`,
 * `authenticator failed`) is read by the person who runs the refusing server: usually it is their own
 * policy working, and the question is when to act.
 */
export interface InboundAdvice {
  /** Lower-case phrase for one-line outputs (problem text, CLI rows): "a client's login was refused". */
  short: string;
  /** When to act, lower-case, short: "act on many failures from one address". */
  actShort: string;
  /** What the refusal means here, and that it is the server's policy at work. */
  means: string;
  /** When the operator should act, and how. */
  act: string;
}

const LEGITIMATE = 'Act only if a legitimate sender was refused:';

/** Reasons that are no refusal (accepted, in progress) have no row: there is nothing to advise the operator. */
export const INBOUND_ADVICE: Readonly<Partial<Record<ReasonId, InboundAdvice>>> = {
  'auth-failed': {
    short: "a client's login was refused",
    actShort: 'act on many failures from one address',
    means: 'A client connected to this server and tried to log in (SMTP AUTH) with credentials that were not accepted. Your server refused it, as it should: nothing on this server is broken.',
    act: 'Many failures from one address, or from many addresses trying common user names, are a brute-force attack: let fail2ban (or a rate limit on AUTH, or a firewall) block the address. If one of your own users cannot log in, check their password or app settings and whether the account is locked.',
  },
  'auth-required': {
    short: 'a client tried to send without logging in',
    actShort: 'act if your own users are refused',
    means: 'A client tried to send through this server without authenticating first; your server requires SMTP AUTH for that, and refused.',
    act: "Expected for unknown clients. If your own users are refused, their mail program is not set to log in (SMTP AUTH) on the submission port.",
  },
  'relay-denied': {
    short: 'this server refused to relay for a client',
    actShort: 'act if a legitimate user was refused',
    means: 'A client that is neither authenticated nor in your trusted networks asked this server to deliver to a domain it does not host. Your server refused to be an open relay, as it should.',
    act: 'Repeated attempts from one address are a relay probe: fail2ban or a firewall can block it. If one of your own users was refused, they must log in (SMTP AUTH), or their network must be trusted (Postfix mynetworks, Exim relay_from_hosts); check also that the domain is one this server should accept mail for.',
  },
  'user-unknown': {
    short: 'mail for an address this server does not have',
    actShort: 'act if the address should exist',
    means: "A client sent mail for an address this server does not host; your server's recipient check refused it.",
    act: 'Nothing to do unless the address should exist: then create the mailbox or alias. Many refusals for made-up addresses from one client are a dictionary attack: fail2ban or a rate limit can stop it.',
  },
  'mailbox-disabled': {
    short: 'mail for a disabled mailbox',
    actShort: 'act if the account should receive mail',
    means: 'A client sent mail for a mailbox that is disabled or suspended on this server, and your server refused it.',
    act: 'Act only if the account should receive mail again: re-enable it.',
  },
  'mailbox-full': {
    short: 'mail for a full mailbox',
    actShort: 'act if the user should receive mail',
    means: "A client sent mail for a mailbox on this server that is over its quota; your server refused it (a 4XX keeps it in the sender's queue for a while).",
    act: 'Tell the user to free space, or raise the quota; mail refused permanently is returned to its senders.',
  },
  'mailbox-moved': {
    short: 'mail for a user who has moved',
    actShort: 'act if the user should still receive mail here',
    means: 'A client sent mail for a user this server says is no longer here.',
    act: 'Act only if the user should still receive mail here: restore the mailbox or add a forwarding alias.',
  },
  'domain-unknown': {
    short: 'an address whose domain this server cannot route',
    actShort: 'act if a legitimate domain is refused',
    means: "An address the client gave (its sender or a recipient) names a domain this server could not resolve or route, and your server refused it.",
    act: "Expected for forged or mistyped domains. If a legitimate domain is refused, check this server's DNS resolver and its routing (Postfix relay_domains, Exim domain lists).",
  },
  'domain-not-accepting': {
    short: 'an address of a domain that accepts no mail',
    actShort: 'nothing to do',
    means: 'An address the client gave belongs to a domain that publishes that it accepts no mail (a null MX); your server refused it.',
    act: 'Nothing to do on this server.',
  },
  'sender-rejected': {
    short: "this server refused the client's sender address",
    actShort: 'act if a legitimate sender was refused',
    means: "The client's envelope sender (MAIL FROM) failed this server's checks: sender verification, a domain that does not resolve, or a sender rule.",
    act: `Usually a forged or broken sender. ${LEGITIMATE} look at what the check found (the words of the refusal), then let the sender through (an exception for the address or domain) or relax the check.`,
  },
  'tls-required': {
    short: 'this server requires TLS first',
    actShort: 'act if your own users are refused',
    means: 'The client tried to go on without TLS (or TLS failed), and this server requires it.',
    act: "Expected for old or badly configured clients. If your own users are refused, their mail program must use STARTTLS or TLS; check this server's certificate too if the TLS handshake itself fails.",
  },
  'sender-auth-failed': {
    short: 'the message failed SPF, DKIM or DMARC here',
    actShort: 'act if a legitimate sender was refused',
    means: "The message failed this server's sender authentication checks (SPF, DKIM, DMARC or ARC): your policy refused it as likely forged.",
    act: `${LEGITIMATE} their domain must fix its SPF or DKIM; meanwhile you can make an exception for it (for mail forwarded to you, consider trusting ARC).`,
  },
  'reverse-dns': {
    short: "the client's IP has no matching reverse DNS",
    actShort: 'act if a legitimate server was refused',
    means: "The connecting client's IP has no PTR record, or its name does not resolve back to it, and your server requires one.",
    act: `Common for spam bots on home connections. ${LEGITIMATE} make an exception for its IP (Postfix check_client_access, Exim host lists) and tell them to fix their PTR record.`,
  },
  'blocklisted': {
    short: "the client's IP is on a blocklist this server checks",
    actShort: 'act if a legitimate sender was refused',
    means: 'The connecting client is listed on a DNS blocklist your server queries (Spamhaus, for example): your blocklist check refused it.',
    act: `${LEGITIMATE} make an exception for it (Postfix check_client_access, Exim host lists) until it is delisted. Check too that your server can still query the list: some lists refuse queries from public resolvers and then answer as if everything were listed.`,
  },
  'reputation': {
    short: "this server refused mail by the sender's reputation",
    actShort: 'act if a legitimate sender was refused',
    means: "Your server (or its filter) judged the sender's reputation too poor and refused the mail.",
    act: `${LEGITIMATE} make an exception for it in the filter.`,
  },
  'spam': {
    short: 'this server judged the message spam',
    actShort: 'act on false positives',
    means: "Your content filter scored the message as spam and refused it before accepting it.",
    act: 'Nothing to do for real spam. For a legitimate message, make an exception for the sender or tune the filter (its score is often in the words of the refusal).',
  },
  'virus': {
    short: 'this server found malware in the message',
    actShort: 'act on false positives',
    means: 'Your virus scanner flagged the message and your server refused it.',
    act: 'Nothing to do unless the scanner was wrong; keep its signatures up to date.',
  },
  'policy': {
    short: "refused by this server's policy",
    actShort: 'act if a legitimate sender was refused',
    means: 'A rule of this server (an access list, a restriction, a milter or an ACL) refused the client or the message.',
    act: `${LEGITIMATE} find the rule that matched (the words of the refusal name it), then make an exception or change the rule.`,
  },
  'message-too-large': {
    short: "the message exceeded this server's size limit",
    actShort: 'act if such messages should pass',
    means: "The message (or its announced SIZE) is larger than this server's limit.",
    act: 'Act if messages of that size should pass: raise the limit (Postfix message_size_limit, Exim message_size_limit), and the mailbox limits behind it.',
  },
  'content-invalid': {
    short: "the message broke this server's content rules",
    actShort: 'act if a legitimate sender was refused',
    means: "The message's headers, encoding or structure failed this server's checks.",
    act: `${LEGITIMATE} find the check that refused it and relax it for that sender.`,
  },
  'rate-limited': {
    short: "the client exceeded this server's rate or connection limit",
    actShort: 'act if a legitimate sender is throttled',
    means: 'The client sent too many messages, recipients or connections for the limits of this server: your rate limit working.',
    act: 'Nothing to do for abusive clients. If a legitimate sender (a mailing list, your own application) is throttled, raise its limit or make an exception.',
  },
  'greylisted': {
    short: 'this server greylisted the client',
    actShort: 'nothing to do',
    means: 'Your server deferred a first attempt from an unknown sender on purpose: a real mail server retries after a few minutes and is then accepted.',
    act: 'Nothing to do. Act only if the same sender is deferred again and again (its retries come from other IPs: make an exception for its network).',
  },
  'server-unavailable': {
    short: 'this server refused service to a client',
    actShort: 'act if it happens often',
    means: 'This server refused to serve the client: it is overloaded, shutting down, or at a connection limit.',
    act: 'Act if it happens often: check the load and the process and connection limits of this server.',
  },
  'server-error': {
    short: 'this server failed while handling a client',
    actShort: "check this server's own log",
    means: 'This server had a problem of its own while handling the client (a lookup, a milter, storage).',
    act: "Look at this server's log around that time for the error, and fix it: legitimate mail is being deferred.",
  },
  'network': {
    short: 'a network problem with a client',
    actShort: 'act if it persists',
    means: 'The connection between the client and this server failed, or a lookup timed out.',
    act: 'Act if it persists: check the network and the DNS resolver of this server.',
  },
  'expired': {
    short: 'a delivery this server gave up on',
    actShort: 'look at the earlier deferrals',
    means: 'This server kept a message in its queue until its lifetime ran out.',
    act: 'Look at the earlier deferrals for the real cause.',
  },
  'routing-loop': {
    short: 'this server detected a mail loop',
    actShort: 'fix the forwarding',
    means: 'The message passed the same hosts too many times: a forwarding, alias or MX misconfiguration.',
    act: "Check this server's aliases, forwarding and MX records for the loop.",
  },
  'protocol': {
    short: 'the client broke the SMTP protocol',
    actShort: 'act only if your own software is refused',
    means: 'The client sent a command this server did not understand or did not expect: typical for spam bots and scanners.',
    act: 'Nothing to do for unknown clients; many such errors from one address can be blocked (fail2ban). Act only if your own application is refused: fix its SMTP dialogue.',
  },
  'unknown': {
    short: 'this server refused a client, with no specific reason given',
    actShort: 'act if a legitimate sender was refused',
    means: 'This server refused the client or its message, and the log says no more about why.',
    act: `${LEGITIMATE} find the rule or ACL that refused it (the lines around this one may name it).`,
  },
};
