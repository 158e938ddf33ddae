import * as assert from 'assert';
import * as vscode from 'vscode';
import { api, closeAll, EXTENSION_ID, fixture, open } from './support/helpers';

suite('activation and languages', () => {
  suiteTeardown(closeAll);

  test('runs in a real VS Code extension host', () => {
    console.log(`    vscode ${vscode.version}, ${vscode.env.appName}, uiKind ${vscode.UIKind[vscode.env.uiKind]}, node ${process.version}`);
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID), 'the extension under development is loaded');
  });

  test('the manifest activates on our languages and the command only, and declares web and trust support', () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON;
    const events: string[] = pkg.activationEvents;
    assert.ok(!events.includes('*') && !events.includes('onStartupFinished'), 'no eager activation');
    for (const e of events) assert.match(e, /^(onLanguage:|onCommand:smtpLens\.)/);
    assert.strictEqual(pkg.browser, './dist/web/extension.js');
    assert.strictEqual(pkg.capabilities.untrustedWorkspaces.supported, true);
    assert.strictEqual(pkg.capabilities.virtualWorkspaces, true);
    const langs = pkg.contributes.languages.flatMap((l: { extensions?: string[]; filenamePatterns?: string[] }) => [...(l.extensions ?? []), ...(l.filenamePatterns ?? [])]);
    assert.ok(!langs.includes('.log') && !langs.includes('*.log'), 'does not claim *.log');
  });

  test('mail logs, rotated mail logs and transcripts get our languages', async () => {
    const cases: [string, string][] = [
      ['maillog', 'mail-log'], ['mainlog', 'mail-log'], ['maillog.1', 'mail-log'], ['mainlog-20261129', 'mail-log'],
      ['session.smtp', 'smtp-transcript'], ['swaks-run', 'smtp-transcript'], ['greeting', 'smtp-transcript'],
      ['access.log', 'log'], ['postfix-relay.log', 'log'], ['bounce.txt', 'plaintext'], ['bounce.eml', 'email'],
    ];
    for (const [name, language] of cases) {
      const doc = await open(fixture(name), false);
      assert.strictEqual(doc.languageId, language, name);
    }
  });

  test('opening a mail log activates the extension and returns its API', async () => {
    await open(fixture('maillog'));
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const lens = await api();
    assert.ok(ext.isActive);
    assert.strictEqual(typeof lens.findingAt, 'function');
  });

  test('the command is contributed under the SMTP category and registered', async () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON;
    const cmd = pkg.contributes.commands.find((c: { command: string }) => c.command === 'smtpLens.explainReply');
    assert.deepStrictEqual([cmd.category, cmd.title], ['SMTP', 'Explain SMTP Reply']);
    assert.ok((await vscode.commands.getCommands(true)).includes('smtpLens.explainReply'));
    const menu = pkg.contributes.menus['editor/context'].find((m: { command: string }) => m.command === 'smtpLens.explainReply');
    assert.ok(menu, 'in the editor context menu');
  });

  test('every setting has a markdownDescription and a scope', () => {
    const props = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.configuration.properties;
    const keys = Object.keys(props);
    assert.ok(keys.length >= 6);
    for (const k of keys) {
      assert.match(k, /^smtpLens\./);
      assert.ok(props[k].markdownDescription?.length > 20, `${k} markdownDescription`);
      assert.ok(props[k].scope, `${k} scope`);
    }
  });
});
