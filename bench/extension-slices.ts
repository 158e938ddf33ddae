// The diagnostics pipeline without VS Code, in plain Node, over a generated log: the extension host's part of it (the
// same sliced feeding, src/extension/slicedScan.ts) with a lag probe and the garbage collector's pauses, in both ways
// the extension runs it: the scan in a worker (dist/problems-worker.js, as a Node extension host starts it; run
// `npm run build` first), and the scan in the thread itself (where no worker can start). It separates our own blocking
// from the extension host's other work (VS Code loading the file, other extensions, the machine's load).
// Run: npx tsx bench/extension-slices.ts [megabytes]
import * as path from 'path';
import { Worker } from 'worker_threads';
import { ProblemsJob, type JobSnapshot, type Levels } from '../src/extension/problemsJob';
import type { FromWorker } from '../src/extension/problemsWorker';
import { feedInSlices, SLICE_MS, WORKER_CHUNK, yieldNow, type SliceProgress } from '../src/extension/slicedScan';
import { gcProbe, generateLog, lagProbe } from './extension-log';

const LEVELS: Levels = { permanent: 0, transient: 1, inbound: 2, deliveredLater: 3, retryReview: 2 };
const params = () => ({ referenceTime: Date.now(), levels: LEVELS, max: 500 });

async function inThread(lines: string[]): Promise<JobSnapshot> {
  const job = new ProblemsJob({ ...params(), lineAt: (i) => lines[i] });
  const progress: SliceProgress = { lines: 0, slices: 0, longestSliceMs: 0, longestYieldMs: 0 };
  await feedInSlices(lines.length, (from, to) => { for (let i = from; i < to; i++) job.push(lines[i]); }, () => false, progress);
  for (;;) {
    const t = performance.now();
    if (job.end(() => performance.now() - t > SLICE_MS)) break;
    await yieldNow();
  }
  return job.snapshot();
}

async function inWorker(lines: string[], worker: Worker, id: number): Promise<JobSnapshot> {
  // As src/extension/problemsWorkerHost.ts does: no more than 8,192 lines sent ahead of what the worker has read.
  let ahead = 0;
  let waiting: (() => void) | null = null;
  const done = new Promise<JobSnapshot>((resolve, reject) => {
    const on = (m: FromWorker) => {
      if (m.id !== id || m.type === 'progress') return;
      if (m.type === 'read') {
        ahead -= m.lines;
        if (waiting && ahead <= 4096) { waiting(); waiting = null; }
        return;
      }
      worker.off('message', on);
      if (m.type === 'failed') reject(new Error(m.error));
      else resolve(m.snapshot);
    };
    worker.on('message', on);
  });
  worker.postMessage({ type: 'begin', id, ...params() });
  const progress: SliceProgress = { lines: 0, slices: 0, longestSliceMs: 0, longestYieldMs: 0 };
  // As src/extension/diagnostics.ts does: the lines of a chunk joined in one string.
  const send = (from: number, to: number) => { ahead += to - from; worker.postMessage({ type: 'lines', id, text: lines.slice(from, to).join('\n'), count: to - from }); };
  const ready = () => (ahead <= 8192 ? null : new Promise<void>((resolve) => { waiting = resolve; }));
  await feedInSlices(lines.length, send, () => false, progress, WORKER_CHUNK, ready);
  worker.postMessage({ type: 'end', id });
  return done;
}

async function main() {
  const mb = Number(process.argv[2] ?? 50);
  const text = generateLog(mb * 1_000_000, mb);
  const lines = text.split('\n');
  console.log(`${(text.length / 1e6).toFixed(1)} MB, ${lines.length} lines, node ${process.version}`);
  // The lines were just made: in the extension host the document's lines are long settled in the old generation. Without
  // this (node --expose-gc), the first collection of a round would copy all of them, and be counted against the scan.
  (globalThis as { gc?: () => void }).gc?.();
  // From the project root, after `npm run build`.
  const worker = new Worker(path.resolve('dist/problems-worker.js'));
  for (const [name, run] of [['worker', (round: number) => inWorker(lines, worker, round)], ['in the thread', () => inThread(lines)]] as const) {
    for (let round = 1; round <= 3; round++) {
      const probe = lagProbe();
      const gc = gcProbe();
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      const s = await run(round);
      const total = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      await new Promise((r) => setTimeout(r, 50));
      const lag = probe.stop();
      const g = gc.stop();
      console.log(`${name} (round ${round}): ${s.findings} failed replies, ${s.total} problems (${s.listed.length} listed) in ${total.toFixed(0)} ms, CPU of the process ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms; longest block seen by the probe ${lag.toFixed(1)} ms; this thread's GC ${g.count} pauses, ${g.totalMs} ms, longest ${g.longest.ms} ms ${g.longest.kind}`);
      if (probe.spikes.length) console.log(`  blocks over 20 ms (end, length): ${probe.spikes.map((x) => `${x.atMs}:${x.ms}`).join(' ')}`);
    }
  }
  await worker.terminate();
}

void main();
