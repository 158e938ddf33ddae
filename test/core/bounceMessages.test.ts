import { strict as assert } from 'assert';
import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { EmailReader, isEmailStart, renderDiagnosticMessage, scan, scanDocument, scanEmail } from '../../src/core';
import type { Finding } from '../../src/core/types';
import { sliceRange, splitLines } from './fixtures/scan/support';
import { CORPUS as CORPUS_ROOT, describeCorpus } from '../support/corpus';

// Whole bounce messages: one finding per failed recipient, the remote reply deciding, ranges in the raw text
// (on a decoded part's header lines when the reply is only in an encoded part). Fixtures: test/core/fixtures/mail/.

const MAIL = join(__dirname, 'fixtures/mail');

interface Read {
  raw: string;
  lines: string[];
  findings: Finding[];
}

async function read(name: string): Promise<Read> {
  const raw = readFileSync(join(MAIL, name), 'utf8');
  return { raw, lines: splitLines(raw), findings: await scanDocument(raw) };
}

function only(r: Read, recipient: string): Finding {
  const mine = r.findings.filter((f) => f.recipient === recipient);
  assert.equal(mine.length, 1, `one finding for ${recipient}: ${JSON.stringify(r.findings.map((f) => [f.recipient, f.replyText]))}`);
  return mine[0];
}

/** The raw text under a finding, its lines' leading blanks and the line breaks read as one space. */
function under(r: Read, f: Finding): string {
  return sliceRange(r.lines, f.range).replace(/\s*\n\s*/g, ' ');
}

const failure = (f: Finding) => f.explanation.class === 'permanent' || f.explanation.class === 'transient';

describe('bounce messages: RFC 3464 reports', () => {
  it('Postfix: one finding per recipient, the remote reply from the DSN, the returned message left alone', async () => {
    const r = await read('postfix-two-recipients.eml');
    assert.deepEqual(r.findings.map((f) => f.recipient), ['bob@example.net', 'carol@nowhere.example']);
    const bob = only(r, 'bob@example.net');
    assert.equal(under(r, bob), '550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown in virtual mailbox table');
    assert.equal(sliceRange(r.lines, bob.codeRange!), '550');
    assert.equal(sliceRange(r.lines, bob.enhancedRange!), '5.1.1');
    assert.deepEqual([bob.format, bob.label?.text, bob.explanation.class, bob.explanation.reason], ['dsn', 'Action: failed', 'permanent', 'user-unknown']);
    // A Diagnostic-Code with no reply code (X-Postfix): the block's Status with the diagnostic's words, on the words.
    const carol = only(r, 'carol@nowhere.example');
    assert.equal(under(r, carol), 'Host or domain name not found. Name service error for name=nowhere.example type=MX: Host not found, try again');
    assert.match(carol.replyText ?? '', /^5\.4\.4 Host or domain name not found/);
    assert.deepEqual([carol.explanation.enhanced, carol.explanation.class], ['5.4.4', 'permanent']);
    assert.ok(!r.findings.some((f) => f.replyText?.includes('Spam detected')), 'the log line quoted in the returned message is no finding');
  });

  it('Sendmail: the recipient\'s reply, not the knock-on 503 after DATA', async () => {
    const r = await read('sendmail-returned-mail.eml');
    assert.equal(r.findings.length, 1);
    const bob = only(r, 'bob@example.net');
    assert.deepEqual([bob.explanation.code, bob.explanation.enhanced], [550, '5.1.1']);
    assert.ok(!r.findings.some((f) => f.explanation.code === 503));
  });

  it('Microsoft 365: the DSN\'s reply, once, though the NDR says it in plain text, HTML and the DSN', async () => {
    const r = await read('m365-ndr.eml');
    assert.equal(r.findings.length, 1);
    const erin = only(r, 'erin@example.net');
    assert.equal(under(r, erin), '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup');
    assert.equal(erin.decodedFrom, undefined);
  });

  it('Courier: the DSN\'s reply for the recipient the report lists', async () => {
    const r = await read('courier.eml');
    const mia = only(r, 'mia@example.org');
    assert.deepEqual([mia.explanation.code, mia.explanation.enhanced], [550, '5.7.1']);
    assert.equal(r.findings.length, 1);
  });

  it('a delivered (relayed) notice gives its success and no failure', async () => {
    const r = await read('postfix-delivered.eml');
    assert.equal(r.findings.length, 1);
    const oscar = only(r, 'oscar@example.net');
    assert.deepEqual([oscar.explanation.class, oscar.explanation.reason, oscar.label?.text], ['success', 'accepted', 'Action: relayed']);
    assert.ok(!r.findings.some(failure));
  });

  it('a delay notice (Action: delayed) is a transient failure, with the X-Postfix words', async () => {
    const r = await read('postfix-delayed.eml');
    const paul = only(r, 'paul@example.org');
    assert.deepEqual([paul.explanation.class, paul.explanation.enhanced, paul.label?.text], ['transient', '4.4.1', 'Action: delayed']);
    assert.equal(under(r, paul), 'connect to mx.example.org[192.0.2.80]:25: Connection timed out');
  });

  it('a final report quoting a temporary failure (Action: failed, Status 4.X.X): the sending server gave up, a permanent outcome', async () => {
    const r = await read('postfix-expired.eml');
    // A failure to connect until the queue lifetime ran out is an expiry, the address may be fine: a soft bounce.
    const paul = only(r, 'paul@example.org');
    assert.deepEqual([paul.explanation.class, paul.explanation.reason, paul.explanation.bounce, paul.label?.text], ['permanent', 'expired', 'soft', 'Action: failed']);
    assert.deepEqual(paul.explanation.retry?.delaysMinutes, [360, 720, 1440, 2880]);
    // A more specific last error keeps its reason: a mailbox that stayed full, with its long retry.
    const quinn = only(r, 'quinn@example.net');
    assert.deepEqual([quinn.explanation.code, quinn.explanation.class, quinn.explanation.reason, quinn.explanation.bounce], [452, 'permanent', 'mailbox-full', 'soft']);
    assert.match(quinn.explanation.reasonWhy, /stopped retrying/);
    // The same reply in a delay notice stays what its code says.
    const delayed = only(await read('postfix-delayed.eml'), 'paul@example.org');
    assert.deepEqual([delayed.explanation.class, delayed.explanation.reason], ['transient', 'network']);
  });

  it('a DSN pasted on its own reads as a report: one finding per recipient block', async () => {
    const r = await read('bare-dsn.txt');
    assert.equal(isEmailStart(r.lines[0]), true);
    assert.deepEqual(r.findings.map((f) => [f.recipient, f.explanation.class, f.replyText]), [
      ['rita@example.net', 'permanent', '552 5.2.2 Mailbox full'],
      ['sam@example.org', 'transient', '4.4.7'],
    ]);
  });
});

describe('bounce messages: the formats MTAs send without a DSN', () => {
  it('Exim: each address of "The following address(es) failed", its reply after the host, over its wrapped lines', async () => {
    const r = await read('exim-mail-delivery-failed.eml');
    assert.deepEqual(r.findings.map((f) => f.recipient), ['bob@example.net', 'carol@example.org']);
    const bob = only(r, 'bob@example.net');
    assert.equal(under(r, bob), '550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown');
    const carol = only(r, 'carol@example.org');
    assert.equal(under(r, carol), '552 5.2.2 Mailbox full, please try again later');
    assert.equal(carol.explanation.reason, 'mailbox-full');
    assert.ok(!r.findings.some((f) => f.recipient === 'sales@example.com'), '"generated from" names no recipient');
    assert.ok(!r.findings.some((f) => f.replyText?.includes('own text')), 'the returned message after Exim\'s marker is not read');
  });

  it('qmail: the remote host\'s reply, or qmail\'s own words with their (#5.1.2)', async () => {
    const r = await read('qmail-failure-notice.eml');
    const bob = only(r, 'bob@example.net');
    assert.deepEqual([bob.explanation.code, bob.explanation.enhanced, bob.explanation.class], [550, '5.1.1', 'permanent']);
    assert.match(under(r, bob), /Remote host said: 550 5\.1\.1 <bob@example\.net>\.\.\. User unknown/);
    const carol = only(r, 'carol@nowhere.example');
    assert.equal(under(r, carol), "Sorry, I couldn't find any host named nowhere.example. (#5.1.2)");
    assert.deepEqual([carol.format, carol.explanation.enhanced, carol.explanation.reason], ['bounce', '5.1.2', 'domain-unknown']);
  });

  it('Yahoo: "Remote host said:" under the address', async () => {
    const r = await read('yahoo-failure-notice.eml');
    const leo = only(r, 'leo@example.net');
    assert.deepEqual([leo.explanation.code, leo.explanation.enhanced], [554, '5.7.9']);
    assert.equal(r.findings.length, 1);
  });

  it('DragonFly: the address in its sentence, the multi-line reply below it', async () => {
    const r = await read('dragonfly.eml');
    const kim = only(r, 'kim@example.org');
    assert.equal(under(r, kim), '550 5.1.1 <kim@example.org>: Recipient address rejected: User unknown in local recipient table');
    assert.equal(r.findings.length, 1);
  });

  it('Domino: the words under "because:" for the address listed, permanent', async () => {
    const r = await read('domino.eml');
    const nina = only(r, 'nina@example.org');
    assert.match(nina.replyText ?? '', /not listed in Domino Directory/);
    assert.deepEqual([nina.format, nina.explanation.class], ['bounce', 'permanent']);
    assert.equal(r.findings.length, 1);
  });
  it('Google Groups in a language no text rule knows: its help link names the writer, and the refusal is its policy', async () => {
    // Composed in the style of the notices Google Groups sends in the sender's language (German here).
    const r = await read('google-groups-de.eml');
    const team = only(r, 'team@googlegroups.com');
    assert.deepEqual([team.explanation.class, team.explanation.reason, team.explanation.bounce, team.explanation.provider], ['permanent', 'policy', 'soft', 'Google Groups']);
    assert.match(under(r, team), /^wir möchten Sie darüber informieren/);
    assert.ok(!team.explanation.text.includes('groups.google.com'), 'the text shown is the words about the recipient, not the link');
  });
});

describe('bounce messages: a section\'s title is no word of it', () => {
  // Composed in the formats Sisimai's Biglobe and Notes parsers describe: a rule framing a title opens a section.
  const cases = [
    { file: 'biglobe.eml', where: 'the words under "----- Non-delivered information -----"', text: "The number of messages in recipient's mailbox exceeded the local limit.", reason: 'mailbox-full' },
    { file: 'notes.eml', where: 'the words above the address, under "------- Failure Reasons  --------"', text: 'User not listed in public Name & Address Book', reason: 'user-unknown' },
  ];
  for (const c of cases) {
    it(`${c.file}: ${c.where}, without the title`, async () => {
      const k = only(await read(c.file), 'kijitora@example.net');
      assert.deepEqual([k.explanation.text, k.explanation.reason], [c.text, c.reason]);
    });
  }
});

describe('bounce messages: what the report says around its replies', () => {
  it('a report that names no one is about its returned message\'s one addressee', async () => {
    const r = await read('mms-gateway.eml');
    const to = only(r, '5550100@mms.example.net');
    assert.equal(to.replyText, 'Message could not be delivered to mobile. Error: No valid recipients for this MM');
    assert.equal(under(r, to), to.replyText);
    assert.equal(to.explanation.class, 'permanent');
  });

  it('Exim: the line above a reply names the command it answered, and the DSN\'s Diagnostic-Code is read with it', async () => {
    const r = await read('exim-stages.eml');
    // "No such domain" in reply to MAIL FROM is about the sender's own domain, not the recipient's.
    const dave = only(r, 'dave@example.net');
    assert.deepEqual([dave.explanation.code, dave.explanation.reason, dave.explanation.bounce], [550, 'sender-rejected', 'soft']);
    assert.match(dave.explanation.reasonWhy, /MAIL FROM/);
    // A bare refusal of EHLO refuses the client itself.
    const erin = only(r, 'erin@example.org');
    assert.deepEqual([erin.explanation.code, erin.explanation.reason], [550, 'policy']);
    // The same reply without the line above says what its words say.
    assert.equal((await scanDocument('550 5.1.7 No such domain example.com\n'))[0]?.explanation.reason, 'domain-unknown');
  });

  it('Sendmail: a local delivery\'s summary reads the delivery agent\'s line above it', async () => {
    const r = await read('sendmail-local-and-truncated.eml');
    const tom = only(r, 'tom@mail.example.com');
    assert.equal(tom.replyText, '554 5.3.0 <tom@mail.example.com>... Service unavailable\nmail.local: unknown user: tom');
    assert.equal(sliceRange(r.lines, tom.range), '554 5.3.0 <tom@mail.example.com>... Service unavailable');
  });

  it('Sendmail: a DSN that kept the first line of a multi-line reply gives way to the transcript, which has all of it', async () => {
    const r = await read('sendmail-local-and-truncated.eml');
    const uma = only(r, 'uma@gmail.example.org');
    assert.equal(uma.replyText, '550-5.7.1 [192.0.2.10      13] Messages with multiple addresses in From:\n550 5.7.1 header are not accepted. - gsmtp');
    assert.equal(r.findings.length, 2);
  });
});

describe('bounce messages: encoded parts are decoded with postal-mime, and their findings sit on the part\'s headers', () => {
  /** The lines of the part's Content-Type and Content-Transfer-Encoding fields. */
  function onHeaders(r: Read, f: Finding): void {
    const covered = sliceRange(r.lines, f.range);
    assert.match(covered, /^Content-Type: /i);
    assert.equal(f.codeRange, null);
    assert.equal(f.enhancedRange, null);
  }

  it('base64 (UTF-8): the reply decoded, its em dash included', async () => {
    const r = await read('base64-text.eml');
    const frank = only(r, 'frank@example.org');
    onHeaders(r, frank);
    assert.match(frank.decodedFrom ?? '', /^base64 text\/plain; charset=utf-8/);
    assert.equal(frank.replyText, '552 5.2.2 The email account that you tried to reach is over quota — please try again later.');
    assert.equal(frank.explanation.reason, 'mailbox-full');
    assert.match(renderDiagnosticMessage(frank), /frank@example\.org \(in the decoded base64 text\/plain; charset=utf-8 part\)$/);
  });

  it('quoted-printable: soft line breaks joined, the reply whole', async () => {
    const r = await read('quoted-printable-text.eml');
    assert.ok(r.raw.includes('=\n'), 'the fixture has soft line breaks');
    const grace = only(r, 'grace@example.org');
    onHeaders(r, grace);
    assert.match(grace.decodedFrom ?? '', /^quoted-printable /);
    assert.equal(grace.replyText, '550 5.7.1 Message rejected as spam by Content Filtering, see https://example.org/help/spam-policy');
  });

  it('ISO-2022-JP (7bit, escape sequences): the Japanese words decoded', async () => {
    const r = await read('iso-2022-jp.eml');
    assert.ok(r.raw.includes('\x1b$B'), 'the fixture is ISO-2022-JP');
    const henry = only(r, 'henry@ezweb.example.jp');
    onHeaders(r, henry);
    assert.match(henry.decodedFrom ?? '', /charset=iso-2022-jp/);
    assert.match(henry.replyText ?? '', /^メールボックスが一杯です/);
    assert.equal(henry.explanation.class, 'permanent');
  });

  it('Shift_JIS in base64: the reply decoded; the returned message part is not read', async () => {
    const r = await read('shift-jis-base64.eml');
    assert.equal(r.findings.length, 1);
    const ivan = only(r, 'ivan@docomo.example.jp');
    onHeaders(r, ivan);
    assert.equal(ivan.replyText, '550 5.1.1 <ivan@docomo.example.jp>: 宛先のユーザーは存在しません (user unknown)');
  });

  it('an NDR in HTML only: its text read (postal-mime\'s HTML-to-text)', async () => {
    const r = await read('html-only.eml');
    const judy = only(r, 'judy@example.org');
    onHeaders(r, judy);
    assert.match(judy.decodedFrom ?? '', /text\/html/);
    assert.deepEqual([judy.explanation.code, judy.explanation.enhanced], [550, '5.7.606']);
  });
});

describe('messages that are no bounce', () => {
  it('an auto-reply gives no failure, though it quotes a bounced log line', async () => {
    const r = await read('auto-reply.eml');
    assert.ok(scan(r.raw).some(failure), 'read line by line, the quoted line is a failure');
    assert.deepEqual(r.findings, []);
  });

  it('an ordinary message reads as it does line by line', async () => {
    const raw = ['From: alice@example.com', 'To: ops@example.com', 'Subject: our log', '', 'Mar  3 09:00:01 mx1 postfix/smtp[4242]: 1A2B3C4D5E: to=<dave@example.org>, relay=mx.example.org[192.0.2.80]:25, delay=1.2, delays=0.1/0/0.5/0.6, dsn=4.2.0, status=deferred (host mx.example.org[192.0.2.80] said: 450 4.2.0 Greylisted, try again later (in reply to RCPT TO command))', ''].join('\n');
    const found = await scanDocument(raw);
    assert.deepEqual(found.map((f) => [f.range, f.replyText]), scan(raw).map((f) => [f.range, f.replyText]));
    assert.equal(found.length, 1);
  });

  it('a log is scanned line by line, exactly as scan() does', async () => {
    const log = readFileSync(join(__dirname, 'fixtures/scan/qmail-send.log'), 'utf8');
    assert.equal(isEmailStart(splitLines(log)[0]), false);
    assert.deepEqual((await scanDocument(log)).map((f) => [f.range, f.replyText, f.recipient]), scan(log).map((f) => [f.range, f.replyText, f.recipient]));
  });
});

describe('mailboxes and streams', () => {
  const a = readFileSync(join(MAIL, 'qmail-failure-notice.eml'), 'utf8');
  const b = readFileSync(join(MAIL, 'postfix-two-recipients.eml'), 'utf8');
  const mbox = `From MAILER-DAEMON Tue Mar  4 10:30:02 2025\n${a}\nFrom MAILER-DAEMON Tue Mar  4 10:15:07 2025\n${b}`;
  const lines = splitLines(mbox);

  it('an mbox: every message read, ranges in the mbox\'s own lines', async () => {
    const found = await scanEmail(mbox);
    assert.deepEqual(found.map((f) => f.recipient), ['bob@example.net', 'carol@nowhere.example', 'bob@example.net', 'carol@nowhere.example']);
    const alone = [...await scanEmail(a), ...await scanEmail(b)].map((f) => f.replyText);
    assert.deepEqual(found.map((f) => f.replyText), alone);
    const second = found[2];
    assert.match(sliceRange(lines, second.range), /^550 5\.1\.1 <bob@example\.net>: Recipient address rejected:/);
  });

  it('EmailReader: the same findings from lines pushed one by one', async () => {
    const reader = new EmailReader();
    const got: Finding[] = [];
    for (const l of lines) {
      got.push(...reader.push(l));
      got.push(...await reader.drain());
    }
    got.push(...await reader.end());
    assert.deepEqual(got.map((f) => [f.range, f.replyText]), (await scanEmail(mbox)).map((f) => [f.range, f.replyText]));
  });

  it('EmailReader: a message over the size cap is read line by line instead, memory bounded', async () => {
    const reader = new EmailReader(500);
    const got: Finding[] = [];
    for (const l of splitLines(b)) got.push(...reader.push(l));
    got.push(...await reader.end());
    assert.deepEqual(got.map((f) => [f.range, f.replyText]), scan(b).map((f) => [f.range, f.replyText]));
  });
});

const CORPUS = join(CORPUS_ROOT, 'bounces');

describeCorpus('bounce messages: the corpus (bounces/)', function () {
  this.timeout(120_000);
  const files = existsSync(CORPUS) ? readdirSync(CORPUS).filter((f) => f.endsWith('.eml')).sort() : [];
  const labels = existsSync(CORPUS)
    ? readFileSync(join(CORPUS, 'labels.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'))
    : [];
  const results = new Map<string, { lines: string[]; findings: Finding[] }>();
  before(async () => {
    for (const f of files) {
      const raw = readFileSync(join(CORPUS, f), 'utf8');
      results.set(f, { lines: splitLines(raw), findings: await scanDocument(raw) });
    }
  });

  it('every email reads, with ranges inside its text and at most one finding per recipient', () => {
    for (const [file, r] of results) {
      const seen = new Set<string>();
      for (const f of r.findings) {
        assert.ok(f.range.end.line < r.lines.length && f.range.end.character <= r.lines[f.range.end.line].length, `${file}: range in bounds`);
        const k = (f.recipient ?? '').toLowerCase();
        assert.ok(!seen.has(k), `${file}: one finding for ${k}`);
        seen.add(k);
      }
    }
  });

  it('the delivered notices give no failure', () => {
    const delivered = labels.filter((l) => l[3] === 'delivered').map((l) => l[0]);
    assert.ok(delivered.length > 0);
    for (const file of delivered) assert.ok(!results.get(file)!.findings.some(failure), file);
  });
});

describe('bounce messages: the DSN Status of a reply that names no enhanced code', () => {
  it('is read as the reply\'s enhanced code: 5.2.0 (the mailbox exists) makes "Unknown user" a filter\'s refusal, a soft bounce', async () => {
    const r = await read('sendmail-status-5.2.0.eml');
    const filtered = only(r, 'hanako@docomo.example.jp');
    assert.equal(filtered.explanation.enhanced, '5.2.0');
    assert.equal(filtered.explanation.reason, 'policy');
    assert.equal(filtered.explanation.bounce, 'soft');
    // The range is still the remote reply in the raw text; only explain reads the status with it.
    assert.match(under(r, filtered), /^550 Unknown user hanako@docomo\.example\.jp$/);
  });

  it('a status of subject 0 (5.0.0) says nothing more: "Unknown user" stays a missing mailbox', async () => {
    const r = await read('sendmail-status-5.2.0.eml');
    const unknown = only(r, 'jiro@example.net');
    assert.equal(unknown.explanation.enhanced, null);
    assert.equal(unknown.explanation.reason, 'user-unknown');
    assert.equal(unknown.explanation.bounce, 'hard');
  });
});
