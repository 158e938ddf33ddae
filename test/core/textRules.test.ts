import { strict as assert } from 'node:assert';
import { explain } from '../../src/core/explain';
import { TEXT_RULES } from '../../src/core/data/textRules';
import { PROVIDER_MARKERS } from '../../src/core/data/providers';
import { REASON_IDS, REPLY_CLASSES } from '../../src/core/vocabulary';

// Every row carries the reply it was written for; explaining that reply must land on the row
// itself. When a higher-priority rule takes it, one of the two rows is wrong and must be fixed.

describe('text rules: every row classifies its own example', () => {
  for (const row of TEXT_RULES) {
    it(`${row.id} → ${row.reason}${row.provider ? ` (${row.provider})` : ''}`, () => {
      const e = explain(row.example);
      assert.equal(e.reasonSource.ruleId, row.id, `decided by ${e.reasonSource.kind} ${e.reasonSource.ruleId ?? ''}: ${e.reasonWhy}`);
      assert.equal(e.reason, row.reason);
      if (row.provider) assert.equal(e.provider, row.provider);
    });
  }
});

describe('text rules: table hygiene', () => {
  it('has unique ids', () => {
    const seen = new Set<string>();
    for (const row of TEXT_RULES) {
      assert.ok(!seen.has(row.id), `duplicate id ${row.id}`);
      seen.add(row.id);
    }
  });

  it('uses only reason ids of the taxonomy and known reply classes', () => {
    for (const row of TEXT_RULES) {
      assert.ok((REASON_IDS as readonly string[]).includes(row.reason), `${row.id}: ${row.reason}`);
      for (const c of row.classes ?? []) assert.ok((REPLY_CLASSES as readonly string[]).includes(c), `${row.id}: ${c}`);
    }
  });

  it('has lower-case, non-empty, trimmed-enough phrases, none repeated within a row', () => {
    for (const row of TEXT_RULES) {
      assert.ok(row.phrases.length > 0, `${row.id} has no phrase`);
      for (const list of [row.phrases, row.all ?? []]) {
        assert.equal(new Set(list).size, list.length, `${row.id} repeats a phrase`);
        for (const p of list) {
          assert.ok(p.trim().length >= 3, `${row.id}: phrase too short: "${p}"`);
          assert.equal(p, p.toLowerCase(), `${row.id}: not lower case: "${p}"`);
        }
      }
    }
  });

  // Texts an MTA writes itself into a bounce (DNS and connection failures, queue expiry): they are
  // not SMTP replies and carry no code. Every other example is a reply, code included.
  const MTA_OWN_TEXT = new Set(['postfix-host-not-found', 'postfix-host-not-found-try-again', 'exim-retry-timeout',
    'exim-mailbox-full', 'exim-retry-not-reached', 'qmail-queue-too-long', 'qmail-sender-rejected', 'generic-network',
    // Bounce notices in a provider's or MTA's own words (issue 7).
    'gmail-delivery-delayed', 'gmail-could-not-connect', 'gmail-send-mail-as', 'google-groups-cannot-post', 'google-groups-spam',
    'exchange-delivery-delayed', 'kddi-mailbox-full', 'kddi-account-disabled', 'kddi-not-delivered-within',
    'kddi-domain-does-not-exist', 'domino-not-listed', 'domino-cannot-route', 'domino-several-matches',
    'imail-invalid-userid', 'imail-mailbox-size', 'imail-delivery-attempts', 'interscan-check-address',
    'messaging-server-expired', 'opensmtpd-no-mx', 'opensmtpd-network', 'opensmtpd-reject-all',
    'opensmtpd-envelope-expired', 'fml-not-member', 'fml-system-error', 'exim-no-smtp-service',
    'exim-host-lookups-failed', 'exim-local-delivery', 'exim-cpanel-account-domain', 'mailer-error',
    'qmail-ldap-disabled', 'qmail-my-name-rejected', 'qmail-does-not-like-recipient', 'dns-name-does-not-exist']);

  it('gives every row an example with its reply code', () => {
    for (const row of TEXT_RULES) {
      const e = explain(row.example);
      assert.equal(e.code !== null || e.enhanced !== null, !MTA_OWN_TEXT.has(row.id), `${row.id}: ${row.example}`);
    }
  });
});

describe('provider markers', () => {
  for (const m of PROVIDER_MARKERS) {
    it(`names ${m.provider} from its example`, () => {
      assert.equal(explain(m.example).provider, m.provider);
    });
  }

  it('has lower-case, non-empty phrases, none repeated within a row', () => {
    for (const m of PROVIDER_MARKERS) {
      assert.ok(m.phrases.length > 0, m.provider);
      assert.equal(new Set(m.phrases).size, m.phrases.length, m.provider);
      for (const p of m.phrases) {
        assert.ok(p.trim().length >= 3, `${m.provider}: "${p}"`);
        assert.equal(p, p.toLowerCase(), `${m.provider}: "${p}"`);
      }
    }
  });

  it('does not name a provider from a mail address alone', () => {
    for (const reply of [
      '550 5.7.1 <jane@hotmail.com>... Relaying denied',
      '550 5.1.1 <jane@yahoo.com>: Recipient address rejected: User unknown in local recipient table',
      '552 5.2.2 <jane@gmx.net>... Mailbox full',
      '550 5.1.1 <jane@home.com>: Recipient address rejected: User unknown in virtual mailbox table',
      '550 5.1.1 <jane@orange.fr>: Recipient address rejected: User unknown in local recipient table',
    ]) {
      const p = explain(reply).provider;
      assert.ok(p === null || p === 'Postfix' || p === 'Sendmail', `${reply} → ${p}`);
    }
  });
});

interface Tricky { reply: string; reason: string; action: string; provider?: string }

// Cases the issue names, and others where a broad word would pick the wrong reason. Issue 7 changed the
// actions of 5XX policy refusals (fix-and-retry, not do-not-retry) and full mailboxes (a long retry).
const TRICKY: Tricky[] = [
  { reply: '550 5.1.1 <ops@example.com>: sent to too many recipients this hour', reason: 'rate-limited', action: 'slow-down' },
  { reply: '554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/192.0.2.1', reason: 'blocklisted', action: 'fix-and-retry', provider: 'Postfix' },
  { reply: '550 5.7.1 Relay access denied', reason: 'relay-denied', action: 'fix-and-retry' },
  { reply: '530 5.7.0 Must issue a STARTTLS command first', reason: 'tls-required', action: 'fix-and-retry' },
  { reply: '530-5.7.0 Must issue a STARTTLS command first. For more information, go to\n530-5.7.0  https://support.google.com/a/answer/3221692 and review RFC 3207\n530 5.7.0 specifications. a1si1234567qkb.2 - gsmtp', reason: 'tls-required', action: 'fix-and-retry', provider: 'Gmail' },
  { reply: '530 5.7.0 Authentication required', reason: 'auth-required', action: 'fix-and-retry' },
  // Sendmail's DNS failures: "lookup failure" alone reads as a server's own trouble, this one is the network's.
  { reply: '451 Deferred: Name server: example.com.: host name lookup failure', reason: 'network', action: 'retry' },
  { reply: '451 Name server timeout with example.com', reason: 'network', action: 'retry' },
  // The words around an address: rules are tried again with the address (and its brackets) taken out.
  { reply: '550 User <jane@example.com> unknown', reason: 'user-unknown', action: 'do-not-retry' },
  { reply: '550 mailbox jane@example.com does not exist', reason: 'user-unknown', action: 'do-not-retry' },
  { reply: '550 Recipient (jane@example.com) not found', reason: 'user-unknown', action: 'do-not-retry' },
  // Sisimai's reason lists: reworded refusals, and what they must not catch.
  { reply: '550 Recipient jane@example.com was not found in LDAP', reason: 'user-unknown', action: 'do-not-retry' },
  { reply: '552 Account is exceeding their quota', reason: 'mailbox-full', action: 'retry' },
  { reply: '550 User refuses to receive this mail', reason: 'policy', action: 'fix-and-retry' },
  { reply: '550 You are not allowed to post to this mailing list', reason: 'policy', action: 'fix-and-retry' },
  { reply: '535 5.7.8 Invalid user or password', reason: 'auth-failed', action: 'fix-and-retry' },
  // Too many unknown recipients is about the sender's list, not this address.
  { reply: '554 mx.example.net too many invalid recipients', reason: 'policy', action: 'fix-and-retry' },
  // A relay refused for want of a login: the fix is to authenticate, whatever else the line says.
  { reply: '550 mx.example.com [192.0.2.8]:50345 is not permitted to relay through this server without authentication.', reason: 'auth-required', action: 'fix-and-retry' },
  // "does not exist": the user, the domain, or the sender's domain.
  { reply: '550 5.1.1 <jane@example.com>: Recipient address rejected: User does not exist', reason: 'user-unknown', action: 'do-not-retry' },
  { reply: '550 5.1.2 Domain does not exist: example.invalid', reason: 'domain-unknown', action: 'do-not-retry' },
  { reply: '553 5.1.8 <jane@example.com>... Domain of sender address bob@example.invalid does not exist', reason: 'sender-rejected', action: 'fix-and-retry', provider: 'Sendmail' },
  // "not found": mailbox, recipient domain, sender domain.
  { reply: '550 5.1.1 Mailbox not found', reason: 'user-unknown', action: 'do-not-retry' },
  { reply: '450 4.1.2 <jane@example.invalid>: Recipient address rejected: Domain not found', reason: 'domain-unknown', action: 'retry', provider: 'Postfix' },
  { reply: '450 4.1.8 <bob@example.invalid>: Sender address rejected: Domain not found', reason: 'sender-rejected', action: 'fix-and-retry', provider: 'Postfix' },
  // "blocked", "rejected", "denied", "policy": the cause named wins over the verb.
  { reply: '550 5.7.1 Message rejected for policy reasons', reason: 'policy', action: 'fix-and-retry' },
  { reply: '554 5.7.1 Message rejected due to DMARC policy for example.com', reason: 'sender-auth-failed', action: 'fix-and-retry' },
  { reply: '550 5.7.1 Message blocked: SPF check failed for 192.0.2.1', reason: 'sender-auth-failed', action: 'fix-and-retry' },
  { reply: '550 5.7.1 <jane@example.org>: Recipient address rejected: Access denied', reason: 'policy', action: 'fix-and-retry', provider: 'Postfix' },
  { reply: '550 5.4.1 Recipient address rejected: Access denied. AS(201806281) [DM6NAM12FT045.eop-nam12.prod.protection.outlook.com]', reason: 'user-unknown', action: 'do-not-retry', provider: 'Microsoft 365' },
  { reply: '550 5.7.1 RESOLVER.RST.AuthRequired; authentication required', reason: 'policy', action: 'fix-and-retry', provider: 'Microsoft Exchange' },
  { reply: '550 5.7.1 Service unavailable, Client host [192.0.2.8] blocked using Spamhaus. To request removal from this list see https://www.spamhaus.org/query/ip/192.0.2.8 AS(1450) [BN8NAM12FT063.eop-nam12.prod.protection.outlook.com]', reason: 'blocklisted', action: 'fix-and-retry', provider: 'Microsoft 365' },
  { reply: '553 5.7.1 [BL21] Connections will not be accepted from 192.0.2.25, because the ip is in Spamhaus\'s list; see http://postmaster.yahoo.com/550-bl23.html', reason: 'blocklisted', action: 'fix-and-retry', provider: 'Yahoo / AOL' },
  // Greylisting only where the server defers.
  { reply: '451 4.7.1 Please try again later', reason: 'greylisted', action: 'retry' },
  { reply: '421-4.3.0 Temporary System Problem.  Try again later (10). - gsmtp', reason: 'server-error', action: 'retry', provider: 'Gmail' },
  { reply: '452 4.2.2 Mailbox full, try again later', reason: 'mailbox-full', action: 'retry' },
  // Gmail's reputation family: rate limits caused by reputation stay reputation.
  { reply: '421-4.7.28 [192.0.2.4      15] Our system has detected an unusual rate of\n421-4.7.28 unsolicited mail originating from your IP address. To protect our\n421-4.7.28 users from spam, mail sent from your IP address has been temporarily\n421 4.7.28 rate limited. a1si123 - gsmtp', reason: 'reputation', action: 'slow-down', provider: 'Gmail' },
  { reply: '450-4.2.1 The user you are trying to contact is receiving mail at a rate that\n450 4.2.1 prevents additional messages from being delivered. - gsmtp', reason: 'rate-limited', action: 'slow-down', provider: 'Gmail' },
  // Sendmail's relaying variants.
  { reply: '550 5.7.1 <jane@example.org>... Relaying denied. Proper authentication required.', reason: 'auth-required', action: 'fix-and-retry', provider: 'Sendmail' },
  { reply: '450 4.4.0 <jane@example.it>... Relaying temporarily denied. Cannot resolve PTR record for 192.0.2.67', reason: 'reverse-dns', action: 'fix-and-retry', provider: 'Sendmail' },
  // Exim: a sender verify failure quotes "Unrouteable address" about the sender.
  { reply: '550-Verification failed for <bob@example.invalid>\n550-Unrouteable address\n550 Sender verify failed', reason: 'sender-rejected', action: 'fix-and-retry', provider: 'Exim' },
  { reply: '550 Unrouteable address', reason: 'domain-unknown', action: 'do-not-retry', provider: 'Exim' },
  // Quota: the mailbox's, or the sender's.
  { reply: '552 5.2.2 Quota exceeded (mailbox for user is full)', reason: 'mailbox-full', action: 'retry' },
  { reply: '550-5.4.5 Daily user sending quota exceeded. d2sm123 - gsmtp', reason: 'rate-limited', action: 'slow-down', provider: 'Gmail' },
  // A relaying server's wrapper does not decide; the remote server's words do.
  { reply: 'host mx.example.net[192.0.2.9] said: 550 5.1.1 <b@example.org>: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command)', reason: 'user-unknown', action: 'do-not-retry', provider: 'Postfix' },
  { reply: 'host gmail-smtp-in.l.google.com[142.250.0.26] said: 550-5.7.26 Unauthenticated email from example.com is not accepted due to 550-5.7.26 domain\'s DMARC policy. (in reply to end of DATA command)', reason: 'sender-auth-failed', action: 'fix-and-retry', provider: 'Gmail' },
  // Non-English.
  { reply: '550 5.1.1 <max@example.de>: Benutzer unbekannt', reason: 'user-unknown', action: 'do-not-retry' },
  { reply: '552 5.2.2 Boîte aux lettres pleine', reason: 'mailbox-full', action: 'retry' },
  { reply: '452 4.2.2 Почтовый ящик переполнен', reason: 'mailbox-full', action: 'retry' },
  { reply: '550 5.1.1 宛先が見つかりません', reason: 'user-unknown', action: 'do-not-retry' },
  // Issue 7. A sequence error is the consequence of the refusal before it in the same transcript.
  { reply: '550 5.1.1 <jane@example.jp>... User Unknown 503 5.0.0 Need RCPT (recipient) 550 5.1.1 <jane@example.jp>... User Unknown', reason: 'user-unknown', action: 'do-not-retry' },
  { reply: '550 5.1.1 Requested action not taken: mailbox unavailable 503 Error: need RCPT command', reason: 'user-unknown', action: 'do-not-retry' },
  { reply: '503 5.5.1 Error: need RCPT command', reason: 'protocol', action: 'fix-and-retry' },
  // au (KDDI): no address before "User unknown" is its users' filter; with the address, no such mailbox.
  { reply: '550 : User unknown', reason: 'policy', action: 'fix-and-retry', provider: 'au (KDDI)' },
  { reply: '** Address not found ** The response was: 550 : User unknown', reason: 'policy', action: 'fix-and-retry', provider: 'au (KDDI)' },
  { reply: '550 <taro@example.ezweb.ne.jp>: User unknown', reason: 'user-unknown', action: 'do-not-retry' },
  // A provider's code number decides over the words around it.
  { reply: '550 5.1.0 <jane@example.com> sender rejected. Please see https://www.spectrum.net/support/internet/understanding-email-error-codes for more information. AUP#In-1310', reason: 'rate-limited', action: 'slow-down', provider: 'Spectrum' },
  { reply: '421 4.2.1 Service refuse. Veuillez essayer plus tard. Service refused, please try later. LPN007_505 (in reply to end of DATA command)', reason: 'server-error', action: 'retry', provider: 'Orange' },
  // SMTP AUTH, not SPF: SendGrid's reply to a client that did not log in.
  { reply: 'host smtp.sendgrid.net[192.0.2.42] said: 550 Unauthenticated senders not allowed (in reply to MAIL FROM command)', reason: 'auth-required', action: 'fix-and-retry', provider: 'SendGrid' },
  // DNS: a name that does not exist is an unknown domain; "try again" is the network.
  { reply: "DNS Error: 27379064 DNS type 'mx' lookup of example.invalid responded with code NXDOMAIN Domain name not found: example.invalid", reason: 'domain-unknown', action: 'do-not-retry' },
  { reply: "DNS Error: 27379064 DNS type 'mx' lookup of example.com responded with code SERVFAIL", reason: 'network', action: 'retry' },
  { reply: 'an MX or SRV record indicated no SMTP service', reason: 'domain-not-accepting', action: 'do-not-retry', provider: 'Exim' },
  { reply: '554 Service currently unavailable', reason: 'server-unavailable', action: 'fix-and-retry' },
  // A 5XX full mailbox and a suspended account: soft bounces, retried hours apart.
  { reply: '552 5.2.2 <jane@example.jp>... Mailbox full', reason: 'mailbox-full', action: 'retry' },
  { reply: '550 5.2.1 <jane@example.jp>: Account suspended', reason: 'mailbox-disabled', action: 'retry' },
];

describe('text rules: tricky cases', () => {
  it('does not call a 5XX "try again later" greylisting', () => {
    for (const reply of ['550 5.7.1 Please try again later', '554 Try again later']) {
      const e = explain(reply);
      assert.notEqual(e.reason, 'greylisted', reply);
      assert.notEqual(e.reasonSource.kind, 'text', `${reply}: ${e.reasonWhy}`);
    }
  });

  for (const c of TRICKY) {
    it(`${c.reply.split('\n')[0].slice(0, 90)} → ${c.reason} / ${c.action}`, () => {
      const e = explain(c.reply);
      assert.equal(e.reason, c.reason, e.reasonWhy);
      assert.equal(e.action, c.action);
      if (c.provider) assert.equal(e.provider, c.provider);
    });
  }
});
