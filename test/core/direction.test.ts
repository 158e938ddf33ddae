import { strict as assert } from 'assert';
import { existsSync } from 'fs';
import { join } from 'path';
import { scan } from '../../src/core/scan';
import { FORMAT_DIRECTION } from '../../src/core/scan/direction';
import type { Direction, Finding, FormatId } from '../../src/core/types';
import { FIXTURES, filesUnder, firstLineWith, onLine, scanFile, type Scanned } from './fixtures/scan/support';
import { CORPUS, hasCorpus } from '../support/corpus';

// Point of view: a reply found in a log or transcript is a remote server answering this host (outbound),
// this host's own server refusing a client (inbound), or not said. Real lines of each format.


interface Case {
  /** Under the corpus, or `fx:` + a file of test/core/fixtures/scan. */
  file: string;
  /** Text of the line the finding starts on (its first occurrence). */
  at: string;
  below?: number;
  format: FormatId;
  direction: Direction;
}

const CASES: Case[] = [
  // Postfix: deliveries and the smtp client's `said:` are outbound; smtpd's rejections and SASL failures inbound.
  { file: 'postfix/logwatch-postfix-TD-lines.txt', at: 'status=bounced (host', format: 'postfix', direction: 'outbound' },
  { file: 'postfix/fail2ban-postfix.log', at: 'NOQUEUE: reject: RCPT from', format: 'postfix', direction: 'inbound' },
  { file: 'postfix/fail2ban-postfix.log', at: 'SASL LOGIN authentication failed: UGFzc3dvcmQ6', format: 'postfix', direction: 'inbound' },
  // Exim: the delivery flags are outbound; ACL rejections, sender verification and authenticators inbound.
  { file: 'exim/exim-testsuite/log/0179', at: '** userz@domain.com R=all', format: 'exim', direction: 'outbound' },
  { file: 'exim/fail2ban-exim.log', at: 'login authenticator failed for (ylmf-pc) [120.196.140.45]', format: 'exim', direction: 'inbound' },
  { file: 'exim/fail2ban-exim.log', at: 'rejected RCPT <oksana@birzhatm.ua>: Unknown user', format: 'exim', direction: 'inbound' },
  { file: 'exim/fail2ban-exim.log', at: 'sender verify fail for <user@example.com>: Unrouteable address', format: 'exim', direction: 'inbound' },
  // Sendmail: `stat=` outbound, a ruleset's `reject=` inbound.
  { file: 'sendmail/fluent-plugin-sendmail-test-data.log', at: 'stat=Sent (ok:', format: 'sendmail', direction: 'outbound' },
  { file: 'sendmail/fail2ban-sendmail-reject.log', at: 'reject=550 5.7.1 <asservnew@freemailhost.ru>', format: 'sendmail', direction: 'inbound' },
  // qmail: qmail-send's results outbound; qmail-smtpd and rblsmtpd inbound.
  { file: 'fx:qmail-send.log', at: 'Remote_host_said:', format: 'qmail', direction: 'outbound' },
  { file: 'misc-mta-syslog/fail2ban-qmail.log', at: 'qmail-smtpd: 421 badiprbl', format: 'qmail', direction: 'inbound' },
  { file: 'misc-mta-syslog/fail2ban-qmail.log', at: 'rblsmtpd: 198.51.100.77', format: 'qmail', direction: 'inbound' },
  // Courier's server (courieresmtpd) is inbound.
  { file: 'misc-mta-syslog/fail2ban-courier-smtp.log', at: 'courieresmtpd: error,relay=', format: 'courier', direction: 'inbound' },
  // Exchange: the `#Log-type:` of a protocol log decides; a tracking log does not say.
  { file: 'fx:exchange-receive-protocol.log', at: ',>,"220 ', format: 'exchange', direction: 'inbound' },
  { file: 'fx:exchange-send-protocol.log', at: ',<,220 ', format: 'exchange', direction: 'outbound' },
  { file: 'fx:exchange-message-tracking.log', at: 'RESOLVER.ADR.RecipNotFound', format: 'exchange', direction: null },
  // Client transcripts show a remote server's replies; `exim -bh` shows this host's own server.
  { file: 'smtp-transcript/swaks/_exec-transactions/00000.stdout', at: '<-  220 ', format: 'swaks', direction: 'outbound' },
  { file: 'fx:smtplib-debug.txt', at: "reply: b'550", format: 'smtplib', direction: 'outbound' },
  { file: 'fx:nodemailer-debug.log', at: 'S: 550', format: 'nodemailer', direction: 'outbound' },
  { file: 'fx:transcript-rfc5321.txt', at: 'S: 250', format: 'transcript', direction: 'outbound' },
  { file: 'smtp-transcript/exim-testsuite-stdout/0004', at: '550 Administrative prohibition', format: 'transcript', direction: 'inbound' },
  // A bounce and a provider's event report a remote refusal of this host's (or this sender's) message.
  { file: 'fx:dsn-folded.eml', at: 'Diagnostic-Code:', format: 'dsn', direction: 'outbound' },
  { file: 'fx:ses-events.jsonl', at: '"diagnosticCode"', format: 'provider-json', direction: 'outbound' },
  // ASSP answers connecting clients (inbound); Oracle Messaging Server's `dr="+"` marks an incoming connection.
  { file: 'misc-mta-syslog/fail2ban-assp.log', at: 'after reply: 535', format: 'generic', direction: 'inbound' },
  { file: 'misc-mta-syslog/fail2ban-oracleims.log', at: 'dr="+"', format: 'generic', direction: 'inbound' },
];

const cache = new Map<string, Scanned>();
function scanned(file: string): Scanned {
  const path = file.startsWith('fx:') ? join(FIXTURES, file.slice(3)) : join(CORPUS, file);
  let s = cache.get(path);
  if (!s) cache.set(path, (s = scanFile(path)));
  return s;
}

describe('direction: whose reply it is', () => {
  for (const c of CASES) {
    const path = c.file.startsWith('fx:') ? join(FIXTURES, c.file.slice(3)) : join(CORPUS, c.file);
    it(`${c.file.replace(/^fx:/, 'fixture ')} ${JSON.stringify(c.at)}: ${c.direction}`, function () {
      if (!existsSync(path)) this.skip();
      const s = scanned(c.file);
      const line = firstLineWith(s, c.at) + (c.below ?? 0);
      const here = onLine(s, line);
      assert.ok(here.length > 0, `a finding on line ${line + 1} of ${c.file}: ${s.lines[line]}`);
      for (const f of here) {
        assert.equal(f.format, c.format);
        assert.equal(f.direction, c.direction, `line ${line + 1}: ${s.lines[line]}`);
      }
    });
  }

  it('the default of each format is data, and a locator overrides it only where it knows better', () => {
    assert.equal(FORMAT_DIRECTION.postfix, 'outbound');
    assert.equal(FORMAT_DIRECTION.exchange, null);
    // The same format, two directions, on one document: a delivery and a rejection.
    const [delivery, reject] = scan([
      'Nov 29 10:00:01 mx postfix/smtp[2]: CD34: to=<b@example.com>, relay=mx.example.com[192.0.2.1]:25, delay=1, delays=0/0/0/1, dsn=5.1.1, status=bounced (host mx.example.com[192.0.2.1] said: 550 5.1.1 <b@example.com>: User unknown (in reply to RCPT TO command))',
      'Nov 29 10:00:02 mx postfix/smtpd[3]: NOQUEUE: reject: RCPT from unknown[198.51.100.7]: 554 5.7.1 <c@example.org>: Relay access denied; from=<a@example.net> to=<c@example.org> proto=ESMTP helo=<x>',
    ].join('\n'));
    assert.deepEqual([delivery.direction, reject.direction], ['outbound', 'inbound']);
  });

  it('a courier client line (courieresmtp, no d) is outbound', () => {
    const [f] = scan('Jan  1 00:00:00 mx courieresmtp: id=00123.456,from=<a@example.com>,addr=<b@example.net>: 550 5.1.1 User unknown');
    assert.equal(f.direction, 'outbound');
  });

  it('Oracle Messaging Server: dr="-" is an outgoing connection', () => {
    const [f] = scan('<co ts="2014-06-02T10:08:07.56" pi="1" sc="tcp_intranet" dr="-" ac="U" di="550 5.1.1 unknown user"/>');
    assert.equal(f.direction, 'outbound');
  });

  it('every finding of every corpus and fixture file has a direction of the vocabulary', function () {
    if (!hasCorpus()) this.skip();
    const seen = new Map<string, number>();
    const files = [...filesUnder(FIXTURES).filter((f) => !f.endsWith('.ts')), ...['postfix', 'exim', 'sendmail', 'misc-mta-syslog', 'smtp-transcript/swaks'].flatMap((d) => filesUnder(join(CORPUS, d)))];
    for (const file of files) {
      for (const f of scanFile(file).findings as Finding[]) {
        assert.ok(f.direction === 'outbound' || f.direction === 'inbound' || f.direction === null, `${file}: ${String(f.direction)}`);
        seen.set(String(f.direction), (seen.get(String(f.direction)) ?? 0) + 1);
      }
    }
    for (const d of ['outbound', 'inbound', 'null']) assert.ok((seen.get(d) ?? 0) > 0, `some ${d} findings: ${JSON.stringify([...seen])}`);
  });
});
