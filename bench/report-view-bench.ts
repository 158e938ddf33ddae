// Part of the extension-host benchmark (bench/extension-bench.ts; `SMTP_LENS_BENCH=report` runs this part alone):
// "SMTP: Show Delivery Report" on 10 MB logs. Cold, the command builds the log model (in slices) and renders the page;
// warm, the model is there. Measured: the build (time, slices, our longest slice), the longest block of the extension
// host meanwhile (a lag probe), the time to the page's HTML and to the page saying it is ready (its script ran).
// Figures are printed and returned; nothing is asserted.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { SmtpLensApi } from '../src/extension/extension';
import type { ModelBuildReport } from '../src/extension/logModel';
import type { ReportShown } from '../src/extension/reportView';
import { generateLog, lagProbe } from './extension-log';
import { generatePostfixLog } from './postfix-log';

const ms = (x: number) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;

function once<T>(event: vscode.Event<T>, match: (t: T) => boolean): Promise<T> {
  return new Promise((resolve) => {
    const sub = event((t) => { if (match(t)) { sub.dispose(); resolve(t); } });
  });
}

async function closeReports(): Promise<void> {
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) if (tab.input instanceof vscode.TabInputWebview) await vscode.window.tabGroups.close(tab);
  }
}

async function showReport(lens: SmtpLensApi, uri: vscode.Uri) {
  const same = (u: vscode.Uri) => u.toString() === uri.toString();
  const ready = once<ReportShown>(lens.onDidShowReport, (r) => same(r.uri));
  const t0 = performance.now();
  const shown = await vscode.commands.executeCommand<ReportShown>('smtpLens.showReport', uri);
  const htmlMs = performance.now() - t0;
  await ready;
  return { htmlMs, readyMs: performance.now() - t0, failedRecipients: shown?.report?.failedRecipients.length ?? -1 };
}

async function one(lens: SmtpLensApi, file: string) {
  const uri = vscode.Uri.file(file);
  const same = (u: vscode.Uri) => u.toString() === uri.toString();
  // Opened, not shown: no outline asks for the model before the command does. The problems scan that opening starts
  // is waited for, so the figures are the report's own.
  const scanned = once(lens.onDidScan, (r) => same(r.uri) && r.outcome !== 'cancelled');
  const doc = await vscode.workspace.openTextDocument(uri);
  await scanned;
  const built = once<ModelBuildReport>(lens.onDidBuildModel, (r) => same(r.uri) && r.outcome === 'built');
  const probe = lagProbe();
  const cold = await showReport(lens, uri);
  const build = await built;
  const lag = probe.stop();
  await closeReports();
  const warmProbe = lagProbe();
  const warm = await showReport(lens, uri);
  const warmLag = warmProbe.stop();
  await closeReports();
  // Once more: the first webview made again in a workbench session can wait seconds for the workbench, not for us.
  const again = await showReport(lens, uri);
  await closeReports();
  return {
    megabytes: +(fs.statSync(file).size / 1e6).toFixed(1), lines: doc.lineCount, failedRecipients: cold.failedRecipients,
    buildMs: build.ms, slices: build.stats?.slices, longestSliceMs: build.stats?.longestSliceMs, longestWaitBetweenSlicesMs: build.stats?.longestYieldMs,
    longestBlockMs: lag, spikes: probe.spikes,
    coldHtmlMs: cold.htmlMs, coldReadyMs: cold.readyMs, warmHtmlMs: warm.htmlMs, warmReadyMs: warm.readyMs, warmLongestBlockMs: warmLag, warmSpikes: warmProbe.spikes, againHtmlMs: again.htmlMs, againReadyMs: again.readyMs,
  };
}

export async function reportViewBench(lens: SmtpLensApi, dir: string): Promise<Record<string, unknown>> {
  const results: Record<string, unknown> = {};
  const synthetic = path.join(dir, 'mail.log.10mb-lines');
  fs.writeFileSync(synthetic, generateLog(10_000_000, 10));
  const realistic = path.join(dir, 'mail.log.10mb-messages');
  generatePostfixLog({ messages: 6700, out: realistic, seed: 7 });
  for (const [name, file, what] of [
    ['lines', synthetic, 'one line a message (bench/extension-log.ts)'],
    ['messages', realistic, 'messages over smtpd, cleanup, qmgr, smtp and bounce lines (bench/postfix-log.ts)'],
  ]) {
    const r = await one(lens, file);
    results[`report10mb-${name}`] = r;
    console.log(`delivery report, ${r.megabytes} MB, ${r.lines} lines, ${what}; ${r.failedRecipients} failed recipients:`);
    console.log(`  model built in ${ms(r.buildMs)} (${r.slices} slices, longest ${ms(r.longestSliceMs ?? 0)}, longest wait between slices ${ms(r.longestWaitBetweenSlicesMs ?? 0)}); longest extension-host block meanwhile ${ms(r.longestBlockMs)}`);
    console.log(`  cold (the command builds the model): page HTML after ${ms(r.coldHtmlMs)}, page ready after ${ms(r.coldReadyMs)}`);
    console.log(`  warm (model built, e.g. by the outline): page HTML after ${ms(r.warmHtmlMs)}, page ready after ${ms(r.warmReadyMs)}; longest extension-host block meanwhile ${ms(r.warmLongestBlockMs)}${r.warmSpikes.length ? ` (over 20 ms: ${r.warmSpikes.map((x) => `${x.atMs}:${x.ms}`).join(' ')})` : ''}`);
    console.log(`  warm, once more: page HTML after ${ms(r.againHtmlMs)}, page ready after ${ms(r.againReadyMs)}`);
    if (r.spikes.length) console.log(`  blocks over 20 ms during the build (end, length): ${r.spikes.map((x) => `${x.atMs}:${x.ms}`).join(' ')}`);
  }
  return results;
}
