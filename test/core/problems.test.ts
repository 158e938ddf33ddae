import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { createProblemScan, createScanner, scan, type Problem } from '../../src/core';

// One problem per recipient, for what finally became of it (issue 10): a deferral the same file later delivered is
// no warning; a recipient deferred, then bounced, is one error with its earlier attempts beside it.

/** The problems of a document; `reread`: as the editor runs it, the flow keeping line numbers, not replies. */
function problemsOf(text: string, reread = false): Problem[] {
  const out: Problem[] = [];
  const lines = text.split('\n');
  const scanner = createScanner(reread ? { facts: false, failuresOnly: true, expiryCauses: false } : {});
  const tracked = createProblemScan((p) => out.push(p), { referenceTime: Date.UTC(2026, 11, 1), ...(reread ? { lineAt: (n: number) => lines[n] } : {}) });
  for (const line of lines) tracked.push(line, scanner.push(line));
  tracked.end(scanner.end());
  return out.sort((a, b) => a.range.start.line - b.range.start.line);
}

const LOG = readFileSync(join(__dirname, 'fixtures/problems/postfix-outcomes.log'), 'utf8').replace(/\n$/, '');
const line = (p: Problem) => p.range.start.line + 1;
const lineOf = (needle: string) => LOG.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('problems: one per recipient, for its final outcome', () => {
  const all = problemsOf(LOG);
  const kinds = (k: Problem['kind']) => all.filter((p) => p.kind === k);

  it('a deferral delivered later in the file is no failure: a hint on the deferral that names the line of the delivery', () => {
    const ann = all.filter((p) => p.finding.recipient === 'ann@example.net');
    assert.deepEqual(ann.map((p) => p.kind), ['delivered-later']);
    assert.equal(line(ann[0]), lineOf('to=<ann@example.net>, relay=mx.example.net[198.51.100.5]:25, delay=1,'));
    assert.match(ann[0].message, new RegExp(`deferred, delivered at line ${lineOf('to=<ann@example.net>, relay=mx.example.net[198.51.100.5]:25, delay=362')}`));
  });

  it('a recipient deferred twice, then bounced, is one permanent problem on the bounce, its deferrals related', () => {
    const bob = all.filter((p) => p.finding.recipient === 'bob@example.net' && p.kind === 'outcome');
    assert.equal(bob.length, 1);
    assert.equal(bob[0].class, 'permanent');
    assert.equal(line(bob[0]), lineOf('status=bounced'));
    assert.match(bob[0].message, /^552 5\.2\.2 mailbox full — .*bounced after 2 deferrals$/);
    assert.deepEqual(bob[0].related.map((r) => r.range.start.line + 1), [lineOf('dsn=4.2.2, status=deferred'), LOG.split('\n').findIndex((l, i) => i + 1 > lineOf('dsn=4.2.2, status=deferred') && l.includes('dsn=4.2.2, status=deferred')) + 1]);
    assert.ok(bob[0].related.every((r) => /^deferred \(line \d+\): 452 4\.2\.2 mailbox full$/.test(r.message)), JSON.stringify(bob[0].related));
  });

  it('a delivered recipient that was never deferred has no problem at all', () => {
    assert.deepEqual(all.filter((p) => p.finding.recipient === 'carl@example.com'), []);
  });

  it('a refusal before queueing is a problem as it is read (inbound)', () => {
    const dan = all.filter((p) => p.finding.recipient === 'dan@example.org');
    assert.deepEqual(dan.map((p) => [p.kind, p.finding.direction, p.class]), [['failure', 'inbound', 'permanent']]);
  });

  it('a recipient still deferred where the file ends is one transient problem on its last deferral', () => {
    const eve = all.filter((p) => p.finding.recipient === 'eve@example.com' && p.kind === 'outcome');
    assert.equal(eve.length, 1);
    assert.equal(eve[0].class, 'transient');
    assert.equal(line(eve[0]), LOG.split('\n').length);
    assert.match(eve[0].message, /still deferred where the file ends \(3 attempts\)/);
    assert.equal(eve[0].related.length, 2);
  });

  it('retries every 10 s of a connection failure are reviewed as too fast, on the attempts that broke the rule', () => {
    const review = kinds('retry-review').filter((p) => p.finding.recipient === 'eve@example.com');
    assert.ok(review.length >= 1);
    assert.match(review[0].message, /Retry review \(too-fast\) for eve@example\.com/);
  });

  it('without the flow (the same lines, one by one), every deferral would have been a problem: the count drops', () => {
    const perLine = scan(LOG).filter((f) => f.explanation.class === 'permanent' || f.explanation.class === 'transient');
    const failures = all.filter((p) => p.kind === 'failure' || p.kind === 'outcome');
    assert.equal(perLine.length, 8);
    assert.equal(failures.length, 3);
  });
});

describe('problems: replies no recipient\'s trail holds', () => {
  it('a transcript\'s failures are problems as they are read; its successes and consequences are none', () => {
    const t = ['220 mx.example.net ESMTP', 'EHLO client.example.org', '250 mx.example.net', 'MAIL FROM:<a@example.org>', '250 2.1.0 Ok',
      'RCPT TO:<b@example.net>', '550 5.1.1 <b@example.net>: Recipient address rejected: User unknown', 'DATA', '554 5.5.1 Error: no valid recipients'].join('\n');
    const ps = problemsOf(t);
    assert.deepEqual(ps.map((p) => [p.kind, line(p), p.finding.recipient]), [['failure', 7, 'b@example.net']]);
  });

  it('a reply still open when the document ends is read too', () => {
    const ps = problemsOf('220 mx.example.net ESMTP\nRCPT TO:<b@example.net>\n550-5.1.1 The email account that you tried to reach does not exist.');
    assert.deepEqual(ps.map((p) => p.finding.explanation.reason), ['user-unknown']);
  });
});

describe('problems: the retry review', () => {
  it('is one entry per recipient, on the first attempt that broke the rule, the others related', () => {
    const all = problemsOf(LOG).filter((p) => p.kind === 'retry-review' && p.finding.recipient === 'eve@example.com');
    assert.equal(all.length, 1);
    assert.equal(all[0].related.length, 1);
    assert.ok(all[0].related[0].range.start.line > all[0].range.start.line);
  });
});

describe('problems: as the editor runs it (replies read again from their lines)', () => {
  const shape = (ps: Problem[]) => ps.map((p) => JSON.stringify([p.kind, p.class, p.range, p.message, p.related.map((r) => [r.range, r.message]), p.finding.explanation.reason]));

  it('gives the same problems, ranges, messages and related lines as keeping the replies', () => {
    const kept = shape(problemsOf(LOG));
    assert.ok(kept.length >= 6);
    assert.deepEqual(shape(problemsOf(LOG, true)), kept);
  });

  it('an expiry read again still names the cause its last deferral gave (the scanner reads them in order)', () => {
    const log = [
      'Nov 29 11:00:02 mx1 postfix/smtp[2140]: 7A7B7C7D7E: to=<eve@example.com>, relay=mx.example.com[203.0.113.9]:25, delay=1, delays=0.1/0/1/0, dsn=4.2.2, status=deferred (host mx.example.com[203.0.113.9] said: 452 4.2.2 <eve@example.com>: Mailbox full (in reply to RCPT TO command))',
      'Nov 29 12:00:02 mx1 postfix/smtpd[2150]: connect from client.example.org[192.0.2.10]',
      'Dec  4 11:00:03 mx1 postfix/qmgr[2103]: 7A7B7C7D7E: from=<shop@example.org>, status=expired, returned to sender',
    ].join('\n');
    for (const reread of [false, true]) {
      const [p] = problemsOf(log, reread).filter((x) => x.kind === 'outcome');
      assert.equal(p.range.start.line, 2, `reread ${reread}`);
      assert.equal(p.finding.explanation.reason, 'mailbox-full', `reread ${reread}`);
      assert.match(p.message, /expired in the queue after 1 deferral$/);
    }
  });
});
