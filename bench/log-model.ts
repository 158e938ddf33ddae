// The extension's log model (src/extension/logModelBuild.ts) in plain Node, away from VS Code's own work: its build
// time in slices, the longest block of the thread meanwhile, and the memory it keeps, beside a retained flow that
// keeps every reply (what the model avoids). Then the report page the webview shows, rendered from it.
//   node --expose-gc --import tsx bench/log-model.ts [megabytes…]     (default: 10 50)
// Two logs of each size: bench/extension-log.ts's (one line a message, as the problems benchmark reads) and
// bench/postfix-log.ts's (messages over smtpd, cleanup, qmgr, smtp and bounce lines, deferrals retried for days).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createFlow, renderReportHtml } from '../src/core';
import { buildLogModel, type LogModel } from '../src/extension/logModelBuild';
import { generateLog, lagProbe } from './extension-log';
import { generatePostfixLog } from './postfix-log';

const gc = (globalThis as { gc?: () => void }).gc;
const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;

function heap(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}

/** A Postfix log of about `megabytes`, through the realistic generator (about 1.5 KB a message). */
function realisticLog(megabytes: number): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'smtp-lens-model-')), 'mail.log');
  try {
    generatePostfixLog({ messages: Math.round((megabytes * 1e6) / 1500), out: file, seed: 7 });
    return fs.readFileSync(file, 'utf8');
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

/** What the model avoids: a retained flow that keeps every attempt's reply (its own scanner inside), in one block. */
function retainedFlow(lines: readonly string[]): { bytes: number; ms: number } {
  const before = heap();
  const t0 = performance.now();
  const flow = createFlow({ retain: true, referenceTime: Date.now() });
  for (const l of lines) flow.push(l);
  const result = flow.end();
  const ms = performance.now() - t0;
  const bytes = heap() - before;
  void result.messages.length;
  return { bytes, ms };
}

/** One build, in its own call: what an async frame still holds cannot count towards the next build. */
async function modelBuild(name: string, lines: readonly string[], round: number): Promise<void> {
  const base = heap();
  const probe = lagProbe();
  // Peak heap while it builds (between slices, where a timer can run; before GC, so an upper bound).
  let peak = 0;
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().heapUsed - base); }, 10);
  let t0 = performance.now();
  const model = (await buildLogModel({ lineCount: lines.length, lineAt: (i) => lines[i], referenceTime: Date.now(), name, cancelled: () => false })) as LogModel;
  const ms = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 20));
  const lag = probe.stop();
  clearInterval(sampler);
  const bytes = heap() - base;
  const s = model.stats;
  console.log(`  model (round ${round}): ${mb(bytes)} kept (heap up to ${mb(peak)} above the start while building); ${ms.toFixed(0)} ms in ${s.slices} slices, longest slice ${s.longestSliceMs.toFixed(1)} ms, longest block seen by a 5 ms probe ${lag.toFixed(1)} ms`);
  console.log(`    ${model.messages.length.toLocaleString('en-US')} messages, ${model.rejections.length.toLocaleString('en-US')} rejections; report: ${model.report.recipients.delivered.toLocaleString('en-US')} delivered, ${model.report.failedRecipients.length.toLocaleString('en-US')} failed recipients`);
  if (probe.spikes.length) console.log(`    blocks over 20 ms (end, length): ${probe.spikes.map((x) => `${x.atMs}:${x.ms}`).join(' ')}`);
  if (round === 2) {
    t0 = performance.now();
    const html = renderReportHtml(model.report, { head: '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'">' });
    console.log(`  report page: ${(html.length / 1024).toFixed(0)} KB rendered in ${(performance.now() - t0).toFixed(1)} ms`);
  }
}

async function measure(name: string, text: string): Promise<void> {
  const lines = text.split('\n');
  console.log(`\n${name}: ${(text.length / 1e6).toFixed(1)} MB, ${lines.length.toLocaleString('en-US')} lines`);
  const naive = retainedFlow(lines);
  console.log(`  retained flow keeping every reply: ${mb(naive.bytes)} kept, ${naive.ms.toFixed(0)} ms in one block`);
  for (let round = 1; round <= 2; round++) await modelBuild(name, lines, round);
}

async function main() {
  if (!gc) console.log('(run with node --expose-gc --import tsx for memory figures)');
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  console.log(`node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  for (const size of sizes.length ? sizes : [10, 50]) {
    await measure(`generateLog ${size} MB`, generateLog(size * 1_000_000, size));
    await measure(`postfix-log ${size} MB`, realisticLog(size));
  }
}

void main();
