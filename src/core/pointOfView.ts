import { INBOUND_ADVICE, type InboundAdvice } from './data/inbound';
import { REASONS } from './data/reasons';
import { ACTION_PHRASES, CLASS_TITLES, outcomeLine } from './explain';
import type { Direction, Explanation, Finding } from './types';

// Who reads the advice: the sender of a refused message (outbound: a remote server answered this host), or
// the operator of the refusing server (inbound: this host's server refused a client). Every surface asks
// here, so the hover, the problem text and the CLI say the same to the same person.

/** What the scanner knows of a reply's place in its document. */
export interface ReplyContext {
  direction: Direction;
  consequenceOf: { line: number } | null;
}

export interface Guidance {
  /** Who the advice is for. */
  audience: 'sender' | 'operator';
  /** Short, lower-case: `do not retry`, `act on many failures from one address`. */
  phrase: string;
  /** What to do, in sentences. */
  advice: string;
}

/** The operator's row of an inbound failure; null when the reply is no failure of this server's, or not inbound. */
export function inboundAdvice(e: Explanation, direction: Direction): InboundAdvice | null {
  if (direction !== 'inbound' || (e.class !== 'permanent' && e.class !== 'transient')) return null;
  return INBOUND_ADVICE[e.reason] ?? INBOUND_ADVICE.unknown ?? null;
}

export function guidance(e: Explanation, direction: Direction): Guidance {
  const row = inboundAdvice(e, direction);
  if (row) return { audience: 'operator', phrase: row.actShort, advice: `${row.means} ${row.act}` };
  return { audience: 'sender', phrase: ACTION_PHRASES[e.action], advice: e.advice };
}

/** One sentence on whose reply this is, for the hover and the explanation document; null when the context does not say. */
export function viewpoint(e: Explanation, direction: Direction): string | null {
  if (direction === 'outbound') return 'Outbound: a remote server answered this host; the advice is for the sender.';
  if (direction !== 'inbound') return null;
  return inboundAdvice(e, direction)
    ? "Inbound: this host's server refused a client that connected to it; the advice is for this server's operator."
    : "Inbound: this host's server answering a client that connected to it.";
}

/** `Follows from line 28: …`; lines are 1-based here, as people count them. */
export function consequenceNote(c: { line: number }): string {
  return `Follows from line ${c.line + 1}: every recipient (or the sender) was refused there, so this reply only repeats that failure. Fix the cause on line ${c.line + 1}; this one then goes away.`;
}

/** The outcome after the codes, for one-line outputs: the sender's wording, or the operator's for an inbound refusal. */
export function findingOutcome(f: Pick<Finding, 'direction' | 'explanation'>): string {
  const e = f.explanation;
  const row = inboundAdvice(e, f.direction);
  if (row) return `${CLASS_TITLES[e.class]} (inbound): ${row.short}; ${row.actShort}`;
  const outcome = outcomeLine(e.class, e.reason, e.action);
  return e.bounce ? `${outcome} (${e.bounce} bounce)` : outcome;
}

/** The explanation's summary, said to the person reading: for an inbound refusal, its operator. */
export function findingSummary(f: Pick<Finding, 'direction' | 'explanation'>): string {
  const e = f.explanation;
  const row = inboundAdvice(e, f.direction);
  if (!row) return e.summary;
  const label = [e.code, e.enhanced].filter((x) => x !== null).join(' ');
  return `${label || 'No reply code'} — refused by this server (inbound): ${row.short}; ${row.actShort}`;
}

/** The reason as a problem text says it: `user unknown`, and `unknown` as what it means (not "user unknown"). */
export function reasonWords(e: Explanation): string {
  return e.reason === 'unknown' ? REASONS.unknown.title : e.reason.replace(/-/g, ' ');
}
