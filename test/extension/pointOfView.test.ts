import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ExplainResult } from '../../src/extension/explainCommand';
import { api, closeAll, corpus, corpusTest, fixture, hoverAt, locate, open, ours, setSetting, sleep, untitled, waitFor } from './support/helpers';

// Issue 10: the words shown fit the person reading. This host's own refusals (inbound) are its policy
// working: information entries with the operator's advice. A reply that only follows from an earlier
// refusal is no problem of its own. Every coloured outcome fact answers a hover. The command explains the
// cursor's line when no reply was found there, and the code list shows codes, not advice for a reply.

const I = vscode.DiagnosticSeverity.Information;
const E = vscode.DiagnosticSeverity.Error;
const explainReply = (arg?: unknown) => vscode.commands.executeCommand<ExplainResult>('smtpLens.explainReply', arg);

/** Lines (0-based) of a document whose text matches `re`, fail2ban's `#` annotations left out. */
function linesMatching(doc: vscode.TextDocument, re: RegExp): number[] {
  const out: number[] = [];
  for (let line = 0; line < doc.lineCount; line++) {
    const text = doc.lineAt(line).text;
    if (!text.startsWith('#') && re.test(text)) out.push(line);
  }
  return out;
}

suite('point of view: inbound refusals in Problems', () => {
  suiteSetup(api);
  teardown(closeAll);

  corpusTest('exim/fail2ban-exim.log', "Exim's fail2ban sample: auth failures and rejections are inbound information entries with the operator's advice", async () => {
    const doc = await open(corpus('exim/fail2ban-exim.log'));
    const auth = linesMatching(doc, /authenticator failed for /);
    const codeless = linesMatching(doc, /rejected RCPT \S+: (?:Unknown user|relay not permitted|Sender verify failed|Unrouteable address)$|sender verify fail for /);
    assert.ok(auth.length >= 12 && codeless.length >= 6, `${auth.length} auth lines, ${codeless.length} refusals without a code`);
    const diags = await waitFor('problems', () => { const d = ours(doc.uri); return d.length >= auth.length + codeless.length && d; });
    const byLine = new Map(diags.map((d) => [d.range.start.line, d]));
    for (const line of auth) {
      const d = byLine.get(line);
      assert.ok(d, `a problem on line ${line + 1}`);
      assert.strictEqual(d.severity, I, `line ${line + 1} is information`);
      assert.match(d.message, /^535 auth failed — refused by this server \(inbound\): a client's login was refused; act on many failures from one address$/);
    }
    // Refusals Exim logs without a code are problems too.
    for (const line of codeless) {
      const d = byLine.get(line);
      assert.ok(d, `a problem on line ${line + 1}: ${doc.lineAt(line).text}`);
      assert.strictEqual(d.severity, I);
      assert.match(d.message, /refused by this server \(inbound\)/);
      assert.strictEqual(d.range.start.line, line);
    }
    assert.match(byLine.get(locate(doc, /rejected RCPT <oksana@birzhatm\.ua>: Unknown user/).line)!.message, /^user unknown — refused by this server/);
    for (const d of diags) assert.doesNotMatch(d.message, /fix on your side|app password/, d.message);
    // The linked explanation is the operator's too.
    const linked = await vscode.workspace.openTextDocument((byLine.get(auth[0])!.code as { target: vscode.Uri }).target);
    assert.match(linked.getText(), /What to do \(this server's operator\)/);
    assert.match(linked.getText(), /fail2ban/);
  });

  test('smtpLens.diagnostics.inboundSeverity: error, off, back to information', async () => {
    const doc = await open(fixture('maillog'));
    const inbound = () => ours(doc.uri).filter((d) => /\(inbound\)/.test(d.message));
    await waitFor('the NOQUEUE rejection as information', () => inbound().length === 1 && inbound()[0].severity === I);
    try {
      await setSetting('smtpLens.diagnostics.inboundSeverity', 'error');
      await waitFor('inbound as errors', () => inbound().length === 1 && inbound()[0].severity === E);
      await setSetting('smtpLens.diagnostics.inboundSeverity', 'off');
      await waitFor('inbound off, the deliveries still listed', () => inbound().length === 0 && ours(doc.uri).length === 4);
    } finally {
      await setSetting('smtpLens.diagnostics.inboundSeverity', undefined);
    }
    await waitFor('back to information', () => inbound().length === 1 && inbound()[0].severity === I);
  });

  test('a reply that only follows from an earlier refusal is not a problem of its own', async () => {
    const text = [
      'S: 220 mx.example.net ESMTP',
      'C: MAIL FROM:<alice@example.com>',
      'S: 250 2.1.0 Ok',
      'C: RCPT TO:<nobody@example.net>',
      'S: 550 5.1.1 <nobody@example.net>: Recipient address rejected: User unknown',
      'C: DATA',
      'S: 503 5.5.1 Error: need RCPT command',
    ].join('\n');
    const doc = await untitled(text, 'smtp-transcript');
    const diags = await waitFor('problems', () => { const d = ours(doc.uri); return d.length > 0 && d; });
    await sleep(500);
    assert.deepStrictEqual(ours(doc.uri).map((d) => d.range.start.line), [4], 'only the refused RCPT');
    assert.match(diags[0].message, /^550 5\.1\.1 user unknown — permanent failure \(outbound\), do not retry nobody@example\.net$/);
    // Its hover says where it comes from.
    const h = await waitFor('hover on the 503', () => hoverAt(doc, new vscode.Position(6, 4)));
    assert.match(h.text, /Follows from line 5/);
  });
});

suite('every coloured fact answers a hover', () => {
  suiteSetup(api);
  suiteTeardown(closeAll);

  test('Postfix status=bounced: the fact first, then the reply of its line; the range is the fact', async () => {
    const doc = await open(fixture('maillog'));
    const at = locate(doc, /status=bounced \(host mx\.example\.com\[203\.0\.113\.5\] said: 550/, 'status=bounced');
    const h = await waitFor('hover on status=bounced', () => hoverAt(doc, new vscode.Position(at.line, at.column + 9)));
    assert.match(h.text, /status=bounced\S* — Postfix gave up on this recipient/);
    assert.match(h.text, /550 5\.1\.1 — Permanent failure/);
    assert.match(h.text, /jane@example\.com/);
    assert.ok(h.range);
    assert.deepStrictEqual([h.range.start.line, h.range.start.character, h.range.end.character], [at.line, at.column, at.column + 'status=bounced'.length]);
  });

  test('Postfix dsn=5.1.1: the enhanced code the server recorded', async () => {
    const doc = await open(fixture('maillog'));
    const at = locate(doc, /dsn=5\.1\.1, status=bounced/, 'dsn=5.1.1');
    const h = await waitFor('hover on dsn=', () => hoverAt(doc, new vscode.Position(at.line, at.column + 2)));
    assert.match(h.text, /dsn=5\.1\.1\S* — The enhanced status code/);
    assert.match(h.text, /Bad destination mailbox address/);
    assert.match(h.text, /550 5\.1\.1/);
    assert.strictEqual(h.range?.start.character, at.column);
  });

  test("status=deferred, Exim's ** and ==, and a DSN's Action: and Status: fields", async () => {
    const log = await open(fixture('maillog'));
    const deferred = locate(log, /status=deferred \(host mx\.example\.org\[203\.0\.113\.7\] said: 450/, 'status=deferred');
    const hd = await waitFor('hover on status=deferred', () => hoverAt(log, new vscode.Position(deferred.line, deferred.column + 3)));
    assert.match(hd.text, /stays in its queue/);
    assert.match(hd.text, /450 4\.2\.0/);

    const mainlog = await open(fixture('mainlog'));
    const failed = locate(mainlog, / \*\* nobody@/, '**');
    const hf = await waitFor('hover on **', () => hoverAt(mainlog, new vscode.Position(failed.line, failed.column + 1)));
    assert.match(hf.text, /Exim failed to deliver to this address, for good/);
    assert.match(hf.text, /550 5\.1\.1/);
    const deferredFlag = locate(mainlog, / == slow@/, '==');
    const hq = await waitFor('hover on ==', () => hoverAt(mainlog, new vscode.Position(deferredFlag.line, deferredFlag.column)));
    assert.match(hq.text, /stays in the queue and is retried/);

    const bounce = await open(fixture('bounce.txt'));
    const action = locate(bounce, /^Action: failed/);
    const ha = await waitFor('hover on Action:', () => hoverAt(bounce, new vscode.Position(action.line, 10)));
    assert.match(ha.text, /Action: failed\S* — RFC 3464/);
    assert.match(ha.text, /550 5\.1\.1/, "the block's reply");
    const status = locate(bounce, /^Status: 5\.1\.1/);
    const hs = await waitFor('hover on Status:', () => hoverAt(bounce, new vscode.Position(status.line, 9)));
    assert.match(hs.text, /Bad destination mailbox address/);
  });

  test('the keys and values around them get no hover of their own (relay=, delay=)', async () => {
    const doc = await open(fixture('maillog'));
    const at = locate(doc, /status=bounced/);
    for (const needle of ['relay=', 'delay=1.2']) {
      assert.strictEqual(await hoverAt(doc, new vscode.Position(at.line, at.text.indexOf(needle) + 1)), undefined, needle);
    }
  });
});

suite('command: a line with no finding, and the code list', () => {
  suiteSetup(api);
  teardown(closeAll);

  test('on a line the scanner found nothing in, it explains the reply the line holds', async () => {
    const doc = await untitled('notes from the ticket\nOur app logged: delivery failed with 550 5.1.1 user unknown\n', 'plaintext');
    vscode.window.activeTextEditor!.selection = new vscode.Selection(1, 3, 1, 3);
    const r = await explainReply();
    assert.strictEqual(r.replies, 1, JSON.stringify(r));
    assert.match(r.markdown!, /550 5\.1\.1 — Permanent failure/);
    assert.match(r.markdown!, new RegExp(`Found at ${doc.uri.path.split('/').pop()}:2`));
  });

  test('a line with a reply\'s words but no code is explained from its words', async () => {
    await untitled('Unrouteable address\n', 'plaintext');
    vscode.window.activeTextEditor!.selection = new vscode.Selection(0, 2, 0, 2);
    const r = await explainReply();
    assert.strictEqual(r.replies, 1, JSON.stringify(r));
    assert.match(r.markdown!, /domain-unknown/);
  });

  test('a line that holds nothing: it asks', async () => {
    await untitled('hello there, nothing to see\n', 'plaintext');
    vscode.window.activeTextEditor!.selection = new vscode.Selection(0, 2, 0, 2);
    const pending = explainReply();
    await sleep(500);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.strictEqual((await pending).cancelled, true);
  });

  test("a code from the code list: the code's own meaning, digits and causes, no advice for a reply", async () => {
    const r = await explainReply([{ code: '550' }]);
    assert.strictEqual(r.replies, 1);
    assert.match(r.markdown!, /### 550 — Requested action not taken: mailbox unavailable/);
    assert.match(r.markdown!, /Typical causes/);
    assert.doesNotMatch(r.markdown!, /Read the reply text|\*\*What to do/);
    const registry = await explainReply([{ code: '4.2.2' }, { code: '5.2.2' }]);
    assert.strictEqual(registry.replies, 2);
    assert.match(registry.markdown!, /### 5\.2\.2 — /);
    assert.match(registry.markdown!, /Usually stands for:\*\* `mailbox-full`/);
  });
});
