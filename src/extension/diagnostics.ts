import * as vscode from 'vscode';
import { createProblemScan, isEmailStart, problemOf, scanEmail } from '../core';
import type { Finding, Problem } from '../core';
import { explanationUri } from './explanationDocument';
import { toRange } from './locate';
import { diagnosticsSettings, type DiagnosticsSettings, SECTION } from './settings';
import { scanInSlices, yieldNow } from './slicedScan';

export const SOURCE = 'SMTP Lens';
/** A first batch of problems is shown this soon; later ones every PUBLISH_EVERY_MS, and at the end. */
const FIRST_PUBLISH_MS = 40;
const PUBLISH_EVERY_MS = 500;
const EDIT_DEBOUNCE_MS = 300;
/** When a log ends, the messages still open settle in slices of about this long. */
const END_SLICE_MS = 8;

/** What one scan did: the tests and the benchmark listen to these. */
export interface ScanReport {
  uri: vscode.Uri;
  version: number;
  /** Lines read and replies found (all classes). */
  lines: number;
  findings: number;
  /** Problems found, listed or not: one per failed recipient, a failed reply no recipient's trail holds, hints. */
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
 * A problem's severity, or null when it is not listed. A refusal by this host's own server (inbound) is its policy
 * working: `inboundSeverity`, information by default. A deferral delivered later in the file is a hint (or nothing);
 * a retry review is information.
 */
function severityOf(p: Problem, s: DiagnosticsSettings): vscode.DiagnosticSeverity | null {
  if (p.kind === 'delivered-later') return s.deliveredDeferrals === 'hint' ? vscode.DiagnosticSeverity.Hint : null;
  if (p.kind === 'retry-review') return s.retryReview ? vscode.DiagnosticSeverity.Information : null;
  return p.finding.direction === 'inbound' ? LEVELS[s.inboundSeverity] : SEVERITY[p.class](s);
}

export function toDiagnostic(p: Problem, severity: vscode.DiagnosticSeverity, uri: vscode.Uri): vscode.Diagnostic {
  const f = p.finding;
  const d = new vscode.Diagnostic(toRange(p.range), p.message, severity);
  d.source = SOURCE;
  d.code = p.kind === 'retry-review' ? 'retry-review' : { value: f.explanation.reason, target: explanationUri(f.explanation, f.replyText, f) };
  if (p.kind === 'delivered-later') d.tags = [vscode.DiagnosticTag.Unnecessary];
  if (p.related.length > 0) d.relatedInformation = p.related.map((r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, toRange(r.range)), r.message));
  return d;
}

interface Listed {
  problem: Problem;
  severity: vscode.DiagnosticSeverity;
  /** Made when first published: a problem that never makes the list costs no diagnostic. */
  diagnostic?: vscode.Diagnostic;
}

const byPosition = (a: Listed, b: Listed) => a.problem.range.start.line - b.problem.range.start.line || a.problem.range.start.character - b.problem.range.start.character;

/**
 * Keeps at most `max` problems of each severity and counts the rest: big logs never hold more than the cap. A
 * list shows errors before warnings, each in document order (a recipient's problem comes when its message is
 * done, after the lines below it).
 */
class ProblemList {
  private readonly bySeverity: Listed[][] = [[], [], [], []];
  total = 0;
  constructor(private readonly max: number, private readonly uri: vscode.Uri) {}

  add(problem: Problem, severity: vscode.DiagnosticSeverity): void {
    this.total++;
    const list = this.bySeverity[severity];
    if (list.length < this.max) list.push({ problem, severity });
  }

  /** At most `max` entries: when some are left out, one of them, first in the list, says how many. */
  take(final: boolean): vscode.Diagnostic[] {
    const all = this.total > this.max ? this.max - 1 : this.max;
    const out: vscode.Diagnostic[] = [];
    for (const list of this.bySeverity) {
      list.sort(byPosition);
      for (const l of list) {
        if (out.length >= all) break;
        out.push((l.diagnostic ??= toDiagnostic(l.problem, l.severity, this.uri)));
      }
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

    const problems = new ProblemList(settings.maxProblems, doc.uri);
    const add = (p: Problem): void => {
      const severity = severityOf(p, settings);
      if (severity !== null) problems.add(p, severity);
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
      report.findings = found.length;
      for (const f of found) {
        const p = problemOf(f);
        if (p) add(p);
      }
      report.lines = lineCount;
      report.problems = problems.total;
      report.listed = publish(true).filter((d) => d.code !== 'more-problems').length;
      return done('scanned');
    }
    // A log is followed message by message: one problem per recipient, for its final outcome.
    const tracked = createProblemScan(add, { referenceTime: Date.now() });
    const cancelled = () => job.cancelled || doc.isClosed || doc.version !== version;
    let open: readonly Finding[] = [];
    const progress = await scanInSlices({
      lineCount,
      scanner: { facts: false, failuresOnly: true },
      lineAt: (line) => doc.lineAt(line).text,
      sink: (line, found) => {
        report.findings += found.length;
        tracked.push(line, found);
      },
      ended: (found) => {
        report.findings += found.length;
        open = found;
      },
      cancelled,
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
    // The messages still open when the log ends settle in slices too: a log that never says a message is done
    // (an excerpt, a grep) holds all of them.
    for (;;) {
      const sliceStart = performance.now();
      if (tracked.endPart(() => performance.now() - sliceStart > END_SLICE_MS, open)) break;
      await yieldNow();
      if (cancelled()) return done('cancelled');
    }
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
