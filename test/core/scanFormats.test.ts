import { strict as assert } from 'assert';
import { join } from 'path';
import { explain } from '../../src/core/explain';
import { createScanner, scan } from '../../src/core/scan';
import type { FormatId } from '../../src/core/types';
import type { ReplyClass } from '../../src/core/vocabulary';
import { corpusFile } from '../support/corpus';
import { FIXTURES, firstLineWith, onLine, readText, scanFile, sliceRange, splitLines, type Scanned } from './fixtures/scan/support';

/** A fixture, or a corpus file that is there (the corpus, or the project's copy of its MIT and BSD files). */
const readable = (file: string): boolean => file.startsWith('fx:') || corpusFile(file) !== undefined;

interface Case {
  /** Under the corpus, or `fx:` + a file of test/core/fixtures/scan. */
  file: string;
  /** Text that identifies the line where the reply starts (its first occurrence in the file). */
  at: string;
  /** The reply starts this many lines after that line (a command, then its reply). */
  below?: number;
  /** The text the finding's range covers (lines joined by `\n`). */
  reply: string;
  format: FormatId;
  code: string | null;
  enhanced: string | null;
  label?: [string, ReplyClass] | null;
  recipient?: string | null;
  /** What `explain` was given, when it is not the range's text. */
  replyText?: string;
  cls: ReplyClass;
}

const cache = new Map<string, Scanned>();
function scanned(file: string): Scanned {
  const path = file.startsWith('fx:') ? join(FIXTURES, file.slice(3)) : corpusFile(file)!;
  let s = cache.get(path);
  if (!s) cache.set(path, (s = scanFile(path)));
  return s;
}

function check(c: Case): void {
  const s = scanned(c.file);
  const line = firstLineWith(s, c.at) + (c.below ?? 0);
  const here = onLine(s, line);
  const f = here.find((x) => sliceRange(s.lines, x.range) === c.reply);
  assert.ok(f, `no finding ${JSON.stringify(c.reply)} on line ${line + 1}; found ${JSON.stringify(here.map((x) => sliceRange(s.lines, x.range)))}`);
  assert.equal(f.format, c.format);
  assert.equal(f.codeRange ? sliceRange(s.lines, f.codeRange) : null, c.code, 'code range');
  assert.equal(f.enhancedRange ? sliceRange(s.lines, f.enhancedRange) : null, c.enhanced, 'enhanced range');
  if (c.label !== undefined) assert.deepEqual(f.label ? [f.label.text, f.label.class] : null, c.label, 'label');
  if (c.recipient !== undefined) assert.equal(f.recipient, c.recipient, 'recipient');
  assert.equal(f.replyText, c.replyText ?? c.reply, 'text given to explain');
  assert.equal(f.explanation.class, c.cls, 'class');
  if (c.code) assert.equal(f.explanation.code, Number(c.code), 'explained code');
}

function run(title: string, cases: Case[]): void {
  describe(title, () => {
    for (const c of cases.filter((x) => readable(x.file))) it(`${c.file.replace(/^fx:/, 'fixture ')}: ${c.reply.split('\n')[0].slice(0, 70)}`, () => check(c));
  });
}

function noFindingOn(file: string, at: string): void {
  const s = scanned(file);
  const line = firstLineWith(s, at);
  assert.deepEqual(onLine(s, line).map((f) => sliceRange(s.lines, f.range)), [], `line ${line + 1} of ${file}`);
}

run('scanner: Postfix', [
  { file: 'postfix/fail2ban-postfix.log', at: 'Relay access denied; from=<john@example.com>', reply: '554 5.7.1 <smtp@example.com>: Relay access denied', format: 'postfix', code: '554', enhanced: '5.7.1', label: ['reject', 'permanent'], recipient: 'smtp@example.org', cls: 'permanent' },
  { file: 'postfix/fail2ban-postfix.log', at: '450 4.7.1 : Helo command rejected: Host not found', reply: '450 4.7.1 : Helo command rejected: Host not found', format: 'postfix', code: '450', enhanced: '4.7.1', label: ['reject', 'transient'], recipient: null, cls: 'transient' },
  { file: 'postfix/fail2ban-postfix.log', at: 'milter-reject: DATA from 66-220-155-151', reply: '550 5.7.1 Command rejected', format: 'postfix', code: '550', enhanced: '5.7.1', label: ['milter-reject', 'permanent'], recipient: 'hostmaster@example.com', cls: 'permanent' },
  { file: 'postfix/fail2ban-postfix.log', at: 'postscreen[1148]: NOQUEUE: reject: RCPT from [216.245.194.173]:60591', reply: '550 5.7.1 Service unavailable; client [216.245.194.173] blocked using rbl.example.com', format: 'postfix', code: '550', enhanced: '5.7.1', recipient: 'goodguy@example.com', cls: 'permanent' },
  { file: 'postfix/logwatch-postfix-TD-lines.txt', at: 'said: 511 sorry, no mailbox here', reply: '511 sorry, no mailbox here by that name (#5.1.1 - chkuser)', format: 'postfix', code: '511', enhanced: null, label: ['bounced', 'permanent'], recipient: 'to@example.com', cls: 'permanent' },
  { file: 'postfix/logwatch-postfix-TD-lines.txt', at: 'server refused to talk to me: 452 try later', reply: '452 try later', format: 'postfix', code: '452', enhanced: null, label: null, cls: 'transient' },
  { file: 'postfix/logwatch-postfix-TD-lines.txt', at: 'said: 550-"The recipient cannot be verified.', reply: '550-"The recipient cannot be verified.  Please check all recipients of this 550 message to verify they are valid."', format: 'postfix', code: '550', enhanced: null, label: ['bounced', 'permanent'], cls: 'permanent' },
  { file: 'postfix/logwatch-postfix-TD-lines.txt', at: 'relay=local, delay=2.5, delays=2.1/0.22/0/0.21, dsn=5.1.1, status=bounced', reply: '5.1.1, status=bounced (unknown user: "friend"', replyText: '5.1.1 unknown user: "friend"', format: 'postfix', code: null, enhanced: '5.1.1', label: ['bounced', 'permanent'], recipient: 'envto@example.com', cls: 'permanent' },
  { file: 'postfix/logwatch-postfix-TD-lines.txt', at: 'dsn=4.1.1, status=SOFTBOUNCE', reply: '4.1.1, status=SOFTBOUNCE (unknown user: "to"', replyText: '4.1.1 unknown user: "to"', format: 'postfix', code: null, enhanced: '4.1.1', label: ['SOFTBOUNCE', 'transient'], recipient: 'anyone@example.com', cls: 'transient' },
  { file: 'postfix/logwatch-postfix-TD-lines.txt', at: 'reject_warning: RCPT from host[10.0.0.1]: 454 4.7.1 <to@sample.net>', reply: '454 4.7.1 <to@sample.net>:  Recipient address rejected: Access denied', format: 'postfix', code: '454', enhanced: '4.7.1', label: ['reject_warning', 'success'], recipient: 'eto@sample.net', cls: 'transient' },
  { file: 'postfix/logwatch-postfix-TD-lines.txt', at: 'reject:   content Received: by example.com Postfix', reply: '5.7.1 disallowed character', format: 'postfix', code: null, enhanced: '5.7.1', label: ['reject', 'permanent'], cls: 'permanent' },
  { file: 'postfix/logwatch-postfix-TD-lines.txt', at: 'proxy-reject: END-OF-MESSAGE: 554 5.7.0 Reject, id=11912-03', reply: '554 5.7.0 Reject, id=11912-03 - INFECTED: Eicar-Test-Signature', format: 'postfix', code: '554', enhanced: '5.7.0', label: ['proxy-reject', 'permanent'], recipient: 'root@example.net', cls: 'permanent' },
  { file: 'postfix/logwatch-postfix-TD-lines.txt', at: 'SASL [CACHED] authentication failed; server example.com', reply: '535 Error: authentication failed', format: 'postfix', code: '535', enhanced: null, label: null, cls: 'permanent' },
  { file: 'postfix/postfix-grok-patterns-tests/smtp_0018.yaml', at: 'data: ', reply: '550-5.7.1 [2607:4100:3:25:100::2      12] Our system has detected that this 550-5.7.1 message is likely unsolicited mail. To reduce the amount of spam sent 550-5.7.1 to Gmail, this message has been blocked. Please visit 550-5.7.1 http://support.google.com/mail/bin/answer.py?hl=en&answer=188131 for 550 5.7.1 more information. qc12si8475009pab.211 - gsmtp', format: 'postfix', code: '550', enhanced: '5.7.1', label: ['bounced', 'permanent'], recipient: 'redacted@gmail.com', cls: 'permanent' },
]);

describe('scanner: Postfix lines without a reply', () => {
  it('lost connection while receiving the initial server greeting: nothing', () => noFindingOn('postfix/logwatch-postfix-TD-lines.txt', 'lost connection with sample.net[10.0.0.2] while receiving the initial server greeting'));
  it('an old delivery line with neither dsn= nor a code: nothing', () => noFindingOn('postfix/logwatch-postfix-TD-lines.txt', 'delay=141602, status=deferred (connect to mx1.example.com[10.0.0.1]: Connection refused)'));
  if (readable('postfix/fail2ban-postfix.log')) it('a rate-limit warning with a count: nothing', () => noFindingOn('postfix/fail2ban-postfix.log', 'rate limit exceeded: 334 from'));
});

run('scanner: Exim', [
  { file: 'exim/exim-testsuite/log/0179', at: '** userz@domain.com R=all T=smtp', reply: '550 Recipient refused', format: 'exim', code: '550', enhanced: null, label: ['**', 'permanent'], recipient: 'userz@domain.com', cls: 'permanent' },
  { file: 'exim/exim-testsuite/log/0478', at: '=> 127.0.0.1@test.ex', reply: '250 OK id=10HmaZ-000000005vi-0000', format: 'exim', code: '250', enhanced: null, label: ['=>', 'success'], recipient: '127.0.0.1@test.ex', cls: 'success' },
  { file: 'exim/exim-testsuite/log/0215', at: '** userxy@myhost.test.ex F=<CALLER@myhost.test.ex> R=smartuser T=lmtp H=127.0.0.1 [127.0.0.1] : LMTP error after DATA: 550-', reply: "550-I don't like this user\\n550 Bad user", replyText: "550-I don't like this user\n550 Bad user", format: 'exim', code: '550', enhanced: null, label: ['**', 'permanent'], recipient: 'userxy@myhost.test.ex', cls: 'permanent' },
  { file: 'exim/exim-testsuite/rejectlog/0622', at: 'temporarily rejected RCPT <B@test.ex>', reply: '452 4.5.3 Try again', format: 'exim', code: '452', enhanced: '4.5.3', label: ['temporarily rejected', 'transient'], recipient: 'B@test.ex', cls: 'transient' },
  { file: 'exim/exim-testsuite/log/0211', at: '(EHLO response was: 550 You are banned)', reply: '550 You are banned', format: 'exim', code: '550', enhanced: null, label: null, cls: 'permanent' },
  { file: 'exim/exim-testsuite/log/9903', at: 'host 127.0.0.1 [127.0.0.1]: 451 Recipient not OK', reply: '451 Recipient not OK', format: 'exim', code: '451', enhanced: null, label: ['==', 'transient'], recipient: 'userx@test.ex', cls: 'transient' },
  { file: 'exim/fail2ban-exim.log', at: 'rrcs-24-106-174-74.se.biz.rr.com', reply: '535 Incorrect authentication data', format: 'exim', code: '535', enhanced: null, cls: 'permanent' },
  { file: 'exim/exim-testsuite/log/0612', at: 'event msg:rcpt:defer data "SMTP error', reply: '451 Temporary local problem - please try later', format: 'exim', code: '451', enhanced: null, recipient: 'rmt_defer@test.ex', cls: 'transient' },
  { file: 'exim/exim-testsuite/rejectlog/0014', at: 'rejected RCPT <userx@test.ex>: Sender verify failed', reply: 'rejected RCPT <userx@test.ex>: Sender verify failed', replyText: 'Sender verify failed', format: 'exim', code: null, enhanced: null, label: ['rejected', 'permanent'], recipient: 'userx@test.ex', cls: 'permanent' },
  { file: 'exim/exim-testsuite/rejectlog/0023', at: 'temporarily rejected RCPT <cond-rhubarb@test.ex>', reply: 'temporarily rejected RCPT <cond-rhubarb@test.ex>: invalid "condition" value "rhubarb"', replyText: 'invalid "condition" value "rhubarb"', format: 'exim', code: null, enhanced: null, label: ['temporarily rejected', 'transient'], recipient: 'cond-rhubarb@test.ex', cls: 'transient' },
  { file: 'exim/exim-testsuite/mail-bounces/0374.CALLER', at: '    550 hard error', reply: '550 hard error', format: 'exim', code: '550', enhanced: null, recipient: 'd3@myhost.test.ex', cls: 'permanent' },
]);

run('scanner: Sendmail', [
  { file: 'sendmail/fluent-plugin-sendmail-test-data.log', at: 'to=<deferred1@example.com>, delay=00:00:15', reply: '451 4.3.5 Server configuration problem', format: 'sendmail', code: '451', enhanced: '4.3.5', label: ['stat=Deferred', 'transient'], recipient: 'deferred1@example.com', cls: 'transient' },
  { file: 'sendmail/fluent-plugin-sendmail-test-data.log', at: 'to=<sent1@example.com>', reply: '2.0.0, stat=Sent (ok:  Message 40279894 accepted)', replyText: '2.0.0 ok:  Message 40279894 accepted', format: 'sendmail', code: null, enhanced: '2.0.0', label: ['stat=Sent', 'success'], recipient: 'sent1@example.com, sent2@example.com', cls: 'success' },
  { file: 'sendmail/fail2ban-sendmail-reject.log', at: 'arg1=<non-existing-user@example.com>', reply: '550 5.1.1 <non-existing-user@example.com>... User unknown', format: 'sendmail', code: '550', enhanced: '5.1.1', label: ['reject', 'permanent'], recipient: 'non-existing-user@example.com', cls: 'permanent' },
  { file: 'sendmail/fail2ban-sendmail-reject.log', at: 'ruleset=check_relay, arg1=leased-line-54-82.telecom.by', reply: '421 4.3.2 Connection rate limit exceeded.', format: 'sendmail', code: '421', enhanced: '4.3.2', label: ['reject', 'transient'], recipient: null, cls: 'transient' },
]);

run('scanner: qmail, Courier, ASSP, Oracle', [
  { file: 'misc-mta-syslog/fail2ban-qmail.log', at: 'rblsmtpd: 198.51.100.77', reply: '451 http://www.spamhaus.org/query/bl?ip=198.51.100.77', format: 'qmail', code: '451', enhanced: null, cls: 'transient' },
  { file: 'misc-mta-syslog/fail2ban-qmail.log', at: 'qmail-smtpd: 421 badiprbl', reply: '421 badiprbl: ip 198.51.100.54 rbl: example.com', format: 'qmail', code: '421', enhanced: null, cls: 'transient' },
  { file: 'fx:qmail-send.log', at: 'delivery 12: failure', reply: '550_5.1.1_<bob@example.net>:_Recipient_address_rejected:_User_unknown_in_virtual_mailbox_table', replyText: '550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown in virtual mailbox table', format: 'qmail', code: '550', enhanced: '5.1.1', label: ['failure', 'permanent'], recipient: 'bob@example.net', cls: 'permanent' },
  { file: 'fx:qmail-send.log', at: 'delivery 13: failure', reply: 'Sorry,_no_mailbox_here_by_that_name._(#5.1.1)', replyText: 'Sorry, no mailbox here by that name. (#5.1.1)', format: 'qmail', code: null, enhanced: '5.1.1', label: ['failure', 'permanent'], recipient: 'example.com-carol@example.com', cls: 'permanent' },
  { file: 'fx:qmail-send.log', at: 'delivery 14: deferral', reply: '451_4.7.1_Greylisted,_please_try_again_in_5_minutes', replyText: '451 4.7.1 Greylisted, please try again in 5 minutes', format: 'qmail', code: '451', enhanced: '4.7.1', label: ['deferral', 'transient'], recipient: 'dave@example.org', cls: 'transient' },
  { file: 'fx:qmail-send.log', at: 'delivery 16: deferral', reply: "Sorry,_I_wasn't_able_to_establish_an_SMTP_connection._(#4.4.1)", replyText: "Sorry, I wasn't able to establish an SMTP connection. (#4.4.1)", format: 'qmail', code: null, enhanced: '4.4.1', label: ['deferral', 'transient'], recipient: 'frank@example.com', cls: 'transient' },
  { file: 'misc-mta-syslog/fail2ban-courier-smtp.log', at: 'to=<mailman-subscribe@example.com>', reply: '550 User unknown.', format: 'courier', code: '550', enhanced: null, recipient: 'mailman-subscribe@example.com', cls: 'permanent' },
  { file: 'misc-mta-syslog/fail2ban-courier-smtp.log', at: 'msg="535 Authentication failed.",cmd: YWRvYmVhZG9iZQ==', reply: '535 Authentication failed.', format: 'courier', code: '535', enhanced: null, cls: 'permanent' },
  { file: 'misc-mta-syslog/fail2ban-assp.log', at: 'after reply: 535 5.7.8', reply: '535 5.7.8 Error: authentication failed: UGFzc3dvcmQ6', format: 'generic', code: '535', enhanced: '5.7.8', cls: 'permanent' },
  { file: 'misc-mta-syslog/fail2ban-oracleims.log', at: 'us="nic@transcend.com"', reply: '535 5.7.8 Bad username or password (Authentication failed).', format: 'generic', code: '535', enhanced: '5.7.8', cls: 'permanent' },
]);

run('scanner: Microsoft Exchange (fixtures in the documented CSV formats)', [
  { file: 'fx:exchange-send-protocol.log', at: ',<,550 5.1.1 <bob@example.net>', reply: '550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown in virtual mailbox table', format: 'exchange', code: '550', enhanced: '5.1.1', recipient: 'bob@example.net', cls: 'permanent' },
  { file: 'fx:exchange-send-protocol.log', at: ',<,250-mx.example.net,', reply: '250-mx.example.net,\n2024-03-01T08:15:01.407Z,Internet Send Connector,08DC39E1A2B3C4D5,5,10.0.0.5:50412,203.0.113.25:25,<,250-PIPELINING,\n2024-03-01T08:15:01.407Z,Internet Send Connector,08DC39E1A2B3C4D5,6,10.0.0.5:50412,203.0.113.25:25,<,250-SIZE 10240000,\n2024-03-01T08:15:01.407Z,Internet Send Connector,08DC39E1A2B3C4D5,7,10.0.0.5:50412,203.0.113.25:25,<,250 8BITMIME', replyText: '250-mx.example.net\n250-PIPELINING\n250-SIZE 10240000\n250 8BITMIME', format: 'exchange', code: '250', enhanced: null, recipient: null, cls: 'success' },
  { file: 'fx:exchange-send-protocol.log', at: '"554 5.7.1', reply: '554 5.7.1 <carol@example.org>: Relay access denied, sorry', format: 'exchange', code: '554', enhanced: '5.7.1', recipient: 'carol@example.org', cls: 'permanent' },
  { file: 'fx:exchange-receive-protocol.log', at: ',>,550 5.1.10', reply: '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient nobody@contoso.com not found by SMTP address lookup', format: 'exchange', code: '550', enhanced: '5.1.10', recipient: 'nobody@contoso.com', cls: 'permanent' },
  { file: 'fx:exchange-message-tracking.log', at: ',FAIL,', reply: '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found', format: 'exchange', code: '550', enhanced: '5.1.1', label: ['FAIL', 'permanent'], recipient: 'nobody@example.net', cls: 'permanent' },
  { file: 'fx:exchange-message-tracking.log', at: ',SEND,', reply: '250 2.0.0 Ok: queued as 4TmX1s0Zz9z9', format: 'exchange', code: '250', enhanced: '2.0.0', label: ['SEND', 'success'], recipient: 'bob@example.net', cls: 'success' },
  { file: 'fx:exchange-message-tracking.log', at: ',DEFER,', reply: '451 4.4.0 Primary target IP address responded with: ""421 4.4.2 Connection dropped due to SocketError."" Attempted failover to alternate host, but that did not succeed.', replyText: '451 4.4.0 Primary target IP address responded with: "421 4.4.2 Connection dropped due to SocketError." Attempted failover to alternate host, but that did not succeed.', format: 'exchange', code: '451', enhanced: '4.4.0', label: ['DEFER', 'transient'], recipient: 'carol@example.org', cls: 'transient' },
]);

run('scanner: Exchange message tracking, several recipients in one row', [
  { file: 'fx:exchange-message-tracking-multi.log', at: ';250 2.0.0OK', reply: '250 2.0.0OK  1774864803 a1si1234567wra.12 - gsmtp', format: 'exchange', code: '250', enhanced: '2.0.0', label: ['SEND', 'success'], recipient: 'bob@gmail.com', cls: 'success' },
  { file: 'fx:exchange-message-tracking-multi.log', at: 'dave@example.org;erin@example.org', reply: '250 2.1.5 Recipient OK', format: 'exchange', code: '250', enhanced: '2.1.5', label: ['SEND', 'success'], recipient: 'dave@example.org', cls: 'success' },
  { file: 'fx:exchange-message-tracking-multi.log', at: ',FAIL,', reply: '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found', format: 'exchange', code: '550', enhanced: '5.1.1', label: ['FAIL', 'permanent'], recipient: 'carol@example.org', cls: 'permanent' },
]);

describe('scanner: Exchange recipient-status with one status per recipient', () => {
  it('gives each recipient of the row its own status, in order', () => {
    const s = scanned('fx:exchange-message-tracking-multi.log');
    const row = firstLineWith(s, 'dave@example.org;erin@example.org');
    assert.deepEqual(onLine(s, row).map((f) => [f.recipient, sliceRange(s.lines, f.range)]), [
      ['dave@example.org', '250 2.1.5 Recipient OK'], ['erin@example.org', '250 2.1.5 Recipient OK'],
    ]);
  });
});

run('scanner: Cisco Secure Email Gateway (IronPort) mail_logs', [
  { file: 'fx:ironport-mail_logs.log', at: "Response '2.0.0 OK", reply: '2.0.0 OK  1774861206 a1si1234567wra.12 - gsmtp', format: 'ironport', code: null, enhanced: '2.0.0', label: ['Response', 'success'], recipient: null, cls: 'success' },
  { file: 'fx:ironport-mail_logs.log', at: "Response '250 2.6.0", reply: '250 2.6.0 <20260330.3@partner.example> [InternalId=1] Queued mail for delivery', format: 'ironport', code: '250', enhanced: '2.6.0', label: ['Response', 'success'], recipient: null, cls: 'success' },
  { file: 'fx:ironport-mail_logs.log', at: "('554', [", reply: `554', ["delivery error: dd This user doesn't have a yahoo.com account (nobody@yahoo.com) [0] - mta1001.mail.gq1.yahoo.com"])`, replyText: "554 delivery error: dd This user doesn't have a yahoo.com account (nobody@yahoo.com) [0] - mta1001.mail.gq1.yahoo.com", format: 'ironport', code: '554', enhanced: null, label: ['Bounced', 'permanent'], recipient: 'nobody@yahoo.com', cls: 'permanent' },
  { file: 'fx:ironport-mail_logs.log', at: 'Delayed: DCID 203', reply: "421', ['4.3.2 Service not available, closing transmission channel'])", replyText: '421 4.3.2 Service not available, closing transmission channel', format: 'ironport', code: '421', enhanced: null, label: ['Delayed', 'transient'], recipient: 'carol@example.org', cls: 'transient' },
  { file: 'fx:ironport-mail_logs.log', at: "('000', [", reply: "5.1.2 - Bad destination host ('000', ['DNS Hard Error looking up example.org (MX): NXDomain'])", replyText: '5.1.2 Bad destination host: DNS Hard Error looking up example.org (MX): NXDomain', format: 'ironport', code: null, enhanced: '5.1.2', label: ['Bounced', 'permanent'], recipient: 'carol@example.org', cls: 'permanent' },
]);

describe('scanner: IronPort lines that carry no reply', () => {
  for (const at of ['Start MID 5001', 'RID 0 To: <bob@gmail.com>', 'Message done DCID 201', 'Message finished MID 5001', 'pending till', 'ICID 101 ACCEPT SG']) {
    it(at, () => noFindingOn('fx:ironport-mail_logs.log', at));
  }
  it("a multi-line reply in the tuple's list keeps its lines", () => {
    const [f] = scan("Mon Mar 30 09:00:08 2026 Info: Bounced: DCID 9 MID 7 From: <a@b.example> To: <c@d.example> RID 0 - 5.1.0 - Unknown address error ('550', ['5.1.1 first line', '5.1.1 second line'])");
    assert.equal(f.replyText, '550-5.1.1 first line\n550 5.1.1 second line');
    assert.equal(f.explanation.reason, 'user-unknown');
  });
  it("a Response without a code is no finding, nor is another program's \"Response '\"", () => {
    assert.deepEqual(scan("Mar 30 09:30:03 esa1 mail_logs: Info: MID 5003 RID [0] Response 'queued as 12345'"), []);
    assert.deepEqual(scan("[DEBUG] Response '250 ok' sent"), []);
  });
});

run('scanner: dialogues', [
  { file: 'smtp-transcript/swaks/_exec-transactions/00000.stdout', at: '<-  250-SERVER Hello Server', reply: '250-SERVER Hello Server [1.1.1.1]\n<-  250 HELP', replyText: '250-SERVER Hello Server [1.1.1.1]\n250 HELP', format: 'swaks', code: '250', enhanced: null, label: null, cls: 'success' },
  { file: 'smtp-transcript/swaks/_exec-transactions/00000.stdout', at: '<-  250 OK id=fakeemail', reply: '250 OK id=fakeemail', format: 'swaks', code: '250', enhanced: null, cls: 'success' },
  { file: 'smtp-transcript/swaks/_exec-transactions/00200.stdout', at: '<~  250 Accepted', reply: '250 Accepted', format: 'swaks', code: '250', enhanced: null, label: null, recipient: null, cls: 'success' },
  { file: 'smtp-transcript/swaks/_exec-transactions/00200.stdout', at: ' ~> RCPT TO:<user@host1.nodns.test.swaks.net>', below: 1, reply: '250 Accepted', format: 'swaks', code: '250', enhanced: null, label: null, recipient: 'user@host1.nodns.test.swaks.net', cls: 'success' },
  { file: 'smtp-transcript/swaks/_exec-transactions/00315.stdout', at: '<** 501 5.5.4', reply: '501 5.5.4 Bad DESTADDR syntax', format: 'swaks', code: '501', enhanced: '5.5.4', label: ['<**', 'permanent'], cls: 'permanent' },
  { file: 'smtp-transcript/exim-testsuite-stdout/0159', at: '<<< 250-myhost.test.ex Hello [ip4.ip4.ip4.ip4]', reply: '250-myhost.test.ex Hello [ip4.ip4.ip4.ip4] [ip4.ip4.ip4.ip4]\n??? 250-\n<<< 250-SIZE 52428800\n??? 250-\n<<< 250-8BITMIME\n??? 250-\n<<< 250-PIPELINING\n??? 250\n<<< 250 HELP', replyText: '250-myhost.test.ex Hello [ip4.ip4.ip4.ip4] [ip4.ip4.ip4.ip4]\n250-SIZE 52428800\n250-8BITMIME\n250-PIPELINING\n250 HELP', format: 'transcript', code: '250', enhanced: null, cls: 'success' },
  { file: 'smtp-transcript/exim-testsuite-stdout/0159', at: '<<< 250 Accepted', reply: '250 Accepted', format: 'transcript', code: '250', enhanced: null, recipient: 'userx@test.ex', cls: 'success' },
  { file: 'smtp-transcript/exim-testsuite-stdout/0022', at: '451 forcibly deferred', reply: '451 forcibly deferred', format: 'transcript', code: '451', enhanced: null, cls: 'transient' },
  { file: 'fx:transcript-rfc5321.txt', at: 'S: 550 No such user here', reply: '550 No such user here', format: 'transcript', code: '550', enhanced: null, recipient: 'Green@foo.com', cls: 'permanent' },
  { file: 'fx:transcript-rfc5321.txt', at: 'S: 354', reply: '354 Start mail input; end with <CRLF>.<CRLF>', format: 'transcript', code: '354', enhanced: null, recipient: null, cls: 'intermediate' },
  { file: 'fx:telnet-session.txt', at: '550 5.1.1 <nobody@example.net>', reply: '550 5.1.1 <nobody@example.net>: Recipient address rejected: User unknown in virtual mailbox table', format: 'transcript', code: '550', enhanced: '5.1.1', recipient: 'nobody@example.net', cls: 'permanent' },
  { file: 'fx:telnet-session.txt', at: '250-mx.example.net', reply: '250-mx.example.net\n250-PIPELINING\n250-SIZE 10240000\n250 SMTPUTF8', format: 'transcript', code: '250', enhanced: null, cls: 'success' },
  { file: 'fx:phpmailer-debug.txt', at: 'SERVER -> CLIENT: 250-smtp.example.net', reply: '250-smtp.example.net\n                   \t                  250-PIPELINING\n                   \t                  250-SIZE 10240000\n                   \t                  250 8BITMIME', replyText: '250-smtp.example.net\n250-PIPELINING\n250-SIZE 10240000\n250 8BITMIME', format: 'transcript', code: '250', enhanced: null, cls: 'success' },
  { file: 'fx:phpmailer-debug.txt', at: 'SERVER -> CLIENT: 550 5.1.1', reply: '550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown in virtual mailbox table', format: 'transcript', code: '550', enhanced: '5.1.1', recipient: 'bob@example.net', cls: 'permanent' },
  { file: 'fx:smtplib-debug.txt', at: "reply: b'550 5.1.1", reply: '550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown in virtual mailbox table', format: 'smtplib', code: '550', enhanced: '5.1.1', recipient: 'bob@example.net', cls: 'permanent' },
  { file: 'fx:smtplib-debug.txt', at: 'reply: b"554 5.7.1', reply: "554 5.7.1 <carol@example.org>: Relay access denied, we can't relay for you", format: 'smtplib', code: '554', enhanced: '5.7.1', recipient: 'carol@example.org', cls: 'permanent' },
  { file: 'fx:smtplib-debug.txt', at: "reply: b'250-mx.example.net", reply: "250-mx.example.net\\r\\n'\nreply: b'250-PIPELINING\\r\\n'\nreply: b'250-SIZE 10240000\\r\\n'\nreply: b'250 8BITMIME", replyText: '250-mx.example.net\n250-PIPELINING\n250-SIZE 10240000\n250 8BITMIME', format: 'smtplib', code: '250', enhanced: null, cls: 'success' },
  { file: 'fx:nodemailer-debug.log', at: 'S: 550 5.1.1', reply: '550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown in virtual mailbox table', format: 'nodemailer', code: '550', enhanced: '5.1.1', recipient: 'bob@example.net', cls: 'permanent' },
  { file: 'fx:nodemailer-debug.log', at: 'S: 235 2.7.0', reply: '235 2.7.0 Authentication successful', format: 'nodemailer', code: '235', enhanced: '2.7.0', recipient: null, cls: 'success' },
]);

run('scanner: bounces (DSN)', [
  { file: 'fx:dsn-folded.eml', at: 'Diagnostic-Code: smtp; 550-5.1.1', reply: "550-5.1.1 The email account that you tried to reach does\n    not exist. Please try 550-5.1.1 double-checking the recipient's email\n    address for typos or 550-5.1.1 unnecessary spaces. For more information, go\n    to 550 5.1.1  https://support.google.com/mail/?p=NoSuchUser\n    a640c23a62f3a-a44dd1b1c2esi123456666b.123 - gsmtp", replyText: "550-5.1.1 The email account that you tried to reach does\nnot exist. Please try 550-5.1.1 double-checking the recipient's email\naddress for typos or 550-5.1.1 unnecessary spaces. For more information, go\nto 550 5.1.1  https://support.google.com/mail/?p=NoSuchUser\na640c23a62f3a-a44dd1b1c2esi123456666b.123 - gsmtp", format: 'dsn', code: '550', enhanced: '5.1.1', label: ['Action: failed', 'permanent'], recipient: 'bob@gmail.com', cls: 'permanent' },
  // carol's block has no reply in its Diagnostic-Code: its Status is its finding (bob's and dave's are replaced by theirs).
  { file: 'fx:dsn-folded.eml', at: 'Status: 4.4.1', reply: '4.4.1', format: 'dsn', code: null, enhanced: '4.4.1', recipient: 'carol@example.org', cls: 'transient' },
  { file: 'fx:dsn-folded.eml', at: '    452 4.2.2 Mailbox full', reply: '452 4.2.2 Mailbox full', format: 'dsn', code: '452', enhanced: '4.2.2', label: ['Action: delayed', 'transient'], recipient: 'dave@example.com', cls: 'transient' },
  { file: 'fx:dsn-folded.eml', at: '    550-5.1.1 The email account that you tried to reach does not exist. Please', reply: "550-5.1.1 The email account that you tried to reach does not exist. Please\n    try 550-5.1.1 double-checking the recipient's email address for typos or\n    550-5.1.1 unnecessary spaces.", replyText: "550-5.1.1 The email account that you tried to reach does not exist. Please\ntry 550-5.1.1 double-checking the recipient's email address for typos or\n550-5.1.1 unnecessary spaces.", format: 'postfix', code: '550', enhanced: '5.1.1', recipient: 'bob@gmail.com', cls: 'permanent' },
  { file: 'exim/exim-testsuite/mail-bounces/4700.CALLER', at: 'X-Remote-MTA-smtp-greeting: X-str; 220 Connected OK', reply: '220 Connected OK', format: 'dsn', code: '220', enhanced: null, label: null, cls: 'success' },
  { file: 'exim/exim-testsuite/mail-bounces/0253.lmn', at: 'Diagnostic-Code: smtp; 550 Recipient not OK', reply: '550 Recipient not OK', format: 'dsn', code: '550', enhanced: null, label: ['Action: failed', 'permanent'], recipient: 'fail@myhost.test.ex', cls: 'permanent' },
]);

run('scanner: provider events in JSON', [
  { file: 'fx:ses-events.jsonl', at: '"bounceType":"Permanent","bounceSubType":"General","bouncedRecipients":[{"emailAddress":"bob@', reply: '550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown in virtual mailbox table', format: 'provider-json', code: '550', enhanced: '5.1.1', label: ['bounceType=Permanent', 'permanent'], recipient: 'bob@example.net', cls: 'permanent' },
  { file: 'fx:ses-events.jsonl', at: '"smtpResponse"', reply: '250 2.6.0 <0100018dfa2b3c4e@email.amazonses.com> [InternalId=1234567, Hostname=mx.example.org] Queued mail for delivery', format: 'provider-json', code: '250', enhanced: '2.6.0', label: ['event=Delivery', 'success'], cls: 'success' },
  { file: 'fx:ses-events.jsonl', at: '"MailboxFull"', reply: '452 4.2.2 The email account that you tried to reach is over quota.\\n452 4.2.2 Please direct the recipient to https://support.google.com/mail/?p=OverQuotaTemp', replyText: '452 4.2.2 The email account that you tried to reach is over quota.\n452 4.2.2 Please direct the recipient to https://support.google.com/mail/?p=OverQuotaTemp', format: 'provider-json', code: '452', enhanced: '4.2.2', label: ['bounceType=Transient', 'transient'], recipient: 'dave@example.com', cls: 'transient' },
  { file: 'fx:ses-events.jsonl', at: '"frank@example.com"', reply: '554 5.7.1 Message rejected due to content restrictions', format: 'provider-json', code: '554', enhanced: '5.7.1', recipient: 'frank@example.com', cls: 'permanent' },
  { file: 'fx:ses-bounce-pretty.json', at: '"diagnosticCode"', reply: '550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown in virtual mailbox table', format: 'provider-json', code: '550', enhanced: '5.1.1', label: ['bounceType=Permanent', 'permanent'], recipient: 'bob@example.net', cls: 'permanent' },
  { file: 'fx:sendgrid-events.jsonl', at: '"event":"bounce","category"', reply: "550 5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces.", format: 'provider-json', code: '550', enhanced: '5.1.1', label: ['event=bounce', 'permanent'], recipient: 'bob@example.net', cls: 'permanent' },
  { file: 'fx:sendgrid-events.jsonl', at: '"event":"deferred"', reply: '421 4.7.0 [TSS04] Messages from 149.72.1.1 temporarily deferred due to unexpected volume or user complaints', format: 'provider-json', code: '421', enhanced: '4.7.0', label: ['event=deferred', 'transient'], recipient: 'carol@example.org', cls: 'transient' },
  { file: 'fx:sendgrid-events.jsonl', at: '"event":"delivered"', reply: '250 2.0.0 OK  1709288104 a1si123456qkb.123 - gsmtp', format: 'provider-json', code: '250', enhanced: '2.0.0', label: ['event=delivered', 'success'], recipient: 'dave@example.com', cls: 'success' },
  { file: 'fx:mailgun-events.jsonl', at: '"recipient":"bob@example.net"', reply: '550', replyText: "550 5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces.", format: 'provider-json', code: '550', enhanced: null, label: ['severity=permanent', 'permanent'], recipient: 'bob@example.net', cls: 'permanent' },
  { file: 'fx:mailgun-events.jsonl', at: '"recipient":"carol@example.org"', reply: '452,"message":"4.2.2 The email account that you tried to reach is over quota.', replyText: '452 4.2.2 The email account that you tried to reach is over quota.', format: 'provider-json', code: '452', enhanced: null, label: ['severity=temporary', 'transient'], recipient: 'carol@example.org', cls: 'transient' },
  { file: 'fx:mailgun-pretty.json', at: '"code": 550', reply: '550,\n    "description": "",\n    "mx-host": "gmail-smtp-in.l.google.com",\n    "message": "5.1.1 The email account that you tried to reach does not exist.', replyText: '550 5.1.1 The email account that you tried to reach does not exist.', format: 'provider-json', code: '550', enhanced: null, label: ['severity=permanent', 'permanent'], recipient: 'bob@example.net', cls: 'permanent' },
]);

describe('scanner: what is not a reply in provider JSON', () => {
  it('a SendGrid drop without a code, a Mailgun 605: nothing', () => {
    noFindingOn('fx:sendgrid-events.jsonl', '"event":"dropped"');
    noFindingOn('fx:mailgun-events.jsonl', '"code":605');
  });
});

describe('scanner: counts per document', () => {
  // Every reply of these fixtures, counted by hand: a finding more or less is a bug.
  const expected: Record<string, number> = {
    'transcript-rfc5321.txt': 9, 'telnet-session.txt': 5, 'phpmailer-debug.txt': 6, 'smtplib-debug.txt': 6,
    'nodemailer-debug.log': 7, 'exchange-send-protocol.log': 6, 'exchange-receive-protocol.log': 5,
    'exchange-message-tracking.log': 3, 'ses-events.jsonl': 5, 'sendgrid-events.jsonl': 4, 'mailgun-events.jsonl': 3,
    'qmail-send.log': 5, 'dsn-folded.eml': 4, 'ironport-mail_logs.log': 5, 'exchange-message-tracking-multi.log': 4,
  };
  for (const [name, n] of Object.entries(expected)) {
    it(`${name}: ${n} replies`, () => assert.equal(scanned(`fx:${name}`).findings.length, n));
  }
});

describe('scanner: streaming', () => {
  it('push/end returns what scan returns, a multi-line reply once complete', () => {
    const text = readText(join(FIXTURES, 'telnet-session.txt'));
    const lines = splitLines(text);
    const s = createScanner();
    const perLine = lines.map((l) => s.push(l).map((f) => f.range.start.line));
    const rest = s.end();
    // The EHLO reply (lines 7–10, 0-based 6–9) is returned by the push of its last line.
    assert.deepEqual(perLine[6], []);
    assert.deepEqual(perLine[9], [6]);
    const streamed = [...perLine.flat(), ...rest.map((f) => f.range.start.line)];
    assert.deepEqual(streamed, scan(text).map((f) => f.range.start.line));
  });

  it('a folded Diagnostic-Code is returned when the next field starts, or at the end', () => {
    const s = createScanner();
    assert.deepEqual(s.push('Final-Recipient: rfc822; bob@example.net'), []);
    assert.deepEqual(s.push('Action: failed'), []);
    assert.deepEqual(s.push('Diagnostic-Code: smtp; 550-5.1.1 The email account that you tried to reach'), []);
    assert.deepEqual(s.push('    550 5.1.1 does not exist.'), []);
    const out = s.end();
    assert.equal(out.length, 1);
    assert.equal(out[0].replyText, '550-5.1.1 The email account that you tried to reach\n550 5.1.1 does not exist.');
    assert.deepEqual(out[0].range, { start: { line: 2, character: 23 }, end: { line: 3, character: 29 } });
    assert.equal(out[0].recipient, 'bob@example.net');
  });

  it('the explanation is explain() of the reply text, computed once, and serialised with the finding', () => {
    const [f] = scan('Mar  1 10:15:01 mail postfix/smtp[1]: A1: to=<bob@example.net>, relay=x[192.0.2.1]:25, dsn=5.1.1, status=bounced (host x[192.0.2.1] said: 550 5.1.1 <bob@example.net>: User unknown (in reply to RCPT TO command))');
    assert.equal(f.replyText, '550 5.1.1 <bob@example.net>: User unknown');
    assert.equal(f.explanation, f.explanation);
    assert.deepEqual(f.explanation, explain(f.replyText!));
    const json = JSON.parse(JSON.stringify(f)) as { explanation: { reason: string; code: number } };
    assert.equal(json.explanation.reason, 'user-unknown');
    assert.equal(json.explanation.code, 550);
  });

  it('a line longer than the cap is scanned in its first 64 KB only', () => {
    const reply = '550 5.1.1 <bob@example.net>: Recipient address rejected';
    const head = `Mar  1 10:15:01 mail postfix/smtpd[1]: NOQUEUE: reject: RCPT from x[192.0.2.1]: ${reply}; from=<a@b> to=<bob@example.net> proto=ESMTP helo=<x>`;
    const far = `${'x'.repeat(70 * 1024)} said: 550 5.1.1 too far`;
    const f = scan(`${head} ${far}`);
    assert.equal(f.length, 1);
    assert.equal(f[0].replyText, reply);
  });
});
