import { strict as assert } from 'assert';
import { aroundAddresses, explain } from '../../src/core/explain';
import { REASONS } from '../../src/core/data/reasons';
import { ACTIONS, REASON_IDS } from '../../src/core/vocabulary';

interface Case { reply: string; cls: string; reason: string; action: string; provider?: string }

// The behaviours the issue and ARCHITECTURE.md name, end to end through the data tables.
const CASES: Case[] = [
  { reply: '550-5.1.1 The email account that you tried to reach does not exist.', cls: 'permanent', reason: 'user-unknown', action: 'do-not-retry' },
  { reply: '550 5.1.1 <ops@example.com>: sent to too many recipients this hour', cls: 'permanent', reason: 'rate-limited', action: 'slow-down' },
  { reply: '554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org', cls: 'permanent', reason: 'blocklisted', action: 'fix-and-retry' },
  { reply: '554 5.7.1 <jane@example.org>: Relay access denied', cls: 'permanent', reason: 'relay-denied', action: 'fix-and-retry' },
  { reply: '535 5.7.8 Username and Password not accepted.', cls: 'permanent', reason: 'auth-failed', action: 'fix-and-retry' },
  { reply: '530 5.7.0 Must issue a STARTTLS command first.', cls: 'permanent', reason: 'tls-required', action: 'fix-and-retry' },
  { reply: '250 2.0.0 Ok: queued as 4Tq1x2', cls: 'success', reason: 'accepted', action: 'none' },
  { reply: '354 End data with <CR><LF>.<CR><LF>', cls: 'intermediate', reason: 'in-progress', action: 'continue' },
  { reply: '334 VXNlcm5hbWU6', cls: 'intermediate', reason: 'in-progress', action: 'continue' },
  { reply: '452 4.2.2 The email account that you tried to reach is over quota.', cls: 'transient', reason: 'mailbox-full', action: 'retry' },
  // RFC 3463: a full mailbox is "a persistent transient failure", even on a 5XX: a soft bounce, retried hours apart.
  { reply: '552 5.2.2 Mailbox full', cls: 'permanent', reason: 'mailbox-full', action: 'retry' },
  { reply: '521 5.3.2 example.com does not accept mail', cls: 'permanent', reason: 'domain-not-accepting', action: 'do-not-retry' },
  { reply: '556 5.1.10 Recipient address has null MX', cls: 'permanent', reason: 'domain-not-accepting', action: 'do-not-retry' },
  { reply: 'dsn=4.4.1', cls: 'transient', reason: 'network', action: 'retry' },
  { reply: 'dsn=5.4.6', cls: 'permanent', reason: 'routing-loop', action: 'fix-and-retry' },
  { reply: '451 4.4.7 delivery time expired', cls: 'transient', reason: 'expired', action: 'retry' },
  { reply: '500 5.5.2 Syntax error, command unrecognized', cls: 'permanent', reason: 'protocol', action: 'fix-and-retry' },
];

describe('explain', () => {
  for (const c of CASES) {
    it(`${c.reply} → ${c.cls} / ${c.reason} / ${c.action}`, () => {
      const e = explain(c.reply);
      assert.equal(e.class, c.cls);
      assert.equal(e.reason, c.reason, e.reasonWhy);
      assert.equal(e.action, c.action);
    });
  }

  it('explains an unlisted code from its digits', () => {
    const e = explain('299 something');
    assert.equal(e.class, 'success');
    assert.equal(e.basic?.known, false);
    assert.equal(e.basic?.class.title, 'Positive completion');
    assert.equal(e.category?.digit, 9);
    const f = explain('527 odd one');
    assert.equal(f.class, 'permanent');
    assert.equal(f.category?.name, 'connections');
  });

  it('uses the class of the enhanced code when there is no basic code', () => {
    assert.equal(explain('#4.3.0').class, 'transient');
    assert.equal(explain('Status: 5.1.1').class, 'permanent');
    assert.equal(explain('Status: 2.0.0').class, 'success');
  });

  it('gives retry and slow-down a backoff schedule and nothing else one', () => {
    const r = explain('451 4.3.0 Temporary local problem');
    assert.equal(r.action, 'retry');
    assert.ok(r.retry);
    assert.deepEqual(r.retry.delaysMinutes.slice(0, 4), [1, 2, 4, 8]);
    assert.ok(r.retry.maxAttempts >= 5 && r.retry.maxAttempts <= 10);
    assert.equal(r.retry.giveUpAfterHours, 24);
    assert.equal(explain('550 5.1.1 User unknown').retry, null);
  });

  it('waits longer before retrying greylisting and rate limits than a plain deferral', () => {
    const grey = explain('450 4.2.0 <a@example.com>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.com.html');
    assert.equal(grey.reason, 'greylisted');
    assert.ok(grey.retry && grey.retry.delaysMinutes[0] >= 5);
  });

  it('reads the remote server of a nested reply, not the relaying one', () => {
    const e = explain('host mx.example.net[192.0.2.9] said: 451 4.7.1 relay said: 550 5.1.1 <b@example.org>: Recipient address rejected: User unknown');
    assert.equal(e.code, 550);
    assert.equal(e.reason, 'user-unknown');
  });

  // Issue 7: words alone give up on a recipient only when they say the address itself is bad ("No such
  // domain"); a failure the words do not call permanent is retried.
  it('gives up on a recipient on words alone only when they say the address is bad', () => {
    const e = explain('status=deferred (connect to mx.example.net[192.0.2.4]:25: Connection timed out)');
    assert.equal(e.class, 'unknown');
    assert.equal(e.reason, 'network');
    assert.equal(e.action, 'retry');
    assert.equal(e.bounce, 'soft');
    const bad = explain('No such domain.');
    assert.equal(bad.class, 'unknown');
    assert.equal(bad.reason, 'domain-unknown');
    assert.equal(bad.action, 'do-not-retry');
    assert.equal(bad.bounce, 'hard');
    assert.equal(bad.confidence, 'low');
  });

  it('lets vague words yield to an enhanced code that names a cause, and keeps greylisting to 450/451', () => {
    assert.equal(explain('451 4.4.0 DNS lookup failed, try again later').reason, 'network');
    assert.equal(explain('451 4.7.1 Please try again later').reason, 'greylisted');
    assert.notEqual(explain('421 4.7.0 Try again later').reason, 'greylisted');
    assert.notEqual(explain('421 Try again later').reason, 'greylisted');
  });

  it('reads an expiry bounce as expired even when it quotes the last error', () => {
    assert.equal(explain('554 5.4.7 Delivery time expired; last error: connection timed out').reason, 'expired');
  });

  it('does not call a bare 550 an unknown user, nor tell to drop the address', () => {
    const e = explain('550 Message rejected (in reply to end of DATA command)');
    assert.notEqual(e.reason, 'user-unknown');
    // Issue 7: do-not-retry only for hard bounces; a 5XX that does not say why is a soft bounce to look into.
    assert.equal(e.action, 'fix-and-retry');
    assert.equal(e.bounce, 'soft');
    assert.equal(e.confidence, 'low');
  });

  it('takes the class a log gives a failure without a code', () => {
    const e = explain('retry timeout exceeded', { classHint: 'permanent' });
    assert.equal(e.class, 'permanent');
    assert.equal(e.reason, 'expired');
    // Issue 7: an expiry is a soft bounce (the address may be fine), retried hours apart.
    assert.equal(e.action, 'retry');
    assert.equal(e.bounce, 'soft');
    assert.match(e.summary, /^No reply code — Permanent failure: delivery time expired/);
    // A code in the reply wins over the hint.
    assert.equal(explain('451 4.3.0 Temporary local problem', { classHint: 'permanent' }).class, 'transient');
    assert.equal(explain('Unrouteable address', { classHint: 'permanent' }).action, 'do-not-retry');
  });

  it('reads a temporary failure the sending server gave up on (gaveUp) as a permanent outcome', () => {
    // A failure to connect, retried until the queue lifetime ran out: an expiry, and the address may be fine.
    const timedOut = explain('4.4.1 connect to mx.example.org[192.0.2.80]:25: Connection timed out', { gaveUp: true });
    assert.deepEqual([timedOut.class, timedOut.reason, timedOut.bounce, timedOut.action], ['permanent', 'expired', 'soft', 'retry']);
    assert.match(timedOut.summary, /^4\.4\.1 — Permanent failure: delivery time expired/);
    assert.match(timedOut.reasonWhy, /stopped retrying/);
    // A more specific last error keeps its reason, now with the advice of a final failure.
    const full = explain('452 4.2.2 Mailbox full', { gaveUp: true });
    assert.deepEqual([full.class, full.reason, full.advice], ['permanent', 'mailbox-full', REASONS['mailbox-full'].permanent.advice]);
    const nxdomain = explain('4.0.0 DNS Error: DNS type \'mx\' lookup of example.invalid responded with code NXDOMAIN', { gaveUp: true });
    assert.deepEqual([nxdomain.class, nxdomain.reason, nxdomain.bounce], ['permanent', 'domain-unknown', 'hard']);
    // A permanent reply, a success, and a reply without gaveUp are left as they are.
    assert.deepEqual(explain('550 5.1.1 User unknown', { gaveUp: true }), explain('550 5.1.1 User unknown'));
    assert.deepEqual(explain('250 2.0.0 Ok', { gaveUp: true }), explain('250 2.0.0 Ok'));
    assert.equal(explain('4.4.1 connect to mx.example.org[192.0.2.80]:25: Connection timed out').class, 'transient');
  });

  it('reads a code with a colon at the start of a reply (Yahoo\'s `550: <a@b>: User unknown`)', () => {
    const e = explain('550: <jane@example.jp>: User unknown');
    assert.deepEqual([e.code, e.class, e.reason, e.text], [550, 'permanent', 'user-unknown', '<jane@example.jp>: User unknown']);
    // Only at the start, and only a colon followed by a blank: no time, no `550:x`.
    assert.equal(explain('12:30: connection lost').code, null);
    assert.equal(explain('550:x').code, null);
    assert.equal(explain('Relay said 550: no').code, null);
  });

  it('reads the words on both sides of an address again, the address taken out, when no rule read the text', () => {
    assert.equal(aroundAddresses('user <jane@example.com> unknown'), 'user unknown');
    assert.equal(aroundAddresses('recipient "jane@example.com" (jane@example.com) not found'), 'recipient not found');
    // Only where an address stands between two words: elsewhere nothing new can be read.
    assert.equal(aroundAddresses('<jane@example.com>: recipient address rejected'), '');
    assert.equal(aroundAddresses('no address here, a lone @ sign, x@ y'), '');
    // Linear: a long word full of '@' is one address, read once; the windows stay short.
    assert.equal(aroundAddresses(`user ${'a@'.repeat(50_000)}b unknown`), 'user unknown');
    assert.ok(aroundAddresses(`${'w'.repeat(10_000)} a@b ${'w'.repeat(10_000)}`).length <= 2 * 48 + 1);
    assert.equal(explain('550 User <jane@example.com> unknown').reason, 'user-unknown');
    // The first reading wins: a text whose own words decide is not read again.
    assert.equal(explain('550 5.7.1 <jane@example.com>: Relay access denied').reason, 'relay-denied');
  });

  it('says when there is no reply at all', () => {
    const e = explain('GET /index.html HTTP/1.1');
    assert.equal(e.code, null);
    assert.equal(e.enhanced, null);
    assert.equal(e.class, 'unknown');
    assert.equal(e.action, 'none');
    assert.match(e.summary, /No SMTP reply code/);
    assert.doesNotMatch(e.advice, /do not resend/);
  });

  it('writes a one-line summary with codes, class, reason and action', () => {
    assert.equal(explain('550 5.1.1 User unknown').summary, '550 5.1.1 — Permanent failure: the mailbox does not exist; do not retry');
  });

  it('has a row, an action per class and advice for every reason id', () => {
    for (const id of REASON_IDS) {
      const row = REASONS[id];
      assert.ok(row.title && row.why, id);
      for (const cell of [row.transient, row.permanent, row.unknown]) {
        assert.ok(cell.advice, id);
        assert.ok((ACTIONS as readonly string[]).includes(cell.action), id);
      }
    }
  });

  it('cuts a huge input instead of reading all of it', () => {
    const e = explain('550 5.1.1 ' + 'x'.repeat(5_000_000));
    assert.equal(e.code, 550);
    assert.ok(e.text.length < 20_000);
  });
});
