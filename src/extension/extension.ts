import * as vscode from 'vscode';
import type { Finding } from '../core';
import { DiagnosticsController, type ScanReport } from './diagnostics';
import { ProblemsWorker } from './problemsWorkerHost';
import { explainReply, type ExplainResult, registerExplainCommand } from './explainCommand';
import { ExplanationDocuments } from './explanationDocument';
import { registerFailedRecipientCommands } from './failedRecipients';
import { hoverAt, registerHover } from './hover';
import { registerForLanguages } from './languageProviders';
import { findingAt } from './locate';
import { LogModels, type ModelAnswer, type ModelBuildReport } from './logModel';
import { outlineProviders } from './outline';
import { queueIdProviders } from './queueIds';
import { registerReportCommand, ReportPanels, type ReportShown } from './reportView';
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
  /** The document's messages and delivery report (built on the first ask, shared by every feature). */
  logModel(doc: vscode.TextDocument): Promise<ModelAnswer | undefined>;
  /** Fired when a log model is built (or found too large, or cancelled by an edit). */
  onDidBuildModel: vscode.Event<ModelBuildReport>;
  /** Fired when a delivery report page has loaded in its webview. */
  onDidShowReport: vscode.Event<ReportShown>;
  /** Reveals a 1-based line of a log from its open report, as a click on a row does. */
  revealFromReport(uri: vscode.Uri, line: number): Promise<vscode.TextEditor> | undefined;
}

/** The context menu entry shows in documents of the configured languages (`editorLangId in smtpLens.languages`). */
function updateLanguageContext(): void {
  void vscode.commands.executeCommand('setContext', `${SECTION}.languages`, languageIds());
}

// Activation registers providers and schedules work; it never scans a document itself.
export function activate(context: vscode.ExtensionContext): SmtpLensApi {
  const docs = new ExplanationDocuments();
  // Output › SMTP Lens: each problems scan (where it ran, how long, how many problems) and the worker's fate.
  const log = vscode.window.createOutputChannel('SMTP Lens', { log: true });
  const worker = new ProblemsWorker(context.extensionUri, log);
  const diagnostics = new DiagnosticsController(worker, log);
  const models = new LogModels();
  const reports = new ReportPanels(context.extensionUri, models);
  context.subscriptions.push(log, docs, diagnostics, worker, models, reports);
  registerHover(context, models);
  registerExplainCommand(context, docs);
  registerForLanguages(context, (selector) => queueIdProviders(models, selector));
  registerForLanguages(context, (selector) => outlineProviders(models, selector), [`${SECTION}.outline`, `${SECTION}.messages`]);
  registerReportCommand(context, reports, models);
  registerFailedRecipientCommands(context, reports, models);
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
    logModel: (doc) => models.get(doc),
    onDidBuildModel: models.onDidBuild,
    onDidShowReport: reports.onDidShowReport,
    revealFromReport: (uri, line) => reports.reveal(uri, line),
  };
}

export function deactivate(): void {}
