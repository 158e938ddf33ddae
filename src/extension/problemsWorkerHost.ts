// The extension host's side of the problems worker: starts it once, sends a document's lines, receives snapshots. A
// scan there allocates and collects garbage away from the extension host, whose pauses users feel. Where no worker
// can start, `begin` returns null and the caller scans in the extension host itself.
import * as vscode from 'vscode';
import webWorkerSource from 'problems-worker-source';
import type { JobSnapshot, Levels } from './problemsJob';
import type { FromWorker, ToWorker } from './problemsWorker';

interface Port {
  post(m: ToWorker): void;
  terminate(): void;
}

/** A Node worker thread, or a web worker made from the bundled source (so it runs wherever the extension is installed). */
function startPort(extensionUri: vscode.Uri, onMessage: (m: FromWorker) => void, onError: (e: unknown) => void): Port {
  if (typeof process !== 'undefined' && process.versions?.node) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Worker } = require('worker_threads') as typeof import('worker_threads');
    const w = new Worker(vscode.Uri.joinPath(extensionUri, 'dist', 'problems-worker.js').fsPath);
    w.on('message', onMessage);
    w.on('error', onError);
    w.on('exit', (code) => { if (code !== 0) onError(new Error(`the problems worker exited with code ${code}`)); });
    w.unref();
    return { post: (m) => w.postMessage(m), terminate: () => void w.terminate() };
  }
  const scope = globalThis as unknown as { Worker?: new (url: string) => WebWorker; URL: typeof URL; Blob: typeof Blob };
  if (!scope.Worker || !webWorkerSource) throw new Error('no web worker here');
  const url = scope.URL.createObjectURL(new scope.Blob([webWorkerSource], { type: 'application/javascript' }));
  const w = new scope.Worker(url);
  w.onmessage = (e) => onMessage(e.data as FromWorker);
  w.onerror = (e) => onError(e);
  return { post: (m) => w.postMessage(m), terminate: () => w.terminate() };
}

interface WebWorker {
  postMessage(m: unknown): void;
  terminate(): void;
  onmessage: ((e: { data: unknown }) => void) | null;
  onerror: ((e: unknown) => void) | null;
}

/** Lines sent and not yet read beyond which the extension host waits (the worker's queue stays a few MB at most). */
const MAX_AHEAD = 8 * 1024;

export interface WorkerJob {
  /** The next `count` lines of the document, in order, joined by line breaks. */
  send(text: string, count: number): void;
  /** Null, or a promise to wait for before sending more: the worker is that far behind. */
  ready(): Promise<void> | null;
  /** No more lines: resolves with the final snapshot (rejects if the worker failed). */
  end(): Promise<JobSnapshot>;
  cancel(): void;
}

export class ProblemsWorker implements vscode.Disposable {
  /** Undefined: not started yet; null: it cannot start or it failed, and scans stay in the extension host. */
  private port: Port | null | undefined;
  private readonly jobs = new Map<number, { progress(s: JobSnapshot): void; resolve(s: JobSnapshot): void; reject(e: unknown): void; read(n: number): void }>();
  private next = 1;

  constructor(private readonly extensionUri: vscode.Uri, private readonly log: vscode.LogOutputChannel) {}

  begin(params: { referenceTime: number; levels: Levels; max: number }, progress: (s: JobSnapshot) => void): WorkerJob | null {
    const port = this.start();
    if (!port) return null;
    const id = this.next++;
    let settle!: { resolve(s: JobSnapshot): void; reject(e: unknown): void };
    const done = new Promise<JobSnapshot>((resolve, reject) => { settle = { resolve, reject }; });
    done.catch(() => undefined);
    let ahead = 0;
    let waiting: { resolve(): void } | null = null;
    const read = (n: number) => {
      ahead -= n;
      if (waiting && ahead <= MAX_AHEAD / 2) {
        waiting.resolve();
        waiting = null;
      }
    };
    this.jobs.set(id, { progress, ...settle, read });
    port.post({ type: 'begin', id, ...params });
    return {
      send: (text, count) => {
        ahead += count;
        port.post({ type: 'lines', id, text, count });
      },
      ready: () => (ahead <= MAX_AHEAD ? null : new Promise<void>((resolve) => {
        waiting = { resolve };
        // A worker that fails rejects the job; the feed must not wait for it forever.
        done.then(() => resolve(), () => resolve());
      })),
      end: () => { port.post({ type: 'end', id }); return done; },
      cancel: () => {
        this.jobs.delete(id);
        port.post({ type: 'cancel', id });
      },
    };
  }

  private start(): Port | null {
    if (this.port !== undefined) return this.port;
    try {
      this.port = startPort(this.extensionUri, (m) => this.onMessage(m), (e) => this.onError(e));
    } catch (err) {
      this.log.warn(`problems are scanned in the extension host: no worker could start (${err instanceof Error ? err.message : String(err)})`);
      this.port = null;
    }
    return this.port;
  }

  private onMessage(m: FromWorker): void {
    const job = this.jobs.get(m.id);
    if (!job) return;
    if (m.type === 'progress') return job.progress(m.snapshot);
    if (m.type === 'read') return job.read(m.lines);
    this.jobs.delete(m.id);
    if (m.type === 'failed') job.reject(new Error(m.error));
    else job.resolve(m.snapshot);
  }

  /** A worker that fails is not used again; the scans it had are told, and the caller scans in the extension host. */
  private onError(e: unknown): void {
    this.log.error(`the problems worker failed; problems are scanned in the extension host from now on (${e instanceof Error ? e.message : String(e)})`);
    this.port?.terminate();
    this.port = null;
    for (const job of this.jobs.values()) job.reject(e);
    this.jobs.clear();
  }

  dispose(): void {
    this.port?.terminate();
    this.port = null;
    this.jobs.clear();
  }
}
