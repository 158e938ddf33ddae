// Which replies of a document a person should act on, and where: one problem per recipient, for what finally
// became of it, instead of one per line. A deferral that a later line of the same file delivered is no warning; a
// recipient deferred four times, then bounced, is one error with its earlier attempts beside it. The extension's
// diagnostics turn these into VS Code diagnostics; nothing here knows VS Code.
import { codeLabel } from './explain';
import { createFlow, type Attempt, type RecipientTrail } from './flow';
import { renderDiagnosticMessage } from './render';
import { createScanner } from './scan';
import type { Finding, Range } from './types';

/**
 * - `failure`: a failed reply that no recipient's trail holds (a transcript, a bounce, a refusal before queueing,
 *   a line of an MTA the flow does not follow);
 * - `outcome`: a recipient's final state when it failed: bounced, expired, or still deferred when the file ends;
 * - `delivered-later`: a deferral of a recipient that a later line of the file delivered;
 * - `retry-review`: attempts of a recipient that broke the backoff guidance (too fast, too long, gave up early).
 */
export type ProblemKind = 'failure' | 'outcome' | 'delivered-later' | 'retry-review';

export interface RelatedProblemLine {
  range: Range;
  message: string;
}

export interface Problem {
  kind: ProblemKind;
  /** The reply the problem is about: its explanation is the problem's. */
  finding: Finding;
  range: Range;
  message: string;
  /** Failed for good, or not yet: with the finding's direction, this decides the severity. */
  class: 'permanent' | 'transient';
  /** The recipient's other attempts, in file order. */
  related: RelatedProblemLine[];
}

/** Reads a document's lines with the findings the scanner made of them; problems go to the sink as they are known. */
export interface ProblemScan {
  push(line: string, findings: readonly Finding[]): void;
  /** The document ended (with the findings the scanner still held open): recipients still waiting are deferred. */
  end(findings?: readonly Finding[]): void;
  /**
   * `end` in parts, for an editor: the messages still open settle until `stop()` says to give the thread back; true
   * when the document is done, else call it again (the end of a log that never says a message is done holds all).
   */
  endPart(stop: () => boolean, findings?: readonly Finding[]): boolean;
}

/** A recipient retried hundreds of times lists its latest attempts only. */
export const MAX_RELATED = 20;

const FAILED_STATES = new Set<RecipientTrail['state']>(['bounced', 'expired', 'deferred']);

const STATE_NOTES: Readonly<Partial<Record<RecipientTrail['state'], (deferrals: number) => string>>> = {
  bounced: (n) => (n > 0 ? `bounced after ${n} deferral${n === 1 ? '' : 's'}` : ''),
  expired: (n) => `expired in the queue after ${n} deferral${n === 1 ? '' : 's'}`,
  deferred: (n) => `still deferred where the file ends${n > 1 ? ` (${n} attempts)` : ''}`,
};

/**
 * The problem a failed reply is by itself (one no recipient's trail holds): none for a success, a reply that only
 * follows from an earlier refusal (its cause is the problem), or no failure. A reply that opens with a 2XX or 3XX
 * code is told without its explanation: a transcript's many `250`s make none.
 */
export function problemOf(f: Finding): Problem | null {
  if (f.consequenceOf || (f.codeRange !== null && (f.replyText?.[0] === '2' || f.replyText?.[0] === '3'))) return null;
  const c = f.explanation.class;
  if (c !== 'permanent' && c !== 'transient') return null;
  return { kind: 'failure', finding: f, range: f.range, class: c, related: [], message: renderDiagnosticMessage(f) };
}

/** A recipient's replies, by line: those of its attempts and of its final line. */
type Replies = (r: RecipientTrail) => ReadonlyMap<number, Finding>;

/** The replies the flow kept for each recipient. */
const keptReplies: Replies = (r) => {
  const out = new Map<number, Finding>();
  for (const a of r.attempts) if (a.finding) out.set(a.line, a.finding);
  const last = r.finalFinding ?? r.finding;
  if (r.finalLine !== null && last) out.set(r.finalLine, last);
  return out;
};

/** Lines of a trail read again: the latest attempts (as many as are shown), and the final line. */
const REREAD = MAX_RELATED + 2;

/**
 * The replies read again from the document, each recipient's in file order: a Postfix expiry line then carries the
 * last deferral's reply (the scanner remembers it by queue id), as it did in the document.
 */
function rereadReplies(lineAt: (line: number) => string): Replies {
  // One scanner for every reread (a new one per recipient costs more than the line it reads); it numbers what it
  // reads from 0, so `read` counts.
  const scanner = createScanner({ facts: false });
  let read = 0;
  return (r) => {
    const wanted = new Set<number>();
    for (const a of r.attempts) wanted.add(a.line);
    if (r.finalLine !== null) wanted.add(r.finalLine);
    const lines = [...wanted].sort((a, b) => a - b).slice(-REREAD);
    const out = new Map<number, Finding>();
    for (const line of lines) {
      const at = read++;
      const found = scanner.push(lineAt(line));
      const f = found.find((x) => x.range.start.line === at && x.label) ?? found.find((x) => x.range.start.line === at);
      if (!f) continue;
      // A finding of this private scanner, moved to its line in the document (no one else holds it).
      for (const rg of [f.range, f.codeRange, f.enhancedRange]) {
        if (!rg) continue;
        rg.start.line += line - at;
        rg.end.line += line - at;
      }
      out.set(line, f);
    }
    return out;
  };
}

function related(attempts: readonly Attempt[], replies: ReadonlyMap<number, Finding>, except: number): RelatedProblemLine[] {
  const out: RelatedProblemLine[] = [];
  for (let i = attempts.length - 1; i >= 0 && out.length < MAX_RELATED; i--) {
    const a = attempts[i];
    const f = replies.get(a.line);
    if (a.line === except || !f) continue;
    const e = f.explanation;
    out.push({ range: f.range, message: `${a.status} (line ${a.line + 1}): ${codeLabel(e) || e.reason} ${e.reason.replace(/-/g, ' ')}` });
  }
  return out.reverse();
}

/** The problems of one recipient whose fate is known: its failure, or hints on deferrals delivered later; its retry review. */
function recipientProblems(r: RecipientTrail, replies: ReadonlyMap<number, Finding>, sink: (p: Problem) => void): void {
  const deferrals = r.attempts.filter((a) => a.status === 'deferred');
  if (r.state === 'delivered' || r.state === 'forwarded') {
    for (const a of deferrals) {
      const f = replies.get(a.line);
      if (!f || r.finalLine === null) continue;
      const label = codeLabel(f.explanation);
      sink({ kind: 'delivered-later', finding: f, range: f.range, class: 'transient', related: [],
        message: `${label ? `${label} ` : ''}deferred, delivered at line ${r.finalLine + 1} ${r.address}` });
    }
  } else if (FAILED_STATES.has(r.state)) {
    const f = r.finalLine !== null ? replies.get(r.finalLine) : undefined;
    if (f) {
      const note = STATE_NOTES[r.state]?.(deferrals.length) ?? '';
      sink({ kind: 'outcome', finding: f, range: f.range, class: r.state === 'deferred' ? 'transient' : 'permanent',
        related: related(r.attempts, replies, r.finalLine ?? -1), message: note ? `${renderDiagnosticMessage(f)} — ${note}` : renderDiagnosticMessage(f) });
    }
  }
  const review = r.review;
  if (review && review.verdict !== 'ok') {
    // One entry per recipient, on the first attempt that broke the rule; the others beside it.
    const broke = review.lines.flatMap((line) => {
      const f = replies.get(line);
      return f ? [{ line, f }] : [];
    });
    if (broke.length > 0) {
      sink({ kind: 'retry-review', finding: broke[0].f, range: broke[0].f.range, class: 'transient',
        related: broke.slice(1, MAX_RELATED + 1).map((b) => ({ range: b.f.range, message: `${review.verdict} (line ${b.line + 1})` })),
        message: `Retry review (${review.verdict}) for ${r.address}: ${review.why}` });
    }
  }
}

export interface ProblemScanOptions {
  /** The time of the document (a syslog line has no year). */
  referenceTime?: number;
  /**
   * The document's lines, for an editor that has it at hand: the flow then keeps no reply (only line numbers), and a
   * recipient's replies are read again from its lines when its fate is known. Without it, the replies are kept.
   */
  lineAt?: (line: number) => string;
}

/**
 * Follows each message through the document by its queue id (`src/core/flow`): a reply the flow gives to a
 * recipient's attempt waits for that recipient's final state; every other failed reply is a problem as it is read.
 */
export function createProblemScan(sink: (p: Problem) => void, options: ProblemScanOptions = {}): ProblemScan {
  const replies = options.lineAt ? rereadReplies(options.lineAt) : keptReplies;
  const flow = createFlow({
    scan: false, report: false, keepReplies: options.lineAt === undefined, referenceTime: options.referenceTime,
    onRecipient: (_m, r) => recipientProblems(r, replies(r), sink),
  });
  let lineNo = 0;
  let ending = false;
  return {
    push(line, findings) {
      const at = lineNo++;
      const claimed = flow.push(line, findings);
      for (const f of findings) {
        // The flow takes the replies of its own line; a reply that ends here but began earlier (a transcript) is not its.
        if (claimed && f.range.start.line === at) continue;
        const p = problemOf(f);
        if (p) sink(p);
      }
    },
    end(findings = []) {
      this.endPart(() => false, findings);
    },
    endPart(stop, findings = []) {
      if (!ending) {
        ending = true;
        for (const f of findings) {
          const p = problemOf(f);
          if (p) sink(p);
        }
      }
      return flow.endPart(stop) !== null;
    },
  };
}
