import * as vscode from 'vscode';
import type { Finding } from '../core';
import { DiagnosticsController, type ScanReport } from './diagnostics';
import { explainReply, type ExplainResult, registerExplainCommand } from './explainCommand';
import { ExplanationDocuments } from './explanationDocument';
import { hoverAt, registerHover } from './hover';
import { findingAt } from './locate';
import { languageIds, SECTION } from './settings';

/** What `activate` returns: for the integration tests, the benchmark and other extensions. */
export interface SmtpLensApi {
  /** The reply under a position, as the hover sees it. */
  findingAt(doc: vscode.TextDocument, pos: vscode.Position): Finding | undefined;
  /** The hover itself (what the hover provider returns), for the benchmark. */
  hoverAt(doc: vscode.TextDocument, pos: vscode.Position): vscode.Hover | undefined;
  /** Fired when a document's problems scan ends (scanned, too large or cancelled). */
  onDidScan: vscode.Event<ScanReport>;
  /** Scans a document's problems again now (the benchmark repeats a scan without reopening a 50 MB file). */
  rescan(doc: vscode.TextDocument): void;
  explain(text: string): Promise<ExplainResult>;
}

/** The context menu entry shows in documents of the configured languages (`editorLangId in smtpLens.languages`). */
function updateLanguageContext(): void {
  void vscode.commands.executeCommand('setContext', `${SECTION}.languages`, languageIds());
}

// Activation registers providers and schedules work; it never scans a document itself.
export function activate(context: vscode.ExtensionContext): SmtpLensApi {
  const docs = new ExplanationDocuments();
  const diagnostics = new DiagnosticsController();
  context.subscriptions.push(docs, diagnostics);
  registerHover(context);
  registerExplainCommand(context, docs);
  updateLanguageContext();
  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(`${SECTION}.languages`)) updateLanguageContext();
  }));
  return {
    findingAt,
    hoverAt,
    onDidScan: diagnostics.onDidScan,
    rescan: (doc) => diagnostics.schedule(doc, 0),
    explain: (text) => explainReply(docs, text),
  };
}

export function deactivate(): void {}
