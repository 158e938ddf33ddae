import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAll, corpus, corpusTest, fixture, hoverAt, locate, open, setSetting, waitFor } from './support/helpers';

/** What every explanation hover carries, whatever the reply: class, what to do first, then why, references. */
function assertExplains(text: string, code: string, klass: RegExp) {
  assert.ok(text.includes(code), `hover names ${code}:\n${text}`);
  assert.match(text, klass);
  assert.match(text, /What to do[\s\S]*\*\*Why:\*\*/);
  assert.match(text, /reason `[a-z-]+`/);
  assert.match(text, /rfc-editor\.org\/rfc\/rfc5321#section-4\.2/);
}

suite('hover', () => {
  suiteTeardown(closeAll);

  test('over the code, the enhanced code and the text of a Postfix bounce: one explanation of the whole reply', async () => {
    const doc = await open(fixture('maillog'));
    const at = locate(doc, /status=bounced .*said: 550 5\.1\.1/, '550 5.1.1');
    const onCode = await waitFor('hover on 550', () => hoverAt(doc, new vscode.Position(at.line, at.column + 1)));
    assertExplains(onCode.text, '5.1.1', /Permanent/);
    assert.match(onCode.text, /RFC 3463|rfc3463/);
    assert.match(onCode.text, /iana\.org/);
    assert.match(onCode.text, /do not retry|do-not-retry/i);
    assert.match(onCode.text, /hard bounce: remove this address/);
    assert.match(onCode.text, /jane@example\.com/, 'the recipient the line names');
    const onEnhanced = await hoverAt(doc, new vscode.Position(at.line, at.column + 5));
    const onText = await hoverAt(doc, new vscode.Position(at.line, at.text.indexOf('User unknown') + 3));
    assert.strictEqual(onEnhanced?.text, onCode.text);
    assert.strictEqual(onText?.text, onCode.text);
    assert.ok(onCode.range, 'the hover highlights the reply');
    assert.strictEqual(onCode.range.start.line, at.line);
    assert.strictEqual(onCode.range.start.character, at.column, 'the range starts at the code');
    assert.ok(onCode.range.end.character > at.text.indexOf('User unknown'), 'the range covers the text');
  });

  test('a 4XX deferral says retry, with a schedule', async () => {
    const doc = await open(fixture('maillog'));
    const at = locate(doc, /said: 450 4\.2\.0/, '450');
    const h = await waitFor('hover on 450', () => hoverAt(doc, new vscode.Position(at.line, at.column)));
    assertExplains(h.text, '450', /Transient|Temporary/i);
    assert.match(h.text, /retry/i);
    assert.match(h.text, /Retry schedule/);
    assert.match(h.text, /soft bounce: keep the address/);
  });

  test('nothing over numbers that are not replies: PIDs, ports, sizes, HTTP statuses', async () => {
    const log = await open(fixture('maillog'));
    const bounce = locate(log, /status=bounced .*said: 550 5\.1\.1/);
    for (const needle of ['2204', ':25', '0.01/0.5', '203.0.113.5']) {
      const col = bounce.text.indexOf(needle) + (needle.startsWith(':') ? 1 : 0);
      assert.strictEqual(await hoverAt(log, new vscode.Position(bounce.line, col)), undefined, needle);
    }
    const web = await open(fixture('access.log'));
    assert.strictEqual(web.languageId, 'log');
    for (let line = 0; line < web.lineCount; line++) {
      const text = web.lineAt(line).text;
      for (const m of text.matchAll(/\b[2-5]\d\d\b/g)) {
        assert.strictEqual(await hoverAt(web, new vscode.Position(line, m.index! + 1)), undefined, `access.log:${line + 1} "${m[0]}"`);
      }
    }
  });

  test('a multi-line reply hovers as one, from any of its lines', async () => {
    const doc = await open(fixture('session.smtp'));
    const first = locate(doc, /^S: 550-5\.1\.1/, '550');
    const last = locate(doc, /^S: 550 5\.1\.1/, '550');
    const h1 = await waitFor('hover on the first line', () => hoverAt(doc, new vscode.Position(first.line, first.column)));
    const h3 = await hoverAt(doc, new vscode.Position(last.line, last.column + 12));
    assertExplains(h1.text, '5.1.1', /Permanent/);
    assert.strictEqual(h3?.text, h1.text);
    assert.strictEqual(h1.range?.start.line, first.line);
    assert.strictEqual(h1.range?.end.line, last.line, 'the range spans the three lines');
    assert.match(h1.text, /does not exist|unnecessary spaces/, 'the text of all lines');
  });

  corpusTest('postfix/logwatch-postfix-TD-lines.txt', 'real Postfix line (logwatch corpus)', async () => {
    const doc = await open(corpus('postfix/logwatch-postfix-TD-lines.txt'));
    const at = locate(doc, /status=bounced \(host \S+ said: 550 MAILBOX NOT FOUND/, '550');
    const h = await waitFor('hover', () => hoverAt(doc, new vscode.Position(at.line, at.column + 1)));
    assertExplains(h.text, '550', /Permanent/);
    assert.strictEqual(h.range?.start.character, at.column);
  });

  corpusTest('exim/exim-testsuite/log/4167', 'real Exim line (Exim test suite mainlog)', async () => {
    const doc = await open(corpus('exim/exim-testsuite/log/4167'));
    const at = locate(doc, / \*\* .*SMTP error from remote mail server after RCPT TO:<[^>]+>: 550 /, ': 550 ');
    const h = await waitFor('hover', () => hoverAt(doc, new vscode.Position(at.line, at.column + 3)));
    assertExplains(h.text, '550', /Permanent/);
    assert.strictEqual(h.range?.start.character, at.column + 2);
  });

  corpusTest('smtp-transcript/swaks/_exec-transactions/00514.stdout', 'real swaks transcript', async () => {
    const doc = await open(corpus('smtp-transcript/swaks/_exec-transactions/00514.stdout'));
    const at = locate(doc, /^<\*\* 550 rejected/, '550');
    const h = await waitFor('hover', () => hoverAt(doc, new vscode.Position(at.line, at.column + 2)));
    assertExplains(h.text, '550', /Permanent/);
    const greeting = locate(doc, /^<- {2}220 /, '220');
    const g = await hoverAt(doc, new vscode.Position(greeting.line, greeting.column));
    assert.ok(g, 'a 2XX reply hovers too');
    assert.match(g.text, /220/);
    const client = locate(doc, /^ -> RCPT TO:/);
    assert.strictEqual(await hoverAt(doc, new vscode.Position(client.line, client.column + 5)), undefined, 'client commands are not replies');
  });

  corpusTest('exim/exim-testsuite/mail-bounces/0253.lmn', 'real bounce message (Exim-made DSN, Diagnostic-Code)', async () => {
    const doc = await open(corpus('exim/exim-testsuite/mail-bounces/0253.lmn'));
    const at = locate(doc, /^Diagnostic-Code: smtp; 550 /, '550');
    const h = await waitFor('hover', () => hoverAt(doc, new vscode.Position(at.line, at.column + 1)));
    assertExplains(h.text, '550', /Permanent/);
  });

  test('our own bounce fixture: Diagnostic-Code folded over two lines', async () => {
    const doc = await open(fixture('bounce.txt'));
    assert.strictEqual(doc.languageId, 'plaintext');
    const at = locate(doc, /^Diagnostic-Code: smtp; 550 5\.1\.1/, '5.1.1');
    const h = await waitFor('hover', () => hoverAt(doc, new vscode.Position(at.line, at.column + 2)));
    assertExplains(h.text, '5.1.1', /Permanent/);
    assert.match(h.text, /local recipient table/, 'the folded continuation belongs to the reply');
  });

  test('smtpLens.hover.enabled: false, per language, removes the hover without reload', async () => {
    const doc = await open(fixture('maillog'));
    const at = locate(doc, /said: 552 5\.2\.2/, '552');
    const pos = new vscode.Position(at.line, at.column);
    assert.ok(await waitFor('hover', () => hoverAt(doc, pos)));
    try {
      await setSetting('smtpLens.hover.enabled', false, 'mail-log');
      await waitFor('hover gone', async () => (await hoverAt(doc, pos)) === undefined);
      const other = await open(fixture('session.smtp'));
      const a = locate(other, /^S: 550-5\.1\.1/, '550');
      assert.ok(await hoverAt(other, new vscode.Position(a.line, a.column)), 'other languages keep their hover');
    } finally {
      await setSetting('smtpLens.hover.enabled', undefined, 'mail-log');
    }
    assert.ok(await waitFor('hover back', () => hoverAt(doc, pos)));
  });
});
