import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { createFlow, CSV_COLUMNS, indexMessages, readEvents, renderFailedRecipientsCsv, renderReportHtml, renderReportMarkdown, type FlowOptions, type FlowResult, type MessageTrail } from '../../src/core/flow';
import { scan } from '../../src/core/scan';

const FLOW = join(__dirname, 'fixtures/flow');
const SCAN = join(__dirname, 'fixtures/scan');

function lines(file: string): string[] {
  return readFileSync(file, 'utf8').split(/\r?\n/);
}

function run(file: string, o: FlowOptions = {}): FlowResult {
  const flow = createFlow({ year: 2026, inputName: () => file, ...o });
  for (const l of lines(file)) flow.push(l);
  return flow.end();
}

function lineOf(file: string, needle: string): number {
  const i = lines(file).findIndex((l) => l.includes(needle));
  assert.ok(i >= 0, needle);
  return i;
}

function message(r: FlowResult, id: string): MessageTrail {
  const m = r.messages.find((x) => x.queueId === id);
  assert.ok(m, `message ${id}`);
  return m;
}

describe('flow: a Postfix log followed message by message', () => {
  const file = join(FLOW, 'postfix-trails.log');
  const report = run(file).report;
  const kept = run(file, { retain: true });

  it('counts messages that entered the queue, not the server\'s notifications, re-queued copies or refused ones', () => {
    // 3A1B…, 6D4E…, 8F6A… (local pickup), 0B8C…; not 4B2C…/9A7B… (bounces), 7E5F… (content filter), 5C3D… (refused by cleanup).
    assert.equal(report.messages, 4);
    assert.deepEqual(report.notifications, { bounce: 2, delay: 0, success: 0, requeue: 1 });
  });

  it('gives each recipient one final state', () => {
    assert.deepEqual(report.recipients, { delivered: 5, bounced: 1, expired: 1, deferred: 1, forwarded: 1 });
    assert.equal(report.deferrals, 7);
    assert.equal(report.rejected, 2);
  });

  it('reads the year from the order of the lines: December, then January of the next year', () => {
    assert.deepEqual(report.period, { first: '2026-12-31T23:58:01', last: '2027-01-01T03:00:21' });
    assert.deepEqual(report.byDay.map((d) => [d.period, d.received, d.delivered, d.deferrals, d.bounced, d.expired, d.rejected]), [
      ['2026-12-31', 1, 2, 1, 1, 0, 0],
      ['2027-01-01', 3, 3, 6, 0, 1, 2],
    ]);
    assert.equal(report.byHour.find((h) => h.period === '2027-01-01T03')?.deferrals, 3);
  });

  it('counts per recipient domain, with the reasons of its failures', () => {
    const d = (name: string) => report.byDomain.find((x) => x.domain === name);
    assert.deepEqual(d('gmail.com'), { domain: 'gmail.com', delivered: 1, deferrals: 0, bounced: 1, expired: 0, deferred: 0, forwarded: 0, rejected: 0, reasons: { 'user-unknown': 1 } });
    assert.deepEqual(d('yahoo.com'), { domain: 'yahoo.com', delivered: 1, deferrals: 1, bounced: 0, expired: 0, deferred: 0, forwarded: 0, rejected: 0, reasons: { reputation: 1 } });
    assert.equal(d('outlook.com')?.delivered, 1);
    assert.equal(d('outlook.com')?.forwarded, 1);
    assert.deepEqual(d('dead.example')?.reasons, { network: 4 });
  });

  it('names the provider from the relay host for deliveries too', () => {
    const p = (name: string) => report.byProvider.find((x) => x.provider === name);
    assert.deepEqual([p('Gmail')?.delivered, p('Gmail')?.bounced], [1, 1]);
    assert.deepEqual([p('Yahoo / AOL')?.delivered, p('Yahoo / AOL')?.deferrals], [1, 1]);
    assert.equal(p('Microsoft 365')?.delivered, 1);
  });

  it('lists the failed recipients with the reply that decided, an expiry with the cause', () => {
    const f = Object.fromEntries(report.failedRecipients.map((x) => [x.recipient, x]));
    assert.deepEqual(Object.keys(f), ['nobody@gmail.com', 'gina@dead.example', 'hank@grey.example']);
    assert.equal(f['nobody@gmail.com'].state, 'bounced');
    assert.equal(f['nobody@gmail.com'].reason, 'user-unknown');
    assert.equal(f['nobody@gmail.com'].action, 'do-not-retry');
    assert.match(f['nobody@gmail.com'].reply ?? '', /^550-5\.1\.1 The email account/);
    assert.equal(f['nobody@gmail.com'].line, lineOf(file, 'to=<nobody@gmail.com>') + 1);
    assert.deepEqual([f['gina@dead.example'].state, f['gina@dead.example'].reason, f['gina@dead.example'].attempts], ['expired', 'network', 3]);
    assert.equal(f['gina@dead.example'].line, lineOf(file, 'status=expired, returned to sender') + 1);
    assert.deepEqual([f['hank@grey.example'].state, f['hank@grey.example'].reason, f['hank@grey.example'].first, f['hank@grey.example'].last], ['deferred', 'greylisted', '2027-01-01T03:00:01', '2027-01-01T03:00:21']);
  });

  it('reviews retries: backoff respected, retried every 10 s, given up after an hour', () => {
    const r = report.retryReview;
    assert.equal(r.reviewed, 3);
    assert.deepEqual(r.verdicts, { 'ok': 1, 'too-fast': 1, 'too-long': 0, 'gave-up-early': 1 });
    const v = Object.fromEntries(r.recipients.map((x) => [x.recipient, x]));
    assert.deepEqual(v['hank@grey.example'].intervals, [10, 10]);
    assert.equal(v['hank@grey.example'].verdict, 'too-fast');
    assert.deepEqual(v['gina@dead.example'].intervals, [600, 1200]);
    assert.equal(v['gina@dead.example'].verdict, 'gave-up-early');
    assert.equal(v['carol@yahoo.com'], undefined, 'an ok verdict is counted, not listed');
  });

  it('retains every message with its lines, recipients and links, for an editor', () => {
    const m = message(kept, '3A1B2C3D4E');
    assert.deepEqual(m.lines, ['3A1B2C3D4E: client=', '3A1B2C3D4E: message-id', '3A1B2C3D4E: from=<alice', 'to=<bob@gmail.com>', 'to=<nobody@gmail.com>',
      '3A1B2C3D4E: sender non-delivery', 'to=<carol@yahoo.com>, relay=mta7.am0.yahoodns.net[67.195.204.72]:25, delay=3,', 'delay=903', 'Jan  1 00:13:04 mx1 postfix/qmgr[1003]: 3A1B2C3D4E: removed']
      .map((n) => lineOf(file, n)));
    assert.equal(m.sender, 'alice@example.org');
    assert.equal(m.messageId, '20261231235801.1@example.org');
    assert.equal(m.origin, 'received');
    assert.equal(m.worst, 'bounced');
    assert.deepEqual(m.children, [{ queueId: '4B2C3D4E5F', kind: 'bounce' }]);
    const carol = m.recipients.find((r) => r.address === 'carol@yahoo.com');
    assert.ok(carol);
    assert.deepEqual(carol.attempts.map((a) => a.status), ['deferred', 'sent']);
    assert.equal(carol.state, 'delivered');
    assert.equal(carol.finalLine, lineOf(file, 'delay=903'));
    assert.equal(carol.attempts[0].finding?.explanation.reason, 'reputation', 'the deferral keeps its reply for the editor');
    assert.equal(carol.review?.verdict, 'ok');
    const bounce = message(kept, '4B2C3D4E5F');
    assert.deepEqual([bounce.origin, bounce.parent], ['notification', '3A1B2C3D4E']);
    const filtered = message(kept, '6D4E5F6A7B');
    assert.deepEqual(filtered.recipients.map((r) => r.state), ['forwarded']);
    assert.deepEqual([message(kept, '7E5F6A7B8C').origin, message(kept, '7E5F6A7B8C').parent], ['requeued', '6D4E5F6A7B']);
    assert.equal(message(kept, '5C3D4E5F6A').rejected, true);
    assert.deepEqual(kept.rejections.map((x) => [x.line, x.recipient]), [
      [lineOf(file, 'NOQUEUE: reject'), 'spam@example.net'], [lineOf(file, 'reject: header'), 'dave@example.net'],
    ]);
  });

  it('the same report whether messages are retained or forgotten', () => {
    assert.deepEqual(kept.report, report);
  });

  it('indexes lines to messages and queue ids to messages', () => {
    const ix = indexMessages(kept.messages);
    assert.equal(ix.at(lineOf(file, 'to=<bob@gmail.com>'))?.queueId, '3A1B2C3D4E');
    assert.equal(ix.at(0), undefined, 'a connect line belongs to no message');
    assert.equal(ix.at(lines(file).length + 10), undefined);
    assert.deepEqual(ix.byQueueId('9A7B8C9D0E').map((m) => m.origin), ['notification']);
  });

  it('--since/--until: only lines in the window count', () => {
    const r = run(file, { since: Date.UTC(2027, 0, 1, 1), until: Date.UTC(2027, 0, 1, 2, 30) }).report;
    assert.equal(r.messages, 1);
    assert.deepEqual(r.recipients, { delivered: 1, bounced: 0, expired: 1, deferred: 0, forwarded: 0 });
    assert.equal(r.deferrals, 3);
    assert.deepEqual(r.period, { first: '2027-01-01T01:00:00', last: '2027-01-01T02:00:00' });
  });

  it('uses findings given by the caller instead of scanning again', () => {
    const flow = createFlow({ year: 2026, scan: false, inputName: () => file });
    const text = lines(file);
    const findings = scan(text.join('\n'));
    text.forEach((l, i) => flow.push(l, findings.filter((f) => f.range.start.line === i)));
    assert.deepEqual(flow.end().report, report);
  });

  it('without attempt replies: each recipient keeps the reply that explains it, its attempts none, the same report', () => {
    const lean = run(file, { retain: true, attemptReplies: false });
    assert.deepEqual(lean.report, report);
    const all = lean.messages.flatMap((m) => m.recipients);
    assert.ok(all.some((r) => r.attempts.length > 1), 'the fixture has recipients tried more than once');
    assert.ok(all.every((r) => r.attempts.every((a) => a.finding === null)));
    const carol = message(lean, '3A1B2C3D4E').recipients.find((r) => r.address === 'carol@yahoo.com');
    assert.equal(carol?.attempts[0].reason, 'reputation', 'an attempt still knows its reason');
    const gina = lean.messages.flatMap((m) => m.recipients).find((r) => r.address === 'gina@dead.example');
    assert.equal(gina?.finding?.explanation.reason, 'network', 'an expiry keeps the last deferral\'s reply');
  });

  it('endPart: settled in parts, the same result as end()', () => {
    for (const retain of [false, true]) {
      const flow = createFlow({ year: 2026, retain, inputName: () => file });
      for (const l of lines(file)) flow.push(l);
      let parts = 0;
      let result: FlowResult | null = null;
      // A stop that always says yes: a part is at most 64 messages, so a small log ends in one part.
      while (!(result = flow.endPart(() => true))) parts++;
      assert.equal(parts, 0);
      assert.deepEqual(result.report, report);
      assert.equal(result.messages.length, retain ? kept.messages.length : 0);
    }
  });

  it('endPart: a log of many messages gives the thread back every 64 of them', () => {
    const flow = createFlow({ year: 2026, retain: true });
    for (let i = 0; i < 200; i++) {
      flow.push(`Mar 30 09:00:01 mx1 postfix/smtp[1]: ${(0x1a2b3c4d00 + i).toString(16).toUpperCase()}: to=<u${i}@example.com>, relay=mx.example.com[192.0.2.1]:25, delay=1, delays=0/0/0/1, dsn=2.0.0, status=sent (250 2.0.0 Ok)`);
    }
    let parts = 0;
    let result: FlowResult | null = null;
    while (!(result = flow.endPart(() => true))) parts++;
    assert.equal(parts, 3, '200 messages: 64, 128, 192, then the rest and the report');
    assert.equal(result.report.recipients.delivered, 200);
    assert.equal(result.messages.length, 200);
  });
});

describe('flow: retry review verdicts', () => {
  const head = (t: string, qid = '1A2B3C4D5E') => `Mar 30 ${t} mx1 postfix/smtp[9]: ${qid}:`;
  const deferred = (t: string, reply: string) => `${head(t)} to=<x@example.com>, relay=mx.example.com[192.0.2.5]:25, delay=1, delays=0/0/0/1, dsn=4.0.0, status=deferred (host mx.example.com[192.0.2.5] said: ${reply} (in reply to RCPT TO command))`;
  function review(extra: string[]) {
    const flow = createFlow({ year: 2026 });
    for (const l of [`Mar 30 00:00:00 mx1 postfix/smtpd[8]: 1A2B3C4D5E: client=a.example[192.0.2.1]`, `Mar 30 00:00:00 mx1 postfix/qmgr[7]: 1A2B3C4D5E: from=<a@a.example>, size=1, nrcpt=1 (queue active)`, ...extra]) flow.push(l);
    return flow.end().report.retryReview;
  }

  it('a 5XX retried is too long: it does not heal by waiting', () => {
    const r = review([deferred('00:00:01', '550 5.1.1 <x@example.com>: Recipient address rejected: User unknown'), deferred('01:00:01', '550 5.1.1 <x@example.com>: Recipient address rejected: User unknown')]);
    assert.equal(r.recipients[0].verdict, 'too-long');
    assert.match(r.recipients[0].why, /permanent failure/);
  });

  it('more than ten deferrals is too long, even with a proper backoff', () => {
    const times = ['00:00:01', '00:05:01', '00:15:01', '00:35:01', '01:15:01', '02:15:01', '03:15:01', '04:15:01', '05:15:01', '06:15:01', '07:15:01'];
    const r = review(times.map((t) => deferred(t, '451 4.3.0 Temporary local problem')));
    assert.deepEqual([r.recipients[0].verdict, r.recipients[0].deferrals], ['too-long', 11]);
  });

  it('a backoff that follows the schedule is ok, and not listed', () => {
    const r = review(['00:00:01', '00:05:01', '00:15:01'].map((t) => deferred(t, '451 4.3.0 Temporary local problem')));
    assert.deepEqual([r.reviewed, r.verdicts.ok, r.recipients.length], [1, 1, 0]);
  });
});

describe('flow: other MTAs', () => {
  it('Exim: <=, =>, ==, **, Completed and a bounce linked by R=', () => {
    const text = [
      '2026-11-29 10:00:01 1vPqRs-000ABC-12 <= alice@example.org H=mail.example.org [192.0.2.10] P=esmtp S=1234 id=m1@example.org',
      '2026-11-29 10:00:02 1vPqRs-000ABC-12 => bob@example.com R=dnslookup T=remote_smtp H=mx.example.com [203.0.113.5] C="250 2.0.0 OK"',
      '2026-11-29 10:00:03 1vPqRs-000ABC-12 == carol@example.net R=dnslookup T=remote_smtp defer (-44) H=mx.example.net [203.0.113.6]: SMTP error from remote mail server after RCPT TO:<carol@example.net>: 451 4.7.1 Greylisted, try later',
      '2026-11-29 10:00:04 1vPqRs-000ABC-12 ** dave@example.net R=dnslookup T=remote_smtp H=mx.example.net [203.0.113.6]: SMTP error from remote mail server after RCPT TO:<dave@example.net>: 550 5.1.1 User unknown',
      '2026-11-29 10:00:04 1vPqRt-000ABD-13 <= <> R=1vPqRs-000ABC-12 U=Debian-exim P=local S=2345',
      '2026-11-29 10:00:05 1vPqRt-000ABD-13 => alice@example.org R=dnslookup T=remote_smtp H=mail.example.org [192.0.2.10] C="250 OK"',
      '2026-11-29 10:00:05 1vPqRt-000ABD-13 Completed',
      '2026-11-29 10:10:03 1vPqRs-000ABC-12 => carol@example.net R=dnslookup T=remote_smtp H=mx.example.net [203.0.113.6] C="250 OK"',
      '2026-11-29 10:10:03 1vPqRs-000ABC-12 Completed',
      '2026-11-29 10:11:00 H=(spam) [203.0.113.99] F=<x@spam.example> rejected RCPT <bob@example.com>: relay not permitted',
    ];
    const flow = createFlow({ retain: true });
    for (const l of text) flow.push(l);
    const r = flow.end();
    assert.equal(r.report.messages, 1);
    assert.deepEqual(r.report.recipients, { delivered: 3, bounced: 1, expired: 0, deferred: 0, forwarded: 0 });
    assert.deepEqual([r.report.deferrals, r.report.rejected, r.report.notifications.bounce], [1, 1, 1]);
    assert.equal(r.report.failedRecipients[0].reason, 'user-unknown');
    assert.deepEqual(r.messages[0].children, [{ queueId: '1vPqRt-000ABD-13', kind: 'bounce' }]);
    assert.equal(r.report.byReason.find((x) => x.reason === 'relay-denied')?.rejected, 1, 'a reject worded without a code has its reason');
  });

  it('Sendmail: one line delivers to several recipients', () => {
    const text = [
      'Apr  2 00:15:25 mta001 sendmail[32300]: u31FFPtp032300: from=<grandeur09@gmail.com>, size=5938, class=0, nrcpts=3, msgid=<m@gmail.com>, proto=ESMTP, daemon=MTA, relay=[64.233.187.27]',
      'Apr  2 00:15:25 mta001 sendmail[32302]: u31FFPtp032300: to=<sent1@example.com>,<sent2@example.com>, delay=00:00:00, xdelay=00:00:00, mailer=esmtp, pri=245938, relay=[93.184.216.34] [93.184.216.34], dsn=2.0.0, stat=Sent (ok:  Message 40279894 accepted)',
      'Apr  2 00:15:26 mta001 sendmail[12566]: u31FFPtp032300: to=<gone@example.com>, delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=34527, relay=mx.example.com. [93.184.216.34], dsn=5.1.1, stat=User unknown',
      'Apr  2 00:15:26 mta001 sendmail[12566]: u31FFPtp032300: u31FFPup032301: DSN: User unknown',
    ];
    const flow = createFlow({ year: 2016, retain: true });
    for (const l of text) flow.push(l);
    const out = flow.end();
    assert.equal(out.report.messages, 1);
    assert.deepEqual(out.report.recipients, { delivered: 2, bounced: 1, expired: 0, deferred: 0, forwarded: 0 });
    assert.deepEqual(out.report.failedRecipients.map((f) => [f.recipient, f.reason]), [['gone@example.com', 'user-unknown']]);
    assert.deepEqual(out.messages[0].children, [{ queueId: 'u31FFPup032301', kind: 'bounce' }]);
  });

  it('Exchange message tracking: RECEIVE, SEND with a status per recipient, FAIL', () => {
    const r = run(join(SCAN, 'exchange-message-tracking-multi.log'), { retain: true });
    assert.equal(r.report.messages, 1);
    // 42949672961: bob sent (";250 2.0.0OK"), carol failed; 42949672962: dave and erin sent.
    assert.deepEqual(r.report.recipients, { delivered: 3, bounced: 1, expired: 0, deferred: 0, forwarded: 0 });
    const m = message(r, '42949672961');
    assert.deepEqual(m.recipients.map((x) => [x.address, x.state, x.finding?.explanation.class ?? null]), [
      ['bob@gmail.com', 'delivered', 'success'], ['carol@example.org', 'bounced', 'permanent'],
    ]);
    assert.equal(r.report.byProvider.find((p) => p.provider === 'Gmail')?.delivered, 1);
  });

  it('IronPort mail_logs: MIDs, RIDs, Response lines, Bounced and Delayed', () => {
    const file = join(SCAN, 'ironport-mail_logs.log');
    const r = run(file, { retain: true });
    assert.equal(r.report.messages, 3);
    assert.deepEqual(r.report.recipients, { delivered: 2, bounced: 2, expired: 0, deferred: 0, forwarded: 0 });
    assert.equal(r.report.deferrals, 1);
    const m = message(r, '5001');
    assert.deepEqual(m.recipients.map((x) => [x.address, x.state]), [['bob@gmail.com', 'delivered'], ['nobody@yahoo.com', 'bounced']]);
    const bob = m.recipients[0];
    assert.equal(bob.attempts[0].finding?.replyText, '2.0.0 OK  1774861206 a1si1234567wra.12 - gsmtp', "the Response line's reply joins the attempt");
    assert.deepEqual(m.lines.map((l) => l + 1), [3, 4, 5, 6, 7, 8, 9, 10, 13, 14, 15, 18, 19, 21], 'every line naming MID 5001');
    const f = Object.fromEntries(r.report.failedRecipients.map((x) => [x.recipient, x.reason]));
    assert.deepEqual(f, { 'nobody@yahoo.com': 'user-unknown', 'carol@example.org': 'domain-unknown' });
  });
});

describe('flow: event reader', () => {
  it('reads times of every format, the year of syslog from the reference time', () => {
    const ev = readEvents([
      'Mar 30 09:00:01 mx1 postfix/qmgr[1]: 1A2B3C4D5E: removed',
      '2026-03-30T09:00:02.250+02:00 mx1 postfix/qmgr[1]: 1A2B3C4D5F: removed',
      '2026-03-30 09:00:03 1vPqRs-000ABC-12 Completed',
      'Mon Mar 30 09:00:04 2026 Info: Message finished MID 5 done',
      '<22>Mar 30 09:00:05 mx1 postfix/qmgr[1]: 1A2B3C4D60: removed',
    ].join('\n'), { referenceTime: Date.UTC(2026, 5, 1) });
    assert.deepEqual(ev.map((e) => new Date(e.event.time).toISOString()), [
      '2026-03-30T09:00:01.000Z', '2026-03-30T09:00:02.250Z', '2026-03-30T09:00:03.000Z', '2026-03-30T09:00:04.000Z', '2026-03-30T09:00:05.000Z',
    ]);
    // A first month later than the reference's: the log began last year.
    assert.equal(new Date(readEvents('Dec 30 09:00:01 mx1 postfix/qmgr[1]: 1A2B3C4D5E: removed', { referenceTime: Date.UTC(2027, 0, 2) })[0].event.time).getUTCFullYear(), 2026);
  });

  it('reads a client connecting, before any message', () => {
    const ev = readEvents([
      'Mar 30 09:00:01 mx1 postfix/smtpd[1]: connect from mail.example.org[192.0.2.10]',
      '2026-03-30 09:00:02 SMTP connection from (helo.example) [192.0.2.11]:4321 (TCP/IP connection count = 1)',
      'Mon Mar 30 09:00:03 2026 Info: New SMTP ICID 101 interface Management (192.0.2.1) address 198.51.100.20 reverse dns host mail.partner.example verified yes',
    ].join('\n'), { year: 2026 });
    assert.deepEqual(ev.map((e) => [e.event.mta, e.event.kind, e.event.queueId, e.event.client]), [
      ['postfix', 'connect', null, 'mail.example.org[192.0.2.10]'],
      ['exim', 'connect', null, '(helo.example) [192.0.2.11]:4321'],
      ['ironport', 'connect', null, 'mail.partner.example[198.51.100.20]'],
    ]);
  });

  it('finds nothing in lines of other programs, or in noise', () => {
    const noise = ['Mar 30 09:00:01 host sshd[1]: Accepted publickey for root', 'Mar 30 09:00:01 mx1 postfix/smtpd[1]: warning: hostname does not resolve', 'garbage', '', 'x'.repeat(100_000)];
    assert.deepEqual(readEvents(noise.join('\n'), { year: 2026 }), []);
  });
});

describe('flow: rendering', () => {
  const report = run(join(FLOW, 'postfix-trails.log')).report;

  it('HTML: one self-contained page, no script, no network, with charts and the totals', () => {
    const html = renderReportHtml(report, { source: 'mail.log <&>' });
    assert.ok(html.startsWith('<!DOCTYPE html>'));
    assert.doesNotMatch(html, /<script|\bsrc=|\bhref=|@import|url\(/i);
    assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
    assert.ok(html.includes('<svg'), 'a chart');
    assert.ok(html.includes('mail.log &lt;&amp;&gt;'), 'text is escaped');
    assert.ok(html.includes('<td>nobody@gmail.com</td>'));
    assert.match(html, /<tr data-file="[^"]*postfix-trails.log" data-line="7">/);
  });

  it('HTML: a nonce on its style for a policy that allows styles by nonce only, and no style attribute that one would block', () => {
    const html = renderReportHtml(report, { head: '<meta http-equiv="Content-Security-Policy" content="style-src \'nonce-abc\'">', nonce: 'abc' });
    assert.match(html, /<style nonce="abc">/);
    assert.doesNotMatch(html, /\sstyle=/);
    assert.match(html, /<div class="legend"><span><i class="ok"><\/i>delivered/);
    assert.doesNotMatch(renderReportHtml(report), /\snonce=/);
  });

  it('CSV: the failed recipients, one row each, a formula guarded, quotes doubled', () => {
    const csv = renderFailedRecipientsCsv([
      ...report.failedRecipients,
      { ...report.failedRecipients[0], recipient: '=cmd@example.com', reply: '550 "no", really\nno' },
    ]);
    const rows = csv.split('\r\n');
    assert.equal(rows[0], CSV_COLUMNS.join(','));
    assert.equal(rows.length, report.failedRecipients.length + 3, 'header, rows, and the empty string after the last CRLF');
    assert.match(rows[1], /^nobody@gmail\.com,bounced,user-unknown,do-not-retry,hard,/);
    assert.ok(csv.includes(`'=cmd@example.com`));
    assert.ok(csv.includes('"550 ""no"", really\nno"'));
  });

  it('HTML: text from the log cannot inject markup', () => {
    const evil = createFlow({ year: 2026 });
    evil.push('Mar 30 09:00:01 mx1 postfix/smtp[1]: 1A2B3C4D5E: to=<"<img src=x>"@example.com>, relay=none, delay=1, delays=0/0/1/0, dsn=5.1.1, status=bounced (host x[192.0.2.1] said: 550 5.1.1 <script>alert(1)</script> (in reply to RCPT TO command))');
    const html = renderReportHtml(evil.end().report);
    assert.doesNotMatch(html, /<script|<img/);
  });

  it('Markdown: tables with the same figures', () => {
    const md = renderReportMarkdown(report);
    assert.match(md, /^# Delivery report: 4 messages, 5 delivered, 1 bounced, 1 expired, 1 still deferred/);
    assert.match(md, /\| gmail\.com \| 1 \| 0 \| 1 \| 0 \| 0 \| 0 \| user-unknown 1 \|/);
  });
});
