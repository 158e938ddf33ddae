import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ExplainResult } from '../../src/extension/explainCommand';
import { validateReplyInput } from '../../src/extension/explainCommand';
import { api, closeAll, fixture, locate, open, sleep, untitled, waitFor } from './support/helpers';

const explainReply = (arg?: unknown) => vscode.commands.executeCommand<ExplainResult>('smtpLens.explainReply', arg);

/** The Markdown preview opened beside the editor (a webview tab), or the Markdown source as a fallback. */
function explanationTab(uri: vscode.Uri): vscode.Tab | undefined {
  const name = decodeURIComponent(uri.path.split('/').pop()!);
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) {
      const input = tab.input;
      if (input instanceof vscode.TabInputWebview && input.viewType.includes('markdown.preview') && tab.label.includes(name)) return tab;
      if (input instanceof vscode.TabInputText && input.uri.toString() === uri.toString()) return tab;
    }
  }
  return undefined;
}

suite('command: Explain SMTP Reply', () => {
  suiteSetup(api);
  teardown(closeAll);

  test('on a selection: explains the selected reply, beside the editor', async () => {
    const doc = await open(fixture('maillog'));
    const editor = vscode.window.activeTextEditor!;
    const at = locate(doc, /said: 552 5\.2\.2/, '552 5.2.2');
    editor.selection = new vscode.Selection(at.line, at.column, at.line, at.text.indexOf('Mailbox full') + 'Mailbox full'.length);
    const r = await explainReply();
    assert.ok(r.uri && r.markdown, JSON.stringify(r));
    assert.strictEqual(r.replies, 1);
    assert.strictEqual(r.uri.scheme, 'smtp-lens');
    assert.match(r.markdown, /552 5\.2\.2/);
    assert.match(r.markdown, /mailbox-full/);
    assert.match(r.markdown, /maillog:6/, 'where it was found');
    assert.strictEqual((await vscode.workspace.openTextDocument(r.uri)).getText(), r.markdown, 'the virtual document holds it');
    const tab = await waitFor('the explanation tab', () => explanationTab(r.uri!));
    assert.notStrictEqual(tab.group.viewColumn, vscode.ViewColumn.One, 'opened beside the editor');
  });

  test('on the cursor, without a selection: the reply under it', async () => {
    const doc = await open(fixture('mainlog'));
    const at = locate(doc, /== slow@/, '451');
    vscode.window.activeTextEditor!.selection = new vscode.Selection(at.line, at.column + 1, at.line, at.column + 1);
    const r = await explainReply();
    assert.strictEqual(r.replies, 1);
    assert.match(r.markdown!, /451 4\.7\.1/);
    assert.match(r.markdown!, /greylist/i);
  });

  test('a selection over several lines explains every reply in it', async () => {
    const doc = await open(fixture('maillog'));
    vscode.window.activeTextEditor!.selection = new vscode.Selection(0, 0, doc.lineCount - 1, 0);
    const r = await explainReply();
    assert.strictEqual(r.replies, 6, '554, 550, 450, 250, 552, 421');
    assert.match(r.markdown!, /6 SMTP replies/);
  });

  test('a select-all in a big log reads the first 5,000 lines and says so', async () => {
    const line = (i: number) => `Nov 29 10:00:00 mx postfix/smtp[${i}]: Q${i}: to=<u${i}@example.com>, relay=mx.example.com[192.0.2.1]:25, delay=1, delays=0/0/0/1, dsn=5.1.1, status=bounced (host mx.example.com[192.0.2.1] said: 550 5.1.1 User unknown (in reply to RCPT TO command))`;
    const doc = await untitled(Array.from({ length: 8000 }, (_, i) => line(i)).join('\n'), 'mail-log');
    vscode.window.activeTextEditor!.selection = new vscode.Selection(0, 0, doc.lineCount - 1, 0);
    const r = await explainReply();
    assert.strictEqual(r.replies, 5000);
    assert.match(r.markdown!, /5000 SMTP replies in the first 5,000 lines of the selection/);
    assert.match(r.markdown!, /and 4950 more replies, not shown/);
  });

  test('a selection without a reply: a clear error', async () => {
    const doc = await open(fixture('access.log'));
    vscode.window.activeTextEditor!.selection = new vscode.Selection(0, 0, 0, doc.lineAt(0).text.length);
    const r = await explainReply();
    assert.strictEqual(r.uri, undefined);
    assert.match(r.error!, /no SMTP reply/i);
  });

  test('text passed by a caller; its error for non-SMTP input', async () => {
    const ok = await explainReply('421-4.7.0 Try again later, closing connection.');
    assert.match(ok.markdown!, /421/);
    assert.match(ok.markdown!, /Transient|Temporary/i);
    const bad = await explainReply('hello world, this is not a reply');
    assert.strictEqual(bad.uri, undefined);
    assert.match(bad.error!, /holds no SMTP reply/);
  });

  test('the input box validation', () => {
    assert.match(validateReplyInput('hello')!, /No SMTP reply/);
    assert.match(validateReplyInput('Connection refused, try later')!, /No SMTP reply/);
    assert.strictEqual(validateReplyInput('550'), undefined);
    assert.strictEqual(validateReplyInput('5.2.2'), undefined);
    assert.strictEqual(validateReplyInput('452 4.2.2 Mailbox full'), undefined);
    assert.strictEqual(validateReplyInput(''), undefined, 'empty: Enter browses the codes');
  });

  test('with neither selection nor reply under the cursor, it asks', async () => {
    await closeAll();
    const pending = explainReply();
    await sleep(500);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    const r = await pending;
    assert.strictEqual(r.cancelled, true);
  });

  test('the diagnostics link opens an explanation', async () => {
    const r = await explainReply('550 5.1.1 User unknown');
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'smtp-lens', path: '/explain/550 5.1.1.md', query: '550 5.1.1 User unknown' }));
    assert.strictEqual(doc.getText().trimEnd(), r.markdown!.trimEnd(), 'the same explanation as the command');
  });
});
