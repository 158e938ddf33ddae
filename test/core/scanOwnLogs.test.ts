import { strict as assert } from 'assert';
import { readdirSync } from 'fs';
import { join } from 'path';
import { scan } from '../../src/core/scan';
import type { Finding, FormatId } from '../../src/core/types';
import type { ReplyClass } from '../../src/core/vocabulary';
import { CORPUS_COPIES } from '../support/corpus';
import { PROJECT_ROOT } from '../support/root';
import { FIXTURES, filesUnder, firstLineWith, onLine, readText, scanFile, sliceRange, splitLines, type Scanned } from './fixtures/scan/support';

// Every format the scanner reads, in logs the project keeps: fixtures written for it (test/core/fixtures/scan, in the
// style of each MTA, with documentation addresses), and the corpus's MIT and BSD files it copies
// (test/fixtures/corpus). These run in a fresh clone; the real-log corpus adds thousands of lines on top
// (scanFormats, scanLabels, scanNegatives), when there is one.

interface Expected {
  /** A file of test/core/fixtures/scan. */
  file: string;
  /** Text of the line where the reply starts (its first occurrence). */
  at: string;
  /** The text the finding's range covers (lines joined by `\n`). */
  reply: string;
  format: FormatId;
  code: string | null;
  enhanced: string | null;
  label: [string, ReplyClass] | null;
  recipient: string | null;
  cls: ReplyClass;
  /** What `explain` was given, when it is not the range's text. */
  replyText?: string;
}

const scanned = new Map<string, Scanned>();
function fixture(name: string): Scanned {
  let s = scanned.get(name);
  if (!s) scanned.set(name, (s = scanFile(join(FIXTURES, name))));
  return s;
}

function expectReply(e: Expected): void {
  const s = fixture(e.file);
  const line = firstLineWith(s, e.at);
  const here = onLine(s, line);
  const f = here.find((x) => sliceRange(s.lines, x.range) === e.reply);
  assert.ok(f, `no finding ${JSON.stringify(e.reply)} on line ${line + 1}; found ${JSON.stringify(here.map((x) => sliceRange(s.lines, x.range)))}`);
  assert.equal(f.format, e.format);
  assert.equal(f.codeRange ? sliceRange(s.lines, f.codeRange) : null, e.code, 'code range');
  assert.equal(f.enhancedRange ? sliceRange(s.lines, f.enhancedRange) : null, e.enhanced, 'enhanced range');
  assert.deepEqual(f.label ? [f.label.text, f.label.class] : null, e.label, 'label');
  assert.equal(f.recipient, e.recipient, 'recipient');
  assert.equal(f.replyText, e.replyText ?? e.reply, 'text given to explain');
  assert.equal(f.explanation.class, e.cls, 'class');
}

function formats(title: string, cases: Expected[]): void {
  describe(title, () => {
    for (const e of cases) it(`${e.file}: ${e.reply.split('\n')[0].slice(0, 70)}`, () => expectReply(e));
  });
}

formats('own logs: Postfix', [
  { file: 'postfix.log', at: 'to=<bob@example.com>', reply: '250 2.0.0 Ok: queued as 4Tq9Xk1mZz', format: 'postfix', code: '250', enhanced: '2.0.0', label: ['sent', 'success'], recipient: 'bob@example.com', cls: 'success' },
  { file: 'postfix.log', at: 'to=<carol@example.com>', reply: '550 5.1.1 <carol@example.com>: Recipient address rejected: User unknown in local recipient table', format: 'postfix', code: '550', enhanced: '5.1.1', label: ['bounced', 'permanent'], recipient: 'carol@example.com', cls: 'permanent' },
  { file: 'postfix.log', at: 'to=<dave@example.net>', reply: '452 4.2.2 <dave@example.net>: Mailbox full', format: 'postfix', code: '452', enhanced: '4.2.2', label: ['deferred', 'transient'], recipient: 'dave@example.net', cls: 'transient' },
  { file: 'postfix.log', at: 'to=<erin@example.net>', reply: '4.4.1, status=deferred (connect to mx2.example.net[203.0.113.5]:25: Connection timed out', replyText: '4.4.1 connect to mx2.example.net[203.0.113.5]:25: Connection timed out', format: 'postfix', code: null, enhanced: '4.4.1', label: ['deferred', 'transient'], recipient: 'erin@example.net', cls: 'transient' },
  { file: 'postfix.log', at: 'refused to talk to me: 421', reply: '421 4.7.0 Too many connections from your IP, try again later', format: 'postfix', code: '421', enhanced: '4.7.0', label: ['deferred', 'transient'], recipient: 'fred@example.net', cls: 'transient' },
  { file: 'postfix.log', at: 'Relay access denied', reply: '554 5.7.1 <frank@example.org>: Relay access denied', format: 'postfix', code: '554', enhanced: '5.7.1', label: ['reject', 'permanent'], recipient: 'frank@example.org', cls: 'permanent' },
  { file: 'postfix.log', at: 'cannot find your hostname', reply: '450 4.7.1 Client host rejected: cannot find your hostname, [192.0.2.99]', format: 'postfix', code: '450', enhanced: '4.7.1', label: ['reject', 'transient'], recipient: 'grace@example.org', cls: 'transient' },
  // Logged, not rejected: the label says the mail went through, the reply would have refused it.
  { file: 'postfix.log', at: 'reject_warning:', reply: '554 5.7.1 Service unavailable; Client host [192.0.2.98] blocked using zen.spamhaus.org', format: 'postfix', code: '554', enhanced: '5.7.1', label: ['reject_warning', 'success'], recipient: 'heidi@example.org', cls: 'permanent' },
  { file: 'postfix.log', at: 'milter-reject:', reply: '5.7.1 Rejected by spam filter', format: 'postfix', code: null, enhanced: '5.7.1', label: ['milter-reject', 'permanent'], recipient: 'ivan@example.org', cls: 'permanent' },
  { file: 'postfix.log', at: 'postscreen', reply: '550 5.7.1 Service unavailable; client [192.0.2.96] blocked using bl.example.org', format: 'postfix', code: '550', enhanced: '5.7.1', label: ['reject', 'permanent'], recipient: 'judy@example.org', cls: 'permanent' },
  { file: 'postfix.log', at: 'to=<kim@example.com>', reply: "550-5.7.26 Unauthenticated email from example.org is not accepted due to domain's 550-5.7.26 DMARC policy. Please contact the administrator of example.org domain 550 5.7.26 if this was a legitimate mail. - gsmtp", format: 'postfix', code: '550', enhanced: '5.7.26', label: ['bounced', 'permanent'], recipient: 'kim@example.com', cls: 'permanent' },
  { file: 'postfix.log', at: 'postfix/local', reply: '5.1.1, status=bounced (unknown user: "leo"', replyText: '5.1.1 unknown user: "leo"', format: 'postfix', code: null, enhanced: '5.1.1', label: ['bounced', 'permanent'], recipient: 'leo@mx1.example.org', cls: 'permanent' },
]);

formats('own logs: Exim mainlog and rejectlog', [
  { file: 'exim-mainlog', at: ' => bob@example.com', reply: '250 2.0.0 Ok: queued as 4Tq9Xk1mZz', format: 'exim', code: '250', enhanced: '2.0.0', label: ['=>', 'success'], recipient: 'bob@example.com', cls: 'success' },
  { file: 'exim-mainlog', at: ' -> bob.smith@example.com', reply: '250 2.0.0 Ok: queued as 4Tq9Xk1mZz', format: 'exim', code: '250', enhanced: '2.0.0', label: ['->', 'success'], recipient: 'bob.smith@example.com', cls: 'success' },
  { file: 'exim-mainlog', at: ' ** carol@example.com', reply: '550 5.1.1 <carol@example.com>: Recipient address rejected: User unknown in local recipient table', format: 'exim', code: '550', enhanced: '5.1.1', label: ['**', 'permanent'], recipient: 'carol@example.com', cls: 'permanent' },
  { file: 'exim-mainlog', at: ' == dave@example.net', reply: '451 4.7.1 <dave@example.net>: Recipient address rejected: Greylisted, please try again later', format: 'exim', code: '451', enhanced: '4.7.1', label: ['==', 'transient'], recipient: 'dave@example.net', cls: 'transient' },
  // No code anywhere on the line: the words are the reply, the flag gives the class.
  { file: 'exim-mainlog', at: ' ** nobody@example.invalid', reply: 'Unrouteable address', format: 'exim', code: null, enhanced: null, label: ['**', 'permanent'], recipient: 'nobody@example.invalid', cls: 'permanent' },
  { file: 'exim-mainlog', at: ' == erin@example.net', reply: 'Connection timed out', format: 'exim', code: null, enhanced: null, label: ['==', 'transient'], recipient: 'erin@example.net', cls: 'transient' },
  { file: 'exim-mainlog', at: ' ** fred@example.com', reply: '552-5.3.4 Your message exceeded the size limit\\n552 5.3.4 of 10485760 bytes for this server', replyText: '552-5.3.4 Your message exceeded the size limit\n552 5.3.4 of 10485760 bytes for this server', format: 'exim', code: '552', enhanced: '5.3.4', label: ['**', 'permanent'], recipient: 'fred@example.com', cls: 'permanent' },
  { file: 'exim-mainlog', at: ' == heidi@example.net', reply: '421 4.7.0 Too many concurrent SMTP connections from this IP address; please try again later', format: 'exim', code: '421', enhanced: '4.7.0', label: ['==', 'transient'], recipient: 'heidi@example.net', cls: 'transient' },
  { file: 'exim-mainlog', at: 'temporarily rejected RCPT', reply: '451 4.7.1 Greylisted, please try again in 5 minutes', format: 'exim', code: '451', enhanced: '4.7.1', label: ['temporarily rejected', 'transient'], recipient: 'grace@example.org', cls: 'transient' },
  { file: 'exim-mainlog', at: 'authenticator failed for', reply: '535 Incorrect authentication data', format: 'exim', code: '535', enhanced: null, label: null, recipient: null, cls: 'permanent' },
  { file: 'exim-rejectlog', at: 'temporarily rejected RCPT', reply: '451 4.7.1 Greylisted, please try again in 5 minutes', format: 'exim', code: '451', enhanced: '4.7.1', label: ['temporarily rejected', 'transient'], recipient: 'grace@example.org', cls: 'transient' },
]);

formats('own logs: Sendmail', [
  { file: 'sendmail.log', at: 'to=<bob@example.com>', reply: '2.0.0, stat=Sent (Ok: queued as 4Tq9Xk1mZz)', replyText: '2.0.0 Ok: queued as 4Tq9Xk1mZz', format: 'sendmail', code: null, enhanced: '2.0.0', label: ['stat=Sent', 'success'], recipient: 'bob@example.com', cls: 'success' },
  { file: 'sendmail.log', at: 'to=<carol@example.com>', reply: '5.1.1, stat=User unknown', replyText: '5.1.1 User unknown', format: 'sendmail', code: null, enhanced: '5.1.1', label: ['stat=User unknown', 'permanent'], recipient: 'carol@example.com', cls: 'permanent' },
  { file: 'sendmail.log', at: 'to=<dave@example.net>', reply: '451 4.7.1 Greylisted, please try again later', format: 'sendmail', code: '451', enhanced: '4.7.1', label: ['stat=Deferred', 'transient'], recipient: 'dave@example.net', cls: 'transient' },
  { file: 'sendmail.log', at: 'to=<erin@example.net>,<fred@example.net>', reply: '4.0.0, stat=Deferred: Connection timed out with mx2.example.net.', replyText: '4.0.0 Deferred: Connection timed out with mx2.example.net.', format: 'sendmail', code: null, enhanced: '4.0.0', label: ['stat=Deferred', 'transient'], recipient: 'erin@example.net, fred@example.net', cls: 'transient' },
  { file: 'sendmail.log', at: 'ruleset=check_rcpt', reply: '550 5.7.1 <frank@example.org>... Relaying denied. IP name lookup failed [192.0.2.99]', format: 'sendmail', code: '550', enhanced: '5.7.1', label: ['reject', 'permanent'], recipient: 'frank@example.org', cls: 'permanent' },
  { file: 'sendmail.log', at: 'ruleset=check_mail', reply: '451 4.1.8 Domain of sender address x@example.invalid does not resolve', format: 'sendmail', code: '451', enhanced: '4.1.8', label: ['reject', 'transient'], recipient: null, cls: 'transient' },
]);

formats('own logs: qmail, Courier, ASSP, Oracle Messaging Server', [
  { file: 'qmail-smtpd.log', at: 'rblsmtpd: ', reply: '451 https://www.spamhaus.org/query/ip/192.0.2.99', format: 'qmail', code: '451', enhanced: null, label: null, recipient: null, cls: 'transient' },
  { file: 'qmail-smtpd.log', at: 'qmail-smtpd: 421', reply: '421 badiprbl: ip 192.0.2.98 rbl: bl.example.org', format: 'qmail', code: '421', enhanced: null, label: null, recipient: null, cls: 'transient' },
  { file: 'courier.log', at: 'to=<nobody@example.org>', reply: '550 User unknown.', format: 'courier', code: '550', enhanced: null, label: null, recipient: 'nobody@example.org', cls: 'permanent' },
  { file: 'courier.log', at: 'msg="535', reply: '535 Authentication failed.', format: 'courier', code: '535', enhanced: null, label: null, recipient: null, cls: 'permanent' },
  { file: 'courier.log', at: 'addr=<carol@example.com>: 550', reply: '550 5.1.1 <carol@example.com>: Recipient address rejected: User unknown', format: 'courier', code: '550', enhanced: '5.1.1', label: null, recipient: 'carol@example.com', cls: 'permanent' },
  { file: 'courier.log', at: 'addr=<dave@example.net>: 451', reply: '451 4.7.1 Greylisted, try again later', format: 'courier', code: '451', enhanced: '4.7.1', label: null, recipient: 'dave@example.net', cls: 'transient' },
  { file: 'assp-oracle.log', at: 'after reply: ', reply: '535 5.7.8 Error: authentication failed: UGFzc3dvcmQ6', format: 'generic', code: '535', enhanced: '5.7.8', label: null, recipient: null, cls: 'permanent' },
  { file: 'assp-oracle.log', at: '[SMTP Error] ', reply: '550 5.7.1 Recipient <nobody@example.org> rejected by local policy', format: 'generic', code: '550', enhanced: '5.7.1', label: null, recipient: null, cls: 'permanent' },
  { file: 'assp-oracle.log', at: 'mi="Bad password"', reply: '535 5.7.8 Bad username or password (Authentication failed).', format: 'generic', code: '535', enhanced: '5.7.8', label: null, recipient: null, cls: 'permanent' },
]);

formats('own logs: swaks and <<< / >>> dialogues', [
  { file: 'swaks-session.txt', at: '<-  250-mx.example.com', reply: '250-mx.example.com\n<-  250-PIPELINING\n<-  250-SIZE 10240000\n<-  250-STARTTLS\n<-  250 8BITMIME', replyText: '250-mx.example.com\n250-PIPELINING\n250-SIZE 10240000\n250-STARTTLS\n250 8BITMIME', format: 'swaks', code: '250', enhanced: null, label: null, recipient: null, cls: 'success' },
  { file: 'swaks-session.txt', at: '<~  334 VXNlcm5hbWU6', reply: '334 VXNlcm5hbWU6', format: 'swaks', code: '334', enhanced: null, label: null, recipient: null, cls: 'intermediate' },
  { file: 'swaks-session.txt', at: '<~  250 2.1.5 Ok', reply: '250 2.1.5 Ok', format: 'swaks', code: '250', enhanced: '2.1.5', label: null, recipient: 'bob@example.com', cls: 'success' },
  { file: 'swaks-session.txt', at: '<~* 550', reply: '550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown in local recipient table', format: 'swaks', code: '550', enhanced: '5.1.1', label: ['<~*', 'permanent'], recipient: 'nobody@example.com', cls: 'permanent' },
  { file: 'swaks-session.txt', at: '<~* 452-4.2.2', reply: '452-4.2.2 <dave@example.com>: Mailbox full,\n<~* 452 4.2.2 try again later', replyText: '452-4.2.2 <dave@example.com>: Mailbox full,\n452 4.2.2 try again later', format: 'swaks', code: '452', enhanced: '4.2.2', label: ['<~*', 'transient'], recipient: 'dave@example.com', cls: 'transient' },
  { file: 'exim-script.txt', at: '<<< 250-mx.example.org', reply: '250-mx.example.org Hello client.example.net [198.51.100.23]\n??? 250-\n<<< 250-SIZE 52428800\n??? 250\n<<< 250 HELP', replyText: '250-mx.example.org Hello client.example.net [198.51.100.23]\n250-SIZE 52428800\n250 HELP', format: 'transcript', code: '250', enhanced: null, label: null, recipient: null, cls: 'success' },
  { file: 'exim-script.txt', at: '<<< 550 Unrouteable address', reply: '550 Unrouteable address', format: 'transcript', code: '550', enhanced: null, label: null, recipient: 'nobody@example.org', cls: 'permanent' },
  { file: 'exim-script.txt', at: '<<< 451 4.7.1', reply: '451 4.7.1 Greylisted, please try again later', format: 'transcript', code: '451', enhanced: '4.7.1', label: null, recipient: 'grey@example.org', cls: 'transient' },
]);

formats('own logs: an Exim bounce message (text part and DSN)', [
  { file: 'dsn-exim.eml', at: '    550 5.1.1 <carol@example.com>', reply: '550 5.1.1 <carol@example.com>: Recipient address rejected: User unknown', format: 'exim', code: '550', enhanced: '5.1.1', label: null, recipient: 'carol@example.com', cls: 'permanent' },
  { file: 'dsn-exim.eml', at: 'Diagnostic-Code: smtp; 550 5.1.1', reply: '550 5.1.1 <carol@example.com>: Recipient address rejected: User unknown', format: 'dsn', code: '550', enhanced: '5.1.1', label: ['Action: failed', 'permanent'], recipient: 'carol@example.com', cls: 'permanent' },
  { file: 'dsn-exim.eml', at: 'X-Remote-MTA-smtp-greeting: X-str; 554', reply: '554 5.7.1 mx.example.net: Service unavailable; your IP is listed', format: 'dsn', code: '554', enhanced: '5.7.1', label: null, recipient: 'nobody@example.net', cls: 'permanent' },
]);

describe('own logs: counts per document', () => {
  // Every reply of these fixtures, counted by hand: a finding more or less is a bug (the Exim rejectlog's header
  // dump, the bounce's returned message and the lines of other programs hold numbers that are not replies).
  const expected: Record<string, number> = {
    'postfix.log': 13, 'exim-mainlog': 13, 'exim-rejectlog': 5, 'sendmail.log': 7, 'qmail-smtpd.log': 2,
    'courier.log': 4, 'assp-oracle.log': 4, 'swaks-session.txt': 14, 'exim-script.txt': 7, 'dsn-exim.eml': 5,
  };
  for (const [name, n] of Object.entries(expected)) {
    it(`${name}: ${n} replies`, () => assert.equal(fixture(name).findings.length, n));
  }
});

// ---- Properties over every log the project keeps --------------------------------------------------------------

interface Doc { name: string; text: string }

/** The logs, transcripts and bounces in the project, and the lines of the grok samples (one document each). */
function projectLogs(): Doc[] {
  const isLog = (f: string) => !/\.(?:ts|md|snap)$|\/licenses?\/|\/LICENSES\/|NOTICE|\.yaml$/.test(f);
  const dirs = [FIXTURES, CORPUS_COPIES, join(PROJECT_ROOT, 'test/extension/fixtures'), join(PROJECT_ROOT, 'test/grammar/snap'), join(PROJECT_ROOT, 'samples')];
  const docs: Doc[] = [];
  for (const file of dirs.flatMap((d) => filesUnder(d)).filter(isLog)) {
    const text = readText(file);
    const name = file.slice(PROJECT_ROOT.length + 1);
    if (!file.endsWith('.jsonl') || !file.includes('postfix-grok-patterns')) docs.push({ name, text });
    else for (const l of splitLines(text).filter((x) => x.trim())) docs.push({ name: `${name} ${(JSON.parse(l) as { file: string }).file}`, text: (JSON.parse(l) as { line: string }).line });
  }
  return docs;
}

/** Lines that say how a delivery ended, by the format's own words (each must be in a finding), and how many there are. */
const LABELLED: [string, RegExp, number][] = [
  ['Postfix status= with dsn=', /\bstatus=\w+.*\bdsn=|\bdsn=\S+.*\bstatus=\w/, 100],
  ['Postfix reject: with a code', / (?:milter-|proxy-)?reject: .*: [245]\d\d[ -]/, 20],
  ['Exim ** and == with their words', /^\S+ \S+ (?:\S+\[\d+\]: )?[0-9A-Za-z]{6}-[0-9A-Za-z]{6,11}-[0-9A-Za-z]{2,4} (?:\*\*|==) \S+.*: /, 12],
  ['Exim => and -> with a confirmation', /^\S+ \S+ (?:\S+\[\d+\]: )?[0-9A-Za-z]{6}-[0-9A-Za-z]{6,11}-[0-9A-Za-z]{2,4} (?:=>|->) .* C="[2-5]\d\d/, 4],
  ['Sendmail stat= and reject=', / stat=|reject=[245]\d\d/, 20],
  ['swaks <** and <~* with a code', /^<[*~][*] +[2-5]\d\d/, 5],
];

function covering(findings: Finding[], line: number): Finding[] {
  return findings.filter((f) => f.range.start.line <= line && line <= f.range.end.line);
}

describe('own logs: what the formats say of the outcome', () => {
  const docs = projectLogs();

  it('reads the project\'s logs: fixtures, copied corpus files, samples', () => {
    assert.ok(docs.length >= 240, `${docs.length} documents`);
  });

  for (const [what, re, least] of LABELLED) {
    it(`${what}: every such line is in a finding`, () => {
      const missing: string[] = [];
      let n = 0;
      for (const d of docs) {
        const findings = scan(d.text);
        splitLines(d.text).forEach((line, i) => {
          if (!re.test(line)) return;
          n++;
          if (covering(findings, i).length === 0) missing.push(`${d.name}:${i + 1}: ${line}`);
        });
      }
      assert.ok(n >= least, `only ${n} lines`);
      assert.deepEqual(missing, []);
    });
  }

  it('a label agrees with the class of its reply (listed exceptions)', () => {
    // Postfix's reject_warning and proxy-accept: the reply was logged, nothing was rejected. A DSN block that failed
    // with a transient status: the sender's server gave up after deferring (carol's block in dsn-folded.eml).
    const gaveUp = ['test/core/fixtures/scan/dsn-folded.eml:51: Action: failed vs 4.4.1'];
    const disagreeing: string[] = [];
    let labelled = 0;
    for (const d of docs) {
      const lines = splitLines(d.text);
      for (const f of scan(d.text)) {
        if (!f.label) continue;
        labelled++;
        const expected = ['reject_warning', 'proxy-accept'].includes(f.label.text) ? 'success' : f.explanation.class;
        if (f.label.class !== expected) disagreeing.push(`${d.name}:${f.range.start.line + 1}: ${f.label.text} vs ${sliceRange(lines, f.range)}`);
      }
    }
    assert.ok(labelled >= 300, `only ${labelled} labelled findings`);
    assert.deepEqual(disagreeing, gaveUp);
  });

  it('a code in a log line is never glued to what precedes it (a PID, a port, an IP, a size)', () => {
    let n = 0;
    for (const d of docs) {
      const lines = splitLines(d.text);
      for (const f of scan(d.text)) {
        if (!f.codeRange || f.format === 'provider-json') continue;
        n++;
        const line = lines[f.codeRange.start.line];
        // qmail-send writes every blank as `_`.
        const before = line.slice(Math.max(0, f.codeRange.start.character - 6), f.codeRange.start.character).replace(f.format === 'qmail' ? /_/g : /^$/, ' ');
        assert.doesNotMatch(before, /[\w.[:\]/-]$|size=$|delay=$|port $/, `${d.name}:${f.codeRange.start.line + 1}: …${before}|${line.slice(f.codeRange.start.character, f.codeRange.start.character + 20)}`);
        assert.match(line.slice(f.codeRange.start.character, f.codeRange.end.character), /^[2-5]\d\d$/);
      }
    }
    assert.ok(n >= 400, `${n} codes`);
  });

  it('the fixtures the project writes cover every format the scanner reports', () => {
    const seen = new Set(readdirSync(FIXTURES).filter((f) => !f.endsWith('.ts')).flatMap((f) => scan(readText(join(FIXTURES, f))).map((x) => x.format)));
    assert.deepEqual([...seen].sort(), ['courier', 'dsn', 'exchange', 'exim', 'generic', 'ironport', 'nodemailer', 'postfix', 'provider-json', 'qmail', 'sendmail', 'smtplib', 'swaks', 'transcript']);
  });
});
