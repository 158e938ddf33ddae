import * as vscode from 'vscode';
import { buildLogModel, type BuildStats, type LogModel } from './logModelBuild';
import { SECTION } from './settings';

// One log model per document, shared by queue-id links, the outline, the report webview and the failed-recipients
// commands: built when one of them first asks (never when a document opens), in slices, kept for that version of the
// document, dropped when it changes or closes. A build for an older version stops at its next slice.

/** A document over `smtpLens.messages.maxFileSizeMB`: not followed message by message, and the features say so. */
export interface TooLarge {
  tooLarge: true;
  megabytes: number;
  limitMB: number;
}

export type ModelAnswer = LogModel | TooLarge;

export function isTooLarge(a: ModelAnswer | undefined): a is TooLarge {
  return a !== undefined && 'tooLarge' in a;
}

/** What one build did: the tests and the benchmark listen to these. */
export interface ModelBuildReport {
  uri: vscode.Uri;
  version: number;
  outcome: 'built' | 'too-large' | 'cancelled';
  ms: number;
  stats: BuildStats | null;
}

export function maxModelMB(doc: vscode.TextDocument): number {
  const v = vscode.workspace.getConfiguration(SECTION, doc).get<number>('messages.maxFileSizeMB', 20);
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 20;
}

export function tooLargeMessage(t: TooLarge): string {
  return `This log is ${t.megabytes.toFixed(1)} MB, over smtpLens.messages.maxFileSizeMB (${t.limitMB}): ` +
    'SMTP Lens does not follow its messages (queue-id links, outline, delivery report). Raise the setting, or run `smtp-lens report` on the file.';
}

function baseName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() || uri.toString();
}

/** Syslog writes no year: the file's modification time bounds the log's last line (now, for an unsaved document). */
async function referenceTime(doc: vscode.TextDocument): Promise<number> {
  if (doc.isUntitled) return Date.now();
  try {
    return (await vscode.workspace.fs.stat(doc.uri)).mtime || Date.now();
  } catch {
    return Date.now();
  }
}

interface Entry {
  version: number;
  job: { cancelled: boolean };
  answer: Promise<ModelAnswer | undefined>;
  /** Set once built. */
  model?: LogModel;
}

export class LogModels implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly builds = new vscode.EventEmitter<ModelBuildReport>();
  readonly onDidBuild = this.builds.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor() {
    this.disposables.push(
      this.builds,
      vscode.workspace.onDidChangeTextDocument((e) => { if (e.contentChanges.length > 0) this.drop(e.document.uri); }),
      vscode.workspace.onDidCloseTextDocument((doc) => this.drop(doc.uri)),
      vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration(`${SECTION}.messages`)) this.dropAll(); }),
    );
  }

  /** The model of the document as it is now: built on the first ask, then shared until the document changes. */
  get(doc: vscode.TextDocument): Promise<ModelAnswer | undefined> {
    const key = doc.uri.toString();
    const entry = this.entries.get(key);
    if (entry && entry.version === doc.version) return entry.answer;
    this.drop(doc.uri);
    const job = { cancelled: false };
    const next: Entry = { version: doc.version, job, answer: Promise.resolve(undefined) };
    next.answer = this.build(doc, job).then((a) => {
      if (a && !isTooLarge(a)) next.model = a;
      // A cancelled build is forgotten: the next ask starts again.
      if (!a && this.entries.get(key) === next) this.entries.delete(key);
      return a;
    });
    this.entries.set(key, next);
    return next.answer;
  }

  /** The model if it is built for this version, without building it. */
  peek(doc: vscode.TextDocument): LogModel | undefined {
    const entry = this.entries.get(doc.uri.toString());
    return entry && entry.version === doc.version ? entry.model : undefined;
  }

  private async build(doc: vscode.TextDocument, job: { cancelled: boolean }): Promise<ModelAnswer | undefined> {
    const t0 = performance.now();
    const version = doc.version;
    const report = (outcome: ModelBuildReport['outcome'], stats: BuildStats | null) =>
      this.builds.fire({ uri: doc.uri, version, outcome, ms: performance.now() - t0, stats });
    const limitMB = maxModelMB(doc);
    const size = doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end);
    if (size > limitMB * 1024 * 1024) {
      report('too-large', null);
      return { tooLarge: true, megabytes: size / 1048576, limitMB };
    }
    const cancelled = () => job.cancelled || doc.isClosed || doc.version !== version;
    const model = await buildLogModel({
      lineCount: doc.lineCount,
      // The document's own line strings: the model keeps pieces of them (ids, addresses), and a piece of a chunk
      // read with getText would keep the whole chunk alive (V8 slices strings); measured 30% slower too.
      lineAt: (line) => doc.lineAt(line).text,
      referenceTime: await referenceTime(doc),
      name: baseName(doc.uri),
      cancelled,
    });
    if (!model || cancelled()) {
      report('cancelled', null);
      return undefined;
    }
    report('built', model.stats);
    return model;
  }

  private drop(uri: vscode.Uri): void {
    const key = uri.toString();
    const entry = this.entries.get(key);
    if (!entry) return;
    entry.job.cancelled = true;
    this.entries.delete(key);
  }

  private dropAll(): void {
    for (const entry of this.entries.values()) entry.job.cancelled = true;
    this.entries.clear();
  }

  dispose(): void {
    this.dropAll();
    for (const d of this.disposables) d.dispose();
  }
}

/** Waits for a model, or resolves undefined as soon as the request is cancelled (the build goes on, for the next). */
export function whenReady<T>(answer: Promise<T>, token: vscode.CancellationToken): Promise<T | undefined> {
  if (token.isCancellationRequested) return Promise.resolve(undefined);
  return new Promise<T | undefined>((resolve, reject) => {
    const sub = token.onCancellationRequested(() => { sub.dispose(); resolve(undefined); });
    answer.then((v) => { sub.dispose(); resolve(v); }, (e) => { sub.dispose(); reject(e); });
  });
}
