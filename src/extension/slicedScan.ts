// A big document's lines, handed on in slices that yield to the event loop between them, so the extension host never
// blocks for long: to the problems worker, or to a scan in the extension host itself. No `vscode` here: the benchmark
// runs it in plain Node.

export interface SliceProgress {
  /** Lines handed on so far. */
  lines: number;
  slices: number;
  longestSliceMs: number;
  /** Longest wait between two slices: the time others (GC, VS Code, other extensions) had the thread. */
  longestYieldMs: number;
}

/** Work done before yielding. The clock is read every chunk of lines: a slice overshoots by one chunk at most. */
export const SLICE_MS = 8;
export const CHECK_EVERY = 32;
/** Lines per message to a worker: each message is copied when it is posted, so a few hundred lines (~100 KB) at a time. */
export const WORKER_CHUNK = 512;

/**
 * Gives the thread back. `setImmediate` in Node; in a web worker a message channel, which a browser does not clamp
 * to 4 ms as it does nested `setTimeout`s (that would add half a slice to every slice).
 */
export const yieldNow: () => Promise<void> = (() => {
  if (typeof setImmediate === 'function') return () => new Promise<void>((resolve) => setImmediate(resolve));
  if (typeof MessageChannel === 'function') {
    const channel = new MessageChannel();
    const waiting: (() => void)[] = [];
    channel.port1.onmessage = () => waiting.shift()?.();
    return () => new Promise<void>((resolve) => { waiting.push(resolve); channel.port2.postMessage(0); });
  }
  return () => new Promise<void>((resolve) => setTimeout(resolve, 0));
})();

/**
 * Hands lines [0, lineCount) to `take` as ranges [from, to) of `chunk` lines, for slices of about SLICE_MS (the time `take` spends
 * counts: a scan in this thread takes a few dozen lines at a time, a worker's feed a few hundred), yielding between
 * slices; `cancelled` is asked after each yield (a newer edit, a close, a setting). False when cancelled. `progress` is
 * kept up to date. `ready`: asked after each chunk; a promise (a worker's backlog is full) ends the slice and is waited
 * for before the next one; null goes on.
 */
export async function feedInSlices(lineCount: number, take: (from: number, to: number) => void,
  cancelled: () => boolean, progress: SliceProgress, chunk = CHECK_EVERY, ready?: () => Promise<void> | null, sliceMs = SLICE_MS): Promise<boolean> {
  let line = 0;
  let behind: Promise<void> | null = null;
  while (line < lineCount) {
    // A worker that is far behind is waited for: what it has not read yet is held in memory.
    if (behind) {
      await behind;
      behind = null;
      if (cancelled()) return false;
    }
    const start = performance.now();
    let now = start;
    while (line < lineCount && now - start < sliceMs && !behind) {
      const stop = Math.min(lineCount, line + chunk);
      take(line, stop);
      line = stop;
      now = performance.now();
      behind = ready?.() ?? null;
    }
    progress.slices++;
    progress.lines = line;
    progress.longestSliceMs = Math.max(progress.longestSliceMs, now - start);
    if (line < lineCount && !behind) {
      const paused = performance.now();
      await yieldNow();
      progress.longestYieldMs = Math.max(progress.longestYieldMs, performance.now() - paused);
      if (cancelled()) return false;
    }
  }
  return true;
}

/** The lines of a chunk of text joined by LF or CRLF (a chunk of a document, as `getText` gives it). */
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) if (lines[i].endsWith('\r')) lines[i] = lines[i].slice(0, -1);
  return lines;
}
