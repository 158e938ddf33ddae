// Shared by the suites that run inside the extension host (real `vscode` API).
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import type { SmtpLensApi } from '../../../src/extension/extension';
import { corpusFile } from '../../support/corpus';

export const EXTENSION_ID = 'smtp-lens.smtp-lens';
/** The bundles run from dist/test/extension/; the project root is three levels up. */
export const ROOT = path.resolve(__dirname, '../../..');
export const FIXTURES = path.join(ROOT, 'test/extension/fixtures');

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitFor<T>(what: string, fn: () => T | undefined | null | false | Promise<T | undefined | null | false>, ms = 15000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

export async function api(): Promise<SmtpLensApi> {
  const ext = vscode.extensions.getExtension<SmtpLensApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is installed`);
  return ext.activate();
}

export function fixture(name: string): vscode.Uri {
  return vscode.Uri.file(path.join(FIXTURES, name));
}

/**
 * A file of the real-log corpus, read in place (../shared/corpus or SMTP_LENS_CORPUS; GPL files are not copied into
 * the project), or the project's copy of it (test/fixtures/corpus: its MIT and BSD files). Only for the tests that
 * `corpusTest` registers.
 */
export function corpus(rel: string): vscode.Uri {
  const file = corpusFile(rel);
  assert.ok(file, `${rel}: no corpus`);
  return vscode.Uri.file(file);
}

/** A test that opens `rel` of the corpus: registered only when the file is there (one line says when it is not). */
export function corpusTest(rel: string, title: string, fn: () => Promise<void>): void {
  if (corpusFile(rel)) test(title, fn);
}

export async function open(uri: vscode.Uri, show = true): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(uri);
  if (show) await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

export async function untitled(content: string, language: string, show = true): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument({ content, language });
  if (show) await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/** The first line matching `re`, its number and the column where `needle` (default: the match) starts. */
export function locate(doc: vscode.TextDocument, re: RegExp, needle?: string): { line: number; column: number; text: string } {
  for (let line = 0; line < doc.lineCount; line++) {
    const text = doc.lineAt(line).text;
    const m = re.exec(text);
    if (!m) continue;
    const column = needle === undefined ? m.index : text.indexOf(needle, m.index);
    assert.ok(column >= 0, `"${needle}" in line ${line + 1} of ${doc.uri.fsPath}`);
    return { line, column, text };
  }
  throw new Error(`no line matches ${re} in ${doc.uri.fsPath}`);
}

export interface HoverResult { text: string; range: vscode.Range | undefined }

/** Our hover at a position (other extensions' hovers filtered out by our RFC 5321 reference link). */
export async function hoverAt(doc: vscode.TextDocument, pos: vscode.Position): Promise<HoverResult | undefined> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
  for (const h of hovers ?? []) {
    const text = h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).join('\n');
    if (text.includes('rfc5321')) return { text, range: h.range };
  }
  return undefined;
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'SMTP Lens');
}

/**
 * Runs `trigger` and waits for the end of the problems scan it causes of the document `uriOf`
 * names (reports are collected from before the trigger, so a fast scan is not missed).
 */
export async function scanned<T>(trigger: () => T | Promise<T>, uriOf: (t: T) => vscode.Uri, ms = 60000): Promise<T> {
  const lens = await api();
  const seen: string[] = [];
  const sub = lens.onDidScan((r) => { if (r.outcome !== 'cancelled') seen.push(r.uri.toString()); });
  try {
    const t = await trigger();
    const uri = uriOf(t).toString();
    await waitFor(`a scan of ${uri}`, () => seen.includes(uri), ms);
    return t;
  } finally {
    sub.dispose();
  }
}

export async function setSetting(key: string, value: unknown, languageId?: string): Promise<void> {
  const [section, ...rest] = key.split('.');
  const config = vscode.workspace.getConfiguration(section, languageId ? { languageId } : undefined);
  await config.update(rest.join('.'), value, vscode.ConfigurationTarget.Global, languageId ? true : undefined);
}

/** Closes every editor; untitled documents the tests made are reverted first, so no "Save?" dialog appears. */
export async function closeAll(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments.filter((d) => d.isUntitled && d.isDirty)) {
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
