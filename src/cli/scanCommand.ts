// `smtp-lens scan`: every input streamed line by line through the core's scanner; findings printed as they come.
// An input whose first line opens an email (an `.eml`, an mbox of bounces, a bare DSN) is read a message at a
// time instead, whole, so that its MIME parts are decoded and each bounced recipient gets one finding.
import { codeLabel, createScanner, EmailReader, findingOutcome, findingSummary, isEmailStart, type Direction, type Finding, type ReplyClass } from '../core';
import { atLeast, SEVERITY, UsageError, type Options } from './args';
import { InputError, openInput, readLines, stdinInput } from './input';
import type { Io } from './io';
import { makeStyle, padEnd, printable, type Style } from './terminal';

const STDIN = '-';
const STDIN_NAME = '<stdin>';

/** One finding as a JSON line: flat, with the vocabulary's ids; `line` is 1-based, columns 0-based. */
export interface FindingRecord {
  file: string;
  line: number;
  start: number;
  endLine: number;
  end: number;
  code: number | null;
  enhanced: string | null;
  class: ReplyClass;
  reason: string;
  action: string;
  /** `hard`, `soft` or null (see the vocabulary). */
  bounce: string | null;
  provider: string | null;
  format: string;
  recipient: string | null;
  label: string | null;
  /** `outbound`, `inbound` or null. */
  direction: Direction;
  /** The 1-based line of the refusal this reply only follows from, or null. */
  consequenceOf: { line: number } | null;
  confidence: string;
  text: string;
  summary: string;
  /** The MIME part decoded to read the reply (`base64 text/plain; charset=utf-8 part`); the range is then that part's header lines. */
  decodedFrom: string | null;
}

export function toRecord(file: string, f: Finding): FindingRecord {
  const e = f.explanation;
  return {
    file,
    line: f.range.start.line + 1,
    start: f.range.start.character,
    endLine: f.range.end.line + 1,
    end: f.range.end.character,
    code: e.code,
    enhanced: e.enhanced,
    class: e.class,
    reason: e.reason,
    action: e.action,
    bounce: e.bounce,
    provider: e.provider,
    format: f.format,
    recipient: f.recipient,
    label: f.label?.text ?? null,
    direction: f.direction,
    consequenceOf: f.consequenceOf ? { line: f.consequenceOf.line + 1 } : null,
    confidence: e.confidence,
    text: e.text,
    summary: findingSummary(f),
    decodedFrom: f.decodedFrom ?? null,
  };
}

/** Counts for --summary, kept as the findings go by. */
class Tally {
  files = 0;
  lines = 0;
  findings = 0;
  readonly byClass = new Map<ReplyClass, number>();
  readonly byReason = new Map<string, number>();
  readonly byAction = new Map<string, number>();
  /** `class reason` → count and action, for the readable table. */
  readonly byClassReason = new Map<string, { cls: ReplyClass; reason: string; action: string; count: number }>();

  add(f: Finding): void {
    const e = f.explanation;
    this.findings++;
    bump(this.byClass, e.class);
    bump(this.byReason, e.reason);
    bump(this.byAction, e.action);
    const key = `${e.class} ${e.reason}`;
    const row = this.byClassReason.get(key);
    if (row) row.count++;
    else this.byClassReason.set(key, { cls: e.class, reason: e.reason, action: e.action, count: 1 });
  }
}

function bump<K>(m: Map<K, number>, k: K): void {
  m.set(k, (m.get(k) ?? 0) + 1);
}

function sortedObject<K extends string>(m: Map<K, number>, rank?: (k: K) => number): Record<string, number> {
  const entries = [...m.entries()].sort((a, b) => (rank ? rank(b[0]) - rank(a[0]) : 0) || b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return Object.fromEntries(entries);
}

export async function runScan(o: Options, io: Io): Promise<number> {
  let inputs = o.positionals;
  if (inputs.length === 0) {
    if (io.stdin.isTTY) throw new UsageError('give the files to scan, or - for stdin');
    inputs = [STDIN];
  }
  if (inputs.filter((p) => p === STDIN).length > 1) throw new UsageError("'-' (stdin) can be read only once");

  const st = makeStyle(io.colour);
  const tally = new Tally();
  let unreadable = 0;
  let failed = false;

  for (const input of inputs) {
    const name = input === STDIN ? STDIN_NAME : input;
    const scanner = createScanner();
    let email: EmailReader | null = null;
    const report = (found: readonly Finding[]): void => {
      for (const f of found) {
        const cls = f.explanation.class;
        if (o.minClass && !atLeast(cls, o.minClass)) continue;
        if (o.failOn && atLeast(cls, o.failOn)) failed = true;
        tally.add(f);
        if (o.summary) continue;
        if (o.json) io.out.line(JSON.stringify(toRecord(name, f)));
        else io.out.line(formatRow(name, f, st));
      }
    };
    try {
      const stream = input === STDIN ? stdinInput(io.stdin, name) : openInput(input);
      const lineByLine = (l: string): void => {
        const found = scanner.push(l);
        if (found.length > 0) report(found);
      };
      const sink = {
        // The first line decides; after it, each line costs what it did before.
        line: (l: string): void => {
          if (isEmailStart(l)) {
            const reader = (email = new EmailReader());
            sink.line = (m) => {
              const found = reader.push(m);
              if (found.length > 0) report(found);
            };
          } else {
            sink.line = lineByLine;
          }
          sink.line(l);
        },
        afterChunk: async (): Promise<void> => {
          if (email) report(await email.drain());
          await io.out.drained();
        },
      };
      const result = await readLines(stream, name, sink);
      report(email ? await (email as EmailReader).end() : scanner.end());
      tally.files++;
      tally.lines += result.lines;
      if (result.invalidUtf8) io.warn(`${printable(name)}: not valid UTF-8; invalid bytes were read as U+FFFD`);
      if (result.truncated > 0) io.warn(`${printable(name)}: ${result.truncated} line(s) longer than 16 Mi characters were cut`);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      io.warn(printable(err.message));
      unreadable++;
    }
  }

  if (o.summary) {
    if (o.json) io.out.line(JSON.stringify(summaryRecord(tally, unreadable)));
    else io.out.write(renderSummary(tally, inputs, unreadable, o, st));
  }
  if (unreadable > 0) return 3;
  return failed ? 1 : 0;
}

/** `file:line:col  550 5.1.1  permanent  user-unknown     the mailbox does not exist; do not retry  → jane@…`. */
function formatRow(file: string, f: Finding, st: Style): string {
  const e = f.explanation;
  const where = `${printable(file)}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
  const label = codeLabel(e) || '-';
  // The codes have their own column; a reply with no code and no class keeps its summary's wording. An inbound
  // refusal is said to the operator of this server; a reply that only repeats an earlier refusal says which.
  const said = label !== '-' || e.class !== 'unknown' ? findingOutcome(f) : e.summary;
  const who = f.recipient ? st.dim(`  → ${printable(f.recipient)}`) : '';
  const follows = f.consequenceOf ? st.dim(`  (follows from line ${f.consequenceOf.line + 1})`) : '';
  const decoded = f.decodedFrom ? st.dim(`  [decoded from the ${printable(f.decodedFrom)}]`) : '';
  return `${st.dim(where)}  ${st.cls(e.class, padEnd(label, 11))}  ${st.cls(e.class, padEnd(e.class, 12))}  ${padEnd(e.reason, 18)}  ${printable(said)}${who}${follows}${decoded}`;
}

function summaryRecord(t: Tally, unreadable: number): object {
  return {
    files: t.files,
    unreadable,
    lines: t.lines,
    findings: t.findings,
    byClass: sortedObject(t.byClass, (k) => SEVERITY[k]),
    byReason: sortedObject(t.byReason),
    byAction: sortedObject(t.byAction),
  };
}

function plural(n: number, one: string, many = one + 's'): string {
  return `${n} ${n === 1 ? one : many}`;
}

function renderSummary(t: Tally, inputs: string[], unreadable: number, o: Options, st: Style): string {
  const where = inputs.length === 1 && unreadable === 0
    ? printable(inputs[0] === STDIN ? STDIN_NAME : inputs[0])
    : `${plural(t.files, 'file')}${unreadable ? ` (${unreadable} unreadable)` : ''}`;
  const filter = o.minClass ? ` (${o.minClass} or more severe)` : '';
  const out = [st.bold(`${where}: ${plural(t.lines, 'line')}, ${plural(t.findings, 'SMTP reply', 'SMTP replies')}${filter}`)];
  const classes = [...t.byClass.keys()].sort((a, b) => SEVERITY[b] - SEVERITY[a]);
  const rows = [...t.byClassReason.values()];
  const width = Math.max(6, ...rows.map((r) => r.reason.length)) + 2;
  const countWidth = String(t.findings).length;
  for (const cls of classes) {
    out.push('', st.bold(st.cls(cls, `${padEnd(cls, width)}  ${String(t.byClass.get(cls)).padStart(countWidth)}`)));
    for (const r of rows.filter((x) => x.cls === cls).sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : 1))) {
      out.push(`  ${padEnd(r.reason, width - 2)}  ${String(r.count).padStart(countWidth)}  ${st.dim(r.action)}`);
    }
  }
  return out.join('\n') + '\n';
}
