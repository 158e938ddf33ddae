import type { Finding, RetrySchedule } from '../types';
import type { ReasonId } from '../vocabulary';
import type { AttemptStatus, LinkKind, MtaId } from './events';
import type { RetryReview } from './review';

// The flow: messages, their recipients, each recipient's attempts and final state. What the report counts and
// what an editor shows (highlights, outline, one problem per recipient) are read from these.

/**
 * Where a recipient ended: `delivered`, `bounced` (refused for good), `expired` (the queue lifetime ran out),
 * `deferred` (still queued when the log ends), `forwarded` (handed to another message in this log: a content
 * filter's re-injection, an alias forward), `rejected` (refused before it was queued), `unknown` (the log
 * names the recipient but not its fate).
 */
export type RecipientState = 'delivered' | 'bounced' | 'expired' | 'deferred' | 'forwarded' | 'rejected' | 'unknown';

/** From least to most worrying: the outline shows a message's worst. */
export const STATE_SEVERITY: Readonly<Record<RecipientState, number>> = {
  delivered: 0, forwarded: 0, unknown: 1, deferred: 2, expired: 3, rejected: 4, bounced: 4,
};

export interface Attempt {
  /** The input (file) it is in: 0 for a single document. */
  input: number;
  /** 0-based line. */
  line: number;
  /** Wall-clock ms of the log (NaN: the line has no time). */
  time: number;
  status: AttemptStatus;
  /** The host it went to, as the log names it. */
  relay: string | null;
  /**
   * The reply, as the scanner found it on the attempt's line (or on IronPort's `Response` line). Kept when the flow
   * retains messages; else null once read (a message deferred a hundred times would keep a hundred explanations).
   */
  finding: Finding | null;
  /** What its reply advises, for the retry review: the retry schedule, … */
  retry: RetrySchedule | null;
  /** … whether waiting helps at all (false for a 5XX or advice not to retry), … */
  permanent: boolean;
  /** … and its reason (`unknown` without a reply). */
  reason: ReasonId;
}

export interface RecipientTrail {
  address: string;
  /** Its domain, lower-case (`(local)` for an address without one): the report's key. */
  domain: string;
  state: RecipientState;
  /** In log order. */
  attempts: Attempt[];
  /**
   * The line that decided the state: the delivery, the bounce, the expiry (Postfix's qmgr line), the rejection;
   * for `deferred`, the last deferral. Null when none did.
   */
  finalLine: number | null;
  finalInput: number;
  /** The time of that line (NaN: none). */
  finalTime: number;
  /** The reply that explains the state: for `expired`, the last deferral's (the cause), not the expiry's. */
  finding: Finding | null;
  /** The reply on `finalLine` itself (for `expired`, the expiry line's): where an editor puts the recipient's problem. */
  finalFinding: Finding | null;
  /** Null when it was never deferred. */
  review: RetryReview | null;
}

export type MessageOrigin = 'received' | 'notification' | 'requeued' | 'unknown';

export interface MessageTrail {
  queueId: string;
  host: string;
  mta: MtaId;
  input: number;
  /** Every line of the message, 0-based, in order (kept when the flow retains messages). */
  lines: number[];
  firstTime: number;
  lastTime: number;
  /** `''` for the null sender `<>`; null: not in the log. */
  sender: string | null;
  messageId: string | null;
  /** `received` over SMTP or locally; a `notification` (bounce, delay) the server made; `requeued` by a content filter. */
  origin: MessageOrigin;
  /** It entered the queue (Postfix's qmgr saw it, Exim's `<=` …). */
  queued: boolean;
  /** The log says it is done (Postfix `removed`, Exim `Completed` …). */
  completed: boolean;
  /** Refused as a whole before it was queued (cleanup header checks, a milter at end of data). */
  rejected: boolean;
  recipients: RecipientTrail[];
  /** The most worrying state of its recipients (see STATE_SEVERITY); null without recipients. */
  worst: RecipientState | null;
  /** The messages it made: bounce and delay notifications, re-queued copies. */
  children: { queueId: string; kind: LinkKind }[];
  /** The message this one is a notification or re-queued copy of. */
  parent: string | null;
}

/** A refusal before queueing (Postfix NOQUEUE, Exim and Sendmail ACLs, IronPort policies). */
export interface Rejection {
  input: number;
  line: number;
  time: number;
  queueId: string | null;
  recipient: string | null;
  sender: string | null;
  finding: Finding | null;
}
