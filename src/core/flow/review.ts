import type { Finding, RetrySchedule } from '../types';
import type { ReasonId } from '../vocabulary';
import type { AttemptStatus } from './events';

// Retry review: did the sending server retry a recipient as the seed's guidance says? Exponential backoff (1, 2, 4,
// 8 … minutes, later starts for greylisting, full mailboxes and rate limits: the `retry` schedule of each deferral's
// explanation), stop after 5–10 attempts or about 24 hours for a 4XX, never retry a 5XX.

export type RetryVerdict = 'ok' | 'too-fast' | 'too-long' | 'gave-up-early';

/** The thresholds of the review, as data: the README's CLI section lists them. */
export interface RetryThresholds {
  /** A retry sooner than this share of the advised delay for its step is too fast. */
  tooFastShare: number;
  /** Advised delays are capped here before the share applies: an MTA that retries hourly is never too fast. */
  tooFastCapMinutes: number;
  /** Deferrals longer than this many times the schedule's give-up time (24 h) are too long. */
  tooLongShare: number;
  /** More deferrals than this are too many (the high end of "5–10 attempts"). */
  tooLongDeferrals: number;
  /** A transient failure given up (expired) after fewer deferrals than this … */
  earlyDeferrals: number;
  /** … and sooner than this share of the give-up time gave up early. */
  earlyShare: number;
  /** The give-up time when no deferral's explanation has a schedule. */
  defaultGiveUpHours: number;
}

export const RETRY_THRESHOLDS: RetryThresholds = {
  tooFastShare: 0.5,
  tooFastCapMinutes: 60,
  tooLongShare: 1.25,
  tooLongDeferrals: 10,
  earlyDeferrals: 5,
  earlyShare: 0.5,
  defaultGiveUpHours: 24,
};

/** One attempt as the review reads it: what its reply advises, not the reply (a long queue keeps few bytes). */
export interface ReviewedAttempt {
  time: number;
  status: AttemptStatus;
  line: number;
  /** The retry schedule its reply's explanation advises; null when it advises none (or it had no reply). */
  retry: RetrySchedule | null;
  /** Its reply says waiting does not help: a 5XX, or advice not to retry. */
  permanent: boolean;
  /** Its reply's reason, `unknown` without one. */
  reason: ReasonId;
}

/** What the review needs of an attempt's reply. */
export function adviceOf(f: Finding | null): Pick<ReviewedAttempt, 'retry' | 'permanent' | 'reason'> {
  if (!f) return { retry: null, permanent: false, reason: 'unknown' };
  const e = f.explanation;
  return { retry: e.retry, permanent: e.class === 'permanent' || e.action === 'do-not-retry', reason: e.reason };
}

export interface RetryReview {
  verdict: RetryVerdict;
  /** One sentence: what was wrong, or that the retries followed the schedule. */
  why: string;
  /** Seconds between consecutive attempts. */
  intervals: number[];
  deferrals: number;
  /** Lines (0-based) of the attempts that broke the rule: retried too soon, retried after a permanent failure. */
  lines: number[];
}

const MINUTE = 60_000;
const HOUR = 3_600_000;

function minutes(ms: number): string {
  if (ms < MINUTE) return `${Math.round(ms / 1000)} s`;
  if (ms < 2 * HOUR) return `${Math.round(ms / MINUTE)} min`;
  return `${(ms / HOUR).toFixed(1)} h`;
}

/**
 * Reviews the attempts of one recipient (in time order). Null when it was never deferred: nothing was retried.
 * `startSeen`: the log shows the message arrive, so its first attempts are not before the log began.
 */
export function reviewRetries(attempts: readonly ReviewedAttempt[], expired: boolean, startSeen: boolean, t: RetryThresholds = RETRY_THRESHOLDS): RetryReview | null {
  const deferrals = attempts.filter((a) => a.status === 'deferred');
  if (deferrals.length === 0) return null;
  const intervals: number[] = [];
  const fast: number[] = [];
  const hardRetried: number[] = [];
  let step = 0;
  let fastest = Infinity;
  for (let i = 1; i < attempts.length; i++) {
    const prev = attempts[i - 1];
    const gap = attempts[i].time - prev.time;
    // A log slightly out of order (two processes writing) has no meaningful interval there.
    if (!Number.isFinite(gap) || gap < 0) continue;
    intervals.push(Math.round(gap / 1000));
    if (prev.status !== 'deferred') continue;
    if (prev.permanent) hardRetried.push(attempts[i].line);
    const s = prev.retry;
    if (s) {
      const advised = Math.min(s.delaysMinutes[Math.min(step, s.delaysMinutes.length - 1)], t.tooFastCapMinutes) * MINUTE;
      if (gap < t.tooFastShare * advised) {
        fast.push(attempts[i].line);
        fastest = Math.min(fastest, gap);
      }
    }
    step++;
  }
  const first = deferrals[0];
  const last = attempts[attempts.length - 1];
  const span = last.time - first.time;
  const giveUp = (first.retry?.giveUpAfterHours ?? t.defaultGiveUpHours) * HOUR;
  const base = { intervals, deferrals: deferrals.length };
  if (hardRetried.length > 0) {
    return { ...base, verdict: 'too-long', lines: hardRetried, why: `retried ${hardRetried.length} time(s) after a permanent failure (${first.reason}): it does not heal by waiting` };
  }
  if (fast.length > 0) {
    return { ...base, verdict: 'too-fast', lines: fast, why: `${fast.length} retr${fast.length === 1 ? 'y' : 'ies'} sooner than half the advised backoff, the quickest after ${minutes(fastest)}` };
  }
  if (span > t.tooLongShare * giveUp || deferrals.length > t.tooLongDeferrals) {
    return { ...base, verdict: 'too-long', lines: [last.line], why: `deferred ${deferrals.length} times over ${minutes(span)}: give up after ${t.tooLongDeferrals} attempts or about ${Math.round(giveUp / HOUR)} hours` };
  }
  if (expired && startSeen && deferrals.length < t.earlyDeferrals && span < t.earlyShare * giveUp) {
    return { ...base, verdict: 'gave-up-early', lines: [last.line], why: `expired after ${deferrals.length} deferral(s) in ${minutes(span)}: a transient failure deserves ${t.earlyDeferrals} attempts or about ${Math.round(giveUp / HOUR)} hours` };
  }
  return { ...base, verdict: 'ok', lines: [], why: `${deferrals.length} deferral(s) over ${minutes(span)}, retried with backoff` };
}
