import * as vscode from 'vscode';
import { escapeHtml, renderReportHtml, type DeliveryReport } from '../core';
import { isTooLarge, tooLargeMessage, type LogModels } from './logModel';

// "SMTP: Show Delivery Report": the core's report page in a webview beside the log, one panel per document. The page
// is the CLI's `--html` page with the webview's own policy: no remote content, styles and the one script (a row
// reveals its line) by nonce, resources only from dist/webview. Theme colours come from VS Code's CSS variables.

export const REPORT_COMMAND = 'smtpLens.showReport';
export const REPORT_VIEW = 'smtpLens.report';
/** An edited or reloaded log (a `tail`ed file) gets a fresh report this long after its last change. */
const REFRESH_MS = 1000;

/** What showing a report did: returned by the command, and fired when the page reports it is ready. */
export interface ReportShown {
  uri: vscode.Uri;
  /** The report shown; null when none could be made (the log is too large, the document was closed). */
  report: DeliveryReport | null;
  /** From the command to the page's HTML being set, and (in `onDidShowReport`) to the page saying it is ready. */
  ms: number;
  readyMs?: number;
  /** Rows that reveal a line (failed recipients, retry review), as the page counted them. */
  rows?: number;
}

/** Rows stand out as clickable only here: the CLI's page has nothing to click. */
const WEBVIEW_CSS = `tr[data-line] { cursor: pointer; }
tr[data-line]:focus { outline: 1px solid var(--vscode-focusBorder); outline-offset: -1px; }
.empty { color: var(--muted); }`;

function nonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function baseName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() || uri.toString();
}

function hasEvents(r: DeliveryReport): boolean {
  const c = r.recipients;
  return r.messages + r.rejected + r.deferrals + c.delivered + c.bounced + c.expired + c.deferred + c.forwarded > 0;
}

class ReportPanel {
  readonly panel: vscode.WebviewPanel;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private started = 0;
  private disposed = false;
  report: DeliveryReport | null = null;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly uri: vscode.Uri,
    private readonly extensionUri: vscode.Uri,
    private readonly models: LogModels,
    /** The editor column of the log, where a revealed line goes. */
    private readonly logColumn: vscode.ViewColumn | undefined,
    private readonly shown: vscode.EventEmitter<ReportShown>,
    onDispose: () => void,
  ) {
    this.panel = vscode.window.createWebviewPanel(REPORT_VIEW, `Report: ${baseName(uri)}`, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      enableFindWidget: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')],
    });
    this.panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
    this.disposables.push(
      this.panel.webview.onDidReceiveMessage((m) => this.onMessage(m)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === this.uri.toString() && e.contentChanges.length > 0) this.scheduleRefresh(e.document);
      }),
    );
    this.panel.onDidDispose(() => {
      this.disposed = true;
      if (this.timer) clearTimeout(this.timer);
      for (const d of this.disposables) d.dispose();
      onDispose();
    });
  }

  private page(body: string, title: string): string {
    const n = nonce();
    // No script: nothing to click on a page without a report.
    return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">${this.policy(n)}<style nonce="${n}">body { padding: 24px; font: 14px/1.45 var(--vscode-font-family); color: var(--vscode-descriptionForeground); }</style>
<title>${escapeHtml(title)}</title></head><body>${body}</body></html>`;
  }

  private script(): vscode.Uri {
    return vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview', 'report.js');
  }

  /** Nothing but what carries this page's nonce: its styles and the extension's script. */
  private policy(n: string): string {
    return `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${n}'; script-src 'nonce-${n}';">`;
  }

  /** Builds (or takes) the document's model and renders its report; resolves when the page's HTML is set. */
  async render(doc: vscode.TextDocument): Promise<ReportShown> {
    this.started = performance.now();
    const name = baseName(doc.uri);
    if (!this.models.peek(doc)) this.panel.webview.html = this.page(`<p>Reading ${escapeHtml(name)}…</p>`, `Report: ${name}`);
    let model = await this.models.get(doc);
    // An edit while it was read: read the new version once (a log written to all the time shows its last report).
    if (!model && !doc.isClosed) model = await this.models.get(doc);
    if (this.disposed || !model) return { uri: doc.uri, report: this.report, ms: performance.now() - this.started };
    if (isTooLarge(model)) {
      this.report = null;
      this.panel.webview.html = this.page(`<p>${escapeHtml(tooLargeMessage(model))}</p>`, `Report: ${name}`);
      return { uri: doc.uri, report: null, ms: performance.now() - this.started };
    }
    this.report = model.report;
    const n = nonce();
    const head = `${this.policy(n)}<style nonce="${n}">${WEBVIEW_CSS}</style><script nonce="${n}" src="${this.panel.webview.asWebviewUri(this.script())}" defer></script>`;
    this.panel.webview.html = hasEvents(model.report)
      ? renderReportHtml(model.report, { head, nonce: n, source: name })
      : this.page(`<h1>No mail-server events in ${escapeHtml(name)}</h1><p class="empty">The delivery report reads Postfix, Exim, Sendmail, Microsoft Exchange message tracking and Cisco Secure Email (IronPort) logs.</p>`, `Report: ${name}`);
    return { uri: doc.uri, report: model.report, ms: performance.now() - this.started };
  }

  private scheduleRefresh(doc: vscode.TextDocument): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!doc.isClosed) void this.render(doc);
    }, REFRESH_MS);
  }

  private onMessage(m: unknown): void {
    if (typeof m !== 'object' || m === null) return;
    const msg = m as { type?: unknown; line?: unknown; rows?: unknown };
    if (msg.type === 'reveal' && typeof msg.line === 'number' && Number.isInteger(msg.line)) void this.reveal(msg.line);
    if (msg.type === 'ready') {
      const readyMs = performance.now() - this.started;
      this.shown.fire({ uri: this.uri, report: this.report, ms: readyMs, readyMs, rows: typeof msg.rows === 'number' ? msg.rows : undefined });
    }
  }

  /** Shows a 1-based line of the log, selected with the cursor at its start, in the log's editor (opened again if it was closed). */
  async reveal(line: number): Promise<vscode.TextEditor> {
    const doc = await vscode.workspace.openTextDocument(this.uri);
    const l = Math.min(Math.max(0, line - 1), doc.lineCount - 1);
    const range = doc.lineAt(l).range;
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === this.uri.toString());
    const column = visible?.viewColumn ?? this.logColumn ?? vscode.ViewColumn.One;
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: column, preserveFocus: false });
    // Anchored at the end: the cursor at the line's start, so a long line is not scrolled sideways.
    editor.selection = new vscode.Selection(range.end, range.start);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return editor;
  }
}

export class ReportPanels implements vscode.Disposable {
  private readonly panels = new Map<string, ReportPanel>();
  private readonly shown = new vscode.EventEmitter<ReportShown>();
  /** Fired when a report page has loaded and says it is ready (its script ran). */
  readonly onDidShowReport = this.shown.event;

  constructor(private readonly extensionUri: vscode.Uri, private readonly models: LogModels) {}

  /** The log whose report is the active editor: commands run from its title bar act on that log. */
  activeLog(): vscode.Uri | undefined {
    for (const p of this.panels.values()) if (p.panel.active) return p.uri;
    return undefined;
  }

  async show(doc: vscode.TextDocument, logColumn?: vscode.ViewColumn): Promise<ReportShown> {
    const key = doc.uri.toString();
    let p = this.panels.get(key);
    if (p) p.panel.reveal(undefined, true);
    else {
      p = new ReportPanel(doc.uri, this.extensionUri, this.models, logColumn, this.shown, () => this.panels.delete(key));
      this.panels.set(key, p);
    }
    return p.render(doc);
  }

  /** For tests: reveals a 1-based line of a log from its report, as a row click does. */
  reveal(uri: vscode.Uri, line: number): Promise<vscode.TextEditor> | undefined {
    return this.panels.get(uri.toString())?.reveal(line);
  }

  dispose(): void {
    for (const p of [...this.panels.values()]) p.panel.dispose();
    this.shown.dispose();
  }
}

/** The log a command acts on: given (a menu passes its resource), the active text editor's, or the active report's. */
export async function targetLog(panels: ReportPanels, arg: unknown): Promise<vscode.TextDocument | undefined> {
  const given = arg instanceof vscode.Uri ? arg : typeof arg === 'object' && arg !== null && (arg as { uri?: unknown }).uri instanceof vscode.Uri ? (arg as { uri: vscode.Uri }).uri : undefined;
  const uri = given ?? vscode.window.activeTextEditor?.document.uri ?? panels.activeLog();
  if (!uri) return undefined;
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ?? vscode.workspace.openTextDocument(uri);
}

export function registerReportCommand(context: vscode.ExtensionContext, panels: ReportPanels, models: LogModels): void {
  context.subscriptions.push(vscode.commands.registerCommand(REPORT_COMMAND, async (arg?: unknown): Promise<ReportShown | undefined> => {
    const doc = await targetLog(panels, arg);
    if (!doc) {
      void vscode.window.showInformationMessage('Open a mail log first: the delivery report is made from the log in the active editor.');
      return undefined;
    }
    const column = vscode.window.visibleTextEditors.find((e) => e.document === doc)?.viewColumn;
    const shown = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'SMTP Lens: reading the log' }, () => panels.show(doc, column));
    if (!shown.report) {
      const model = await models.get(doc);
      if (isTooLarge(model)) void vscode.window.showWarningMessage(tooLargeMessage(model));
    }
    return shown;
  }));
}
