// Messages, not lines, in the real extension host: queue-id highlights, definition, references and hover; the outline;
// the delivery report; the failed-recipients commands. On test/extension/fixtures/mail.log, a Postfix log written for
// these tests, whose every outcome is known (see the comments below).
import * as assert from 'assert';
import * as cp from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { LogModel } from '../../src/extension/logModelBuild';
import type { CopyResult, ExportResult } from '../../src/extension/failedRecipients';
import type { ReportShown } from '../../src/extension/reportView';
import { api, closeAll, fixture, FIXTURES, open, ROOT, setSetting, untitled, waitFor } from './support/helpers';

/**
 * The fixture, as written: eight messages (five received; three bounce notifications to local senders) and one
 * refusal before queueing.
 * - 6D4E5F6A7B news@ → gina@dead.example: connection timed out nine times over a day, then expired (notification 7E5F6A7B8C)
 * - 3F1A2B3C4D news@ → anna@gmail.com delivered; bob@outlook.com deferred once (451 4.7.650), delivered 20 minutes later
 * - 4B2C3D4E5F billing@ (pickup) → nobody@example.net bounced 550 5.1.1 user unknown (notification 5C3D4E5F6A)
 * - 1A9B8C7D6E orders@ → frank@example.org delivered; dora@gmail.com bounced 552 5.2.2 (notification 2B0C9D8E7F)
 * - NOQUEUE reject 554 5.7.1 relay access denied for someone@elsewhere.org
 * - 8F6A7B8C9D news@ → hank@grey.example greylisted twice, still deferred when the log ends
 */
const LOG = 'mail.log';

/** Lines (0-based) of the fixture whose text holds every one of `needles`. */
function linesWith(doc: vscode.TextDocument, ...needles: string[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < doc.lineCount; i++) if (needles.every((n) => doc.lineAt(i).text.includes(n))) out.push(i);
  return out;
}

function lineWith(doc: vscode.TextDocument, ...needles: string[]): number {
  const lines = linesWith(doc, ...needles);
  assert.strictEqual(lines.length, 1, `one line holds ${needles.join(' and ')}`);
  return lines[0];
}

/** The position in the middle of `word` on `line`. */
function on(doc: vscode.TextDocument, line: number, word: string): vscode.Position {
  const at = doc.lineAt(line).text.indexOf(word);
  assert.ok(at >= 0, `${word} on line ${line + 1}`);
  return new vscode.Position(line, at + Math.floor(word.length / 2));
}

async function model(doc: vscode.TextDocument): Promise<LogModel> {
  const m = await (await api()).logModel(doc);
  assert.ok(m && !('tooLarge' in m), 'a model');
  return m;
}

suite('messages: queue ids as links', () => {
  let doc: vscode.TextDocument;
  suiteSetup(async () => { doc = await open(fixture(LOG)); });
  suiteTeardown(closeAll);

  test('the cursor on a queue id highlights every line of its message, the first as where it starts', async () => {
    const expected = linesWith(doc, '3F1A2B3C4D');
    assert.strictEqual(expected.length, 7, 'client=, message-id, qmgr, two deliveries, the deferral, removed');
    const deferral = lineWith(doc, '3F1A2B3C4D', 'status=deferred');
    const highlights = await vscode.commands.executeCommand<vscode.DocumentHighlight[]>('vscode.executeDocumentHighlights', doc.uri, on(doc, deferral, '3F1A2B3C4D'));
    assert.deepStrictEqual(highlights.map((h) => h.range.start.line).sort((a, b) => a - b), expected);
    for (const h of highlights) assert.strictEqual(doc.getText(h.range), '3F1A2B3C4D');
    const writes = highlights.filter((h) => h.kind === vscode.DocumentHighlightKind.Write).map((h) => h.range.start.line);
    assert.deepStrictEqual(writes, [lineWith(doc, '3F1A2B3C4D: client=')]);
  });

  test('a queue id a line names (the bounce notification it made) highlights that message, not the line\'s', async () => {
    const bounceLine = lineWith(doc, '4B2C3D4E5F: sender non-delivery notification: 5C3D4E5F6A');
    const highlights = await vscode.commands.executeCommand<vscode.DocumentHighlight[]>('vscode.executeDocumentHighlights', doc.uri, on(doc, bounceLine, '5C3D4E5F6A'));
    const notification = linesWith(doc, '5C3D4E5F6A:');
    assert.strictEqual(notification.length, 4, 'cleanup, qmgr, local delivery, removed');
    assert.deepStrictEqual(highlights.map((h) => h.range.start.line).sort((a, b) => a - b), notification);
  });

  test('Go to Definition on a queue id goes to the first line of its message', async () => {
    const removed = lineWith(doc, '3F1A2B3C4D: removed');
    const defs = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', doc.uri, on(doc, removed, '3F1A2B3C4D'));
    const ours = defs.map((d) => ('targetUri' in d ? { uri: d.targetUri, range: d.targetRange } : d)).filter((d) => d.uri.toString() === doc.uri.toString());
    assert.strictEqual(ours.length, 1);
    assert.strictEqual(ours[0].range.start.line, lineWith(doc, '3F1A2B3C4D: client='));
    assert.strictEqual(doc.getText(ours[0].range), '3F1A2B3C4D');
  });

  test('Find All References lists every line of the message; an Exim-style word that is no queue id gets none from us', async () => {
    const refs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', doc.uri, on(doc, lineWith(doc, '3F1A2B3C4D: to=<anna@'), '3F1A2B3C4D'));
    assert.deepStrictEqual(refs.map((r) => r.range.start.line).sort((a, b) => a - b), linesWith(doc, '3F1A2B3C4D'));
    const none = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', doc.uri, on(doc, lineWith(doc, 'NOQUEUE: reject'), 'NOQUEUE'));
    assert.deepStrictEqual(none ?? [], []);
  });

  test('the hover on a queue id sums the message up: sender, each recipient and its outcome, the notification', async () => {
    const line = lineWith(doc, '1A9B8C7D6E: removed');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, on(doc, line, '1A9B8C7D6E'));
    const text = hovers.map((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).join('\n')).find((t) => t.includes('Message 1A9B8C7D6E'));
    assert.ok(text, `our hover among ${hovers.length}`);
    assert.match(text, /2 recipients: 1 bounced, 1 delivered/);
    assert.match(text, /From `orders@shop\.example`/);
    assert.match(text, /`frank@example\.org` — \*\*delivered\*\*/);
    assert.match(text, /`dora@gmail\.com` — \*\*bounced\*\* · 552 5\.2\.2/);
    assert.match(text, new RegExp(`\\(line ${lineWith(doc, 'to=<dora@gmail.com>') + 1}\\)`));
    assert.match(text, /bounce notification 2B0C9D8E7F/);
    const hard = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, on(doc, lineWith(doc, '4B2C3D4E5F: removed'), '4B2C3D4E5F'));
    assert.ok(hard.some((h) => h.contents.some((c) => typeof c !== 'string' && 'value' in c && /hard bounce: remove this address/.test(c.value))));
  });
});

suite('messages: outline', () => {
  suiteTeardown(async () => { await setSetting('smtpLens.outline.maxMessages', undefined); await closeAll(); });

  test('each message a symbol (queue id, sender, recipients, worst outcome), each recipient a child, the refusal too', async () => {
    const doc = await open(fixture(LOG));
    const symbols = await waitFor('symbols', async () => {
      const s = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
      return s?.length ? s : undefined;
    });
    assert.deepStrictEqual(symbols.map((s) => s.name), [
      '6D4E5F6A7B', '7E5F6A7B8C', '3F1A2B3C4D', '4B2C3D4E5F', '5C3D4E5F6A', '1A9B8C7D6E', '2B0C9D8E7F', 'someone@elsewhere.org', '8F6A7B8C9D',
    ]);
    const byName = new Map(symbols.map((s) => [s.name, s]));
    assert.strictEqual(byName.get('4B2C3D4E5F')!.detail, 'from billing@shop.example · 1 recipient · bounced');
    assert.strictEqual(byName.get('6D4E5F6A7B')!.detail, 'from news@shop.example · 1 recipient · expired');
    assert.strictEqual(byName.get('7E5F6A7B8C')!.detail, 'from <> · 1 recipient · delivered');
    // A message whose lines no other message's come between spans them all; one interleaved with others is its first
    // line (breadcrumbs take the first symbol holding the cursor: they must not name another message).
    const grey = byName.get('8F6A7B8C9D')!;
    assert.deepStrictEqual([grey.range.start.line, grey.range.end.line], [lineWith(doc, '8F6A7B8C9D: client='), linesWith(doc, 'to=<hank@grey.example>').pop()]);
    const m = byName.get('3F1A2B3C4D')!;
    assert.deepStrictEqual([m.range.start.line, m.range.end.line], [lineWith(doc, '3F1A2B3C4D: client='), lineWith(doc, '3F1A2B3C4D: client=')], 'interleaved with 4B2C3D4E5F and 1A9B8C7D6E');
    assert.deepStrictEqual(m.children.map((c) => [c.name, c.detail, c.range.start.line]), [
      ['anna@gmail.com', 'delivered', lineWith(doc, 'to=<anna@gmail.com>')],
      ['bob@outlook.com', 'delivered', lineWith(doc, 'to=<bob@outlook.com>', 'status=sent')],
    ]);
    assert.deepStrictEqual(byName.get('4B2C3D4E5F')!.children.map((c) => [c.name, c.detail]), [['nobody@example.net', 'bounced · 550 5.1.1 user-unknown']]);
    assert.deepStrictEqual(byName.get('8F6A7B8C9D')!.children.map((c) => c.detail), ['deferred · 450 4.2.0 greylisted']);
    assert.strictEqual(byName.get('someone@elsewhere.org')!.detail, 'rejected before queueing · 554 5.7.1 relay-denied');
  });

  test('over smtpLens.outline.maxMessages: the most worrying first, in document order, and a note that says how many more', async () => {
    await setSetting('smtpLens.outline.maxMessages', 3);
    const doc = await open(fixture(LOG));
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
    // Bounced and rejected (most worrying) before expired, deferred and delivered.
    assert.deepStrictEqual(symbols.map((s) => s.name), ['6 more messages not listed', '4B2C3D4E5F', '1A9B8C7D6E', 'someone@elsewhere.org']);
    assert.match(symbols[0].detail, /smtpLens\.outline\.maxMessages \(3\)/);
  });
});

suite('messages: the log model', () => {
  teardown(async () => { await setSetting('smtpLens.messages.maxFileSizeMB', undefined); await closeAll(); });

  test('built once per version, shared, and built again after an edit', async () => {
    const lens = await api();
    const doc = await untitled(fs.readFileSync(path.join(FIXTURES, LOG), 'utf8'), 'mail-log');
    const builds: number[] = [];
    const sub = lens.onDidBuildModel((r) => { if (r.uri.toString() === doc.uri.toString() && r.outcome === 'built') builds.push(r.version); });
    try {
      const first = await model(doc);
      assert.strictEqual(await model(doc), first, 'the same model for the same version');
      assert.strictEqual(first.report.recipients.bounced, 2);
      const edit = new vscode.WorkspaceEdit();
      edit.insert(doc.uri, new vscode.Position(doc.lineCount, 0),
        'Nov 29 11:50:00 mail postfix/smtp[2103]: 8F6A7B8C9D: to=<hank@grey.example>, relay=mx.grey.example[203.0.113.40]:25, delay=600, delays=599/0/0.3/0.2, dsn=5.1.1, status=bounced (host mx.grey.example[203.0.113.40] said: 550 5.1.1 <hank@grey.example>: Recipient address rejected: User unknown (in reply to RCPT TO command))\n');
      assert.ok(await vscode.workspace.applyEdit(edit));
      const second = await model(doc);
      assert.notStrictEqual(second, first);
      assert.deepStrictEqual([second.report.recipients.bounced, second.report.recipients.deferred], [3, 0]);
      assert.strictEqual(builds.length, 2, `one build per version (${builds.join(', ')})`);
    } finally {
      sub.dispose();
    }
  });

  test('a log over smtpLens.messages.maxFileSizeMB is not followed: the outline and the report say so', async () => {
    await setSetting('smtpLens.messages.maxFileSizeMB', 0.001);
    const doc = await open(fixture(LOG));
    const answer = await (await api()).logModel(doc);
    assert.ok(answer && 'tooLarge' in answer, 'too large');
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
    assert.deepStrictEqual(symbols.map((s) => s.name), ['Messages not followed: the log is too large']);
    assert.match(symbols[0].detail, /over smtpLens\.messages\.maxFileSizeMB \(0\.001\)/);
    const shown = await vscode.commands.executeCommand<ReportShown>('smtpLens.showReport', doc.uri);
    assert.strictEqual(shown?.report, null);
  });
});

suite('messages: delivery report and failed recipients', () => {
  suiteTeardown(closeAll);

  test('"Show Delivery Report" opens beside the log with the fixture\'s totals; the page loads its script and its rows', async () => {
    const lens = await api();
    const doc = await open(fixture(LOG));
    const loaded = new Promise<ReportShown>((resolve) => {
      const sub = lens.onDidShowReport((r) => { if (r.uri.toString() === doc.uri.toString()) { sub.dispose(); resolve(r); } });
    });
    const shown = await vscode.commands.executeCommand<ReportShown>('smtpLens.showReport');
    assert.ok(shown?.report, 'a report for the active log');
    const r = shown.report;
    assert.strictEqual(r.messages, 5);
    assert.deepStrictEqual(r.recipients, { delivered: 6, bounced: 2, expired: 1, deferred: 1, forwarded: 0 });
    assert.strictEqual(r.deferrals, 12);
    assert.strictEqual(r.rejected, 1);
    assert.deepStrictEqual(r.notifications, { bounce: 3, delay: 0, success: 0, requeue: 0 });
    assert.deepStrictEqual(r.failedRecipients.map((f) => [f.recipient, f.state, f.line]), [
      ['dora@gmail.com', 'bounced', lineWith(doc, 'to=<dora@gmail.com>') + 1],
      ['nobody@example.net', 'bounced', lineWith(doc, 'to=<nobody@example.net>') + 1],
      ['gina@dead.example', 'expired', lineWith(doc, '6D4E5F6A7B', 'status=expired') + 1],
      ['hank@grey.example', 'deferred', linesWith(doc, 'to=<hank@grey.example>').pop()! + 1],
    ]);
    const page = await loaded;
    assert.strictEqual(page.rows, 4, 'the four failed recipients are rows that reveal their line (no retry-review rows: every verdict is ok)');
    const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.label === `Report: ${LOG}`);
    assert.ok(tab, 'a webview tab for the report');
    assert.notStrictEqual(tab.group.viewColumn, vscode.window.tabGroups.all.find((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === doc.uri.toString()))?.viewColumn, 'beside the log');

    // A row's line, revealed as a click on it does: selected in the log's editor.
    const editor = await lens.revealFromReport(doc.uri, r.failedRecipients[1].line);
    assert.ok(editor);
    assert.strictEqual(editor.selection.start.line, lineWith(doc, 'to=<nobody@example.net>'));
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), doc.uri.toString());
  });

  test('"Copy Failed Recipients": the hard bounces, or every failed recipient, one per line', async () => {
    const doc = await open(fixture(LOG));
    const hard = await vscode.commands.executeCommand<CopyResult>('smtpLens.copyFailedRecipients', { uri: doc.uri, which: 'hard' });
    assert.deepStrictEqual(hard?.addresses, ['nobody@example.net']);
    assert.strictEqual(hard.text, 'nobody@example.net\n');
    const all = await vscode.commands.executeCommand<CopyResult>('smtpLens.copyFailedRecipients', { uri: doc.uri, which: 'all' });
    assert.deepStrictEqual(all?.addresses, ['dora@gmail.com', 'nobody@example.net', 'gina@dead.example', 'hank@grey.example']);
    assert.strictEqual(await vscode.env.clipboard.readText(), all.text);
  });

  test('"Export Failed Recipients as CSV" writes what `smtp-lens report --csv` prints for the same file', async () => {
    const doc = await open(fixture(LOG));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smtp-lens-csv-'));
    try {
      const target = vscode.Uri.file(path.join(dir, 'failed.csv'));
      const result = await vscode.commands.executeCommand<ExportResult>('smtpLens.exportFailedRecipients', { uri: doc.uri, target });
      assert.strictEqual(result?.rows, 4);
      const written = fs.readFileSync(target.fsPath, 'utf8');
      const rows = written.split('\r\n');
      assert.strictEqual(rows[0], 'recipient,state,reason,action,bounce,attempts,messages,first,last,reply,queueId,file,line');
      assert.match(rows[2], /^nobody@example\.net,bounced,user-unknown,do-not-retry,hard,1,1,\d{4}-11-29T10:01:11,\d{4}-11-29T10:01:11,550 5\.1\.1 <nobody@example\.net>: Recipient address rejected: User unknown in virtual mailbox table,4B2C3D4E5F,mail\.log,\d+$/);
      // The CLI on the same file, named the same way (its base name, from its folder).
      const cli = cp.execFileSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), 'report', '--csv', LOG], { cwd: FIXTURES, encoding: 'utf8' });
      assert.strictEqual(written, cli);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
