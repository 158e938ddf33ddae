import { strict as assert } from 'assert';
import { explain } from '../../src/core/explain';
import { CLASS_WORDS } from '../../src/core/data/classWords';
import { STAGE_WORDS, REASON_AT_STAGE } from '../../src/core/data/stages';
import { EXPIRY_OUTRANKS, TEXT_RULES } from '../../src/core/data/textRules';
import { REASON_IDS } from '../../src/core/vocabulary';

// Issue 7, point 3: the class from the words where no code says it, an expiry that takes the reason of the error
// it quotes, and the SMTP stage that changes what "no such user" means.

describe('class words: the class of a failure without a code', () => {
  for (const row of CLASS_WORDS) {
    it(`${row.source}: "${row.example.slice(0, 70)}" → ${row.class}`, () => {
      const e = explain(row.example);
      assert.equal(e.code, null);
      assert.equal(e.enhanced, null, 'a class-words example has no code: the words must decide');
      assert.equal(e.class, row.class);
    });
  }

  it('has lower-case phrases of at least 4 characters, none repeated across rows', () => {
    const seen = new Set<string>();
    for (const row of CLASS_WORDS) {
      for (const p of row.phrases) {
        assert.equal(p, p.toLowerCase(), p);
        assert.ok(p.trim().length >= 4, p);
        assert.ok(!seen.has(p), `repeated: ${p}`);
        seen.add(p);
      }
    }
  });

  it('leaves the class unknown when nothing says, and lets a code or the log\'s class win over the words', () => {
    assert.equal(explain('connect to mx.example.com[192.0.2.10]:25: Connection timed out').class, 'unknown');
    assert.equal(explain('No such domain.').class, 'unknown');
    assert.equal(explain('451 4.4.1 No answer from host; will keep trying').class, 'transient');
    assert.equal(explain('550 5.1.1 User unknown; will be retried').class, 'permanent');
    assert.equal(explain('delivery temporarily suspended: Connection timed out', { classHint: 'permanent' }).class, 'permanent');
  });

  it('reads a final bounce that repeats its last temporary error as permanent', () => {
    const e = explain("Technical details of temporary failure: connection timed out. I'm not going to try again; this message has been in the queue too long.");
    assert.equal(e.class, 'permanent');
    assert.equal(e.reason, 'expired');
  });
});

describe('an expiry takes the reason of the error it quotes (reverses commit 8cd8b7c)', () => {
  const cases: [string, string, string][] = [
    // [text, reason, class]
    ['mailbox is full: retry timeout exceeded', 'mailbox-full', 'permanent'],
    ['554 5.4.7 Delivery time expired; last error: 552 5.7.0 message rejected as spam', 'spam', 'permanent'],
    ["Unable to contact LDAP server. (#4.4.3) I'm not going to try again; this message has been in the queue too long.", 'server-error', 'transient'],
    // A failure to connect is what an expiry is made of: the expiry says more.
    ['554 5.4.7 Delivery time expired; last error: connection timed out', 'expired', 'permanent'],
    ['554 4.4.7 Message expired: unable to deliver in 840 minutes.<421 4.4.2 Connection timed out>', 'expired', 'permanent'],
    ["Sorry, I wasn't able to establish an SMTP connection. (#4.4.1) I'm not going to try again; this message has been in the queue too long.", 'expired', 'transient'],
    ['Delivery to the following recipient failed permanently: Technical details of permanent failure: The recipient server did not accept our requests to connect. [mx.example.jp. 192.0.2.13: timed out]', 'expired', 'permanent'],
    // qmail gives up on a host after a permanent refusal: "Giving up" is not an expiry.
    ['550 5.1.1 <jane@example.jp>... User Unknown Giving up on 192.0.2.153.', 'user-unknown', 'permanent'],
  ];
  for (const [text, reason, cls] of cases) {
    it(`${text.slice(0, 90)} → ${reason}`, () => {
      const e = explain(text);
      assert.equal(e.reason, reason, e.reasonWhy);
      assert.equal(e.class, cls);
    });
  }

  it('marks only expiry rules as expiries, and outranks only failures to connect', () => {
    for (const row of TEXT_RULES) if (row.expiry) assert.equal(row.reason, 'expired', row.id);
    for (const r of EXPIRY_OUTRANKS) assert.ok(['network', 'server-unavailable'].includes(r), r);
  });

  it('gives an expiry that quotes a full mailbox the full mailbox\'s long retry, a soft bounce', () => {
    const e = explain('mailbox is full: retry timeout exceeded');
    assert.equal(e.action, 'retry');
    assert.equal(e.bounce, 'soft');
    assert.ok(e.retry && e.retry.delaysMinutes[0] >= 60);
  });
});

describe('the SMTP stage: what a refusal answered', () => {
  for (const row of STAGE_WORDS) {
    it(`recognises the ${row.stage} stage in its example, and the example changes its reason`, () => {
      const e = explain(row.example);
      const plain = explain(row.example.replace(new RegExp(row.phrases.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gi'), ''));
      assert.notEqual(e.reason, plain.reason, `${e.reason}: ${e.reasonWhy}`);
      assert.match(e.reasonWhy, /in reply to/);
    });
  }

  it('maps reasons onto reasons of the taxonomy only', () => {
    for (const map of Object.values(REASON_AT_STAGE)) {
      for (const [from, to] of Object.entries(map)) {
        assert.ok((REASON_IDS as readonly string[]).includes(from) && (REASON_IDS as readonly string[]).includes(to as string), `${from} → ${to}`);
      }
    }
  });

  const cases: [string, string][] = [
    // Before any recipient is named, an unknown address or domain is the sender's own.
    ['host mx.example.com [192.0.2.22] SMTP error from remote mail server after MAIL FROM:<jane@example.com>: 550 5.1.7 No such domain example.com.', 'sender-rejected'],
    ['host mx.example.jp[192.0.2.22] said: 553 5.1.8 <root@host.example.com>... Domain of sender address root@host.example.com does not exist (in reply to MAIL FROM command)', 'sender-rejected'],
    ['Connected to 192.0.2.225 but sender was rejected. Remote host said: 550 5.1.1 <root@example.jp>... User unknown', 'sender-rejected'],
    // After DATA a "user unknown" is a filter's refusal, unless the enhanced code says the same.
    ['host mfsmax.docomo.ne.jp[192.0.2.240] said: 550 Unknown user taro@docomo.example.jp (in reply to end of DATA command)', 'policy'],
    ['host mx.example.net[192.0.2.9] said: 550 5.1.1 <jane@example.net>: User unknown (in reply to end of DATA command)', 'user-unknown'],
    ['host mx.example.net[192.0.2.9] said: 550 5.1.1 <jane@example.net>: User unknown (in reply to RCPT TO command)', 'user-unknown'],
    // A bare refusal of the greeting refuses the client, and an expiry after it takes that reason.
    ['host mx.example.net [192.0.2.222] SMTP error from remote mail server after EHLO client.example.com: 550 Rejected', 'policy'],
    ["Connected to 192.0.2.112 but my name was rejected. Remote host said: 501 5.0.0 Invalid domain name I'm not going to try again; this message has been in the queue too long.", 'policy'],
    // A timeout at the greeting is not a refusal.
    ['SMTP timeout after initial connection: Connection timed out', 'network'],
  ];
  for (const [text, reason] of cases) {
    it(`${text.slice(0, 100)} → ${reason}`, () => {
      const e = explain(text);
      assert.equal(e.reason, reason, e.reasonWhy);
    });
  }

  it('never calls a refusal at MAIL FROM a hard bounce', () => {
    for (const word of ['User unknown', 'No such domain', 'Mailbox disabled', 'Host unknown']) {
      const e = explain(`host mx.example.net[192.0.2.9] said: 550 <bob@example.org>: ${word} (in reply to MAIL FROM command)`);
      assert.equal(e.bounce, 'soft', `${word}: ${e.reason}`);
    }
  });
});
