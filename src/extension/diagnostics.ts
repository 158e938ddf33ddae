import * as vscode from 'vscode';
import { isEmailStart, scanEmail } from '../core';
import { linesOf, textOf } from './documentText';
import { explanationUri } from './explanationDocument';
import { toRange } from './locate';
import { ProblemsJob, type JobSnapshot, type Levels, type ProblemData } from './problemsJob';
import { FIRST_PROGRESS_MS, PROGRESS_EVERY_MS } from './problemsWorker';
import type { ProblemsWorker } from './problemsWorkerHost';
import { diagnosticsSettings, type DiagnosticsSettings, SECTION } from './settings';
import { feedInSlices, SLICE_MS, WORKER_CHUNK, yieldNow } from './slicedScan';

export const SOURCE = 'SMTP Lens';
const EDIT_DEBOUNCE_MS = 300;

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
  /** Longest publishing of a snapshot: the diagnostics made and handed to VS Code. */
  longestPublishMs: number;
  /** Where the lines were scanned: a worker beside the extension host, or the extension host itself. */
  where: 'worker' | 'extension host' | null;
}

const LEVELS: Record<DiagnosticsSettings['inboundSeverity'], vscode.DiagnosticSeverity | null> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
  off: null,
};

/** The severity of each kind of problem under the settings (null: not listed). */
function levels(s: DiagnosticsSettings): Levels {
  return {
    permanent: vscode.DiagnosticSeverity.Error,
    transient: LEVELS[s.transientSeverity],
    inbound: LEVELS[s.inboundSeverity],
    deliveredLater: s.deliveredDeferrals === 'hint' ? vscode.DiagnosticSeverity.Hint : null,
    retryReview: s.retryReview ? vscode.DiagnosticSeverity.Information : null,
  };
}

export function toDiagnostic(p: ProblemData, uri: vscode.Uri): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(p.range), p.message, p.severity as vscode.DiagnosticSeverity);
  d.source = SOURCE;
  d.code = p.kind === 'retry-review' ? 'retry-review'
    : { value: p.reason, target: explanationUri({ code: p.code, enhanced: p.enhanced, class: p.cls }, p.replyText, p) };
  if (p.kind === 'delivered-later') d.tags = [vscode.DiagnosticTag.Unnecessary];
  if (p.related.length > 0) d.relatedInformation = p.related.map((r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, toRange(r.range)), r.message));
  return d;
}

/**
 * The Problems panel's list for a snapshot: its problems, and at the end of the scan one note on line 1 when some are
 * left out (while the scan runs its count would only grow).
 */
function diagnosticsOf(s: JobSnapshot, uri: vscode.Uri, final: boolean): vscode.Diagnostic[] {
  const out = s.listed.map((p) => toDiagnostic(p, uri));
  if (final && s.total > s.listed.length) {
    const more = s.total - s.listed.length;
    const note = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0),
      `${more.toLocaleString('en-US')} more SMTP ${more === 1 ? 'problem' : 'problems'} in this file not listed ` +
      `(${s.listed.length.toLocaleString('en-US')} shown; raise smtpLens.diagnostics.maxProblems, up to 1000, to see more)`,
      vscode.DiagnosticSeverity.Information);
    note.source = SOURCE;
    note.code = 'more-problems';
    out.unshift(note);
  }
  return out;
}

export class DiagnosticsController implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('smtp-lens');
  private readonly reports = new vscode.EventEmitter<ScanReport>();
  readonly onDidScan = this.reports.event;
  /** The running or scheduled scan of each document; a newer one supersedes it. */
  private readonly jobs = new Map<string, { cancelled: boolean; timer?: ReturnType<typeof setTimeout> }>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly worker: ProblemsWorker, private readonly log: vscode.LogOutputChannel) {
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
        if (report.outcome === 'scanned') {
          this.log.info(`${doc.uri.path.split('/').pop()}: ${report.lines.toLocaleString('en-US')} lines, ${report.problems.toLocaleString('en-US')} problems ` +
            `(${report.listed.toLocaleString('en-US')} listed) in ${Math.round(report.ms)} ms, scanned ${report.where === 'worker' ? 'in a worker' : report.where === null ? 'as an email' : 'in the extension host'}`);
        }
        this.reports.fire(report);
      }, (err) => this.log.error(`scan of ${doc.uri.toString(true)} failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`));
    }, delayMs);
  }

  /** Reads the document line by line in slices of SLICE_MS, yielding between them. */
  private async scan(doc: vscode.TextDocument, settings: DiagnosticsSettings, job: { cancelled: boolean }): Promise<ScanReport> {
    const t0 = performance.now();
    const version = doc.version;
    const report: ScanReport = {
      uri: doc.uri, version, lines: 0, findings: 0, problems: 0, listed: 0, outcome: 'scanned',
      ms: 0, msToFirstPublish: null, slices: 0, longestSliceMs: 0, longestYieldMs: 0, longestPublishMs: 0, where: null,
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

    let lastPublish = t0;
    const publish = (snapshot: JobSnapshot, final = true) => {
      const started = performance.now();
      this.collection.set(doc.uri, diagnosticsOf(snapshot, doc.uri, final));
      lastPublish = performance.now();
      report.longestPublishMs = Math.max(report.longestPublishMs, lastPublish - started);
      if (report.msToFirstPublish === null && snapshot.listed.length > 0) report.msToFirstPublish = lastPublish - t0;
      report.problems = snapshot.total;
      report.listed = snapshot.listed.length;
      report.findings = snapshot.findings;
    };
    const params = { referenceTime: Date.now(), levels: levels(settings), max: settings.maxProblems };
    const cancelled = () => job.cancelled || doc.isClosed || doc.version !== version;
    // Measuring the size made VS Code index the lines' offsets (about 9 ms for 50 MB): a block of its own.
    await yieldNow();
    if (cancelled()) return done('cancelled');
    // An email (an .eml, an mbox of bounces, a pasted DSN) is read whole, a message at a time: one problem per
    // bounced recipient, its MIME parts decoded.
    if (isEmailStart(doc.lineAt(0).text)) {
      const found = await scanEmail(doc.getText(), { pause: () => new Promise((resolve) => setTimeout(resolve, 0)), cancelled });
      if (cancelled()) return done('cancelled');
      const email = new ProblemsJob(params);
      email.addFindings(found);
      email.end();
      publish(email.snapshot());
      report.lines = lineCount;
      return done('scanned');
    }
    // A log is followed message by message (one problem per recipient, for its final outcome), in a worker when one
    // can start: the extension host only hands it the lines.
    const inWorker = this.worker.begin(params, (s) => {
      const due = report.msToFirstPublish === null || performance.now() - lastPublish >= PROGRESS_EVERY_MS;
      if (due && !cancelled()) publish(s, false);
    });
    if (inWorker) {
      report.where = 'worker';
      const sent = await feedInSlices(lineCount, (from, to) => inWorker.send(textOf(doc, from, to), to - from), cancelled, report, WORKER_CHUNK, () => inWorker.ready());
      if (!sent) {
        inWorker.cancel();
        return done('cancelled');
      }
      try {
        const final = await inWorker.end();
        if (cancelled()) return done('cancelled');
        publish(final);
        return done('scanned');
      } catch {
        // The worker failed: it is not used again; this scan goes on in the extension host.
      }
    }
    report.where = 'extension host';
    return this.scanHere(doc, lineCount, params, cancelled, report, publish, done);
  }

  /**
   * The same scan in the extension host, where no worker runs: in slices that give the thread back between them. The
   * document is at hand, so the flow keeps line numbers and a recipient's replies are read again from its lines.
   */
  private async scanHere(doc: vscode.TextDocument, lineCount: number, params: ConstructorParameters<typeof ProblemsJob>[0], cancelled: () => boolean,
    report: ScanReport, publish: (s: JobSnapshot, final?: boolean) => void, done: (o: ScanReport['outcome']) => ScanReport): Promise<ScanReport> {
    const here = new ProblemsJob({ ...params, lineAt: (line) => doc.lineAt(line).text });
    const t0 = performance.now();
    let lastPublish = t0;
    let first = true;
    const read = await feedInSlices(lineCount, (from, to) => {
      for (const line of linesOf(doc, from, to)) here.push(line);
      const due = first ? performance.now() - t0 >= FIRST_PROGRESS_MS : performance.now() - lastPublish >= PROGRESS_EVERY_MS;
      // Once the lists are full, a big log only adds to the count: the final publish says it, once.
      if (here.changed && due) {
        first = false;
        lastPublish = performance.now();
        publish(here.snapshot(), false);
      }
    }, cancelled, report);
    if (!read) return done('cancelled');
    // The messages still open when the log ends settle in slices too: a log that never says a message is done
    // (an excerpt, a grep) holds all of them.
    for (;;) {
      const sliceStart = performance.now();
      if (here.end(() => performance.now() - sliceStart > SLICE_MS)) break;
      await yieldNow();
      if (cancelled()) return done('cancelled');
    }
    publish(here.snapshot());
    return done('scanned');
  }

  dispose(): void {
    for (const job of this.jobs.values()) { job.cancelled = true; if (job.timer) clearTimeout(job.timer); }
    this.jobs.clear();
    for (const d of this.disposables) d.dispose();
  }
}
