import { strict as assert } from 'assert';
import { explain, responseFor } from '../../src/core/explain';
import { REASONS, RETRY_PLANS } from '../../src/core/data/reasons';
import { explanationFacts, renderMarkdown } from '../../src/core/render';
import { ACTIONS, BOUNCES, REASON_IDS, type ReasonId, type ReplyClass } from '../../src/core/vocabulary';

// The reason × class table of src/core/data/reasons.ts, checked against what it is meant to say (issue 7),
// not against its own contents: every cell of every row is walked.

const FAILURE_CLASSES = ['transient', 'permanent', 'unknown'] as const;
/** The address itself is bad and stays bad. */
const ADDRESS_REASONS: readonly ReasonId[] = ['user-unknown', 'mailbox-moved', 'domain-unknown', 'domain-not-accepting'];
/** Causes on the sender's side: a 5XX for one of these is fixed by the sender, then sent again. */
const SENDER_SIDE: readonly ReasonId[] = [
  'sender-rejected', 'relay-denied', 'auth-required', 'auth-failed', 'tls-required', 'sender-auth-failed', 'reverse-dns',
  'blocklisted', 'reputation', 'spam', 'virus', 'policy', 'message-too-large', 'content-invalid', 'protocol',
];
/** 5XX causes that may clear on the recipient's side: keep the address, retry hours to days apart. */
const MAY_CLEAR: readonly ReasonId[] = ['mailbox-full', 'mailbox-disabled'];
const NOT_FAILURES: readonly ReasonId[] = ['accepted', 'in-progress'];

const cells = REASON_IDS.flatMap((reason) => FAILURE_CLASSES.map((cls) => ({ reason, cls, cell: REASONS[reason][cls] })));

describe('reason table: reason × class → action, bounce, advice', () => {
  it('has a cell with a known action, a bounce and advice for every reason and class', () => {
    assert.equal(cells.length, REASON_IDS.length * 3);
    for (const { reason, cls, cell } of cells) {
      assert.ok((ACTIONS as readonly string[]).includes(cell.action), `${reason}/${cls}`);
      assert.ok(cell.bounce === null || (BOUNCES as readonly string[]).includes(cell.bounce), `${reason}/${cls}`);
      assert.ok(cell.advice.length > 10 && cell.advice.endsWith('.'), `${reason}/${cls}: ${cell.advice}`);
    }
  });

  it('says do-not-retry exactly when the bounce is hard', () => {
    for (const { reason, cls, cell } of cells) assert.equal(cell.action === 'do-not-retry', cell.bounce === 'hard', `${reason}/${cls}`);
  });

  it('calls a bounce hard only when the address itself is bad, and a 5XX about the address always hard', () => {
    for (const { reason, cls, cell } of cells) if (cell.bounce === 'hard') assert.ok(ADDRESS_REASONS.includes(reason), `${reason}/${cls}`);
    for (const reason of ADDRESS_REASONS) assert.equal(REASONS[reason].permanent.bounce, 'hard', reason);
  });

  it('keeps the address on a 4XX, except where the domain says it never accepts mail', () => {
    for (const reason of REASON_IDS) {
      if (NOT_FAILURES.includes(reason) || reason === 'domain-not-accepting') continue;
      assert.equal(REASONS[reason].transient.bounce, 'soft', reason);
    }
  });

  it('gives no bounce to what is not a failure, and none to a text that says nothing', () => {
    for (const reason of NOT_FAILURES) for (const cls of FAILURE_CLASSES) assert.equal(REASONS[reason][cls].bounce, null, reason);
    assert.deepEqual([REASONS.unknown.unknown.action, REASONS.unknown.unknown.bounce], ['none', null]);
    for (const { reason, cls, cell } of cells) if (!NOT_FAILURES.includes(reason) && !(reason === 'unknown' && cls === 'unknown')) assert.notEqual(cell.bounce, null, `${reason}/${cls}`);
  });

  it('makes every 5XX with a cause on the sender\'s side fix-and-retry', () => {
    for (const reason of SENDER_SIDE) assert.equal(REASONS[reason].permanent.action, 'fix-and-retry', reason);
  });

  it('retries a 5XX full or disabled mailbox hours to days apart, a few times, then stops, and says so', () => {
    for (const reason of MAY_CLEAR) {
      const cell = REASONS[reason].permanent;
      assert.equal(cell.action, 'retry', reason);
      assert.equal(cell.bounce, 'soft', reason);
      assert.ok(cell.retry, reason);
      const plan = RETRY_PLANS[cell.retry];
      assert.ok(plan.firstMinutes >= 60, `${reason}: first wait ${plan.firstMinutes} min is not hours`);
      assert.ok(plan.attempts <= 5, `${reason}: ${plan.attempts} attempts is not "a few"`);
      assert.ok(plan.giveUpHours >= 48, `${reason}: gives up after ${plan.giveUpHours} h, not days`);
      assert.match(cell.advice, /hours/);
      assert.match(cell.advice, /stop/);
    }
  });

  it('gives a retry plan to retry and slow-down, and to nothing else', () => {
    for (const { reason, cls, cell } of cells) {
      assert.equal(cell.retry !== undefined, cell.action === 'retry' || cell.action === 'slow-down', `${reason}/${cls}`);
    }
  });

  it('never retries a 5XX on the minutes-apart schedule of a deferral, except greylisting and rate limits', () => {
    for (const reason of REASON_IDS) {
      const cell = REASONS[reason].permanent;
      if (cell.retry && reason !== 'greylisted' && reason !== 'rate-limited') assert.equal(cell.retry, 'long', reason);
    }
  });

  it('never advises giving up on a recipient for a failure that words alone call temporary', () => {
    for (const reason of ['network', 'server-error', 'server-unavailable', 'greylisted', 'rate-limited'] as const) {
      assert.notEqual(REASONS[reason].unknown.action, 'do-not-retry', reason);
    }
  });
});

describe('explain: bounce, action and retry schedule from the table', () => {
  const cases: { reply: string; cls: ReplyClass; bounce: string | null; action: string }[] = [
    { reply: '550 5.1.1 <jane@example.com>: Recipient address rejected: User unknown in local recipient table', cls: 'permanent', bounce: 'hard', action: 'do-not-retry' },
    { reply: '550 5.1.2 Host unknown', cls: 'permanent', bounce: 'hard', action: 'do-not-retry' },
    { reply: '556 5.1.10 Recipient address has null MX', cls: 'permanent', bounce: 'hard', action: 'do-not-retry' },
    { reply: '450 4.1.1 <jane@example.com>: Recipient address rejected: User unknown (temporary directory failure)', cls: 'transient', bounce: 'soft', action: 'retry' },
    { reply: '552 5.2.2 <jane@example.com>... Mailbox full', cls: 'permanent', bounce: 'soft', action: 'retry' },
    { reply: '550 5.2.1 The email account that you tried to reach is disabled.', cls: 'permanent', bounce: 'soft', action: 'retry' },
    { reply: '550 5.7.26 Unauthenticated email from example.com is not accepted due to domain\'s DMARC policy.', cls: 'permanent', bounce: 'soft', action: 'fix-and-retry' },
    { reply: '554 5.7.1 Message rejected as spam', cls: 'permanent', bounce: 'soft', action: 'fix-and-retry' },
    { reply: '550 5.7.1 Message rejected for policy reasons', cls: 'permanent', bounce: 'soft', action: 'fix-and-retry' },
    { reply: '421 4.7.0 Try again later, closing connection.', cls: 'transient', bounce: 'soft', action: 'slow-down' },
    { reply: '250 2.0.0 Ok: queued as 4Tq1x2', cls: 'success', bounce: null, action: 'none' },
    { reply: '354 End data with <CR><LF>.<CR><LF>', cls: 'intermediate', bounce: null, action: 'continue' },
    { reply: 'GET / HTTP/1.1', cls: 'unknown', bounce: null, action: 'none' },
  ];
  for (const c of cases) {
    it(`${c.reply.slice(0, 80)} → ${c.bounce} / ${c.action}`, () => {
      const e = explain(c.reply);
      assert.equal(e.class, c.cls);
      assert.equal(e.bounce, c.bounce, e.reasonWhy);
      assert.equal(e.action, c.action);
      assert.deepEqual({ action: e.action, bounce: e.bounce, advice: e.advice }, (({ action, bounce, advice }) => ({ action, bounce, advice }))(responseFor(e.class, e.reason)));
    });
  }

  it('writes a long schedule in hours, and a deferral\'s in minutes', () => {
    const full = explain('552 5.2.2 Mailbox full');
    assert.ok(full.retry);
    assert.deepEqual(full.retry.delaysMinutes, [360, 720, 1440, 2880]);
    assert.match(full.retry.description, /after 6, 12, 24, 48 hours .*4 attempts or 4 days/);
    const later = explain('451 4.3.0 Temporary local problem');
    assert.ok(later.retry);
    assert.match(later.retry.description, /after 1, 2, 4, 8, 16, 32, 64, 128 minutes .*8 attempts or 24 hours/);
  });

  it('says hard or soft in the Markdown of the hover and the command, and nothing for a success', () => {
    assert.match(renderMarkdown(explain('550 5.1.1 User unknown')), /\*\*What to do:\*\* Do not retry — hard bounce: remove this address\./);
    assert.match(renderMarkdown(explain('550 5.1.1 User unknown')), /bounce `hard`/);
    assert.match(renderMarkdown(explain('552 5.2.2 Mailbox full')), /\*\*What to do:\*\* [^\n]* — soft bounce: keep the address\./);
    assert.doesNotMatch(renderMarkdown(explain('250 2.0.0 OK')), /Bounce/);
    assert.equal(explanationFacts(explain('250 2.0.0 OK')).bounce, null);
  });
});

describe('explain: generic words against the enhanced code\'s subject', () => {
  it('"Unknown user" with X.2.0 (mailbox status: the mailbox exists) is a filter\'s refusal, soft', () => {
    const e = explain('550 5.2.0 Unknown user taro@docomo.example.jp');
    assert.equal(e.reason, 'policy');
    assert.equal(e.bounce, 'soft');
    assert.match(e.reasonWhy, /enhanced code 5\.2\.0 says the mailbox exists/);
  });

  it('not with X.2.1: "550 5.2.1 <a@b>... User Unknown" keeps its meaning, and a provider\'s own sentence is never overruled', () => {
    assert.equal(explain('550 5.2.1 <taro@example.jp>... User Unknown').reason, 'user-unknown');
    assert.equal(explain('550 5.1.1 User unknown').bounce, 'hard');
  });

  it('the stage a wrapped bounce line names is read across the line break', () => {
    const e = explain('550 Unknown user taro@docomo.example.jp (in reply to end of DATA\ncommand)');
    assert.equal(e.reason, 'policy');
  });
});
