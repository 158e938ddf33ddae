// `smtp-lens report`: every input streamed line by line through the core's flow (one scanner, one event reader);
// one report at the end, as text, JSON, CSV, Markdown or an HTML page.
import * as fs from 'node:fs';
import { createFlow, renderFailedRecipientsCsv, renderReportHtml, renderReportMarkdown, reportSections, type DeliveryReport } from '../core';
import { UsageError, type Options } from './args';
import { describeFsError, InputError, openInput, readLines, stdinInput } from './input';
import type { Io } from './io';
import { makeStyle, padEnd, printable, type Style } from './terminal';

const STDIN = '-';
const STDIN_NAME = '<stdin>';
/** Rows per table in the readable report; --json and --csv have them all. */
const TEXT_ROWS = 20;

/** The newest modification time of the file inputs: syslog writes no year, and no line is later than this. */
function referenceTime(inputs: readonly string[]): number {
  let newest = -Infinity;
  for (const p of inputs) {
    if (p === STDIN) continue;
    try {
      newest = Math.max(newest, fs.statSync(p).mtimeMs);
    } catch {
      // Reported when the input is opened.
    }
  }
  return Number.isFinite(newest) ? newest : Date.now();
}

export async function runReport(o: Options, io: Io): Promise<number> {
  let inputs = o.positionals;
  if (inputs.length === 0) {
    if (io.stdin.isTTY) throw new UsageError('give the log files to report on, or - for stdin');
    inputs = [STDIN];
  }
  if (inputs.filter((p) => p === STDIN).length > 1) throw new UsageError("'-' (stdin) can be read only once");
  // Fail before reading a 1 GB log, not after.
  if (o.html !== null) checkWritable(o.html);

  const names: string[] = [];
  const flow = createFlow({
    referenceTime: referenceTime(inputs),
    since: o.since ?? undefined,
    until: o.until ?? undefined,
    inputName: (i) => names[i] ?? '',
  });
  let unreadable = 0;
  for (const input of inputs) {
    const name = input === STDIN ? STDIN_NAME : input;
    try {
      const stream = input === STDIN ? stdinInput(io.stdin, name) : openInput(input);
      if (names.length > 0) flow.beginInput();
      names.push(name);
      const result = await readLines(stream, name, { line: (l) => flow.push(l), afterChunk: () => undefined });
      if (result.invalidUtf8) io.warn(`${printable(name)}: not valid UTF-8; invalid bytes were read as U+FFFD`);
      if (result.truncated > 0) io.warn(`${printable(name)}: ${result.truncated} line(s) longer than 16 Mi characters were cut`);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      io.warn(printable(err.message));
      unreadable++;
    }
  }
  const { report } = flow.end();
  const files = names.filter((n) => n !== '');

  if (o.json) io.out.line(JSON.stringify({ files, unreadable, ...report }));
  else if (o.csv) io.out.write(renderFailedRecipientsCsv(report.failedRecipients));
  else if (o.markdown) io.out.write(renderReportMarkdown(report));
  else if (o.html !== null) writeHtml(o.html, renderReportHtml(report, { source: files.join(', ') }));
  else io.out.write(renderText(report, files, makeStyle(io.colour)));
  return unreadable > 0 ? 3 : 0;
}

function checkWritable(path: string): void {
  try {
    fs.closeSync(fs.openSync(path, 'a'));
  } catch (err) {
    throw new UsageError(`cannot write '${path}': ${describeFsError(err)}`);
  }
}

function writeHtml(path: string, html: string): void {
  try {
    fs.writeFileSync(path, html);
  } catch (err) {
    throw new UsageError(`cannot write '${path}': ${describeFsError(err)}`);
  }
}

function renderText(r: DeliveryReport, files: string[], st: Style): string {
  const s = reportSections(r, { maxRows: TEXT_ROWS });
  const out: string[] = [st.bold(printable(`${files.join(', ') || STDIN_NAME}: ${s.headline.replace(/^Delivery report: /, '')}`))];
  if (r.messages === 0 && r.recipients.delivered + r.recipients.bounced + r.recipients.deferred + r.recipients.expired + r.rejected === 0) {
    out.push(st.dim('No mail-server events found: the report reads Postfix, Exim, Sendmail, Exchange message tracking and Cisco/IronPort mail_logs.'));
  }
  out.push('');
  const w = Math.max(...s.summary.map(([k]) => k.length));
  for (const [k, v] of s.summary) out.push(`  ${padEnd(k, w)}  ${printable(v)}`);
  for (const t of s.tables) {
    if (t.rows.length === 0) continue;
    out.push('', st.bold(t.title));
    const widths = t.columns.map((c, i) => Math.min(60, Math.max(c.length, ...t.rows.map((row) => row[i].length))));
    const fmt = (cells: string[]) => '  ' + cells.map((c, i) => {
      const cell = printable(c.length > widths[i] && i < cells.length - 1 ? `${c.slice(0, widths[i] - 1)}…` : c);
      return t.numeric[i] ? cell.padStart(widths[i]) : i === cells.length - 1 ? cell : padEnd(cell, widths[i]);
    }).join('  ');
    out.push(st.dim(fmt(t.columns)));
    for (const row of t.rows) out.push(fmt(row));
    if (t.note) out.push(st.dim(`  (${t.note}; --json lists them all)`));
  }
  return out.join('\n') + '\n';
}
