import * as assert from 'assert';
import * as vscode from 'vscode';
import { createProblemScan, createScanner, type Problem } from '../../src/core';
import type { ScanReport } from '../../src/extension/diagnostics';
import { api, closeAll, fixture, locate, open, ours, scanned, setSetting, untitled, waitFor } from './support/helpers';

const E = vscode.DiagnosticSeverity.Error;
const W = vscode.DiagnosticSeverity.Warning;
const I = vscode.DiagnosticSeverity.Information;

/** Lines of a log that carry a 4XX/5XX reply, found with a regular expression independent of the scanner. */
function failedLines(doc: vscode.TextDocument, re: RegExp): { line: number; code: string }[] {
  const out: { line: number; code: string }[] = [];
  for (let line = 0; line < doc.lineCount; line++) {
    const m = re.exec(doc.lineAt(line).text);
    if (m) out.push({ line, code: m[1] });
  }
  return out;
}

suite('diagnostics', () => {
  suiteSetup(api);
  teardown(closeAll);

  test('Postfix log: 5XX are errors, 4XX warnings, 2XX nothing, this server\'s own refusal information; ranges and messages', async () => {
    const doc = await open(fixture('maillog'));
    const expected = failedLines(doc, /(?:said|RCPT from [^:]+\]): ([45]\d\d) /);
    assert.strictEqual(expected.length, 5, 'the fixture holds 3 permanent and 2 transient failures');
    const inbound = locate(doc, /NOQUEUE: reject: RCPT from/).line;
    const diags = await waitFor('diagnostics', () => { const d = ours(doc.uri); return d.length >= expected.length && d; });
    assert.strictEqual(diags.length, expected.length);
    const byLine = new Map(diags.map((d) => [d.range.start.line, d]));
    for (const { line, code } of expected) {
      const d = byLine.get(line);
      assert.ok(d, `a problem on line ${line + 1}`);
      assert.strictEqual(d.severity, line === inbound ? I : code.startsWith('5') ? E : W, `severity of ${code} on line ${line + 1}`);
      assert.ok(d.message.startsWith(code), `${d.message} starts with ${code}`);
      assert.strictEqual(d.range.start.character, doc.lineAt(line).text.indexOf(` ${code} `) + 1, 'range starts at the code');
      assert.strictEqual(d.source, 'SMTP Lens');
    }
    const bounce = locate(doc, /said: 550 5\.1\.1/);
    const d = byLine.get(bounce.line)!;
    assert.match(d.message, /^550 5\.1\.1 user unknown — permanent failure.*do not retry.*jane@example\.com$/);
    const code = d.code as { value: string; target: vscode.Uri };
    assert.strictEqual(code.value, 'user-unknown');
    assert.strictEqual(code.target.scheme, 'smtp-lens');
    const linked = await vscode.workspace.openTextDocument(code.target);
    assert.match(linked.getText(), /550 5\.1\.1/, 'the code links to an explanation');
    assert.ok(d.range.end.character > bounce.text.indexOf('User unknown'), 'the range covers the reply text');
    const relay = byLine.get(locate(doc, /Relay access denied/).line)!;
    assert.strictEqual(relay.code && (relay.code as { value: string }).value, 'relay-denied');
    assert.match(relay.message, /^554 5\.7\.1 relay denied — refused by this server \(inbound\): this server refused to relay for a client; act if a legitimate user was refused relay@example\.net$/);
  });

  test('a log followed by queue id: one problem per recipient for its final outcome; a deferral delivered later is a faded hint', async () => {
    const doc = await scanned(() => open(fixture('maillog-20261130')), (d) => d.uri);
    const diags = ours(doc.uri);
    const H = vscode.DiagnosticSeverity.Hint;
    // ann: deferred, then delivered four lines later: a hint on the deferral, no warning.
    const annDeferred = locate(doc, /to=<ann@example\.net>.*status=deferred/).line;
    const annSent = locate(doc, /to=<ann@example\.net>.*status=sent/).line;
    const onAnn = diags.filter((d) => d.range.start.line === annDeferred);
    assert.deepStrictEqual(onAnn.map((d) => d.severity), [H]);
    assert.match(onAnn[0].message, new RegExp(`deferred, delivered at line ${annSent + 1}`));
    assert.ok(onAnn[0].tags?.includes(vscode.DiagnosticTag.Unnecessary), 'faded');
    // bob: deferred twice, then bounced: one error on the bounce, its deferrals as related information.
    const bounced = locate(doc, /to=<bob@example\.net>.*status=bounced/).line;
    const bob = diags.filter((d) => d.message.includes('bob@example.net') && d.code !== 'retry-review');
    assert.deepStrictEqual(bob.map((d) => [d.range.start.line, d.severity]), [[bounced, E]]);
    assert.deepStrictEqual(bob[0].relatedInformation?.map((r) => [r.location.uri.toString(), r.location.range.start.line]),
      [0, 1].map((k) => [doc.uri.toString(), [...Array(doc.lineCount).keys()].filter((l) => /to=<bob@example\.net>.*status=deferred/.test(doc.lineAt(l).text))[k]]));
    // eve: still deferred where the file ends: one warning on her last attempt, the retries reviewed as too fast.
    const eve = diags.filter((d) => d.message.includes('eve@example.com') && d.severity === W);
    assert.deepStrictEqual(eve.map((d) => d.range.start.line), [doc.lineCount - 1 - (doc.lineAt(doc.lineCount - 1).text === '' ? 1 : 0)]);
    assert.match(eve[0].message, /still deferred where the file ends/);
    assert.ok(diags.some((d) => d.severity === I && d.code === 'retry-review' && /too-fast/.test(d.message)));
    // Nothing is a warning for a recipient that was delivered.
    assert.ok(!diags.some((d) => d.severity === W && /ann@example\.net|carl@example\.com/.test(d.message)));

    await scanned(() => setSetting('smtpLens.diagnostics.deliveredDeferrals', 'off'), () => doc.uri);
    try {
      assert.deepStrictEqual(ours(doc.uri).filter((d) => d.range.start.line === annDeferred), []);
    } finally {
      await scanned(() => setSetting('smtpLens.diagnostics.deliveredDeferrals', undefined), () => doc.uri);
    }
  });

  test('a log is scanned in a worker beside the extension host, and lists what the core lists', async () => {
    const lens = await api();
    const reports: ScanReport[] = [];
    const sub = lens.onDidScan((r) => { if (r.outcome === 'scanned') reports.push(r); });
    try {
      // The document may still be open from an earlier test (closing its editor does not close it): scanned again.
      const doc = await open(fixture('maillog-20261130'));
      await scanned(() => lens.rescan(doc), () => doc.uri);
      const report = reports.filter((r) => r.uri.toString() === doc.uri.toString()).at(-1);
      assert.ok(report, 'a scan report');
      assert.strictEqual(report.where, 'worker', 'a Node extension host starts the worker (dist/problems-worker.js)');
      assert.strictEqual(report.lines, doc.lineCount);
      const expected: Problem[] = [];
      const scanner = createScanner();
      const tracked = createProblemScan((p) => expected.push(p), { referenceTime: Date.now() });
      for (let l = 0; l < doc.lineCount; l++) tracked.push(doc.lineAt(l).text, scanner.push(doc.lineAt(l).text));
      tracked.end(scanner.end());
      const key = (line: number, message: string) => `${line}: ${message}`;
      assert.deepStrictEqual(ours(doc.uri).map((d) => key(d.range.start.line, d.message)).sort(),
        expected.map((p) => key(p.range.start.line, p.message)).sort());
    } finally {
      sub.dispose();
    }
  });

  test('a bounce (.eml, the email language): one problem per failed recipient, the quoted message left alone', async () => {
    const doc = await open(fixture('bounce.eml'));
    assert.strictEqual(doc.languageId, 'email');
    const diags = await waitFor('diagnostics', () => { const d = ours(doc.uri); return d.length >= 2 && d; });
    assert.strictEqual(diags.length, 2);
    const bob = diags.find((d) => d.message.includes('bob@example.net'))!;
    assert.strictEqual(bob.severity, E);
    assert.strictEqual(bob.range.start.line, locate(doc, /^Diagnostic-Code: smtp; 550 5\.1\.1/).line);
    assert.strictEqual((bob.code as { value: string }).value, 'user-unknown');
    const carol = diags.find((d) => d.message.includes('carol@nowhere.example'))!;
    assert.strictEqual(carol.range.start.line, locate(doc, /^Diagnostic-Code: X-Postfix; Host or domain name not found/).line);
    assert.ok(!diags.some((d) => d.message.includes('Spam detected')), 'the log line quoted in the returned message is no problem');
  });

  test('Exim mainlog: ** is an error, == a warning, => nothing', async () => {
    const doc = await open(fixture('mainlog'));
    const diags = await waitFor('diagnostics', () => { const d = ours(doc.uri); return d.length >= 2 && d; });
    assert.deepStrictEqual(diags.map((d) => [d.range.start.line, d.severity]).sort(), [[1, E], [2, W]]);
  });

  test('transcript: only the failed reply, a multi-line one, with its full range', async () => {
    const doc = await open(fixture('session.smtp'));
    const diags = await waitFor('diagnostics', () => { const d = ours(doc.uri); return d.length > 0 && d; });
    assert.strictEqual(diags.length, 1, '220/250/221 are never problems');
    const first = locate(doc, /^S: 550-/), last = locate(doc, /^S: 550 /);
    assert.deepStrictEqual([diags[0].range.start.line, diags[0].range.end.line], [first.line, last.line]);
    assert.strictEqual(diags[0].severity, E);
  });

  test('nothing on an nginx access log (HTTP 500, 421, sizes of 550 bytes)', async () => {
    const doc = await open(fixture('access.log'));
    await scanned(() => setSetting('smtpLens.diagnostics.maxProblems', 999), () => doc.uri);
    assert.deepStrictEqual(ours(doc.uri), []);
    await setSetting('smtpLens.diagnostics.maxProblems', undefined);
  });

  test('a Postfix log in the built-in `log` language gets problems too', async () => {
    const doc = await open(fixture('postfix-relay.log'));
    assert.strictEqual(doc.languageId, 'log');
    const diags = await waitFor('diagnostics', () => { const d = ours(doc.uri); return d.length > 0 && d; });
    assert.deepStrictEqual(diags.map((d) => d.severity), [E]);
  });

  test('updated on edit (debounced) and cleared on close', async () => {
    const sent = 'Nov 29 10:00:00 mx postfix/smtp[1]: AB12: to=<a@example.com>, relay=mx.example.com[192.0.2.1]:25, delay=1, delays=0/0/0/1, dsn=2.0.0, status=sent (250 2.0.0 Ok)\n';
    const doc = await scanned(() => untitled(sent, 'mail-log'), (d) => d.uri);
    assert.strictEqual(ours(doc.uri).length, 0);
    const line = 'Nov 29 10:00:01 mx postfix/smtp[2]: CD34: to=<b@example.com>, relay=mx.example.com[192.0.2.1]:25, delay=1, delays=0/0/0/1, dsn=5.1.1, status=bounced (host mx.example.com[192.0.2.1] said: 550 5.1.1 <b@example.com>: User unknown (in reply to RCPT TO command))\n';
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(1, 0), line + line.replace('CD34', 'EF56').replace(/<b@/g, '<c@'));
    await vscode.workspace.applyEdit(edit);
    const diags = await waitFor('diagnostics after the edit', () => { const d = ours(doc.uri); return d.length === 2 && d; });
    assert.ok(diags.every((d) => d.severity === E));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await waitFor('diagnostics cleared on close', () => ours(doc.uri).length === 0);
  });

  test('settings apply without reload: 4XX severity, off, and per-language enable', async () => {
    const doc = await open(fixture('maillog'));
    const warnings = () => ours(doc.uri).filter((d) => d.message.startsWith('4'));
    await waitFor('warnings', () => warnings().length === 2 && warnings().every((d) => d.severity === W));
    try {
      await setSetting('smtpLens.diagnostics.transientSeverity', 'information');
      await waitFor('4XX as information', () => warnings().length === 2 && warnings().every((d) => d.severity === vscode.DiagnosticSeverity.Information));
      await setSetting('smtpLens.diagnostics.transientSeverity', 'hint');
      await waitFor('4XX as hints', () => warnings().length === 2 && warnings().every((d) => d.severity === vscode.DiagnosticSeverity.Hint));
      await setSetting('smtpLens.diagnostics.transientSeverity', 'off');
      await waitFor('4XX off', () => warnings().length === 0 && ours(doc.uri).length === 3);
      await setSetting('smtpLens.diagnostics.enabled', false, 'mail-log');
      await waitFor('mail-log problems off', () => ours(doc.uri).length === 0);
      const transcript = await open(fixture('session.smtp'));
      await waitFor('smtp-transcript problems still on', () => ours(transcript.uri).length === 1);
    } finally {
      await setSetting('smtpLens.diagnostics.transientSeverity', undefined);
      await setSetting('smtpLens.diagnostics.enabled', undefined, 'mail-log');
    }
    await waitFor('back to defaults', () => ours(doc.uri).length === 5 && warnings().every((d) => d.severity === W));
  });

  test('smtpLens.languages: removing `log` removes problems from .log files', async () => {
    const doc = await open(fixture('postfix-relay.log'));
    await waitFor('problems', () => ours(doc.uri).length === 1);
    try {
      await setSetting('smtpLens.languages', ['smtp-transcript', 'mail-log']);
      await waitFor('no problems in log', () => ours(doc.uri).length === 0);
    } finally {
      await setSetting('smtpLens.languages', undefined);
    }
    await waitFor('problems back', () => ours(doc.uri).length === 1);
  });

  test('the cap: a large generated log lists at most maxProblems, errors first, and says how many more', async () => {
    const bounces = 3000, deferrals = 2000;
    const lines: string[] = [];
    for (let i = 0; i < bounces + deferrals; i++) {
      const id = (0x100000 + i).toString(16).toUpperCase();
      lines.push(i % 5 < 3
        ? `Nov 29 10:00:00 mx postfix/smtp[${1000 + i}]: ${id}: to=<u${i}@example.com>, relay=mx.example.com[192.0.2.1]:25, delay=1, delays=0/0/0/1, dsn=5.1.1, status=bounced (host mx.example.com[192.0.2.1] said: 550 5.1.1 <u${i}@example.com>: User unknown (in reply to RCPT TO command))`
        : `Nov 29 10:00:00 mx postfix/smtp[${1000 + i}]: ${id}: to=<u${i}@example.com>, relay=mx.example.com[192.0.2.1]:25, delay=1, delays=0/0/0/1, dsn=4.2.0, status=deferred (host mx.example.com[192.0.2.1] said: 450 4.2.0 <u${i}@example.com>: Greylisted (in reply to RCPT TO command))`);
    }
    await setSetting('smtpLens.diagnostics.maxProblems', 100);
    try {
      // While the scan runs the note counts what is found so far; the list is checked once the scan has ended.
      const doc = await scanned(() => untitled(lines.join('\n'), 'mail-log', false), (d) => d.uri);
      const diags = ours(doc.uri);
      assert.strictEqual(diags.length, 100, 'never more than the cap, the note included');
      const note = diags.filter((d) => d.code === 'more-problems');
      assert.strictEqual(note.length, 1);
      assert.strictEqual(note[0].severity, vscode.DiagnosticSeverity.Information);
      assert.strictEqual(note[0].range.start.line, 0, 'at the top');
      assert.match(note[0].message, new RegExp(`${(bounces + deferrals - 99).toLocaleString('en-US')} more`));
      assert.ok(diags.filter((d) => d !== note[0]).every((d) => d.severity === E), 'errors before warnings');
    } finally {
      await setSetting('smtpLens.diagnostics.maxProblems', undefined);
    }
  });

  test('maxFileSizeMB: a larger file is not scanned, and says so', async () => {
    await setSetting('smtpLens.diagnostics.maxFileSizeMB', 0.0005);
    try {
      const doc = await open(fixture('maillog'));
      const d = await waitFor('size note', () => { const x = ours(doc.uri); return x.length === 1 && x[0].code === 'file-too-large' && x; });
      assert.strictEqual(d[0].severity, vscode.DiagnosticSeverity.Information);
      assert.match(d[0].message, /maxFileSizeMB/);
    } finally {
      await setSetting('smtpLens.diagnostics.maxFileSizeMB', undefined);
    }
  });
});
