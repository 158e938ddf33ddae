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
import { generateLog, lagProbe, rng } from './extension-log';
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

function assertLines(doc: vscode.TextDocument) {
  if (doc.lineCount < 2) throw new Error(`the log did not reach the extension host (${doc.lineCount} line)`);
}

async function diagnosticsBench(lens: SmtpLensApi, dir: string, megabytes: number) {
  const file = path.join(dir, `mail.log.${megabytes}mb`);
  fs.writeFileSync(file, generateLog(megabytes * 1_000_000, megabytes));
  const uri = vscode.Uri.file(file);
  const bytes = fs.statSync(file).size;
  const probe = lagProbe();
  const t0 = performance.now();
  let first = -1;
  const firstDiagnostics = new Promise<void>((resolve) => {
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString()) && vscode.languages.getDiagnostics(uri).length > 0) {
        first = performance.now() - t0; sub.dispose(); resolve();
      }
    });
  });
  const report = new Promise<ScanReport>((resolve) => {
    const sub = lens.onDidScan((r) => { if (r.uri.toString() === uri.toString() && r.outcome !== 'cancelled') { sub.dispose(); resolve(r); } });
  });
  const doc = await vscode.workspace.openTextDocument(uri);
  const opened = performance.now() - t0;
  // The document's transfer into the extension host is VS Code's work, not ours: measured apart.
  const lagWhileOpening = probe.read();
  probe.reset();
  // CPU time of this process beside wall time: on a busy machine, the difference is time we waited for a core.
  const cpu0 = process.cpuUsage();
  const r = await report;
  const cpu = process.cpuUsage(cpu0);
  await firstDiagnostics;
  const lagDuringScan = probe.stop();
  const listed = vscode.languages.getDiagnostics(uri).length;
  assertLines(doc);
  return {
    megabytes: +(bytes / 1e6).toFixed(1), lines: r.lines, outcome: r.outcome,
    openMs: opened, firstDiagnosticsMs: first, scanDoneMs: opened + r.ms, scanMs: r.ms, slices: r.slices,
    longestSliceMs: r.longestSliceMs, longestWaitBetweenSlicesMs: r.longestYieldMs, longestBlockDuringScanMs: lagDuringScan, longestBlockWhileOpeningMs: lagWhileOpening,
    findings: r.findings, problems: r.problems, listed, spikesDuringScan: probe.spikes,
    cpuMsDuringScan: (cpu.user + cpu.system) / 1000,
  };
}

export async function run(): Promise<void> {
  const ext = vscode.extensions.getExtension<SmtpLensApi>('smtp-lens.smtp-lens')!;
  const lens = await ext.activate();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smtp-lens-bench-'));
  const results: Record<string, unknown> = { vscode: vscode.version, node: process.version, date: new Date().toISOString() };
  // SMTP_LENS_BENCH=report: the delivery report part alone (bench/report-view-bench.ts).
  const only = process.env.SMTP_LENS_BENCH;
  try {
    if (only !== 'report') await hoverAndDiagnostics(lens, dir, results);
    Object.assign(results, await reportViewBench(lens, dir));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const outDir = path.join(ROOT, 'bench/out');
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'extension.json'), JSON.stringify(results, null, 2) + '\n');
  console.log(`written: ${path.join(outDir, 'extension.json')}`);
}

async function hoverAndDiagnostics(lens: SmtpLensApi, dir: string, results: Record<string, unknown>): Promise<void> {
  const hover = await hoverBench(lens, dir);
  results.hover = hover;
  console.log(`hover, ${hover.lines} lines, ${hover.positions} positions (${hover.hoversShown} with a hover):`);
  console.log(`  provider   median ${ms(hover.providerMedianMs)}  p99 ${ms(hover.providerP99Ms)}  max ${ms(hover.providerMaxMs)}`);
  console.log(`  round trip median ${ms(hover.roundTripMedianMs)}  p99 ${ms(hover.roundTripP99Ms)}  (vscode.executeHoverProvider, 500 positions)`);
  for (const mb of [10, 50]) {
    const d = await diagnosticsBench(lens, dir, mb);
    results[`diagnostics${mb}mb`] = d;
    console.log(`diagnostics, ${d.megabytes} MB, ${d.lines} lines (${d.findings} replies, ${d.problems} problems, ${d.listed} listed):`);
    console.log(`  open ${ms(d.openMs)}, first diagnostics ${ms(d.firstDiagnosticsMs)} (${ms(d.firstDiagnosticsMs - d.openMs)} after open), scan done ${ms(d.scanDoneMs)} (scan ${ms(d.scanMs)} in ${d.slices} slices, CPU ${ms(d.cpuMsDuringScan)})`);
    console.log(`  longest slice (our block) ${ms(d.longestSliceMs)}, longest wait between slices (others' work, GC) ${ms(d.longestWaitBetweenSlicesMs)}`);
    console.log(`  longest extension-host block during the scan ${ms(d.longestBlockDuringScanMs)}, while VS Code opened the file ${ms(d.longestBlockWhileOpeningMs)}`);
    if (d.spikesDuringScan.length) console.log(`  blocks over 20 ms during the scan (end, length): ${d.spikesDuringScan.map((x) => `${x.atMs}:${x.ms}`).join(' ')}`);
  }
}
