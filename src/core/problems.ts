// Which replies of a document a person should act on, and where: one problem per recipient, for what finally
// became of it, instead of one per line. A deferral that a later line of the same file delivered is no warning; a
// recipient deferred four times, then bounced, is one error with its earlier attempts beside it. The extension's
// diagnostics turn these into VS Code diagnostics; nothing here knows VS Code.
import { codeLabel } from './explain';
import { createFlow, type Attempt, type RecipientTrail } from './flow';
import { renderDiagnosticMessage } from './render';
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

function related(attempts: readonly Attempt[], except: number): RelatedProblemLine[] {
  const out: RelatedProblemLine[] = [];
  for (let i = attempts.length - 1; i >= 0 && out.length < MAX_RELATED; i--) {
    const a = attempts[i];
    if (a.line === except || !a.finding) continue;
    const e = a.finding.explanation;
    out.push({ range: a.finding.range, message: `${a.status} (line ${a.line + 1}): ${codeLabel(e) || e.reason} ${e.reason.replace(/-/g, ' ')}` });
  }
  return out.reverse();
}

/** The problems of one recipient whose fate is known: its failure, or hints on deferrals delivered later; its retry review. */
function recipientProblems(r: RecipientTrail, sink: (p: Problem) => void): void {
  {
    const deferrals = r.attempts.filter((a) => a.status === 'deferred');
    if (r.state === 'delivered' || r.state === 'forwarded') {
      for (const a of deferrals) {
        if (!a.finding || r.finalLine === null) continue;
        const label = codeLabel(a.finding.explanation);
        sink({ kind: 'delivered-later', finding: a.finding, range: a.finding.range, class: 'transient', related: [],
          message: `${label ? `${label} ` : ''}deferred, delivered at line ${r.finalLine + 1} ${r.address}` });
      }
    } else if (FAILED_STATES.has(r.state)) {
      const f = r.finalFinding ?? r.finding;
      if (f) {
        const note = STATE_NOTES[r.state]?.(deferrals.length) ?? '';
        sink({ kind: 'outcome', finding: f, range: f.range, class: r.state === 'deferred' ? 'transient' : 'permanent',
          related: related(r.attempts, r.finalLine ?? -1), message: note ? `${renderDiagnosticMessage(f)} — ${note}` : renderDiagnosticMessage(f) });
      }
    }
    const review = r.review;
    if (review && review.verdict !== 'ok') {
      // One entry per recipient, on the first attempt that broke the rule; the others beside it.
      const broke = review.lines.map((line) => r.attempts.find((x) => x.line === line && x.finding)).filter((a): a is Attempt & { finding: Finding } => a !== undefined);
      if (broke.length > 0) {
        sink({ kind: 'retry-review', finding: broke[0].finding, range: broke[0].finding.range, class: 'transient',
          related: broke.slice(1, MAX_RELATED + 1).map((a) => ({ range: a.finding.range, message: `${review.verdict} (line ${a.line + 1})` })),
          message: `Retry review (${review.verdict}) for ${r.address}: ${review.why}` });
      }
    }
  }
}

/**
 * Follows each message through the document by its queue id (`src/core/flow`): a reply the flow gives to a
 * recipient's attempt waits for that recipient's final state; every other failed reply is a problem as it is read.
 * `referenceTime`: the time of the document (a syslog line has no year).
 */
export function createProblemScan(sink: (p: Problem) => void, options: { referenceTime?: number } = {}): ProblemScan {
  const flow = createFlow({ scan: false, report: false, referenceTime: options.referenceTime, onRecipient: (_m, r) => recipientProblems(r, sink) });
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
