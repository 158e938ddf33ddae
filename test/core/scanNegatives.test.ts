import { strict as assert } from 'assert';
import { join } from 'path';
import { scan } from '../../src/core/scan';
import { CORPUS, hasCorpus } from '../support/corpus';
import { filesUnder, FIXTURES, readText, sliceRange, splitLines } from './fixtures/scan/support';

// Numbers that are not replies: HTTP statuses in web logs, PIDs, ports, sizes, delays, times, IPv6
// addresses, queue ids, Exim's error numbers, DKIM key sizes. A finding in these documents is a bug.

/** Findings that read a code. (Exim's `**`/`==` failures without any code are findings too, but read no number.) */
function findingsOf(file: string): string[] {
  const text = readText(file);
  const lines = splitLines(text);
  return scan(text).filter((f) => f.codeRange || f.enhancedRange).map((f) => `${f.range.start.line + 1}: ${sliceRange(lines, f.range)}`);
}

describe('negatives: documents with no SMTP reply', () => {
  for (const name of ['negative-nginx-access.log', 'negative-apache-combined.log', 'negative-sshd.log', 'negative-kernel.log', 'negative-mail-noise.log', 'negative-ftp-session.txt', 'negative-app.log']) {
    it(`${name}: no finding`, () => {
      const text = readText(join(FIXTURES, name));
      // The fixture does hold the numbers a careless scanner would take for replies.
      assert.match(text, /\b(?:250|421|500|502|550|554)\b/);
      assert.deepEqual(findingsOf(join(FIXTURES, name)), []);
    });
  }

  const quiet = hasCorpus() ? ['fail2ban-dovecot.log', 'fail2ban-cyrus-imap.log', 'fail2ban-perdition.log', 'fail2ban-domino-smtp.log', 'fail2ban-kerio.log', 'fail2ban-courier-auth.log'] : [];
  for (const name of quiet) {
    it(`misc-mta-syslog/${name} (no reply codes, many PIDs and ports): no finding`, () => {
      assert.deepEqual(findingsOf(join(CORPUS, 'misc-mta-syslog', name)), []);
    });
  }

  if (hasCorpus()) it('sendmail/fail2ban-sendmail-auth.log (SASL errors, counts): no finding', () => {
    assert.deepEqual(findingsOf(join(CORPUS, 'sendmail/fail2ban-sendmail-auth.log')), []);
  });

  it('the scanner reports an nginx log line even less when it quotes a reply', () => {
    // Anyone can put `said: 550 5.1.1` in a User-Agent: a line with an HTTP request line is never read.
    assert.deepEqual(scan('192.0.2.25 - - [01/Mar/2024:10:15:06 +0000] "GET /?q=1 HTTP/1.1" 503 421 "-" "said: 550 5.1.1 scanner"'), []);
  });
});

describe('negatives: numbers in mail logs that are not codes', () => {
  const cases: [string, string][] = [
    ['a PID', 'Mar  1 10:15:01 mail postfix/smtpd[550]: connect from unknown[203.0.113.9]'],
    ['a port', 'Mar  1 10:15:02 mail postfix/smtp[421]: connect to mx.example.net[203.0.113.25]:25: Connection refused'],
    ['a port in words', 'Mar  1 10:15:02 host sshd[1]: Failed password for root from 198.51.100.7 port 550 ssh2'],
    ['a size', 'Mar  1 10:15:01 mail postfix/qmgr[250]: 4TmX1s0Zz9z9: from=<a@example.com>, size=550, nrcpt=1 (queue active)'],
    ['a delay', 'Mar  1 10:15:01 mail postfix/smtp[250]: 4TmX1s0Zz9z9: to=<a@example.com>, relay=none, delay=250, delays=250/0/0/0, status=deferred (connect to x[192.0.2.1]:25: Connection refused)'],
    ['an IPv6 address', 'Mar  1 10:15:01 mail postfix/smtpd[1]: connect from unknown[2607:4100:3:25::2]'],
    ['a time', '2024-03-01 10:15:06 1rg4Ah-000550-25 Completed QT=1.250s'],
    ['DKIM bits', '1999-03-02 09:44:33 10HmaY-000000005vi-0000 signer: test.ex bits: 253'],
    ['a queue id of digits', 'Mar  1 10:15:01 mail postfix/cleanup[1]: 550ABC421: message-id=<250.550@example.com>'],
    ['a count', 'Mar  1 10:15:03 mail postfix/smtpd[1]: warning: Message delivery request rate limit exceeded: 334 from spam.example.com[192.0.2.227] for service submission'],
    ['a reply-like line in a document that is no dialogue', '550 apples and 250 oranges'],
    ['a status word that is not Postfix\'s', 'GET /x?status=sent&dsn=5.1.1 done'],
  ];
  for (const [what, line] of cases) it(`${what}: no finding`, () => assert.deepEqual(scan(line), []));

  it('an Exim error number is no code: the deferral it explains is reported without one', () => {
    const found = scan('2024-03-01 10:15:06 1rg4Ah-000550-25 == bob@example.net R=dnslookup T=remote_smtp defer (-44) H=mx.example.net [203.0.113.25]: SMTP timeout after RCPT TO:<bob@example.net>');
    assert.equal(found.length, 1);
    assert.equal(found[0].codeRange, null);
    assert.equal(found[0].enhancedRange, null);
    assert.equal(found[0].explanation.class, 'transient');
    assert.equal(found[0].explanation.code, null);
  });

  // scanOwnLogs.test.ts checks the same over the logs the project keeps.
  if (hasCorpus()) it('over the whole corpus, a code is never glued to what precedes it (a PID, a port, an IP, a size)', () => {
    const files = [...filesUnder(join(CORPUS, 'postfix')), ...filesUnder(join(CORPUS, 'exim')), ...filesUnder(join(CORPUS, 'sendmail')), ...filesUnder(join(CORPUS, 'misc-mta-syslog'))];
    let n = 0;
    for (const file of files) {
      const text = readText(file);
      const lines = splitLines(text);
      for (const f of scan(text)) {
        if (!f.codeRange) continue;
        n++;
        const line = lines[f.codeRange.start.line];
        const before = line.slice(Math.max(0, f.codeRange.start.character - 6), f.codeRange.start.character);
        assert.doesNotMatch(before, /[\w.[:\]/-]$|size=$|delay=$|port $/, `${file}:${f.codeRange.start.line + 1}: …${before}|${line.slice(f.codeRange.start.character, f.codeRange.start.character + 20)}`);
        assert.match(line.slice(f.codeRange.start.character, f.codeRange.end.character), /^[2-5]\d\d$/);
      }
    }
    assert.ok(n > 2000, `${n} codes`);
  });
});
