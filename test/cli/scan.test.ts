import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ACTIONS, REASON_IDS, REPLY_CLASSES, scan } from '../../src/core';
import { FIXTURES, hasSgr, jsonLines, requireBuild, ROOT, run, SAMPLE, tempDir } from './helpers';

const SEVERITY: Record<string, number> = { unknown: -1, success: 0, intermediate: 1, transient: 2, permanent: 3 };
const sampleText = fs.readFileSync(path.join(ROOT, SAMPLE), 'utf8');
const sampleLines = sampleText.split('\n');

interface Rec {
  file: string; line: number; endLine: number; start: number; end: number; code: number | null; enhanced: string | null;
  class: string; reason: string; action: string; bounce: string | null; provider: string | null; format: string; recipient: string | null;
  summary: string;
}

function records(stdout: string): Rec[] {
  return jsonLines(stdout) as unknown as Rec[];
}

function countBy(recs: Rec[], key: 'class' | 'reason' | 'action'): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of recs) out[r[key]] = (out[r[key]] ?? 0) + 1;
  return out;
}

describe('cli: scan', () => {
  before(requireBuild);
  let all: Rec[];
  before(() => {
    const r = run(['scan', '--json', SAMPLE]);
    assert.equal(r.status, 0, r.stderr);
    all = records(r.stdout);
  });

  it('writes one JSON object per finding, with the documented fields and vocabulary', () => {
    assert.ok(all.length >= 20, `the sample holds many replies, got ${all.length}`);
    for (const f of all) {
      assert.equal(f.file, SAMPLE);
      assert.ok(Number.isInteger(f.line) && f.line >= 1 && f.line <= sampleLines.length, `line ${f.line}`);
      assert.ok(Number.isInteger(f.start) && Number.isInteger(f.end) && f.start >= 0);
      assert.ok(f.code === null || (Number.isInteger(f.code) && f.code >= 200 && f.code <= 599));
      assert.ok(f.enhanced === null || /^[245]\.\d{1,3}\.\d{1,3}$/.test(f.enhanced), String(f.enhanced));
      assert.ok((REPLY_CLASSES as readonly string[]).includes(f.class));
      assert.ok((REASON_IDS as readonly string[]).includes(f.reason));
      assert.ok((ACTIONS as readonly string[]).includes(f.action));
      assert.ok(f.bounce === null || f.bounce === 'hard' || f.bounce === 'soft', String(f.bounce));
      assert.equal(f.bounce === 'hard', f.action === 'do-not-retry', `line ${f.line}: ${f.action} ${f.bounce}`);
      for (const k of ['provider', 'recipient'] as const) assert.ok(f[k] === null || typeof f[k] === 'string');
      assert.equal(typeof f.format, 'string');
      assert.equal(typeof f.summary, 'string');
    }
  });

  it('points line and columns at the reply: the text at `start` is its code', () => {
    for (const f of all.filter((x) => x.endLine === x.line)) {
      const src = sampleLines[f.line - 1];
      assert.ok(f.end <= src.length && f.start < f.end, `line ${f.line}: ${f.start}-${f.end}`);
      const first = f.code !== null ? String(f.code) : f.enhanced;
      if (first) assert.equal(src.slice(f.start, f.start + first.length), first, `line ${f.line}`);
    }
  });

  it('finds what the core finds', () => {
    const core = scan(sampleText);
    assert.equal(all.length, core.length);
    all.forEach((f, i) => {
      assert.equal(f.line, core[i].range.start.line + 1);
      assert.equal(f.start, core[i].range.start.character);
      assert.equal(f.reason, core[i].explanation.reason);
      assert.equal(f.bounce, core[i].explanation.bounce);
    });
  });

  it('agrees with the outcome each sample line states (Postfix status=, Exim ** and ==)', () => {
    // An Exim message id (1rkQ3a-0007Bd-Ef) is followed by its delivery flag.
    const exim = (flag: string) => new RegExp(`\\b\\w{6}-\\w{6}-\\w{2} ${flag} `);
    const expected: [RegExp, string][] = [
      [/status=bounced/, 'permanent'], [exim('\\*\\*'), 'permanent'],
      [/status=deferred/, 'transient'], [exim('=='), 'transient'],
      [/status=sent/, 'success'], [exim('=>'), 'success'],
    ];
    let checked = 0;
    sampleLines.forEach((text, i) => {
      const want = expected.find(([re]) => re.test(text))?.[1];
      if (!want || !/\b[245]\d\d[ -]/.test(text.replace(/\[[^\]]*\]/g, ''))) return;
      const got = all.filter((f) => f.line === i + 1).map((f) => f.class);
      assert.ok(got.includes(want), `line ${i + 1} says ${want}, findings say ${got.join(', ') || 'nothing'}`);
      checked++;
    });
    assert.ok(checked >= 20, `${checked} labelled lines checked`);
  });

  it('covers the cases the sample is there to show', () => {
    const reasons = new Set(all.map((f) => f.reason));
    for (const r of ['user-unknown', 'mailbox-full', 'greylisted', 'rate-limited', 'blocklisted', 'sender-auth-failed', 'accepted']) {
      assert.ok(reasons.has(r), `no ${r} finding in ${SAMPLE}: ${[...reasons].join(', ')}`);
    }
  });

  it('prints readable rows file:line:col  code  class  reason  summary, one per JSON finding', () => {
    const r = run(['scan', SAMPLE]);
    assert.equal(r.status, 0, r.stderr);
    const rows = r.stdout.split('\n').filter(Boolean);
    assert.equal(rows.length, all.length);
    rows.forEach((row, i) => {
      const f = all[i];
      const m = /^(.+):(\d+):(\d+) {2}(\S+(?: \d\.\d+\.\d+)?) +(\S+) +(\S+) {2}/.exec(row);
      assert.ok(m, row);
      assert.deepEqual([m[1], Number(m[2]), Number(m[3]), m[5], m[6]], [SAMPLE, f.line, f.start + 1, f.class, f.reason]);
    });
    assert.ok(!hasSgr(r.stdout));
    assert.ok(hasSgr(run(['scan', '--color', SAMPLE]).stdout, '31'));
  });

  it('reads stdin for - and for no FILE, naming it <stdin>', () => {
    for (const args of [['scan', '--json', '-'], ['scan', '--json']]) {
      const r = run(args, { input: sampleText });
      assert.equal(r.status, 0, r.stderr);
      const recs = records(r.stdout);
      assert.deepEqual(recs.map((f) => ({ ...f, file: SAMPLE })), all);
      assert.ok(recs.every((f) => f.file === '<stdin>'));
    }
  });

  it('--min-class keeps only that class and more severe ones', () => {
    for (const min of ['transient', 'permanent']) {
      const r = run(['scan', '--json', '--min-class', min, SAMPLE]);
      assert.equal(r.status, 0, r.stderr);
      const want = all.filter((f) => SEVERITY[f.class] >= SEVERITY[min]);
      assert.ok(want.length > 0 && want.length < all.length);
      assert.deepEqual(records(r.stdout), want);
    }
    assert.deepEqual(records(run(['scan', '--json', '--min-class=permanent', SAMPLE]).stdout).length, all.filter((f) => f.class === 'permanent').length);
  });

  it('--json --summary counts match the JSON lines', () => {
    const r = run(['scan', '--json', '--summary', SAMPLE]);
    assert.equal(r.status, 0, r.stderr);
    const s = JSON.parse(r.stdout) as Record<string, unknown>;
    assert.equal(s.files, 1);
    assert.equal(s.unreadable, 0);
    assert.equal(s.lines, sampleLines.length - (sampleText.endsWith('\n') ? 1 : 0));
    assert.equal(s.findings, all.length);
    assert.deepEqual(s.byClass, countBy(all, 'class'));
    assert.deepEqual(s.byReason, countBy(all, 'reason'));
    assert.deepEqual(s.byAction, countBy(all, 'action'));
  });

  it('--summary counts match the JSON lines in the readable table too, and honour --min-class', () => {
    for (const extra of [[], ['--min-class', 'transient']]) {
      const r = run(['scan', '--summary', ...extra, SAMPLE]);
      assert.equal(r.status, 0, r.stderr);
      const recs = extra.length ? all.filter((f) => SEVERITY[f.class] >= SEVERITY.transient) : all;
      assert.match(r.stdout, new RegExp(`^${SAMPLE}: \\d+ lines, ${recs.length} SMTP replies`));
      const byClass = countBy(recs, 'class');
      for (const [cls, n] of Object.entries(byClass)) assert.match(r.stdout, new RegExp(`^${cls} +${n}$`, 'm'));
      let current = '';
      const seen: Record<string, number> = {};
      for (const line of r.stdout.split('\n')) {
        const head = /^([a-z]+) +\d+$/.exec(line);
        if (head) current = head[1];
        const row = /^ {2}([a-z-]+) +(\d+) {2}[a-z-]+$/.exec(line);
        if (row) seen[`${current} ${row[1]}`] = Number(row[2]);
      }
      const want: Record<string, number> = {};
      for (const f of recs) want[`${f.class} ${f.reason}`] = (want[`${f.class} ${f.reason}`] ?? 0) + 1;
      assert.deepEqual(seen, want);
    }
  });

  it('finds nothing in an nginx access log: status codes of a web server are not SMTP replies', () => {
    const log = path.join(FIXTURES, 'nginx-access.log');
    const r = run(['scan', '--json', '--fail-on', 'transient', log]);
    assert.equal(r.stdout, '');
    assert.equal(r.status, 0, r.stderr);
    const s = JSON.parse(run(['scan', '--json', '--summary', log]).stdout) as { findings: number; lines: number };
    assert.deepEqual([s.findings, s.lines], [0, 12]);
  });

  describe('input handling', () => {
    let tmp: ReturnType<typeof tempDir>;
    before(() => { tmp = tempDir(); });
    after(() => tmp.remove());

    it('reads CRLF line ends and a UTF-8 byte-order mark with the same lines and columns', () => {
      const crlf = tmp.file('crlf.log', '\ufeff' + sampleText.replace(/\n/g, '\r\n'));
      const r = run(['scan', '--json', crlf]);
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(records(r.stdout).map((f) => ({ ...f, file: SAMPLE })), all);
    });

    it('reads invalid UTF-8 with replacement characters, warns once and still finds the replies', () => {
      const latin1 = Buffer.concat([
        Buffer.from('Mar 14 09:12:18 mx1 postfix/smtp[21463]: C7F0E3B952: to=<ren\xe9@example.fr>, relay=mx.example.fr[203.0.113.40]:25, dsn=5.2.2, status=bounced (host mx.example.fr[203.0.113.40] said: 552 5.2.2 Bo\xeete pleine (in reply to end of DATA command))\n', 'latin1'),
        Buffer.from('Mar 14 09:12:19 mx1 postfix/smtp[21464]: D2A61C4B08: to=<l\xe9a@example.fr>, relay=mx.example.fr[203.0.113.40]:25, dsn=5.1.1, status=bounced (host mx.example.fr[203.0.113.40] said: 550 5.1.1 Utilisateur inconnu (in reply to RCPT TO command))\n', 'latin1'),
      ]);
      const r = run(['scan', '--json', tmp.file('latin1.log', latin1)]);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stderr.match(/not valid UTF-8/g)?.length, 1, r.stderr);
      const recs = records(r.stdout);
      assert.deepEqual(recs.map((f) => [f.line, f.code]), [[1, 552], [2, 550]]);
      const valid = run(['scan', '--json', tmp.file('utf8.log', latin1.toString('latin1'))]);
      assert.equal(valid.stderr, '', 'valid UTF-8 (with é) gives no warning');
    });

    it('copes with a 10 MB line and finds the reply after it', () => {
      const reply = sampleLines.find((l) => l.includes('status=bounced'))!;
      const big = tmp.file('long-line.log', 'x'.repeat(10 * 1024 * 1024) + '\n' + reply + '\n');
      const r = run(['scan', '--json', big]);
      assert.equal(r.status, 0, r.stderr);
      const recs = records(r.stdout);
      assert.ok(recs.length > 0 && recs.every((f) => f.line === 2), JSON.stringify(recs.map((f) => f.line)));
    });

    it('numbers lines per file and names each file', () => {
      const second = tmp.file('second.log', sampleLines.slice(8, 20).join('\n'));
      const r = run(['scan', '--json', SAMPLE, second]);
      assert.equal(r.status, 0, r.stderr);
      const recs = records(r.stdout);
      assert.deepEqual(recs.filter((f) => f.file === SAMPLE), all);
      const inSecond = recs.filter((f) => f.file === second);
      assert.deepEqual(inSecond.map((f) => f.line + 8), all.filter((f) => f.line > 8 && f.line <= 20).map((f) => f.line));
    });
  });
});
