import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ACTIONS, REASON_IDS } from '../../src/core';
import { hasSgr, noStackTrace, requireBuild, ROOT, run, tempDir } from './helpers';
import { CORPUS, hasCorpus } from '../support/corpus';

const TRAILS = path.join(ROOT, 'test/core/fixtures/flow/postfix-trails.log');

interface Report {
  files: string[]; unreadable: number; lines: number; messages: number;
  period: { first: string | null; last: string | null };
  recipients: { delivered: number; bounced: number; expired: number; deferred: number; forwarded: number };
  deferrals: number; rejected: number; notifications: Record<string, number>;
  byDomain: { domain: string; delivered: number; deferrals: number; bounced: number; expired: number; deferred: number; rejected: number; reasons: Record<string, number> }[];
  byReason: { reason: string; deferrals: number; bounced: number; expired: number; rejected: number; actions: Record<string, number> }[];
  byAction: Record<string, number>;
  byProvider: { provider: string }[];
  byDay: { period: string; received: number; delivered: number; deferrals: number; bounced: number; expired: number; rejected: number }[];
  byHour: { period: string }[];
  failedRecipients: { recipient: string; state: string; reason: string; action: string | null; bounce: string | null; attempts: number; messages: number; first: string; last: string; reply: string | null; queueId: string; file: string; line: number }[];
  retryReview: { reviewed: number; verdicts: Record<string, number>; recipients: { recipient: string; verdict: string; intervals: number[]; lines: number[] }[]; omitted: number; thresholds: Record<string, number> };
}

describe('cli: report', () => {
  before(requireBuild);
  const tmp = tempDir();
  // A copy whose modification time says when the log ends: syslog writes no year.
  const log = tmp.file('mail.log', fs.readFileSync(TRAILS));
  fs.utimesSync(log, new Date('2027-01-01T04:00:00Z'), new Date('2027-01-01T04:00:00Z'));
  after(() => tmp.remove());

  function json(args: string[], input?: string): Report {
    const r = run(['report', '--json', ...args], input === undefined ? {} : { input });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout) as Report;
  }

  it('--json: one object with the documented fields', () => {
    const r = run(['report', '--json', log]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim().split('\n').length, 1, 'one line, one object');
    const o = JSON.parse(r.stdout) as Report;
    assert.deepEqual(o.files, [log]);
    assert.equal(o.unreadable, 0);
    assert.equal(o.messages, 4);
    assert.deepEqual(o.recipients, { delivered: 5, bounced: 1, expired: 1, deferred: 1, forwarded: 1 });
    assert.equal(o.deferrals, 7);
    assert.equal(o.rejected, 2);
    assert.deepEqual(o.period, { first: '2026-12-31T23:58:01', last: '2027-01-01T03:00:21' });
    for (const d of o.byDomain) for (const k of ['delivered', 'deferrals', 'bounced', 'expired', 'deferred', 'rejected'] as const) assert.ok(Number.isInteger(d[k]), `${d.domain}.${k}`);
    for (const x of o.byReason) {
      assert.ok((REASON_IDS as readonly string[]).includes(x.reason), x.reason);
      for (const a of Object.keys(x.actions)) assert.ok((ACTIONS as readonly string[]).includes(a), a);
    }
    assert.deepEqual(o.byDay.map((d) => d.period), ['2026-12-31', '2027-01-01']);
    assert.ok(o.byHour.length >= 4);
    assert.deepEqual(o.failedRecipients.map((f) => [f.recipient, f.state, f.reason, f.action, f.attempts, f.line]), [
      ['nobody@gmail.com', 'bounced', 'user-unknown', 'do-not-retry', 1, 7],
      ['gina@dead.example', 'expired', 'network', 'retry', 3, 35],
      ['hank@grey.example', 'deferred', 'greylisted', 'retry', 3, 46],
    ]);
    for (const f of o.failedRecipients) {
      assert.equal(f.file, log);
      assert.ok(f.bounce === null || f.bounce === 'hard' || f.bounce === 'soft');
      assert.match(f.first, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    }
    assert.deepEqual(o.retryReview.verdicts, { 'ok': 1, 'too-fast': 1, 'too-long': 0, 'gave-up-early': 1 });
    assert.equal(o.retryReview.thresholds.tooFastShare, 0.5);
    // Deferred on lines 44, 45 and 46: the second and third came 10 s after the one before.
    assert.deepEqual(o.retryReview.recipients.find((x) => x.recipient === 'hank@grey.example')?.lines, [45, 46]);
  });

  it('--csv: the failed recipients, one row each, quoted where needed', () => {
    const r = run(['report', '--csv', log]);
    assert.equal(r.status, 0, r.stderr);
    const rows = r.stdout.trimEnd().split('\r\n');
    assert.equal(rows[0], 'recipient,state,reason,action,bounce,attempts,messages,first,last,reply,queueId,file,line');
    assert.equal(rows.length, 4);
    assert.match(rows[1], /^nobody@gmail\.com,bounced,user-unknown,do-not-retry,(hard|soft)?,1,1,2026-12-31T23:58:03,2026-12-31T23:58:03,550-5\.1\.1 The email account that you tried to reach does not exist\. [^,]*,3A1B2C3D4E,[^,]*mail\.log,7$/);
    assert.match(rows[2], /^gina@dead\.example,expired,network,retry,/);
  });

  it('--markdown and the readable text carry the same figures', () => {
    const md = run(['report', '--markdown', log]);
    assert.equal(md.status, 0);
    assert.match(md.stdout, /^# Delivery report: 4 messages, 5 delivered, 1 bounced, 1 expired, 1 still deferred/);
    const text = run(['report', log]);
    assert.equal(text.status, 0);
    assert.match(text.stdout, /Messages received\s+4\n/);
    assert.match(text.stdout, /Rejected before queueing\s+2\n/);
    assert.match(text.stdout, /\nFailed recipients \(3\)\n/);
    assert.match(text.stdout, /hank@grey\.example\s+too-fast\s+3\s+10s 10s/);
    assert.ok(!hasSgr(text.stdout), 'no colour when NO_COLOR is set');
    assert.ok(hasSgr(run(['report', '--color', log]).stdout), 'colour when asked');
  });

  it('--html FILE: writes one self-contained page, prints nothing', () => {
    const out = path.join(tmp.dir, 'report.html');
    const r = run(['report', '--html', out, log]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '');
    const html = fs.readFileSync(out, 'utf8');
    assert.ok(html.startsWith('<!DOCTYPE html>'));
    assert.doesNotMatch(html, /<script|\bsrc=|\bhref=/i);
    assert.ok(html.includes('<svg'));
    assert.ok(html.includes('hank@grey.example'));
  });

  it('--since and --until keep the lines of a window', () => {
    const o = json(['--since', '2027-01-01T01:00', '--until', '2027-01-01 02:30', log]);
    assert.equal(o.messages, 1);
    assert.deepEqual(o.recipients, { delivered: 1, bounced: 0, expired: 1, deferred: 0, forwarded: 0 });
  });

  it('reads stdin, and several files as one log (rotated logs, oldest first)', () => {
    const lines = fs.readFileSync(TRAILS, 'utf8').split('\n');
    // The older file ends after carol's first deferral; the newer one starts with her delivery.
    const a = tmp.file('mail.log.1', lines.slice(0, 13).join('\n') + '\n');
    const b = tmp.file('mail.log.0', lines.slice(13).join('\n'));
    for (const f of [a, b]) fs.utimesSync(f, new Date('2027-01-01T04:00:00Z'), new Date('2027-01-01T04:00:00Z'));
    const both = json([a, b]);
    assert.deepEqual(both.recipients, { delivered: 5, bounced: 1, expired: 1, deferred: 1, forwarded: 1 });
    assert.deepEqual(both.files, [a, b]);
    const carol = json([a]);
    assert.equal(carol.recipients.deferred, 1, 'carol is still deferred at the end of the older file');
    const piped = json(['-'], lines.slice(14).join('\n'));
    assert.deepEqual(piped.files, ['<stdin>']);
    assert.equal(piped.rejected, 2);
  });

  it('an unreadable input: a one-line message, the others reported, exit 3', () => {
    const bin = tmp.file('binary.log', Buffer.from([0x41, 0x00, 0x42, 0x0a]));
    const r = run(['report', '--json', path.join(tmp.dir, 'missing.log'), bin, tmp.dir, log]);
    assert.equal(r.status, 3);
    assert.match(r.stderr, /missing\.log: no such file or directory/);
    assert.match(r.stderr, /binary\.log: binary file, skipped/);
    assert.match(r.stderr, /is a directory/);
    assert.ok(noStackTrace(r.stderr));
    const o = JSON.parse(r.stdout) as Report;
    assert.equal(o.unreadable, 3);
    assert.equal(o.messages, 4);
  });

  it('usage errors: exit 2 with the reason', () => {
    const cases: [string[], RegExp][] = [
      [['report', '--json', '--csv', log], /choose one of '--json', '--csv'/],
      [['report', '--since', 'yesterday', log], /option '--since' takes a time such as 2026-11-29/],
      [['report', '--since', '2027-01-02', '--until', '2027-01-01', log], /'--since' must be earlier than '--until'/],
      [['report', '--html'], /option '--html' needs a value: a file name/],
      [['report', '--html', path.join(tmp.dir, 'no/such/dir/r.html'), log], /cannot write/],
      [['report', '--summary', log], /option '--summary' does not apply to 'report'/],
      [['report', '-', '-'], /can be read only once/],
      [['scan', '--csv', log], /option '--csv' does not apply to 'scan'/],
    ];
    for (const [args, message] of cases) {
      const r = run(args);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, message);
      assert.ok(noStackTrace(r.stderr));
    }
  });

  it('a file with no mail-server lines: an empty report, not an error', () => {
    const r = run(['report', path.join(ROOT, 'test/cli/fixtures/nginx-access.log')]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /No mail-server events found/);
  });

  it('a 10 MB line and lines of garbage are passed over', () => {
    const big = tmp.file('big.log', `${'x'.repeat(10 * 1024 * 1024)}\n${fs.readFileSync(TRAILS, 'utf8')}`);
    fs.utimesSync(big, new Date('2027-01-01T04:00:00Z'), new Date('2027-01-01T04:00:00Z'));
    const o = json([big]);
    assert.equal(o.messages, 4);
    assert.equal(o.lines, fs.readFileSync(TRAILS, 'utf8').trimEnd().split('\n').length + 1);
  });
});

describe('cli: report on Exim and Sendmail logs of the corpus', function () {
  before(function () {
    if (!hasCorpus()) {
      this.skip();
    }
    requireBuild();
  });

  it('Exim test-suite mainlogs: messages, deliveries, failures, deferrals', () => {
    const dir = path.join(CORPUS, 'exim/exim-testsuite/log');
    const files = ['0015', '0179', '0215', '0478', '0612'].map((f) => path.join(dir, f)).filter((f) => fs.existsSync(f));
    assert.ok(files.length >= 3);
    const r = run(['report', '--json', ...files]);
    assert.equal(r.status, 0, r.stderr);
    const o = JSON.parse(r.stdout) as Report;
    const text = files.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
    // Every `<=` of a message that is not a bounce (`<= <> … R=id`) is a message received.
    const arrivals = text.split('\n').filter((l) => / <= /.test(l) && !/ <= <> .*R=\S{16}/.test(l)).length;
    assert.equal(o.messages, arrivals);
    assert.ok(o.recipients.delivered > 0 && o.recipients.bounced > 0, JSON.stringify(o.recipients));
    assert.ok(o.byDomain.length > 0);
    assert.equal(o.period.first?.slice(0, 10), '1999-03-02');
  });

  it('Exim rejectlogs: every rejection is counted, with a reason', () => {
    const dir = path.join(CORPUS, 'exim/exim-testsuite/rejectlog');
    const files = fs.readdirSync(dir).slice(0, 40).map((f) => path.join(dir, f));
    const r = run(['report', '--json', ...files]);
    assert.equal(r.status, 0, r.stderr);
    const o = JSON.parse(r.stdout) as Report;
    const lines = files.flatMap((f) => fs.readFileSync(f, 'utf8').split('\n'));
    const rejections = lines.filter((l) => /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? (.* )?rejected (RCPT|MAIL|after|EHLO|HELO|connection|[A-Z(])/.test(l)).length;
    assert.equal(o.rejected, rejections);
    const unknown = o.byReason.find((x) => x.reason === 'unknown')?.rejected ?? 0;
    assert.ok(unknown < o.rejected, 'most rejections have a reason');
  });

  it('Sendmail (fluent-plugin-sendmail test data): one message, its recipients and its deferrals', () => {
    const file = path.join(CORPUS, 'sendmail/fluent-plugin-sendmail-test-data.log');
    const r = run(['report', '--json', file]);
    assert.equal(r.status, 0, r.stderr);
    const o = JSON.parse(r.stdout) as Report;
    assert.equal(o.messages, 1);
    // sent1-4 and root: delivered; deferred1: deferred, then delivered; deferred2: still deferred.
    assert.deepEqual(o.recipients, { delivered: 6, bounced: 0, expired: 0, deferred: 1, forwarded: 0 });
    assert.equal(o.deferrals, 2);
    assert.deepEqual(o.failedRecipients.map((f) => [f.recipient, f.state, f.reason]), [['deferred2@example.com', 'deferred', 'server-error']]);
  });
});
