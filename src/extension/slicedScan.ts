// The problems scan of a big document, in slices that yield to the event loop between them, so
// the extension host never blocks for long. No `vscode` here: the benchmark runs it in plain Node.
import { createScanner, type Finding, type ScannerOptions } from '../core';

export interface SliceProgress {
  /** Lines read so far. */
  lines: number;
  slices: number;
  longestSliceMs: number;
  /** Longest wait between two slices: the time others (GC, VS Code, other extensions) had the thread. */
  longestYieldMs: number;
  /** Since the scan started. */
  elapsedMs: number;
}

export interface SlicedScan {
  lineCount: number;
  lineAt(line: number): string;
  /** Each line with the findings its push returned (replies it completed, perhaps begun on earlier lines). */
  sink(line: string, findings: readonly Finding[]): void;
  /** The findings still open when the document ends (a multi-line reply, a folded DSN field). */
  ended?(findings: readonly Finding[]): void;
  /** Checked after each yield: a newer edit, a close or a setting ends the scan. */
  cancelled(): boolean;
  /** The scanner's options: a problems scan asks for failures only, without outcome-fact ranges (hovers rescan their lines). */
  scanner?: ScannerOptions;
  /** Called after each slice (to publish what was found so far). */
  onSlice?(p: SliceProgress): void;
  sliceMs?: number;
}

/** Work done before yielding. The clock is read every CHECK_EVERY lines: a slice overshoots by that many lines at most. */
const SLICE_MS = 8;
const CHECK_EVERY = 32;

export const yieldNow: () => Promise<void> = typeof setImmediate === 'function'
  ? () => new Promise((resolve) => setImmediate(resolve))
  : () => new Promise((resolve) => setTimeout(resolve, 0));

/** Reads every line with the core's line scanner; resolves with the progress at the end, or null when cancelled. */
export async function scanInSlices(job: SlicedScan): Promise<SliceProgress | null> {
  const budget = job.sliceMs ?? SLICE_MS;
  const t0 = performance.now();
  const scanner = createScanner(job.scanner);
  const p: SliceProgress = { lines: 0, slices: 0, longestSliceMs: 0, longestYieldMs: 0, elapsedMs: 0 };
  let line = 0;
  while (line < job.lineCount) {
    const start = performance.now();
    let now = start;
    while (line < job.lineCount && now - start < budget) {
      const stop = Math.min(job.lineCount, line + CHECK_EVERY);
      for (; line < stop; line++) {
        const text = job.lineAt(line);
        job.sink(text, scanner.push(text));
      }
      now = performance.now();
    }
    if (line >= job.lineCount) job.ended?.(scanner.end());
    p.slices++;
    p.longestSliceMs = Math.max(p.longestSliceMs, performance.now() - start);
    p.lines = line;
    p.elapsedMs = performance.now() - t0;
    job.onSlice?.(p);
    if (line < job.lineCount) {
      const paused = performance.now();
      await yieldNow();
      p.longestYieldMs = Math.max(p.longestYieldMs, performance.now() - paused);
      if (job.cancelled()) return null;
    }
  }
  if (job.lineCount === 0) job.ended?.(scanner.end());
  p.elapsedMs = performance.now() - t0;
  return p;
}
