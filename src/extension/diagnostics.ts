import * as vscode from 'vscode';
import { isEmailStart, renderDiagnosticMessage, scanEmail } from '../core';
import type { Finding } from '../core';
import { explanationUri } from './explanationDocument';
import { toRange } from './locate';
import { diagnosticsSettings, type DiagnosticsSettings, SECTION } from './settings';
import { scanInSlices } from './slicedScan';

export const SOURCE = 'SMTP Lens';
/** A first batch of problems is shown this soon; later ones every PUBLISH_EVERY_MS, and at the end. */
const FIRST_PUBLISH_MS = 40;
const PUBLISH_EVERY_MS = 500;
const EDIT_DEBOUNCE_MS = 300;

/** What one scan did: the tests and the benchmark listen to these. */
export interface ScanReport {
  uri: vscode.Uri;
  version: number;
  /** Lines read and replies found (all classes). */
  lines: number;
  findings: number;
  /** 4XX/5XX replies that call for a problem, listed or not. */
  problems: number;
  /** Problems listed (the "N more" note not counted). */
  listed: number;
  /** `scanned`, or why not: too large, or cancelled by an edit, a close or a setting. */
  outcome: 'scanned' | 'too-large' | 'cancelled';
  ms: number;
  msToFirstPublish: number | null;
  slices: number;
  longestSliceMs: number;
  /** Longest time the scan waited for the thread between two slices (others' work, GC). */
  longestYieldMs: number;
}

const LEVELS: Record<DiagnosticsSettings['inboundSeverity'], vscode.DiagnosticSeverity | null> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
  off: null,
};

const SEVERITY: Record<'permanent' | 'transient', (s: DiagnosticsSettings) => vscode.DiagnosticSeverity | null> = {
  permanent: () => vscode.DiagnosticSeverity.Error,
  transient: (s) => LEVELS[s.transientSeverity],
};

/**
 * A failed reply's severity, or null when it is no problem of its own: a reply that only follows from an
 * earlier refusal (its cause is listed), and replies that are no failure. A refusal by this host's own server
 * (inbound) is its policy working: `inboundSeverity`, information by default.
 */
function severityOf(f: Finding, s: DiagnosticsSettings): vscode.DiagnosticSeverity | null {
  const cls = f.explanation.class;
  if ((cls !== 'permanent' && cls !== 'transient') || f.consequenceOf) return null;
  return f.direction === 'inbound' ? LEVELS[s.inboundSeverity] : SEVERITY[cls](s);
}

export function toDiagnostic(f: Finding, severity: vscode.DiagnosticSeverity): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(f.range), renderDiagnosticMessage(f), severity);
  d.source = SOURCE;
  d.code = { value: f.explanation.reason, target: explanationUri(f.explanation, f.replyText, f) };
  return d;
}

/**
 * Keeps the problems of at most `max` replies, errors before warnings, in document order within
 * a severity, and counts the rest: big logs never produce more than the cap.
 */
class ProblemList {
  private readonly bySeverity: vscode.Diagnostic[][] = [[], [], [], []];
  total = 0;
  constructor(private readonly max: number) {}

  add(f: Finding, severity: vscode.DiagnosticSeverity): void {
    this.total++;
    const list = this.bySeverity[severity];
    if (list.length < this.max) list.push(toDiagnostic(f, severity));
  }

  /** At most `max` entries: when some are left out, one of them, first in the list, says how many. */
  take(final: boolean): vscode.Diagnostic[] {
    const all = this.total > this.max ? this.max - 1 : this.max;
    const out: vscode.Diagnostic[] = [];
    for (const list of this.bySeverity) {
      for (const d of list) { if (out.length >= all) break; out.push(d); }
    }
    if (final && this.total > out.length) {
      const more = this.total - out.length;
      const note = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0),
        `${more.toLocaleString('en-US')} more SMTP ${more === 1 ? 'problem' : 'problems'} in this file not listed ` +
        `(${out.length.toLocaleString('en-US')} shown; raise smtpLens.diagnostics.maxProblems, up to 1000, to see more)`,
        vscode.DiagnosticSeverity.Information);
      note.source = SOURCE;
      note.code = 'more-problems';
      out.unshift(note);
    }
    return out;
  }
}

export class DiagnosticsController implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('smtp-lens');
  private readonly reports = new vscode.EventEmitter<ScanReport>();
  readonly onDidScan = this.reports.event;
  /** The running or scheduled scan of each document; a newer one supersedes it. */
  private readonly jobs = new Map<string, { cancelled: boolean; timer?: ReturnType<typeof setTimeout> }>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor() {
    this.disposables.push(
      this.collection, this.reports,
      vscode.workspace.onDidOpenTextDocument((doc) => this.schedule(doc, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) this.schedule(e.document, EDIT_DEBOUNCE_MS);
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => this.clear(doc.uri)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(SECTION)) this.refreshAll();
      }),
    );
    // Documents already open when the extension activates: scheduled, not scanned here, so activation stays cheap.
    this.refreshAll();
  }

  refreshAll(): void {
    for (const doc of vscode.workspace.textDocuments) this.schedule(doc, 0);
  }

  private cancel(uri: vscode.Uri): void {
    const key = uri.toString();
    const job = this.jobs.get(key);
    if (job) { job.cancelled = true; if (job.timer) clearTimeout(job.timer); this.jobs.delete(key); }
  }

  clear(uri: vscode.Uri): void {
    this.cancel(uri);
    this.collection.delete(uri);
  }

  schedule(doc: vscode.TextDocument, delayMs: number): void {
    this.cancel(doc.uri);
    const settings = diagnosticsSettings(doc);
    if (!settings) { this.collection.delete(doc.uri); return; }
    const job: { cancelled: boolean; timer?: ReturnType<typeof setTimeout> } = { cancelled: false };
    this.jobs.set(doc.uri.toString(), job);
    job.timer = setTimeout(() => {
      job.timer = undefined;
      this.scan(doc, settings, job).then((report) => {
        if (this.jobs.get(doc.uri.toString()) === job) this.jobs.delete(doc.uri.toString());
        this.reports.fire(report);
      }, (err) => console.error('[SMTP Lens] scan failed', err));
    }, delayMs);
  }

  /** Reads the document line by line in slices of SLICE_MS, yielding between them. */
  private async scan(doc: vscode.TextDocument, settings: DiagnosticsSettings, job: { cancelled: boolean }): Promise<ScanReport> {
    const t0 = performance.now();
    const version = doc.version;
    const report: ScanReport = {
      uri: doc.uri, version, lines: 0, findings: 0, problems: 0, listed: 0, outcome: 'scanned',
      ms: 0, msToFirstPublish: null, slices: 0, longestSliceMs: 0, longestYieldMs: 0,
    };
    const done = (outcome: ScanReport['outcome']) => ({ ...report, outcome, ms: performance.now() - t0 });

    const lineCount = doc.lineCount;
    const size = doc.offsetAt(doc.lineAt(lineCount - 1).range.end);
    if (size > settings.maxFileSizeMB * 1024 * 1024) {
      const note = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0),
        `Not scanned for SMTP problems: ${(size / 1048576).toFixed(1)} MB is over smtpLens.diagnostics.maxFileSizeMB ` +
        `(${settings.maxFileSizeMB}). Hovers and "Explain SMTP Reply" still work.`, vscode.DiagnosticSeverity.Information);
      note.source = SOURCE;
      note.code = 'file-too-large';
      this.collection.set(doc.uri, [note]);
      return done('too-large');
    }

    const problems = new ProblemList(settings.maxProblems);
    const sink = (f: Finding): void => {
      report.findings++;
      const severity = severityOf(f, settings);
      if (severity !== null) problems.add(f, severity);
    };
    let lastPublish = t0;
    const publish = (final: boolean) => {
      const list = problems.take(final);
      this.collection.set(doc.uri, list);
      lastPublish = performance.now();
      if (report.msToFirstPublish === null && list.length > 0) report.msToFirstPublish = lastPublish - t0;
      return list;
    };
    // An email (an .eml, an mbox of bounces, a pasted DSN) is read whole, a message at a time: one problem per
    // bounced recipient, its MIME parts decoded.
    if (isEmailStart(doc.lineAt(0).text)) {
      const cancelled = () => job.cancelled || doc.isClosed || doc.version !== version;
      const found = await scanEmail(doc.getText(), { pause: () => new Promise((resolve) => setTimeout(resolve, 0)), cancelled });
      if (cancelled()) return done('cancelled');
      for (const f of found) sink(f);
      report.lines = lineCount;
      report.problems = problems.total;
      report.listed = publish(true).filter((d) => d.code !== 'more-problems').length;
      return done('scanned');
    }
    const progress = await scanInSlices({
      lineCount,
      lineAt: (line) => doc.lineAt(line).text,
      sink,
      cancelled: () => job.cancelled || doc.isClosed || doc.version !== version,
      // A first batch soon, then every PUBLISH_EVERY_MS: a big log shows problems before its scan ends.
      onSlice: (p) => {
        report.lines = p.lines;
        report.slices = p.slices;
        report.longestSliceMs = p.longestSliceMs;
        report.longestYieldMs = p.longestYieldMs;
        if (p.lines >= lineCount || problems.total === 0) return;
        const due = report.msToFirstPublish === null ? p.elapsedMs >= FIRST_PUBLISH_MS : performance.now() - lastPublish >= PUBLISH_EVERY_MS;
        if (due) publish(false);
      },
    });
    if (!progress) return done('cancelled');
    report.problems = problems.total;
    report.listed = publish(true).filter((d) => d.code !== 'more-problems').length;
    return done('scanned');
  }

  dispose(): void {
    for (const job of this.jobs.values()) { job.cancelled = true; if (job.timer) clearTimeout(job.timer); }
    this.jobs.clear();
    for (const d of this.disposables) d.dispose();
  }
}
