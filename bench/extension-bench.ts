// Extension benchmark, run INSIDE the extension host (test/host/run.sh bench, or npm run bench:extension):
//  - hover latency over many positions of a 100k-line mail log (our provider alone, and the full
//    vscode.executeHoverProvider round trip through the workbench);
//  - time to first diagnostics and to the end of the scan for a 10 MB and a 50 MB log;
//  - the longest block of the extension host meanwhile, from a setInterval lag probe.
// Figures are printed and written to bench/out/extension.json; nothing is asserted.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { SmtpLensApi } from '../src/extension/extension';
import type { ScanReport } from '../src/extension/diagnostics';
import { gcProbe, generateLog, lagProbe, rng } from './extension-log';
import { reportViewBench } from './report-view-bench';

const ROOT = path.resolve(__dirname, '../../..');

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const ms = (x: number) => `${x.toFixed(x < 10 ? 3 : 1)} ms`;

async function hoverBench(lens: SmtpLensApi, dir: string) {
  const file = path.join(dir, 'maillog-100k');
  const r = rng(42);
  // ~230 bytes a line on average: generate a little more than needed and keep 100,000 lines.
  fs.writeFileSync(file, generateLog(100_000 * 240, 3).split('\n').slice(0, 100_000).join('\n') + '\n');
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  const positions: vscode.Position[] = [];
  while (positions.length < 5000) {
    const line = Math.floor(r() * doc.lineCount - 1);
    const t = doc.lineAt(line).text;
    const m = /(?:said: |\(|\]: )([245]\d\d) /.exec(t);
    // Mostly on reply codes (the costly case: a hover is built), some anywhere on the line.
    const col = m && r() < 0.8 ? m.index + m[0].indexOf(m[1]) + 1 : Math.floor(r() * t.length);
    positions.push(new vscode.Position(line, col));
  }
  for (const p of positions.slice(0, 200)) lens.hoverAt(doc, p); // warm-up
  const provider: number[] = [];
  let shown = 0;
  for (const [i, p] of positions.entries()) {
    const t0 = performance.now();
    const h = lens.hoverAt(doc, p);
    provider.push(performance.now() - t0);
    if (h) shown++;
    // Hovers come one at a time: let the extension host breathe between batches, as it would.
    if (i % 50 === 49) await new Promise((r) => setTimeout(r, 0));
  }
  const roundTrip: number[] = [];
  for (const p of positions.slice(0, 500)) {
    const t0 = performance.now();
    await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, p);
    roundTrip.push(performance.now() - t0);
  }
  return {
    lines: doc.lineCount, positions: positions.length, hoversShown: shown,
    providerMedianMs: quantile(provider, 0.5), providerP99Ms: quantile(provider, 0.99), providerMaxMs: Math.max(...provider),
    roundTripMedianMs: quantile(roundTrip, 0.5), roundTripP99Ms: quantile(roundTrip, 0.99),
  };
}

/** A CPU profile of the extension host while `fn` runs, written to bench/out/NAME.cpuprofile (SMTP_LENS_PROFILE=1). */
async function profiled<T>(name: string, fn: () => Promise<T>): Promise<T> {
  if (!process.env.SMTP_LENS_PROFILE) return fn();
  const inspector = await import('inspector');
  const session = new inspector.Session();
  session.connect();
  const post = (method: string, params?: object) => new Promise<unknown>((resolve, reject) => session.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 200 });
  await post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = await post('Profiler.stop') as { profile: unknown };
    const out = path.join(ROOT, 'bench/out');
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}

interface ScanRun {
  ms: number; slices: number; longestSliceMs: number; longestWaitBetweenSlicesMs: number; longestBlockMs: number;
  spikes: { atMs: number; ms: number; cpuMs?: number }[]; gc: ReturnType<ReturnType<typeof gcProbe>['stop']>; cpuMs: number;
  findings: number; problems: number; listed: number; firstDiagnosticsMs: number; where: ScanReport['where']; firstPublishMs: number | null; publishMs: number;
}

/** One problems scan of an open document, with what blocked the extension host meanwhile. */
async function scanOnce(lens: SmtpLensApi, doc: vscode.TextDocument, trigger: () => void): Promise<ScanRun> {
  const uri = doc.uri.toString();
  const probe = lagProbe();
  const gc = gcProbe();
  const t0 = performance.now();
  let first = -1;
  const sub = vscode.languages.onDidChangeDiagnostics((e) => {
    if (first < 0 && e.uris.some((u) => u.toString() === uri) && vscode.languages.getDiagnostics(doc.uri).length > 0) first = performance.now() - t0;
  });
  const report = new Promise<ScanReport>((resolve) => {
    const s = lens.onDidScan((r) => { if (r.uri.toString() === uri && r.outcome !== 'cancelled') { s.dispose(); resolve(r); } });
  });
  // Opening a file, VS Code hands the document over before the scan can start: its own block is measured apart.
  const opened = vscode.workspace.onDidOpenTextDocument((d) => {
    if (d.uri.toString() !== uri) return;
    probe.reset();
    gc.reset();
  });
  const cpu0 = process.cpuUsage();
  trigger();
  const r = await report;
  const cpu = process.cpuUsage(cpu0);
  // Let what the scan left behind (diagnostics published, garbage) happen inside the window too.
  await new Promise((resolve) => setTimeout(resolve, 200));
  sub.dispose();
  opened.dispose();
  const longestBlockMs = probe.stop();
  return {
    ms: r.ms, slices: r.slices, longestSliceMs: r.longestSliceMs, longestWaitBetweenSlicesMs: r.longestYieldMs, longestBlockMs,
    spikes: probe.spikes, gc: gc.stop(), cpuMs: (cpu.user + cpu.system) / 1000,
    findings: r.findings, problems: r.problems, listed: vscode.languages.getDiagnostics(doc.uri).length, firstDiagnosticsMs: first, where: r.where, firstPublishMs: r.msToFirstPublish, publishMs: r.longestPublishMs,
  };
}

const median = (xs: number[]) => quantile(xs, 0.5);

/**
 * Diagnostics of a generated log of `megabytes`: opened once (VS Code's own work measured apart), then scanned
 * `reps` times, so that the median and the worst run are reported, not one lucky run.
 */
async function diagnosticsBench(lens: SmtpLensApi, dir: string, megabytes: number, reps: number) {
  const file = path.join(dir, `mail.log.${megabytes}mb`);
  fs.writeFileSync(file, generateLog(megabytes * 1_000_000, megabytes));
  const bytes = fs.statSync(file).size;
  const opening = lagProbe();
  const t0 = performance.now();
  let doc: vscode.TextDocument | undefined;
  const handedOver = new Promise<void>((resolve) => {
    const sub = vscode.workspace.onDidOpenTextDocument((d) => { if (d.uri.fsPath === file) { sub.dispose(); resolve(); } });
  });
  let lagWhileOpening = -1;
  void handedOver.then(() => { lagWhileOpening = opening.stop(); });
  const firstRun = await profiled(`diagnostics-${megabytes}mb`, () => scanOnce(lens, { uri: vscode.Uri.file(file) } as vscode.TextDocument, () => {
    void vscode.workspace.openTextDocument(vscode.Uri.file(file)).then((d) => { doc = d; });
  }));
  const openMs = performance.now() - t0 - firstRun.ms;
  if (lagWhileOpening < 0) lagWhileOpening = opening.stop();
  if (!doc || doc.lineCount < 2) throw new Error('the log did not reach the extension host');
  const runs: ScanRun[] = [firstRun];
  for (let i = 1; i < reps; i++) runs.push(await scanOnce(lens, doc, () => lens.rescan(doc!)));
  const blocks = runs.map((r) => r.longestBlockMs);
  return {
    megabytes: +(bytes / 1e6).toFixed(1), lines: doc.lineCount, openMs, longestBlockWhileOpeningMs: lagWhileOpening,
    findings: firstRun.findings, problems: firstRun.problems, listed: firstRun.listed, firstDiagnosticsMs: firstRun.firstDiagnosticsMs,
    reps, blocksMs: blocks.map((b) => +b.toFixed(1)), medianBlockMs: median(blocks), worstBlockMs: Math.max(...blocks),
    medianScanMs: median(runs.map((r) => r.ms)), scanMs: runs.map((r) => Math.round(r.ms)), medianCpuMs: median(runs.map((r) => r.cpuMs)),
    longestSliceMs: Math.max(...runs.map((r) => r.longestSliceMs)), longestWaitBetweenSlicesMs: Math.max(...runs.map((r) => r.longestWaitBetweenSlicesMs)),
    longestGcMs: Math.max(...runs.map((r) => r.gc.longest.ms)), longestPublishMs: Math.max(...runs.map((r) => r.publishMs)), gcOver10Ms: runs.map((r) => r.gc.over10), spikes: runs.map((r) => r.spikes),
    slices: firstRun.slices, where: firstRun.where, firstProblemsAfterHandOverMs: firstRun.firstPublishMs,
  };
}

async function hoverAndDiagnostics(lens: SmtpLensApi, dir: string, results: Record<string, unknown>): Promise<void> {
  const hover = await hoverBench(lens, dir);
  results.hover = hover;
  console.log(`hover, ${hover.lines} lines, ${hover.positions} positions (${hover.hoversShown} with a hover):`);
  console.log(`  provider   median ${ms(hover.providerMedianMs)}  p99 ${ms(hover.providerP99Ms)}  max ${ms(hover.providerMaxMs)}`);
  console.log(`  round trip median ${ms(hover.roundTripMedianMs)}  p99 ${ms(hover.roundTripP99Ms)}  (vscode.executeHoverProvider, 500 positions)`);
  const reps = Number(process.env.SMTP_LENS_REPS ?? 5);
  for (const mb of [10, 50]) {
    const d = await diagnosticsBench(lens, dir, mb, reps);
    results[`diagnostics${mb}mb`] = d;
    console.log(`diagnostics, ${d.megabytes} MB, ${d.lines} lines (${d.findings} replies, ${d.problems} problems, ${d.listed} listed), ${d.reps} scans in the ${d.where}:`);
    console.log(`  open ${ms(d.openMs)} (VS Code's longest block meanwhile ${ms(d.longestBlockWhileOpeningMs)}), first diagnostics ${ms(d.firstDiagnosticsMs)} (${d.firstProblemsAfterHandOverMs === null ? '-' : ms(d.firstProblemsAfterHandOverMs)} after the scan began), scan median ${ms(d.medianScanMs)} in ${d.slices} slices, CPU median ${ms(d.medianCpuMs)}`);
    console.log(`  longest extension-host block per scan: ${d.blocksMs.map((b) => ms(b)).join(', ')} → median ${ms(d.medianBlockMs)}, worst ${ms(d.worstBlockMs)}`);
    console.log(`  longest slice (our block) ${ms(d.longestSliceMs)}, longest wait between slices ${ms(d.longestWaitBetweenSlicesMs)}, longest GC pause ${ms(d.longestGcMs)}, longest publish ${ms(d.longestPublishMs)}`);
    d.spikes.forEach((sp, i) => { if (sp.length) console.log(`  scan ${i + 1} (ended at ${d.scanMs[i]} ms): blocks over 20 ms (end:length/thread CPU): ${sp.map((x) => `${x.atMs}:${x.ms}${x.cpuMs === undefined ? '' : `/${x.cpuMs}`}`).join(' ')}; GC over 10 ms: ${d.gcOver10Ms[i].map((g) => `${g.atMs}:${g.ms} ${g.kind}`).join(' ') || 'none'}`); });
  }
}

export async function run(): Promise<void> {
  const ext = vscode.extensions.getExtension<SmtpLensApi>('smtp-lens.smtp-lens')!;
  const lens = await ext.activate();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smtp-lens-bench-'));
  const results: Record<string, unknown> = { vscode: vscode.version, node: process.version, date: new Date().toISOString() };
  // SMTP_LENS_BENCH=report: the delivery report part alone (bench/report-view-bench.ts); =diagnostics: hovers and problems alone.
  const only = process.env.SMTP_LENS_BENCH;
  try {
    if (only !== 'report') await hoverAndDiagnostics(lens, dir, results);
    if (only !== 'diagnostics') Object.assign(results, await reportViewBench(lens, dir));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const outDir = path.join(ROOT, 'bench/out');
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'extension.json'), JSON.stringify(results, null, 2) + '\n');
  console.log(`written: ${path.join(outDir, 'extension.json')}`);
}

