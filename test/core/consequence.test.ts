import { strict as assert } from 'assert';
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { renderDiagnosticMessage, renderMarkdown } from '../../src/core/render';
import { scan } from '../../src/core/scan';
import type { Finding } from '../../src/core/types';
import { CORPUS, hasCorpus } from '../support/corpus';

// In a dialogue, a reply that only follows from an earlier refusal (`503 5.5.1 RCPT first`, `554 no valid
// recipients` after every RCPT TO was refused) is marked as its consequence, with the line it follows from.


/** The finding whose range starts on the line (0-based) that holds `text`. */
function at(text: string, findings: Finding[], doc: string): Finding {
  const line = doc.split('\n').findIndex((l) => l.includes(text));
  const f = findings.find((x) => x.range.start.line === line);
  assert.ok(f, `a finding on the line with ${JSON.stringify(text)}`);
  return f;
}

function lineOf(doc: string, text: string): number {
  return doc.split('\n').findIndex((l) => l.includes(text));
}

describe('consequences: replies that only follow from an earlier refusal', () => {
  it('a DATA refused after every RCPT TO was refused follows from the last refusal', () => {
    const doc = [
      'S: 220 mx.example.net ESMTP',
      'C: EHLO client.example.com',
      'S: 250 mx.example.net',
      'C: MAIL FROM:<alice@example.com>',
      'S: 250 2.1.0 Ok',
      'C: RCPT TO:<nobody@example.net>',
      'S: 550 5.1.1 <nobody@example.net>: Recipient address rejected: User unknown',
      'C: RCPT TO:<gone@example.net>',
      'S: 550 5.1.1 <gone@example.net>: Recipient address rejected: User unknown',
      'C: DATA',
      'S: 554 5.5.1 Error: no valid recipients',
      'C: QUIT',
      'S: 221 2.0.0 Bye',
    ].join('\n');
    const found = scan(doc);
    const data = at('no valid recipients', found, doc);
    assert.deepEqual(data.consequenceOf, { line: lineOf(doc, '<gone@example.net>: Recipient') });
    for (const f of found.filter((x) => x !== data)) assert.equal(f.consequenceOf, null, f.replyText);
    // The refusals themselves are failures of their own, with their recipients.
    assert.equal(at('<nobody@example.net>: Recipient', found, doc).recipient, 'nobody@example.net');
  });

  it('its explanation says which line it follows from; the refusal is still explained as itself', () => {
    const doc = 'C: MAIL FROM:<a@example.com>\nS: 250 Ok\nC: RCPT TO:<b@example.net>\nS: 550 5.7.1 Relay access denied\nC: DATA\nS: 503 5.5.1 Error: need RCPT command';
    const [, , follows] = scan(doc);
    assert.deepEqual(follows.consequenceOf, { line: 3 });
    const md = renderMarkdown(follows.explanation, follows);
    assert.match(md, /Follows from line 4/);
    assert.doesNotMatch(renderMarkdown(follows.explanation), /Follows from/, 'without its context, no such line');
    assert.match(renderDiagnosticMessage(follows), /^503 5\.5\.1 protocol/);
  });

  it('not a consequence: a DATA refused although a recipient was accepted, or a 503 with no refusal before it', () => {
    const accepted = scan('C: MAIL FROM:<a@example.com>\nS: 250 Ok\nC: RCPT TO:<b@example.net>\nS: 250 Ok\nC: RCPT TO:<c@example.net>\nS: 550 5.1.1 User unknown\nC: DATA\nS: 554 5.7.1 Message refused');
    assert.deepEqual(accepted.map((f) => f.consequenceOf), [null, null, null, null]);
    // The client skipped RCPT TO: its own bug, not a knock-on effect.
    const skipped = scan('C: MAIL FROM:<a@example.com>\nS: 250 Ok\nC: DATA\nS: 503 5.5.1 Error: need RCPT command');
    assert.deepEqual(skipped.map((f) => f.consequenceOf), [null, null]);
  });

  it('after a refused MAIL FROM, what the client sends next follows from it', () => {
    const doc = 'C: MAIL FROM:<spammer@example.com>\nS: 550 5.7.1 Sender rejected\nC: RCPT TO:<b@example.net>\nS: 503 5.5.1 Error: need MAIL command\nC: DATA\nS: 503 5.5.1 Error: need RCPT command';
    const found = scan(doc);
    assert.deepEqual(found.map((f) => f.consequenceOf), [null, { line: 1 }, { line: 1 }]);
  });

  it('RSET and a new MAIL FROM start a new transaction', () => {
    const doc = [
      'C: MAIL FROM:<a@example.com>', 'S: 250 Ok', 'C: RCPT TO:<b@example.net>', 'S: 550 5.1.1 User unknown', 'C: RSET', 'S: 250 Ok',
      'C: MAIL FROM:<a@example.com>', 'S: 250 Ok', 'C: DATA', 'S: 503 5.5.1 Error: need RCPT command',
    ].join('\n');
    assert.equal(scan(doc).pop()!.consequenceOf, null);
  });

  it('unmarked (telnet) and swaks-style dialogues too', () => {
    const telnet = 'EHLO client.example.com\n250 mx.example.net\nMAIL FROM:<a@example.com>\n250 2.1.0 Ok\nRCPT TO:<b@example.net>\n550 5.1.1 <b@example.net>: User unknown\nDATA\n554 5.5.1 Error: no valid recipients';
    assert.deepEqual(scan(telnet).pop()!.consequenceOf, { line: 5 });
    const swaks = ' -> MAIL FROM:<a@example.com>\n<-  250 2.1.0 Ok\n -> RCPT TO:<b@example.net>\n<** 550 5.1.1 <b@example.net>: User unknown\n -> DATA\n<** 503 5.5.1 Error: need RCPT command';
    assert.deepEqual(scan(swaks).pop()!.consequenceOf, { line: 3 });
  });

  it('a bounce quoting the session (Sendmail, Gmail 5.2.1): the 503 RCPT first follows from the 550 5.2.1', function () {
    const file = join(CORPUS, 'bounces/rhost-google-01.eml');
    if (!hasCorpus() || !existsSync(file)) this.skip();
    const doc = readFileSync(file, 'utf8');
    const found = scan(doc);
    const rcptFirst = at('<<< 503 5.5.1 RCPT first', found, doc);
    assert.deepEqual(rcptFirst.consequenceOf, { line: lineOf(doc, '<<< 550 5.2.1') });
    assert.equal(found.filter((f) => f.consequenceOf).length, 1);
  });

  it('replies outside dialogues are never consequences', () => {
    const log = 'Nov 29 10:00:01 mx postfix/smtp[2]: CD34: to=<b@example.com>, relay=mx.example.com[192.0.2.1]:25, delay=1, delays=0/0/0/1, dsn=5.5.1, status=bounced (host mx.example.com[192.0.2.1] said: 554 5.5.1 Error: no valid recipients (in reply to DATA command))';
    assert.equal(scan(log)[0].consequenceOf, null);
  });
});
