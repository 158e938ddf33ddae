import { strict as assert } from 'assert';
import { codeReference, renderCodeReference } from '../../src/core/codeReference';
import { INBOUND_ADVICE } from '../../src/core/data/inbound';
import { explain } from '../../src/core/explain';
import { replyInLine } from '../../src/core/lineReply';
import { findingOutcome, findingSummary, guidance } from '../../src/core/pointOfView';
import { explanationFacts, renderDiagnosticMessage, renderMarkdown } from '../../src/core/render';
import { scan } from '../../src/core/scan';
import { REASON_IDS } from '../../src/core/vocabulary';

// The words shown to the person reading: a refusal by their own server (inbound) is advised to its operator,
// a remote server's reply (outbound) to the sender; `unknown` reads as what it means.

const EXIM_AUTH = '2013-06-12 03:57:58 login authenticator failed for (ylmf-pc) [192.0.2.45]: 535 Incorrect authentication data';
const POSTFIX_REJECT = 'Nov 29 10:00:02 mx postfix/smtpd[3]: NOQUEUE: reject: RCPT from unknown[198.51.100.7]: 554 5.7.1 <c@example.org>: Relay access denied; from=<a@example.net> to=<c@example.org> proto=ESMTP helo=<x>';
const POSTFIX_BOUNCE = 'Nov 29 10:00:01 mx postfix/smtp[2]: CD34: to=<jane@example.com>, relay=mx.example.com[192.0.2.1]:25, delay=1, delays=0/0/0/1, dsn=5.1.1, status=bounced (host mx.example.com[192.0.2.1] said: 550 5.1.1 <jane@example.com>: User unknown (in reply to RCPT TO command))';
const POSTFIX_SASL = 'Sep  6 00:44:56 mx postfix/submission/smtpd[11538]: warning: unknown[192.0.2.33]: SASL LOGIN authentication failed: UGFzc3dvcmQ6';

describe('point of view: inbound advice for the operator of the refusing server', () => {
  it('every reason a refusal can have has operator advice, each sentence its own', () => {
    for (const id of REASON_IDS.filter((r) => r !== 'accepted' && r !== 'in-progress')) {
      const row = INBOUND_ADVICE[id];
      assert.ok(row, `inbound advice for ${id}`);
      for (const k of ['short', 'actShort', 'means', 'act'] as const) assert.ok(row[k].length > 5, `${id}.${k}`);
      assert.doesNotMatch(`${row.means} ${row.act}`, /fix on your side|then send again/, `${id}: no sender's advice`);
    }
  });

  it("Exim's authenticator failure: a brute-force pattern for fail2ban, not 'check your app password'", () => {
    const [f] = scan(EXIM_AUTH);
    assert.equal(f.direction, 'inbound');
    const message = renderDiagnosticMessage(f);
    assert.equal(message, "535 auth failed — refused by this server (inbound): a client's login was refused; act on many failures from one address");
    const md = renderMarkdown(f.explanation, f);
    assert.match(md, /Inbound: this host's server refused a client/);
    assert.match(md, /What to do \(this server's operator\)/);
    assert.match(md, /brute-force attack: let fail2ban/);
    assert.doesNotMatch(md, /app password|fix on your side/i);
    assert.doesNotMatch(md, /Retry schedule/);
    // The same reply, read without its context (a reply pasted in), keeps the sender's advice.
    assert.match(renderMarkdown(f.explanation), /app password/);
  });

  it("Postfix NOQUEUE: reject is the operator's policy at work; a bounce is the sender's to fix", () => {
    const [reject] = scan(POSTFIX_REJECT);
    assert.match(renderDiagnosticMessage(reject), /^554 5\.7\.1 relay denied — refused by this server \(inbound\): this server refused to relay for a client; act if a legitimate user was refused c@example\.org$/);
    assert.equal(guidance(reject.explanation, reject.direction).audience, 'operator');
    assert.match(findingOutcome(reject), /^Permanent failure \(inbound\): this server refused to relay/);
    const [bounce] = scan(POSTFIX_BOUNCE);
    assert.equal(renderDiagnosticMessage(bounce), '550 5.1.1 user unknown — permanent failure (outbound), do not retry jane@example.com');
    assert.equal(findingSummary(bounce), bounce.explanation.summary);
    const facts = explanationFacts(bounce.explanation, bounce);
    assert.equal(facts.action.audience, 'sender');
    assert.match(facts.viewpoint!, /^Outbound: a remote server answered this host/);
  });

  it('a reply whose direction is not known is said as before, without a point of view', () => {
    const e = explain('550 5.1.1 User unknown');
    const facts = explanationFacts(e, { direction: null, consequenceOf: null });
    assert.equal(facts.viewpoint, null);
    assert.equal(facts.action.audience, 'sender');
    assert.deepEqual(explanationFacts(e), facts);
  });

  it('an inbound success is no refusal: nothing for the operator to do', () => {
    const [f] = scan('**** SMTP testing session as if from host 192.0.2.1\n220 mx.example.com ESMTP\n250 OK').slice(-1);
    assert.equal(f.direction, 'inbound');
    assert.equal(guidance(f.explanation, f.direction).audience, 'sender');
    assert.match(renderMarkdown(f.explanation, f), /Inbound: this host's server answering a client/);
  });

  it("Postfix smtpd's SASL failure, logged without a code, is an inbound auth-failed refusal", () => {
    const [f] = scan(POSTFIX_SASL);
    assert.ok(f);
    assert.equal(POSTFIX_SASL.slice(f.range.start.character, f.range.end.character), 'SASL LOGIN authentication failed: UGFzc3dvcmQ6');
    assert.deepEqual([f.direction, f.explanation.class, f.explanation.reason, f.codeRange], ['inbound', 'permanent', 'auth-failed', null]);
    const lost = scan('Sep  6 00:44:56 mx postfix/smtpd[1]: warning: unknown[192.0.2.33]: SASL LOGIN authentication failed: Connection lost to authentication server');
    assert.equal(lost[0].explanation.class, 'transient');
    // The smtp client's own failure to log in elsewhere is a remote reply: outbound, found as before.
    const client = scan('Nov 29 10:00:01 mx postfix/smtp[9]: 3A2B: SASL authentication failed; server smtp.example.com[192.0.2.9] said: 535 5.7.8 Error: authentication failed');
    assert.deepEqual(client.map((x) => [x.direction, x.explanation.code]), [['outbound', 535]]);
  });
});

describe('words: the reason "unknown" in a problem text', () => {
  it('reads as "no specific reason given", not "user unknown"', () => {
    const [f] = scan('S: 550 Rejected');
    assert.equal(f.explanation.reason, 'unknown');
    assert.equal(renderDiagnosticMessage(f), '550 no specific reason given — permanent failure (outbound), fix on your side, then send again');
    assert.doesNotMatch(renderDiagnosticMessage(f), /550 unknown/);
  });
});

describe('the code list: a code on its own', () => {
  it('a basic code shows its meaning, digits and typical causes, and no advice meant for a real reply', () => {
    const md = renderCodeReference('550');
    assert.match(md, /^### 550 — Requested action not taken: mailbox unavailable/);
    assert.match(md, /\*\*5xx\*\* Permanent negative completion/);
    assert.match(md, /Typical causes:/);
    assert.doesNotMatch(md, /Read the reply text|\*\*What to do|do not retry/i);
  });

  it('an enhanced code names the reason it usually stands for; a vendor code who defines it', () => {
    const r = codeReference('5.2.2');
    assert.equal(r?.usualReason, 'mailbox-full');
    assert.match(renderCodeReference('5.2.2'), /Usually stands for:\*\* `mailbox-full`/);
    assert.equal(codeReference('4.2.1')?.title, codeReference('5.2.1')?.title);
    const vendor = codeReference('5.7.606');
    assert.match(vendor?.definedBy ?? '', /Microsoft/);
    assert.equal(codeReference('hello'), null);
  });
});

describe('a line with no finding: the reply in its text', () => {
  it('from the first code to the end, or the whole line when only its words say something', () => {
    assert.equal(replyInLine('Mar  1 10:00:00 host app[123]: delivery failed: 550 5.1.1 user unknown'), '550 5.1.1 user unknown');
    assert.equal(replyInLine('  Unrouteable address  '), 'Unrouteable address');
    assert.equal(replyInLine('result dsn=5.7.1'), '5.7.1');
  });

  it('nothing in a line without a code or reply words, in a blank line, or in a web server log', () => {
    assert.equal(replyInLine('hello there'), null);
    assert.equal(replyInLine('   '), null);
    assert.equal(replyInLine('192.0.2.1 - - [01/Mar/2024:10:15:06 +0000] "GET /mail HTTP/1.1" 500 421 "-" "curl/8"'), null);
    assert.equal(replyInLine('Mar  1 10:00:00 host app[123]: started, pid 4500'), null);
  });
});
