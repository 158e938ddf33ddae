// The problems scan of one document, as plain data in and out: lines in, the listed problems out. No `vscode` here:
// it runs in a worker beside the extension host (src/extension/problemsWorker.*.ts), so that the scan's garbage and
// its collections never pause the editor, and in the extension host itself where no worker can start.
import { createProblemScan, createScanner, problemOf, type Direction, type Finding, type LineScanner, type Problem, type ProblemKind, type ProblemScan, type Range, type ReplyClass } from '../core';

/** VS Code's DiagnosticSeverity values (0 error, 1 warning, 2 information, 3 hint); null: not listed. */
export type Level = 0 | 1 | 2 | 3 | null;

/** The severity of each kind of problem, from the settings. */
export interface Levels {
  /** A permanent failure (5XX) of a remote server's. */
  permanent: Level;
  /** A transient failure (4XX): `transientSeverity`. */
  transient: Level;
  /** A refusal by this host's own server: `inboundSeverity`. */
  inbound: Level;
  /** A deferral a later line delivered: `deliveredDeferrals`. */
  deliveredLater: Level;
  /** Retries that broke the backoff guidance: `retryReview`. */
  retryReview: Level;
}

/** A listed problem as plain data: it crosses from a worker to the extension host. */
export interface ProblemData {
  kind: ProblemKind;
  severity: 0 | 1 | 2 | 3;
  range: Range;
  message: string;
  /** What the diagnostic's code links to: the reply, explained again when opened. */
  reason: string;
  code: number | null;
  enhanced: string | null;
  cls: ReplyClass;
  replyText: string;
  direction: Direction;
  related: { range: Range; message: string }[];
}

export interface JobSnapshot {
  lines: number;
  /** Failed replies read (the scan asks for no others). */
  findings: number;
  /** Problems found, listed or not. */
  total: number;
  /** At most `max` of them (one less when some are left out, for the note that says how many): errors first, each severity in document order. */
  listed: ProblemData[];
}

export interface JobOptions {
  /** The time of the document (a syslog line has no year). */
  referenceTime: number;
  levels: Levels;
  /** Most problems listed, the "N more" note included. */
  max: number;
  /**
   * The document's lines: the flow then keeps line numbers, not replies, and reads a recipient's replies again from
   * them (see ProblemScanOptions.lineAt). Without it, replies are kept.
   */
  lineAt?: (line: number) => string;
}

export function levelOf(p: Problem, l: Levels): Level {
  if (p.kind === 'delivered-later') return l.deliveredLater;
  if (p.kind === 'retry-review') return l.retryReview;
  if (p.finding.direction === 'inbound') return l.inbound;
  return p.class === 'permanent' ? l.permanent : l.transient;
}

function toData(p: Problem, severity: 0 | 1 | 2 | 3): ProblemData {
  const f: Finding = p.finding;
  const e = f.explanation;
  return {
    kind: p.kind, severity, range: p.range, message: p.message, reason: e.reason, code: e.code, enhanced: e.enhanced, cls: e.class,
    replyText: f.replyText ?? e.text, direction: f.direction, related: p.related,
  };
}

const byPosition = (a: ProblemData, b: ProblemData) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;

export class ProblemsJob {
  private readonly scanner: LineScanner;
  private readonly tracked: ProblemScan;
  /** Per severity, the first `max` problems, kept as plain data (a problem's finding and explanation are let go). */
  private readonly lists: ProblemData[][] = [[], [], [], []];
  private total = 0;
  private findings = 0;
  private lines = 0;
  private open: readonly Finding[] | null = null;
  /** A problem joined a list since the last snapshot: publishing again would show something new. */
  changed = false;

  constructor(private readonly o: JobOptions) {
    // With the document at hand, an expiry's cause is read again from its lines; else the scanner remembers it.
    this.scanner = createScanner({ facts: false, failuresOnly: true, expiryCauses: o.lineAt === undefined });
    this.tracked = createProblemScan((p) => this.add(p), { referenceTime: o.referenceTime, lineAt: o.lineAt });
  }

  /** The next line of the document. */
  push(line: string): void {
    const found = this.scanner.push(line);
    this.lines++;
    this.findings += found.length;
    this.tracked.push(line, found);
  }

  /** Problems found outside the line scan (a bounce's, read whole): each failure is one. */
  addFindings(found: readonly Finding[]): void {
    this.findings += found.length;
    for (const f of found) {
      const p = problemOf(f);
      if (p) this.add(p);
    }
  }

  /** The document ended: settles what is open until `stop()` says to give the thread back; true when done. */
  end(stop: () => boolean = () => false): boolean {
    if (this.open === null) {
      this.open = this.scanner.end();
      this.findings += this.open.length;
    }
    return this.tracked.endPart(stop, this.open);
  }

  snapshot(): JobSnapshot {
    this.changed = false;
    const room = this.total > this.o.max ? this.o.max - 1 : this.o.max;
    const listed: ProblemData[] = [];
    for (const list of this.lists) {
      list.sort(byPosition);
      for (const d of list) {
        if (listed.length >= room) break;
        listed.push(d);
      }
    }
    return { lines: this.lines, findings: this.findings, total: this.total, listed };
  }

  private add(p: Problem): void {
    const level = levelOf(p, this.o.levels);
    if (level === null) return;
    this.total++;
    const list = this.lists[level];
    if (list.length < this.o.max) {
      list.push(toData(p, level));
      this.changed = true;
    }
  }
}
