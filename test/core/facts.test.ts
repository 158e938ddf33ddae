import { strict as assert } from 'assert';
import { factAt, factMeaning } from '../../src/core/facts';
import { renderFindingMarkdown } from '../../src/core/render';
import { scan } from '../../src/core/scan';
import type { Fact, Finding } from '../../src/core/types';

// Outcome facts a log writes beside a reply (and the grammar colours): each has its range, and explains itself.

function facts(f: Finding, lines: string[]): [string, string][] {
  return f.facts.map((x) => {
    assert.equal(x.range.start.line, x.range.end.line);
    assert.equal(lines[x.range.start.line].slice(x.range.start.character, x.range.end.character), x.text, 'the range covers the text');
    return [x.kind, x.text];
  });
}

const POSTFIX = 'Nov 29 10:00:01 mx postfix/smtp[2204]: CD34: to=<jane@example.com>, relay=mx.example.com[203.0.113.5]:25, delay=0.5, delays=0.01/0/0.2/0.3, dsn=5.1.1, status=bounced (host mx.example.com[203.0.113.5] said: 550 5.1.1 <jane@example.com>: User unknown (in reply to RCPT TO command))';
const POSTFIX_LOCAL = 'Nov 29 10:00:02 mx postfix/local[2205]: EF56: to=<joe@example.com>, relay=local, delay=0.1, delays=0.05/0/0/0.05, dsn=5.1.1, status=bounced (unknown user: "joe")';
const EXIM = '2024-03-01 10:15:06 1rfzQx-000Abc-7H ** bob@example.net R=dnslookup T=remote_smtp H=mx.example.net [192.0.2.5]: SMTP error from remote mail server after RCPT TO:<bob@example.net>: 550 5.1.1 User unknown';
const EXIM_DEFERRED = '2024-03-01 10:15:07 1rfzQy-000Abc-8J == slow@example.org R=dnslookup T=remote_smtp defer (-44) H=mx.example.org [192.0.2.6]: SMTP error from remote mail server after RCPT TO:<slow@example.org>: 451 4.7.1 Greylisted, try again later';
const SENDMAIL = 'Mar  1 10:00:00 host sendmail[1]: x1: to=<a@example.com>, delay=00:00:01, mailer=esmtp, pri=1, relay=mx.example.com. [192.0.2.1], dsn=4.0.0, stat=Deferred: 451 4.3.5 Server configuration problem';
const DSN = [
  'Final-Recipient: rfc822; bob@example.net',
  'Action: failed',
  'Status: 5.2.1',
  'Diagnostic-Code: smtp; 550 5.2.1 The email account that you tried to reach is disabled.',
];

describe('outcome facts beside a reply', () => {
  it('Postfix: status= and dsn=, on a relayed reply and on a local delivery', () => {
    const [f] = scan(POSTFIX);
    assert.deepEqual(facts(f, [POSTFIX]), [['status', 'status=bounced'], ['dsn', 'dsn=5.1.1']]);
    const [local] = scan(POSTFIX_LOCAL);
    assert.deepEqual(facts(local, [POSTFIX_LOCAL]), [['status', 'status=bounced'], ['dsn', 'dsn=5.1.1']]);
  });

  it('Exim: the delivery flag', () => {
    assert.deepEqual(facts(scan(EXIM)[0], [EXIM]), [['flag', '**']]);
    assert.deepEqual(facts(scan(EXIM_DEFERRED)[0], [EXIM_DEFERRED]), [['flag', '==']]);
  });

  it('Sendmail: stat= and dsn=', () => {
    assert.deepEqual(facts(scan(SENDMAIL)[0], [SENDMAIL]), [['stat', 'stat=Deferred'], ['dsn', 'dsn=4.0.0']]);
  });

  it("a DSN block: its Action: and Status: lines belong to the block's one finding", () => {
    const found = scan(DSN.join('\n'));
    assert.equal(found.length, 1);
    assert.deepEqual(facts(found[0], DSN), [['dsn-action', 'Action: failed'], ['dsn-status', 'Status: 5.2.1']]);
    assert.deepEqual(found[0].facts.map((x) => x.range.start.line), [1, 2]);
    // A block with no Diagnostic-Code: its Status: is the finding, and still carries both facts.
    const held = scan(DSN.slice(0, 3).join('\n'));
    assert.deepEqual(facts(held[0], DSN), [['dsn-action', 'Action: failed'], ['dsn-status', 'Status: 5.2.1']]);
  });

  it("a second DSN block does not inherit the first block's facts", () => {
    const two = [...DSN, '', 'Final-Recipient: rfc822; carol@example.net', 'Action: delayed', 'Status: 4.4.1', 'Diagnostic-Code: smtp; 451 4.4.1 No answer from host'];
    const found = scan(two.join('\n'));
    assert.equal(found.length, 2);
    assert.deepEqual(facts(found[1], two), [['dsn-action', 'Action: delayed'], ['dsn-status', 'Status: 4.4.1']]);
  });

  it('a reply of a dialogue has no facts', () => {
    assert.deepEqual(scan('S: 550 5.1.1 User unknown')[0].facts, []);
  });

  it('each fact explains itself', () => {
    const meaning = (kind: Fact['kind'], text: string) => factMeaning({ kind, text, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } });
    assert.match(meaning('status', 'status=bounced'), /gave up on this recipient/);
    assert.match(meaning('status', 'status=deferred'), /queue/);
    assert.match(meaning('status', 'status=SOFTBOUNCE'), /soft_bounce/);
    assert.match(meaning('flag', '**'), /for good/);
    assert.match(meaning('flag', '=='), /retried/);
    assert.match(meaning('flag', '=>'), /delivered/);
    assert.match(meaning('stat', 'stat=Deferred'), /retried/);
    assert.match(meaning('stat', 'stat=User unknown'), /reason/);
    assert.match(meaning('dsn', 'dsn=5.7.1'), /5\.7\.1, "Delivery not authorized, message refused"/);
    assert.match(meaning('dsn-status', 'Status: 5.2.1'), /5\.2\.1, "Mailbox disabled, not accepting messages"/);
    assert.match(meaning('dsn-action', 'Action: failed'), /RFC 3464.*gave up/);
    assert.match(meaning('dsn-action', 'Action: delayed'), /keeps trying/);
  });

  it('the hover on a fact: the fact first, then the reply it belongs to', () => {
    const [f] = scan(POSTFIX);
    const fact = factAt(f.facts, { line: 0, character: POSTFIX.indexOf('status=bounced') + 3 });
    assert.equal(fact?.text, 'status=bounced');
    assert.equal(factAt(f.facts, { line: 0, character: POSTFIX.indexOf('relay=') }), undefined);
    const md = renderFindingMarkdown(f, fact);
    assert.ok(md.startsWith('**status=bounced** — Postfix gave up'), md.slice(0, 80));
    assert.match(md, /550 5\.1\.1 — Permanent failure/);
  });
});
