// The worker's side of the problems scan (no `vscode`, no Node built-ins): jobs by id, lines in, snapshots out. Its two
// entry points wire it to a Node worker thread (problemsWorker.node.ts) or a web worker (problemsWorker.web.ts).
import { ProblemsJob, type JobSnapshot, type Levels } from './problemsJob';
import { splitLines } from './slicedScan';

export type ToWorker =
  | { type: 'begin'; id: number; referenceTime: number; levels: Levels; max: number }
  /** `count` lines of the document, joined by its line breaks (one string crosses to the worker faster than an array). */
  | { type: 'lines'; id: number; text: string; count: number }
  | { type: 'end'; id: number }
  | { type: 'cancel'; id: number };

export type FromWorker =
  | { type: 'progress' | 'done'; id: number; snapshot: JobSnapshot }
  /** A message of lines was read: the extension host sends no more than a few ahead (memory stays bounded). */
  | { type: 'read'; id: number; lines: number }
  | { type: 'failed'; id: number; error: string };

/**
 * Problems found so far are sent a second after the scan began, then every second while they change, and at the end.
 * Each publishing sets VS Code's workbench to work on the markers; sent 40 ms in, that work competed with the scan for
 * the machine's cores, and the extension host waited 20-80 ms for one (the benchmark's blocks with no CPU time). A log
 * scanned within the second (10 MB takes about half of it) is published once.
 */
export const FIRST_PROGRESS_MS = 1000;
export const PROGRESS_EVERY_MS = 1000;

/** Handles the messages of the extension host; `post` sends back. */
export function serveProblems(post: (m: FromWorker) => void): (m: ToWorker) => void {
  const jobs = new Map<number, { job: ProblemsJob; began: number; sent: number | null }>();
  return (m) => {
    try {
      switch (m.type) {
        case 'begin': {
          // The flow keeps the replies of the recipients still open (no copy of the lines): their garbage is this
          // thread's to collect, and keeping every line made the worker 40% slower, its collections busy beside the editor.
          jobs.set(m.id, { job: new ProblemsJob({ referenceTime: m.referenceTime, levels: m.levels, max: m.max }), began: Date.now(), sent: null });
          return;
        }
        case 'lines': {
          const j = jobs.get(m.id);
          if (!j) return;
          const lines = splitLines(m.text);
          for (let i = 0; i < m.count; i++) j.job.push(lines[i] ?? '');
          post({ type: 'read', id: m.id, lines: m.count });
          const now = Date.now();
          const due = j.sent === null ? now - j.began >= FIRST_PROGRESS_MS : now - j.sent >= PROGRESS_EVERY_MS;
          if (j.job.changed && due) {
            j.sent = now;
            post({ type: 'progress', id: m.id, snapshot: j.job.snapshot() });
          }
          return;
        }
        case 'end': {
          const j = jobs.get(m.id);
          if (!j) return;
          jobs.delete(m.id);
          j.job.end();
          post({ type: 'done', id: m.id, snapshot: j.job.snapshot() });
          return;
        }
        case 'cancel':
          jobs.delete(m.id);
          return;
      }
    } catch (err) {
      jobs.delete(m.id);
      post({ type: 'failed', id: m.id, error: err instanceof Error ? err.message : String(err) });
    }
  };
}
