import { strict as assert } from 'assert';
import { existsSync } from 'fs';
import { join } from 'path';
import { findingSummary } from '../../src/core/pointOfView';
import type { ReasonId, ReplyClass } from '../../src/core/vocabulary';
import { FIXTURES, lineWith, onLine, scanFile, sliceRange, type Scanned } from './fixtures/scan/support';
import { CORPUS, hasCorpus } from '../support/corpus';

// Exim's server-side refusals: logged mostly without the code Exim sent (`rejected RCPT <a@b>: Unknown
// user`). They are findings all the same: inbound, of the class the words `rejected` / `temporarily
// rejected` give, with the reason their words say.


interface Refusal {
  at: string;
  /** The text the finding covers. */
  covers: string;
  cls: ReplyClass;
  reason: ReasonId;
  recipient?: string | null;
  code?: number | null;
}

function check(s: Scanned, r: Refusal): void {
  const line = lineWith(s, r.at);
  const here = onLine(s, line);
  assert.equal(here.length, 1, `one finding on line ${line + 1}: ${s.lines[line]}`);
  const f = here[0];
  assert.equal(sliceRange(s.lines, f.range), r.covers);
  assert.equal(f.format, 'exim');
  assert.equal(f.direction, 'inbound');
  assert.equal(f.explanation.class, r.cls);
  assert.equal(f.explanation.reason, r.reason);
  assert.equal(f.explanation.code, r.code ?? null);
  if (r.recipient !== undefined) assert.equal(f.recipient, r.recipient);
}

describe('Exim: refusals by this server, with or without a code', () => {
  const s = scanFile(join(FIXTURES, 'exim-refusals.log'));
  const cases: Refusal[] = [
    { at: 'rejected RCPT <nobody@example.org>: Unknown user', covers: 'rejected RCPT <nobody@example.org>: Unknown user', cls: 'permanent', reason: 'user-unknown', recipient: 'nobody@example.org' },
    { at: 'relay not permitted', covers: 'rejected RCPT <x@example.net>: relay not permitted', cls: 'permanent', reason: 'relay-denied', recipient: 'x@example.net' },
    // The verification names the sender, not a recipient: its cause ("Unrouteable address") is the sender's.
    { at: 'sender verify fail for', covers: 'sender verify fail for <ghost@invalid.example>: Unrouteable address', cls: 'permanent', reason: 'sender-rejected', recipient: null },
    { at: ': Sender verify failed', covers: 'rejected RCPT <bob@example.org>: Sender verify failed', cls: 'permanent', reason: 'sender-rejected' },
    { at: 'temporarily rejected', covers: 'temporarily rejected RCPT <bob@example.org>: Could not complete sender verify', cls: 'transient', reason: 'sender-rejected' },
    { at: 'rejected after DATA', covers: 'rejected after DATA: This message contains a virus (Eicar-Test-Signature)', cls: 'permanent', reason: 'virus' },
    { at: 'rejected EHLO', covers: 'rejected EHLO from (ylmf-pc) [203.0.113.9]: syntactically invalid argument(s): ylmf pc', cls: 'permanent', reason: 'protocol' },
    { at: 'rejected connection in "connect" ACL', covers: 'rejected connection in "connect" ACL', cls: 'permanent', reason: 'unknown' },
    // No words at all: a refusal all the same, with no specific reason given.
    { at: '10:15:13', covers: 'rejected RCPT <b@example.org>', cls: 'permanent', reason: 'unknown', recipient: 'b@example.org' },
    { at: 'in a black list at', covers: 'rejected RCPT <b@example.org>: rejected because 192.0.2.20 is in a black list at zen.spamhaus.org', cls: 'permanent', reason: 'blocklisted' },
    // With a code, the reply is the finding (as before), and it is inbound too.
    { at: 'Blocked by policy', covers: '550 5.7.1 Blocked by policy', cls: 'permanent', reason: 'policy', code: 550 },
    { at: 'fixed_login authenticator failed', covers: '535 Incorrect authentication data', cls: 'permanent', reason: 'auth-failed', code: 535 },
    { at: 'message too big', covers: 'rejected MAIL <big@example.com>: message too big: size=99999999 max=52428800', cls: 'permanent', reason: 'message-too-large' },
    // A rejectlog entry: the rejection line, then the message's header lines (no findings of their own).
    { at: '10:15:18', covers: 'rejected RCPT <bob@example.org>: Unknown user', cls: 'permanent', reason: 'user-unknown' },
  ];
  for (const c of cases) it(`${c.covers.slice(0, 70)}: ${c.cls} ${c.reason}`, () => check(s, c));

  it('the header lines of a rejectlog entry are no refusals', () => {
    for (const at of ['Envelope-from:', 'Envelope-to:', 'P Received:']) assert.deepEqual(onLine(s, lineWith(s, at)), [], at);
  });

  it('a remote server\'s refusal quoted on a delivery line stays outbound', () => {
    const [f] = onLine(s, lineWith(s, 'Message rejected as spam'));
    assert.equal(f.direction, 'outbound');
    assert.equal(sliceRange(s.lines, f.range), '550 5.7.1 Message rejected as spam');
  });

  it('the same words on a line that is not Exim\'s are not read', () => {
    assert.deepEqual(onLine(s, lineWith(s, 'the request was rejected')), []);
  });
});

describe('Exim: the fail2ban sample', () => {
  const file = join(CORPUS, 'exim/fail2ban-exim.log');
  let s: Scanned;
  before(function () {
    if (!hasCorpus() || !existsSync(file)) this.skip();
    s = scanFile(file);
  });

  it('every authenticator failure is an inbound auth-failed refusal, advised to the operator', () => {
    const lines = s.lines.flatMap((l, i) => (/authenticator failed for /.test(l) && !l.startsWith('#') ? [i] : []));
    assert.ok(lines.length >= 12, `${lines.length} authenticator lines`);
    for (const i of lines) {
      const [f] = onLine(s, i);
      assert.ok(f, `a finding on line ${i + 1}`);
      assert.equal(f.direction, 'inbound');
      assert.equal(f.explanation.reason, 'auth-failed');
      const summary = findingSummary(f);
      assert.match(summary, /refused by this server \(inbound\)/);
      assert.doesNotMatch(summary, /fix on your side|app password/);
    }
  });

  it('the refusals without a code are findings: rejected RCPT, relay not permitted, sender verify fail', () => {
    const expected: [string, ReasonId][] = [
      ['rejected RCPT <oksana@birzhatm.ua>: Unknown user', 'user-unknown'],
      ['rejected RCPT dir@ml3.ru: relay not permitted', 'relay-denied'],
      ['rejected RCPT <locus@leone.tld>: relay not permitted', 'relay-denied'],
      ['sender verify fail for <user@example.com>: Unrouteable address', 'sender-rejected'],
      ['rejected RCPT <ruslan@maslovskiy.com.ua>: Sender verify failed', 'sender-rejected'],
    ];
    for (const [at, reason] of expected) {
      const [f] = onLine(s, lineWith(s, at));
      assert.ok(f, at);
      assert.equal(sliceRange(s.lines, f.range), at);
      assert.deepEqual([f.direction, f.explanation.class, f.explanation.reason, f.codeRange], ['inbound', 'permanent', reason, null], at);
    }
  });

  it('lines that refuse nothing get nothing: protocol chatter, "no MAIL in SMTP connection"', () => {
    for (const at of ['no MAIL in SMTP connection from [122.165.71.116]:2056', 'no host name found for IP address 192.0.2.8']) {
      const line = s.lines.findIndex((l) => l.includes(at) && !l.startsWith('#'));
      assert.deepEqual(onLine(s, line), [], at);
    }
  });
});
