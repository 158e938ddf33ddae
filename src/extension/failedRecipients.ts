import * as vscode from 'vscode';
import { renderFailedRecipientsCsv, type FailedRecipient } from '../core';
import { isTooLarge, tooLargeMessage, type LogModels } from './logModel';
import { targetLog, type ReportPanels } from './reportView';

// "SMTP: Copy Failed Recipients" (hard bounces, or every failure) and "SMTP: Export Failed Recipients as CSV": the
// report's failed recipients, one row per address, as `smtp-lens report --csv` writes them. The file is written with
// `vscode.workspace.fs`, so it works in VS Code for the Web too.

export const COPY_COMMAND = 'smtpLens.copyFailedRecipients';
export const EXPORT_COMMAND = 'smtpLens.exportFailedRecipients';

export type Which = 'hard' | 'all';

/** Who is in each list. Hard: the address itself is bad and stays bad (no such mailbox or domain): remove it. */
const LISTS: Readonly<Record<Which, { label: string; what: string; keep: (r: FailedRecipient) => boolean }>> = {
  hard: { label: 'Hard bounces', what: 'the mailbox or the domain does not exist: remove these addresses', keep: (r) => r.bounce === 'hard' },
  all: { label: 'All failed recipients', what: 'bounced, expired or still deferred at the end of the log', keep: () => true },
};

export interface CopyResult {
  which: Which;
  addresses: string[];
  text: string;
}

export interface ExportResult {
  uri: vscode.Uri;
  rows: number;
}

/** A command's arguments: a log's Uri (menus pass the resource), or an object for scripts and tests. */
interface Args { uri?: vscode.Uri; which?: Which; target?: vscode.Uri }

function argsOf(arg: unknown): Args {
  if (arg instanceof vscode.Uri) return { uri: arg };
  return typeof arg === 'object' && arg !== null ? (arg as Args) : {};
}

/** The failed recipients of the log a command acts on, or undefined after saying why there are none to give. */
async function failedOf(panels: ReportPanels, models: LogModels, args: Args): Promise<{ doc: vscode.TextDocument; rows: FailedRecipient[] } | undefined> {
  const doc = await targetLog(panels, args.uri);
  if (!doc) {
    void vscode.window.showInformationMessage('Open a mail log first: failed recipients are read from the log in the active editor.');
    return undefined;
  }
  const model = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'SMTP Lens: reading the log' }, () => models.get(doc));
  if (isTooLarge(model)) {
    void vscode.window.showWarningMessage(tooLargeMessage(model));
    return undefined;
  }
  if (!model) return undefined;
  return { doc, rows: model.report.failedRecipients };
}

function name(uri: vscode.Uri): string {
  return uri.path.split('/').pop() || 'log';
}

async function copy(panels: ReportPanels, models: LogModels, arg: unknown): Promise<CopyResult | undefined> {
  const args = argsOf(arg);
  const found = await failedOf(panels, models, args);
  if (!found) return undefined;
  let which = args.which;
  if (!which) {
    const items = (Object.keys(LISTS) as Which[]).map((w) => {
      const n = found.rows.filter(LISTS[w].keep).length;
      return { which: w, label: LISTS[w].label, description: `${n} address${n === 1 ? '' : 'es'}`, detail: LISTS[w].what };
    });
    const picked = await vscode.window.showQuickPick(items, { title: `Copy failed recipients of ${name(found.doc.uri)}`, placeHolder: 'Which addresses?' });
    if (!picked) return undefined;
    which = picked.which;
  }
  const addresses = found.rows.filter(LISTS[which].keep).map((r) => r.recipient);
  const text = addresses.length ? addresses.join('\n') + '\n' : '';
  if (addresses.length === 0) {
    void vscode.window.showInformationMessage(`No ${which === 'hard' ? 'hard bounces' : 'failed recipients'} in ${name(found.doc.uri)}: nothing copied.`);
    return { which, addresses, text };
  }
  await vscode.env.clipboard.writeText(text);
  void vscode.window.showInformationMessage(`Copied ${addresses.length} ${which === 'hard' ? 'hard-bounced' : 'failed'} address${addresses.length === 1 ? '' : 'es'}, one per line.`);
  return { which, addresses, text };
}

function defaultTarget(doc: vscode.TextDocument): vscode.Uri | undefined {
  if (doc.isUntitled) return undefined;
  const dir = vscode.Uri.joinPath(doc.uri, '..');
  return vscode.Uri.joinPath(dir, `${name(doc.uri)}.failed-recipients.csv`);
}

async function exportCsv(panels: ReportPanels, models: LogModels, arg: unknown): Promise<ExportResult | undefined> {
  const args = argsOf(arg);
  const found = await failedOf(panels, models, args);
  if (!found) return undefined;
  const target = args.target ?? await vscode.window.showSaveDialog({
    title: `Export failed recipients of ${name(found.doc.uri)}`,
    defaultUri: defaultTarget(found.doc),
    filters: { 'CSV': ['csv'] },
    saveLabel: 'Export',
  });
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(renderFailedRecipientsCsv(found.rows)));
  void vscode.window.showInformationMessage(`${found.rows.length} failed recipient${found.rows.length === 1 ? '' : 's'} written to ${name(target)}.`, 'Open').then((open) => {
    if (open) void vscode.window.showTextDocument(target);
  });
  return { uri: target, rows: found.rows.length };
}

export function registerFailedRecipientCommands(context: vscode.ExtensionContext, panels: ReportPanels, models: LogModels): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COPY_COMMAND, (arg?: unknown) => copy(panels, models, arg)),
    vscode.commands.registerCommand(EXPORT_COMMAND, (arg?: unknown) => exportCsv(panels, models, arg)),
  );
}
