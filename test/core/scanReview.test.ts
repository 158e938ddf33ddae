import { strict as assert } from 'assert';
import { join } from 'path';
import { createScanner, scan } from '../../src/core/scan';
import type { Finding, Range } from '../../src/core/types';
import { FIXTURES, lineWith, scanFile, sliceRange, type Scanned } from './fixtures/scan/support';

// Bugs found in review: a DSN block reported twice (its Status and its Diagnostic-Code), and a reply quoted in
// the message body of an unmarked dialogue taken for a reply.

function at(s: Scanned, f: Finding): string {
  return sliceRange(s.lines, f.range);
}

function exact(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

describe('scanner review: one finding per DSN recipient block', () => {
  const s = scanFile(join(FIXTURES, 'dsn-three-recipients.eml'));

  it('three recipients give three findings, one each', () => {
    assert.deepEqual(s.findings.map((f) => f.recipient), ['ann@a.example', 'ben@b.example', 'cal@c.example']);
  });

  it('a block with a Diagnostic-Code reports its reply, not its Status', () => {
    const ann = s.findings.filter((f) => f.recipient === 'ann@a.example');
    assert.deepEqual(ann.map((f) => at(s, f)), ['550 5.7.1 <ann@a.example>: Relay access denied']);
    assert.equal(ann[0].range.start.line, lineWith(s, 'Diagnostic-Code: smtp; 550 5.7.1'));
    assert.equal(ann[0].explanation.class, 'permanent');
  });

  it('a folded Diagnostic-Code in a block that the next Final-Recipient ends (no blank line) replaces its Status', () => {
    const ben = s.findings.filter((f) => f.recipient === 'ben@b.example');
    assert.deepEqual(ben.map((f) => f.replyText), ['550-5.1.1 The mailbox does not exist.\n550 5.1.1 Please check the address.']);
  });

  it('a block without a Diagnostic-Code reports its Status, with exact ranges', () => {
    const cal = s.findings.filter((f) => f.recipient === 'cal@c.example');
    assert.equal(cal.length, 1);
    const line = lineWith(s, 'Status: 4.4.7');
    assert.deepEqual(cal[0].range, exact(line, 8, 13));
    assert.deepEqual(cal[0].enhancedRange, exact(line, 8, 13));
    assert.equal(cal[0].codeRange, null);
    assert.equal(cal[0].replyText, '4.4.7');
    assert.deepEqual(cal[0].label && [cal[0].label.text, cal[0].label.class], ['Action: delayed', 'transient']);
  });

  it('a held Status is returned by the blank line that ends its block, or by end()', () => {
    const sc = createScanner();
    assert.deepEqual(sc.push('Final-Recipient: rfc822; cal@c.example'), []);
    assert.deepEqual(sc.push('Action: delayed'), []);
    assert.deepEqual(sc.push('Status: 4.4.7  '), []);
    assert.deepEqual(sc.push('Remote-MTA: dns; mx.c.example'), []);
    const byBlank = sc.push('');
    assert.deepEqual(byBlank.map((f) => [f.replyText, f.range]), [['4.4.7', exact(2, 8, 13)]]);
    assert.deepEqual(sc.push('Final-Recipient: rfc822; dan@d.example'), []);
    assert.deepEqual(sc.push('Status: 5.2.2'), []);
    assert.deepEqual(sc.end().map((f) => [f.replyText, f.recipient, f.range]), [['5.2.2', 'dan@d.example', exact(6, 8, 13)]]);
  });

  it('a Diagnostic-Code before its Status (out of RFC order) is still the only finding', () => {
    const found = scan('Final-Recipient: rfc822; eve@e.example\nAction: failed\nDiagnostic-Code: smtp; 550 5.1.1 No such user\nStatus: 5.1.1\n');
    assert.deepEqual(found.map((f) => f.replyText), ['550 5.1.1 No such user']);
  });

  it('a Diagnostic-Code with no reply in it leaves the Status as the finding', () => {
    const found = scan('Final-Recipient: rfc822; fay@f.example\nAction: failed\nStatus: 4.4.1\nDiagnostic-Code: X-Postfix; connect to mx.f.example: Connection timed out\n');
    assert.deepEqual(found.map((f) => [f.replyText, f.recipient]), [['4.4.1', 'fay@f.example']]);
  });
});

describe('scanner review: the message body of an unmarked dialogue', () => {
  const s = scanFile(join(FIXTURES, 'telnet-data-bounce.txt'));
  const dataLine = lineWith(s, '354 End data');
  const dotLine = s.lines.indexOf('.');

  it('lines of the body that start with a code are no replies', () => {
    assert.ok(dotLine > dataLine);
    const inBody = s.findings.filter((f) => f.range.start.line > dataLine && f.range.start.line < dotLine);
    assert.deepEqual(inBody.map((f) => at(s, f)), []);
  });

  it('the replies after the lone dot are found: the 250 that acknowledges the data, and the 221', () => {
    const after = s.findings.filter((f) => f.range.start.line > dotLine);
    assert.deepEqual(after.map((f) => [at(s, f), f.range.start.line]), [
      ['250 2.0.0 Ok: queued as 4TmX1s0Zz9z9', dotLine + 1],
      ['221 2.0.0 Bye', dotLine + 3],
    ]);
  });

  it('the replies before the body are unchanged', () => {
    const before = s.findings.filter((f) => f.range.start.line <= dataLine);
    assert.deepEqual(before.map((f) => f.replyText), ['220 mx.example.net ESMTP Postfix', '250-mx.example.net\n250 8BITMIME', '250 2.1.0 Ok', '250 2.1.5 Ok', '354 End data with <CR><LF>.<CR><LF>']);
    assert.equal(before[3].recipient, 'bob@example.net');
  });

  it('a dialogue that shows the server side only (exim -bh) has no body: the line after the 354 is its reply', () => {
    const text = ['**** SMTP testing session as if from host V4NET.9.8.7', '220 myhost.test.ex ESMTP Exim', '250 OK', '354 Enter message, ending with "." on a line by itself', '250 OK id=10HmbF-0005vi-00', '221 closing connection'].join('\n');
    assert.deepEqual(scan(text).map((f) => (f.replyText ?? '').slice(0, 6)), ['220 my', '250 OK', '354 En', '250 OK', '221 cl']);
  });

  it('a second message after the dot is read the same way', () => {
    const text = [
      '220 mx.example.net ESMTP', 'MAIL FROM:<a@example.com>', '250 2.1.0 Ok', 'DATA', '354 go ahead', '550 5.7.1 quoted', '.', '250 2.0.0 queued',
      'MAIL FROM:<a@example.com>', '250 2.1.0 Ok', 'DATA', '354 go ahead', '451 4.3.0 quoted too', '.', '451 4.3.0 Try later',
    ].join('\n');
    assert.deepEqual(scan(text).map((f) => f.replyText), ['220 mx.example.net ESMTP', '250 2.1.0 Ok', '354 go ahead', '250 2.0.0 queued', '250 2.1.0 Ok', '354 go ahead', '451 4.3.0 Try later']);
  });
});
